"""State of the services the portal depends on, each probed with a short timeout."""

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from zorgpact.core.queue import broker_available


def _database() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone()[0] == 1


def _cache() -> bool:
    cache.set("healthz", "ok", 5)
    return cache.get("healthz") == "ok"


CHECKS = {"database": _database, "cache": _cache, "broker": broker_available}


def _scheme(url: str) -> str:
    return {"redis": "Redis", "rediss": "Redis", "amqp": "RabbitMQ"}.get(url.split(":", 1)[0], url.split(":", 1)[0])


def backends() -> dict[str, str]:
    """What each service is, so an operator reading /healthz knows which server to look at."""
    return {
        "database": {"postgresql": "PostgreSQL", "sqlite": "SQLite"}.get(connection.vendor, connection.vendor),
        "cache": _scheme(settings.CACHE_URL) if settings.CACHE_URL else "local memory",
        "broker": _scheme(settings.CELERY_BROKER_URL) if settings.CELERY_BROKER_URL else "none (tasks run in-process)",
    }


def service_status() -> dict[str, bool]:
    status = {}
    for name, check in CHECKS.items():
        try:
            status[name] = bool(check())
        except Exception:  # any failure of a probe means: down
            status[name] = False
    return status
