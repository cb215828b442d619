"""Read queries for the koplopers catalogue and detail: a fixed number of queries whatever the data size."""

from collections import defaultdict

from django.db.models import Case, CharField, Count, F, Prefetch, Value, When
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pacts.models import Pact
from pacts.selectors import group_by_pillar
from zorgpact.constants import NOT_KNOWN, UNKNOWN
from zorgpact.core.listing import (
    FacetRows,
    Listing,
    filter_state,
    lazy_facets,
    lazy_page,
    query_without_page,
)
from zorgpact.core.pagecache import families_of_path
from zorgpact.models import Province, Theme

from .constants import NO, SUSTAIN_FIELDS, YES
from .filters import SCHOOL_LEVEL_CHOICES, YES_CHOICES, YES_NO_UNKNOWN_CHOICES, KoploperFilterSet
from .managers import not_sustained_condition, sustained_condition
from .models import Adoption, Koploper, KoploperPartner

# The pact facet could list every pact at scale: show the ones with most koplopers.
PACT_FACET_LIMIT = 10
CATALOGUE_PAGE_SIZE = 18


def catalogue_queryset():
    return (
        Koploper.objects.published()
        .defer("search_vector")  # the index is the database's, never shown
        .with_adoption_count()
        .select_related("pact")
        .prefetch_related("themes", "provinces")
        .order_by("name")
    )


def catalogue(filterset: KoploperFilterSet, *, page: str | None, language: str) -> Listing:
    """The catalogue page from cleaned values: a page of results, every facet with, per value, the number of results
    choosing it would give (other facets applied), and the filter state for the links."""
    state = filter_state(filterset)
    valid = filterset.is_valid()
    keep = valid and "q" not in state
    families = families_of_path(reverse("koplopers:list"))
    return Listing(
        page=lazy_page(lambda: filterset.qs, page, per_page=CATALOGUE_PAGE_SIZE),
        facets=lazy_facets(
            "koplopers",
            state,
            language=language,
            keep=keep,
            build=lambda: _facet_rows(filterset, state),
            families=families,
        ),
        query=query_without_page(state),
        storable=keep,
        page_number=page,
        chosen=[(key, state[key]) for key in filterset.FACETS if key in state],
        pool="koplopers:searches" if valid and "q" in state else None,
        families=families,
    )


def _facet_rows(filterset: KoploperFilterSet, state: dict[str, str]) -> FacetRows:
    """Every facet's counts in one pass: one UNION ALL query of grouped counts, each over the results without its own
    facet (the free text's matches computed once by the FilterSet), whatever the data size and filter state."""
    without = {key: filterset.queryset_without(key).order_by().values("pk") for key in filterset.FACETS}
    rows = _count_rows(without)
    by_facet: dict[str, list[tuple[str, str, int]]] = {key: [] for key in filterset.FACETS}
    for facet, value, label, n in rows:
        by_facet[facet].append((value, label, n))

    theme_rows = sorted(by_facet["theme"], key=lambda row: row[1])
    province_rows = sorted(by_facet["province"], key=lambda row: row[1])
    pact_rows = sorted(by_facet["pact"], key=lambda row: (-row[2], row[1]))[:PACT_FACET_LIMIT]
    selected_pact = state.get("pact", "")
    if selected_pact and selected_pact not in {slug for slug, _name, _n in pact_rows}:
        # The chosen pact stays visible (and can be unticked) even when it is not among the top ones.
        chosen = [row for row in by_facet["pact"] if row[0] == selected_pact]
        pact_rows += chosen or [
            (slug, name, 0) for slug, name in Pact.objects.filter(slug=selected_pact[:200]).values_list("slug", "name")
        ]

    def rows_of(values):
        return [(v, label) for v, label, _n in values], {v: n for v, _label, n in values}

    def counts(key):
        return {value: n for value, _label, n in by_facet[key]}

    return [
        (key, str(label), [(str(v), str(text)) for v, text in labels], facet_counts)
        for key, label, (labels, facet_counts) in [
            ("theme", _("Theme"), rows_of(theme_rows)),
            ("province", _("Province"), rows_of(province_rows)),
            ("pillar", _("Partner from"), (filterset.filters["pillar"].extra["choices"], counts("pillar"))),
            ("level", _("School level"), (SCHOOL_LEVEL_CHOICES, counts("level"))),
            ("sector", _("Care sector"), (filterset.filters["sector"].extra["choices"], counts("sector"))),
            ("pact", _("Regional pact"), rows_of(pact_rows)),
            ("adopted", _("Adopted elsewhere"), (YES_CHOICES, counts("adopted"))),
            ("sustained", _("Sustainability agreement"), (YES_NO_UNKNOWN_CHOICES, counts("sustained"))),
        ]
    ]


