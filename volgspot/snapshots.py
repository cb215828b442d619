"""Snapshots (citable figures): what a dashboard or report shows, as plain JSON-able data, and how a frozen snapshot
is shown again.

Freezing takes whatever dict the dashboard selectors (or `reports.report_data`) return and stores it as JSON; the
page, CSV and JSON of a snapshot are pure functions of what was stored (`snapshot_view`, `snapshot_csv`,
`snapshot_json`), so they never change when the data does.
"""

import datetime
import json
from dataclasses import asdict
from decimal import Decimal

from django.db.models import Model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pacts.models import Pact
from zorgpact.constants import NOT_KNOWN
from zorgpact.core.listing import spreadsheet_bytes

from .reports import NATIONAL_TABLES
from .selectors import Filters, filtered_pacts, national_dashboard, pact_dashboard_of


def plain(value):
    """Any value the selectors return as JSON-able data: dates ISO, decimals as text, objects by their name."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [plain(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, Model):
        return str(value)
    return str(value)


def national_snapshot_data(filters: Filters) -> dict:
    """The national dashboard's figures for these filters, as the dashboard's selector returns them (not cached)."""
    data = plain(national_dashboard(filters))
    for table in data.get("tables", {}).values():
        table.pop("linked_rows", None)  # the page's links; the rows themselves are kept
    return data


def national_sources(filters: Filters) -> list[str]:
    return sorted(set(filtered_pacts(filters).exclude(source="").values_list("source", flat=True)))


def filter_state(filters: Filters) -> dict:
    return {key: value for key, value in asdict(filters).items() if value not in ("", None)}


FILTER_LABELS = {
    "province": gettext_lazy("Province"),
    "theme": gettext_lazy("Theme"),
    "year_from": gettext_lazy("From year"),
    "year_to": gettext_lazy("To year"),
    "period": gettext_lazy("Period"),
}


def filter_text(state: dict) -> str:
    """A filter state in words ("Provincie: ZE; Van jaar: 2016"), in a fixed order; empty when nothing was filtered."""
    order = list(FILTER_LABELS)
    keys = sorted(state, key=lambda k: (order.index(k) if k in order else len(order), k))
    return "; ".join(f"{_label(k, FILTER_LABELS)}: {cell_text(state[k])}" for k in keys)


def filter_title(filters: Filters) -> str:
    """The filters as a snapshot's title names them, with the province's and theme's names as they are now."""
    from zorgpact.models import Province, Theme

    state = filter_state(filters)
    if "province" in state:
        state["province"] = Province.objects.filter(code=filters.province).values_list("name", flat=True).first() or (
            filters.province
        )
    if "theme" in state:
        state["theme"] = Theme.objects.filter(slug=filters.theme).values_list("name", flat=True).first() or (
            filters.theme
        )
    return filter_text(state)


def pact_dashboard_data(pact: Pact) -> dict:
    """One pact's dashboard figures and tables as plain data: what its page shows (selectors.pact_dashboard_of), for
    a snapshot and the table downloads."""
    dashboard = pact_dashboard_of(pact)
    return plain({"figures": dashboard["figures"], "tables": dashboard["tables"]})


# --- Showing a frozen snapshot ---------------------------------------------------------------------------------

FIGURE_LABELS = {
    "pacts": gettext_lazy("Regional pacts"),
    "fictional_pacts": gettext_lazy("Of which fictional"),
    "koplopers": gettext_lazy("Koplopers"),
    "covered": gettext_lazy("Pacts with a Volgspot session in the last 12 months"),
    "coverage_share": gettext_lazy("Volgspot in the last 12 months (%)"),
    "overdue": gettext_lazy("Overdue agreements"),
    "partners_not_recorded": gettext_lazy("Pacts with partners not recorded"),
    "indicators": gettext_lazy("Indicators"),
    "on_track": gettext_lazy("Indicators on track"),
    "pact": gettext_lazy("Pact"),
    "phase": gettext_lazy("Phase"),
    "actions": gettext_lazy("Actions"),
    "sessions": gettext_lazy("Volgspot sessions"),
    "open_agreements": gettext_lazy("Open agreements"),
    "partners": gettext_lazy("Partners"),
    "partner_gaps": gettext_lazy("Missing in the golden triangle"),
    "progress": gettext_lazy("Progress (%)"),
    "based_on": gettext_lazy("Based on indicators"),
    "stale": gettext_lazy("Out of date"),
    "without_data": gettext_lazy("Without data"),
    "recent_share": gettext_lazy("Recent data (%)"),
    "period": gettext_lazy("Period"),
    "scope": gettext_lazy("Scope"),
}
TABLE_TITLES = {
    **{key: gettext_lazy(title.replace("%%", "%")) for key, title in NATIONAL_TABLES.items()},
    "action_status": gettext_lazy("Actions by status"),
    "indicators": gettext_lazy("Indicators against their targets"),
    "sessions": gettext_lazy("Volgspot sessions"),
    "agreements": gettext_lazy("Agreements"),
    "partners": gettext_lazy("Partners"),
    "ambition_progress": gettext_lazy("Progress per ambition"),
}


