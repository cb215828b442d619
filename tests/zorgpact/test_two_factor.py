"""Two-factor sign-in through the real screens, with TOTP codes computed here as an authenticator app would."""

import base64
import re
import time

import pytest
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.helpers import app_device, totp_code
from tests.zorgpact.factories import UserFactory
from zorgpact.constants import AuditEventType
from zorgpact.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("second_factor_enforced")]

PASSWORD = "geheim-wachtwoord-123"
SETUP = "/account/tweestapsverificatie/instellen/"
VERIFY = "/account/tweestapsverificatie/code/"


def sign_in(client, user, **extra):
    response = client.post("/account/login/", {"username": user.email, "password": PASSWORD}, **extra)
    assert response.status_code == 302, response.status_code
    return response


def secret_on_page(html: str) -> bytes:
    secret = re.search(r'<code class="otp-secret" id="otp-secret">([A-Z2-7 ]+)</code>', html).group(1).replace(" ", "")
    return base64.b32decode(secret + "=" * (-len(secret) % 8))


def app_code(secret: bytes) -> str:
    return totp_code(TOTPDevice(key=secret.hex()))


@pytest.mark.parametrize("role", ["ministry_staff", "national_team"])
def test_staff_without_an_app_is_sent_to_setup_and_reaches_no_screen(client, request, role, pact):
    user = request.getfixturevalue(role)
    sign_in(client, user)
    for path in [
        "/werkruimte/",
        "/volgspot/",
        f"/werkruimte/pacten/{pact.slug}/",
        "/werkruimte/casussen/",
        "/werkruimte/api-tokens/",
        "/account/password_change/",
    ]:
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith(SETUP), path
    assert client.get("/api/v1/pacts/").status_code == 403  # the session is not a way round it either
    assert client.post("/werkruimte/api-tokens/", {"name": "x"}).status_code == 302
    assert not user.api_tokens.exists()


def test_setup_with_the_qr_secret_then_the_screens_open(client, ministry_staff):
    sign_in(client, ministry_staff)
    page = client.get(client.get("/volgspot/")["Location"])
    assert page.status_code == 200
    assert "<svg" in page.text and not re.search(r"<script(?![^>]*\bsrc=)", page.text)  # inline SVG, no inline script
    assert ' style="' not in page.text and "http" not in page.text.split("<svg", 1)[1].split("</svg>", 1)[0]
    secret = secret_on_page(page.text)
    assert client.post(SETUP, {"code": "000000", "next": "/volgspot/"}).status_code == 400
    assert not TOTPDevice.objects.filter(user=ministry_staff).exists()
    done = client.post(SETUP, {"code": app_code(secret), "next": "/volgspot/"})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", done.text)
    assert len(codes) == 10 and set(codes) == set(
        StaticToken.objects.filter(device__user=ministry_staff).values_list("token", flat=True)
    )
    assert TOTPDevice.objects.get(user=ministry_staff).confirmed
    assert client.get("/volgspot/").status_code == 200
    assert client.get("/werkruimte/").status_code == 200
    assert AuditEvent.objects.filter(event=AuditEventType.SECOND_FACTOR_SET_UP, target=ministry_staff.email).exists()


def test_sign_in_with_password_and_app_code(client, national_team):
    device = app_device(national_team)
    response = sign_in(client, national_team)
    response = client.get(response["Location"])  # /werkruimte/ → the code screen, keeping where they were going
    assert response.status_code == 302 and response["Location"] == f"{VERIFY}?next=%2Fwerkruimte%2F"
    assert client.get(response["Location"]).status_code == 200
    done = client.post(VERIFY, {"code": totp_code(device), "next": "/werkruimte/"})
    assert done.status_code == 302 and done["Location"] == "/werkruimte/"
    assert client.get("/werkruimte/").status_code == 200 and client.get("/volgspot/").status_code == 200


def test_a_wrong_code_is_refused_and_logged(client, ministry_staff):
    device = app_device(ministry_staff)
    sign_in(client, ministry_staff)
    wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(VERIFY, {"code": wrong})
    assert response.status_code == 400 and "niet juist" in response.text
    assert client.get("/volgspot/").status_code == 302
    event = AuditEvent.objects.get(event=AuditEventType.SECOND_FACTOR_FAILED)
    assert event.actor_label == ministry_staff.email and event.ip_address == "127.0.0.1"


def test_a_code_works_once(client, settings, ministry_staff):
    device = app_device(ministry_staff)
    sign_in(client, ministry_staff)
    code = totp_code(device)
    assert client.post(VERIFY, {"code": code})["Location"] == "/werkruimte/"
    client.post("/account/logout/")
    sign_in(client, ministry_staff)
    assert client.post(VERIFY, {"code": code}).status_code == 400  # replayed within its 30 seconds


def test_a_recovery_code_works_once(client, ministry_staff):
    from zorgpact.twofactor import new_recovery_codes

    app_device(ministry_staff)
    code = new_recovery_codes(user=ministry_staff)[0]
    sign_in(client, ministry_staff)
    assert client.post(VERIFY, {"code": code.upper()})["Location"] == "/werkruimte/"
    assert client.get("/volgspot/").status_code == 200
    assert AuditEvent.objects.filter(event=AuditEventType.RECOVERY_CODE_USED, actor=ministry_staff).exists()
    client.post("/account/logout/")
    time.sleep(1.1)  # django-otp slows repeated attempts; not what this test is about
    sign_in(client, ministry_staff)
    assert client.post(VERIFY, {"code": code}).status_code == 400


