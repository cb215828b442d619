import pytest
from django.core import mail

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-wachtwoord-123"


def test_sign_in_with_email_lands_in_workspace(client, coordinator, pact):
    response = client.post("/account/login/", {"username": coordinator.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/werkruimte/"
    assert pact.name in client.get("/werkruimte/").text


def test_wrong_password_gives_a_clear_message(client, coordinator):
    response = client.post(
        "/account/login/", {"username": coordinator.email, "password": "fout"}, HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert response.status_code == 200
    assert "utrecht-alert--error" in response.text


@pytest.mark.parametrize("length", [255, 300, 10_000])
def test_an_over_long_address_is_refused_before_axes_or_the_audit_log_see_it(client, coordinator, length):
    """django-axes stores the address tried in a varchar(255): on PostgreSQL a 300-character one was a 500."""
    from axes.models import AccessAttempt, AccessFailureLog

    from zorgpact.models import AuditEvent

    username = ("a" * length + "@test.nl")[-length:]
    response = client.post("/account/login/", {"username": username, "password": "fout"}, REMOTE_ADDR="10.4.4.4")
    assert response.status_code == 400
    assert "Een e-mailadres heeft hoogstens 254 tekens." in response.text
    assert not AccessAttempt.objects.exists() and not AccessFailureLog.objects.exists()
    assert not AuditEvent.objects.filter(event="sign_in_failed").exists()
    assert "_auth_user_id" not in client.session


def test_a_254_character_address_is_still_an_ordinary_failed_sign_in(client, coordinator):
    from axes.models import AccessAttempt

    response = client.post("/account/login/", {"username": "a" * 246 + "@test.nl", "password": "fout"})
    assert response.status_code == 200 and AccessAttempt.objects.count() == 1


def test_lockout_after_repeated_failures(client, coordinator):
    for _ in range(5):
        client.post("/account/login/", {"username": coordinator.email, "password": "fout"}, REMOTE_ADDR="10.1.1.1")
    response = client.post(
        "/account/login/", {"username": coordinator.email, "password": PASSWORD}, REMOTE_ADDR="10.1.1.1"
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_sign_out_needs_post(client, coordinator):
    client.force_login(coordinator)
    response = client.post("/account/logout/")
    assert response.status_code in (200, 302)
    assert client.get("/werkruimte/").status_code == 302


def test_password_reset_sends_a_one_time_link(client, coordinator):
    response = client.post("/account/password_reset/", {"email": coordinator.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/account/reset/" in line)
    path = link[link.index("/account/reset/") :].strip()
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200 and form_page.context["validlink"]
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Nieuw-wachtwoord-2026", "new_password2": "Nieuw-wachtwoord-2026"},
    )
    assert done.status_code == 302
    assert client.get(path, follow=True).context["validlink"] is False  # used once


def test_session_expires_when_idle(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_SAVE_EVERY_REQUEST
