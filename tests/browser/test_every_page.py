"""Every public page, the main workspace pages and the Volgspot and work-queue pages of each signed-in role, in their
empty, filled and error states, at 1280 and 375 px:
no axe-core violations (WCAG 2.1 AA), nothing wider than the window, and no word broken inside (issue 20).

One browser page and one data set for the whole walk (a test per page would set up the database each time)."""

import re

import pytest

from pacts.constants import Rhythm
from tests.browser.conftest import axe_violations, sideways_overflow
from tests.browser.test_public_portal import SPLIT_WORDS, portal  # noqa: F401  (the data set, a fixture)
from tests.browser.test_workspace import PASSWORD, sign_in
from tests.helpers import app_device
from tests.pacts.factories import ActionFactory, IndicatorFactory, MeasurementFactory
from tests.zorgpact.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [1280, 375]
# The same measure over the visible text only: a 1 px honeypot or visually hidden label is no line at all.
SPLIT_VISIBLE_WORDS = SPLIT_WORDS.replace(
    "const node = walker.currentNode;",
    "const node = walker.currentNode;"
    " if (node.parentElement.closest('.hp-field, .rhc-visually-hidden, [hidden]')) continue;",
)

# (path, state): "filled" pages show data, "empty" ones the no-results text, "error" ones a form sent empty.
PUBLIC = [
    ("/", "filled"),
    ("/regionale-zorgpacten/", "filled"),
    ("/regionale-zorgpacten/?province=DR", "empty"),
    ("/regionale-zorgpacten/zorgpact-zeeland/", "filled"),
    ("/regionale-zorgpacten/zorgpact-oefenregio-fictief/", "filled"),  # the results tree with every level filled
    ("/koplopers/", "filled"),
    ("/koplopers/?q=bestaat-niet", "empty"),
    ("/koplopers/de-zeeuwse-huiskamer/", "filled"),
    ("/koplopers/aanmelden/", "empty"),
    ("/koplopers/aanmelden/", "error"),
    ("/themas/", "filled"),
    ("/themas/leren-in-de-praktijk/", "filled"),
    ("/zoeken/?q=huiskamer", "filled"),
    ("/zoeken/?q=niets-te-vinden", "empty"),
    ("/ruimte-in-de-regels/", "empty"),
    ("/ruimte-in-de-regels/melden/", "empty"),
    ("/ruimte-in-de-regels/melden/", "error"),
    ("/regelingen/", "empty"),
    ("/toegankelijkheid/", "filled"),
    ("/privacy/", "filled"),
    ("/account/login/", "empty"),
    ("/account/login/", "error"),
    ("/bestaat-niet/", "filled"),  # the house 404 page
]
WORKSPACE = [
    ("/werkruimte/", "filled"),
    ("/werkruimte/pacten/zorgpact-zeeland/", "filled"),
    ("/werkruimte/pacten/zorgpact-zeeland/profiel/", "filled"),
    ("/werkruimte/pacten/zorgpact-zeeland/profiel/", "error"),
    ("/werkruimte/pacten/zorgpact-zeeland/acties/nieuw/", "empty"),
    ("/werkruimte/pacten/zorgpact-zeeland/acties/nieuw/", "error"),
    ("/werkruimte/pacten/zorgpact-zeeland/ambities/nieuw/", "error"),
    ("/werkruimte/pacten/zorgpact-zeeland/importeren/", "empty"),
    # a coordinator's own pact dashboard, its session form and the snapshots list
    ("/volgspot/pacten/zorgpact-zeeland/", "filled"),
    ("/volgspot/pacten/zorgpact-zeeland/bijeenkomsten/nieuw/", "empty"),
    ("/volgspot/momentopnamen/", "empty"),
]
# A ministry reader: both dashboards (with data and filtered to nothing), the reports, the case queue, and the house
# 403 page (reading along is not editing).
MINISTRY = [
    ("/volgspot/", "filled"),
    ("/volgspot/?province=DR", "empty"),
    ("/volgspot/pacten/zorgpact-zeeland/", "filled"),
    ("/volgspot/rapporten/", "empty"),
    ("/werkruimte/casussen/", "empty"),
    ("/werkruimte/pacten/zorgpact-zeeland/acties/nieuw/", "filled"),
]
# The national team's own queue.
TEAM = [("/werkruimte/kopgroep/", "empty"), ("/werkruimte/", "filled")]


