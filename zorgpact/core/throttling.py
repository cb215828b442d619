"""API throttles, in a module of their own: DRF imports them while it defines APIView, so they import nothing of ours."""

import logging

from rest_framework import throttling

log = logging.getLogger(__name__)


class _FailOpen:
    """A throttle that lets requests through, uncounted, while the cache (Redis) is away: the API stays usable."""

    def get_ident(self, request):
        # The portal's one client-address resolver (TRUSTED_PROXIES), not DRF's own reading of X-Forwarded-For, which
        # trusts whatever the client sends unless NUM_PROXIES is set. Imported here: DRF imports this module early.
        from zorgpact.core.ratelimit import client_ip

        return client_ip(request) or "unknown"

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except Exception:  # noqa: BLE001 - cache unavailable
            log.warning("API throttle not counted: cache unavailable")
            return True


class AnonRateThrottle(_FailOpen, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(_FailOpen, throttling.UserRateThrottle):
    pass
