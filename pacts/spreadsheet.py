"""The action agenda as a spreadsheet: export to XLSX/CSV and import the same format back, all or nothing.

One row per measurement (an indicator without measurements, or an action without indicators, gets one row of
its own), so the file reads like the lists coordinators keep today. Values are the stored codes (status
`running`, kind `output`), which the header row explains. The last column, `versie`, names the version of the
action, indicator and measurement on that row as exported: an import refuses to change an object that was changed
after the export (it would undo that change without anyone noticing).

An upload is read by zorgpact.core.sheetreader (streaming, with hard limits) and checked row by row against the
agenda: the preview stores only the plan (the changes to make) in an AgendaImport row. A plan of more than
ASYNC_FROM changes is applied by the Celery worker; smaller ones in the request.
"""

import datetime
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zorgpact.core.listing import spreadsheet_bytes, unescape_formula
from zorgpact.core.queue import broker_available, enqueue_on_commit
from zorgpact.core.sheetreader import LIMITS, SheetError, read_rows

from .constants import ActionStatus, Direction, ImportStatus, IndicatorKind
from .models import Action, AgendaImport, Indicator, Measurement, Pact

COLUMNS = [
    "actie",
    "status",
    "start",
    "einde",
    "openbaar",
    "indicator",
    "soort",
    "eenheid",
    "nulmeting",
    "streefwaarde",
    "streefdatum",
    "richting",
    "meetdatum",
    "waarde",
    "toelichting",
]
VERSION_COLUMN = "versie"  # optional in an upload: a row typed by hand has none, and is not checked
EXPORT_COLUMNS = [*COLUMNS, VERSION_COLUMN]
MAX_ROWS = LIMITS.rows - 1
# Up to this many changes are applied in the request: each is a validated save with its history row, some 5-10 ms,
# so 200 stay well within a second or two and far from gunicorn's 30 s timeout; more go to the worker.
ASYNC_FROM = 200
MAX_ERRORS = 500  # the errors kept for the page; the rest are only counted
KINDS = {"a": "action", "i": "indicator", "m": "measurement"}
_TOKEN = re.compile(r"\b([aim])(\d{1,12})\.(\d{1,9})\b")

ImportFileError = SheetError


class ImportsUnavailable(Exception):
    """The worker's queue cannot be reached: a large import cannot be started now; nothing was changed."""


def _token(kind: str, instance) -> str:
    return f"{kind}{instance.pk}.{instance.version}"


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
            rows.append(base + [""] * 10 + [_token("a", action)])
        for indicator in indicators:
            ind = [
                indicator.name,
                indicator.kind,
                indicator.unit,
                indicator.baseline,
                indicator.target,
                indicator.target_on,
                indicator.direction,
            ]
            versions = f"{_token('a', action)} {_token('i', indicator)}"
            measurements = sorted(indicator.measurements.all(), key=lambda m: m.measured_on)
            if not measurements:
                rows.append(base + ind + ["", "", "", versions])
            for m in measurements:
                rows.append(base + ind + [m.measured_on, m.value, m.note, f"{versions} {_token('m', m)}"])
    return rows


def export_file(pact: Pact, fmt: str) -> bytes:
    return spreadsheet_bytes(fmt, EXPORT_COLUMNS, export_rows(pact), sheet_title="Actieagenda")


def read_upload(name: str, content: bytes) -> Iterator[tuple[int, dict]]:
    """(row number, values as text keyed by column) per row, streaming. Raises ImportFileError while iterating when
    the file is not our format or breaks a limit of zorgpact.core.sheetreader."""
    rows = read_rows(name, content)
    try:
        _number, first = next(rows)
    except StopIteration:
        raise ImportFileError(_("The file is empty.")) from None
    header = [_text(h).lower() for h in first]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ImportFileError(_("Columns missing: %(columns)s.") % {"columns": ", ".join(missing)})
    wanted = [(c, header.index(c)) for c in [*COLUMNS, VERSION_COLUMN] if c in header]
    for number, raw in rows:
        yield number, {c: (_text(raw[i]) if i < len(raw) else "") for c, i in wanted}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return unescape_formula(str(value).strip())