def test_wrong_codes_lock_the_account_like_wrong_passwords(client, settings, ministry_staff):
    settings.OTP_TOTP_THROTTLE_FACTOR = settings.OTP_STATIC_THROTTLE_FACTOR = 0  # django-axes is what is tested here
    device = app_device(ministry_staff)
    sign_in(client, ministry_staff, REMOTE_ADDR="10.7.7.7")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(VERIFY, {"code": "000000"}, REMOTE_ADDR="10.7.7.7").status_code == 400
    locked = client.post(VERIFY, {"code": "000000"}, REMOTE_ADDR="10.7.7.7")
    assert locked.status_code == 429 and "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(event=AuditEventType.LOCKED_OUT, actor_label=ministry_staff.email).exists()
    # The right password and then the right code do not get past the lockout.
    again = client.post(
        "/account/login/", {"username": ministry_staff.email, "password": PASSWORD}, REMOTE_ADDR="10.7.7.7"
    )
    assert again.status_code == 429 and "_auth_user_id" not in client.session
    assert client.get("/volgspot/", REMOTE_ADDR="10.7.7.7").status_code == 302
    assert totp_code(device)  # (the app still works once the lockout is over)


def test_coordinator_without_an_app_keeps_working(client, coordinator, pact):
    response = sign_in(client, coordinator)
    assert response["Location"] == "/werkruimte/"
    assert client.get("/werkruimte/").status_code == 200
    assert client.get(f"/werkruimte/pacten/{pact.slug}/").status_code == 200
    assert client.get("/account/tweestapsverificatie/").status_code == 200  # offered


def test_coordinator_who_set_up_an_app_is_asked_for_its_code(client, coordinator):
    device = app_device(coordinator)
    sign_in(client, coordinator)
    assert client.get("/werkruimte/")["Location"].startswith(VERIFY)
    assert client.post(VERIFY, {"code": totp_code(device)})["Location"] == "/werkruimte/"
    assert client.get("/werkruimte/").status_code == 200
    # A coordinator may turn it off again; staff may not.
    assert client.post("/account/tweestapsverificatie/uitzetten/").status_code == 302
    assert not TOTPDevice.objects.filter(user=coordinator).exists()
    assert client.get("/werkruimte/").status_code == 200


def test_staff_cannot_turn_it_off(client, ministry_staff):
    device = app_device(ministry_staff)
    sign_in(client, ministry_staff)
    client.post(VERIFY, {"code": totp_code(device)})
    client.post("/account/tweestapsverificatie/uitzetten/")
    assert TOTPDevice.objects.filter(user=ministry_staff).exists()


def test_a_password_alone_cannot_replace_the_app(client, ministry_staff):
    app_device(ministry_staff)
    sign_in(client, ministry_staff)
    response = client.get(SETUP)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert client.post(SETUP, {"code": "123456"}).status_code == 302
    assert TOTPDevice.objects.filter(user=ministry_staff).count() == 1


def test_admin_needs_the_second_factor(client):
    admin = UserFactory(email="beheer@zorgpact.test", is_staff=True, is_superuser=True)
    client.post("/admin/login/", {"username": admin.email, "password": PASSWORD, "next": "/admin/"})
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(SETUP)
    device = app_device(admin)
    assert client.post(VERIFY, {"code": totp_code(device), "next": "/admin/"})["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_plain_force_login_is_not_verified(client, ministry_staff):
    client.force_login(ministry_staff)  # second_factor_enforced: Django's own force_login
    assert client.get("/volgspot/").status_code == 302


def test_invited_staff_member_is_led_into_setup(client, national_team, django_capture_on_commit_callbacks):
    from django.core import mail

    from tests.helpers import mark_second_factor_done

    client.force_login(national_team)
    mark_second_factor_done(client, national_team)
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            client.post(
                "/werkruimte/uitnodigen/", {"email": "nieuw@ocw.test", "name": "Nieuw", "ministry": "OCW"}
            ).status_code
            == 302
        )
    client.post("/account/logout/")
    link = re.search(r"/account/uitnodiging/[^/\s]+/[^/\s]+/", mail.outbox[-1].body).group(0)
    response = client.post(link, {"new_password1": "Een-goed-wachtwoord-7", "new_password2": "Een-goed-wachtwoord-7"})
    assert response.status_code == 302 and response["Location"] == f"{SETUP}?next=%2Fwerkruimte%2F"
    page = client.get(response["Location"])
    assert client.post(SETUP, {"code": app_code(secret_on_page(page.text)), "next": "/werkruimte/"}).status_code == 200
    assert client.get("/werkruimte/").status_code == 200


def test_demo_staff_sign_in_with_the_documented_key(client, settings, monkeypatch):
    from django.core.management import call_command

    from zorgpact.demo.accounts import DEMO_ACCOUNTS
    from zorgpact.demo.loader import create_demo_accounts, demo_totp_code

    settings.DEBUG = True
    for email, name, _role, extra in DEMO_ACCOUNTS:  # (the accounts without the rest of the demo data: quicker)
        if extra:
            UserFactory(email=email, name=name, password=settings.DEMO_PASSWORD, **extra)
    monkeypatch.setattr("zorgpact.demo.loader.COORDINATES", {})  # no pacts loaded here
    create_demo_accounts()
    assert settings.DEMO_TOTP_SECRET in open("README.md").read()
    client.post("/account/login/", {"username": "medewerker@vws.demo", "password": settings.DEMO_PASSWORD})
    assert client.post(VERIFY, {"code": demo_totp_code()})["Location"] == "/werkruimte/"
    assert client.get("/volgspot/").status_code == 200
    from io import StringIO

    out = StringIO()
    call_command("demo_accounts", stdout=out)
    assert settings.DEMO_TOTP_SECRET in out.getvalue() and "Code now: " in out.getvalue()
    settings.DEBUG = False
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    assert "Code now" not in out.getvalue()
    with pytest.raises(RuntimeError):
        demo_totp_code()
