import logging

import pytest
from django.test import Client

from zorgpact.core.log import SingleLineFormatter

pytestmark = pytest.mark.django_db


@pytest.fixture
def failing_site(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.zorgpact.boom_urls"
    return Client(raise_request_exception=False)


def test_unhandled_error_shows_a_generic_page_with_the_request_id_and_logs_the_traceback(failing_site, caplog):
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = failing_site.get("/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    assert request_id in body
    assert "Er ging iets mis" in body
    assert "secret detail" not in body and "Traceback" not in body and "RuntimeError" not in body
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.request_id == request_id
    assert record.exc_info[0] is RuntimeError


def test_unhandled_api_error_is_json_with_the_request_id(failing_site):
    response = failing_site.get("/api/boom/")
    assert response.status_code == 500
    assert response.json() == {"detail": "Server error.", "request_id": response["X-Request-ID"]}


def test_every_response_carries_its_own_request_id(client):
    first, second = client.get("/healthz"), client.get("/healthz")
    assert first["X-Request-ID"] != second["X-Request-ID"]


def _formatted(message: str, *args, exc_info=None) -> str:
    formatter = SingleLineFormatter("%(levelname)s %(name)s [%(request_id)s] %(message)s")
    record = logging.LogRecord("zorgpact.audit", logging.WARNING, __file__, 1, message, args, exc_info)
    record.request_id = "abc"
    return formatter.format(record)


def test_newlines_in_input_cannot_forge_a_log_line():
    forged = "anna@example.test\nWARNING zorgpact.audit [abc] sign-in succeeded for admin@example.test\r"
    line = _formatted("sign-in failed for %s", forged)
    assert "\n" not in line and "\r" not in line
    assert line == (
        "WARNING zorgpact.audit [abc] sign-in failed for anna@example.test\\nWARNING zorgpact.audit [abc] "
        "sign-in succeeded for admin@example.test\\r"
    )


def test_a_traceback_continues_on_marked_lines_only():
    try:
        raise ValueError("bad input\nERROR forged line")
    except ValueError:
        import sys

        line = _formatted("failed", exc_info=sys.exc_info())
    first, *rest = line.split("\n")
    assert first == "WARNING zorgpact.audit [abc] failed"
    assert rest and all(part.startswith("  | ") for part in rest)
    assert any("bad input\\nERROR forged line" in part for part in rest)


def test_a_refused_write_shows_the_house_403_page_in_dutch(client, ministry_staff):
    """Read-only is a 403 with the portal's own page (navigation, Dutch text), not Django's bare "403 Forbidden"."""
    from tests.koplopers.factories import KoploperFactory

    KoploperFactory(slug="de-leeskamer")
    client.force_login(ministry_staff)
    response = client.post("/werkruimte/koplopers/de-leeskamer/", {"summary": "X", "expected_version": 1})
    assert response.status_code == 403
    body = response.content.decode()
    assert "Geen toegang" in body and "403 Forbidden" not in body
    assert 'href="/werkruimte/"' in body and "site-header" in body
