"""The action agenda as a workbook: export to XLSX (a sheet per level) or CSV (one level), import it back, all or
nothing.

The workbook has one sheet per level, one row per object: Acties (an action's status, dates, public or not),
Indicatoren (per action its indicators) and Metingen (per indicator its measurements), with a sheet Uitleg that
explains them. Codes are written as their Dutch labels (status "Loopt", kind "Resultaat (output)"), offered in
drop-down lists; the import takes the label (Dutch or English) or the stored code. The last column of every sheet,
`Versie`, names the version of the row's object as exported: an import refuses to change an object that was
changed after the export (it would undo that change without anyone noticing).

The earlier layout, one sheet with a row per measurement that repeats its action's and indicator's fields (header
`actie, status, …` as in COLUMNS), is still read.

An upload is read by zorgpact.core.sheetreader (streaming, with hard limits) and checked row by row against the
agenda: the preview stores only the plan (the changes to make, with the values they replace) in an AgendaImport
row. A plan of more than ASYNC_FROM changes is applied by the Celery worker; smaller ones in the request.
"""

import datetime
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, models, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from zorgpact.core.listing import Sheet, SheetColumn, spreadsheet_bytes, unescape_formula, workbook_bytes
from zorgpact.core.queue import broker_available, enqueue_on_commit
from zorgpact.core.sheetreader import LIMITS, SheetError, estimated_rows, precheck, read_sheets, sheet_names

from .constants import ActionStatus, Direction, ImportStatus, IndicatorKind, Rhythm
from .models import Action, AgendaImport, Indicator, Measurement, Pact, validate_not_in_future

# The earlier one-sheet layout (a row per measurement); still read, no longer written.
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
MAX_ROWS = LIMITS.rows - 1
# Up to this many changes are applied in the request: each is a validated save with its history row, some 5-10 ms,
# so 200 stay well within a second or two and far from gunicorn's 30 s timeout; more go to the worker.
ASYNC_FROM = 200
MAX_ERRORS = 500  # the errors kept for the page; the rest are only counted
PREVIEW_LINES = 300  # the changes listed one by one on the preview page; the rest are counted
KINDS = {"a": "action", "i": "indicator", "m": "measurement"}
_TOKEN = re.compile(r"\b([aim])(\d{1,12})\.(\d{1,9})\b")
YES = ("ja", "yes", "waar", "true", "1", "j", "y")
NO = ("nee", "no", "onwaar", "false", "0", "n")

ImportFileError = SheetError


class ImportsUnavailable(Exception):
    """The worker's queue cannot be reached: a large import cannot be started now; nothing was changed."""


@dataclass(frozen=True)
class Field:
    """A column of the file: `key` is its header in lower case, `attr` the model field it fills (None for the
    columns that name the object, and for Versie)."""

    key: str
    header: str
    width: int
    attr: str | None = None
    kind: str = "text"  # text, date, number, choice, yesno
    choices: type[models.TextChoices] | None = None
    default: str | None = None  # a choice's (or number's) value for an empty cell; None: empty is "not known"
    max_length: int = 300
    # A column added after files were first exported: a file without it is still read, and leaves the field as it is.
    optional: bool = False


