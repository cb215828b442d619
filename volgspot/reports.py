"""Progress reports: the data they report on, its content hash, and the HTML and PDF built from it.

`report_data` gathers the facts as plain, JSON-able data (codes, ISO dates, numbers as strings): its hash tells two
requests for the same report apart from a changed one. `report_context` turns those facts into what a reader sees:
Dutch labels for every code, Dutch dates, integer counts, units, the summary in words and the charts (the same
server-side SVGs as the dashboards). `render_report` renders it to HTML and a tagged PDF (PDF/UA-1, language nl).
"""

import datetime
import hashlib
import json
from collections import Counter
from decimal import Decimal

from django.db.models import Prefetch, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pacts.constants import ActionStatus, IndicatorKind, PactFunction, ProgressGap, TargetGroup, Verdict
from pacts.models import Action, Goal, Indicator, Measurement, Pact
from pacts.progress import Rollup
from pacts.selectors import indicator_progress, pact_composition, partner_verdict_text, results_of, unmeasured_effects
from zorgpact.constants import NOT_KNOWN
from zorgpact.core.charts import line_chart
from zorgpact.core.citations import citations_for

from .constants import AgreementStatus, Assessment, ReportScope, SessionStatus
from .models import Agreement, AmbitionReview, ProgressReport, Snapshot, VolgspotSession
from .selectors import Filters, bar_chart, national_dashboard

# Target groups in report order, with the review field that holds the effects a session saw for each.
TARGET_GROUPS = [
    (TargetGroup.STUDENTS, "effects_students"),
    (TargetGroup.CARE_USERS, "effects_care_users"),
    (TargetGroup.CARE_WORKERS, "effects_care_workers"),
]
OPEN_AGREEMENTS = (AgreementStatus.OPEN, AgreementStatus.RUNNING)


def _num(value) -> str | None:
    return None if value is None else str(value)


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def report_data(*, scope: str, pact: Pact | None, period_start: datetime.date, period_end: datetime.date) -> dict:
    """Everything a report shows, as plain data: the same figures as the dashboards (always gathered in Dutch, so the
    same inputs give the same hash whatever language the person asking for it reads)."""
    with translation.override("nl"):
        if scope == ReportScope.NATIONAL:
            return _national_data(period_start, period_end)
        return _pact_data(pact, period_start, period_end)


def _national_data(period_start: datetime.date, period_end: datetime.date) -> dict:
    filters = Filters(year_from=period_start.year, year_to=period_end.year)
    dashboard = national_dashboard(filters)
    # Real pacts only, as the dashboard counts them (PactQuerySet.real): the fictional ones are named apart.
    real = Pact.objects.real().values("pk")
    sessions = VolgspotSession.objects.filter(pact__in=real, held_on__range=(period_start, period_end))
    reviews = AmbitionReview.objects.filter(session__in=sessions)
    # Target groups are a JSON list (no JSON lookups on the SQLite default): counted here over the goals that name any.
    goals = list(
        Goal.objects.filter(archived_at__isnull=True, ambition__archived_at__isnull=True, ambition__pact__in=real)
        .exclude(target_groups__isnull=True)
        .prefetch_related(Prefetch("indicators", queryset=Indicator.objects.active()))
    )
    unmeasured = {row["goal"].pk: {g.value for g in row["groups"]} for row in unmeasured_effects(goals)}
    groups = []
    for group, review_field in TARGET_GROUPS:
        named = [g for g in goals if group.value in g.target_groups]
        groups.append(
            {
                "group": group.value,
                "goals": len(named),
                "measured": sum(1 for g in named if group.value not in unmeasured.get(g.pk, ())),
                "reviews": reviews.exclude(**{review_field: ""}).count(),
                "pacts_reviewed": reviews.exclude(**{review_field: ""}).values("session__pact").distinct().count(),
            }
        )
    agreements = Agreement.objects.filter(session__in=sessions)
    return {
        "scope": ReportScope.NATIONAL,
        "period": [period_start.isoformat(), period_end.isoformat()],
        "figures": dashboard["figures"],
        "tables": {
            key: {"head": [str(h) for h in table["head"]], "rows": [[_plain(c) for c in row] for row in table["rows"]]}
            for key, table in dashboard["tables"].items()
        },
        "fictional_pacts": sorted(Pact.objects.fictional().values_list("name", flat=True)),
        "sessions": dict(Counter(sessions.values_list("status", flat=True))),
        "sessions_total": sessions.count(),
        "pacts_with_session": sessions.values("pact").distinct().count(),
        "agreements": dict(Counter(agreements.values_list("status", flat=True))),
        "agreements_followed_up": agreements.filter(followed_up_in__isnull=False).count(),
        "target_groups": groups,
    }


