"""Structured logs: JSON lines in production, the request id in every task a request queues, optional Sentry."""

import io
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from zorgpact.core.log import JsonFormatter, RequestIdFilter, SingleLineFormatter, _request_id

ROOT = Path(__file__).resolve().parents[2]


def settings_in_a_fresh_process(**environ) -> dict:
    """Start Django as the server would, with this environment, and report what it set up."""
    code = (
        "import json, sys, django\n"
        "django.setup()\n"
        "from django.conf import settings\n"
        "imported = 'sentry_sdk' in sys.modules\n"
        "active = imported and sys.modules['sentry_sdk'].get_client().is_active()\n"
        "print(json.dumps({'formatter': settings.LOGGING['handlers']['console']['formatter'], "
        "'sentry_imported': imported, 'sentry_active': active}))\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("SENTRY_DSN", "LOG_FORMAT", "DEBUG")}
    env.update({"DJANGO_SETTINGS_MODULE": "zorgpact.settings", "SECRET_KEY": "x" * 50, **environ})
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_json_in_production_readable_in_development_and_no_sentry_without_a_dsn():
    assert settings_in_a_fresh_process(DEBUG="false") == {
        "formatter": "json",
        "sentry_imported": False,
        "sentry_active": False,
    }
    assert settings_in_a_fresh_process(DEBUG="true")["formatter"] == "text"


def test_sentry_starts_only_with_a_dsn():
    # A DSN that points nowhere: nothing is sent in this test (no error happens), the client is only started.
    started = settings_in_a_fresh_process(DEBUG="false", SENTRY_DSN="http://public@127.0.0.1:9/1")
    assert started["sentry_imported"] and started["sentry_active"]


def test_a_json_line_is_one_record_whatever_the_input():
    record = logging.LogRecord(
        "zorgpact.test", logging.ERROR, __file__, 1, "bad input: %s", ("a\nFAKE ERROR line",), None
    )
    try:
        raise ValueError("boom")
    except ValueError:
        record.exc_info = sys.exc_info()
    token = _request_id.set("abc123")
    try:
        RequestIdFilter().filter(record)
    finally:
        _request_id.reset(token)
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "bad input: a\nFAKE ERROR line" and entry["request_id"] == "abc123"
    assert entry["level"] == "ERROR" and "ValueError: boom" in entry["exception"]


def capture(logger_name: str, formatter: logging.Formatter) -> io.StringIO:
    """Log lines of this logger as the console handler writes them (its filter and a formatter)."""
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(formatter)
    logger = logging.getLogger(logger_name)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return buffer


@pytest.mark.django_db(transaction=True)
def test_the_task_a_request_queues_logs_its_request_id(client, national_team, pact, settings, vocabulary, eager_tasks):
    """Eager path (no broker): the invitation's commit queues the mail task, whose log lines name the request."""
    settings.EMAIL_BACKEND = "zorgpact.core.mail.QueueBackend"
    settings.MAILER_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    buffer = capture("zorgpact.tasks", JsonFormatter())
    text = capture("zorgpact.tasks", SingleLineFormatter("[%(request_id)s]%(task_label)s %(message)s"))
    try:
        client.force_login(national_team)
        response = client.post(
            "/werkruimte/uitnodigen/", {"email": "nieuw@voorbeeld.test", "name": "Nieuw", "pacts": [pact.pk]}
        )
    finally:
        for handler in logging.getLogger("zorgpact.tasks").handlers[-2:]:
            logging.getLogger("zorgpact.tasks").removeHandler(handler)
    assert response.status_code == 302
    entries = [json.loads(line) for line in buffer.getvalue().splitlines()]
    sent = [e for e in entries if e["message"].startswith("mail queue sent")]
    assert sent and sent[0]["request_id"] == response["X-Request-ID"]
    assert sent[0]["task"].startswith("zorgpact.tasks.send_queued_mail[")
    assert f"[{response['X-Request-ID']}] zorgpact.tasks.send_queued_mail[" in text.getvalue()


@pytest.mark.services
def test_the_request_id_travels_to_a_real_worker(celery_worker_process):
    """Worker path: the id goes in the task's message headers and the worker runs the task under it."""
    from zorgpact.tasks import ping

    token = _request_id.set("0123456789abcdef0123456789abcdef")
    try:
        result = ping.delay()
    finally:
        _request_id.reset(token)
    assert result.get(timeout=20)["request_id"] == "0123456789abcdef0123456789abcdef"
    assert ping.delay().get(timeout=20)["request_id"] == "-"  # outside a request: none
