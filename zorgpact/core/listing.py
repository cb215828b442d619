"""Helpers shared by every list page: pagination, filter state in the URL, and the one CSV/XLSX writer.

Every CSV and XLSX the portal writes goes through `spreadsheet_bytes` (or `csv_response`, which uses it), so a
text that a spreadsheet program would run as a formula is neutralised everywhere (OWASP "CSV injection").
"""

import csv
import datetime
import hashlib
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from zorgpact.core.pagecache import do_not_store, families_of_path, fragment

# Spreadsheet programs run cells that start with these as formulas: neutralise them (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def paginate(request: HttpRequest, object_list, per_page: int = 20):
    paginator = Paginator(object_list, per_page)
    raw = request.GET.get("page", "1")
    try:
        number = int(raw)
        if number < 1 or number > max(paginator.num_pages, 1):
            raise InvalidPage
        if raw != str(number):
            do_not_store(request)  # `?page=007`: endless spellings of one page
        return paginator.page(number)
    except (ValueError, InvalidPage):
        raise Http404(_("This page number does not exist.")) from None


def query_without_page(request: HttpRequest) -> str:
    """The current filter state, for links to other pages of the same list."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


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
    request: HttpRequest,
    key: str,
    labels: Iterable[tuple[str, str]],
    counts: dict[str, int],
    *,
    limit: int | None = None,
) -> list[FacetOption]:
    """Each value of a facet with the number of results choosing it would give, and a link that toggles it.

    Values without results are left out (unless selected), so a visitor never picks an empty list.
    """
    current = request.GET.get(key, "")
    options = []
    for value, label in labels:
        value = str(value)
        count = counts.get(value, 0)
        if count == 0 and value != current:
            continue
        params = request.GET.copy()
        params.pop("page", None)
        if value == current:
            params.pop(key, None)
        else:
            params[key] = value
        options.append(FacetOption(value, str(label), count, value == current, "?" + params.urlencode()))
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


def cached_facets(request: HttpRequest, filterset, name: str, build: Callable[[], FacetRows]) -> list[Facet]:
    """The facets of a list page, their counts kept until the next write (zorgpact.core.pagecache.fragment) per filter
    state and language: the counts are the costly part of an uncached list page at scale. Free-text searches (and
    invalid filter values) are endless, so their counts are computed each time rather than filling the cache."""
    if "q" in request.GET or not filterset.is_valid():
        do_not_store(request)
        rows = build()
    else:
        state = sorted((k, v) for k, values in request.GET.lists() if k in filterset.FACETS for v in values)
        digest = hashlib.sha256(repr(state).encode()).hexdigest()[:32]
        rows = fragment(f"{name}:facets:{get_language()}:{digest}", build, families=families_of_path(request.path))
    return [
        Facet(key=key, label=label, options=facet_options(request, key, labels, counts))
        for key, label, labels, counts in rows
    ]
