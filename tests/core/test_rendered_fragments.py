"""Rendered fragments ({% fragment %}, issue 21.3): the pact page's body and the Volgspot dashboards' figures are kept
rendered per write generation, language and day. Each test compares what the cache serves with a fresh render (the
fragment cache off for that one request): no optimisation may change what a page shows — after each kind of write
that changes it, in Dutch and English, for every role that reaches the page."""

import datetime
import re

import pytest
from django.conf import settings
from django.db import connection
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from regels.constants import CaseStatus, Outcome
from tests.pacts.factories import ActionFactory, AmbitionFactory, GoalFactory, IndicatorFactory, MeasurementFactory
from tests.zorgpact.factories import ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def fragments(settings):
    """The fragment cache on, the whole-page cache off: what a signed-in reader or an uncached page gets."""
    settings.FRAGMENT_CACHE = True
    settings.PAGE_CACHE = False


@pytest.fixture
def agenda(pact):
    theme = ThemeFactory(name="Leren in de praktijk", slug="leren-in-de-praktijk")
    pact.themes.add(theme)
    ambition = AmbitionFactory(pact=pact, title="Meer instroom")
    goal = GoalFactory(ambition=ambition, title="Meer stageplekken")
    action = ActionFactory(pact=pact, goal=goal, title="Stagebank", is_public=True)
    indicator = IndicatorFactory(
        action=action, name="Stageplekken", target_on=timezone.localdate() + datetime.timedelta(days=700)
    )
    MeasurementFactory(indicator=indicator, measured_on=timezone.localdate() - datetime.timedelta(days=30), value=20)
    hidden = ActionFactory(pact=pact, goal=goal, title="Interne voorbereiding", is_public=False)
    IndicatorFactory(action=hidden, name="Interne teller")
    return {"pact": pact, "theme": theme, "action": action, "indicator": indicator}


def visitor(language: str) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def body(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    main = re.search(r"<main.*?</main>", response.content.decode(), re.S).group(0)
    # a CSRF token is masked anew at every render (outside the fragments): compare the pages without it
    return re.sub(r'(name="csrfmiddlewaretoken" value=")[^"]+', r"\1…", main)


def fresh(client: Client, path: str) -> str:
    """The page rendered from the database, the fragment cache off for this one request."""
    previous = settings.FRAGMENT_CACHE
    settings.FRAGMENT_CACHE = False
    try:
        return body(client, path)
    finally:
        settings.FRAGMENT_CACHE = previous


def committed(capture, write) -> None:
    with capture(execute=True):
        write()


def test_a_cached_pact_page_is_the_fresh_page_and_costs_no_agenda_queries(fragments, agenda):
    path = agenda["pact"].get_absolute_url()
    for language in ("nl", "en"):
        client = visitor(language)
        first = body(client, path)
        with CaptureQueriesContext(connection) as ctx:
            second = body(client, path)
        # a hit reads the pact's own row (its name, for the title and the key) and nothing of its agenda: 1 query,
        # against 18 for a miss (tests/test_query_budgets.py). Read before the next request resets the query log.
        assert [q["sql"].split(" FROM ")[1].split()[0] for q in ctx.captured_queries] == ['"pacts_pact"']
        assert second == first == fresh(client, path)
        assert "Stagebank" in second and "Interne voorbereiding" not in second
    assert body(visitor("nl"), path) != body(visitor("en"), path)  # one fragment per language


def _edit_action(world):
    world["action"].title = "Stagebank Zeeland"
    world["action"].save()
    return "Stagebank Zeeland"


def _measure(world):
    MeasurementFactory(indicator=world["indicator"], measured_on=timezone.localdate(), value=47)
    return "47"


def _edit_pact(world):
    world["pact"].name = "Zorgpact Nieuwe Naam"
    world["pact"].save()
    return "Zorgpact Nieuwe Naam"


def _rename_theme(world):
    world["theme"].name = "Leren op de werkvloer"
    world["theme"].save()
    return "Leren op de werkvloer"


@pytest.mark.parametrize("write", [_edit_action, _measure, _edit_pact, _rename_theme])
def test_the_pact_page_is_fresh_after_each_kind_of_write_in_both_languages(
    fragments, agenda, write, django_capture_on_commit_callbacks
):
    path = agenda["pact"].get_absolute_url()
    clients = [visitor("nl"), visitor("en")]
    before = {}
    for client in clients:
        before[client] = body(client, path)
        assert body(client, path) == before[client]  # warm
    shown = {}
    committed(django_capture_on_commit_callbacks, lambda: shown.setdefault("text", write(agenda)))
    for client in clients:
        after = body(client, path)
        assert shown["text"] in after
        assert after != before[client]
        assert after == fresh(client, path)


def test_every_role_gets_the_same_public_pact_page_and_none_the_hidden_actions(fragments, agenda, client_as):
    path = agenda["pact"].get_absolute_url()
    coordinator = client_as("coordinator")  # the pact's own coordinator renders it first: the fragment is theirs
    first = body(coordinator, path)
    assert "Interne voorbereiding" not in first
    for role in ("anonymous", "ministry", "national_team"):
        page = body(client_as(role), path)
        assert "Interne voorbereiding" not in page and "Stagebank" in page
        # the fragment is the same for every reader; only the header (who is signed in) may differ, not <main>
        assert page == first


def test_a_new_day_renders_anew(fragments, agenda, monkeypatch):
    """Verdicts move with the date ('out of date' a period after the last measurement): the day is in the key."""
    path = agenda["pact"].get_absolute_url()
    client = visitor("en")
    today = body(client, path)
    assert "a new measurement was due on" not in today
    later = timezone.localdate() + datetime.timedelta(days=500)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: later)
    then = body(client, path)
    assert then != today
    assert then == fresh(client, path)
    assert "a new measurement was due on" in then


