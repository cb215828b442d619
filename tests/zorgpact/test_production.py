"""The portal as the image runs it: gunicorn with DEBUG off, static files collected and served by the app itself."""

import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import production_env

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, **headers: str):
    request = urllib.request.Request(url, headers={"Host": "zorgpact.example", **headers})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory):
    """collectstatic (as the Dockerfile runs it) into a temporary STATIC_ROOT, migrate a fresh database, then gunicorn
    as the Dockerfile starts it. TLS ends at the proxy in production; the test speaks plain HTTP to gunicorn, so no
    redirect to https."""
    tmp = tmp_path_factory.mktemp("production")
    env = production_env(tmp, STATIC_ROOT=str(tmp / "static"), SECURE_SSL_REDIRECT="false")
    # The two are independent (static files on disk, tables in the database): run side by side, on both cores.
    steps = [
        subprocess.Popen(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for command in (
            ["collectstatic", "--noinput", "-v", "0", "--ignore", "redoc"],
            ["migrate", "--noinput", "-v", "0"],
        )
    ]
    for step in steps:
        stdout, stderr = step.communicate(timeout=600)
        assert step.returncode == 0, stdout + stderr
    port = _free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "zorgpact.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if _get(base + "/healthz")[0] == 200:
                break
        except OSError:
            time.sleep(0.2)
    else:
        proc.terminate()
        pytest.fail("gunicorn did not answer: " + proc.communicate(timeout=10)[1].decode())
    yield base, env
    proc.terminate()
    proc.wait(timeout=10)


def test_every_stylesheet_and_script_of_a_page_is_served(gunicorn):
    gunicorn, _env = gunicorn
    status, _headers, body = _get(gunicorn + "/")
    assert status == 200
    html = body.decode()
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    scripts = re.findall(r'<script[^>]* src="([^"]+)"', html)
    # The NL Design System tokens and components, the portal's own CSS and htmx at least.
    assert len(stylesheets) >= 3 and scripts, html[:2000]
    for url in stylesheets + scripts:
        # Hashed names (zorgpact.3f2a…css): browsers may keep them for ever, a new release has new names.
        assert re.search(r"\.[0-9a-f]{12}\.(css|js)$", url), url
        status, headers, content = _get(gunicorn + url, **{"Accept-Encoding": "gzip"})
        assert status == 200, url
        expected = "text/css" if url.endswith(".css") else "text/javascript"
        assert headers["Content-Type"].startswith(expected), (url, headers["Content-Type"])
        assert "immutable" in headers["Cache-Control"] and content, url
        assert headers.get("Content-Encoding") == "gzip", url  # compressed at collectstatic, not per request


def test_a_missing_static_file_is_a_404_not_a_500(gunicorn):
    assert _get(gunicorn[0] + "/static/css/bestaat-niet.css")[0] == 404


def test_the_image_health_check_passes_with_a_production_allowed_hosts(gunicorn):
    """bin/healthcheck.py, the Dockerfile's HEALTHCHECK, against gunicorn whose ALLOWED_HOSTS has no localhost."""
    base, env = gunicorn
    assert "localhost" not in env["ALLOWED_HOSTS"] and "127.0.0.1" not in env["ALLOWED_HOSTS"]
    check = [sys.executable, "bin/healthcheck.py", base + "/healthz"]
    assert subprocess.run(check, cwd=ROOT, env=env, timeout=30).returncode == 0
    wrong_port = [sys.executable, "bin/healthcheck.py", f"http://127.0.0.1:{_free_port()}/healthz"]
    assert subprocess.run(wrong_port, cwd=ROOT, env=env, timeout=30).returncode == 1


def test_templates_are_compiled_once_per_process_in_production():
    """Issue 21.2: the production settings leave the loaders to Django, which then wraps them in the cached loader
    (each template parsed once per process, not at every include in a loop). A `loaders` option or a template
    engine without the cache would re-read and re-parse every template at every render."""
    from django.template.backends.django import DjangoTemplates

    import zorgpact.settings as production

    (engine_settings,) = production.TEMPLATES
    assert "loaders" not in engine_settings["OPTIONS"] and engine_settings["APP_DIRS"]
    options = {**engine_settings["OPTIONS"], "debug": False}
    params = {k: v for k, v in engine_settings.items() if k != "BACKEND"}
    backend = DjangoTemplates({**params, "NAME": "production", "OPTIONS": options})
    (loader,) = backend.engine.template_loaders
    assert type(loader).__module__ == "django.template.loaders.cached"
    first = loader.get_template("base.html")
    assert loader.get_template("base.html") is first  # parsed once, the same compiled template after
