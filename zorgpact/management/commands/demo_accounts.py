from django.conf import settings
from django.core.management.base import BaseCommand

from zorgpact.demo.accounts import DEMO_ACCOUNTS
from zorgpact.demo.loader import demo_totp_code


class Command(BaseCommand):
    help = "Print the demo accounts, their password and (DEBUG only) the current code of the staff accounts' app."

    def handle(self, *args, **options):
        self.stdout.write(f"\nDemo accounts (password: {settings.DEMO_PASSWORD}):")
        for email, _name, role, _extra in DEMO_ACCOUNTS:
            self.stdout.write(f"  {email:<28} {role}")
        if settings.DEBUG:
            self.stdout.write(
                f"Staff accounts (VWS, OCW, national team) then ask for an app code: add the key {settings.DEMO_TOTP_SECRET}\n"
                f"to an authenticator app, or run `manage.py demo_accounts` again. Code now: {demo_totp_code()}"
            )
        self.stdout.write("Portal: http://127.0.0.1:8000/\n")
