from django.apps import AppConfig


class RegelsConfig(AppConfig):
    name = "regels"
