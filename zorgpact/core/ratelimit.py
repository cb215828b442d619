"""The client's address (the portal's one resolver) and a per-client limit on public forms, counted in the shared
cache (Redis in production)."""

import ipaddress
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

log = logging.getLogger(__name__)


def _trusted(address: str, proxies: list[str]) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    for proxy in proxies:
        try:
            if ip in ipaddress.ip_network(proxy.strip(), strict=False):
                return True
        except ValueError:
            log.warning("TRUSTED_PROXIES entry %r is not an address or network", proxy)
    return False


def client_ip(request: HttpRequest) -> str | None:
    """The address of the client that sent the request, for rate limits, django-axes, the audit log and throttles.

    REMOTE_ADDR is the peer. Only when that peer is one of settings.TRUSTED_PROXIES is X-Forwarded-For read, from
    the right (each proxy appends the address it got the request from), skipping trusted proxies: the first address
    that is not one of ours is the client. Anything further left was written by the client and is ignored, so a
    spoofed header changes nothing. gunicorn leaves REMOTE_ADDR as the proxy's address; this is where it is undone.
    """
    # A request built in-process (Django's own `Client.login`) has no peer: not known, stored as null (PostgreSQL's
    # inet columns of axes and the audit log refuse a made-up word).
    remote = request.META.get("REMOTE_ADDR") or None
    if remote is None:
        return None
    proxies = settings.TRUSTED_PROXIES
    if not proxies or not _trusted(remote, proxies):
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, proxies):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:  # garbage where an address belongs: the last proxy we trust is all we know
                return remote
    return remote


def limit_reached(request: HttpRequest, scope: str, *, limit: int, window_seconds: int = 3600) -> bool:
    """Count this request; True when the client has already made `limit` requests in the window.

    With the cache away nothing can be counted: the form stays open (its honeypot and validation still apply)
    rather than turning every visitor away during a Redis outage.
    """
    key = f"ratelimit:{scope}:{client_ip(request) or 'unknown'}"
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