ACTION = Field("actie", "Actie", 48)
INDICATOR = Field("indicator", "Indicator", 40)
MEASURED_ON = Field("meetdatum", "Meetdatum", 13, kind="date")
VERSION = Field(VERSION_COLUMN, "Versie", 12)
FIELDS = {
    "action": [
        ACTION,
        Field("status", "Status", 14, "status", "choice", ActionStatus),
        Field("start", "Start", 12, "starts_on", "date"),
        Field("einde", "Einde", 12, "ends_on", "date"),
        Field("openbaar", "Openbaar", 11, "is_public", "yesno"),
        VERSION,
    ],
    "indicator": [
        ACTION,
        INDICATOR,
        Field("soort", "Soort", 20, "kind", "choice", IndicatorKind, IndicatorKind.OUTPUT),
        Field("eenheid", "Eenheid", 12, "unit", max_length=50),
        Field("nulmeting", "Nulmeting", 12, "baseline", "number"),
        Field("streefwaarde", "Streefwaarde", 14, "target", "number"),
        Field("streefdatum", "Streefdatum", 13, "target_on", "date"),
        Field("richting", "Richting", 16, "direction", "choice", Direction, Direction.UP),
        Field("meetritme", "Meetritme", 14, "rhythm", "choice", Rhythm, optional=True),
        Field("gewicht", "Gewicht", 10, "weight", "number", default="1", optional=True),
        VERSION,
    ],
    "measurement": [
        ACTION,
        INDICATOR,
        MEASURED_ON,
        Field("waarde", "Waarde", 11, "value", "number"),
        Field("toelichting", "Toelichting", 50, "note", max_length=500),
        VERSION,
    ],
}
SHEETS = {"action": "Acties", "indicator": "Indicatoren", "measurement": "Metingen"}
EXPLANATION_SHEET = "Uitleg"
CSV_LEVELS = {name.lower(): kind for kind, name in SHEETS.items()}  # URL part → level: acties, indicatoren, metingen
HEADERS = {f.key: f.header for fields in FIELDS.values() for f in fields}
ATTRS = {f.attr: f for fields in FIELDS.values() for f in fields if f.attr}
ORDER = {attr: n for n, attr in enumerate(ATTRS)}  # the plan is stored as jsonb, which keeps no key order


def _token(kind: str, instance) -> str:
    return f"{kind}{instance.pk}.{instance.version}"


def _label(choices, value) -> str:
    return str(choices(value).label) if value else ""


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def _level_rows(pact: Pact) -> dict[str, list[list]]:
    actions = (
        Action.objects.filter(pact=pact, archived_at__isnull=True)
        .prefetch_related("indicators__measurements")
        .order_by("order", "pk")
    )
    rows = {"action": [], "indicator": [], "measurement": []}
    for action in actions:
        rows["action"].append(
            [
                action.title,
                _label(ActionStatus, action.status),
                action.starts_on,
                action.ends_on,
                _yes_no(action.is_public),
                _token("a", action),
            ]
        )
        for indicator in action.indicators.all():
            if indicator.archived_at:
                continue
            rows["indicator"].append(
                [
                    action.title,
                    indicator.name,
                    _label(IndicatorKind, indicator.kind),
                    indicator.unit,
                    indicator.baseline,
                    indicator.target,
                    indicator.target_on,
                    _label(Direction, indicator.direction),
                    _label(Rhythm, indicator.rhythm),
                    indicator.weight,
                    _token("i", indicator),
                ]
            )
            for m in sorted(indicator.measurements.all(), key=lambda m: m.measured_on):
                rows["measurement"].append(
                    [action.title, indicator.name, m.measured_on, m.value, m.note, _token("m", m)]
                )
    return rows


def _choice_labels(choices) -> list[str]:
    return [str(label) for label in choices.labels]


def _columns(kind: str) -> list[SheetColumn]:
    columns = []
    for f in FIELDS[kind]:
        choices: list[str] = []
        list_formula, strict = "", True
        if f.kind == "choice":
            choices = _choice_labels(f.choices)
        elif f.kind == "yesno":
            choices = [_yes_no(True), _yes_no(False)]
        elif f is ACTION and kind != "action":
            list_formula, strict = f"{SHEETS['action']}!$A$2:$A${LIMITS.rows}", False
        elif f is INDICATOR and kind == "measurement":
            list_formula, strict = f"{SHEETS['indicator']}!$B$2:$B${LIMITS.rows}", False
        columns.append(
            SheetColumn(
                f.header,
                width=f.width,
                choices=choices,
                strict=strict,
                list_formula=list_formula,
            )
        )
    return columns


