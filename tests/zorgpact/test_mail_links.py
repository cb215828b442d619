"""Links in mails are on PORTAL_URL, never on the Host a request named (issue 15.9): a forged Host header must not
put an attacker's address into a password-reset or invitation mail."""

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def forged_host(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "evil.example"]
    settings.PORTAL_URL = "https://zorgpact.example"
    return {"HTTP_HOST": "evil.example"}


def links(body: str) -> list[str]:
    return [word for word in body.split() if "://" in word]


def test_the_password_reset_link_is_on_portal_url_whatever_the_host(client, coordinator, forged_host):
    response = client.post("/account/password_reset/", {"email": coordinator.email}, **forged_host)
    assert response.status_code == 302 and len(mail.outbox) == 1
    found = links(mail.outbox[0].body)
    assert found and all(link.startswith("https://zorgpact.example/account/reset/") for link in found), found
    assert "evil.example" not in mail.outbox[0].body


def test_the_invitation_link_is_on_portal_url_whatever_the_host(
    client, national_team, pact, forged_host, django_capture_on_commit_callbacks
):
    client.force_login(national_team)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/werkruimte/uitnodigen/",
            {"email": "nieuw@voorbeeld.test", "name": "Nieuw", "pacts": [pact.pk]},
            **forged_host,
        )
    assert response.status_code == 302 and len(mail.outbox) == 1
    found = links(mail.outbox[0].body)
    assert found and all(link.startswith("https://zorgpact.example/account/uitnodiging/") for link in found), found
    assert "evil.example" not in mail.outbox[0].body


def test_the_reporters_status_link_is_on_portal_url(
    client, forged_host, django_capture_on_commit_callbacks, eager_tasks
):
    from regels.models import Case

    form = {
        "question": "Mag de stagiair het dossier inzien?",
        "context": "In de wijkverpleging.",
        "name": "Melder",
        "email": "melder@voorbeeld.test",
        "consent": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/ruimte-in-de-regels/melden/", form, **forged_host)
    case = Case.objects.get()
    assert [link for m in mail.outbox for link in links(m.body)] == [
        f"https://zorgpact.example/ruimte-in-de-regels/status/{case.status_token}/"
    ]
