"""Helpers shared by every list page: pagination, filter state in the URL, CSV downloads."""

import csv
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .pagecache import do_not_store, fragment

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
    request: HttpRequest, key: str, labels: Iterable[tuple[str, str]], counts: dict[str, int], *, limit: int | None = None
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
    """The facets of a list page, their counts kept until the next write (zorgpact.pagecache.fragment) per filter
    state and language: the counts are the costly part of an uncached list page at scale. Free-text searches (and
    invalid filter values) are endless, so their counts are computed each time rather than filling the cache."""
    if "q" in request.GET or not filterset.is_valid():
        do_not_store(request)
        rows = build()
    else:
        state = sorted((k, v) for k, values in request.GET.lists() if k in filterset.FACETS for v in values)
        digest = hashlib.sha256(repr(state).encode()).hexdigest()[:32]
        rows = fragment(f"{name}:facets:{get_language()}:{digest}", build)
    return [Facet(key=key, label=label, options=facet_options(request, key, labels, counts)) for key, label, labels, counts in rows]
