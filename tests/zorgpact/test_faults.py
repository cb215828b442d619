"""Faults of the real services: Redis stopped and started again, PostgreSQL restarted.

Redis is a throwaway redis-server of our own on a free port, so stopping it cannot disturb anything else on the
machine; PostgreSQL is the real cluster the suite runs on, restarted with pg_ctlcluster.
"""

import datetime
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core import mail

from koplopers.models import Koploper
from tests.helpers import ThrowawayRedis, free_port, wait_for_status
from tests.koplopers.factories import KoploperFactory
from volgspot.models import ProgressReport
from volgspot.services import request_report, requeue_waiting_reports

pytestmark = pytest.mark.services
ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def redis_server():
    server = ThrowawayRedis()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def on_redis(redis_server, settings, monkeypatch):
    """Cache and broker of the portal (and of the Celery app in this process) on the throwaway Redis."""
    from zorgpact.celery import app

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"{redis_server.url}/1",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        }
    }
    settings.CACHE_URL = f"{redis_server.url}/1"
    settings.CELERY_BROKER_URL = f"{redis_server.url}/0"
    previous = app.conf.broker_url, app.conf.task_always_eager
    monkeypatch.setenv("CELERY_BROKER_URL", settings.CELERY_BROKER_URL)  # Celery reads it before its own config
    app.conf.broker_url, app.conf.task_always_eager = settings.CELERY_BROKER_URL, False
    app._pool = app.amqp._producer_pool = None  # new connections, to the URL just set
    yield redis_server
    app.conf.broker_url, app.conf.task_always_eager = previous
    app._pool = app.amqp._producer_pool = None


def _timed(call):
    started = time.monotonic()
    result = call()
    return result, time.monotonic() - started


def test_redis_stopped_public_pages_still_served_and_healthz_names_it(client, on_redis, page_cache, vocabulary):
    KoploperFactory(name="De Gedeelde Huiskamer")
    assert client.get("/koplopers/").status_code == 200  # cached now
    on_redis.stop()
    for url in ("/", "/koplopers/", "/regionale-zorgpacten/", "/ruimte-in-de-regels/", "/api/v1/koplopers/"):
        response, seconds = _timed(lambda url=url: client.get(url))
        assert response.status_code == 200, url
        assert seconds < 5, (url, seconds)
    assert "De Gedeelde Huiskamer" in client.get("/koplopers/").content.decode()
    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.json()["down"] == ["cache (Redis)", "broker (Redis)"]


def test_redis_stopped_public_form_still_accepted_and_its_mail_sent(client, on_redis, vocabulary):
    """The rate limit cannot count and the mail task cannot be queued: the application is kept and mailed anyway."""
    from tests.koplopers.test_application import application
    from tests.zorgpact.factories import ThemeFactory

    on_redis.stop()
    before = Koploper.objects.count()
    data = application(themes=[ThemeFactory().pk])
    response, seconds = _timed(lambda: client.post("/koplopers/aanmelden/", data))
    assert seconds < 5
    assert response.status_code == 200, response.content.decode()[:2000]
    assert Koploper.objects.count() == before + 1
    assert len(mail.outbox) == 1


def test_redis_stopped_report_request_says_temporarily_unavailable_within_5_s(client, on_redis, ministry_staff):
    on_redis.stop()
    client.force_login(ministry_staff)
    response, seconds = _timed(lambda: client.post("/volgspot/rapporten/aanvragen/", follow=True))
    assert seconds < 5
    assert "tijdelijk niet beschikbaar" in response.content.decode()
    assert ProgressReport.objects.count() == 0  # nothing half-saved

    response, seconds = _timed(
        lambda: client.post(
            "/api/v1/volgspot/reports/",
            {"scope": "national", "period_start": "2025-01-01", "period_end": "2025-12-31"},
            content_type="application/json",
        )
    )
    assert seconds < 5
    assert response.status_code == 503
    assert response["Retry-After"]
    assert "unavailable" in response.json()["detail"]
    assert ProgressReport.objects.count() == 0


def test_redis_back_queued_report_is_built(on_redis, vocabulary, request):
    """A report queued while Redis runs, Redis restarted (it keeps nothing on disk: the message is lost), the beat
    task re-sends what is still queued, and a real worker builds it — once."""
    report = request_report(
        scope="national",
        pact=None,
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        user=None,
    )
    assert report.status == "queued"
    on_redis.stop()
    on_redis.start()
    assert requeue_waiting_reports(older_than=datetime.timedelta(0)) == 1
    assert requeue_waiting_reports(older_than=datetime.timedelta(0)) == 1  # a duplicate message: harmless
    request.getfixturevalue("celery_worker_process")
    wait_for_status(report, ("done", "failed"), seconds=60, interval=0.2)
    assert report.status == "done", report.error
    assert report.attempts == 1
    assert ProgressReport.objects.count() == 1


def _cluster() -> tuple[str, str] | None:
    if not shutil.which("pg_ctlcluster") or os.geteuid() != 0:
        return None
    versions = sorted(os.listdir("/etc/postgresql")) if os.path.isdir("/etc/postgresql") else []
    return (versions[-1], "main") if versions else None


def test_postgresql_restarted_next_request_succeeds(live_server_process):
    """A real server process holds a persistent connection (CONN_MAX_AGE); PostgreSQL restarts under it; the next
    request is served, because the connection is health-checked before use (CONN_HEALTH_CHECKS)."""
    import urllib.request

    from django.db import connection

    cluster = _cluster()
    if cluster is None:
        pytest.fail("needs root and pg_ctlcluster to restart the PostgreSQL cluster (as on the CI machine)")
    url = f"{live_server_process}/regionale-zorgpacten/"
    assert urllib.request.urlopen(url, timeout=10).status == 200
    connection.close()
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", *cluster, "restart", "-m", "fast"], check=True)
    for _ in range(60):
        if subprocess.run(["pg_isready", "-h", "127.0.0.1", "-q"]).returncode == 0:
            break
        time.sleep(0.5)
    assert urllib.request.urlopen(url, timeout=10).status == 200


@pytest.fixture
def live_server_process(transactional_db, vocabulary):
    """gunicorn with one worker on the test database: one process, one persistent database connection."""
    from django.db import connection

    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "PAGE_CACHE": "false",
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "zorgpact.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "1",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            assert proc.poll() is None, "gunicorn exited at start"
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(timeout=15)
