from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from zorgpact.listing import csv_response, paginate, query_without_page

from .filters import KoploperFilterSet
from .selectors import (
    adoptions_by_year,
    catalogue_facets,
    catalogue_queryset,
    get_public_koploper,
    partner_groups,
    related_koplopers,
)


def koploper_list(request: HttpRequest) -> HttpResponse:
    filterset = KoploperFilterSet(request.GET, queryset=catalogue_queryset())
    page = paginate(request, filterset.qs, per_page=18)
    return render(
        request,
        "koplopers/koploper_list.html",
        {
            "filterset": filterset,
            "facets": catalogue_facets(request, filterset),
            "page": page,
            "query": query_without_page(request),
            "breadcrumbs": [(None, _("Koplopers"))],
        },
    )


def koploper_list_csv(request: HttpRequest) -> HttpResponse:
    filterset = KoploperFilterSet(request.GET, queryset=catalogue_queryset())
    header = [
        _("Name"), _("Summary"), _("Themes"), _("Provinces"), _("Regional pact"), _("Started in"),
        _("Adoptions"), _("Website"), _("Source"),
    ]
    rows = (
        [
            k.name,
            k.summary,
            ", ".join(t.name for t in k.themes.all()),
            ", ".join(p.name for p in k.provinces.all()),
            k.pact.name if k.pact else "",
            k.started_year or "",
            k.adoption_count,
            k.website,
            k.source,
        ]
        for k in filterset.qs
    )
    return csv_response("koplopers.csv", header, rows)


def koploper_detail(request: HttpRequest, slug: str) -> HttpResponse:
    koploper = get_public_koploper(slug)
    return render(
        request,
        "koplopers/koploper_detail.html",
        {
            "koploper": koploper,
            "partner_groups": partner_groups(koploper),
            "adoption_years": adoptions_by_year(koploper),
            "related": related_koplopers(koploper),
            "breadcrumbs": [("/koplopers/", _("Koplopers")), (None, koploper.name)],
        },
    )
