"""Invalidation by what changed (issue 21.4): a write refreshes the cached pages and fragments that show its family of
models, in every language and filter state, and leaves the others cached."""

import pytest
from django.conf import settings

from tests.koplopers.factories import KoploperFactory
from tests.pacts.factories import ActionFactory
from tests.regels.factories import CaseFactory
from tests.zorgpact.factories import ThemeFactory
from zorgpact.core import pagecache

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


@pytest.fixture
def world(pact):
    theme = ThemeFactory(name="Leren in de praktijk", slug="leren-in-de-praktijk")
    koploper = KoploperFactory(name="De Oude Kamer")
    koploper.themes.add(theme)
    action = ActionFactory(pact=pact, title="Oude actie", is_public=True)
    case = CaseFactory(title="Oude casus")
    return {"pact": pact, "theme": theme, "koploper": koploper, "action": action, "case": case}


def visitor(language: str):
    from django.test import Client

    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


PAGES = {
    "koplopers": "/koplopers/",
    "koplopers by theme": "/koplopers/?theme=leren-in-de-praktijk",
    "case library": "/ruimte-in-de-regels/",
    "pact list": "/regionale-zorgpacten/",
    "api actions": "/api/v1/actions/",
    "api koplopers": "/api/v1/koplopers/",
    "home": "/",
}


def warm(clients) -> None:
    for client in clients:
        for path in PAGES.values():
            assert client.get(path).status_code == 200, path
            assert client.get(path)["X-Page-Cache"] == "hit", path


def served_from_cache(clients) -> dict[str, bool]:
    """Per page: whether it came from the cache, in both languages (both must agree)."""
    out = {}
    for name, path in PAGES.items():
        hits = {client.get(path).get("X-Page-Cache") == "hit" for client in clients}
        assert len(hits) == 1, f"{name}: the languages disagree"
        out[name] = hits.pop()
    return out


def committed(capture, write) -> None:
    with capture(execute=True):
        write()


def test_a_koploper_edit_refreshes_the_koploper_pages_and_leaves_the_agenda_cached(
    world, django_capture_on_commit_callbacks
):
    clients = [visitor("nl"), visitor("en")]
    warm(clients)

    def rename():
        world["koploper"].name = "De Nieuwe Kamer"
        world["koploper"].save()

    committed(django_capture_on_commit_callbacks, rename)
    assert served_from_cache(clients) == {
        "koplopers": False,
        "koplopers by theme": False,
        "case library": False,  # a case names its koplopers
        "pact list": False,  # a pact page lists its koplopers
        "api actions": True,
        "api koplopers": False,
        "home": False,
    }
    for client in clients:
        assert "De Nieuwe Kamer" in client.get("/koplopers/?theme=leren-in-de-praktijk").text
        assert "De Oude Kamer" not in client.get("/koplopers/").text


def test_an_agenda_write_refreshes_the_pact_pages_and_leaves_koplopers_and_cases_cached(
    world, django_capture_on_commit_callbacks
):
    clients = [visitor("nl"), visitor("en")]
    pact_page = f"/regionale-zorgpacten/{world['pact'].slug}/"
    for client in clients:
        assert "Oude actie" in client.get(pact_page).text
    warm(clients)

    def retitle():
        world["action"].title = "Nieuwe actie"
        world["action"].save()

    committed(django_capture_on_commit_callbacks, retitle)
    assert served_from_cache(clients) == {
        "koplopers": True,
        "koplopers by theme": True,
        "case library": True,
        "pact list": False,
        "api actions": False,
        "api koplopers": True,
        "home": False,
    }
    for client in clients:
        assert "Nieuwe actie" in client.get(pact_page).text
        assert "Nieuwe actie" in client.get("/api/v1/actions/").text


def test_a_case_write_refreshes_the_case_library_only(world, django_capture_on_commit_callbacks):
    clients = [visitor("nl"), visitor("en")]
    warm(clients)
    committed(django_capture_on_commit_callbacks, lambda: CaseFactory(title="Nieuwe casus"))
    assert served_from_cache(clients) == {
        "koplopers": True,
        "koplopers by theme": True,
        "case library": False,
        "pact list": True,
        "api actions": True,
        "api koplopers": True,
        "home": False,
    }


