import pytest

from tests.koplopers.factories import KoploperFactory
from tests.pacts.factories import ActionFactory, PactFactory
from tests.zorgpact.factories import ThemeFactory
from koplopers.constants import KoploperStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def theme():
    theme = ThemeFactory(slug="leren-in-de-praktijk", name="Leren in de praktijk", intro="Leren waar de zorg gebeurt.")
    pact = PactFactory(name="Zorgpact Zeeland")
    pact.themes.add(theme)
    for i in range(3):
        KoploperFactory(name=f"Koploper {i}").themes.add(theme)
    KoploperFactory(name="In aanvraag", status=KoploperStatus.APPLIED).themes.add(theme)
    ActionFactory(pact=pact, title="Openbare actie").themes.add(theme)
    ActionFactory(pact=pact, title="Interne actie", is_public=False).themes.add(theme)
    return theme


def test_theme_list_counts_equal_the_tagged_items(client, theme):
    row = client.get("/themas/").context["themes"].get(slug="leren-in-de-praktijk")
    assert (row.koploper_count, row.pact_count, row.action_count, row.case_count) == (3, 1, 1, 0)


def test_theme_page_shows_public_items_only(client, theme):
    response = client.get("/themas/leren-in-de-praktijk/")
    text = response.text
    assert "Leren waar de zorg gebeurt." in text and "Koploper 2" in text and "Openbare actie" in text
    assert "In aanvraag" not in text and "Interne actie" not in text
    counts = {s["key"]: s["count"] for s in response.context["sections"]}
    assert counts == {"koplopers": 3, "pacts": 1, "actions": 1, "cases": 0}


def test_unknown_theme_is_404(client):
    assert client.get("/themas/bestaat-niet/").status_code == 404


def test_theme_page_query_count_does_not_grow(client, theme, django_assert_max_num_queries):
    for i in range(20):
        KoploperFactory(name=f"Extra {i}").themes.add(theme)
    # theme, then per section (koplopers, pacts, actions with pact, cases) a count and a page
    with django_assert_max_num_queries(9):
        client.get("/themas/leren-in-de-praktijk/")
    with django_assert_max_num_queries(1):
        client.get("/themas/")
