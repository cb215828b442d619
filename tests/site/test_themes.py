import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koplopers.constants import KoploperStatus
from regels.constants import CaseStatus
from tests.koplopers.factories import KoploperFactory
from tests.pacts.factories import ActionFactory, PactFactory
from tests.regels.factories import CaseFactory
from tests.zorgpact.factories import ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def theme():
    theme = ThemeFactory(slug="leren-in-de-praktijk", name="Leren in de praktijk", intro="Leren waar de zorg gebeurt.")
    # Real records (factories make synthetic ones): the theme counts count real records only (issue 17).
    pact = PactFactory(name="Zorgpact Zeeland", is_synthetic=False)
    pact.themes.add(theme)
    for i in range(3):
        KoploperFactory(name=f"Koploper {i}", is_synthetic=False).themes.add(theme)
    KoploperFactory(name="In aanvraag", status=KoploperStatus.APPLIED).themes.add(theme)
    ActionFactory(pact=pact, title="Openbare actie").themes.add(theme)
    ActionFactory(pact=pact, title="Interne actie", is_public=False).themes.add(theme)
    CaseFactory(title="Gepubliceerde casus", status=CaseStatus.PUBLISHED).themes.add(theme)
    CaseFactory(title="Gemelde casus", status=CaseStatus.SUBMITTED).themes.add(theme)
    return theme


def test_theme_list_counts_equal_the_tagged_items(client, theme):
    row = client.get("/themas/").context["themes"].get(slug="leren-in-de-praktijk")
    assert (row.koploper_count, row.pact_count, row.action_count, row.case_count) == (3, 1, 1, 1)


def test_theme_counts_leave_out_fictional_records(client, theme):
    fictional = PactFactory(name="Zorgpact Oefenregio (fictief)", is_synthetic=True)
    fictional.themes.add(theme)
    KoploperFactory(name="Voorbeeldkoploper", is_synthetic=True).themes.add(theme)
    ActionFactory(pact=fictional, title="Fictieve actie").themes.add(theme)
    row = client.get("/themas/").context["themes"].get(slug="leren-in-de-praktijk")
    assert (row.koploper_count, row.pact_count, row.action_count) == (3, 1, 1)


def test_theme_page_shows_public_items_only(client, theme):
    response = client.get("/themas/leren-in-de-praktijk/")
    text = response.text
    assert "Leren waar de zorg gebeurt." in text and "Koploper 2" in text and "Openbare actie" in text
    assert "Zorgpact Zeeland" in text and "Gepubliceerde casus" in text
    assert "In aanvraag" not in text and "Interne actie" not in text and "Gemelde casus" not in text
    counts = {s["key"]: s["count"] for s in response.context["sections"]}
    assert counts == {"koplopers": 3, "pacts": 1, "actions": 1, "cases": 1}
    assert [url for url, _ in response.context["breadcrumbs"]] == ["/themas/", None]


def test_long_sections_show_the_first_twelve_and_link_to_the_catalogue(client, theme):
    for i in range(15):
        KoploperFactory(name=f"Extra {i:02}").themes.add(theme)
    response = client.get("/themas/leren-in-de-praktijk/")
    section = next(s for s in response.context["sections"] if s["key"] == "koplopers")
    assert section["count"] == 18 and len(section["items"]) == 12
    assert 'href="/koplopers/?theme=leren-in-de-praktijk"' in response.text


def test_unknown_theme_is_404(client):
    assert client.get("/themas/bestaat-niet/").status_code == 404


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _add_items(theme, n: int, start: int) -> None:
    pact = PactFactory(name=f"Pact {start}")
    pact.themes.add(theme)
    for i in range(start, start + n):
        KoploperFactory(name=f"Extra {i}").themes.add(theme)
        ActionFactory(pact=pact, title=f"Actie {i}").themes.add(theme)
        CaseFactory(title=f"Casus {i}", status=CaseStatus.PUBLISHED).themes.add(theme)


def test_theme_page_query_count_does_not_grow(client, theme, django_assert_max_num_queries):
    # detail: the theme, then per section (koplopers, pacts, actions with their pact, cases) a count and a page = 9
    # list: the themes with four correlated counts = 1
    _add_items(theme, 2, 0)
    few = (_queries(client, "/themas/leren-in-de-praktijk/"), _queries(client, "/themas/"))
    _add_items(theme, 10, 100)
    many = (_queries(client, "/themas/leren-in-de-praktijk/"), _queries(client, "/themas/"))
    assert few == many
    with django_assert_max_num_queries(9):
        client.get("/themas/leren-in-de-praktijk/")
    with django_assert_max_num_queries(1):
        client.get("/themas/")


@pytest.mark.usefixtures("page_cache")
def test_theme_sections_are_kept_until_the_next_write(client, theme, coordinator, django_capture_on_commit_callbacks):
    client.force_login(coordinator)  # signed in: the whole page is never cached, the sections are

    def koplopers_section():
        with CaptureQueriesContext(connection) as queries:
            sections = client.get("/themas/leren-in-de-praktijk/").context["sections"]
        section = next(s for s in sections if s["key"] == "koplopers")
        return section["count"], [k.name for k in section["items"]], len(queries)

    count, names, first_queries = koplopers_section()
    assert (count, names) == (3, ["Koploper 0", "Koploper 1", "Koploper 2"])
    with django_capture_on_commit_callbacks() as commit:
        KoploperFactory(name="Koploper 3").themes.add(theme)  # written, not yet committed
    count, names, cached_queries = koplopers_section()
    assert count == 3 and cached_queries == first_queries - 8  # four counts and four lists
    for callback in commit:
        callback()  # the write commits: a new generation
    assert koplopers_section()[:2] == (4, ["Koploper 0", "Koploper 1", "Koploper 2", "Koploper 3"])
