"""Helpers shared by every list page: pagination, filter state in the URL, and the one CSV/XLSX writer.

Every CSV and XLSX the portal writes goes through `spreadsheet_bytes` (or `csv_response`, which uses it), so a
text that a spreadsheet program would run as a formula is neutralised everywhere (OWASP "CSV injection").
"""

import csv
import datetime
import hashlib
import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.core.paginator import InvalidPage, Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from zorgpact.core.pagecache import FAMILIES, fragment

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


def lazy_page(object_list: Callable, number: str | None, *, per_page: int = 20) -> Page:
    """`paginate` of `object_list()`, run when the page is first read: a list whose rendered results are kept
    (`{% fragment %}`) builds no queryset (a free-text search's match query runs as it is built) and runs neither its
    count nor its page query on a hit. A page number that does not exist is still a 404, raised while the results
    render (a hit exists only for a page that rendered)."""
    return SimpleLazyObject(lambda: paginate(object_list(), number, per_page=per_page))


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


def sheet_name(title: str) -> str:
    """A title as Excel allows a sheet's name: at most 31 characters, none of : \\ / ? * [ ] (a table titled "Themes:
    pacts and koplopers" would otherwise be refused by openpyxl, a 500)."""
    return re.sub(r"[:\\/?*\[\]]", "-", title)[:31].strip() or "Export"


def _xlsx(header: Sequence[str], rows: Iterable[Sequence], sheet_title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_name(sheet_title))
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


@dataclass(frozen=True)
class SheetColumn:
    """One column of a designed workbook sheet: its header, width (in characters), the values a drop-down offers
    (a data validation list; `strict` refuses anything else, otherwise a warning), and the number format of its
    dates or numbers."""

    header: str
    width: int = 16
    choices: Sequence[str] = ()
    strict: bool = True
    list_formula: str = ""  # a range such as Acties!$A$2:$A$10001 instead of fixed choices
    number_format: str = ""
    wrap: bool = False
    prompt: str = ""


@dataclass
class Sheet:
    title: str
    columns: Sequence[SheetColumn]
    rows: Iterable[Sequence]
    validate_rows: int = 10_001  # drop-downs reach this row, so rows added below the export get them too


DATE_FORMAT = "DD-MM-YYYY"


def workbook_bytes(sheets: Sequence[Sheet], *, choice_error: str = "", choice_error_title: str = "") -> bytes:
    """A workbook for people to edit: per sheet a bold header row that stays in view (frozen), column widths, a
    filter, drop-down lists for coded columns and dates as real dates. Every text is a string cell, neutralised as
    in spreadsheet_bytes: never a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDE6F0")
    wrap = Alignment(wrap_text=True, vertical="top")
    for spec in sheets:
        sheet = workbook.create_sheet(sheet_name(spec.title))
        sheet.freeze_panes = "A2"
        last = get_column_letter(max(len(spec.columns), 1))
        for index, column in enumerate(spec.columns, start=1):
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = column.width
            formula = column.list_formula or (
                '"' + ",".join(column.choices) + '"'
                if column.choices and all("," not in c for c in column.choices)
                else ""
            )
            if formula:
                validation = DataValidation(
                    type="list",
                    formula1=formula,
                    allow_blank=True,
                    showErrorMessage=True,
                    errorStyle="stop" if column.strict else "warning",
                    errorTitle=choice_error_title[:32] or None,
                    error=(choice_error % {"choices": ", ".join(column.choices)})[:255] if choice_error else None,
                    showInputMessage=bool(column.prompt),
                    prompt=column.prompt[:255] or None,
                )
                validation.add(f"{letter}2:{letter}{spec.validate_rows}")
                sheet.data_validations.dataValidation.append(validation)
        count = 0
        cells = []
        for text in (c.header for c in spec.columns):
            cell = WriteOnlyCell(sheet, value=escape_formula(text))
            cell.data_type, cell.font, cell.fill = "s", bold, header_fill
            cells.append(cell)
        sheet.append(cells)
        for row in spec.rows:
            count += 1
            cells = []
            for value, column in zip(row, spec.columns, strict=False):
                value = spreadsheet_cell(value)
                cell = WriteOnlyCell(sheet, value=float(value) if isinstance(value, Decimal) else value)
                if isinstance(value, str):
                    cell.data_type = "s"
                if isinstance(value, datetime.date):
                    cell.number_format = column.number_format or DATE_FORMAT
                elif column.number_format and not isinstance(value, str):
                    cell.number_format = column.number_format
                if column.wrap:
                    cell.alignment = wrap
                cells.append(cell)
            sheet.append(cells)
        sheet.auto_filter.ref = f"A1:{last}{count + 1}"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def spreadsheet_response(
    filename: str, fmt: str, header: Sequence[str], rows: Iterable[Sequence], **kwargs
) -> HttpResponse:
    response = HttpResponse(spreadsheet_bytes(fmt, header, rows, **kwargs), content_type=SPREADSHEET_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def export_response(basename: str, fmt: str, header: Sequence[str], rows: Iterable[Sequence], **kwargs) -> HttpResponse:
    """A list or a chart's table as a download: `basename.csv` or `basename.xlsx` (any other format is a 404)."""
    from django.http import Http404

    if fmt not in SPREADSHEET_TYPES:
        raise Http404
    return spreadsheet_response(f"{basename}.{fmt}", fmt, header, rows, **kwargs)


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


