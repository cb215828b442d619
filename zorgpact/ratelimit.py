"""A per-client limit on public forms, counted in the shared cache (Redis in production)."""

import logging

from django.core.cache import cache
from django.http import HttpRequest

log = logging.getLogger(__name__)


def client_ip(request: HttpRequest) -> str:
    # REMOTE_ADDR only: a forwarded-for header is set by the client and would make the limit trivial to dodge.
    # Behind a proxy, the proxy must set REMOTE_ADDR (e.g. gunicorn --forwarded-allow-ips).
    return request.META.get("REMOTE_ADDR", "unknown")


def limit_reached(request: HttpRequest, scope: str, *, limit: int, window_seconds: int = 3600) -> bool:
    """Count this request; True when the client has already made `limit` requests in the window.

    With the cache away nothing can be counted: the form stays open (its honeypot and validation still apply)
    rather than turning every visitor away during a Redis outage.
    """
    key = f"ratelimit:{scope}:{client_ip(request)}"
    try:
        # add() only sets the key when absent, so the window starts at the first request and is not extended.
        cache.add(key, 0, timeout=window_seconds)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=window_seconds)
            count = 1
    except Exception:  # noqa: BLE001 - any cache failure: not counted
        log.warning("rate limit %s not counted: cache unavailable", scope)
        return False
    return count > limit
