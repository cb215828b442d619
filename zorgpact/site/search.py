"""/zoeken/: one search over everything a visitor may see. Project-level: it composes the apps.

Public for everyone: themes, published koplopers, pacts with their ambitions and goals (not archived), public actions,
published cases (their public version) and schemes. Volgspot agreements are never public: they are searched only for
someone who may read their session (`Agreement.objects.visible_to`, zorgpact.permissions), so an anonymous visitor's
search never touches them. How words match and are marked is zorgpact.core.search_text (the same rule as the
catalogue's ?q=): on PostgreSQL through the GIN-indexed Dutch full-text index, ranked; on SQLite with the Snowball
Dutch stemmer.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchRank
from django.db import connection
from django.db.models import Count, F, QuerySet, Window
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koplopers.models import Koploper
from pacts.models import Action, Ambition, Goal, Pact
from regels.models import Case, Scheme
from volgspot.models import Agreement
from zorgpact.core.search_text import clean_query, highlight, query_words, search_query, snippet
from zorgpact.models import Theme

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


@dataclass(frozen=True)
class Source:
    key: str
    label: Promise
    objects: Callable[[object], QuerySet]  # the user -> what they may see
    title: str
    text: str
    url: Callable[[object], str]
    meta: Callable[[object], str] = lambda o: ""


def _pact_url(pact, anchor: str = "") -> str:
    return reverse("pacts:detail", kwargs={"slug": pact.slug}) + anchor


SOURCES = [
    Source(
        "koplopers",
        gettext_lazy("Koplopers"),
        lambda user: Koploper.objects.published(),
        "name",
        "summary",
        lambda o: o.get_absolute_url(),
    ),
    Source(
        "themes",
        gettext_lazy("Themes"),
        lambda user: Theme.objects.all(),
        "name",
        "intro",
        lambda o: reverse("theme", kwargs={"slug": o.slug}),
    ),
    Source(
        "pacts",
        gettext_lazy("Regional pacts"),
        lambda user: Pact.objects.all(),
        "name",
        "ambition_text",
        lambda o: o.get_absolute_url(),
        lambda o: o.region,
    ),
    Source(
        "ambitions",
        gettext_lazy("Ambitions"),
        lambda user: Ambition.objects.public().select_related("pact"),
        "title",
        "title",
        lambda o: _pact_url(o.pact, f"#ambitie-{o.pk}"),
        lambda o: o.pact.name,
    ),
    Source(
        "goals",
        gettext_lazy("Goals"),
        lambda user: Goal.objects.public().select_related("ambition__pact"),
        "title",
        "intended_effect",
        lambda o: _pact_url(o.ambition.pact, f"#doel-{o.pk}"),
        lambda o: o.ambition.pact.name,
    ),
    Source(
        "actions",
        gettext_lazy("Actions"),
        lambda user: Action.objects.public().select_related("pact"),
        "title",
        "description",
        lambda o: o.pact.get_absolute_url(),
        lambda o: o.pact.name,
    ),
    # A case only by its public version (never the reporter's own question or situation).
    Source(
        "cases",
        gettext_lazy("Room in the rules"),
        lambda user: Case.objects.published(),
        "title",
        "public_question",
        lambda o: o.get_absolute_url(),
        lambda o: o.get_outcome_display(),
    ),
    Source(
        "schemes",
        gettext_lazy("Schemes"),
        lambda user: Scheme.objects.all(),
        "name",
        "summary",
        lambda o: o.get_absolute_url(),
        lambda o: o.ministry,
    ),
    Source(
        "agreements",
        gettext_lazy("Volgspot agreements"),
        lambda user: Agreement.objects.visible_to(user).select_related("session__pact"),
        "text",
        "text",
        lambda o: reverse("volgspot:session", kwargs={"pk": o.session_id}),
        lambda o: " · ".join(part for part in (o.session.pact.name, o.get_status_display(), o.owner_name) if part),
    ),
]


def _ranked(queryset: QuerySet, query: str) -> QuerySet:
    """The matches, best first on PostgreSQL, each row carrying the number of all matches (one query per source)."""
    matches = queryset.matching(query).annotate(total=Window(Count("pk")))
    if connection.vendor == "postgresql":
        return matches.annotate(rank=SearchRank(F("search_vector"), search_query(query))).order_by("-rank", "pk")
    return matches.order_by("pk")


def search(query: str, *, user, limit_per_type: int = PER_GROUP) -> list[Group]:
    """Every source the user may see, in a group: its first hits and the number of all hits — one query per source,
    none for a source the user may not see at all, whatever the data size."""
    query = clean_query(query)
    if not query_words(query):
        return []
    groups = []
    for source in SOURCES:
        rows = list(_ranked(source.objects(user), query)[:limit_per_type])
        if source.key == "agreements" and not rows:
            continue  # a group only those who may read agreements ever see
        hits = [
            Hit(
                title=highlight(str(getattr(o, source.title)), query),
                url=source.url(o),
                snippet=highlight(snippet(getattr(o, source.text), query), query)
                if source.text != source.title
                else "",
                meta=str(source.meta(o) or ""),
            )
            for o in rows
        ]
        groups.append(Group(key=source.key, label=str(source.label), count=rows[0].total if rows else 0, hits=hits))
    return groups


def search_view(request: HttpRequest) -> HttpResponse:
    query = clean_query(request.GET.get("q", ""))
    groups = search(query, user=request.user)
    return render(
        request,
        "zorgpact/search.html",
        {
            "query": query,
            "search_query": query,
            "groups": groups,
            "total": sum(g.count for g in groups),
            "searched": bool(query_words(query)),
            "breadcrumbs": [(None, _("Search"))],
        },
    )
