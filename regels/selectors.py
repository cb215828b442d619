"""Read queries for the case library and the schemes: fixed query counts whatever the data size."""

from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from zorgpact.constants import NOT_KNOWN, UNKNOWN, Ministry
from zorgpact.core.listing import Facet, FacetRows, cached_facets
from zorgpact.models import Theme

from .constants import MINISTRY_FLAGS, Outcome, Topic
from .filters import OUTCOME_CHOICES, CaseFilterSet
from .managers import concerns_ministry, ministries_not_known
from .models import Case, Scheme


def library_queryset():
    # Rule-changed cases first: they are the ones that show the rules can move.
    rule_changed = ExpressionWrapper(Q(outcome=Outcome.RULE_CHANGED), output_field=BooleanField())
    return (
        Case.objects.published()
        .prefetch_related("themes", "citations")
        .annotate(rule_changed=rule_changed)
        .order_by("-rule_changed", F("published_at").desc(nulls_last=True), "title")
    )


def library_facets(request: HttpRequest, filterset: CaseFilterSet) -> list[Facet]:
    """Every facet with, per value, the number of cases choosing it would give (other facets applied)."""
    return cached_facets(request, filterset, "regels", lambda: _facet_rows(filterset))


def _facet_rows(filterset: CaseFilterSet) -> FacetRows:
    without = {key: filterset.queryset_without(key).order_by().values("pk") for key in filterset.FACETS}

    def by_field(key, field):
        rows = Case.objects.filter(pk__in=without[key]).order_by().values_list(field).annotate(n=Count("pk"))
        return {UNKNOWN if value is None else value: n for value, n in rows}

    ministry_counts = Case.objects.filter(pk__in=without["ministry"]).aggregate(
        **{code: Count("pk", filter=concerns_ministry(code)) for code in MINISTRY_FLAGS},
        **{UNKNOWN: Count("pk", filter=ministries_not_known())},
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
