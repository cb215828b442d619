"""/zoeken/: one search over everything public. Project-level: it composes the apps.

On PostgreSQL: full-text search with the Dutch configuration against the stored, GIN-indexed search_vector,
ranked. On SQLite (the embedded default): every word must occur in the main text fields.
"""

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koplopers.models import Koploper
from pacts.models import Action, Pact
from regels.constants import CASE_PUBLIC_FIELDS
from regels.models import Case, Scheme

MAX_QUERY = 200
PER_GROUP = 10


@dataclass
class Hit:
    title: SafeString
    url: str
    snippet: SafeString
    meta: str = ""


@dataclass
class Group:
    key: str
    label: str
    count: int
    hits: list[Hit] = field(default_factory=list)


# key, label, queryset of public items, fields searched on SQLite, title field, snippet field, url, meta
SOURCES = [
    (
        "koplopers",
        gettext_lazy("Koplopers"),
        lambda: Koploper.objects.published(),
        ["name", "summary", "description", "results_text"],
        "name",
        "summary",
        lambda o: o.get_absolute_url(),
        lambda o: "",
    ),
    (
        "pacts",
        gettext_lazy("Regional pacts"),
        lambda: Pact.objects.all(),
        ["name", "region", "ambition_text"],
        "name",
        "ambition_text",
        lambda o: o.get_absolute_url(),
        lambda o: o.region,
    ),
    (
        "actions",
        gettext_lazy("Actions"),
        lambda: Action.objects.public().select_related("pact"),
        ["title", "description"],
        "title",
        "description",
        lambda o: o.pact.get_absolute_url(),
        lambda o: o.pact.name,
    ),
    # A case only by its public version (never the reporter's own question or situation).
    (
        "cases",
        gettext_lazy("Room in the rules"),
        lambda: Case.objects.published(),
        CASE_PUBLIC_FIELDS,
        "title",
        "public_question",
        lambda o: o.get_absolute_url(),
        lambda o: o.get_outcome_display(),
    ),
    (
        "schemes",
        gettext_lazy("Schemes"),
        lambda: Scheme.objects.all(),
        ["name", "summary", "eligibility"],
        "name",
        "summary",
        lambda o: o.get_absolute_url(),
        lambda o: o.ministry,
    ),
]


def clean_query(raw: str) -> str:
    return " ".join(raw.replace("\x00", " ").split())[:MAX_QUERY]


def words(query: str) -> list[str]:
    return list(dict.fromkeys(w for w in re.findall(r"\w+", query) if len(w) >= 2))


def highlight(text: str, query_words: list[str]) -> SafeString:
    """Mark the words that start with a query word (so "ontmoet" marks "ontmoeten", as the Dutch stemmer finds it).

    The raw text is split at the matches and every piece is escaped on its own, so user content never becomes
    markup and a query word can never cut into an escaped entity (a search for "amp" leaves "&amp;" whole).
    """
    text = text or ""
    if not query_words:
        return escape(text)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in query_words) + r")\w*", re.IGNORECASE)
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces += [escape(text[last : match.start()]), format_html("<mark>{}</mark>", match.group())]
        last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))


def _snippet(text: str, query_words: list[str], length: int = 220) -> str:
    text = text or ""
    lower = text.lower()
    positions = [lower.find(w.lower()) for w in query_words if lower.find(w.lower()) >= 0]
    start = max(min(positions) - 60, 0) if positions else 0
    piece = text[start : start + length]
    return ("…" if start else "") + piece + ("…" if start + length < len(text) else "")


def _matches(queryset, fields: list[str], query: str):
    if connection.vendor == "postgresql":
        search_query = SearchQuery(query, config="dutch", search_type="websearch")
        return (
            queryset.filter(search_vector=search_query)
            .annotate(rank=SearchRank(F("search_vector"), search_query))
            .order_by("-rank", "pk")
        )
    condition = Q()
    for word in words(query) or [query]:
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__icontains": word})
        condition &= any_field
    return queryset.filter(condition).order_by("pk")


def search(query: str, *, limit_per_type: int = PER_GROUP) -> list[Group]:
    """Every public source in a group: its first hits (best first on PostgreSQL) and the number of all hits.
    At most two queries per group (a page, and a count only when the page is full), whatever the data size."""
    query = clean_query(query)
    if not words(query):
        return []
    query_words = words(query)
    groups = []
    for key, label, base, fields, title_field, snippet_field, url, meta in SOURCES:
        matches = _matches(base(), fields, query)
        hits = [
            Hit(
                title=highlight(getattr(o, title_field), query_words),
                url=url(o),
                snippet=highlight(_snippet(getattr(o, snippet_field), query_words), query_words),
                meta=str(meta(o) or ""),
            )
            for o in matches[:limit_per_type]
        ]
        groups.append(
            Group(
                key=key,
                label=str(label),
                count=matches.count() if len(hits) == limit_per_type else len(hits),
                hits=hits,
            )
        )
    return groups


def search_view(request: HttpRequest) -> HttpResponse:
    query = clean_query(request.GET.get("q", ""))
    groups = search(query)
    return render(
        request,
        "zorgpact/search.html",
        {
            "query": query,
            "search_query": query,
            "groups": groups,
            "total": sum(g.count for g in groups),
            "searched": bool(words(query)),
            "breadcrumbs": [(None, _("Search"))],
        },
    )
