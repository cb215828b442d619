"""Two-factor sign-in in a real browser: a staff member sets up an app from the QR screen's key, then signs in
with its code. Screenshots of both screens when SCREENSHOTS_DIR is set."""

import base64
import os
import re
import time
from pathlib import Path

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, sideways_overflow
from tests.helpers import totp_code
from tests.zorgpact.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "geheim-wachtwoord-123"


def shoot(page, name):
    if folder := os.environ.get("SCREENSHOTS_DIR"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})


def test_staff_sets_up_an_app_then_signs_in_with_its_code(page, live_server, vocabulary):
    UserFactory(email="medewerker@ocw.test", name="Medewerker OCW", ministry="OCW")
    page.goto(live_server.url + "/account/login/")
    page.locator("#id_username").fill("medewerker@ocw.test")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.stacked-form button[type=submit]").click()
    page.wait_for_url(re.compile("/tweestapsverificatie/instellen/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweestapsverificatie instellen")
    expect(page.get_by_role("img", name="QR-code voor uw authenticator-app")).to_be_visible()
    assert axe_violations(page) == []
    shoot(page, "two-factor-setup")
    page.set_viewport_size({"width": 320, "height": 800})
    assert sideways_overflow(page) == []
    page.set_viewport_size({"width": 1280, "height": 900})
    secret = page.locator("#otp-secret").inner_text().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8)).hex()
    page.locator("#id_code").fill(totp_code(TOTPDevice(key=key)))
    page.locator("form.stacked-form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw herstelcodes")
    assert page.locator(".recovery-codes li").count() == 10
    shoot(page, "two-factor-codes")
    page.get_by_role("link", name="Verder").click()
    page.wait_for_url(re.compile("/werkruimte/$"))

    page.context.clear_cookies()
    page.goto(live_server.url + "/volgspot/")
    page.locator("#id_username").fill("medewerker@ocw.test")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.stacked-form button[type=submit]").click()
    page.wait_for_url(re.compile("/tweestapsverificatie/code/"))
    assert axe_violations(page) == []
    page.locator("#id_code").fill("000000")
    page.locator("form.stacked-form button[type=submit]").click()
    expect(page.locator(".utrecht-form-field-error-message")).to_contain_text("niet juist")
    shoot(page, "two-factor-verify")
    page.wait_for_timeout(1100)  # django-otp slows down a retry after a wrong code
    # The next 30-second step's code (accepted, one step of clock drift): this step's was used up by the setup.
    device = TOTPDevice.objects.get(user__email="medewerker@ocw.test")
    page.locator("#id_code").fill(totp_code(device, at=time.time() + device.step))
    page.locator("form.stacked-form button[type=submit]").click()
    page.wait_for_url(re.compile("/volgspot/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Volgspot-dashboard")
