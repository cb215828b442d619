from django.apps import AppConfig


class KoplopersConfig(AppConfig):
    name = "koplopers"

    def ready(self):
        from zorgpact.core import audit

        from .models import Koploper

        audit.watch_coordinators(Koploper)  # role changes go to the security log