def _explanation() -> list[list[str]]:
    status = ", ".join(_choice_labels(ActionStatus))
    kind = ", ".join(_choice_labels(IndicatorKind))
    direction = ", ".join(_choice_labels(Direction))
    return [
        [
            SHEETS["action"],
            _("One row per action: its status (%(status)s), start and end date, and whether it is public.")
            % {"status": status},
        ],
        [
            SHEETS["indicator"],
            _(
                "One row per indicator of an action: kind (%(kind)s), unit, baseline, target, target date and direction (%(direction)s)."
            )
            % {"kind": kind, "direction": direction},
        ],
        [
            SHEETS["measurement"],
            _("One row per measurement: the action and indicator it belongs to, the date, the value and a note."),
        ],
        [
            _("Matching"),
            _(
                "Actions are matched on their title, indicators on the action and their name, measurements on their date. A new title or name adds a new action or indicator; a row you delete removes nothing."
            ),
        ],
        [
            _("Empty cells"),
            _(
                "An empty status, date or number means 'not known'. Choose statuses, kinds and directions from the drop-down list."
            ),
        ],
        [_("Dates"), _("Dates are real dates; when you type one, write it as 31-12-2025.")],
        [
            HEADERS[VERSION_COLUMN],
            _(
                "Leave this column as it is. It records which version of the row you downloaded; if someone changed that action, indicator or measurement after your download, the import refuses the row so that their change is not undone. Download the agenda again and make your change there."
            ),
        ],
        [
            _("Importing"),
            _(
                "Upload the file on the import page. You first see every change per row (old → new); nothing is saved until you confirm. If one row has an error, nothing is saved and the error names the sheet, row and column."
            ),
        ],
    ]


def export_file(pact: Pact, fmt: str, level: str = "action") -> bytes:
    """The agenda as a workbook (XLSX: a sheet per level and Uitleg) or one level as CSV, always in Dutch: the
    column names and labels are the file's format."""
    with translation.override("nl"):
        rows = _level_rows(pact)
        if fmt == "csv":
            return spreadsheet_bytes("csv", [f.header for f in FIELDS[level]], rows[level])
        sheets = [Sheet(SHEETS[kind], _columns(kind), rows[kind]) for kind in FIELDS]
        sheets.append(
            Sheet(
                EXPLANATION_SHEET,
                [SheetColumn(_("Subject"), width=18, wrap=True), SheetColumn(_("Explanation"), width=100, wrap=True)],
                _explanation(),
                validate_rows=0,
            )
        )
        return workbook_bytes(
            sheets,
            choice_error=_("Choose a value from the list: %(choices)s."),
            choice_error_title=_("Not in the list"),
        )


# --- reading an upload ---------------------------------------------------------------------------------------------

FLAT = "flat"  # the earlier one-sheet layout


@dataclass(frozen=True)
class Where:
    sheet: str | None
    row: int


def _layout(header: list[str]) -> str | None:
    """Which level a header row belongs to (or the earlier flat layout), or None."""
    if all(c in header for c in COLUMNS):
        return FLAT
    for kind in ("measurement", "indicator", "action"):
        if all(f.key in header for f in FIELDS[kind] if f is not VERSION and not f.optional):
            return kind
    return None


def _not_an_export(header: list[str], sheet: str | None) -> SheetError:
    missing = [f.header for f in FIELDS["action"] if f is not VERSION and f.key not in header]
    where = _("Sheet %(sheet)s") % {"sheet": sheet} if sheet else _("The file")
    return SheetError(
        _(
            "%(where)s is not a sheet of the action agenda export: its first row needs the column names of the sheet "
            "%(actions)s, %(indicators)s or %(measurements)s (for %(actions)s: %(columns)s are missing). Download the "
            "agenda as XLSX on this page and make your changes in that file."
        )
        % {
            "where": where,
            "actions": SHEETS["action"],
            "indicators": SHEETS["indicator"],
            "measurements": SHEETS["measurement"],
            "columns": ", ".join(missing),
        }
    )


