from django.apps import AppConfig


class PactsConfig(AppConfig):
    name = "pacts"