def _plain(cell):
    """A table cell as JSON: counts stay integers, everything else its text."""
    return cell if isinstance(cell, int) else str(cell)


def _pact_data(pact: Pact, period_start: datetime.date, period_end: datetime.date) -> dict:
    # An indicator as it stood at the end of the period: a later measurement is not part of this report.
    indicators = Indicator.objects.active().prefetch_related(
        Prefetch(
            "measurements", queryset=Measurement.objects.filter(measured_on__lte=period_end).order_by("measured_on")
        )
    )
    actions = list(
        Action.objects.filter(pact=pact, archived_at__isnull=True)
        .select_related("goal")
        .prefetch_related(Prefetch("indicators", queryset=indicators))
        .order_by("order", "pk")
    )
    goals = list(
        Goal.objects.filter(ambition__pact=pact, archived_at__isnull=True)
        .select_related("ambition")
        .prefetch_related(Prefetch("indicators", queryset=indicators))
        .order_by("ambition__order", "order", "pk")
    )
    indicators = [
        _indicator(i, action=a.title, goal=a.goal.title if a.goal else "", as_of=period_end)
        for a in actions
        for i in a.indicators.all()
    ]
    indicators += [_indicator(i, action="", goal=g.title, as_of=period_end) for g in goals for i in g.indicators.all()]
    sessions = list(
        pact.sessions.filter(held_on__range=(period_start, period_end)).select_related("phase").order_by("round")
    )
    agreements = (
        Agreement.objects.filter(session__pact=pact, session__held_on__lte=period_end)
        .filter(Q(session__held_on__gte=period_start) | Q(status__in=OPEN_AGREEMENTS))
        .select_related("session", "owner_organisation", "followed_up_in")
        .order_by("session__round", "due_on", "pk")
    )
    reviews = (
        AmbitionReview.objects.filter(session__in=sessions)
        .select_related("session", "ambition")
        .order_by("session__round", "ambition__order", "pk")
    )
    composition = pact_composition(Pact.objects.prefetch_related("participations__organisation").get(pk=pact.pk))
    results = results_of(pact, as_of=period_end)  # the roll-up as it stood at the end of the period
    return {
        "scope": ReportScope.PACT,
        "progress": results.pact.as_dict(),
        "ambitions": [
            {"title": a.title, "progress": results.ambitions.get(a.pk, Rollup()).as_dict()}
            for a in pact.ambitions.filter(archived_at__isnull=True).order_by("order", "pk")
        ],
        "pact": pact.name,
        "pact_slug": pact.slug,
        "is_synthetic": pact.is_synthetic,
        "period": [period_start.isoformat(), period_end.isoformat()],
        "phase": pact.phase.name if pact.phase else None,
        "functions": [f.value for f in PactFunction if getattr(pact, f"is_{f.value}")],
        "provinces": sorted(pact.provinces.values_list("name", flat=True)),
        "lead": pact.lead.name if pact.lead_id else None,
        "action_status": dict(Counter(a.status or "" for a in actions)),
        "actions": len(actions),
        "indicators": indicators,
        "goals": [
            {
                "ambition": g.ambition.title,
                "title": g.title,
                "intended_effect": g.intended_effect,
                "groups": g.target_groups,  # None: not known
                "unmeasured": [group.value for row in unmeasured_effects([g]) for group in row["groups"]],
                "effect_indicators": [i.name for i in g.indicators.all() if i.kind == IndicatorKind.EFFECT],
                "progress": results.goals.get(g.pk, Rollup()).as_dict(),
            }
            for g in goals
        ],
        "sessions": [
            {
                "round": s.round,
                "held_on": s.held_on.isoformat(),
                "status": s.status,
                "phase": s.phase.name if s.phase else None,
            }
            for s in sessions
        ],
        "reviews": [
            {
                "round": r.session.round,
                "ambition": r.ambition.title,
                "assessment": r.assessment,
                **{field: getattr(r, field) for _g, field in TARGET_GROUPS},
            }
            for r in reviews
        ],
        "agreements": [
            {
                "text": a.text,
                "round": a.session.round,
                "owner": a.owner_name,
                "owner_organisation": a.owner_organisation.name if a.owner_organisation else None,
                "due_on": _iso(a.due_on),
                "status": a.status,
                "followed_up_in": a.followed_up_in.round if a.followed_up_in else None,
            }
            for a in agreements
        ],
        "partners_recorded": composition.recorded,
        "gaps": [str(g) for g in composition.gaps],
        "partners": [
            {"label": str(g["label"]), "names": [o.name for o in g["organisations"]]} for g in composition.groups
        ],
        "sources": [pact.source] if pact.source else [],
        "citations": [{"document": c.document, "locator": c.locator} for c in citations_for(pact)],
    }


