import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from pacts.models import Pact
from zorgpact.constants import AuditEventType
from zorgpact.core import audit
from zorgpact.core.listing import SPREADSHEET_TYPES, export_response, paginate
from zorgpact.models import Province, Theme
from zorgpact.permissions import can_edit, get_for_user, reads_dashboards, reads_everything, require

from .selectors import Filters, cached_national_dashboard, national_dashboard_page, pact_dashboard_page


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    require(reads_dashboards(request.user))
    filters = Filters.from_request(request.GET)
    return render(
        request,
        "volgspot/dashboard.html",
        {
            # Read by the page's kept part ({% fragment data=dashboard %}) only on a miss.
            "dashboard": functools.cache(lambda: national_dashboard_page(filters)),
            "filters": filters,
            "provinces": Province.objects.order_by("name"),
            "themes": Theme.objects.order_by("name"),
            "query": request.GET.urlencode(),
            "breadcrumbs": [(None, "Volgspot")],
        },
    )


@login_required
def dashboard_export(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    """One table of the national dashboard, with its filters, as CSV or XLSX (the one export helper, formulas
    neutralised); the old `csv/<table>/` address is this view with fmt="csv"."""
    from .snapshots import TABLE_TITLES

    require(reads_dashboards(request.user))
    data = cached_national_dashboard(Filters.from_request(request.GET))
    if table not in data["tables"]:
        raise Http404
    spec = data["tables"][table]
    title = str(TABLE_TITLES.get(table, table))
    return export_response(f"volgspot-{table}", fmt, spec["head"], spec["rows"], sheet_title=title)


@login_required
def pact_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    """One pact's progress: for ministries, the national team and the pact's own coordinators (others: 404)."""
    pact = get_for_user(Pact.objects.select_related("phase"), request.user, slug=slug)
    return render(
        request,
        "volgspot/pact_dashboard.html",
        {
            "pact": pact,
            # Read by the page's kept parts ({% fragment data=dashboard %}) only on a miss, once per request.
            "dashboard": functools.cache(lambda: pact_dashboard_page(pact)),
            "reports": pact.reports.order_by("-queued_at")[:10],
            "may_edit": can_edit(request.user, pact),
            "breadcrumbs": [
                (reverse("volgspot:dashboard"), "Volgspot")
                if reads_everything(request.user)
                else (reverse("workspace"), _("Workspace")),
                (None, pact.name),
            ],
        },
    )


# --- Progress reports ----------------------------------------------------------------------------------

import datetime  # noqa: E402

from django.http import FileResponse  # noqa: E402
from django.shortcuts import redirect  # noqa: E402
from django.views.decorators.http import require_POST, require_safe  # noqa: E402

from .constants import ReportScope  # noqa: E402
from .models import ProgressReport  # noqa: E402
from .services import ReportsUnavailable, request_report  # noqa: E402


def _period(params) -> tuple[datetime.date, datetime.date]:
    today = datetime.date.today()
    try:
        start = datetime.date.fromisoformat(params.get("van", ""))
    except ValueError:
        start = today.replace(year=today.year - 1)
    try:
        end = datetime.date.fromisoformat(params.get("tot", ""))
    except ValueError:
        end = today
    return (start, end) if start <= end else (end, start)


@login_required
@require_POST
def report_request(request: HttpRequest) -> HttpResponse:
    slug = request.POST.get("pact", "")
    if slug:
        pact = get_for_user(Pact.objects.all(), request.user, slug=slug)
        scope = ReportScope.PACT
    else:
        require(reads_dashboards(request.user))
        pact, scope = None, ReportScope.NATIONAL
    start, end = _period(request.POST)
    try:
        report = request_report(scope=scope, pact=pact, period_start=start, period_end=end, user=request.user)
    except ReportsUnavailable:
        messages.error(
            request,
            _(
                "Reports cannot be made at the moment: the service that builds them is temporarily "
                "unavailable. Nothing was requested; please try again in a few minutes."
            ),
        )
        return redirect("volgspot:pact", slug=pact.slug) if pact else redirect("volgspot:dashboard")
    return redirect("volgspot:report", pk=report.pk)


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    """Past and pending reports, newest first: all of them for ministries and the team, a coordinator's pacts' own."""
    reports = ProgressReport.objects.visible_to(request.user).select_related("pact", "requested_by")
    return render(
        request,
        "volgspot/report_list.html",
        {
            "page": paginate(reports, request.GET.get("page"), per_page=25),
            "breadcrumbs": [(reverse("volgspot:dashboard"), "Volgspot"), (None, _("Progress reports"))],
        },
    )


@login_required
def report_status(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_for_user(ProgressReport.objects.select_related("pact"), request.user, pk=pk)
    template = "volgspot/report_status_fragment.html" if request.htmx else "volgspot/report_status.html"
    return render(
        request,
        template,
        {
            "report": report,
            "breadcrumbs": [
                (reverse("volgspot:dashboard"), "Volgspot"),
                (reverse("volgspot:reports"), _("Progress reports")),
                (None, str(report)),
            ],
        },
    )


@login_required
def report_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    report = get_for_user(ProgressReport.objects.all(), request.user, pk=pk)
    if not report.is_done:
        raise Http404
    audit.record(AuditEventType.REPORT_DOWNLOADED, target=report, detail=fmt)
    if fmt == "html":
        response = HttpResponse(report.html)
        response["Content-Security-Policy"] = "default-src 'none'; style-src 'self'; img-src data:"
        return response
    return FileResponse(
        report.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"voortgangsrapportage-{report.pk}.pdf",
    )


# --- Snapshots: citable figures ------------------------------------------------------------------------------

from .models import Snapshot  # noqa: E402
from .services import snapshot_national_dashboard, snapshot_pact_dashboard  # noqa: E402
from .snapshots import filter_text, snapshot_csv, snapshot_json, snapshot_view  # noqa: E402


@login_required
@require_POST
def snapshot_make(request: HttpRequest) -> HttpResponse:
    """The dashboards' "Momentopname maken" button: freeze what the person sees, by whoever may read it."""
    slug = request.POST.get("pact", "")
    if slug:
        pact = get_for_user(Pact.objects.all(), request.user, slug=slug)
        snapshot = snapshot_pact_dashboard(pact=pact, user=request.user)
    else:
        require(reads_dashboards(request.user))
        snapshot = snapshot_national_dashboard(filters=Filters.from_request(request.POST), user=request.user)
    messages.success(request, _("The snapshot has been made. Its address stays the same; cite it."))
    return redirect("volgspot:snapshot", pk=snapshot.pk)


@login_required
@require_safe
def snapshot_list(request: HttpRequest) -> HttpResponse:
    snapshots = Snapshot.objects.visible_to(request.user).select_related("pact")
    return render(
        request,
        "volgspot/snapshot_list.html",
        {
            "page": paginate(snapshots, request.GET.get("page"), per_page=25),
            "breadcrumbs": [(reverse("volgspot:dashboard"), "Volgspot"), (None, _("Snapshots"))],
        },
    )


SNAPSHOT_TYPES = {"csv": SPREADSHEET_TYPES["csv"], "json": "application/json"}


@login_required
@require_safe
def snapshot_detail(request: HttpRequest, pk: int, fmt: str = "") -> HttpResponse:
    """A snapshot's permanent address: the frozen figures as HTML, or with ?format=csv / json (or the sub-URLs)."""
    snapshot = get_for_user(Snapshot.objects.select_related("pact", "report"), request.user, pk=pk)
    fmt = fmt or request.GET.get("format", "html")
    if fmt in SNAPSHOT_TYPES:
        body = snapshot_csv(snapshot.data) if fmt == "csv" else snapshot_json(snapshot)
        response = HttpResponse(body, content_type=SNAPSHOT_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="momentopname-{snapshot.pk}.{fmt}"'
        return response
    if fmt != "html":
        raise Http404
    return render(
        request,
        "volgspot/snapshot.html",
        {
            "snapshot": snapshot,
            "filter_text": filter_text(snapshot.filters),
            **snapshot_view(snapshot.data),
            "breadcrumbs": [
                (reverse("volgspot:dashboard"), "Volgspot"),
                (reverse("volgspot:snapshots"), _("Snapshots")),
                (None, snapshot.title),
            ],
        },
    )


@login_required
def pact_dashboard_export(request: HttpRequest, slug: str, table: str, fmt: str) -> HttpResponse:
    """One table of a pact's dashboard as CSV or XLSX, for whoever may read that dashboard (others: 404)."""
    from .snapshots import TABLE_TITLES, pact_dashboard_data

    pact = get_for_user(Pact.objects.select_related("phase"), request.user, slug=slug)
    tables = pact_dashboard_data(pact)["tables"]
    if table not in tables:
        raise Http404
    return export_response(
        f"{pact.slug}-{table}", fmt, tables[table]["head"], tables[table]["rows"], sheet_title=str(TABLE_TITLES[table])
    )
