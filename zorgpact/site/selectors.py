"""Project-level read queries that combine the apps (the home page)."""

from django.db.models import Count, Exists, OuterRef, Q

from koplopers.constants import KoploperStatus
from koplopers.models import Koploper, KoploperPartner
from pacts.models import Action, Pact, Participation
from pacts.selectors import pact_list_queryset
from regels.constants import CaseStatus
from regels.models import Case
from zorgpact.constants import APPLICATION_SOURCE
from zorgpact.core.pagecache import fragment
from zorgpact.demo.scale import SOURCE as SCALE_SOURCE
from zorgpact.models import Organisation, Province, Theme
from zorgpact.sources import PROGRAMME_FIGURES

# Province positions on the tile map (row, column): drawn by the project, no external geodata.
TILE_POSITIONS = {
    "FR": (1, 2),
    "GR": (1, 3),
    "NH": (2, 1),
    "FL": (2, 2),
    "DR": (2, 3),
    "ZH": (3, 1),
    "UT": (3, 2),
    "OV": (3, 3),
    "ZE": (4, 1),
    "NB": (4, 2),
    "GE": (4, 3),
    "LI": (5, 3),
}


def listed_organisations():
    """Organisations the portal counts and lists: real ones, not those that only an unreviewed (or rejected) Kopgroep
    application brought in — they count once the national team accepts the application."""
    accepted = Exists(
        KoploperPartner.objects.filter(organisation=OuterRef("pk"), koploper__status=KoploperStatus.KOPLOPER)
    )
    in_a_pact = Exists(Participation.objects.filter(organisation=OuterRef("pk")))
    return Organisation.objects.filter(Q(is_synthetic=False) & (~Q(source=APPLICATION_SOURCE) | accepted | in_a_pact))


def key_figures() -> dict:
    """Live counts of real records only; the fictional pact and any scale data on their own line ("of which
    fictional")."""

    def split(queryset, fictional: Q) -> tuple[int, int]:
        counts = queryset.aggregate(real=Count("pk", filter=~fictional), fictional=Count("pk", filter=fictional))
        return counts["real"], counts["fictional"]

    synthetic = Q(is_synthetic=True)
    pacts = split(Pact.objects.all(), synthetic)
    organisations = split(
        Organisation.objects.filter(Q(pk__in=listed_organisations().values("pk")) | synthetic), synthetic
    )
    actions = split(Action.objects.active(), Q(pact__is_synthetic=True))
    koplopers = split(Koploper.objects.published(), synthetic)
    cases = split(Case.objects.filter(status=CaseStatus.PUBLISHED), Q(source=SCALE_SOURCE))
    return {
        "pacts": pacts[0],
        "organisations": organisations[0],
        "actions": actions[0],
        "koplopers": koplopers[0],
        "cases": cases[0],
        "themes": Theme.objects.count(),
        "fictional": {
            "pacts": pacts[1],
            "organisations": organisations[1],
            "actions": actions[1],
            "koplopers": koplopers[1],
            "cases": cases[1],
        },
    }


TILE_TOP_LEVEL = 3  # the darkest tile: this many pacts or more


def province_tiles() -> list[dict]:
    provinces = Province.objects.annotate(
        pact_count=Count("pacts", distinct=True, filter=Q(pacts__is_synthetic=False))
    ).order_by("name")
    return [
        {
            "province": p,
            "pact_count": p.pact_count,
            # the tile's colour step (the legend under the map names them): 0, 1, 2, 3 or more pacts
            "level": min(p.pact_count, TILE_TOP_LEVEL),
            "row": TILE_POSITIONS[p.code][0],
            "col": TILE_POSITIONS[p.code][1],
        }
        for p in provinces
        if p.code in TILE_POSITIONS
    ]


def themes_with_counts():
    # Correlated counts (see themes.py): joining koplopers and pacts in one query multiplies the rows.
    from zorgpact.site.themes import themes_with_all_counts

    return themes_with_all_counts()


def pacts_without_province() -> int:
    """Real pacts whose province no source states: the map counts them nowhere, so the page says how many."""
    return Pact.objects.real().filter(provinces__isnull=True).count()


def largest_agendas() -> list:
    return list(pact_list_queryset().real().order_by("-action_count", "name")[:3])


def home_context() -> dict:
    """The home page's parts; its rendered body is kept until any write ({% fragment %}), so on a hit only the
    fragments below are read from the cache (the querysets are never evaluated)."""
    return {
        "figures": fragment("home:figures", key_figures),
        # Historical facts with their source, next to (never instead of) the live counts above.
        "programme_figures": PROGRAMME_FIGURES,
        "tiles": fragment("home:tiles", province_tiles),
        "pacts_without_province": fragment("home:pacts-without-province", pacts_without_province),
        "themes": fragment("home:themes", lambda: list(themes_with_counts())),
        # the same card as the catalogue's: its provinces, pact and themes in one query each, not one per card
        "newest_koplopers": Koploper.objects.published()
        .select_related("pact")
        .prefetch_related("provinces", "themes")
        .order_by("-created_at", "name")[:4],
        # the pact cards of the list page, for the three real pacts with the largest action agendas
        "pacts": fragment("home:pacts", largest_agendas),
        "newest_cases": Case.objects.filter(status=CaseStatus.PUBLISHED).order_by("-published_at")[:4],
    }