def read_upload(name: str, content: bytes) -> Iterator[tuple[str, Where, dict]]:
    """(level, where, values as text keyed by column) per row, streaming: the sheets Acties, Indicatoren and Metingen
    of a workbook, else its first sheet or the CSV file, recognised by its header (one level, or the earlier flat
    layout). Raises ImportFileError while iterating when the file is not our format or breaks a limit of
    zorgpact.core.sheetreader."""
    names = sheet_names(name, content)
    wanted = [n for n in names if n.casefold() in {s.casefold() for s in SHEETS.values()}] or names[:1]
    current, layout, columns, seen = object(), None, [], False
    by_sheet = {s.casefold(): kind for kind, s in SHEETS.items()}
    for sheet, number, raw in read_sheets(name, content, wanted):
        if sheet != current:
            current, seen = sheet, True
            header = [_text(h).lower() for h in raw]
            layout = _layout(header)
            named = by_sheet.get((sheet or "").casefold())
            if named and layout != FLAT:
                if any(f.key not in header for f in FIELDS[named] if f is not VERSION and not f.optional):
                    raise _missing_columns(sheet, named, header)
                layout = named
            if layout is None:
                raise _not_an_export(header, sheet)
            keys = COLUMNS + [VERSION_COLUMN] if layout == FLAT else [f.key for f in FIELDS[layout]]
            columns = [(c, header.index(c)) for c in keys if c in header]
            continue
        yield layout, Where(sheet, number), {c: (_text(raw[i]) if i < len(raw) else "") for c, i in columns}
    if not seen:
        raise ImportFileError(_("The file is empty."))


