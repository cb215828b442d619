"""Whole-page cache for anonymous visitors of the public pages, in the shared cache (Redis in production); and the
one rule for which answers are private (`Cache-Control: private, no-store`).

Served and stored only for a GET or HEAD with no credentials of any kind: no session or messages cookie (no cookie at
all but the language and CSRF ones), no `Authorization` header, no token in the query string, nobody signed in —
checked again after the view ran, since the API authenticates a token inside the view. Under `/api/` only the
open-data endpoints are cached (OPEN_DATA_API); whatever a credential unlocks is never stored, so it cannot reach
anyone else even if a new kind of credential were missed here.

The key is the generation, the canonical origin (PORTAL_URL: a request on any other host or scheme is not cached),
the language, htmx or not, the path, and the query parameters the page declares it reads (`reads_query`; a DRF
view's come from its filters and pagination). A request with any other parameter (`?utm_probe=1`), a parameter
twice, a free-text search, an invalid filter value or a page number not written canonically renders normally and
stores nothing; at most MAX_VARIANTS query strings per path and generation are kept.

Invalidation is by generation, per family of models (FAMILY_OF: the pact itself, its agenda and figures, koplopers,
Volgspot, cases and schemes, and the shared vocabulary): a page's key holds the generations of the families it shows
(PAGE_FAMILIES, by path; a page not listed there shows every family) plus one global generation, and a committed
change to the portal's data bumps its model's family (`connect`: saves, deletes and many-to-many changes of our apps'
models) or, from `bump_after_commit()` without a family (`.update()` and `bulk_create` paths, the data commands),
the global one. So a measurement entered by a coordinator refreshes the pact pages, the home page and the API's
agenda lists at once, and leaves the koplopers catalogue and the case library cached. A request's method changes nothing: an anonymous POST
that writes no data (the language switch, a failed sign-in) leaves every cached page cached. When the cache is down,
pages are simply rendered: the cache may only ever make things faster.
"""

import functools
import hashlib
import logging
from collections.abc import Callable
from typing import TypeVar
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.translation import get_language

log = logging.getLogger(__name__)
T = TypeVar("T")

GENERATION_KEY = "pagecache:generation"
TIMEOUT = 10 * 60
# Query strings kept per path and generation: filter values such as a koploper theme slug are free text (an unknown
# one matches nothing), so without a ceiling made-up values could still fill the cache.
MAX_VARIANTS = 300
# Free-text searches kept rendered per pool (a list's searches) and generation of its families: the popular ones are
# asked again and again, but their texts are endless, so only the first this many blocks (a search's facets and its
# results are two) of a generation are kept; the rest are computed each time, as every search was before.
SEARCHES_KEPT = 200

# Answers here are private whoever asks (an anonymous visitor gets a sign-in redirect or a personal status page).
PRIVATE = ("/werkruimte/", "/account/", "/volgspot/", "/admin/", "/ruimte-in-de-regels/status/", "/api/v1/volgspot/")
NEVER = PRIVATE + (
    "/healthz",
    "/i18n/",
    "/koplopers/aanmelden/",
    "/ruimte-in-de-regels/melden/",
    "/__bench__/",
    "/api/docs/",
    "/api/schema/",
    "/zoeken/",
)
# The API endpoints whose anonymous answer is open data, by URL name (the router's basename + -list / -detail).
OPEN_DATA_API = frozenset(
    f"{basename}-{kind}"
    for basename in (
        "theme",
        "organisation",
        "pact",
        "action",
        "indicator",
        "measurement",
        "koploper",
        "case",
        "scheme",
    )
    for kind in ("list", "detail")
)
# Free-text searches are endless: caching each would let anyone fill the cache. Filters are a finite set.
ENDLESS = frozenset({"q", "search"})
# Numbers (a page of a list, of the sitemap): kept only when spelled as such (`?page=7`, never `?page=007`).
NUMBERS = frozenset({"page", "p"})
CREDENTIAL_HEADERS = ("Authorization", "Proxy-Authorization", "X-Api-Key", "X-Auth-Token")
KEPT_HEADERS = ("Content-Disposition", "Content-Language", "Vary", "Allow")
PRIVATE_CACHE_CONTROL = "private, no-store"
# Writes to these never show on a page: the security log and token bookkeeping (written at every sign-in and API call).
UNSEEN_MODELS = frozenset({"zorgpact.AuditEvent", "zorgpact.ApiToken"})
DATA_APPS = ("zorgpact", "pacts", "koplopers", "volgspot", "regels")