def check(page, base, path, state) -> list:
    problems = []
    page.goto(base + path)
    if state == "error":
        form = page.locator("main form.stacked-form").last
        if path == "/account/login/":  # the browser itself checks the required fields: a wrong password instead
            page.locator("#id_username").fill("niemand@example.test")
            page.locator("#id_password").fill("fout-wachtwoord")
        if path.endswith("/profiel/"):  # a profile is valid when empty: send a date it cannot read
            page.locator("#id_started_on").evaluate("e => { e.type = 'text'; e.value = 'gisteren'; }")
        form.locator("button[type=submit]").last.click()
        page.wait_for_load_state()
        if not page.locator(".utrecht-alert--error, .utrecht-form-field--invalid").count():
            problems.append(("no error shown", page.url))
    violations = axe_violations(page)
    if violations:
        problems.append(("axe", violations))
    overflow = sideways_overflow(page)
    if overflow:
        problems.append(("wider than the window", overflow))
    split = page.evaluate(SPLIT_VISIBLE_WORDS)
    if split:
        problems.append(("words broken inside", split))
    return problems


def walk(page, base, pages) -> dict:
    found = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for path, state in pages:
            problems = check(page, base, path, state)
            if problems:
                found[(width, path, state)] = problems
    return found


def test_every_page_in_every_state_at_both_widths(page, live_server, portal):  # noqa: F811
    coordinator = UserFactory(email="coordinator@zeeland.test", name="Coördinator Zeeland")
    portal.coordinators.add(coordinator)
    action = ActionFactory(pact=portal, title="Stagepool langdurige zorg", is_public=False)
    # A measurement long overdue: the workspace home has a to-do, the pact workspace a due row with its reminder.
    MeasurementFactory(indicator=IndicatorFactory(action=action, name="Stageplaatsen", rhythm=Rhythm.QUARTERLY))

    found = walk(page, live_server.url, PUBLIC)

    page.goto(live_server.url + "/account/login/")
    page.locator("#id_username").fill("coordinator@zeeland.test")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.stacked-form button[type=submit]").click()
    page.wait_for_url(re.compile("/werkruimte/$"))
    found |= walk(page, live_server.url, WORKSPACE)

    # WCAG 1.4.10 asks for reflow down to 320 px: the narrowest phone, sideways scrolling only (axe ran above).
    page.set_viewport_size({"width": 320, "height": 800})
    for path, state in PUBLIC + WORKSPACE:
        if state != "error":
            page.goto(live_server.url + path)
            if overflow := sideways_overflow(page):
                found[(320, path, state)] = [("wider than the window", overflow)]

    for user, pages in (
        (UserFactory(email="medewerker@vws.test", name="Medewerker VWS", ministry="VWS"), MINISTRY),
        (UserFactory(email="team@zorgpact.test", name="Landelijk team", is_national_team=True), TEAM),
    ):
        app_device(user)
        page.context.clear_cookies()
        sign_in(page, live_server, user.email)
        found |= walk(page, live_server.url, pages)
        if pages is MINISTRY:  # the read-only edit page is the house 403 page, not Django's bare one
            response = page.goto(live_server.url + "/werkruimte/pacten/zorgpact-zeeland/acties/nieuw/")
            assert response.status == 403 and page.locator("h1").inner_text() in ("Geen toegang", "No access")

    assert not found, "\n".join(f"{where}: {problems}" for where, problems in found.items())
