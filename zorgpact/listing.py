"""Helpers shared by every list page: pagination, filter state in the URL, CSV downloads."""

import csv
from collections.abc import Iterable, Sequence

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

# Spreadsheet programs run cells that start with these as formulas: neutralise them (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def paginate(request: HttpRequest, object_list, per_page: int = 20):
    paginator = Paginator(object_list, per_page)
    raw = request.GET.get("page", "1")
    try:
        number = int(raw)
        if number < 1 or number > max(paginator.num_pages, 1):
            raise InvalidPage
        return paginator.page(number)
    except (ValueError, InvalidPage):
        raise Http404(_("This page number does not exist.")) from None


def query_without_page(request: HttpRequest) -> str:
    """The current filter state, for links to other pages of the same list."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so spreadsheet programs read UTF-8
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return response
