import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import production_env

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


def test_deploy_check_passes_with_production_settings(tmp_path):
    env = production_env(tmp_path)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_refuses_to_start_without_secret_key_when_debug_is_off():
    env = {**os.environ, "DEBUG": "false", "SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


@pytest.mark.parametrize("path", ["/", "/koplopers/", "/api/v1/themes/", "/account/login/"])
def test_security_headers_on_every_response(client, path):
    response = client.get(path)
    csp = response["Content-Security-Policy"]
    for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
        assert directive in csp
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert "unsafe-inline" not in script_src
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_hsts_for_a_year_in_production(client, settings):
    settings.SECURE_HSTS_SECONDS = 365 * 24 * 3600
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_templates_have_no_inline_script_or_style():
    offenders = []
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text()
        if 'style="' in text or "<script>" in text or "<style" in text:
            offenders.append(str(template))
    assert offenders == []


def test_session_ends_twelve_hours_after_sign_in(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/werkruimte/").status_code == 200
    session = client.session
    session["signed_in_at"] = int(time.time()) - 13 * 3600
    session.save()
    assert client.get("/werkruimte/").status_code == 302


def test_csrf_is_enforced(coordinator, pact):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    response = client.post(f"/werkruimte/pacten/{pact.slug}/ambities/nieuw/", {"title": "Zonder token"})
    assert response.status_code == 403
    from pacts.models import Ambition

    assert not Ambition.objects.filter(title="Zonder token").exists()


XSS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "javascript:alert(1)",
    '<svg onload="alert(1)"><circle/></svg>',
]
LIVE = re.compile(r"<script>alert|<img src=x|<svg onload|href=\"\s*javascript:", re.IGNORECASE)


@pytest.mark.parametrize("payload", XSS)
def test_xss_in_public_text_comes_back_inert(client, payload):
    """The corpus in every publicly shown text field of pacts, actions, koplopers and their partners, cases, schemes
    and themes, on every page, export and API response that shows them: escaped in HTML, data in JSON and CSV."""
    from koplopers.models import Koploper
    from regels.constants import CaseStatus
    from tests.koplopers.test_catalogue import make_koploper
    from tests.pacts.factories import ActionFactory, PactFactory
    from tests.regels.factories import CaseFactory, SchemeFactory
    from tests.zorgpact.factories import ThemeFactory
    from zorgpact.models import Organisation

    theme = ThemeFactory(slug="xss-thema", name=f"Thema {payload}"[:100], intro=payload, insights=payload)
    pact = PactFactory(name=f"Pact {payload}", slug="xss", region=payload, ambition_text=payload)
    pact.themes.add(theme)
    ActionFactory(pact=pact, title=payload, description=payload, is_public=True)
    koploper = make_koploper(
        f"K {payload}"[:150], themes=[theme], description=payload, summary=payload, results_text=payload, pact=pact
    )
    for n, organisation in enumerate(Organisation.objects.filter(koploper_partners__koploper=koploper)):
        Organisation.objects.filter(pk=organisation.pk).update(name=f"{payload} {n}")
    # Every form refuses a javascript: address (URLField); written past the forms, it must still not become a link.
    Koploper.objects.filter(pk=koploper.pk).update(website="javascript:alert(1)", slug="xss-koploper")
    scheme = SchemeFactory(
        name=f"Regeling {payload}", slug="xss-regeling", summary=payload, eligibility=payload, budget_text=payload
    )
    case = CaseFactory(
        title=f"Casus {payload}",
        slug="xss-casus",
        question=payload,
        public_question=payload,
        public_context=payload,
        public_text=payload,
        source=payload,
        status=CaseStatus.PUBLISHED,
    )
    case.themes.add(theme)
    case.schemes.add(scheme)
    case.koplopers.add(koploper)
    for page in [
        "/",
        "/regionale-zorgpacten/",
        "/regionale-zorgpacten/xss/",
        "/koplopers/",
        "/koplopers/xss-koploper/",
        "/ruimte-in-de-regels/",
        "/ruimte-in-de-regels/xss-casus/",
        "/regelingen/",
        "/regelingen/xss-regeling/",
        "/themas/",
        "/themas/xss-thema/",
        "/zoeken/?q=alert",
        "/zoeken/?q=" + payload,
    ]:
        response = client.get(page)
        assert response.status_code == 200, page
        live = LIVE.search(response.content.decode())
        assert not live, (page, live and live.group(0))
    # Data formats carry the text as text: never sniffed as HTML, downloads never rendered inline.
    for page in [
        "/api/v1/pacts/",
        "/api/v1/actions/",
        "/api/v1/koplopers/",
        "/api/v1/cases/",
        "/api/v1/schemes/",
        "/api/v1/themes/",
    ]:
        response = client.get(page)
        assert response["Content-Type"] == "application/json" and response["X-Content-Type-Options"] == "nosniff"
        assert payload in str(response.json()), page  # stored and returned exactly, as data
    for page in ["/regionale-zorgpacten/export.csv", "/koplopers/export.csv"]:
        response = client.get(page)
        assert response["Content-Type"].startswith("text/csv") and response["Content-Disposition"].startswith(
            "attachment"
        )


def test_debug_is_off_unless_set(tmp_path):
    env = production_env(tmp_path)
    del env["DEBUG"]
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-v",
            "0",
            "-c",
            "from django.conf import settings; print(settings.DEBUG)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip() == "False", result.stderr
    # The development commands turn it on for themselves, unless the environment already says otherwise.
    assert "export DEBUG ?= true" in (ROOT / "Makefile").read_text()


def test_the_container_health_probe_over_plain_http_is_not_redirected(client, settings):
    """The image's HEALTHCHECK asks http://127.0.0.1:8000/healthz from inside; everything else goes to https."""
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301


def test_production_keeps_a_slow_password_hasher():
    """The suite hashes with MD5 for speed (tests/settings.py); the portal itself keeps Django's PBKDF2 (or stronger)."""
    from django.conf import global_settings

    import zorgpact.settings as production

    hashers = getattr(production, "PASSWORD_HASHERS", global_settings.PASSWORD_HASHERS)
    assert hashers[0].rsplit(".", 1)[-1] in {"PBKDF2PasswordHasher", "Argon2PasswordHasher", "ScryptPasswordHasher"}
    assert not any("MD5" in hasher or "Unsalted" in hasher for hasher in hashers)
