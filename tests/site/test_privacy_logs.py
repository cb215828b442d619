"""The sign-in logs of django-axes, the mail record and the second factor in the AVG export and erasure."""

from pathlib import Path

import pytest
from axes.models import AccessAttempt, AccessLog
from django.core.mail import send_mail
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from mailer.models import Message

from tests.helpers import app_device
from zorgpact.site.privacy import erase_personal_data, personal_data
from zorgpact.twofactor import new_recovery_codes

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-wachtwoord-123"


def test_a_successful_sign_in_keeps_no_axes_access_log(client, coordinator):
    assert client.post("/account/login/", {"username": coordinator.email, "password": PASSWORD}).status_code == 302
    assert not AccessLog.objects.exists()  # the security log (AuditEvent) has it, with its retention


def test_failed_sign_ins_are_exported_and_erased(client, coordinator, settings):
    settings.EMAIL_BACKEND = "zorgpact.core.mail.QueueBackend"
    settings.MAILER_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.post(
        "/account/login/",
        {"username": coordinator.email.upper(), "password": "fout"},
        REMOTE_ADDR="10.4.4.4",
        HTTP_USER_AGENT="Testbrowser/1.0",
    )
    assert AccessAttempt.objects.filter(username__iexact=coordinator.email).exists()
    app_device(coordinator)
    new_recovery_codes(user=coordinator)
    send_mail("Onderwerp voor Anna", "tekst", None, [coordinator.email])  # queued (no commit here: not sent)
    data = personal_data(coordinator.email)
    assert data["sign_in_attempts"][0]["ip_address"] == "10.4.4.4"
    assert data["sign_in_attempts"][0]["user_agent"] == "Testbrowser/1.0"
    assert data["account"]["second_factor"] == {"authenticator_app": True, "recovery_codes_left": 10}
    assert data["mail"] == [{"subject": "Onderwerp voor Anna", "queued": data["mail"][0]["queued"], "status": "queued"}]
    assert "key" not in str(data["account"]["second_factor"])

    counts = erase_personal_data(email=coordinator.email)
    assert counts["sign_in_attempts"] == 1 and counts["mail"] == 1
    assert not AccessAttempt.objects.filter(username__iexact=coordinator.email).exists()
    assert not Message.objects.exists()
    assert (
        not TOTPDevice.objects.filter(user=coordinator).exists()
        and not StaticDevice.objects.filter(user=coordinator).exists()
    )


def test_privacy_doc_names_the_sign_in_attempts_and_the_mail_log():
    text = (Path(__file__).resolve().parents[2] / "docs" / "privacy.md").read_text()
    for name in ("AccessAttempt", "AXES_DISABLE_ACCESS_LOG", "MessageLog", "MAIL_LOG_RETENTION_DAYS", "TOTPDevice"):
        assert name in text, name
