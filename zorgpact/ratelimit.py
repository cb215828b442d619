"""A per-client limit on public forms, counted in the shared cache (Redis in production)."""

from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    # REMOTE_ADDR only: a forwarded-for header is set by the client and would make the limit trivial to dodge.
    # Behind a proxy, the proxy must set REMOTE_ADDR (e.g. gunicorn --forwarded-allow-ips).
    return request.META.get("REMOTE_ADDR", "unknown")


def limit_reached(request: HttpRequest, scope: str, *, limit: int, window_seconds: int = 3600) -> bool:
    """Count this request; True when the client has already made `limit` requests in the window."""
    key = f"ratelimit:{scope}:{client_ip(request)}"
    # add() only sets the key when absent, so the window starts at the first request and is not extended.
    cache.add(key, 0, timeout=window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window_seconds)
        count = 1
    return count > limit
