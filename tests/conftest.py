import os

import pytest
from django.conf import settings

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def services_available() -> bool:
    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql") and bool(settings.CELERY_BROKER_URL)


def pytest_collection_modifyitems(config, items):
    if services_available():
        return
    if REQUIRE_SERVICES:
        raise pytest.UsageError(
            "REQUIRE_SERVICES=1 but DATABASE_URL (PostgreSQL) or CELERY_BROKER_URL is not set: refusing to skip."
        )
    skip = pytest.mark.skip(reason="needs PostgreSQL and Redis (set DATABASE_URL and CELERY_BROKER_URL)")
    for item in items:
        if "services" in item.keywords:
            item.add_marker(skip)
