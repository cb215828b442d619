"""Read queries for the case library and the schemes: fixed query counts whatever the data size."""

from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse

from zorgpact.constants import NOT_KNOWN, UNKNOWN, Ministry
from zorgpact.core.listing import (
    FacetRows,
    Listing,
    filter_state,
    lazy_facets,
    lazy_page,
    query_without_page,
)
from zorgpact.core.pagecache import families_of_path
from zorgpact.models import Theme

from .constants import MINISTRY_FLAGS, CaseStatus, Outcome, Topic
from .filters import OUTCOME_CHOICES, CaseFilterSet
from .managers import concerns_ministry, ministries_not_known
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
    valid = filterset.is_valid()
    keep = valid and "q" not in state
    families = families_of_path(reverse("regels:list"))
    return Listing(
        page=lazy_page(lambda: filterset.qs, page, per_page=LIBRARY_PAGE_SIZE),
        facets=lazy_facets(
            "regels",
            state,
            language=language,
            keep=keep,
            build=lambda: _facet_rows(filterset),
            families=families,
        ),
        query=query_without_page(state),
        storable=keep,
        page_number=page,
        chosen=[(key, state[key]) for key in filterset.FACETS if key in state],
        pool="regels:searches" if valid and "q" in state else None,
        families=families,
    )


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
        .annotate(case_count=Count("cases", filter=Q(cases__status=CaseStatus.PUBLISHED), distinct=True))
        .order_by("name")
    )


def get_scheme(slug: str) -> Scheme:
    return get_object_or_404(
        Scheme.objects.prefetch_related("themes", "actions__pact", "koplopers", "cases"), slug=slug
    )


def _yes_no(value) -> str:
    from django.utils.translation import gettext as _

    return str(NOT_KNOWN) if value is None else (_("Yes") if value else _("No"))


def case_library_export(cases) -> tuple[list, list]:
    """The public case library as a table (public fields only)."""
    from django.utils.translation import gettext as _

    header = [_("Title"), _("Topic"), _("Outcome"), *MINISTRY_FLAGS, _("Themes"), _("Published"), _("Address")]
    rows = [
        [
            c.title,
            c.get_topic_display() or str(NOT_KNOWN),
            c.get_outcome_display() or str(NOT_KNOWN),
            *(_yes_no(getattr(c, flag)) for flag in MINISTRY_FLAGS.values()),
            ", ".join(t.name for t in c.themes.all()),
            c.published_at.date() if c.published_at else None,
            c.get_absolute_url(),
        ]
        for c in cases
    ]
    return header, rows


def case_queue_export(cases) -> tuple[list, list]:
    """The work queue as a table: the case and where it stands (never the reporter's personal data)."""
    from django.utils.translation import gettext as _

    header = [_("Title"), _("Status"), _("Assigned ministry"), _("Topic"), _("Submitted"), _("Answered")]
    rows = [
        [
            c.title,
            c.get_status_display(),
            c.get_assigned_ministry_display() or str(NOT_KNOWN),
            c.get_topic_display() or str(NOT_KNOWN),
            c.submitted_at.date() if c.submitted_at else None,
            c.answered_at.date() if c.answered_at else None,
        ]
        for c in cases
    ]
    return header, rows


def scheme_export(schemes) -> tuple[list, list]:
    from django.utils.translation import gettext as _

    header = [
        _("Name"),
        _("Kind"),
        _("Ministry"),
        _("Budget"),
        _("Starts on"),
        _("Ends on"),
        _("Themes"),
        _("Published cases"),
        _("Web address"),
    ]
    rows = [
        [
            s.name,
            s.get_kind_display(),
            s.get_ministry_display() or str(NOT_KNOWN),
            s.budget_text,
            s.starts_on,
            s.ends_on,
            ", ".join(t.name for t in s.themes.all()),
            s.case_count,
            s.url,
        ]
        for s in schemes
    ]
    return header, rows
