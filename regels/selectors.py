"""Read queries for the case library and the schemes: fixed query counts whatever the data size."""

from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q
from django.shortcuts import get_object_or_404

from zorgpact.constants import NOT_KNOWN, UNKNOWN, Ministry
from zorgpact.core.listing import FacetRows, Listing, cached_facets, filter_state, paginate, query_without_page
from zorgpact.models import Theme

from .constants import Outcome, Topic
from .filters import OUTCOME_CHOICES, CaseFilterSet
from .models import Case, Scheme

LIBRARY_PAGE_SIZE = 20


def library_queryset():
    # Rule-changed cases first: they are the ones that show the rules can move.
    rule_changed = ExpressionWrapper(Q(outcome=Outcome.RULE_CHANGED), output_field=BooleanField())
    return (
        Case.objects.published()
        .prefetch_related("themes", "citations")
        .annotate(rule_changed=rule_changed)
        .order_by("-rule_changed", F("published_at").desc(nulls_last=True), "title")
    )


def library(filterset: CaseFilterSet, *, page: str | None, language: str) -> Listing:
    """The case library from cleaned values: a page of cases, every facet with, per value, the number of cases
    choosing it would give (other facets applied), and the filter state for the links."""
    state = filter_state(filterset)
    keep = filterset.is_valid() and "q" not in state
    return Listing(
        page=paginate(filterset.qs, page, per_page=LIBRARY_PAGE_SIZE),
        facets=cached_facets("regels", state, language=language, keep=keep, build=lambda: _facet_rows(filterset)),
        query=query_without_page(state),
        storable=keep,
    )


def _facet_rows(filterset: CaseFilterSet) -> FacetRows:
    without = {key: filterset.queryset_without(key).order_by().values("pk") for key in filterset.FACETS}

    def by_field(key, field):
        rows = Case.objects.filter(pk__in=without[key]).order_by().values_list(field).annotate(n=Count("pk"))
        return {UNKNOWN if value is None else value: n for value, n in rows}

    ministry_counts = Case.objects.filter(pk__in=without["ministry"]).aggregate(
        OCW=Count("pk", filter=Q(ministry_ocw=True)),
        VWS=Count("pk", filter=Q(ministry_vws=True)),
        SZW=Count("pk", filter=Q(ministry_szw=True)),
        **{
            UNKNOWN: Count(
                "pk", filter=Q(ministry_ocw__isnull=True, ministry_vws__isnull=True, ministry_szw__isnull=True)
            )
        },
    )
    theme_rows = list(
        Theme.objects.filter(cases__in=without["theme"])
        .annotate(n=Count("cases"))
        .order_by("name")
        .values_list("slug", "name", "n")
    )
    specs = [
        ("outcome", OUTCOME_CHOICES, by_field("outcome", "outcome")),
        ("topic", Topic.choices, by_field("topic", "topic")),
        ("ministry", [*((m.value, m.value) for m in Ministry), (UNKNOWN, NOT_KNOWN)], ministry_counts),
        ("theme", [(slug, name) for slug, name, _n in theme_rows], {slug: n for slug, _name, n in theme_rows}),
    ]
    return [
        (key, str(filterset.filters[key].label), [(str(v), str(text)) for v, text in labels], counts)
        for key, labels, counts in specs
    ]


def get_public_case(slug: str) -> Case:
    return get_object_or_404(
        Case.objects.published().prefetch_related("themes", "schemes", "pacts", "koplopers"), slug=slug
    )


def former_case_address(slug: str) -> str | None:
    """Where a published case lives now that had this address before; None when no published case had it."""
    case = Case.objects.published().filter(former_slugs__slug=slug).only("slug").first()
    return case.get_absolute_url() if case else None


def schemes_queryset():
    return (
        Scheme.objects.prefetch_related("themes")
        .annotate(case_count=Count("cases", filter=Q(cases__status="published"), distinct=True))
        .order_by("name")
    )


def get_scheme(slug: str) -> Scheme:
    return get_object_or_404(
        Scheme.objects.prefetch_related("themes", "actions__pact", "koplopers", "cases"), slug=slug
    )