def test_the_national_dashboard_figures_are_fresh_after_a_measurement_per_language_and_filter(
    fragments, agenda, client, ministry_staff, django_capture_on_commit_callbacks
):
    client.force_login(ministry_staff)
    paths = ["/volgspot/", "/volgspot/?province=ZE", "/volgspot/?theme=leren-in-de-praktijk"]
    before = {}
    for language in ("nl", "en"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        for path in paths:
            before[language, path] = body(client, path)
            assert before[language, path] == fresh(client, path)
    assert before["nl", "/volgspot/"] != before["en", "/volgspot/"]
    committed(django_capture_on_commit_callbacks, lambda: _measure(agenda))
    for language in ("nl", "en"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        for path in paths:
            after = body(client, path)
            assert after == fresh(client, path), (language, path)
        assert body(client, "/volgspot/") != before[language, "/volgspot/"]  # the progress moved


def test_the_pact_dashboard_progress_is_fresh_and_the_same_for_every_reader(
    fragments, agenda, client_as, django_capture_on_commit_callbacks
):
    path = f"/volgspot/pacten/{agenda['pact'].slug}/"
    coordinator, ministry = client_as("coordinator"), client_as("ministry")

    def progress_part(html: str) -> str:
        return html[html.index("results-summary") : html.index('id="hoe-berekenen"')]

    own = body(coordinator, path)
    read = body(ministry, path)
    assert progress_part(own) == progress_part(read)
    # the dashboard lists the indicators its progress counts (a non-public action's are in the workspace only)
    assert "Stageplekken" in own and "Interne teller" not in own
    # the parts per person stay per person around the cached one: only the coordinator may plan a session
    plan = reverse("volgspot:session-new", kwargs={"slug": agenda["pact"].slug})
    assert plan in own and plan not in read
    with CaptureQueriesContext(connection) as ctx:
        again = body(coordinator, path)
    tables = " ".join(q["sql"] for q in ctx.captured_queries)
    # kept: no indicator, measurement or session is read again (the reports list and the reader's own rows are)
    assert again == own and not any(
        t in tables for t in ("pacts_indicator", "pacts_measurement", "volgspot_volgspotsession")
    )
    committed(django_capture_on_commit_callbacks, lambda: _measure(agenda))
    for client in (coordinator, ministry):
        after = body(client, path)
        assert after == fresh(client, path)
        assert progress_part(after) != progress_part(own)


def test_a_block_with_a_csrf_token_is_rendered_each_time_and_never_stored(fragments):
    template = Template('{% load fragments %}{% fragment "t" %}{% csrf_token %}{{ n }}{% endfragment %}')
    request = RequestFactory().get("/")
    from django.middleware.csrf import get_token

    get_token(request)
    first = template.render(Context({"n": 1, "csrf_token": get_token(request)}))
    second = template.render(Context({"n": 2, "csrf_token": get_token(request)}))
    assert first.endswith("1") and second.endswith("2")


def test_a_block_without_one_is_kept_until_a_write_to_its_families(fragments, django_capture_on_commit_callbacks):
    from zorgpact.core import pagecache

    template = Template('{% load fragments %}{% fragment "t" 7 families="koplopers" %}{{ n }}{% endfragment %}')
    assert template.render(Context({"n": 1})) == "1"
    assert template.render(Context({"n": 2})) == "1"  # kept
    pagecache.bump_generation("regels")
    assert template.render(Context({"n": 3})) == "1"  # another family's write keeps it
    pagecache.bump_generation("koplopers")
    assert template.render(Context({"n": 4})) == "4"


def test_the_kept_api_list_is_the_fresh_list_until_a_koploper_write_and_not_after(
    fragments, pact, django_capture_on_commit_callbacks
):
    """The koplopers API list (KeptListMixin): the same answer as a fresh one, page and filters in the key, fresh
    after a koploper write, kept after a write to another family (a case)."""
    from rest_framework.test import APIClient

    from tests.koplopers.factories import KoploperFactory
    from tests.regels.factories import CaseFactory

    koplopers = [KoploperFactory(name=f"Koploper {n:02}") for n in range(30)]
    client = APIClient()

    def answer(path):
        response = client.get(path)
        return response.status_code, response.json()

    def fresh_answer(path):
        previous = settings.FRAGMENT_CACHE
        settings.FRAGMENT_CACHE = False
        try:
            return answer(path)
        finally:
            settings.FRAGMENT_CACHE = previous

    paths = ["/api/v1/koplopers/", "/api/v1/koplopers/?page=2", "/api/v1/koplopers/?page_size=5"]
    for path in paths:
        first = answer(path)
        with CaptureQueriesContext(connection) as ctx:
            again = answer(path)
        assert len(ctx.captured_queries) == 0  # kept: neither the count nor the rows are read again
        assert first == again == fresh_answer(path)
    assert answer(paths[0])[1]["results"] != answer(paths[1])[1]["results"]
    assert answer("/api/v1/koplopers/?page=9")[0] == 404

    committed(django_capture_on_commit_callbacks, lambda: CaseFactory(title="Een casus"))
    with CaptureQueriesContext(connection) as ctx:
        answer(paths[0])
    assert len(ctx.captured_queries) == 0  # a case does not show in the list

    def rename():
        koplopers[0].name = "Koploper 00 hernoemd"
        koplopers[0].save()

    committed(django_capture_on_commit_callbacks, rename)
    for path in paths:
        assert answer(path) == fresh_answer(path)
    assert "Koploper 00 hernoemd" in [row["name"] for row in answer("/api/v1/koplopers/?page_size=100")[1]["results"]]


def test_the_pact_dashboard_is_kept_until_a_write_to_what_it_shows_per_language(
    fragments, agenda, client_as, django_capture_on_commit_callbacks
):
    """The per-pact dashboard's data (volgspot.selectors.kept_pact_dashboard): a kept read skips the roll-up and the
    indicators; an agreement, a renamed indicator or a measurement shows at the next read, in both languages."""
    from tests.volgspot.factories import AgreementFactory, VolgspotSessionFactory

    path = f"/volgspot/pacten/{agenda['pact'].slug}/"
    ministry = client_as("ministry")
    first = body(ministry, path)
    with CaptureQueriesContext(connection) as ctx:
        kept = body(ministry, path)
    assert not any('"pacts_measurement"' in q["sql"] for q in ctx.captured_queries)  # read from the cache
    assert kept == first == fresh(ministry, path)

    def agree():
        AgreementFactory(session=VolgspotSessionFactory(pact=agenda["pact"]), text="Stagebank uitbreiden")

    def rename_indicator():
        agenda["indicator"].name = "Stageplekken in de wijk"
        agenda["indicator"].save()

    for write, shown in (
        (agree, "Stagebank uitbreiden"),
        (rename_indicator, "Stageplekken in de wijk"),
        (lambda: _measure(agenda), "47"),
    ):
        committed(django_capture_on_commit_callbacks, write)
        for language in ("nl", "en"):
            ministry.cookies[settings.LANGUAGE_COOKIE_NAME] = language
            after = body(ministry, path)
            assert after == fresh(ministry, path) and shown in after, (write, language)


# --- The catalogue's and the case library's rendered results (issue 21.3: the list cards) ------------------------


@pytest.fixture
def catalogue_world():
    from tests.koplopers.factories import KoploperFactory
    from tests.regels.factories import CaseFactory

    theme = ThemeFactory(name="Leren in de praktijk", slug="leren-in-de-praktijk")
    koplopers = [KoploperFactory(name=f"Koploper {i:02d}") for i in range(23)]  # two pages of 20 (koplopers)
    koplopers[0].themes.add(theme)
    for i in range(3):
        CaseFactory(title=f"Casus binnen de regels {i}", status=CaseStatus.PUBLISHED, outcome=Outcome.WITHIN_RULES)
    return {"theme": theme, "koplopers": koplopers}


LIST_PATHS = ["/koplopers/", "/koplopers/?page=2", "/koplopers/?theme=leren-in-de-praktijk", "/ruimte-in-de-regels/"]


def test_kept_list_results_are_the_fresh_results_and_cost_no_list_queries(fragments, catalogue_world):
    for path in LIST_PATHS:
        for language in ("nl", "en"):
            client = visitor(language)
            first = body(client, path)
            with CaptureQueriesContext(connection) as ctx:
                second = body(client, path)
            tables = " ".join(q["sql"] for q in ctx.captured_queries)
            # a hit counts nothing and reads no page: the facets and the results (and the library's figures) are kept
            assert "COUNT(" not in tables.upper() and "LIMIT" not in tables.upper(), (path, tables)
            assert second == first == fresh(client, path), path
    assert body(visitor("nl"), "/koplopers/") != body(visitor("en"), "/koplopers/")
    assert "Koploper 22" in body(visitor("nl"), "/koplopers/?page=2")  # a page of its own
    assert "Koploper 22" not in body(visitor("nl"), "/koplopers/")


def test_list_results_are_fresh_after_a_write_to_what_they_show_and_kept_after_another(
    fragments, catalogue_world, agenda, django_capture_on_commit_callbacks
):
    from tests.regels.factories import CaseFactory

    clients = [visitor("nl"), visitor("en")]
    for client in clients:
        for path in LIST_PATHS:
            body(client, path)  # warm
    koploper = catalogue_world["koplopers"][1]

    def rename():
        koploper.name = "Koploper 01 hernoemd"
        koploper.save()

    committed(django_capture_on_commit_callbacks, rename)
    for client in clients:
        assert "Koploper 01 hernoemd" in body(client, "/koplopers/") == fresh(client, "/koplopers/")
    committed(
        django_capture_on_commit_callbacks,
        lambda: CaseFactory(
            title="Casus nieuw gepubliceerd", status=CaseStatus.PUBLISHED, outcome=Outcome.RULE_CHANGED
        ),
    )
    for client in clients:
        library = body(client, "/ruimte-in-de-regels/")
        assert "Casus nieuw gepubliceerd" in library and library == fresh(client, "/ruimte-in-de-regels/")
    # a measurement is no write to the koplopers or the cases: both lists stay kept (no count, no page query)
    committed(django_capture_on_commit_callbacks, lambda: _measure(agenda))
    for path in ("/koplopers/", "/ruimte-in-de-regels/"):
        with CaptureQueriesContext(connection) as ctx:
            body(visitor("nl"), path)
        assert "LIMIT" not in " ".join(q["sql"] for q in ctx.captured_queries).upper(), path


@pytest.mark.parametrize("path", ["/koplopers/?page=02", "/koplopers/?theme=leren-in-de-praktijk&sort=bestaat-niet"])
def test_odd_page_spellings_and_invalid_values_render_their_results_and_keep_none(fragments, catalogue_world, path):
    client = visitor("nl")
    body(client, path)
    with CaptureQueriesContext(connection) as ctx:
        again = body(client, path)
    assert "LIMIT" in " ".join(q["sql"] for q in ctx.captured_queries).upper()  # rendered again: nothing kept
    assert again == fresh(client, path)


def test_searches_are_kept_in_a_bounded_pool_and_fresh_after_a_write(
    fragments, catalogue_world, monkeypatch, django_capture_on_commit_callbacks
):
    from zorgpact.core import pagecache

    monkeypatch.setattr(pagecache, "SEARCHES_KEPT", 2)  # one search per list: its facets and its results

    def queries(path):
        with CaptureQueriesContext(connection) as ctx:
            html = body(visitor("nl"), path)
        return html, " ".join(q["sql"] for q in ctx.captured_queries).upper()

    for path in ("/koplopers/?q=koploper", "/ruimte-in-de-regels/?q=casus"):
        first, _sql = queries(path)
        second, sql = queries(path)
        # kept: no match (the search index or LIKE), count, page or facet query
        assert not any(word in sql for word in ("LIMIT", "COUNT(", "TSQUERY", " LIKE ")), path
        assert second == first == fresh(visitor("nl"), path)
    queries("/koplopers/?q=Koploper")
    _html, sql = queries("/koplopers/?q=Koploper")
    assert "LIMIT" in sql  # the catalogue's pool is full: a second search is computed each time
    koploper = catalogue_world["koplopers"][2]

    def rename():
        koploper.name = "Koploper 02 hernoemd"
        koploper.save()

    committed(django_capture_on_commit_callbacks, rename)
    after, sql = queries("/koplopers/?q=koploper")
    assert "Koploper 02 hernoemd" in after and after == fresh(visitor("nl"), "/koplopers/?q=koploper")
    _html, sql = queries("/koplopers/?q=koploper")
    assert "LIMIT" not in sql  # a new generation: room in the pool again


def test_a_page_that_does_not_exist_is_a_404_kept_or_not(fragments, catalogue_world):
    client = visitor("nl")
    body(client, "/koplopers/")
    assert client.get("/koplopers/", {"page": "9"}).status_code == 404
    assert client.get("/ruimte-in-de-regels/", {"page": "2"}).status_code == 404


def test_the_kept_home_page_is_the_fresh_one_after_each_kind_of_write(
    fragments, catalogue_world, agenda, django_capture_on_commit_callbacks
):
    clients = [visitor("nl"), visitor("en")]
    for client in clients:
        first = body(client, "/")
        with CaptureQueriesContext(connection) as ctx:
            second = body(client, "/")
        assert not ctx.captured_queries  # a hit: the body and its figures come from the cache
        assert second == first == fresh(client, "/")
    koploper = catalogue_world["koplopers"][0]

    def newest_koploper():
        from tests.koplopers.factories import KoploperFactory

        KoploperFactory(name="Allernieuwste koploper")

    for write, shown in ((newest_koploper, "Allernieuwste koploper"), (lambda: _edit_action(agenda), None)):
        before = {client: body(client, "/") for client in clients}
        committed(django_capture_on_commit_callbacks, write)
        for client in clients:
            after = body(client, "/")
            assert after == fresh(client, "/")
            if shown:
                assert shown in after and after != before[client]
    assert koploper.name in body(visitor("nl"), "/koplopers/")
