"""A visitor in a real browser: filter the catalogue, open a koploper, search; keyboard only. Every page's axe-core,
reflow and whole-word checks, at 1280 and 375 px and in each state, are in test_every_page.py."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sideways_overflow
from tests.koplopers.test_catalogue import make_koploper
from tests.pacts.factories import ActionFactory, PactFactory, ParticipationFactory
from tests.zorgpact.factories import OrganisationFactory, ThemeFactory
from zorgpact.constants import EducationLevel, Pillar
from zorgpact.models import Phase, Province

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def portal(vocabulary):
    praktijk = ThemeFactory(slug="leren-in-de-praktijk", name="Leren in de praktijk")
    tech = ThemeFactory(slug="zorg-en-technologie", name="Zorg en technologie")
    pact = PactFactory(name="Zorgpact Zeeland", slug="zorgpact-zeeland", phase=Phase.objects.get(order=3))
    pact.provinces.add(Province.objects.get(code="ZE"))
    pact.themes.add(praktijk)
    ParticipationFactory(
        pact=pact, organisation=OrganisationFactory(pillar=Pillar.EDUCATION, education_level=EducationLevel.MBO)
    )
    ActionFactory(pact=pact, title="Praktijkroute ouderenzorg", is_public=True)
    make_koploper(
        "De Zeeuwse Huiskamer",
        themes=[praktijk],
        provinces=["ZE"],
        pact=pact,
        description="Een huiskamer waar studenten en ouderen elkaar ontmoeten.",
    )
    make_koploper("MakeHealth", themes=[tech], provinces=["LI"], description="Zorgtechnologie maken met studenten.")
    make_koploper("Ketenstage", themes=[praktijk], provinces=["GR"], description="Stage langs de hele keten.")
    return pact


def test_visitor_filters_catalogue_opens_koploper(page, live_server, portal):
    page.goto(live_server.url + "/koplopers/")
    expect(page.get_by_role("heading", name="3 koplopers")).to_be_visible()
    page.get_by_role("link", name=re.compile(r"^Leren in de praktijk \(2\)")).click()
    expect(page.get_by_role("heading", name="2 koplopers")).to_be_visible()
    assert "theme=leren-in-de-praktijk" in page.url
    page.get_by_role("link", name=re.compile(r"^Zeeland \(1\)")).click()
    expect(page.get_by_role("heading", name="1 koploper", exact=True)).to_be_visible()
    assert "province=ZE" in page.url and "theme=leren-in-de-praktijk" in page.url
    page.go_back()
    expect(page.get_by_role("heading", name="2 koplopers")).to_be_visible()
    page.go_forward()
    page.get_by_role("link", name="De Zeeuwse Huiskamer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("De Zeeuwse Huiskamer")
    expect(page.get_by_text("Zorgpact Zeeland").first).to_be_visible()


def test_filter_form_works_with_keyboard_alone(page, live_server, portal):
    page.goto(live_server.url + "/koplopers/")
    page.keyboard.press("Tab")  # skip link first
    expect(page.locator(":focus")).to_have_class(re.compile("skip"))
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_q":
            break
    else:
        pytest.fail("the search field is not reachable with Tab")
    page.keyboard.type("keten")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="1 koploper", exact=True)).to_be_visible()
    assert "q=keten" in page.url
    # a facet link is reachable and works with Enter
    for _ in range(40):
        page.keyboard.press("Tab")
        if (page.evaluate("document.activeElement.textContent") or "").startswith("Groningen"):
            break
    else:
        pytest.fail("no facet link reachable with Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="1 koploper", exact=True)).to_be_visible()
    page.wait_for_url(re.compile("province=GR"))


def test_visitor_uses_search(page, live_server, portal):
    page.goto(live_server.url + "/")
    page.locator("header input[type=search]").fill("huiskamer")
    page.locator("header input[type=search]").press("Enter")
    page.wait_for_url(re.compile("/zoeken/"))
    expect(page.locator("mark").first).to_be_visible()
    page.get_by_role("link", name=re.compile("Zeeuwse")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("De Zeeuwse Huiskamer")


@pytest.mark.parametrize("width", [1280, 380])
def test_page_columns_share_one_left_edge_and_breadcrumbs_read_as_one_line(page, live_server, portal, width):
    """The body and header are CSS grids: a column with auto margins once shrank to its content and drifted to the
    middle, and the breadcrumbs showed as a numbered list with overlapping items."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/regionale-zorgpacten/zorgpact-zeeland/")
    brand = page.locator(".site-header__brand").bounding_box()
    footer = page.locator(".site-footer__inner p").first.bounding_box()
    crumbs = page.locator(".site-breadcrumbs li")
    heading = page.get_by_role("heading", level=1).bounding_box()
    first = crumbs.nth(0).bounding_box()
    assert all(abs(box["x"] - heading["x"]) <= 2 for box in (brand, first, footer)), (brand, first, footer, heading)
    if width > 1000:  # when there is room: one line, left to right
        boxes = [crumbs.nth(i).bounding_box() for i in range(crumbs.count())]
        middles = [b["y"] + b["height"] / 2 for b in boxes]
        assert max(middles) - min(middles) <= 4, boxes
        assert all(c["x"] + c["width"] <= n["x"] for c, n in zip(boxes, boxes[1:], strict=False)), boxes
    assert crumbs.nth(0).evaluate("li => getComputedStyle(li).listStyleType") == "none"
    facts = page.locator(".utrecht-data-list").first  # the NL DS data list, not a hand-made one
    label = facts.locator(".utrecht-data-list__item-key").first.bounding_box()
    value = facts.locator(".utrecht-data-list__item-value").first.bounding_box()
    if width < 500:  # on a phone the pact's facts read label above value, the value as wide as the page
        assert value["y"] >= label["y"] + label["height"] - 1 and abs(value["x"] - heading["x"]) <= 2, (label, value)
    else:
        assert abs(value["y"] - label["y"]) <= 2, (label, value)


