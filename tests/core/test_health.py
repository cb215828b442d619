"""/healthz and the broker probe against real throwaway Redis servers: an ACL user, TLS (rediss://), and down."""

import os
import shutil
import time

import pytest

from tests.helpers import ThrowawayRedis
from zorgpact.core.queue import broker_available

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not shutil.which("redis-server") and os.environ.get("REQUIRE_SERVICES") != "1",
        reason="redis-server is not installed (.ci/run installs it)",
    ),
]


@pytest.fixture
def redis_with_acl_user():
    server = ThrowawayRedis(acl_user=("portal", "s3cret-wachtwoord"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis_with_tls(tmp_path):
    server = ThrowawayRedis(acl_user=("portal", "s3cret-wachtwoord"), tls=True, workdir=tmp_path)
    server.start()
    yield server
    server.stop()


def _use(settings, server):
    settings.CELERY_BROKER_URL = server.url_for(0)
    settings.CACHE_URL = server.url_for(1)
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": server.url_for(1),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        }
    }


def test_healthz_is_ok_with_a_redis_acl_user(client, settings, redis_with_acl_user):
    _use(settings, redis_with_acl_user)
    response = client.get("/healthz")
    assert response.status_code == 200, response.json()
    assert response.json()["services"] == {"database": True, "cache": True, "broker": True}


def test_a_wrong_acl_password_is_down(settings, redis_with_acl_user):
    settings.CELERY_BROKER_URL = redis_with_acl_user.url.replace("s3cret", "fout") + "/0"
    assert broker_available() is False


def test_healthz_is_ok_over_tls(client, settings, redis_with_tls):
    _use(settings, redis_with_tls)
    assert settings.CELERY_BROKER_URL.startswith("rediss://")
    response = client.get("/healthz")
    assert response.status_code == 200, response.json()
    assert response.json()["services"]["broker"] is True
    assert response.json()["backends"]["broker"] == "Redis"


def test_healthz_says_which_service_is_down_and_answers_quickly(client, settings, redis_with_acl_user):
    _use(settings, redis_with_acl_user)
    redis_with_acl_user.stop()
    started = time.monotonic()
    response = client.get("/healthz")
    assert time.monotonic() - started < 8
    assert response.status_code == 503
    body = response.json()
    assert body["services"] == {"database": True, "cache": False, "broker": False}
    assert body["down"] == ["cache (Redis)", "broker (Redis)"]
