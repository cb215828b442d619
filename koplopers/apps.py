from django.apps import AppConfig


class KoplopersConfig(AppConfig):
    name = "koplopers"
