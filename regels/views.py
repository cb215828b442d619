from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from zorgpact.core.listing import export_response, paginate, posted, query_without_page
from zorgpact.core.pagecache import do_not_store, reads_query
from zorgpact.sources import CASE_PROGRAMME_FIGURES

from .filters import CaseFilterSet
from .forms import ReportForm
from .models import Case
from .selectors import (
    case_library_export,
    former_case_address,
    get_public_case,
    get_scheme,
    library,
    library_queryset,
    scheme_export,
    schemes_queryset,
)
from .services import report_obstacle

LIBRARY = (reverse_lazy("regels:list"), _("Room in the rules"))


@reads_query(CaseFilterSet, "page")
def case_list(request: HttpRequest) -> HttpResponse:
    filterset = CaseFilterSet(request.GET, queryset=library_queryset())
    listing = library(filterset, page=request.GET.get("page"), language=get_language())
    if not listing.storable:
        do_not_store(request)  # a free-text search or an invalid value: endless, never kept
    return render(
        request,
        "regels/case_list.html",
        {
            "filterset": filterset,
            "facets": listing.facets,
            # Kept rendered until a case changes ({% fragment %}): counted only when a miss reads them.
            "figures": SimpleLazyObject(Case.objects.published().figures),
            # The programme's own figures (from the source, cited) beside the portal's count: never mixed.
            "programme": CASE_PROGRAMME_FIGURES,
            "listing": listing,  # the results are kept rendered per filter state and page ({% fragment %})
            "page": listing.page,
            "query": listing.query,
            "breadcrumbs": [(None, LIBRARY[1])],
        },
    )


def case_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        case = get_public_case(slug)
    except Http404:
        moved_to = former_case_address(slug)  # an address the case had before: links keep working
        if moved_to is None:
            raise
        return HttpResponsePermanentRedirect(moved_to)
    return render(request, "regels/case_detail.html", {"case": case, "breadcrumbs": [LIBRARY, (None, case.title)]})


def report(request: HttpRequest) -> HttpResponse:
    form = ReportForm(posted(request))
    status = 200
    if request.method == "POST":
        if form.limit_reached(request):
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            case = report_obstacle(
                question=data["question"],
                context=data["context"],
                organisation=data["organisation"],
                name=data["name"],
                email=data["email"],
            )
            return render(
                request,
                "regels/report_done.html",
                {"case": case, "reference": case.reference, "breadcrumbs": [LIBRARY, (None, _("Report an obstacle"))]},
            )
        else:
            status = 400
    return render(
        request,
        "regels/report.html",
        {"form": form, "breadcrumbs": [LIBRARY, (None, _("Report an obstacle"))]},
        status=status,
    )


def case_status(request: HttpRequest, token: str) -> HttpResponse:
    """The reporter's private page: the status and, once there is one, the answer. No account needed."""
    case = Case.objects.filter(status_token=token, anonymised_at__isnull=True).first() if len(token) <= 64 else None
    if case is None:
        raise Http404
    response = render(
        request,
        "regels/case_status.html",
        {"case": case, "reference": case.reference, "breadcrumbs": [LIBRARY, (None, case.reference)]},
    )
    response["Referrer-Policy"] = "no-referrer"  # the token is in the URL: never pass it on
    response["X-Robots-Tag"] = "noindex"
    return response


@reads_query("page")
def scheme_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "regels/scheme_list.html",
        {
            "page": paginate(schemes_queryset(), request.GET.get("page"), per_page=30),
            "query": query_without_page(request.GET),
            "breadcrumbs": [(None, _("Schemes"))],
        },
    )


def scheme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    scheme = get_scheme(slug)
    return render(
        request,
        "regels/scheme_detail.html",
        {
            "scheme": scheme,
            "cases": [c for c in scheme.cases.all() if c.is_published],
            "breadcrumbs": [(reverse("schemes:list"), _("Schemes")), (None, scheme.name)],
        },
    )


@reads_query(CaseFilterSet)
def case_list_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The case library as the filters show it, as CSV or XLSX."""
    header, rows = case_library_export(CaseFilterSet(request.GET, queryset=library_queryset()).qs)
    return export_response("ruimte-in-de-regels", fmt, header, rows, sheet_title=_("Cases"))


@reads_query()
def scheme_list_export(request: HttpRequest, fmt: str) -> HttpResponse:
    header, rows = scheme_export(schemes_queryset())
    return export_response("regelingen", fmt, header, rows, sheet_title=_("Schemes"))