def test_a_vocabulary_write_and_a_bulk_write_refresh_everything(world, django_capture_on_commit_callbacks):
    clients = [visitor("nl"), visitor("en")]
    warm(clients)

    def rename_theme():
        world["theme"].name = "Leren op de werkvloer"
        world["theme"].save()

    committed(django_capture_on_commit_callbacks, rename_theme)
    assert not any(served_from_cache(clients).values())
    warm(clients)
    committed(django_capture_on_commit_callbacks, pagecache.bump_after_commit)  # a bulk path names no family
    assert not any(served_from_cache(clients).values())


def _bumped(capture, write) -> set[str]:
    before = {family: pagecache._generation(family) for family in pagecache.FAMILIES}
    committed(capture, write)
    return {family for family in pagecache.FAMILIES if pagecache._generation(family) != before[family]}


def test_a_new_link_bumps_the_family_that_shows_it_from_either_side(world, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    assert _bumped(capture, lambda: world["pact"].themes.add(world["theme"])) == {"pacts"}
    other = ThemeFactory()
    assert _bumped(capture, lambda: other.koplopers.add(world["koploper"])) == {"koplopers"}  # from the theme's side
    assert _bumped(capture, lambda: world["koploper"].themes.remove(world["theme"])) == {"koplopers"}
    assert world["theme"].name not in {t.name for t in world["koploper"].themes.all()}


def test_the_national_figures_keep_their_pact_side_through_a_koploper_edit(
    world, django_capture_on_commit_callbacks, monkeypatch
):
    """The expensive pact side (23,000 indicators at scale 100) stays cached; the koploper side is counted again and
    the joined figures are those of a fresh computation."""
    from volgspot import selectors
    from volgspot.selectors import Filters, cached_national_dashboard, national_dashboard

    filters = Filters.from_request({})
    first = cached_national_dashboard(filters)
    calls = []
    original = selectors._pact_figures
    monkeypatch.setattr(selectors, "_pact_figures", lambda f: calls.append(f) or original(f))
    committed(
        django_capture_on_commit_callbacks, lambda: KoploperFactory(name="Nog een kamer").themes.add(world["theme"])
    )
    after = cached_national_dashboard(filters)
    assert calls == []  # the pact side came from the cache
    assert after["figures"]["koplopers"] == first["figures"]["koplopers"] + 1
    monkeypatch.undo()
    assert after == national_dashboard(filters)
    committed(django_capture_on_commit_callbacks, lambda: ActionFactory(pact=world["pact"]))
    monkeypatch.setattr(selectors, "_pact_figures", lambda f: calls.append(f) or original(f))
    cached_national_dashboard(filters)
    assert len(calls) == 1  # an agenda write recounts the pact side


def test_an_api_list_counts_once_per_write_and_the_count_stays_true(
    world, client, coordinator, django_capture_on_commit_callbacks
):
    """Issue 21.3: the `count` of an API list is kept until a write to what it lists; the signed-in list is never
    cached whole, so only the count's query is saved."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(coordinator)
    with CaptureQueriesContext(connection) as cold:
        first = client.get("/api/v1/koplopers/").json()
    assert any('AS "__count"' in q["sql"] for q in cold.captured_queries)  # what the assertions below look for
    with CaptureQueriesContext(connection) as again:
        second = client.get("/api/v1/koplopers/").json()
    assert second == first
    assert not any('AS "__count"' in q["sql"] for q in again.captured_queries)
    committed(django_capture_on_commit_callbacks, lambda: KoploperFactory(name="Een nieuwe kamer"))
    after = client.get("/api/v1/koplopers/").json()
    assert after["count"] == first["count"] + 1
    committed(django_capture_on_commit_callbacks, lambda: CaseFactory(title="Een andere casus"))  # another family
    with CaptureQueriesContext(connection) as unrelated:
        assert client.get("/api/v1/koplopers/").json()["count"] == after["count"]
    assert not any('AS "__count"' in q["sql"] for q in unrelated.captured_queries)
