from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ZorgpactConfig(AppConfig):
    name = "zorgpact"
    verbose_name = _("Zorgpact vocabulary")

    def ready(self):
        from . import audit, lookups

        audit.connect()
        lookups.register()