def test_language_switch_names_the_other_language_in_that_language(page, live_server, portal):
    page.goto(live_server.url + "/")
    switch = page.locator(".language-switch button")
    expect(switch).to_have_text("English")
    expect(switch).to_have_attribute("lang", "en")
    switch.click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".language-switch button")).to_have_text("Nederlands")


def _luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_header_controls_stand_out_against_the_header(page, live_server, portal):
    """The search button once had the header's own blue as its text and border: invisible, and axe only reported it
    as 'incomplete' (a transparent button over a coloured header)."""
    page.goto(live_server.url + "/")
    header = _luminance(page.locator(".site-header").evaluate("e => getComputedStyle(e).backgroundColor"))
    buttons = page.locator(".site-header button")
    assert buttons.count() >= 2  # search, language
    for i in range(buttons.count()):
        button = buttons.nth(i)
        style = button.evaluate("e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]")
        assert "rgba(0, 0, 0, 0)" == style[1] or style[1] == "transparent", style  # drawn on the header itself
        text = _luminance(style[0])
        ratio = (max(text, header) + 0.05) / (min(text, header) + 0.05)
        assert ratio >= 4.5, (button.inner_text(), style, ratio)


# Every word of letters and digits (up to 14 characters: a province, a status, a year, a title word) whose glyphs
# land on more than one line. Longer strings (web addresses) may still break to fit a phone, and at 320 px a big
# heading's long word may too: that is the reflow test's business.
SPLIT_WORDS = """() => {
  const split = [];
  const walker = document.createTreeWalker(document.querySelector('main') || document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    for (const match of node.data.matchAll(/[\\p{L}\\p{N}]+/gu)) {
      if (match[0].length < 2 || match[0].length > 14) continue;  // whole words only: a longer one may break
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
      if (tops.size > 1) split.push(match[0]);
    }
  }
  return split;
}"""


@pytest.mark.parametrize("path", ["/ruimte-in-de-regels/melden/", "/koplopers/aanmelden/"])
@pytest.mark.parametrize("width", [1280, 375])
def test_a_checkbox_error_keeps_the_label_readable(page, live_server, portal, path, width):
    """A forgotten consent box: the label stays a line of text beside its box with the error under it (the error
    sat in the box's narrow column and pushed the label into it, one letter per line, a page of 4,000 px)."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + path)
    page.locator("form.stacked-form button[type=submit]").click()
    expect(page.get_by_role("alert")).to_be_visible()
    field = page.locator(".utrecht-form-field--checkbox.utrecht-form-field--invalid").last
    label, error = (
        field.locator("label").bounding_box(),
        field.locator(".utrecht-form-field-error-message").bounding_box(),
    )
    box = field.locator("input[type=checkbox]").bounding_box()
    assert label["width"] > 250, label
    assert abs(error["x"] - label["x"]) < 2 and error["y"] >= label["y"] + label["height"] - 1, (label, error)
    assert box["x"] + box["width"] <= label["x"], (box, label)
    assert sideways_overflow(page) == []
