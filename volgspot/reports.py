"""Progress reports: the data they report on, its content hash, and the HTML and PDF built from it."""

import datetime
import hashlib
import json

from django.template.loader import render_to_string
from django.utils import translation

from pacts.models import Action, Pact
from pacts.selectors import indicator_progress, pact_composition
from zorgpact.constants import NOT_KNOWN

from .constants import ReportScope
from .models import ProgressReport
from .selectors import Filters, bar_chart, national_dashboard


def report_data(*, scope: str, pact: Pact | None, period_start: datetime.date, period_end: datetime.date) -> dict:
    """Everything a report shows, as plain data: the same figures as the dashboards."""
    if scope == ReportScope.NATIONAL:
        dashboard = national_dashboard(Filters(year_from=period_start.year, year_to=period_end.year))
        return {"scope": scope, "period": [period_start.isoformat(), period_end.isoformat()], "figures": dashboard["figures"],
                "tables": {k: {"head": v["head"], "rows": [list(map(str, r)) for r in v["rows"]]} for k, v in dashboard["tables"].items()}}
    actions = Action.objects.filter(pact=pact, archived_at__isnull=True).prefetch_related("indicators__measurements").order_by("order", "pk")
    indicators = []
    for action in actions:
        for indicator in action.indicators.all():
            progress = indicator_progress(indicator)
            latest = progress["latest"]
            indicators.append([action.title, indicator.name, str(indicator.target or ""), str(latest.value) if latest else "",
                               str(progress["percent"] if progress["percent"] is not None else ""), progress["on_track"] is True])
    sessions = list(pact.sessions.filter(held_on__range=(period_start, period_end)).order_by("round").values_list("round", "held_on", "status"))
    return {
        "scope": scope, "pact": pact.name, "period": [period_start.isoformat(), period_end.isoformat()],
        "phase": pact.phase.name if pact.phase else "",
        "status": sorted([str(a.get_status_display() or NOT_KNOWN), 1] for a in actions),
        "actions": len(actions), "indicators": indicators,
        **_partner_verdict(pact),
        "sessions": [[r, d.isoformat(), s] for r, d, s in sessions],
    }


def _partner_verdict(pact: Pact) -> dict:
    composition = pact_composition(Pact.objects.prefetch_related("participations__organisation").get(pk=pact.pk))
    return {"partners_recorded": composition.recorded, "gaps": [str(g) for g in composition.gaps]}


def content_hash(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def render_report(report: ProgressReport, data: dict) -> tuple[str, bytes]:
    with translation.override("nl"):
        charts = {}
        if data["scope"] == ReportScope.NATIONAL:
            charts = {key: bar_chart([(r[0], int(r[1]) if str(r[1]).isdigit() else 0) for r in data["tables"][key]["rows"]]) for key in ("phases", "functions")}
        html = render_to_string("volgspot/report.html", {"report": report, "data": data, "charts": charts})
    from django.contrib.staticfiles import finders
    from weasyprint import CSS, HTML

    stylesheet = CSS(filename=finders.find("css/report.css"))
    return html, HTML(string=html).write_pdf(stylesheets=[stylesheet])