@dataclass
class Plan:
    """What an import would do, checked row by row before anything is written.

    `actions`, `indicators` and `measurements` are the file's values per key while checking; `changes` is what the
    check against the agenda leaves: only what differs, each with the version it was compared with. That list is all
    that is kept after the preview.
    """

    actions: dict[str, dict] = field(default_factory=dict)
    indicators: dict[tuple[str, str], dict] = field(default_factory=dict)
    measurements: dict[tuple[str, str, datetime.date], dict] = field(default_factory=dict)
    rows: dict[tuple, int] = field(default_factory=dict)
    versions: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    errors: list[dict] = field(default_factory=list)
    error_count: int = 0
    changes: list[dict] = field(default_factory=list)
    unchanged: int = 0

    def error(self, row: int, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append({"row": row, "column": column, "message": message})

    def summary(self) -> dict[str, int]:
        new = [c for c in self.changes if c["pk"] is None]
        return {
            "actions": len(self.actions),
            "indicators": len(self.indicators),
            "measurements": len(self.measurements),
            "new_actions": sum(c["kind"] == "action" for c in new),
            "created": len(new),
            "updated": len(self.changes) - len(new),
            "unchanged": self.unchanged,
            "changes": len(self.changes),
        }


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


def _choice(plan, n, column, value, choices, default=None, *, blank_is_unknown: bool = False):
    if value == "" and blank_is_unknown:
        return None  # an empty cell is "not known", as the export writes it; never a guessed default
    if value == "" and default is not None:
        return default
    if value not in choices.values:
        plan.error(n, column, _("Must be one of: %(values)s.") % {"values": ", ".join(choices.values)})
    return value


def plan_import(rows: Iterable[tuple[int, dict]], *, pact: Pact) -> Plan:
    """Check every row of the file, then compare with the pact's agenda (see `_compare`)."""
    plan = Plan()
    for n, row in rows:
        _check_row(plan, n, row)
    if not plan.errors:
        _compare(plan, pact)
    return plan


def _check_row(plan: Plan, n: int, row: dict) -> None:
    title = row["actie"][:300]
    if not title:
        plan.error(n, "actie", _("Every row needs the action's title."))
        return
    versions = {KINDS[k]: (int(pk), int(v)) for k, pk, v in _TOKEN.findall(row.get(VERSION_COLUMN, ""))}
    action = {
        "status": _choice(plan, n, "status", row["status"], ActionStatus, blank_is_unknown=True),
        "starts_on": _date(plan, n, "start", row["start"]),
        "ends_on": _date(plan, n, "einde", row["einde"]),
        "is_public": row["openbaar"].lower() not in ("nee", "no", "0", "false"),
    }
    if action["starts_on"] and action["ends_on"] and action["ends_on"] < action["starts_on"]:
        plan.error(n, "einde", _("The end date cannot be before the start date."))
    if title in plan.actions and plan.actions[title] != action:
        plan.error(n, "actie", _("The same action has different details on another row."))
    _keep(plan, "action", title, action, n, versions)
    name = row["indicator"][:300]
    if not name:
        if row["meetdatum"] or row["waarde"]:
            plan.error(n, "indicator", _("A measurement needs the indicator's name."))
        return
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
    _keep(plan, "indicator", key, indicator, n, versions)
    if row["meetdatum"] or row["waarde"]:
        errors_before = plan.error_count
        measured_on = _date(plan, n, "meetdatum", row["meetdatum"])
        value = _decimal(plan, n, "waarde", row["waarde"])
        if measured_on is None and not row["meetdatum"]:
            plan.error(n, "meetdatum", _("A measurement needs its date."))
        if value is None and row["waarde"] == "":
            plan.error(n, "waarde", _("A measurement needs its value."))
        if measured_on and (title, name, measured_on) in plan.measurements:
            plan.error(n, "meetdatum", _("This indicator already has a measurement on this date in the file."))
        elif measured_on and value is not None and plan.error_count == errors_before:
            _keep(
                plan,
                "measurement",
                (title, name, measured_on),
                {"value": value, "note": row["toelichting"][:500]},
                n,
                versions,
            )


def _keep(plan: Plan, kind: str, key, values: dict, n: int, versions: dict) -> None:
    {"action": plan.actions, "indicator": plan.indicators, "measurement": plan.measurements}[kind][key] = values
    plan.rows.setdefault((kind, key), n)
    if kind in versions:
        plan.versions.setdefault((kind, key), versions[kind])


MODELS = {"action": Action, "indicator": Indicator, "measurement": Measurement}
IN_PACT = {"action": "pact", "indicator": "action__pact", "measurement": "indicator__action__pact"}


def _key_of(kind: str, instance):
    if kind == "action":
        return instance.title
    if kind == "indicator":
        return (instance.action.title, instance.name)
    return (instance.indicator.action.title, instance.indicator.name, instance.measured_on)


def _existing(kind: str, pact: Pact) -> dict[int, object]:
    related = {"action": [], "indicator": ["action"], "measurement": ["indicator__action"]}[kind]
    return {o.pk: o for o in MODELS[kind].objects.filter(**{IN_PACT[kind]: pact}).select_related(*related)}


def _compare(plan: Plan, pact: Pact) -> None:
    """The changes the file makes to the agenda. Rows are matched on the action's title and the indicator's name
    within this pact, and a measurement on its date; what the file leaves as it is makes no change.

    A row exported with versions (the `versie` column) is refused when the object it would change was changed after
    the export (or no longer carries the exported title): writing the file's values would undo that change. A row
    whose values equal the current ones changes nothing and is not refused. The versions of another pact's file
    name other objects and are not compared.
    """
    for kind, values_by_key in (
        ("action", plan.actions),
        ("indicator", plan.indicators),
        ("measurement", plan.measurements),
    ):
        by_pk = _existing(kind, pact)
        by_key = {_key_of(kind, o): o for o in by_pk.values()}
        for key, values in values_by_key.items():
            row = plan.rows[(kind, key)]
            instance = by_key.get(key)
            exported = plan.versions.get((kind, key))
            if exported and exported[0] in by_pk and (instance is None or instance.pk != exported[0]):
                plan.error(row, VERSION_COLUMN, _stale_message(kind, by_pk[exported[0]]))
                continue
            if instance is None:
                plan.changes.append(
                    {"kind": kind, "key": _json(key), "pk": None, "version": None, "values": _json(values), "row": row}
                )
                continue
            changed = {k: v for k, v in values.items() if getattr(instance, k) != v}
            if not changed:
                plan.unchanged += 1
            elif exported and exported[1] != instance.version:
                plan.error(row, VERSION_COLUMN, _stale_message(kind, instance))
            else:
                plan.changes.append(
                    {
                        "kind": kind,
                        "key": _json(key),
                        "pk": instance.pk,
                        "version": instance.version,
                        "values": _json(changed),
                        "row": row,
                    }
                )


def _stale_message(kind: str, instance) -> str:
    what = {"action": _("action"), "indicator": _("indicator"), "measurement": _("measurement")}[kind]
    return _(
        "The %(what)s “%(name)s” was changed after this file was exported; importing this row would undo "
        "that change. Download the agenda again and make your change in the new file."
    ) % {"what": what, "name": str(instance)[:120]}


def _json(value):
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items()}
    if isinstance(value, (tuple, list)):
        return [_json(v) for v in value]
    if isinstance(value, (datetime.date, Decimal)):
        return str(value)
    return value