def _label(key: str, labels: dict) -> str:
    return str(labels[key]) if key in labels else key.replace("_", " ").capitalize()


def cell_text(value) -> str:
    """A frozen value as a reader sees it: unknown is "niet bekend", yes/no in words, lists joined."""
    if value is None:
        return str(NOT_KNOWN)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        return "; ".join(cell_text(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {cell_text(v)}" for k, v in value.items())
    return str(value)


def _table_from(key: str, value) -> dict | None:
    """A stored value that reads as a table: {"head", "rows"}, or a list of records."""
    if isinstance(value, dict) and "head" in value and "rows" in value:
        return {"key": key, "title": _label(key, TABLE_TITLES), "head": value["head"], "rows": value["rows"]}
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        head = list(dict.fromkeys(k for record in value for k in record))
        return {
            "key": key,
            "title": _label(key, TABLE_TITLES),
            "head": [_label(k, FIGURE_LABELS) for k in head],
            "rows": [[record.get(k) for k in head] for record in value],
        }
    return None


def _ordered(mapping: dict, known: dict) -> list:
    """Items in the order the labels are listed, then any others by key (JSON storage does not keep key order)."""
    order = list(known)
    return sorted(mapping.items(), key=lambda item: (order.index(item[0]) if item[0] in order else len(order), item[0]))


def snapshot_view(data: dict) -> dict:
    """The figures and tables of stored data, in a fixed order (the dashboards' order, then the rest by key)."""
    figures, tables = [], []
    for key, value in _ordered(data.get("figures") or {}, FIGURE_LABELS):
        figures.append((_label(key, FIGURE_LABELS), cell_text(value)))
    for key, value in _ordered(data.get("tables") or {}, TABLE_TITLES):
        table = _table_from(key, value)
        if table is not None:
            tables.append(table)
    for key, value in _ordered(data, TABLE_TITLES):
        if key in ("figures", "tables"):
            continue
        table = _table_from(key, value)
        if table is not None:
            tables.append(table)
        elif isinstance(value, list) and not value:
            continue
        else:
            figures.append((_label(key, FIGURE_LABELS), cell_text(value)))
    for table in tables:
        table["cells"] = [
            [cell_text(c) if not isinstance(c, (int, float)) else c for c in row] for row in table["rows"]
        ]
    # Counts are shown as key figures; words (a name, a phase, a verdict) as a list beside them, never in a tile.
    numbers = [(label, value) for label, value in figures if value.lstrip("-").replace(",", "").isdigit()]
    words = [(label, value) for label, value in figures if (label, value) not in numbers]
    return {"figures": figures, "number_figures": numbers, "word_figures": words, "tables": tables}


def snapshot_csv(data: dict) -> bytes:
    """Every frozen figure and table cell in one long CSV: table, row, column, value (through the one writer)."""
    view = snapshot_view(data)
    figures_title = _("Key figures")
    rows = [(figures_title, 1, label, value) for label, value in view["figures"]]
    for table in view["tables"]:
        for number, row in enumerate(table["cells"], start=1):
            for head, value in zip(table["head"], row, strict=False):
                rows.append((table["title"], number, head, value))
    return spreadsheet_bytes("csv", [_("Table"), _("Row"), _("Column"), _("Value")], rows)


def snapshot_json(snapshot) -> bytes:
    """The snapshot as JSON: sorted keys, so the bytes depend on the stored content only."""
    document = {
        "id": snapshot.pk,
        "kind": snapshot.kind,
        "title": snapshot.title,
        "made_at": snapshot.made_at.isoformat(),
        "made_by": snapshot.made_by_name or None,
        "filters": snapshot.filters,
        "input_hash": snapshot.input_hash,
        "sources": snapshot.sources,
        "pact": snapshot.pact_id,
        "report": snapshot.report_id,
        "data": snapshot.data,
    }
    return json.dumps(document, sort_keys=True, ensure_ascii=False, indent=2).encode("utf-8")
