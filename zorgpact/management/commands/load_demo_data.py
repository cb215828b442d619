from django.conf import settings
from django.core.management.base import BaseCommand

from zorgpact.core.pagecache import bump_generation
from zorgpact.demo.loader import load_demo_data


class Command(BaseCommand):
    help = "Load the demo data from the published sources (idempotent) and the demo accounts (DEBUG only)."

    def handle(self, *args, **options):
        counts = load_demo_data()
        bump_generation()  # cached public pages show the new data at once
        for label, n in counts.items():
            self.stdout.write(f"{label}: {n}")
        if not settings.DEBUG:
            # DEBUG is off unless set: say why there is nothing to sign in with, rather than leave it a mystery.
            self.stdout.write("demo accounts: not created, DEBUG is off (make run turns it on)")