class ImportConflict(Exception):
    """Objects of the plan were changed between the preview and applying it."""

    def __init__(self, rows: list[int]):
        super().__init__(rows)
        self.rows = rows


def apply_import(*, agenda_import: AgendaImport, progress=None) -> dict[str, int]:
    """Apply a checked plan, through save() so history records every change; call inside a transaction.

    Every object the plan changes is locked and must still be at the version the preview compared with, so nothing
    saved since the preview is overwritten. Any refusal (ImportConflict, ValidationError, IntegrityError) propagates
    and the caller's transaction rolls the whole import back.
    """
    pact = agenda_import.pact
    changes = agenda_import.plan
    locked = {}
    for kind, model in MODELS.items():
        expected = {c["pk"]: c["version"] for c in changes if c["kind"] == kind and c["pk"] is not None}
        locked[kind] = model.objects.select_for_update().filter(**{IN_PACT[kind]: pact}).in_bulk(list(expected))
        stale = [
            pk for pk, version in expected.items() if pk not in locked[kind] or locked[kind][pk].version != version
        ]
        if stale:
            raise ImportConflict(sorted(c["row"] for c in changes if c["kind"] == kind and c["pk"] in stale))
    actions = {a.title: a for a in Action.objects.filter(pact=pact)}
    indicators = {
        (i.action.title, i.name): i for i in Indicator.objects.filter(action__pact=pact).select_related("action")
    }
    counts = {"created": 0, "updated": 0}
    for done, change in enumerate(changes, start=1):
        kind, key = change["kind"], change["key"]
        model = MODELS[kind]
        values = {k: model._meta.get_field(k).to_python(v) for k, v in change["values"].items()}
        if change["pk"] is None:
            if kind == "action":
                keys = {"pact": pact, "title": key}
            elif kind == "indicator":
                keys = {"action": actions[key[0]], "name": key[1]}
            else:
                keys = {"indicator": indicators[(key[0], key[1])], "measured_on": datetime.date.fromisoformat(key[2])}
            instance = model(**keys, **values)
            counts["created"] += 1
        else:
            instance = locked[kind][change["pk"]]
            for k, v in values.items():
                setattr(instance, k, v)
            instance.version += 1
            counts["updated"] += 1
        instance.full_clean()
        instance.save()
        if kind == "action":
            actions[instance.title] = instance
        elif kind == "indicator":
            indicators[(key[0], key[1])] = instance
        if progress is not None and (done % 50 == 0 or done == len(changes)):
            progress(done)
    return counts