def _count_rows(without: dict) -> list[tuple[str, str, str, int]]:
    """(facet, value, label, count) for every facet value, in one query: grouped counts over each facet's own set of
    results, joined with UNION ALL (PostgreSQL and SQLite alike). A partner's side may be not known (null): a value of
    its own; a school level or care sector not known is left out, as no filter value selects it."""

    text = CharField()
    partners = KoploperPartner.objects.filter
    sustained = Case(
        When(sustained_condition(), then=Value(YES)),
        When(not_sustained_condition(), then=Value(NO)),
        default=Value(UNKNOWN),
        output_field=text,
    )
    parts = [
        Theme.objects.filter(koplopers__in=without["theme"])
        .values("slug", "name")
        .annotate(n=Count("koplopers"))
        .annotate(facet=Value("theme", output_field=text))
        .values_list("facet", "slug", "name", "n")
        .order_by(),
        Province.objects.filter(koplopers__in=without["province"])
        .values("code", "name")
        .annotate(n=Count("koplopers"))
        .annotate(facet=Value("province", output_field=text))
        .values_list("facet", "code", "name", "n")
        .order_by(),
        Pact.objects.filter(koplopers__in=without["pact"])
        .values("slug", "name")
        .annotate(n=Count("koplopers"))
        .annotate(facet=Value("pact", output_field=text))
        .values_list("facet", "slug", "name", "n")
        .order_by(),
    ]
    for facet, field in (("pillar", "pillar"), ("level", "education_level"), ("sector", "care_sector")):
        lookup = {} if facet == "pillar" else {f"organisation__{field}__isnull": False}
        value = Coalesce(F(f"organisation__{field}"), Value(UNKNOWN), output_field=text)
        parts.append(
            partners(koploper__in=without[facet], **lookup)
            .values(v=value)
            .annotate(n=Count("koploper", distinct=True))
            .annotate(facet=Value(facet, output_field=text), label=Value("", output_field=text))
            .values_list("facet", "v", "label", "n")
            .order_by()
        )
    parts.append(
        Koploper.objects.filter(pk__in=without["adopted"])
        .adopted()
        .values(v=Value(YES, output_field=text))
        .annotate(n=Count("pk"))
        .annotate(facet=Value("adopted", output_field=text), label=Value("", output_field=text))
        .values_list("facet", "v", "label", "n")
        .order_by()
    )
    parts.append(
        Koploper.objects.filter(pk__in=without["sustained"])
        .values(v=sustained)
        .annotate(n=Count("pk"))
        .annotate(facet=Value("sustained", output_field=text), label=Value("", output_field=text))
        .values_list("facet", "v", "label", "n")
        .order_by()
    )
    first, *rest = parts
    return list(first.union(*rest, all=True))


def sustainability_text(koploper) -> str:
    """Yes, no or not known, for the CSV: the same three values as the facet."""
    values = [getattr(koploper, name) for name in SUSTAIN_FIELDS]
    if any(v is True for v in values):
        return str(_("Yes"))
    if all(v is False for v in values):
        return str(_("No"))
    return str(NOT_KNOWN)


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


def application_queue_table(applications) -> tuple[list, list]:
    """The applications waiting for the national team's decision, as a table."""
    from django.utils.translation import gettext as _t

    header = [_t("Name"), _t("Status"), _t("Applied"), _t("Provinces"), _t("Themes"), _t("Summary")]
    rows = [
        [
            k.name,
            k.get_status_display(),
            k.applied_at.date() if k.applied_at else None,
            ", ".join(p.name for p in k.provinces.all()),
            ", ".join(t.name for t in k.themes.all()),
            k.summary,
        ]
        for k in applications
    ]
    return header, rows
