"""AVG requests from the command line: `personal_data export EMAIL` prints the JSON, `personal_data erase EMAIL --yes`."""

import json

from django.core.management.base import BaseCommand, CommandError

from zorgpact.site.privacy import erase_personal_data, personal_data, record_export


class Command(BaseCommand):
    help = "Export (right of access) or erase everything the portal holds about one e-mail address."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("email")
        parser.add_argument("--yes", action="store_true", help="Confirm erasure (it cannot be undone).")

    def handle(self, *args, action: str, email: str, yes: bool, **options):
        if "@" not in email:
            raise CommandError("Give an e-mail address.")
        if action == "export":
            record_export(email)
            self.stdout.write(json.dumps(personal_data(email), ensure_ascii=False, indent=2))
            return
        if not yes:
            raise CommandError("Erasure cannot be undone: add --yes to confirm.")
        counts = erase_personal_data(email=email)
        self.stdout.write(json.dumps(counts))
