from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from zorgpact.core.listing import export_response, posted
from zorgpact.core.pagecache import do_not_store, reads_query

from .filters import KoploperFilterSet
from .forms import ApplicationForm, PartnerFormSet
from .selectors import (
    adoptions_by_year,
    catalogue,
    catalogue_queryset,
    get_public_koploper,
    partner_groups,
    related_koplopers,
    sustainability_text,
)
from .services import submit_application


@reads_query(KoploperFilterSet, "page")
def koploper_list(request: HttpRequest) -> HttpResponse:
    filterset = KoploperFilterSet(request.GET, queryset=catalogue_queryset())
    listing = catalogue(filterset, page=request.GET.get("page"), language=get_language())
    if not listing.storable:
        do_not_store(request)  # a free-text search or an invalid value: endless, never kept
    return render(
        request,
        "koplopers/koploper_list.html",
        {
            "filterset": filterset,
            "facets": listing.facets,
            "listing": listing,  # the results are kept rendered per filter state and page ({% fragment %})
            "page": listing.page,
            "query": listing.query,
            "breadcrumbs": [(None, _("Koplopers"))],
        },
    )


@reads_query(KoploperFilterSet)
def koploper_list_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The list as the filters show it, as CSV or XLSX."""
    filterset = KoploperFilterSet(request.GET, queryset=catalogue_queryset())
    header = [
        _("Name"),
        _("Summary"),
        _("Themes"),
        _("Provinces"),
        _("Regional pact"),
        _("Started in"),
        _("Adoptions"),
        _("Sustainability agreement"),
        _("Website"),
        _("Source"),
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
            sustainability_text(k),
            k.website,
            k.source,
        ]
        for k in filterset.qs
    )
    return export_response("koplopers", fmt, header, rows, sheet_title=_("Koplopers"))


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
            "breadcrumbs": [(reverse("koplopers:list"), _("Koplopers")), (None, koploper.name)],
        },
    )


def koploper_apply(request: HttpRequest) -> HttpResponse:
    form = ApplicationForm(posted(request))
    partners = PartnerFormSet(posted(request), prefix="partners")
    status = 200
    if request.method == "POST":
        if form.limit_reached(request):
            status = 429
        elif form.is_valid() and partners.is_valid():
            koploper = submit_application(
                koploper=form.save(commit=False),
                partners=partners.organisations,
                themes=form.cleaned_data["themes"],
                provinces=form.cleaned_data["provinces"],
            )
            return render(request, "koplopers/apply_done.html", {"koploper": koploper, "breadcrumbs": _apply_crumbs()})
        else:
            status = 400
    return render(
        request,
        "koplopers/apply.html",
        {"form": form, "partners": partners, "breadcrumbs": _apply_crumbs()},
        status=status,
    )


def _apply_crumbs():
    return [(reverse("koplopers:list"), _("Koplopers")), (None, _("Apply to join the Kopgroep"))]
