"""API throttles, in a module of their own: DRF imports them while it defines APIView, so they import nothing of ours."""

import logging

from rest_framework import throttling

log = logging.getLogger(__name__)


class _FailOpen:
    """A throttle that lets requests through, uncounted, while the cache (Redis) is away: the API stays usable."""

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
