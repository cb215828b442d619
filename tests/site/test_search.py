import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koplopers.constants import KoploperStatus
from regels.constants import CaseStatus
from tests.koplopers.factories import KoploperFactory
from tests.pacts.factories import ActionFactory, PactFactory
from tests.regels.factories import CaseFactory, SchemeFactory
from zorgpact.core.search_text import highlight

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
    assert counts == {
        "koplopers": 1,
        "themes": 0,
        "pacts": 0,
        "ambitions": 0,
        "goals": 0,
        "actions": 1,
        "cases": 0,
        "schemes": 1,
    }  # no agreements group for an anonymous visitor
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
    marked = str(highlight(text, "huiskamer amp script"))
    assert "<script>" not in marked and "&lt;<mark>script</mark>&gt;" in marked
    assert "&amp;" in marked and "&<mark>" not in marked
    assert "<mark>huiskamer</mark>" in marked


def test_highlighting_marks_whole_inflected_words_and_short_words_only_at_a_word_start():
    assert str(highlight("Studenten ontmoeten ouderen", "ontmoet de")) == "Studenten <mark>ontmoeten</mark> ouderen"


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
    # one query per public group (a page of hits, each row carrying the count of all hits), none for the agreements
    # an anonymous visitor may not read: 8, whatever the number of hits
    _add_matches(2, 0)
    few = _search_queries(client, "huiskamer")
    _add_matches(30, 100)
    many = _search_queries(client, "huiskamer")
    assert few == many == 8
    _add_matches(30, 200)
    assert _search_queries(client, "huiskamer") == many
    with django_assert_max_num_queries(8):
        client.get("/zoeken/", {"q": "huiskamer"})


# --- Issue 20.8: themes, ambitions, goals and agreements; Dutch word forms on both databases; marks inside words ---


@pytest.fixture
def agenda(pact, other_pact):
    from tests.pacts.factories import AmbitionFactory, GoalFactory
    from tests.volgspot.factories import AgreementFactory, VolgspotSessionFactory
    from tests.zorgpact.factories import ThemeFactory

    ThemeFactory(name="Leren in de praktijk", slug="leren-in-de-praktijk", intro="Studenten leren op de werkvloer.")
    ambition = AmbitionFactory(pact=pact, title="Iedere student leert in de wijk")
    GoalFactory(ambition=ambition, title="Het hele jaar door stage lopen", intended_effect="Minder uitval.")
    archived = AmbitionFactory(pact=pact, title="Gearchiveerde leerambitie", archived_at="2020-01-01T00:00Z")
    GoalFactory(ambition=archived, title="Verborgen leerdoel")
    AgreementFactory(session=VolgspotSessionFactory(pact=pact), text="Werkplaats leren organiseren", owner_name="Jet")
    AgreementFactory(session=VolgspotSessionFactory(pact=other_pact), text="Andere regio leren delen")
    return ambition


def test_stages_lopen_finds_the_goal_stage_lopen(client, agenda):
    response = client.get("/zoeken/", {"q": "stages lopen"})
    goals = group(response, "goals")
    assert goals.count == 1
    assert str(goals.hits[0].title) == "Het hele jaar door <mark>stage</mark> <mark>lopen</mark>"
    assert goals.hits[0].url == f"/regionale-zorgpacten/zorgpact-testregio/#doel-{agenda.goals.get().pk}"
    assert goals.hits[0].meta == "Zorgpact Testregio"


def test_leren_finds_a_theme_an_ambition_and_a_goal_but_nothing_archived(client, agenda):
    response = client.get("/zoeken/", {"q": "leren"})
    counts = {g.key: g.count for g in response.context["groups"]}
    assert counts["themes"] == 1 and counts["ambitions"] == 1  # "leert" is a form of "leren"
    assert sum(1 for n in counts.values() if n) >= 2
    assert "Gearchiveerde" not in response.text and "Verborgen leerdoel" not in response.text
    theme = group(response, "themes").hits[0]
    assert theme.url == "/themas/leren-in-de-praktijk/" and "<mark>Leren</mark>" in str(theme.title)
    ambition = group(response, "ambitions").hits[0]
    assert "<mark>leert</mark>" in str(ambition.title) and ambition.url.endswith(f"#ambitie-{agenda.pk}")


