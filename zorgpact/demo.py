"""Loads the demo data; idempotent: a second run changes no counts."""

from django.conf import settings
from django.db import transaction

from . import demo_data
from .demo_accounts import DEMO_ACCOUNTS
from .models import Organisation, Theme, User


@transaction.atomic
def load_demo_data() -> dict[str, int]:
    for theme in demo_data.THEMES:
        Theme.objects.update_or_create(slug=theme["slug"], defaults={k: v for k, v in theme.items() if k != "slug"})
    if settings.DEBUG:
        create_demo_accounts()
    return {
        "themes": Theme.objects.count(),
        "organisations": Organisation.objects.count(),
        "users": User.objects.count(),
    }


def create_demo_accounts() -> None:
    if not settings.DEBUG:
        raise RuntimeError("Demo accounts are only created when DEBUG is on.")
    for email, name, _role, extra in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(email=email, defaults={"name": name, **extra})
        if created:
            user.set_password(settings.DEMO_PASSWORD)
            user.save(update_fields=["password"])
