"""Project-level read queries that combine the apps (the home page)."""

from django.db.models import Count

from koplopers.models import Koploper
from pacts.models import Action, Pact
from regels.constants import CaseStatus
from regels.models import Case

from .demo_data import PROGRAMME_FIGURES
from .models import Organisation, Province, Theme
from .pagecache import fragment

# Province positions on the tile map (row, column): drawn by the project, no external geodata.
TILE_POSITIONS = {
    "FR": (1, 2), "GR": (1, 3), "NH": (2, 1), "FL": (2, 2), "DR": (2, 3), "ZH": (3, 1),
    "UT": (3, 2), "OV": (3, 3), "ZE": (4, 1), "NB": (4, 2), "GE": (4, 3), "LI": (5, 3),
}


def key_figures() -> dict[str, int]:
    return {
        "pacts": Pact.objects.count(),
        "organisations": Organisation.objects.count(),
        "actions": Action.objects.active().count(),
        "koplopers": Koploper.objects.published().count(),
        "cases": Case.objects.filter(status=CaseStatus.PUBLISHED).count(),
        "themes": Theme.objects.count(),
    }


def province_tiles() -> list[dict]:
    provinces = Province.objects.annotate(pact_count=Count("pacts", distinct=True)).order_by("name")
    return [
        {"province": p, "pact_count": p.pact_count, "row": TILE_POSITIONS[p.code][0], "col": TILE_POSITIONS[p.code][1]}
        for p in provinces
        if p.code in TILE_POSITIONS
    ]


def themes_with_counts():
    # Correlated counts (see themes.py): joining koplopers and pacts in one query multiplies the rows.
    from .themes import themes_with_all_counts

    return themes_with_all_counts()


def home_context() -> dict:
    return {
        "figures": fragment("home:figures", key_figures),
        # Historical facts with their source, next to (never instead of) the live counts above.
        "programme_figures": PROGRAMME_FIGURES,
        "tiles": fragment("home:tiles", province_tiles),
        "themes": fragment("home:themes", lambda: list(themes_with_counts())),
        "newest_koplopers": Koploper.objects.published().order_by("-created_at", "name")[:4],
        "newest_cases": Case.objects.filter(status=CaseStatus.PUBLISHED).order_by("-published_at")[:4],
    }