def _missing_columns(sheet: str, kind: str, header: list[str]) -> SheetError:
    missing = [f.header for f in FIELDS[kind] if f is not VERSION and not f.optional and f.key not in header]
    return SheetError(
        _(
            "Sheet %(sheet)s misses the columns %(columns)s in its first row. Download the agenda again and use its columns."
        )
        % {"sheet": sheet, "columns": ", ".join(missing)}
    )


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
    check against the agenda leaves: only what differs, each with the version it was compared with and the values
    it replaces. That list is all that is kept after the preview.
    """

    actions: dict[str, dict] = field(default_factory=dict)
    indicators: dict[tuple[str, str], dict] = field(default_factory=dict)
    measurements: dict[tuple[str, str, datetime.date], dict] = field(default_factory=dict)
    rows: dict[tuple, Where] = field(default_factory=dict)
    versions: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    errors: list[dict] = field(default_factory=list)
    error_count: int = 0
    changes: list[dict] = field(default_factory=list)
    unchanged: int = 0

    def error(self, where: Where, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            header = HEADERS.get(column, column)
            self.errors.append(
                {
                    "sheet": where.sheet,
                    "row": where.row,
                    "column": header,
                    "message": message,
                    "text": _place(where, header) + ": " + message,
                }
            )

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


def _place(where: Where, column: str | None = None) -> str:
    values = {"sheet": where.sheet, "row": where.row, "column": column}
    if where.sheet and column:
        return _("Sheet %(sheet)s, row %(row)d, column %(column)s") % values
    if where.sheet:
        return _("Sheet %(sheet)s, row %(row)d") % values
    if column:
        return _("Row %(row)d, column %(column)s") % values
    return _("Row %(row)d") % values


_DUTCH_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def _date(plan, where, column, value):
    if not value:
        return None
    try:
        match = _DUTCH_DATE.match(value)
        if match:
            return datetime.date(int(match[3]), int(match[2]), int(match[1]))
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        plan.error(where, column, _("“%(value)s” is not a date; write it as 31-12-2025.") % {"value": value[:40]})


def _decimal(plan, where, column, value):
    if value == "":
        return None
    try:
        number = Decimal(value.replace(",", "."))
        if not number.is_finite() or abs(number) >= Decimal(10) ** 10:
            raise InvalidOperation
        return number
    except InvalidOperation:
        plan.error(where, column, _("“%(value)s” is not a number.") % {"value": value[:40]})


_SPELLINGS: dict[type, dict[str, str]] = {}


def _spellings(choices) -> dict[str, str]:
    """Every way a value may be written: its code, its Dutch label and its English label, without case."""
    if choices not in _SPELLINGS:
        spellings = {}
        for language in ("en", "nl"):
            with translation.override(language):
                spellings |= {str(label).casefold(): value for value, label in choices.choices}
        _SPELLINGS[choices] = spellings | {value.casefold(): value for value in choices.values}
    return _SPELLINGS[choices]


def _choice(plan, where, f: Field, value):
    if value == "":
        return f.default  # None: an empty cell is "not known", as the export writes it; never a guessed default
    code = _spellings(f.choices).get(value.casefold())
    if code is None:
        plan.error(
            where,
            f.key,
            _("“%(value)s” is not a valid %(what)s; choose from %(choices)s.")
            % {"value": value[:40], "what": f.header.lower(), "choices": ", ".join(_choice_labels(f.choices))},
        )
    return code


def _parse(plan: Plan, where: Where, f: Field, value: str):
    if f.kind == "date":
        return _date(plan, where, f.key, value)
    if f.kind == "number":
        return _decimal(plan, where, f.key, value or (f.default or ""))
    if f.kind == "choice":
        return _choice(plan, where, f, value)
    if f.kind == "yesno":
        if value.lower() in NO:
            return False
        if value == "" or value.lower() in YES:
            return True
        plan.error(where, f.key, _("“%(value)s” is not Ja or Nee.") % {"value": value[:40]})
        return True
    return value[: f.max_length]


def plan_import(rows: Iterable[tuple[str, Where, dict]], *, pact: Pact, progress=None) -> Plan:
    """Check every row of the file, then compare with the pact's agenda (see `_compare`)."""
    plan = Plan()
    for done, (layout, where, row) in enumerate(rows, start=1):
        if progress is not None and done % 500 == 0:
            progress(done)
        if layout == FLAT:
            _check_flat_row(plan, where, row)
        else:
            _check_row(plan, layout, where, row)
    if not plan.errors:
        _compare(plan, pact)
    return plan


def _versions(row: dict) -> dict[str, tuple[int, int]]:
    return {KINDS[k]: (int(pk), int(v)) for k, pk, v in _TOKEN.findall(row.get(VERSION_COLUMN, ""))}


def _values(plan: Plan, kind: str, where: Where, row: dict) -> dict:
    values = {
        f.attr: _parse(plan, where, f, row.get(f.key, ""))
        for f in FIELDS[kind]
        if f.attr and (f.key in row or not f.optional)
    }
    if kind == "action" and values["starts_on"] and values["ends_on"] and values["ends_on"] < values["starts_on"]:
        plan.error(where, "einde", _("The end date cannot be before the start date."))
    if kind == "indicator" and values.get("weight") is not None and values["weight"] < 0:
        plan.error(where, "gewicht", _("A weight cannot be negative; 0 means 'not counted'."))
    return values


def _key(plan: Plan, kind: str, where: Where, row: dict):
    """The row's object: the action's title, with the indicator's name, with the measurement's date; None (and an
    error) when the row does not name it."""
    title = row["actie"][:300]
    if not title:
        plan.error(where, "actie", _("Every row needs the action's title."))
        return None
    if kind == "action":
        return title
    name = row["indicator"][:300]
    if not name:
        plan.error(where, "indicator", _("Every row on this sheet needs the indicator's name."))
        return None
    if kind == "indicator":
        return (title, name)
    measured_on = _date(plan, where, "meetdatum", row["meetdatum"])
    if measured_on is None:
        if not row["meetdatum"]:
            plan.error(where, "meetdatum", _("A measurement needs its date."))
        return None
    try:
        validate_not_in_future(measured_on)  # the model's own rule, checked in the preview already
    except ValidationError as error:
        plan.error(where, "meetdatum", error.messages[0])
    return (title, name, measured_on)