def progress_key(agenda_import: AgendaImport) -> str:
    return f"agenda-import:{agenda_import.pk}:done"


def import_progress(agenda_import: AgendaImport) -> int:
    """Changes applied so far by a running import (kept in the shared cache: the worker's transaction is not
    visible until it commits)."""
    if agenda_import.status == ImportStatus.DONE:
        return agenda_import.total
    return int(cache.get(progress_key(agenda_import)) or 0)


@transaction.atomic
def preview_import(*, pact: Pact, user, file_name: str, content: bytes) -> tuple[Plan, AgendaImport | None]:
    """Read and check an upload; without errors, keep its plan (not its rows) as an AgendaImport to confirm.

    Raises ImportFileError for a file that cannot be read. A person's earlier unconfirmed previews for this pact are
    dropped: only the latest can be confirmed.
    """
    plan = plan_import(read_upload(file_name, content), pact=pact)
    if plan.errors:
        return plan, None
    AgendaImport.objects.filter(pact=pact, created_by=user, status=ImportStatus.PREVIEWED).delete()
    agenda_import = AgendaImport.objects.create(
        pact=pact, created_by=user, file_name=file_name[:255], plan=plan.changes, total=len(plan.changes)
    )
    return plan, agenda_import


@transaction.atomic
def confirm_import(*, agenda_import: AgendaImport) -> AgendaImport:
    """Apply a previewed import: up to ASYNC_FROM changes now, more by the worker (queued after this commits).

    Confirming twice does nothing the second time. Raises ImportsUnavailable when a large import cannot be queued.
    """
    agenda_import = AgendaImport.objects.select_for_update().get(pk=agenda_import.pk)
    if agenda_import.status != ImportStatus.PREVIEWED:
        return agenda_import
    if agenda_import.total <= ASYNC_FROM:
        agenda_import.status = ImportStatus.RUNNING
        return run_import(agenda_import=agenda_import)
    if not broker_available():
        raise ImportsUnavailable
    from .tasks import apply_agenda_import

    agenda_import.status = ImportStatus.QUEUED
    agenda_import.save(update_fields=["status"])
    enqueue_on_commit(apply_agenda_import, agenda_import.pk, run_here_if_broker_down=False)
    return agenda_import


def run_import(*, agenda_import: AgendaImport) -> AgendaImport:
    """Apply the plan all or nothing and record the outcome on the AgendaImport. A transient DatabaseError is
    raised for the caller to retry; every refusal ends the import as failed, with a message for the page."""
    key = progress_key(agenda_import)
    error = ""
    try:
        with transaction.atomic():
            counts = apply_import(agenda_import=agenda_import, progress=lambda done: cache.set(key, done, 3600))
            agenda_import.status, agenda_import.counts = ImportStatus.DONE, counts
            agenda_import.finished_at, agenda_import.plan = timezone.now(), []  # applied: history has the changes
            agenda_import.save(update_fields=["status", "counts", "finished_at", "plan"])
            return agenda_import
    except ImportConflict as conflict:
        error = _(
            "Nothing has been imported: rows %(rows)s were changed by someone else after the check. Upload the file "
            "again to see what changed."
        ) % {"rows": ", ".join(map(str, conflict.rows[:20]))}
    except ValidationError as refusal:
        error = _("Nothing has been imported: %(reason)s") % {"reason": " ".join(refusal.messages)[:1000]}
    except IntegrityError:
        error = _("Nothing has been imported: the agenda changed while importing. Upload the file again.")
    except DatabaseError:
        raise
    AgendaImport.objects.filter(pk=agenda_import.pk).update(
        status=ImportStatus.FAILED, error=error, finished_at=timezone.now(), plan=[]
    )
    agenda_import.refresh_from_db()
    return agenda_import