def lazy_facets(name: str, state: Mapping[str, str], **kwargs) -> list[Facet]:
    """`cached_facets`, run when the facets are first read: a list page whose rendered facets are kept
    (`{% fragment %}`) reads neither their counts nor builds their links on a hit."""
    return SimpleLazyObject(lambda: cached_facets(name, state, **kwargs))


def cached_facets(
    name: str,
    state: Mapping[str, str],
    *,
    language: str,
    keep: bool,
    build: Callable[[], FacetRows],
    families: tuple[str, ...] = FAMILIES,
) -> list[Facet]:
    """The facets of a list page. With `keep` their counts are kept until the next write
    (zorgpact.core.pagecache.fragment) per filter state and language: the counts are the costly part of an uncached
    list page at scale. The caller passes keep=False for free-text searches and invalid filter values: they are
    endless, so their counts are computed each time rather than filling the cache. `families`: the model families
    the counts read (zorgpact.core.pagecache.PAGE_FAMILIES), so a write elsewhere keeps them."""
    if keep:
        digest = hashlib.sha256(repr(sorted(state.items())).encode()).hexdigest()[:32]
        rows = fragment(f"{name}:facets:{language}:{digest}", build, families=families)
    else:
        rows = build()
    return [
        Facet(key=key, label=label, options=facet_options(key, labels, counts, state=state))
        for key, label, labels, counts in rows
    ]


@dataclass
class Listing:
    """A faceted list page, built from cleaned values: its page of results (read lazily: `lazy_page`), the facets
    (lazily too: `lazy_facets`), the filter state for the links, and whether the page cache may keep the answer (never for a free-text search or an
    invalid value)."""

    page: Page
    facets: list[Facet]
    query: str
    storable: bool
    page_number: str | None = None
    chosen: list[tuple[str, str]] = field(default_factory=list)  # the facet values chosen, for the search form
    pool: str | None = None  # a valid free-text search: the bounded pool its rendered parts are kept in
    families: tuple[str, ...] = FAMILIES  # those the page shows: its rendered results are kept until one changes

    @property
    def results_key(self) -> str:
        """The filter state and page number, as the key of the rendered results (`{% fragment %}` in the list
        templates); the same canonical spelling the page cache keeps."""
        return f"{self.query}#{self.page_number or '1'}"

    @property
    def parts_kept(self) -> bool | str:
        """Whether the rendered facets and results may be kept (`{% fragment keep=… %}`): a filter state the page
        cache keeps (`storable`) is kept; a valid free-text search is kept in the list's bounded pool of searches
        (`pool`, zorgpact.core.pagecache.SEARCHES_KEPT); an invalid value never."""
        return True if self.storable else (self.pool or False)

    @property
    def results_kept(self) -> bool | str:
        """As `parts_kept`, and only for a page number spelled canonically (endless spellings of one page are
        rendered, never kept)."""
        number = self.page_number or "1"
        canonical = number.isascii() and number.isdigit() and number == str(int(number))
        return self.parts_kept if canonical else False