STORES = {"action": "actions", "indicator": "indicators", "measurement": "measurements"}
KEY_COLUMN = {"action": "actie", "indicator": "indicator", "measurement": "meetdatum"}


def _check_row(plan: Plan, kind: str, where: Where, row: dict) -> None:
    """A row of one level's sheet: one object, named once in the file."""
    key = _key(plan, kind, where, row)
    values = _values(plan, kind, where, row)
    if kind == "measurement" and values["value"] is None and row["waarde"] == "":
        plan.error(where, "waarde", _("A measurement needs its value."))
    if key is None:
        return
    store = getattr(plan, STORES[kind])
    if key in store:
        first = plan.rows[(kind, key)]
        plan.error(
            where,
            KEY_COLUMN[kind],
            _("This %(what)s is already on row %(row)d; keep one row for it.")
            % {"what": _what(kind), "row": first.row},
        )
        return
    _keep(plan, kind, key, values, where, _versions(row))


def _check_flat_row(plan: Plan, where: Where, row: dict) -> None:
    """A row of the earlier layout: a measurement with its action's and indicator's fields repeated on each row."""
    title = row["actie"][:300]
    if not title:
        plan.error(where, "actie", _("Every row needs the action's title."))
        return
    versions = _versions(row)
    action = _values(plan, "action", where, row)
    if title in plan.actions and plan.actions[title] != action:
        plan.error(where, "actie", _("The same action has different details on another row."))
    _keep(plan, "action", title, action, where, versions)
    name = row["indicator"][:300]
    if not name:
        if row["meetdatum"] or row["waarde"]:
            plan.error(where, "indicator", _("A measurement needs the indicator's name."))
        return
    indicator = _values(plan, "indicator", where, row)
    key = (title, name)
    if key in plan.indicators and plan.indicators[key] != indicator:
        plan.error(where, "indicator", _("The same indicator has different details on another row."))
    _keep(plan, "indicator", key, indicator, where, versions)
    if row["meetdatum"] or row["waarde"]:
        errors_before = plan.error_count
        measured_on = _date(plan, where, "meetdatum", row["meetdatum"])
        value = _decimal(plan, where, "waarde", row["waarde"])
        if measured_on is None and not row["meetdatum"]:
            plan.error(where, "meetdatum", _("A measurement needs its date."))
        if value is None and row["waarde"] == "":
            plan.error(where, "waarde", _("A measurement needs its value."))
        if measured_on and (title, name, measured_on) in plan.measurements:
            plan.error(where, "meetdatum", _("This indicator already has a measurement on this date in the file."))
        elif measured_on and value is not None and plan.error_count == errors_before:
            values = {"value": value, "note": row["toelichting"][:500]}
            _keep(plan, "measurement", (title, name, measured_on), values, where, versions)


def _keep(plan: Plan, kind: str, key, values: dict, where: Where, versions: dict) -> None:
    getattr(plan, STORES[kind])[key] = values
    plan.rows.setdefault((kind, key), where)
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


def _what(kind: str) -> str:
    return {"action": _("action"), "indicator": _("indicator"), "measurement": _("measurement")}[kind]


