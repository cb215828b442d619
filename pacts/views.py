import functools

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from zorgpact.constants import NOT_KNOWN
from zorgpact.core.listing import export_response, paginate, query_without_page
from zorgpact.core.pagecache import reads_query

from .filters import PactFilterSet
from .selectors import (
    composition_from_counts,
    get_public_pact,
    pact_list_queryset,
    public_pact_page,
)


@reads_query(PactFilterSet, "page")
def pact_list(request: HttpRequest) -> HttpResponse:
    filterset = PactFilterSet(request.GET, queryset=pact_list_queryset())
    page = paginate(filterset.qs, request.GET.get("page"), per_page=24)
    return render(
        request,
        "pacts/pact_list.html",
        {
            "filterset": filterset,
            "page": page,
            "query": query_without_page(request.GET),
            "breadcrumbs": [(None, _("Regional pacts"))],
        },
    )


@reads_query(PactFilterSet)
def pact_list_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The list as the filters show it, as CSV or XLSX."""
    filterset = PactFilterSet(request.GET, queryset=pact_list_queryset())
    rows = (
        [
            p.name,
            p.region,
            ", ".join(pr.name for pr in p.provinces.all()),
            p.get_status_display() or str(NOT_KNOWN),
            p.phase.name if p.phase else "",
            ", ".join(str(f) for f in p.functions),
            p.lead.name if p.lead else "",
            p.partner_count,
            p.action_count,
            composition_from_counts(complete=p.partners_complete, counts=p).verdict,
            ", ".join(t.name for t in p.themes.all()),
            p.source,
        ]
        for p in filterset.qs
    )
    header = [
        _("Name"),
        _("Region"),
        _("Provinces"),
        _("Status"),
        _("Phase"),
        _("Functions"),
        _("Lead organisation"),
        _("Partners"),
        _("Actions"),
        _("Missing in the golden triangle"),
        _("Themes"),
        _("Source"),
    ]
    return export_response("regionale-zorgpacten", fmt, header, rows, sheet_title=_("Regional pacts"))


def pact_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The public pact page. Its body is the same for every reader (no per-person part, only public actions), so the
    template keeps it as a rendered fragment per pact, language and day ({% fragment %}); `public_pact_page` loads
    and computes it only on a miss."""
    pact = get_public_pact(slug, with_page=False)
    return render(
        request,
        "pacts/pact_detail.html",
        {
            "pact": pact,
            "pact_page": functools.partial(public_pact_page, pact),
            "breadcrumbs": [(reverse("pacts:list"), _("Regional pacts")), (None, pact.name)],
        },
    )


@reads_query()
def pact_indicators_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """The indicator charts' tables of a public pact page, as CSV or XLSX."""

    from .selectors import pact_indicator_table, results_tree

    pact = get_public_pact(slug)
    header, rows = pact_indicator_table(results_tree(pact))
    return export_response(f"{pact.slug}-indicatoren", fmt, header, rows, sheet_title=_("Indicators"))
