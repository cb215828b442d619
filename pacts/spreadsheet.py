"""The action agenda as a spreadsheet: export to XLSX/CSV and import the same format back, all or nothing.

One row per measurement (an indicator without measurements, or an action without indicators, gets one row of
its own), so the file reads like the lists coordinators keep today. Values are the stored codes (status
`running`, kind `output`), which the header row explains.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .constants import ActionStatus, Direction, IndicatorKind
from .models import Action, Indicator, Measurement, Pact

COLUMNS = [
    "actie", "status", "start", "einde", "openbaar", "indicator", "soort", "eenheid", "nulmeting", "streefwaarde",
    "streefdatum", "richting", "meetdatum", "waarde", "toelichting",
]
MAX_ROWS = 10_000


def export_rows(pact: Pact) -> list[list]:
    actions = (
        Action.objects.filter(pact=pact, archived_at__isnull=True)
        .prefetch_related("indicators__measurements")
        .order_by("order", "pk")
    )
    rows = []
    for action in actions:
        base = [action.title, action.status, action.starts_on, action.ends_on, "ja" if action.is_public else "nee"]
        indicators = [i for i in action.indicators.all() if not i.archived_at]
        if not indicators:
            rows.append(base + [""] * 10)
        for indicator in indicators:
            ind = [indicator.name, indicator.kind, indicator.unit, indicator.baseline, indicator.target,
                   indicator.target_on, indicator.direction]
            measurements = sorted(indicator.measurements.all(), key=lambda m: m.measured_on)
            if not measurements:
                rows.append(base + ind + ["", "", ""])
            for m in measurements:
                rows.append(base + ind + [m.measured_on, m.value, m.note])
    return rows


def to_csv(rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(rows: list[list]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Actieagenda"
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append([float(v) if isinstance(v, Decimal) else v for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


class ImportFileError(Exception):
    pass


def read_upload(name: str, content: bytes) -> list[dict]:
    """Rows as dicts of text keyed by column name. Refuses files that are not our format."""
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        except Exception as error:  # openpyxl raises many kinds for a broken file
            raise ImportFileError(_("This is not a readable XLSX file.")) from error
        values = [list(r) for r in sheet.iter_rows(values_only=True)]
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ImportFileError(_("The CSV file is not UTF-8 text.")) from error
        values = list(csv.reader(io.StringIO(text.replace("\x00", ""))))
    if not values:
        raise ImportFileError(_("The file is empty."))
    header = [str(h or "").strip().lower() for h in values[0]]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ImportFileError(_("Columns missing: %(columns)s.") % {"columns": ", ".join(missing)})
    if len(values) - 1 > MAX_ROWS:
        raise ImportFileError(_("At most %(max)d rows per import.") % {"max": MAX_ROWS})
    rows = []
    for raw in values[1:]:
        if not any(v not in (None, "") for v in raw):
            continue
        rows.append({c: _text(raw[header.index(c)] if header.index(c) < len(raw) else "") for c in COLUMNS})
    return rows


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


@dataclass
class Plan:
    """What an import would do, checked row by row before anything is written."""

    actions: dict[str, dict] = field(default_factory=dict)
    indicators: dict[tuple[str, str], dict] = field(default_factory=dict)
    measurements: dict[tuple[str, str, datetime.date], dict] = field(default_factory=dict)
    errors: list[dict] = field(default_factory=list)

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append({"row": row, "column": column, "message": message})


def _date(plan, n, column, value):
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        plan.error(n, column, _("Not a date (use YYYY-MM-DD)."))


def _decimal(plan, n, column, value):
    if value == "":
        return None
    try:
        number = Decimal(value.replace(",", "."))
        if not number.is_finite() or abs(number) >= Decimal(10) ** 10:
            raise InvalidOperation
        return number
    except InvalidOperation:
        plan.error(n, column, _("Not a number."))


def _choice(plan, n, column, value, choices, default=None):
    if value == "" and default is not None:
        return default
    if value not in choices.values:
        plan.error(n, column, _("Must be one of: %(values)s.") % {"values": ", ".join(choices.values)})
    return value


def plan_import(rows: list[dict]) -> Plan:
    plan = Plan()
    for n, row in enumerate(rows, start=2):  # row 1 is the header
        title = row["actie"][:300]
        if not title:
            plan.error(n, "actie", _("Every row needs the action's title."))
            continue
        action = {
            "status": _choice(plan, n, "status", row["status"], ActionStatus, ActionStatus.PLANNED),
            "starts_on": _date(plan, n, "start", row["start"]),
            "ends_on": _date(plan, n, "einde", row["einde"]),
            "is_public": row["openbaar"].lower() not in ("nee", "no", "0", "false"),
        }
        if action["starts_on"] and action["ends_on"] and action["ends_on"] < action["starts_on"]:
            plan.error(n, "einde", _("The end date cannot be before the start date."))
        if title in plan.actions and plan.actions[title] != action:
            plan.error(n, "actie", _("The same action has different details on another row."))
        plan.actions[title] = action
        name = row["indicator"][:300]
        if not name:
            if row["meetdatum"] or row["waarde"]:
                plan.error(n, "indicator", _("A measurement needs the indicator's name."))
            continue
        indicator = {
            "kind": _choice(plan, n, "soort", row["soort"], IndicatorKind, IndicatorKind.OUTPUT),
            "unit": row["eenheid"][:50],
            "baseline": _decimal(plan, n, "nulmeting", row["nulmeting"]),
            "target": _decimal(plan, n, "streefwaarde", row["streefwaarde"]),
            "target_on": _date(plan, n, "streefdatum", row["streefdatum"]),
            "direction": _choice(plan, n, "richting", row["richting"], Direction, Direction.UP),
        }
        key = (title, name)
        if key in plan.indicators and plan.indicators[key] != indicator:
            plan.error(n, "indicator", _("The same indicator has different details on another row."))
        plan.indicators[key] = indicator
        if row["meetdatum"] or row["waarde"]:
            measured_on = _date(plan, n, "meetdatum", row["meetdatum"])
            value = _decimal(plan, n, "waarde", row["waarde"])
            if measured_on is None and not any(e["row"] == n and e["column"] == "meetdatum" for e in plan.errors):
                plan.error(n, "meetdatum", _("A measurement needs its date."))
            if value is None and not any(e["row"] == n and e["column"] == "waarde" for e in plan.errors):
                plan.error(n, "waarde", _("A measurement needs its value."))
            if measured_on and (title, name, measured_on) in plan.measurements:
                plan.error(n, "meetdatum", _("This indicator already has a measurement on this date in the file."))
            elif measured_on and value is not None:
                plan.measurements[(title, name, measured_on)] = {"value": value, "note": row["toelichting"][:500]}
    return plan


@transaction.atomic
def apply_import(*, pact: Pact, plan: Plan) -> dict[str, int]:
    """Create or update the agenda from a checked plan, through save() so history records every change.

    Rows are matched on the action's title and the indicator's name within this pact, and a measurement on its
    date. Any database refusal rolls the whole import back.
    """
    if plan.errors:
        raise ValidationError("plan has errors")
    counts = {"created": 0, "updated": 0}
    actions = {a.title: a for a in Action.objects.filter(pact=pact)}
    for title, values in plan.actions.items():
        _upsert(actions.get(title), Action, {"pact": pact, "title": title}, values, counts, actions, title)
    indicators = {(i.action.title, i.name): i for i in Indicator.objects.filter(action__pact=pact).select_related("action")}
    for (title, name), values in plan.indicators.items():
        _upsert(indicators.get((title, name)), Indicator, {"action": actions[title], "name": name}, values, counts,
                indicators, (title, name))
    existing = {
        (m.indicator.action.title, m.indicator.name, m.measured_on): m
        for m in Measurement.objects.filter(indicator__action__pact=pact).select_related("indicator__action")
    }
    for (title, name, measured_on), values in plan.measurements.items():
        _upsert(existing.get((title, name, measured_on)), Measurement,
                {"indicator": indicators[(title, name)], "measured_on": measured_on}, values, counts, existing,
                (title, name, measured_on))
    return counts


def _upsert(instance, model, keys, values, counts, index, key):
    if instance is None:
        instance = model(**keys, **values)
        instance.full_clean()
        instance.save()
        counts["created"] += 1
        index[key] = instance
        return
    if any(getattr(instance, k) != v for k, v in values.items()):
        for k, v in values.items():
            setattr(instance, k, v)
        instance.version += 1
        instance.full_clean()
        instance.save()
        counts["updated"] += 1
