import pytest
from django.db import connection

from koplopers.constants import KoploperStatus
from tests.koplopers.factories import KoploperFactory
from tests.pacts.factories import ActionFactory, PactFactory

pytestmark = pytest.mark.django_db
on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="ranking is PostgreSQL full-text search")


@pytest.fixture
def corpus():
    KoploperFactory(name="De Zeeuwse Huiskamer", summary="Ontmoeting", description="Studenten en ouderen ontmoeten elkaar in een huiskamer.")
    KoploperFactory(name="Zorgtechniek Limburg", description="Technologie in de ouderenzorg.")
    KoploperFactory(name="Geheime aanvraag", status=KoploperStatus.APPLIED, description="Huiskamer in aanvraag.")
    pact = PactFactory(name="Zorgpact Zeeland", region="Zeeland")
    ActionFactory(pact=pact, title="Praktijkroute ouderenzorg", description="Leren op de werkvloer.")
    ActionFactory(pact=pact, title="Interne huiskamer", is_public=False)


def group(response, key):
    return next(g for g in response.context["groups"] if g.key == key)


def test_finds_a_koploper_by_a_word_from_its_description(client, corpus):
    response = client.get("/zoeken/", {"q": "huiskamer"})
    koplopers = group(response, "koplopers")
    assert koplopers.count == 1 and "Huiskamer" in koplopers.hits[0].title
    assert "<mark>" in str(koplopers.hits[0].title) or "<mark>" in str(koplopers.hits[0].snippet)
    assert "Geheime aanvraag" not in response.text and "Interne huiskamer" not in response.text


def test_results_are_grouped_by_type(client, corpus):
    response = client.get("/zoeken/", {"q": "ouderenzorg"})
    assert group(response, "actions").count == 1
    assert response.context["total"] >= 1


@on_postgresql
def test_ranks_the_more_relevant_koploper_first(client, corpus):
    KoploperFactory(name="Huiskamer Huiskamer", summary="huiskamer", description="Een huiskamer voor de huiskamer.")
    hits = group(client.get("/zoeken/", {"q": "huiskamer"}), "koplopers").hits
    assert "Huiskamer Huiskamer" in str(hits[0].title).replace("<mark>", "").replace("</mark>", "")


@on_postgresql
def test_dutch_stemming_finds_other_word_forms(client, corpus):
    assert group(client.get("/zoeken/", {"q": "ontmoet"}), "koplopers").count == 1


@pytest.mark.parametrize("query", ["\x00", "%00", "'\"", "x" * 5000, "<script>alert(1)</script>", "huiskamer <script>", "OR 1=1 --", "a"])
def test_hostile_queries_give_a_normal_page(client, corpus, query):
    response = client.get("/zoeken/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert" not in response.text and "<script>" not in response.text.split("</main>")[0].split("<main")[-1]


def test_empty_and_no_hit_states_help(client, corpus):
    assert "Typ ten minste" in client.get("/zoeken/").text or "at least one word" in client.get("/zoeken/").text
    response = client.get("/zoeken/", {"q": "xyzzyqwerty"})
    assert response.context["total"] == 0 and 'href="/themas/"' in response.text


def test_search_query_count_is_constant(client, corpus, django_assert_max_num_queries):
    for i in range(15):
        KoploperFactory(name=f"Huiskamer {i}", description="huiskamer")
    # per group: a page of hits and, when the page is full, a count (5 groups) = at most 10
    with django_assert_max_num_queries(10):
        client.get("/zoeken/", {"q": "huiskamer"})
