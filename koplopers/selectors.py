"""Read queries for the koplopers catalogue and detail: a fixed number of queries whatever the data size."""

from collections import defaultdict

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from pacts.models import Pact
from pacts.selectors import group_by_pillar
from zorgpact.constants import NOT_KNOWN, UNKNOWN
from zorgpact.core.listing import FacetRows, Listing, cached_facets, filter_state, paginate, query_without_page
from zorgpact.models import Province, Theme

from .constants import NO, SUSTAIN_FIELDS, YES
from .filters import SCHOOL_LEVEL_CHOICES, YES_CHOICES, YES_NO_UNKNOWN_CHOICES, KoploperFilterSet
from .models import Adoption, Koploper, KoploperPartner

# The pact facet could list every pact at scale: show the ones with most koplopers.
PACT_FACET_LIMIT = 10
CATALOGUE_PAGE_SIZE = 18


def catalogue_queryset():
    return (
        Koploper.objects.published()
        .with_adoption_count()
        .select_related("pact")
        .prefetch_related("themes", "provinces")
        .order_by("name")
    )


def _partner_counts(queryset, field: str) -> dict[str, int]:
    rows = (
        KoploperPartner.objects.filter(koploper__in=queryset.values("pk"))
        .order_by()
        .values_list(f"organisation__{field}")
        .annotate(n=Count("koploper", distinct=True))
    )
    if field == "pillar":  # a partner's side may be not known (null): a facet value of its own
        return {UNKNOWN if value is None else value: n for value, n in rows}
    return {value: n for value, n in rows if value}


def catalogue(filterset: KoploperFilterSet, *, page: str | None, language: str) -> Listing:
    """The catalogue page from cleaned values: a page of results, every facet with, per value, the number of results
    choosing it would give (other facets applied), and the filter state for the links."""
    state = filter_state(filterset)
    keep = filterset.is_valid() and "q" not in state
    return Listing(
        page=paginate(filterset.qs, page, per_page=CATALOGUE_PAGE_SIZE),
        facets=cached_facets(
            "koplopers", state, language=language, keep=keep, build=lambda: _facet_rows(filterset, state)
        ),
        query=query_without_page(state),
        storable=keep,
    )


def _facet_rows(filterset: KoploperFilterSet, state: dict[str, str]) -> FacetRows:
    without = {key: filterset.queryset_without(key).order_by().values("pk") for key in filterset.FACETS}

    themes = Theme.objects.filter(koplopers__in=without["theme"]).annotate(n=Count("koplopers")).order_by("name")
    theme_rows = list(themes.values_list("slug", "name", "n"))
    provinces = Province.objects.filter(koplopers__in=without["province"]).annotate(n=Count("koplopers"))
    province_rows = list(provinces.order_by("name").values_list("code", "name", "n"))
    pact_rows = list(
        Pact.objects.filter(koplopers__in=without["pact"])
        .annotate(n=Count("koplopers"))
        .order_by("-n", "name")
        .values_list("slug", "name", "n")[:PACT_FACET_LIMIT]
    )
    selected_pact = state.get("pact", "")
    if selected_pact and selected_pact not in {slug for slug, _name, _n in pact_rows}:
        # The chosen pact stays visible (and can be unticked) even when it is not among the top ones.
        pact_rows += list(
            Pact.objects.filter(slug=selected_pact[:200])
            .annotate(n=Count("koplopers", filter=Q(koplopers__in=without["pact"])))
            .values_list("slug", "name", "n")
        )

    def rows(values):
        return [(v, label) for v, label, _n in values], {v: n for v, _label, n in values}

    return [
        (key, str(label), [(str(v), str(text)) for v, text in labels], counts)
        for key, label, (labels, counts) in [
            ("theme", _("Theme"), rows(theme_rows)),
            ("province", _("Province"), rows(province_rows)),
            (
                "pillar",
                _("Partner from"),
                (filterset.filters["pillar"].extra["choices"], _partner_counts(without["pillar"], "pillar")),
            ),
            ("level", _("School level"), (SCHOOL_LEVEL_CHOICES, _partner_counts(without["level"], "education_level"))),
            (
                "sector",
                _("Care sector"),
                (filterset.filters["sector"].extra["choices"], _partner_counts(without["sector"], "care_sector")),
            ),
            ("pact", _("Regional pact"), rows(pact_rows)),
            (
                "adopted",
                _("Adopted elsewhere"),
                (YES_CHOICES, {YES: Koploper.objects.filter(pk__in=without["adopted"]).adopted().count()}),
            ),
            (
                "sustained",
                _("Sustainability agreement"),
                (YES_NO_UNKNOWN_CHOICES, _sustained_counts(Koploper.objects.filter(pk__in=without["sustained"]))),
            ),
        ]
    ]


def sustainability_text(koploper) -> str:
    """Yes, no or not known, for the CSV: the same three values as the facet."""
    values = [getattr(koploper, name) for name in SUSTAIN_FIELDS]
    if any(v is True for v in values):
        return str(_("Yes"))
    if all(v is False for v in values):
        return str(_("No"))
    return str(NOT_KNOWN)


def _sustained_counts(queryset) -> dict[str, int]:
    """Yes, no and "not known" each with its own count: a koploper without the fact is never counted as no."""
    yes = Q(pk__in=Koploper.objects.sustained().values("pk"))
    no = Q(pk__in=Koploper.objects.not_sustained().values("pk"))
    return queryset.aggregate(
        **{YES: Count("pk", filter=yes), NO: Count("pk", filter=no), UNKNOWN: Count("pk", filter=~yes & ~no)}
    )


def get_public_koploper(slug: str) -> Koploper:
    queryset = (
        Koploper.objects.published()
        .select_related("pact")
        .prefetch_related(
            "themes",
            "provinces",
            Prefetch(
                "partners",
                queryset=KoploperPartner.objects.select_related("organisation").order_by("organisation__name"),
            ),
            "result_figures",
            Prefetch(
                "adoptions", queryset=Adoption.objects.select_related("pact", "organisation").order_by("year", "pk")
            ),
        )
    )
    return get_object_or_404(queryset, slug=slug)


def adoptions_by_year(koploper: Koploper) -> list[tuple[int, list[Adoption]]]:
    years: dict[int, list[Adoption]] = defaultdict(list)
    for adoption in koploper.adoptions.all():
        years[adoption.year].append(adoption)
    return sorted(years.items())


def related_koplopers(koploper: Koploper, *, limit: int = 4) -> list[Koploper]:
    """Published koplopers sharing most themes with this one."""
    theme_ids = [t.pk for t in koploper.themes.all()]
    if not theme_ids:
        return []
    return list(
        Koploper.objects.published()
        .exclude(pk=koploper.pk)
        .filter(themes__in=theme_ids)
        .annotate(shared=Count("themes"))
        .order_by("-shared", "name")[:limit]
    )


def partner_groups(koploper: Koploper) -> list[dict]:
    return group_by_pillar([p.organisation for p in koploper.partners.all()])
