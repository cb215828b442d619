from django.apps import AppConfig


class VolgspotConfig(AppConfig):
    name = "volgspot"