def test_pact_page_has_the_anchors_the_hits_link_to(client, agenda):
    text = client.get("/regionale-zorgpacten/zorgpact-testregio/").text
    assert f'id="ambitie-{agenda.pk}"' in text and f'id="doel-{agenda.goals.get().pk}"' in text


def test_agreements_only_for_who_may_read_their_session(client, agenda, coordinator, other_coordinator, ministry_staff):
    def agreements(user):
        client.logout()
        if user:
            client.force_login(user)
        response = client.get("/zoeken/", {"q": "leren"})
        found = [g for g in response.context["groups"] if g.key == "agreements"]
        return sorted(str(h.title).replace("<mark>", "").replace("</mark>", "") for g in found for h in g.hits)

    assert agreements(None) == []
    assert agreements(coordinator) == ["Werkplaats leren organiseren"]
    assert agreements(other_coordinator) == ["Andere regio leren delen"]
    assert agreements(ministry_staff) == ["Andere regio leren delen", "Werkplaats leren organiseren"]
    client.force_login(coordinator)
    hit = group(client.get("/zoeken/", {"q": "werkplaats"}), "agreements").hits[0]
    assert client.get(hit.url).status_code == 200  # the link opens the session it was agreed in
    client.force_login(other_coordinator)
    assert client.get(hit.url).status_code == 404  # and the other pact's coordinator neither finds nor opens it


def test_script_in_a_title_is_escaped_and_still_marked(client, agenda):
    KoploperFactory(name="<script>alert('zorg')</script> Ouderenzorg", summary="Zorg <b>thuis</b>")
    response = client.get("/zoeken/", {"q": "zorg"})
    hit = group(response, "koplopers").hits[0]
    assert (
        str(hit.title) == "&lt;script&gt;alert(&#x27;<mark>zorg</mark>&#x27;)&lt;/script&gt; Ouderen<mark>zorg</mark>"
    )
    assert str(hit.snippet) == "<mark>Zorg</mark> &lt;b&gt;thuis&lt;/b&gt;"
    main = response.text.split("<main")[-1].split("</main>")[0]
    assert "<script>" not in main and "<b>" not in main


def test_highlighting_marks_inside_words_and_inflected_forms():
    assert (
        str(highlight("Ouderenzorg en Zorgtechniek", "zorg")) == "Ouderen<mark>zorg</mark> en <mark>Zorg</mark>techniek"
    )
    assert str(highlight("Zij lopen, hij loopt", "lopen")) == "Zij <mark>lopen</mark>, hij <mark>loopt</mark>"
    assert (
        str(highlight("Leren, lerend en leert", "leren"))
        == "<mark>Leren</mark>, <mark>lerend</mark> en <mark>leert</mark>"
    )


@on_postgresql
def test_postgresql_search_goes_through_the_gin_indexes(agenda):
    """Every source is matched on its stored Dutch index: a bitmap scan of its GIN index, not a scan of the table."""
    from pacts.models import Ambition, Goal
    from volgspot.models import Agreement
    from zorgpact.models import Theme

    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            for model in (Theme, Ambition, Goal, Agreement):
                sql, params = model.objects.matching("stages lopen").order_by().values("pk").query.sql_with_params()
                cursor.execute("EXPLAIN " + sql, params)
                plan = "\n".join(row[0] for row in cursor.fetchall())
                assert f"{model._meta.db_table}_search_gin" in plan, plan
        finally:
            cursor.execute("SET enable_seqscan = on")


# The SQLite path (the embedded default), at the function level: the suite itself runs on PostgreSQL.


def test_sqlite_rule_matches_dutch_word_forms():
    from zorgpact.core.search_text import text_matches

    assert text_matches("stages lopen", "Het hele jaar door stage lopen")
    assert text_matches("leren", "Iedere student leert in de wijk")
    assert text_matches("leren", "", None, "Lerend netwerk")  # any of the fields
    assert text_matches("zorg", "Ouderenzorg")  # inside a word
    assert not text_matches("stages lopen", "Stage in de huiskamer")  # every word must match
    assert not text_matches("a", "a")  # no word of two letters: nothing


