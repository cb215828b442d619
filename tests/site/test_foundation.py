import pytest
from django.core.management import call_command

from zorgpact.models import Organisation, Phase, Province, Theme
from zorgpact.site.selectors import key_figures


@pytest.mark.django_db
def test_twelve_provinces_and_four_ordered_phases():
    assert Province.objects.count() == 12
    assert list(Phase.objects.values_list("order", flat=True)) == [1, 2, 3, 4]
    assert Phase.objects.get(order=1).name == "Kaderen van de uitdaging"


@pytest.mark.django_db
def test_makemigrations_is_clean():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_system_check_is_clean():
    call_command("check", fail_level="WARNING")


@pytest.mark.django_db
def test_home_figures_equal_database_counts(client):
    Organisation.objects.create(name="Voorbeeldorganisatie 1", pillar="care", is_synthetic=True)
    Organisation.objects.create(name="Een echte zorggroep", pillar="care", is_synthetic=False)
    Theme.objects.create(name="Leren in de praktijk", slug="leren-in-de-praktijk")
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    figures = key_figures()
    for key, value in figures.items():
        if key != "fictional":
            assert f'data-figure="{key}">{value}<' in html
    # the synthetic one is counted apart, on the "of which fictional" line, never among the real ones
    assert figures["organisations"] == Organisation.objects.filter(is_synthetic=False).count() == 1
    assert figures["fictional"]["organisations"] == 1 and 'data-figure="fictional"' in html
    assert figures["themes"] == Theme.objects.count() == 1


@pytest.mark.django_db
def test_healthz_reports_services(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["services"] == {"database": True, "cache": True, "broker": True}


@pytest.mark.django_db
def test_healthz_names_closed_broker_within_five_seconds(client, settings):
    import time

    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    started = time.monotonic()
    response = client.get("/healthz")
    assert time.monotonic() - started < 5
    assert response.status_code == 503
    assert response.json()["down"] == ["broker (Redis)"]


def test_embedded_default_sets_up_the_demo_without_warnings(tmp_path):
    """What `make run` does on a fresh clone (SQLite, no broker, no Redis): migrate and load the demo quietly; a
    newcomer's first screen should not show kombu warning about a missing broker host for every in-process task."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("CELERY_BROKER_URL", "CACHE_URL", "DATABASE_URL", "REQUIRE_SERVICES")
    }
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    for command in (["migrate", "--noinput"], ["load_demo_data"]):
        result = subprocess.run(
            [sys.executable, "manage.py", *command], cwd=root, env=env, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, result.stderr
        assert "WARNING" not in result.stdout + result.stderr, result.stdout + result.stderr
