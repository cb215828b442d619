"""A coordinator in a real browser: sign in, add an action with an indicator and a measurement, see it in public."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, sideways_overflow
from tests.helpers import app_device, totp_code
from tests.pacts.factories import ActionFactory, PactFactory, ParticipationFactory
from tests.zorgpact.factories import OrganisationFactory, UserFactory
from zorgpact.models import Phase

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "geheim-wachtwoord-123"


@pytest.fixture
def zeeland(vocabulary):
    pact = PactFactory(name="Zorgpact Zeeland", slug="zorgpact-zeeland", phase=Phase.objects.get(order=2))
    ParticipationFactory(pact=pact, organisation=OrganisationFactory(name="ROC Zeeland", school=True))
    user = UserFactory(email="coordinator@zeeland.test", name="Coördinator Zeeland")
    pact.coordinators.add(user)
    ActionFactory(pact=pact, title="Bestaande actie")
    return pact


def sign_in(page, live_server, email):
    page.goto(live_server.url + "/account/login/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.stacked-form button[type=submit]").click()
    page.wait_for_url(re.compile("/werkruimte/$|/tweestapsverificatie/code/"))
    if "/tweestapsverificatie/code/" in page.url:  # staff: the second step, with the code their app would show
        from django_otp.plugins.otp_totp.models import TOTPDevice

        page.locator("#id_code").fill(totp_code(TOTPDevice.objects.get(user__email=email)))
        page.locator("form.stacked-form button[type=submit]").click()
        page.wait_for_url(re.compile("/werkruimte/$"))


def test_coordinator_adds_action_indicator_measurement_and_sees_it_public(page, live_server, zeeland):
    sign_in(page, live_server, "coordinator@zeeland.test")
    page.get_by_role("link", name="Zorgpact Zeeland").first.click()
    page.locator("a[href$='/acties/nieuw/']").click()
    page.locator("#id_title").fill("Praktijkroute ouderenzorg")
    page.locator("#id_status").select_option("running")
    page.locator("form.stacked-form button[type=submit]").click()
    expect(page.get_by_role("cell", name="Praktijkroute ouderenzorg", exact=True)).to_be_visible()

    row = page.get_by_role("row", name=re.compile("Praktijkroute ouderenzorg"))
    row.locator("a[href$='/indicatoren/nieuw/']").click()
    page.locator("#id_kind").select_option("output")
    page.locator("#id_name").fill("Studenten in de route")
    page.locator("#id_baseline").fill("0")
    page.locator("#id_target").fill("40")
    page.locator("form.stacked-form button[type=submit]").click()

    row = page.get_by_role("row", name=re.compile("Praktijkroute ouderenzorg"))
    row.locator("a[href$='/metingen/nieuw/']").click()
    page.locator("#id_measured_on").fill("2018-06-01")
    page.locator("#id_value").fill("25")
    page.locator("form.stacked-form button[type=submit]").click()
    expect(page.get_by_role("row", name=re.compile("Praktijkroute ouderenzorg"))).to_contain_text("25")

    page.goto(live_server.url + "/regionale-zorgpacten/zorgpact-zeeland/")
    expect(page.get_by_text("Praktijkroute ouderenzorg")).to_be_visible()
    expect(page.get_by_text("Studenten in de route", exact=True)).to_be_visible()


def test_workspace_pages_have_no_wcag_violations(page, live_server, zeeland):
    from pacts.models import Indicator
    from tests.pacts.factories import GoalFactory

    # an effect indicator under its goal, with its own links (history, measurement, archive)
    Indicator.objects.create(goal=GoalFactory(ambition__pact=zeeland), kind="effect", name="Minder uitval", unit="%")
    sign_in(page, live_server, "coordinator@zeeland.test")
    for path in [
        "/werkruimte/",
        "/werkruimte/pacten/zorgpact-zeeland/",
        "/werkruimte/pacten/zorgpact-zeeland/acties/nieuw/",
        "/werkruimte/pacten/zorgpact-zeeland/partners/nieuw/",
        "/werkruimte/pacten/zorgpact-zeeland/profiel/",
    ]:
        page.goto(live_server.url + path)
        assert axe_violations(page) == [], path
    # a form with errors
    page.goto(live_server.url + "/werkruimte/pacten/zorgpact-zeeland/acties/nieuw/")
    page.locator("form.stacked-form button[type=submit]").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert axe_violations(page) == []


def test_login_page_has_no_wcag_violations(page, live_server, zeeland):
    page.goto(live_server.url + "/account/login/")
    assert axe_violations(page) == []
    # an address longer than any account's: the form says so
    page.evaluate("document.querySelector('#id_username').type = 'text'")
    page.locator("#id_username").fill("a" * 300 + "@test.nl")
    page.locator("#id_password").fill("x")
    page.locator("form.stacked-form button[type=submit]").click()
    expect(page.get_by_role("alert")).to_contain_text("hoogstens 254 tekens")
    assert axe_violations(page) == []


def test_volgspot_pages_have_no_wcag_violations(page, live_server, zeeland):
    import datetime

    from volgspot.models import VolgspotSession

    session = VolgspotSession.objects.create(pact=zeeland, round=1, held_on=datetime.date(2018, 6, 1), status="held")
    app_device(UserFactory(email="medewerker@vws.test", ministry="VWS"))
    sign_in(page, live_server, "coordinator@zeeland.test")
    for path in [
        f"/volgspot/pacten/{zeeland.slug}/",
        f"/volgspot/bijeenkomsten/{session.pk}/",
        f"/volgspot/pacten/{zeeland.slug}/bijeenkomsten/nieuw/",
    ]:
        page.goto(live_server.url + path)
        assert axe_violations(page) == [], path
    page.context.clear_cookies()
    sign_in(page, live_server, "medewerker@vws.test")
    page.goto(live_server.url + "/volgspot/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Volgspot-dashboard")
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 320, "height": 800})  # a phone: nothing scrolls sideways but a wide table
    for path in ["/volgspot/", f"/volgspot/pacten/{zeeland.slug}/"]:
        page.goto(live_server.url + path)
        assert sideways_overflow(page) == [], path
