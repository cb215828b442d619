"""State of the services the portal depends on, each probed with a short timeout."""

import socket
from urllib.parse import urlparse

from django.conf import settings
from django.core.cache import cache
from django.db import connection

PROBE_TIMEOUT = 2.0


def _database() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone()[0] == 1


def _cache() -> bool:
    cache.set("healthz", "ok", 5)
    return cache.get("healthz") == "ok"


def _broker() -> bool:
    url = settings.CELERY_BROKER_URL
    if not url:
        return True  # eager mode: tasks run in-process, there is no broker to lose
    parsed = urlparse(url)
    # A raw PING on the socket: kombu's own connect retries for far longer than a health check may take.
    with socket.create_connection((parsed.hostname or "localhost", parsed.port or 6379), timeout=PROBE_TIMEOUT) as s:
        s.settimeout(PROBE_TIMEOUT)
        if parsed.password:
            s.sendall(f"AUTH {parsed.password}\r\n".encode())
            s.recv(64)
        s.sendall(b"PING\r\n")
        return s.recv(64).startswith(b"+PONG")


CHECKS = {"database": _database, "cache": _cache, "broker": _broker}


def service_status() -> dict[str, bool]:
    status = {}
    for name, check in CHECKS.items():
        try:
            status[name] = bool(check())
        except Exception:  # any failure of a probe means: down
            status[name] = False
    return status
