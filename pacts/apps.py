from django.apps import AppConfig


class PactsConfig(AppConfig):
    name = "pacts"

    def ready(self):
        from zorgpact.core import audit

        from .models import Pact

        audit.watch_coordinators(Pact)  # role changes go to the security log
