"""Whole-page cache for anonymous visitors of the public pages, in the shared cache (Redis in production).

Invalidation is by generation: every successful write request (POST, PUT, PATCH, DELETE), and the data commands,
bump one counter that is part of every key, so the next request after any edit renders afresh. Pages for signed-in
people, forms with a CSRF token and private pages are never cached. When the cache is down, pages are simply
rendered: the cache may only ever make things faster.
"""

import hashlib
import logging
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

log = logging.getLogger(__name__)
T = TypeVar("T")

GENERATION_KEY = "pagecache:generation"
TIMEOUT = 10 * 60
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
NEVER = (
    "/werkruimte/", "/account/", "/volgspot/", "/admin/", "/healthz", "/i18n/", "/koplopers/aanmelden/",
    "/ruimte-in-de-regels/melden/", "/ruimte-in-de-regels/status/", "/__bench__/", "/api/docs/", "/api/schema/",
)
KEPT_HEADERS = ("Content-Disposition", "Content-Language", "Vary", "Allow")


def bump_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)
    except Exception:  # noqa: BLE001 - a cache outage must not fail a write
        log.warning("page cache: could not bump the generation", exc_info=True)


def _generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, None)
        value = cache.get(GENERATION_KEY) or 1
    return value


def fragment(name: str, build: Callable[[], T], timeout: int = TIMEOUT) -> T:
    """A computed part of a page (key figures, facet counts), kept until the next write, as the pages are.

    Also used when the whole page is not cached (a signed-in visitor, a search), which is where it pays.
    """
    if not settings.FRAGMENT_CACHE:
        return build()
    try:
        key = f"fragment:{_generation()}:{name}"
        hit = cache.get(key)
    except Exception:  # noqa: BLE001 - cache down: compute
        log.warning("fragment cache unavailable")
        return build()
    if hit is not None:
        return hit
    value = build()
    try:
        cache.set(key, value, timeout)
    except Exception:  # noqa: BLE001
        log.warning("fragment cache: could not store")
    return value


def _cacheable(request: HttpRequest) -> bool:
    return (
        settings.PAGE_CACHE
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(NEVER)
        and "sessionid" not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.user.is_authenticated
        # Free-text searches are endless: caching each would let anyone fill the cache. Filters are a finite set.
        and "q" not in request.GET
        and not request.path.startswith("/zoeken/")
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in UNSAFE:
            response = self.get_response(request)
            if response.status_code < 400:
                bump_generation()
            return response
        if not _cacheable(request):
            return self.get_response(request)
        try:
            digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
            key = f"pagecache:{_generation()}:{get_language()}:{request.headers.get('HX-Request', '')}:{digest}"
            hit = cache.get(key)
        except Exception:  # noqa: BLE001 - cache down: serve uncached
            log.warning("page cache unavailable", exc_info=True)
            return self.get_response(request)
        if hit is not None:
            content, content_type, headers = hit
            response = HttpResponse(content, content_type=content_type)
            for name, value in headers.items():
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            headers = {name: response[name] for name in KEPT_HEADERS if name in response}
            try:
                cache.set(key, (response.content, response["Content-Type"], headers), TIMEOUT)
            except Exception:  # noqa: BLE001
                log.warning("page cache: could not store", exc_info=True)
        return response
