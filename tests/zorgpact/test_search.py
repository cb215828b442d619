import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koplopers.constants import KoploperStatus
from regels.constants import CaseStatus
from tests.koplopers.factories import KoploperFactory
from tests.pacts.factories import ActionFactory, PactFactory
from tests.regels.factories import CaseFactory, SchemeFactory
from zorgpact.site.search import highlight

pytestmark = pytest.mark.django_db
on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="ranking is PostgreSQL full-text search")


@pytest.fixture
def corpus():
    KoploperFactory(
        name="De Zeeuwse Huiskamer",
        summary="Ontmoeting",
        description="Studenten en ouderen ontmoeten elkaar in een huiskamer.",
    )
    KoploperFactory(name="Zorgtechniek Limburg", description="Technologie in de ouderenzorg.")
    KoploperFactory(name="Geheime aanvraag", status=KoploperStatus.APPLIED, description="Huiskamer in aanvraag.")
    pact = PactFactory(name="Zorgpact Zeeland", region="Zeeland")
    ActionFactory(pact=pact, title="Praktijkroute ouderenzorg", description="Leren op de werkvloer.")
    ActionFactory(pact=pact, title="Interne huiskamer", is_public=False)
    CaseFactory(
        title="Stage in de huiskamer",
        question="Mag een student stage lopen in een huiskamer?",
        status=CaseStatus.PUBLISHED,
    )
    CaseFactory(title="Gemelde huiskamervraag", question="Huiskamer nog in behandeling", status=CaseStatus.SUBMITTED)
    SchemeFactory(name="Stagefonds zorg", summary="Subsidie voor stageplaatsen in de ouderenzorg.")


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
    counts = {g.key: g.count for g in response.context["groups"]}
    assert counts == {"koplopers": 1, "pacts": 0, "actions": 1, "cases": 0, "schemes": 1}
    assert response.context["total"] == 3
    assert (
        "Zorgtechniek Limburg" in response.text
        and "Praktijkroute" in response.text
        and "Stagefonds zorg" in response.text
    )


def test_finds_published_cases_only(client, corpus):
    response = client.get("/zoeken/", {"q": "huiskamer"})
    cases = group(response, "cases")
    assert cases.count == 1 and "Stage in de <mark>huiskamer</mark>" in response.text
    assert "Gemelde huiskamervraag" not in response.text and "in behandeling" not in response.text


def test_matched_words_are_marked_in_the_page(client, corpus):
    response = client.get("/zoeken/", {"q": "huiskamer"})
    assert "<mark>Huiskamer</mark>" in response.text
    assert 'value="huiskamer"' in response.text  # the header field and the page field keep the query


def test_highlighting_escapes_every_piece_and_never_cuts_an_entity():
    text = '<script>alert("huiskamer")</script> Kampen & Zwolle'
    marked = str(highlight(text, ["huiskamer", "amp", "script"]))
    assert "<script>" not in marked and "&lt;<mark>script</mark>&gt;" in marked
    assert "&amp;" in marked and "&<mark>" not in marked
    assert "<mark>huiskamer</mark>" in marked


def test_highlighting_marks_whole_words_from_their_start():
    assert (
        str(highlight("Studenten ontmoeten ouderen", ["ontmoet", "de"])) == "Studenten <mark>ontmoeten</mark> ouderen"
    )


@on_postgresql
def test_ranks_the_more_relevant_koploper_first(client, corpus):
    KoploperFactory(name="Huiskamer Huiskamer", summary="huiskamer", description="Een huiskamer voor de huiskamer.")
    hits = group(client.get("/zoeken/", {"q": "huiskamer"}), "koplopers").hits
    assert "Huiskamer Huiskamer" in str(hits[0].title).replace("<mark>", "").replace("</mark>", "")


@on_postgresql
def test_dutch_stemming_finds_other_word_forms(client, corpus):
    assert group(client.get("/zoeken/", {"q": "ontmoet"}), "koplopers").count == 1


@on_postgresql
def test_the_index_follows_bulk_inserts_and_queryset_updates(client):
    from koplopers.models import Koploper

    Koploper.objects.bulk_create([KoploperFactory.build(name="Bulkkoploper", description="Zorgrobots in de wijk.")])
    assert group(client.get("/zoeken/", {"q": "zorgrobots"}), "koplopers").count == 1
    Koploper.objects.filter(name="Bulkkoploper").update(description="Beeldbellen met cliënten.")
    assert group(client.get("/zoeken/", {"q": "zorgrobots"}), "koplopers").count == 0
    assert group(client.get("/zoeken/", {"q": "beeldbellen"}), "koplopers").count == 1


@pytest.mark.parametrize(
    "query", ["%00", "'\"", "x" * 5000, "<script>alert(1)</script>", "huiskamer <script>", "OR 1=1 --", "a"]
)
def test_hostile_queries_give_a_normal_page(client, corpus, query):
    response = client.get("/zoeken/", {"q": query})
    assert response.status_code == 200
    assert (
        "<script>alert" not in response.text and "<script>" not in response.text.split("</main>")[0].split("<main")[-1]
    )


def test_nul_byte_in_a_query_is_refused_with_a_clear_400(client, corpus):
    response = client.get("/zoeken/", {"q": "huiskamer\x00"})
    assert response.status_code == 400
    assert "NUL" in response.text


def test_empty_and_no_hit_states_help(client, corpus):
    assert "Typ ten minste" in client.get("/zoeken/").text or "at least one word" in client.get("/zoeken/").text
    response = client.get("/zoeken/", {"q": "xyzzyqwerty"})
    assert response.context["total"] == 0 and 'href="/themas/"' in response.text


def _search_queries(client, query: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/zoeken/", {"q": query}).status_code == 200
    return len(captured)


def _add_matches(n: int, start: int) -> None:
    pact = PactFactory(name=f"Huiskamerpact {start}", ambition_text="huiskamer")
    for i in range(start, start + n):
        KoploperFactory(name=f"Huiskamer {i}", description="huiskamer")
        ActionFactory(pact=pact, title=f"Huiskamer actie {i}")
        CaseFactory(title=f"Huiskamer casus {i}", status=CaseStatus.PUBLISHED)
        SchemeFactory(name=f"Huiskamer regeling {i}")


def test_search_query_count_is_constant(client, corpus, django_assert_max_num_queries):
    # per group (koplopers, pacts, actions with their pact, cases, schemes): a page of hits, and only when the
    # page is full a count = at most 10, whatever the number of hits
    _add_matches(2, 0)
    few = _search_queries(client, "huiskamer")
    _add_matches(30, 100)
    many = _search_queries(client, "huiskamer")
    assert few <= many <= 10
    _add_matches(30, 200)
    assert _search_queries(client, "huiskamer") == many
    with django_assert_max_num_queries(10):
        client.get("/zoeken/", {"q": "huiskamer"})
