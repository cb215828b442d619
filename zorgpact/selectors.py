"""Project-level read queries that combine the apps (the home page's figures)."""

from .models import Organisation, Theme


def key_figures() -> dict[str, int]:
    return {
        "organisations": Organisation.objects.count(),
        "themes": Theme.objects.count(),
    }