def test_sqlite_function_filters_rows_in_sql():
    import sqlite3

    from zorgpact.core.search_text import register_sqlite_functions

    db = sqlite3.connect(":memory:")
    register_sqlite_functions(db)
    db.execute("CREATE TABLE goal (title TEXT, effect TEXT)")
    rows = [("Het hele jaar door stage lopen", None), ("Stage in de huiskamer", "Studenten leren"), ("Beeldbellen", "")]
    db.executemany("INSERT INTO goal VALUES (?, ?)", rows)

    def titles(query):
        return [
            r[0] for r in db.execute("SELECT title FROM goal WHERE zp_match(?, title, effect) ORDER BY title", [query])
        ]

    assert titles("stages lopen") == ["Het hele jaar door stage lopen"]
    assert titles("lerend") == ["Stage in de huiskamer"]
    assert titles("stage") == ["Het hele jaar door stage lopen", "Stage in de huiskamer"]
    assert titles("'; DROP TABLE goal; --") == [] and titles("beeldbellen") == ["Beeldbellen"]


def test_sqlite_queryset_filter_uses_the_registered_function(agenda, monkeypatch):
    """On SQLite `matching` filters with zp_match over the model's search fields (the SQL it would send)."""
    from django.db import connection as conn

    from pacts.models import Goal

    monkeypatch.setattr(conn, "vendor", "sqlite")
    sql = str(Goal.objects.matching("stages lopen").query)
    assert "zp_match(" in sql and '"pacts_goal"."title"' in sql and '"pacts_goal"."intended_effect"' in sql


# --- One rule on both databases: a word of four letters or more matches inside a word too ---

INSIDE_WORD_TEXTS = [
    ("Ouderenzorg in de wijk", "", ""),
    ("Zorgtechniek Limburg", "Technologie voor thuis", ""),
    ("Het hele jaar door stage lopen", "", "Studenten leren in de praktijk"),
    ("Praktijkleren", "Een lerend netwerk", "Wmo-consulenten"),
    ("Conflictbemiddeling", "", "ict en zorg"),
]
INSIDE_WORD_QUERIES = ["zorg", "ouderenzorg", "stages lopen", "leren", "techniek", "ict", "lerend", "wmo", "praktijk"]


@on_postgresql
def test_postgresql_matches_what_the_sqlite_rule_matches():
    """The same rule on PostgreSQL (stored index, trigram `icontains` inside words) and on SQLite (`text_matches`): for
    every query, the same koplopers."""
    from koplopers.models import Koploper
    from zorgpact.core.search_text import text_matches

    rows = [
        KoploperFactory(name=name, summary=summary, description=description)
        for name, summary, description in INSIDE_WORD_TEXTS
    ]
    for query in INSIDE_WORD_QUERIES:
        found = set(Koploper.objects.matching(query).values_list("pk", flat=True))
        expected = {k.pk for k in rows if text_matches(query, k.name, k.summary, k.description, k.results_text)}
        assert found == expected, query
    # and the rule itself: inside a word from four letters on, at the start of a word below that
    assert text_matches("zorg", "Ouderenzorg") and not text_matches("ict", "Conflictbemiddeling")


@on_postgresql
def test_a_word_inside_a_compound_is_found_on_every_search_page(client):
    KoploperFactory(name="Ouderenzorg Noord", summary="Thuis")
    CaseFactory(title="Vraag over jeugdzorg", status=CaseStatus.PUBLISHED)
    SchemeFactory(name="Fonds gehandicaptenzorg", summary="Subsidie")
    assert "Ouderenzorg Noord" in client.get("/koplopers/", {"q": "zorg"}).text
    assert "jeugd" in client.get("/ruimte-in-de-regels/", {"q": "zorg"}).text
    counts = {g.key: g.count for g in client.get("/zoeken/", {"q": "zorg"}).context["groups"]}
    assert counts["koplopers"] == 1 and counts["cases"] == 1 and counts["schemes"] == 1


@on_postgresql
def test_search_inside_words_goes_through_the_trigram_indexes():
    from koplopers.models import Koploper
    from pacts.models import Goal

    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            for model, column in ((Koploper, "results_text"), (Goal, "intended_effect")):
                sql, params = model.objects.matching("zorg").order_by().values("pk").query.sql_with_params()
                cursor.execute("EXPLAIN " + sql, params)
                plan = "\n".join(row[0] for row in cursor.fetchall())
                assert f"{model._meta.db_table}_{column}_upper_trgm" in plan, plan
                assert f"{model._meta.db_table}_search_gin" in plan, plan
        finally:
            cursor.execute("SET enable_seqscan = on")