def _indicator(indicator: Indicator, *, action: str, goal: str, as_of: datetime.date) -> dict:
    progress = indicator_progress(indicator, today=as_of)
    result = progress["result"]
    latest = progress["latest"]
    return {
        "pk": indicator.pk,
        "action": action,
        "goal": goal,
        "name": indicator.name,
        "kind": indicator.kind,
        "unit": indicator.unit,
        "baseline": _num(indicator.baseline),
        "target": _num(indicator.target),
        "target_on": _iso(indicator.target_on),
        "latest": _num(latest.value) if latest else None,
        "latest_on": _iso(latest.measured_on) if latest else None,
        "percent": progress["percent"],
        "on_track": progress["on_track"],
        "verdict": result.verdict,
        "gap": result.gap,
        "stale": result.stale,
        "rhythm": indicator.rhythm,
        "weight": str(indicator.weight),
        "target_group": indicator.target_group,
        "next_due": _iso(result.next_due),
        "measurements": [[m.measured_on.isoformat(), str(m.value)] for m in indicator.measurements.all()],
    }


def content_hash(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


# --- What the reader sees ------------------------------------------------------------------------------------


def dutch_date(iso: str | None) -> str:
    """ "1 januari 2018" (the active language's month names; reports render in Dutch)."""
    return date_format(datetime.date.fromisoformat(iso), "j F Y") if iso else "—"


def number(value, unit: str = "") -> str:
    """A measured value as a reader writes it: 50 (not 50.00), 35,5, with its unit; "—" when there is none."""
    if value is None or value == "":
        return "—"
    text = f"{Decimal(value).normalize():f}".replace(".", ",")
    if unit == "%":
        return f"{text}%"
    return f"{text} {unit}".strip()


def _label(choices, code: str) -> str:
    return str(choices(code).label) if code in choices.values else str(NOT_KNOWN)


def snapshot_address(report: ProgressReport) -> str:
    """The permanent address of the report's snapshot (the worker freezes it before rendering), "" when it has none."""
    from django.conf import settings
    from django.urls import reverse

    pk = Snapshot.objects.filter(report=report).values_list("pk", flat=True).first() if report.pk else None
    return f"{settings.PORTAL_URL}{reverse('volgspot:snapshot', args=[pk])}" if pk else ""


def report_context(report: ProgressReport, data: dict) -> dict:
    """The report as a reader sees it. Call inside translation.override("nl")."""
    start, end = data["period"]
    base = {
        "report": report,
        "data": data,
        "period_text": f"{dutch_date(start)} – {dutch_date(end)}",
        "made_on": date_format(timezone.localdate(), "j F Y"),
        "snapshot_url": snapshot_address(report),
    }
    if data["scope"] == ReportScope.NATIONAL:
        return {**base, **_national_context(data)}
    return {**base, **_pact_context(data)}


def _named_few(names: list[str], most: int = 10) -> list[str]:
    """The first names of a list, and how many more: 1,700 synthetic pacts named one by one filled ten pages."""
    if len(names) <= most:
        return names
    rest = len(names) - most
    return names[:most] + [ngettext("%(n)s other", "%(n)s others", rest) % {"n": count_text(rest)}]


def count_text(n: int) -> str:
    """A count as a Dutch reader writes it: 1.715."""
    return f"{n:,}".replace(",", ".")


def _table(title: str, head: list, rows: list, *, note: str = "") -> dict:
    return {"title": title, "head": head, "rows": rows, "note": note}


NATIONAL_TABLES = {
    # key of the dashboard table: its title in the report (the dashboard's own titles)
    "phases": "Pacts per phase of collaboration",
    "phases_over_time": "Pacts per phase over time (by the phase their Volgspot sessions assessed, per year)",
    "functions": "Pacts per function",
    "themes": "Themes: pacts and koplopers",
    "on_track": "Indicators on track per theme (%%)",  # the dashboard template's msgid: a template escapes its %
    "adoptions": "Koploper adoptions per year",
    "progress": "Progress per pact",
    "theme_progress": "Progress per theme (mean over its pacts with data)",
    "effects": "Goals whose effects are not measured",
    "composition": "Golden triangle per pact (first 200; gaps flagged)",
}
# A national table in the PDF shows this many rows: a report is read, not searched (per pact, 1,700 rows at scale 100
# made a report of a hundred pages that took WeasyPrint most of a minute); the whole table stays a download.
REPORT_TABLE_ROWS = 40
NATIONAL_CHARTS = {"phases": 1, "functions": 1, "themes": 1, "on_track": 3, "adoptions": 1}


def _chart(rows, value_index: int = 1) -> dict | None:
    """The dashboards' bar chart, wide enough for a page and its full labels; None when every bar would be zero."""
    if not rows or not any(r[value_index] for r in rows):
        return None
    return bar_chart(rows, value_index=value_index, width=640, label_chars=90)


def _national_context(data: dict) -> dict:
    figures = data["figures"]
    tables, charts = [], []
    for key, title in NATIONAL_TABLES.items():
        table = data["tables"].get(key)
        if table is None:
            continue
        rows = [[_cell(key, i, c) for i, c in enumerate(row)] for row in table["rows"][:REPORT_TABLE_ROWS]]
        title = _(title).replace("%%", "%")
        note = ""
        if len(table["rows"]) > REPORT_TABLE_ROWS:
            note = _(
                "The first %(shown)s of %(total)s rows. The whole table is on the Volgspot dashboard, to download as "
                "CSV or XLSX, and in the report's snapshot."
            ) % {"shown": REPORT_TABLE_ROWS, "total": count_text(len(table["rows"]))}
        tables.append(_table(title, table["head"], rows, note=note))
        if key in NATIONAL_CHARTS:
            chart = _chart(table["rows"], NATIONAL_CHARTS[key])
            if chart:
                charts.append({"title": title, "chart": chart, "id": f"c-{key}"})
    sessions = data["sessions"]
    session_rows = [
        [_label(SessionStatus, code), sessions[code]] for code in SessionStatus.values if sessions.get(code)
    ]
    agreements = data["agreements"]
    agreement_rows = [
        [_label(AgreementStatus, code), agreements[code]] for code in AgreementStatus.values if agreements.get(code)
    ]
    groups = [
        {
            "label": _label(TargetGroup, g["group"]),
            "goals": g["goals"],
            "measured": g["measured"],
            "unmeasured": g["goals"] - g["measured"],
            "reviews": g["reviews"],
            "pacts_reviewed": g["pacts_reviewed"],
        }
        for g in data["target_groups"]
    ]
    summary = [
        ngettext("The portal follows %(n)d regional pact", "The portal follows %(n)d regional pacts", figures["pacts"])
        % {"n": figures["pacts"]}
        + (
            " "
            + ngettext(
                "(plus %(n)d fictional example, not counted)",
                "(plus %(n)d fictional examples, not counted)",
                figures["fictional_pacts"],
            )
            % {"n": figures["fictional_pacts"]}
            if figures["fictional_pacts"]
            else ""
        )
        + ". "
        + ngettext("%(n)d koploper is published.", "%(n)d koplopers are published.", figures["koplopers"])
        % {"n": figures["koplopers"]},
        ngettext(
            "In the period %(n)d Volgspot session was held.",
            "In the period %(n)d Volgspot sessions were held.",
            data["sessions_total"],
        )
        % {"n": data["sessions_total"]}
        + (
            " "
            + ngettext("They took place in %(p)d pact.", "They took place in %(p)d pacts.", data["pacts_with_session"])
            % {"p": data["pacts_with_session"]}
            if data["sessions_total"]
            else ""
        )
        + " "
        + _("%(share)d%% of the pacts held one in the last twelve months.") % {"share": figures["coverage_share"]},
        _("Of the %(total)d measured indicators with a target, %(good)d are on track.")
        % {"total": figures["indicators"], "good": figures["on_track"]}
        if figures["indicators"]
        else _("No indicator with a target has been measured yet."),
        _national_progress_sentence(figures),
        ngettext(
            "%(n)d agreement is past its due date and not done.",
            "%(n)d agreements are past their due date and not done.",
            figures["overdue"],
        )
        % {"n": figures["overdue"]},
        ngettext(
            "For %(n)d pact the partners are not recorded: its golden triangle is not judged.",
            "For %(n)d pacts the partners are not recorded: their golden triangle is not judged.",
            figures["partners_not_recorded"],
        )
        % {"n": figures["partners_not_recorded"]},
        _effects_sentence(groups),
    ]
    return {
        "title": _("National progress report"),
        "scope_text": _("National: all regional pacts"),
        "summary": summary,
        "charts": charts,
        "tables": tables,
        "session_table": _table(
            _("Volgspot sessions in the period by status"), [_("Status"), _("Sessions")], session_rows
        ),
        "agreement_table": _table(
            _("Agreements made in the period by status"),
            [_("Status"), _("Agreements")],
            agreement_rows,
            note=ngettext(
                "%(n)d of them was followed up in a later session.",
                "%(n)d of them were followed up in a later session.",
                data["agreements_followed_up"],
            )
            % {"n": data["agreements_followed_up"]},
        ),
        "groups": groups,
        "fictional": _named_few(data["fictional_pacts"]),
    }


def _national_progress_sentence(figures: dict) -> str:
    if figures["progress"] is None:
        return _("National progress: no data (no pact has an indicator with a computed progress).")
    return ngettext(
        "National progress: %(progress)d%%, the mean over %(pacts)d pact with data, based on %(n)d indicators "
        "(%(stale)d out of date).",
        "National progress: %(progress)d%%, the mean over %(pacts)d pacts with data, based on %(n)d indicators "
        "(%(stale)d out of date).",
        figures["pacts_with_data"],
    ) % {
        "progress": figures["progress"],
        "pacts": figures["pacts_with_data"],
        "n": figures["based_on"],
        "stale": figures["stale"],
    }


def _cell(key: str, index: int, cell):
    """A dashboard cell for the page: shares carry their unit."""
    if key == "on_track" and index == 3:
        return f"{cell}%"
    return cell


def _effects_sentence(groups: list[dict]) -> str:
    unmeasured = [g["label"].lower() for g in groups if g["unmeasured"]]
    if not any(g["goals"] for g in groups):
        return _(
            "No goal names a target group yet, so no effects on students, care users or care workers are followed."
        )
    if not unmeasured:
        return _("Every goal that names a target group has at least one effect indicator.")
    return _("Goals name target groups whose effects are not measured by any effect indicator: %(groups)s.") % {
        "groups": ", ".join(unmeasured)
    }


def _pact_context(data: dict) -> dict:
    status_rows = [
        [_label(ActionStatus, code) if code else str(NOT_KNOWN), n]
        for code, n in sorted(data["action_status"].items(), key=lambda kv: _status_order(kv[0]))
    ]
    indicator_rows, indicator_charts = [], []
    for ind in data["indicators"]:
        verdict = _label(Verdict, ind["verdict"]) + (" — " + _label(ProgressGap, ind["gap"]) if ind["gap"] else "")
        indicator_rows.append(
            [
                ind["action"] or ind["goal"],
                ind["name"],
                _label(IndicatorKind, ind["kind"]),
                number(ind["baseline"], ind["unit"]),
                number(ind["target"], ind["unit"]),
                f"{number(ind['latest'], ind['unit'])} ({dutch_date(ind['latest_on'])})"
                if ind["latest"] is not None
                else _("no measurements yet"),
                f"{ind['percent']}%" if ind["percent"] is not None else "—",
                verdict,
            ]
        )
        chart = line_chart(
            [(datetime.date.fromisoformat(d), Decimal(v)) for d, v in ind["measurements"]],
            uid=f"indicator-{ind['pk']}",
            target=Decimal(ind["target"]) if ind["target"] is not None else None,
            baseline=Decimal(ind["baseline"]) if ind["baseline"] is not None else None,
            width=300,
            height=150,
        )
        if chart and len(ind["measurements"]) > 1:
            title = f"{ind['name']} ({ind['unit']})" if ind["unit"] else ind["name"]
            indicator_charts.append({"title": title, "chart": chart})
    session_rows = [
        [
            _("Round %(n)d") % {"n": s["round"]},
            dutch_date(s["held_on"]),
            s["phase"] or "—",
            _label(SessionStatus, s["status"]),
        ]
        for s in data["sessions"]
    ]
    today = timezone.localdate().isoformat()
    agreement_rows = []
    for a in data["agreements"]:
        overdue = a["status"] in OPEN_AGREEMENTS and a["due_on"] and a["due_on"] < today
        owner = ", ".join(x for x in (a["owner"], a["owner_organisation"]) if x) or "—"
        follow_up = _("in round %(n)d") % {"n": a["followed_up_in"]} if a["followed_up_in"] else _("not yet")
        agreement_rows.append(
            [
                a["text"],
                _("Round %(n)d") % {"n": a["round"]},
                owner,
                dutch_date(a["due_on"]),
                _label(AgreementStatus, a["status"]) + (" — " + _("overdue") if overdue else ""),
                follow_up,
            ]
        )
    groups = []
    for group, field in TARGET_GROUPS:
        goals = [g for g in data["goals"] if group.value in (g["groups"] or [])]
        groups.append(
            {
                "label": _label(TargetGroup, group.value),
                "goals": [{**g, "measured": group.value not in g["unmeasured"]} for g in goals],
                "unmeasured": sum(1 for g in goals if group.value in g["unmeasured"]),
                "effects": [
                    {"round": r["round"], "ambition": r["ambition"], "text": r[field]}
                    for r in data["reviews"]
                    if r[field]
                ],
                "indicators": [
                    row
                    for ind, row in zip(data["indicators"], indicator_rows, strict=True)
                    if ind["kind"] == IndicatorKind.EFFECT and ind["goal"] in {g["title"] for g in goals}
                ],
            }
        )
    verdict = partner_verdict_text(_Verdict(data["partners_recorded"], data["gaps"]))
    progress_rows = [[_("The pact as a whole"), *progress_cells(data["progress"])]] + [
        [a["title"], *progress_cells(a["progress"])] for a in data["ambitions"]
    ]
    return {
        "title": _("Progress report"),
        "progress_table": _table(
            _("Progress per ambition"),
            [_("Level"), _("Progress"), _("Based on indicators"), _("Out of date"), _("Without data")],
            progress_rows,
        ),
        "scope_text": data["pact"],
        "summary": _pact_summary(data, status_rows, groups),
        "facts": [
            (_("Phase"), data["phase"] or str(NOT_KNOWN)),
            (_("Functions"), ", ".join(_label(PactFunction, f) for f in data["functions"]) or str(NOT_KNOWN)),
            (_("Provinces"), ", ".join(data["provinces"]) or str(NOT_KNOWN)),
            (_("Lead organisation"), data["lead"] or str(NOT_KNOWN)),
            (_("Actions"), data["actions"]),
            (_("Golden triangle: gaps"), verdict),
        ],
        "status_table": _table(_("Actions by status"), [_("Status"), _("Actions")], status_rows),
        "status_chart": _chart(status_rows),
        "indicator_table": _table(
            _("Indicators against their targets"),
            [
                _("Action or goal"),
                _("Indicator"),
                _("Kind"),
                _("Baseline"),
                _("Target"),
                _("Latest measurement"),
                _("Progress"),
                _("Verdict"),
            ],
            indicator_rows,
        ),
        "indicator_charts": indicator_charts,
        "session_table": _table(
            _("Volgspot sessions in the period"), [_("Round"), _("Date"), _("Phase"), _("Status")], session_rows
        ),
        "agreement_table": _table(
            _("Agreements and their follow-up"),
            [_("Agreement"), _("Made in"), _("Owner"), _("Due"), _("Status"), _("Followed up")],
            agreement_rows,
        ),
        "assessments": [
            [
                _("Round %(n)d") % {"n": r["round"]},
                r["ambition"],
                _label(Assessment, r["assessment"]) if r["assessment"] else "—",
            ]
            for r in data["reviews"]
        ],
        "groups": groups,
        # goals whose target groups no source states: said so, never read as "no target group"
        "groups_unknown": [g["title"] for g in data["goals"] if not g["groups"]],
        "partner_groups": data["partners"],
        "fictional": [data["pact"]] if data["is_synthetic"] else [],
    }


def progress_cells(rollup: dict) -> list:
    """A roll-up (Rollup.as_dict) as table cells: "62%" or "no data" (never 0% for a level without data)."""
    progress = f"{rollup['progress']}%" if rollup["progress"] is not None else _("no data")
    return [progress, rollup["based_on"], rollup["stale"], rollup["without_data"]]


class _Verdict:
    """partner_verdict_text reads a composition; the report keeps only its recorded flag and gaps."""

    def __init__(self, recorded: bool, gaps: list[str]):
        self.recorded, self.gaps = recorded, gaps


def _status_order(code: str) -> int:
    return ActionStatus.values.index(code) if code in ActionStatus.values else len(ActionStatus.values)


def _pact_summary(data: dict, status_rows: list, groups: list[dict]) -> list[str]:
    sentences = []
    if data["actions"]:
        parts = "; ".join(f"{label.lower()}: {n}" for label, n in status_rows)
        sentences.append(
            ngettext(
                "The action agenda holds %(n)d action (%(parts)s).",
                "The action agenda holds %(n)d actions (%(parts)s).",
                data["actions"],
            )
            % {"n": data["actions"], "parts": parts}
        )
    else:
        sentences.append(_("The action agenda holds no actions yet."))
    measured = [i for i in data["indicators"] if i["latest"] is not None and i["target"] is not None]
    if measured:
        good = sum(1 for i in measured if i["verdict"] == Verdict.ON_TRACK)
        sentences.append(
            ngettext(
                "Of %(total)d measured indicator with a target, %(good)d is on track.",
                "Of %(total)d measured indicators with a target, %(good)d are on track.",
                len(measured),
            )
            % {"total": len(measured), "good": good}
        )
        stale = sum(1 for i in measured if i["stale"])
        if stale:
            sentences.append(
                ngettext(
                    "%(n)d of them is out of date: its latest measurement is older than its reporting rhythm.",
                    "%(n)d of them are out of date: their latest measurement is older than their reporting rhythm.",
                    stale,
                )
                % {"n": stale}
            )
    else:
        sentences.append(_("No indicator with a target has been measured yet."))
    progress = data["progress"]
    if progress["progress"] is None:
        sentences.append(_("The pact's progress: no data."))
    else:
        sentences.append(
            ngettext(
                "The pact's progress: %(progress)d%%, based on %(n)d indicator.",
                "The pact's progress: %(progress)d%%, based on %(n)d indicators.",
                progress["based_on"],
            )
            % {"progress": progress["progress"], "n": progress["based_on"]}
        )
    sessions = data["sessions"]
    if sessions:
        last = sessions[-1]
        sentence = ngettext(
            "In the period %(n)d Volgspot session was held.",
            "In the period %(n)d Volgspot sessions were held.",
            len(sessions),
        ) % {"n": len(sessions)}
        if last["phase"]:
            sentence += " " + _("The last one, on %(date)s, placed the pact in the phase “%(phase)s”.") % {
                "date": dutch_date(last["held_on"]),
                "phase": last["phase"],
            }
        sentences.append(sentence)
    else:
        sentences.append(_("No Volgspot session was held in the period."))
    agreements = data["agreements"]
    if agreements:
        done = sum(1 for a in agreements if a["status"] == AgreementStatus.DONE)
        today = timezone.localdate().isoformat()
        overdue = sum(1 for a in agreements if a["status"] in OPEN_AGREEMENTS and a["due_on"] and a["due_on"] < today)
        sentences.append(
            ngettext(
                "Of %(n)d agreement, %(done)d is done and %(overdue)d is past its due date.",
                "Of %(n)d agreements, %(done)d are done and %(overdue)d are past their due date.",
                len(agreements),
            )
            % {"n": len(agreements), "done": done, "overdue": overdue}
        )
    unmeasured = [g["label"].lower() for g in groups if g["unmeasured"]]
    described = [g["label"].lower() for g in groups if g["effects"]]
    if described:
        sentences.append(_("The Volgspot reviews describe effects on %(groups)s.") % {"groups": ", ".join(described)})
    if unmeasured:
        sentences.append(
            _("Effects not measured by an effect indicator: %(groups)s.") % {"groups": ", ".join(unmeasured)}
        )
    if not data["partners_recorded"]:
        sentences.append(_("The partners are not recorded, so the golden triangle is not judged."))
    elif data["gaps"]:
        sentences.append(_("Missing in the golden triangle: %(gaps)s.") % {"gaps": ", ".join(data["gaps"])})
    else:
        sentences.append(_("The golden triangle is complete."))
    return sentences


def render_report(report: ProgressReport, data: dict) -> tuple[str, bytes]:
    from django.contrib.staticfiles import finders
    from weasyprint import CSS, HTML

    with translation.override("nl"):
        html = render_to_string("volgspot/report.html", report_context(report, data))
    stylesheet = CSS(filename=finders.find("css/report.css"))
    # PDF/UA-1: a tagged PDF (structure, reading order, language nl from <html lang>) that screen readers can read.
    return html, HTML(string=html).write_pdf(stylesheets=[stylesheet], pdf_variant="pdf/ua-1")
