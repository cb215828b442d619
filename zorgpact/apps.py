from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ZorgpactConfig(AppConfig):
    name = "zorgpact"
    verbose_name = _("Zorgpact vocabulary")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from zorgpact import twofactor
        from zorgpact.core import audit, log, lookups, pagecache, search_text

        audit.connect()
        pagecache.connect()
        lookups.register()
        search_text.connect()
        log.connect_celery()
        user_logged_in.connect(twofactor.mark_pending_at_sign_in, dispatch_uid="second-factor-pending")
