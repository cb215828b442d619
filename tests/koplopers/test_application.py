import pytest
from django.core import mail

from koplopers.constants import KoploperStatus
from koplopers.models import Koploper, KoploperPartner
from tests.zorgpact.factories import OrganisationFactory, ThemeFactory
from zorgpact.models import Organisation

pytestmark = pytest.mark.django_db


def application(**overrides):
    data = {
        "name": "Leerwerkplaats Oost",
        "summary": "Studenten leren in een verpleeghuis.",
        "description": "Mbo-studenten werken en leren samen met zorgmedewerkers.",
        "results_text": "Meer instroom.",
        "transferable_how": "Elke regio met een verpleeghuis en een roc.",
        "contact_name": "Anna de Vries",
        "contact_email": "anna@voorbeeld.test",
        "consent": "on",
        "homepage": "",
        "partners-TOTAL_FORMS": "5",
        "partners-INITIAL_FORMS": "0",
        "partners-MIN_NUM_FORMS": "0",
        "partners-MAX_NUM_FORMS": "10",
        "partners-0-name": "ROC Voorbeeld",
        "partners-0-kind": "mbo",
        "partners-1-name": "Zorggroep Voorbeeld",
        "partners-1-kind": "care",
    }
    data.update(overrides)
    return data


def test_form_page_shows_the_criteria(client):
    response = client.get("/koplopers/aanmelden/")
    assert response.status_code == 200
    assert 'name="partners-0-name"' in response.text
    assert "vmbo" in response.text


def test_valid_application_is_stored_privately_and_confirmed(client, django_capture_on_commit_callbacks, eager_tasks):
    theme = ThemeFactory()
    existing = OrganisationFactory(name="Zorggroep Voorbeeld")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/koplopers/aanmelden/", application(themes=[theme.pk]))
    assert response.status_code == 200
    koploper = Koploper.objects.get(name="Leerwerkplaats Oost")
    assert koploper.status == KoploperStatus.APPLIED
    assert list(koploper.themes.all()) == [theme]
    assert KoploperPartner.objects.filter(koploper=koploper, organisation=existing).exists()  # matched, not duplicated
    assert Organisation.objects.filter(name__iexact="zorggroep voorbeeld").count() == 1
    assert f"K-{koploper.pk:05d}" in response.text
    assert len(mail.outbox) == 1 and "K-" in mail.outbox[0].body
    # not public while in review
    assert client.get(f"/koplopers/{koploper.slug}/").status_code == 404
    assert "Leerwerkplaats Oost" not in client.get("/koplopers/").text


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"partners-0-kind": "care"}, "school"),
        ({"partners-1-kind": "gemeente"}, "zorg"),
        ({"partners-0-name": "", "partners-0-kind": ""}, "school"),
        ({"partners-2-name": "Iets", "partners-2-kind": ""}, "type"),
        ({"contact_email": "geen-adres"}, "e-mailadres"),
        ({"consent": ""}, "vereist"),
    ],
)
def test_bad_applications_are_refused_in_dutch_and_save_nothing(client, overrides, message):
    before = (Koploper.objects.count(), Organisation.objects.count())
    response = client.post("/koplopers/aanmelden/", application(**overrides), HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert message in response.text.lower() or message in response.text
    assert (Koploper.objects.count(), Organisation.objects.count()) == before


def test_filled_honeypot_saves_nothing(client):
    response = client.post("/koplopers/aanmelden/", application(homepage="http://spam.example"))
    assert response.status_code == 400
    assert not Koploper.objects.exists()


def test_sixth_submission_from_one_ip_in_an_hour_is_refused(client):
    for i in range(5):
        response = client.post("/koplopers/aanmelden/", application(name=f"Initiatief {i}"), REMOTE_ADDR="10.0.0.7")
        assert response.status_code == 200
    response = client.post("/koplopers/aanmelden/", application(name="Initiatief 6"), REMOTE_ADDR="10.0.0.7")
    assert response.status_code == 429
    assert not Koploper.objects.filter(name="Initiatief 6").exists()
    # another address is not affected
    assert client.post("/koplopers/aanmelden/", application(name="Elders"), REMOTE_ADDR="10.0.0.8").status_code == 200


def test_name_of_an_existing_koploper_is_refused(client):
    from tests.koplopers.factories import KoploperFactory

    KoploperFactory(name="Leerwerkplaats Oost")
    response = client.post("/koplopers/aanmelden/", application())
    assert response.status_code == 400
    assert Koploper.objects.count() == 1