def _compare(plan: Plan, pact: Pact) -> None:
    """The changes the file makes to the agenda. Rows are matched on the action's title and the indicator's name
    within this pact, and a measurement on its date; what the file leaves as it is makes no change.

    A row exported with versions (the `versie` column) is refused when the object it would change was changed after
    the export (or no longer carries the exported title): writing the file's values would undo that change. A row
    whose values equal the current ones changes nothing and is not refused. The versions of another pact's file
    name other objects and are not compared. A new indicator or measurement needs its action or indicator in the
    file or in the agenda.
    """
    known: dict[str, set] = {}
    for kind, values_by_key in (
        ("action", plan.actions),
        ("indicator", plan.indicators),
        ("measurement", plan.measurements),
    ):
        by_pk = _existing(kind, pact)
        by_key = {_key_of(kind, o): o for o in by_pk.values()}
        known[kind] = set(by_key) | set(values_by_key)
        for key, values in values_by_key.items():
            where = plan.rows[(kind, key)]
            instance = by_key.get(key)
            exported = plan.versions.get((kind, key))
            if exported and exported[0] in by_pk and (instance is None or instance.pk != exported[0]):
                plan.error(where, VERSION_COLUMN, _stale_message(kind, by_pk[exported[0]]))
                continue
            if instance is None:
                if kind == "indicator" and key[0] not in known["action"]:
                    plan.error(where, "actie", _no_parent(_("action"), key[0], SHEETS["action"]))
                    continue
                if kind == "measurement" and key[:2] not in known["indicator"]:
                    plan.error(where, "indicator", _no_parent(_("indicator"), key[1], SHEETS["indicator"]))
                    continue
                plan.changes.append(
                    {
                        "kind": kind,
                        "key": _json(key),
                        "pk": None,
                        "version": None,
                        "values": _json(values),
                        "before": None,
                        "sheet": where.sheet,
                        "row": where.row,
                    }
                )
                continue
            changed = {k: v for k, v in values.items() if getattr(instance, k) != v}
            if not changed:
                plan.unchanged += 1
            elif exported and exported[1] != instance.version:
                plan.error(where, VERSION_COLUMN, _stale_message(kind, instance))
            else:
                plan.changes.append(
                    {
                        "kind": kind,
                        "key": _json(key),
                        "pk": instance.pk,
                        "version": instance.version,
                        "values": _json(changed),
                        "before": _json({k: getattr(instance, k) for k in changed}),
                        "sheet": where.sheet,
                        "row": where.row,
                    }
                )


def _no_parent(what: str, name: str, sheet: str) -> str:
    return _(
        "There is no %(what)s “%(name)s” on the sheet %(sheet)s or in the agenda; add it there first or correct the "
        "name."
    ) % {"what": what, "name": name[:120], "sheet": sheet}


def describe_changes(changes: list[dict], limit: int = PREVIEW_LINES) -> list[dict]:
    """The first `limit` changes of a plan for people: where in the file, what object, and per field its label
    with the old and the new value as the agenda shows them (Dutch labels, dates and numbers)."""
    lines = []
    for change in changes[:limit]:
        kind, key = change["kind"], change["key"]
        before = change.get("before") or {}
        if kind == "action":
            what = _("Action “%(title)s”") % {"title": key}
        elif kind == "indicator":
            what = _("Indicator “%(name)s” of “%(title)s”") % {"name": key[1], "title": key[0]}
        else:
            what = _("Measurement of %(date)s for “%(name)s”") % {
                "date": _shown("measured_on", key[2]),
                "name": key[1],
            }
        fields = [
            {
                "label": ATTRS[attr].header,
                "old": _shown(attr, before.get(attr)) if change["pk"] else "",
                "new": _shown(attr, value),
            }
            for attr, value in sorted(change["values"].items(), key=lambda item: ORDER[item[0]])
            if change["pk"] or value not in (None, "")  # a new object's unknown or empty fields go without saying
        ]
        place = _place(Where(change.get("sheet"), change["row"]))
        lines.append({"place": place, "what": what, "new": change["pk"] is None, "fields": fields})
    return lines


