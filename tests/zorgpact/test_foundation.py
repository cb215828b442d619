import pytest
from django.core.management import call_command

from zorgpact.models import Organisation, Phase, Province, Theme
from zorgpact.selectors import key_figures


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
    Theme.objects.create(name="Leren in de praktijk", slug="leren-in-de-praktijk")
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for key, value in key_figures().items():
        assert f'data-figure="{key}">{value}<' in html
    assert key_figures()["organisations"] == Organisation.objects.count() == 1
    assert key_figures()["themes"] == Theme.objects.count() == 1


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