# --- Invalidation ----------------------------------------------------------------------------------------------

# The family a model's writes belong to (app label or model label; the most specific wins). The vocabulary (themes,
# provinces, organisations, citations, users) shows on nearly every page.
FAMILY_OF = {
    "zorgpact": "vocabulary",
    "pacts": "agenda",
    "pacts.Pact": "pacts",
    "pacts.Participation": "pacts",
    "koplopers": "koplopers",
    "volgspot": "volgspot",
    "regels": "regels",
}
FAMILIES = ("vocabulary", "pacts", "agenda", "koplopers", "volgspot", "regels")
# What the public pages show, by path prefix (first match). Anything not listed (home, themes, search, the sitemap)
# shows every family. Read from the templates and selectors: a koploper page names the pacts that adopted it; a case
# names its koplopers; a pact page lists its koplopers.
PAGE_FAMILIES = (
    ("/koplopers/", ("vocabulary", "koplopers", "pacts")),
    ("/ruimte-in-de-regels/", ("vocabulary", "regels", "koplopers")),
    ("/regelingen/", ("vocabulary", "regels", "koplopers")),
    ("/regionale-zorgpacten/", ("vocabulary", "pacts", "agenda", "koplopers")),
    ("/api/v1/koplopers/", ("vocabulary", "koplopers", "pacts")),
    ("/api/v1/cases/", ("vocabulary", "regels", "koplopers")),
    ("/api/v1/schemes/", ("vocabulary", "regels", "koplopers")),
    ("/api/v1/pacts/", ("vocabulary", "pacts", "agenda", "koplopers")),
    ("/api/v1/actions/", ("vocabulary", "pacts", "agenda")),
    ("/api/v1/indicators/", ("vocabulary", "pacts", "agenda")),
    ("/api/v1/measurements/", ("vocabulary", "pacts", "agenda")),
)


def family_of(model) -> str:
    meta = model._meta
    return FAMILY_OF.get(meta.label) or FAMILY_OF.get(meta.app_label) or "vocabulary"


def families_of_path(path: str) -> tuple[str, ...]:
    for prefix, families in PAGE_FAMILIES:
        if path.startswith(prefix):
            return families
    return FAMILIES


def _generation_key(family: str | None) -> str:
    return GENERATION_KEY if family is None else f"{GENERATION_KEY}:{family}"


def bump_generation(family: str | None = None) -> None:
    """A new generation for one family, or (no family) for every page and fragment."""
    key = _generation_key(family)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 2, None)
    except Exception:  # noqa: BLE001 - a cache outage must not fail a write
        log.warning("page cache: could not bump the generation", exc_info=True)


class _Bump:
    """One bump per family for however many changes a transaction makes: every change registers the same object."""

    __slots__ = ("done", "family")

    def __init__(self, family: str | None) -> None:
        self.done = False
        self.family = family

    def __call__(self) -> None:
        if not self.done:
            self.done = True
            bump_generation(self.family)


def bump_after_commit(using: str | None = None, family: str | None = None) -> None:
    """Start a new generation of `family` (every family when None) once the current transaction commits (at once
    outside one).

    After the commit, not before: a page rendered in between would otherwise be stored under the new generation with
    the old data. A rolled-back transaction bumps nothing.
    """
    connection = transaction.get_connection(using)
    pending = getattr(connection, "_page_cache_bumps", None)
    if pending is None:
        pending = connection._page_cache_bumps = {}
    bump = pending.get(family)
    if bump is None or bump.done:
        bump = pending[family] = _Bump(family)
    transaction.on_commit(bump, using=using)


def _data_changed(sender, using=None, update_fields=None, **kwargs) -> None:
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # a sign-in, not a change anyone else can see
    bump_after_commit(using, family_of(sender))


