from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from pacts.models import Action, Pact
from pacts.selectors import indicator_progress, pact_composition
from zorgpact.constants import NOT_KNOWN, AuditEventType
from zorgpact.core import audit
from zorgpact.core.listing import csv_response, paginate
from zorgpact.models import Province, Theme
from zorgpact.permissions import can_edit, get_for_user, reads_everything

from .selectors import Filters, bar_chart, cached_national_dashboard

CHARTED = ["phases", "functions", "themes", "on_track", "adoptions"]


def _ministries_only(user) -> None:
    if not reads_everything(user):
        raise PermissionDenied


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    _ministries_only(request.user)
    filters = Filters.from_request(request.GET)
    data = cached_national_dashboard(filters)
    charts = {key: bar_chart(data["tables"][key]["rows"], value_index=3 if key == "on_track" else 1) for key in CHARTED}
    return render(
        request,
        "volgspot/dashboard.html",
        {
            **data,
            "charts": charts,
            "filters": filters,
            "provinces": Province.objects.order_by("name"),
            "themes": Theme.objects.order_by("name"),
            "query": request.GET.urlencode(),
            "breadcrumbs": [(None, "Volgspot")],
        },
    )


@login_required
def dashboard_csv(request: HttpRequest, table: str) -> HttpResponse:
    _ministries_only(request.user)
    data = cached_national_dashboard(Filters.from_request(request.GET))
    if table not in data["tables"]:
        raise Http404
    spec = data["tables"][table]
    return csv_response(f"volgspot-{table}.csv", spec["head"], spec["rows"])


@login_required
def pact_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    """One pact's progress: for ministries, the national team and the pact's own coordinators (others: 404)."""
    pact = get_for_user(Pact.objects.select_related("phase"), request.user, slug=slug)
    actions = list(
        Action.objects.filter(pact=pact, archived_at__isnull=True).prefetch_related("indicators__measurements")
    )
    by_status = {}
    for action in actions:
        label = str(action.get_status_display() or NOT_KNOWN)
        by_status[label] = by_status.get(label, 0) + 1
    indicators = [(i, indicator_progress(i)) for a in actions for i in a.indicators.all() if not i.archived_at]
    sessions = list(pact.sessions.select_related("phase").prefetch_related("agreements").order_by("round"))
    return render(
        request,
        "volgspot/pact_dashboard.html",
        {
            "pact": pact,
            "status_rows": sorted(by_status.items()),
            "status_chart": bar_chart(sorted(by_status.items())),
            "indicators": indicators,
            "sessions": sessions,
            "composition": pact_composition(
                Pact.objects.prefetch_related("participations__organisation").get(pk=pact.pk)
            ),
            "reports": pact.reports.order_by("-queued_at")[:10],
            "may_edit": can_edit(request.user, pact),
            "breadcrumbs": [
                ("/volgspot/", "Volgspot") if reads_everything(request.user) else ("/werkruimte/", _("Workspace")),
                (None, pact.name),
            ],
        },
    )


# --- Progress reports ----------------------------------------------------------------------------------

import datetime  # noqa: E402

from django.http import FileResponse  # noqa: E402
from django.shortcuts import redirect  # noqa: E402
from django.views.decorators.http import require_POST  # noqa: E402

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
        _ministries_only(request.user)
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
        return redirect(f"/volgspot/pacten/{pact.slug}/" if pact else "/volgspot/")
    return redirect(f"/volgspot/rapporten/{report.pk}/")


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
