"""Helpers shared by every list page: pagination, filter state in the URL, and the one CSV/XLSX writer.

Every CSV and XLSX the portal writes goes through `spreadsheet_bytes` (or `csv_response`, which uses it), so a
text that a spreadsheet program would run as a formula is neutralised everywhere (OWASP "CSV injection").
"""

import csv
import datetime
import hashlib
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.core.paginator import InvalidPage, Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.utils.translation import gettext as _

from zorgpact.core.pagecache import fragment

# Spreadsheet programs run cells that start with these as formulas: neutralise them (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def paginate(object_list, number: str | None, *, per_page: int = 20) -> Page:
    """The page `number` (as the query string gives it; none is the first) of the list, or a 404.

    A page number spelled other than canonically (`?page=007`) is rendered but never kept by the page cache
    (zorgpact.core.pagecache.NUMBERS): endless spellings of one page."""
    paginator = Paginator(object_list, per_page)
    try:
        page_number = int(number if number is not None else "1")
        if page_number < 1 or page_number > max(paginator.num_pages, 1):
            raise InvalidPage
        return paginator.page(page_number)
    except (ValueError, InvalidPage):
        raise Http404(_("This page number does not exist.")) from None


def query_without_page(params: Mapping[str, str] | QueryDict) -> str:
    """The filter state (a QueryDict, or a FilterSet's cleaned values: `filter_state`), for links to other pages of
    the same list."""
    if isinstance(params, QueryDict):
        params = params.copy()
        params.pop("page", None)
        return params.urlencode()
    return urlencode([(k, v) for k, v in params.items() if k != "page"])


def filter_state(filterset) -> dict[str, str]:
    """A FilterSet's cleaned, non-empty values as text, in the order of its filters: what a list page's links carry
    (an invalid value is left out, as the FilterSet leaves it out of its results)."""
    filterset.is_valid()
    cleaned = getattr(filterset.form, "cleaned_data", {})
    return {name: str(cleaned[name]) for name in filterset.filters if cleaned.get(name) not in (None, "")}


SPREADSHEET_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def escape_formula(text: str) -> str:
    """A text cell as a spreadsheet program must show it: one that starts like a formula gets a leading '."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def unescape_formula(text: str) -> str:
    """The inverse of escape_formula, for files we read back (the import): the ' we added is not part of the text."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_PREFIXES) else text


def spreadsheet_cell(value):
    """Numbers and dates stay what they are (a negative number is a number, not a formula); None is empty; every
    other value becomes text, neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return escape_formula(str(value))
    if isinstance(value, (int, float, Decimal, datetime.date)):
        return value
    return escape_formula(str(value))


def spreadsheet_bytes(
    fmt: str, header: Sequence[str], rows: Iterable[Sequence], *, sheet_title: str = "Export"
) -> bytes:
    """The one writer of every CSV (UTF-8 with BOM, so spreadsheet programs read it as such) and XLSX download."""
    if fmt == "xlsx":
        return _xlsx(header, rows, sheet_title)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([spreadsheet_cell(v) for v in header])
    for row in rows:
        writer.writerow([spreadsheet_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx(header: Sequence[str], rows: Iterable[Sequence], sheet_title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title[:31])
    for row in [header, *rows]:
        cells = []
        for value in row:
            value = spreadsheet_cell(value)
            if isinstance(value, str):
                cell = WriteOnlyCell(sheet, value=value)
                cell.data_type = "s"  # a text is a string cell, never a formula, whatever it starts with
                value = cell
            elif isinstance(value, Decimal):
                value = float(value)
            cells.append(value)
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def spreadsheet_response(
    filename: str, fmt: str, header: Sequence[str], rows: Iterable[Sequence], **kwargs
) -> HttpResponse:
    response = HttpResponse(spreadsheet_bytes(fmt, header, rows, **kwargs), content_type=SPREADSHEET_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    return spreadsheet_response(filename, "csv", header, rows)


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass
class Facet:
    key: str
    label: str
    options: list[FacetOption] = field(default_factory=list)

    @property
    def selected(self) -> FacetOption | None:
        return next((o for o in self.options if o.selected), None)


def facet_options(
    key: str,
    labels: Iterable[tuple[str, str]],
    counts: dict[str, int],
    *,
    state: Mapping[str, str],
    limit: int | None = None,
) -> list[FacetOption]:
    """Each value of a facet with the number of results choosing it would give, and a link that toggles it; `state`
    is the list's cleaned filter state (`filter_state`).

    Values without results are left out (unless selected), so a visitor never picks an empty list.
    """
    current = state.get(key, "")
    options = []
    for value, label in labels:
        value = str(value)
        count = counts.get(value, 0)
        if count == 0 and value != current:
            continue
        params = {k: v for k, v in state.items() if k not in (key, "page")}
        if value != current:
            params[key] = value
        options.append(FacetOption(value, str(label), count, value == current, "?" + urlencode(params)))
    if limit is not None and len(options) > limit:
        selected = [o for o in options if o.selected]
        top = sorted(options, key=lambda o: -o.count)[:limit]
        options = top + [o for o in selected if o not in top]
    return options


def posted(request: HttpRequest):
    """The POST data of a POST, else None — also for an empty POST, which `request.POST or None` gets wrong."""
    return request.POST if request.method == "POST" else None


# What a facet builder returns: per facet its key, label, (value, label) pairs and the count per value, all plain
# strings so the rows can be kept in the cache.
FacetRows = list[tuple[str, str, list[tuple[str, str]], dict[str, int]]]


def cached_facets(
    name: str, state: Mapping[str, str], *, language: str, keep: bool, build: Callable[[], FacetRows]
) -> list[Facet]:
    """The facets of a list page. With `keep` their counts are kept until the next write
    (zorgpact.core.pagecache.fragment) per filter state and language: the counts are the costly part of an uncached
    list page at scale. The caller passes keep=False for free-text searches and invalid filter values: they are
    endless, so their counts are computed each time rather than filling the cache."""
    if keep:
        digest = hashlib.sha256(repr(sorted(state.items())).encode()).hexdigest()[:32]
        rows = fragment(f"{name}:facets:{language}:{digest}", build)
    else:
        rows = build()
    return [
        Facet(key=key, label=label, options=facet_options(key, labels, counts, state=state))
        for key, label, labels, counts in rows
    ]


@dataclass
class Listing:
    """A faceted list page, built from cleaned values: its page of results, the facets, the filter state for the
    links, and whether the page cache may keep the answer (never for a free-text search or an invalid value)."""

    page: Page
    facets: list[Facet]
    query: str
    storable: bool
