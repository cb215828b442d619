from django.conf import settings
from django.core.management.base import BaseCommand

from zorgpact.demo_accounts import DEMO_ACCOUNTS


class Command(BaseCommand):
    help = "Print the demo accounts and their password."

    def handle(self, *args, **options):
        self.stdout.write("\nDemo accounts (password: %s):" % settings.DEMO_PASSWORD)
        for email, _name, role, _extra in DEMO_ACCOUNTS:
            self.stdout.write(f"  {email:<28} {role}")
        self.stdout.write("Portal: http://127.0.0.1:8000/\n")
