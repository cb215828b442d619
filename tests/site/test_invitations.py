import re

import pytest
from django.core import mail

from zorgpact.models import User

pytestmark = pytest.mark.django_db


def invite(client, national_team, pact, django_capture_on_commit_callbacks, **extra):
    client.force_login(national_team)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/werkruimte/uitnodigen/",
            {"email": "nieuw@voorbeeld.test", "name": "Nieuwe Coördinator", "pacts": [pact.pk], **extra},
        )
    client.logout()
    return response


def link_from_mail() -> str:
    return re.search(r"/account/uitnodiging/[^/\s]+/[^/\s]+/", mail.outbox[-1].body).group(0)


def test_invitation_works_once_and_gives_the_role(client, national_team, pact, django_capture_on_commit_callbacks):
    assert invite(client, national_team, pact, django_capture_on_commit_callbacks).status_code == 302
    user = User.objects.get(email="nieuw@voorbeeld.test")
    assert not user.has_usable_password() and pact.coordinators.filter(pk=user.pk).exists()
    link = link_from_mail()
    assert client.get(link).status_code == 200
    response = client.post(link, {"new_password1": "Een-goed-wachtwoord-7", "new_password2": "Een-goed-wachtwoord-7"})
    assert response.status_code == 302 and response["Location"] == "/werkruimte/"
    assert pact.name in client.get("/werkruimte/").text
    client.logout()
    assert client.get(link).status_code == 404  # used once
    assert (
        client.post(link, {"new_password1": "Ander-wachtwoord-8", "new_password2": "Ander-wachtwoord-8"}).status_code
        == 404
    )


def test_expired_invitation_is_refused(client, national_team, pact, settings, django_capture_on_commit_callbacks):
    invite(client, national_team, pact, django_capture_on_commit_callbacks)
    settings.PASSWORD_RESET_TIMEOUT = -1
    assert client.get(link_from_mail()).status_code == 404


@pytest.mark.parametrize("role", ["coordinator", "ministry_staff", "koploper_coordinator"])
def test_only_the_national_team_invites(client, request, role, pact):
    client.force_login(request.getfixturevalue(role))
    assert client.get("/werkruimte/uitnodigen/").status_code == 403
    assert (
        client.post("/werkruimte/uitnodigen/", {"email": "x@y.test", "name": "X", "is_national_team": "on"}).status_code
        == 403
    )
    assert not User.objects.filter(email="x@y.test").exists()


def test_invitation_needs_a_role_and_a_new_address(client, national_team, coordinator):
    client.force_login(national_team)
    assert client.post("/werkruimte/uitnodigen/", {"email": "z@y.test", "name": "Z"}).status_code == 400
    assert (
        client.post("/werkruimte/uitnodigen/", {"email": coordinator.email, "name": "Z", "ministry": "VWS"}).status_code
        == 400
    )
    assert not User.objects.filter(email="z@y.test").exists()


def test_garbage_links_are_404(client):
    assert client.get("/account/uitnodiging/zzz/abc-def/").status_code == 404
    assert client.get("/account/uitnodiging/MTIzNDU2Nzg5/abc/").status_code == 404