def _relation_changed(sender, instance, action, using=None, model=None, **kwargs) -> None:
    """A link between two models shows on the pages of both sides' families. Either side may be the one `.add()` was
    called on; a link to the vocabulary (a koploper's themes) bumps only the other side: every page that shows
    koplopers per theme reads the koploper family."""
    if not (action.startswith("post_") and instance._meta.app_label in DATA_APPS):
        return
    sides = {family_of(type(instance))}
    if model is not None and model._meta.app_label in DATA_APPS:
        sides.add(family_of(model))
    if len(sides) > 1:
        sides.discard("vocabulary")
    for family in sorted(sides):
        bump_after_commit(using, family)


def connect() -> None:
    """Receive every save and delete of the portal's own models (per model: a receiver for every model would make
    Django load each row of a bulk delete elsewhere, such as the audit log's pruning)."""
    from django.apps import apps
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from simple_history.models import HistoricalChanges

    for model in apps.get_models():
        label = model._meta.label
        if model._meta.app_label not in DATA_APPS or label in UNSEEN_MODELS or issubclass(model, HistoricalChanges):
            continue
        post_save.connect(_data_changed, sender=model, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(_data_changed, sender=model, dispatch_uid=f"pagecache-delete-{label}")
    m2m_changed.connect(_relation_changed, dispatch_uid="pagecache-m2m")


# --- Fragments ------------------------------------------------------------------------------------------------


def _generation(family: str | None = None) -> int:
    key = _generation_key(family)
    value = cache.get(key)
    if value is None:
        cache.add(key, 1, None)
        value = cache.get(key) or 1
    return value


def generations(families: tuple[str, ...] = FAMILIES) -> str:
    """The global generation and those of `families`, as one key part, in one round trip to the cache."""
    keys = [GENERATION_KEY] + [_generation_key(family) for family in families]
    found = cache.get_many(keys)
    for key in keys:
        if found.get(key) is None:
            cache.add(key, 1, None)
            found[key] = cache.get(key) or 1
    return ".".join(str(found[key]) for key in keys)


def fragment(
    name: str,
    build: Callable[[], T],
    timeout: int = TIMEOUT,
    families: tuple[str, ...] = FAMILIES,
    pool: str | None = None,
) -> T:
    """A computed part of a page (key figures, facet counts), kept until the next write to one of the families it
    shows (every family unless told), as the pages are.

    Also used when the whole page is not cached (a signed-in visitor, a search), which is where it pays. `pool`
    names a bounded set (a list's free-text searches): of its distinct names, only the first SEARCHES_KEPT of a
    generation are stored.
    """
    if not settings.FRAGMENT_CACHE:
        return build()
    try:
        generation = generations(families)
        key = f"fragment:{generation}:{name}"
        hit = cache.get(key)
    except Exception:  # noqa: BLE001 - cache down: compute
        log.warning("fragment cache unavailable")
        return build()
    if hit is not None:
        return hit
    value = build()
    try:
        if pool is None or _room_in_pool(f"fragment-pool:{generation}:{pool}", timeout):
            cache.set(key, value, timeout)
    except Exception:  # noqa: BLE001
        log.warning("fragment cache: could not store")
    return value


def _room_in_pool(counter: str, timeout: int) -> bool:
    cache.add(counter, 0, timeout)
    return cache.incr(counter) <= SEARCHES_KEPT


# --- What a page reads ----------------------------------------------------------------------------------------


def reads_query(*names) -> Callable:
    """Declare the query parameters a public page reads: names, or FilterSet classes for all their filters.

    Only these can be in a cached page's key; a request with any other parameter is rendered and not stored.
    """
    params = frozenset(name for item in names for name in (item.base_filters if isinstance(item, type) else [item]))

    def decorate(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            return view(*args, **kwargs)

        wrapper.page_cache_params = params
        return wrapper

    return decorate


def do_not_store(request: HttpRequest) -> None:
    """This answer is right for this request but not worth a cache entry (a page number written as `007`, an invalid
    filter value): render it, keep nothing."""
    request._page_cache_skip = True


def _api_params(view_class) -> frozenset[str]:
    """The parameters a DRF view reads: its pagination's, its filter set's fields, ordering."""
    from django_filters.rest_framework import DjangoFilterBackend
    from rest_framework.filters import OrderingFilter

    names = set()
    pagination = view_class.pagination_class
    if pagination is not None:
        names |= {getattr(pagination, "page_query_param", None), getattr(pagination, "page_size_query_param", None)}
    for backend in view_class.filter_backends:
        if issubclass(backend, DjangoFilterBackend):
            if getattr(view_class, "filterset_class", None) is not None:
                names |= set(view_class.filterset_class.base_filters)
            fields = getattr(view_class, "filterset_fields", None) or []
            if isinstance(fields, dict):
                names |= {
                    name if lookup == "exact" else f"{name}__{lookup}"
                    for name, lookups in fields.items()
                    for lookup in lookups
                }
            else:
                names |= set(fields)
        elif issubclass(backend, OrderingFilter):
            names.add(backend.ordering_param)
    return frozenset(names - {None})


def _declared_params(request: HttpRequest) -> frozenset[str] | None:
    """The parameters the page at this path reads, or None when it is not to be cached at all."""
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return None
    view_class = getattr(match.func, "cls", None)
    if request.path.startswith("/api/"):
        if match.url_name not in OPEN_DATA_API or view_class is None:
            return None
        return _api_params(view_class)
    return getattr(match.func, "page_cache_params", frozenset())


# --- Who is asking --------------------------------------------------------------------------------------------


def _canonical_origin() -> tuple[str, str]:
    parts = urlsplit(settings.PORTAL_URL)
    return parts.scheme.lower(), parts.netloc.lower()


def _has_credentials(request: HttpRequest) -> bool:
    harmless = {settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
    return (
        any(name in request.headers for name in CREDENTIAL_HEADERS)
        or any(name not in harmless for name in request.COOKIES)
        or request.user.is_authenticated
    )


def is_private(request: HttpRequest) -> bool:
    """Whether an answer to this request is for the asker alone: signed in (a session or a token, which the API
    checks inside the view, so ask after it), any credential sent, a private address, or a page with a CSRF token."""
    return (
        _has_credentials(request)
        or request.path.startswith(PRIVATE)
        or bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
    )


def _cache_key(request: HttpRequest) -> str | None:
    """The key of this request's page, or None when it is not served from or stored in the cache."""
    if not settings.PAGE_CACHE or request.method not in ("GET", "HEAD") or request.path.startswith(NEVER):
        return None
    scheme, host = _canonical_origin()
    if request.scheme != scheme or request.get_host().lower() != host or _has_credentials(request):
        return None
    params = _declared_params(request)
    if params is None:
        return None
    query = sorted(request.GET.lists())
    if any(name not in params or name in ENDLESS or len(values) != 1 for name, values in query):
        return None
    if any(name in NUMBERS and not _canonical_number(values[0]) for name, values in query):
        return None
    path = request.path + ("?" + urlencode([(name, values[0]) for name, values in query]) if query else "")
    digest = hashlib.sha256(path.encode()).hexdigest()
    htmx = "htmx" if getattr(request, "htmx", False) else "page"
    return f"pagecache:{generations(families_of_path(request.path))}:{host}:{get_language()}:{htmx}:{digest}"


def _canonical_number(text: str) -> bool:
    return text.isascii() and text.isdigit() and text == str(int(text))


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not getattr(request, "_page_cache_skip", False)
        and not is_private(request)
        and not (hasattr(request, "session") and request.session.modified)
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
    )


def _room_for_variant(request: HttpRequest, key: str) -> bool:
    if not request.GET:
        return True
    counter = f"pagecache:variants:{key.split(':')[1]}:{request.path}"
    cache.add(counter, 0, TIMEOUT)
    return cache.incr(counter) <= MAX_VARIANTS


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            key = _cache_key(request)
            hit = cache.get(key) if key else None
        except Exception:  # noqa: BLE001 - cache down: serve uncached
            log.warning("page cache unavailable", exc_info=True)
            key = hit = None
        if hit is not None:
            content, content_type, headers = hit
            response = HttpResponse(content, content_type=content_type)
            for name, value in headers.items():
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if is_private(request):
            response["Cache-Control"] = PRIVATE_CACHE_CONTROL
        elif key and _storable(request, response):
            headers = {name: response[name] for name in KEPT_HEADERS if name in response}
            try:
                if _room_for_variant(request, key):
                    cache.set(key, (response.content, response["Content-Type"], headers), TIMEOUT)
            except Exception:  # noqa: BLE001
                log.warning("page cache: could not store", exc_info=True)
        return response
