from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from zorgpact.constants import NOT_KNOWN
from zorgpact.core.listing import csv_response, paginate, query_without_page
from zorgpact.core.pagecache import reads_query
from zorgpact.models import Phase

from .filters import PactFilterSet
from .selectors import (
    composition_from_counts,
    get_public_pact,
    indicator_progress,
    pact_composition,
    pact_list_queryset,
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
def pact_list_csv(request: HttpRequest) -> HttpResponse:
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
    return csv_response("regionale-zorgpacten.csv", header, rows)


def pact_detail(request: HttpRequest, slug: str) -> HttpResponse:
    pact = get_public_pact(slug)
    ambitions = []
    for ambition in pact.ambitions.all():
        goals = []
        for goal in ambition.goals.all():
            goals.append(
                {
                    "goal": goal,
                    "indicators": [(i, indicator_progress(i)) for i in goal.indicators.all()],
                    "actions": [
                        (a, [(i, indicator_progress(i)) for i in a.indicators.all()]) for a in goal.actions.all()
                    ],
                }
            )
        ambitions.append({"ambition": ambition, "goals": goals})
    loose = [(a, [(i, indicator_progress(i)) for i in a.indicators.all()]) for a in pact.loose_actions]
    return render(
        request,
        "pacts/pact_detail.html",
        {
            "pact": pact,
            "phases": Phase.objects.all(),
            "composition": pact_composition(pact),
            "ambitions": ambitions,
            "loose_actions": loose,
            "public_actions": [a for item in ambitions for g in item["goals"] for a, _i in g["actions"]]
            + [a for a, _i in loose],
            "breadcrumbs": [("/regionale-zorgpacten/", _("Regional pacts")), (None, pact.name)],
        },
    )