def _shown(attr: str, value) -> str:
    """A stored value (as kept in the plan: text for dates and numbers) as the agenda shows it."""
    f = ATTRS.get(attr, MEASURED_ON if attr == "measured_on" else None)
    if value is None:
        return _("not known")
    if f is not None and f.kind == "yesno":
        return _yes_no(bool(value))
    if value == "":
        return _("(empty)")
    if f is not None and f.kind == "choice":
        return _label(f.choices, value)
    if f is not None and f.kind == "date":
        return formats.date_format(datetime.date.fromisoformat(str(value)), "j F Y")
    if f is not None and f.kind == "number":
        number = Decimal(str(value))
        return formats.number_format(number.normalize() if number == number.to_integral() else number, use_l10n=True)
    return str(value)


def _stale_message(kind: str, instance) -> str:
    what = _what(kind)
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

    def __init__(self, rows: list[str]):
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
            raise ImportConflict(
                [_place(Where(c.get("sheet"), c["row"])) for c in changes if c["kind"] == kind and c["pk"] in stale]
            )
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
    return int(cache.get(progress_key(agenda_import)) or 0)  # while checking: the rows checked


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


# A file of more rows than this is checked by the worker: a preview of 10,000 rows takes 5-10 s, too long for a
# request; 2,000 take one or two.
PREVIEW_ASYNC_FROM_ROWS = 2_000


def checked_in_background(file_name: str, content: bytes) -> bool:
    """Whether the worker checks this file; before it is handed over, the cheap checks of the reader (a CSV file's
    limits, an XLSX file's zip and inflated sizes) run here, so a hostile file is refused at once (ImportFileError)."""
    if estimated_rows(file_name, content) <= PREVIEW_ASYNC_FROM_ROWS:
        return False
    precheck(file_name, content)
    return True


@transaction.atomic
def queue_preview(*, pact: Pact, user, file_name: str, content: bytes) -> AgendaImport:
    """Keep a large upload for the worker to check (check_upload); its status page follows the check. When the
    broker is down the check runs here, after the commit, as the preview of a small file does."""
    from .tasks import check_agenda_import

    agenda_import = AgendaImport.objects.create(
        pact=pact, created_by=user, file_name=file_name[:255], status=ImportStatus.CHECKING, upload=content
    )
    enqueue_on_commit(check_agenda_import, agenda_import.pk, run_here_if_broker_down=True)
    return agenda_import


def check_upload(*, agenda_import: AgendaImport) -> AgendaImport:
    """The worker's preview of a kept upload: its plan (status previewed, to be confirmed on the status page) or its
    errors (status failed, with the errors in `report`); the file itself is dropped either way. Only an import still
    being checked is written, so a duplicate message changes nothing."""
    key = progress_key(agenda_import)
    content = bytes(agenda_import.upload or b"")
    fields = {"upload": None, "finished_at": timezone.now()}
    try:
        plan = plan_import(
            read_upload(agenda_import.file_name, content),
            pact=agenda_import.pact,
            progress=lambda done: cache.set(key, done, 3600),
        )
    except ImportFileError as error:
        fields |= {"status": ImportStatus.FAILED, "error": str(error)}
    else:
        if plan.errors:
            fields |= {
                "status": ImportStatus.FAILED,
                "error": _("The file has errors: nothing has been saved."),
                "report": {"errors": plan.errors, "error_count": plan.error_count},
            }
        else:
            fields |= {
                "status": ImportStatus.PREVIEWED,
                "plan": plan.changes,
                "total": len(plan.changes),
                "report": {"summary": plan.summary()},
                "finished_at": None,
            }
    with transaction.atomic():
        if fields["status"] == ImportStatus.PREVIEWED:
            AgendaImport.objects.filter(
                pact=agenda_import.pact, created_by=agenda_import.created_by, status=ImportStatus.PREVIEWED
            ).delete()
        AgendaImport.objects.filter(pk=agenda_import.pk, status=ImportStatus.CHECKING).update(**fields)
    cache.delete(key)
    agenda_import.refresh_from_db()
    return agenda_import


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
            "Nothing has been imported: what these rows change was changed by someone else after the check: "
            "%(rows)s. Upload the file again to see what changed."
        ) % {"rows": "; ".join(conflict.rows[:20])}
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
