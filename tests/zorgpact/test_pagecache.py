import pytest

from tests.pacts.factories import ActionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


def test_anonymous_public_pages_are_served_from_the_cache(client, pact):
    first = client.get("/regionale-zorgpacten/")
    second = client.get("/regionale-zorgpacten/")
    assert "X-Page-Cache" not in first and second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "Content-Security-Policy" in second  # headers are still added per response


def test_an_edit_in_the_workspace_shows_on_the_public_page_at_the_next_request(client, coordinator, pact):
    action = ActionFactory(pact=pact, title="Oude titel", is_public=True)
    anonymous = client.__class__()
    assert "Oude titel" in anonymous.get(f"/regionale-zorgpacten/{pact.slug}/").text
    assert anonymous.get(f"/regionale-zorgpacten/{pact.slug}/")["X-Page-Cache"] == "hit"
    client.force_login(coordinator)
    response = client.post(f"/werkruimte/pacten/{pact.slug}/acties/{action.pk}/", {"title": "Nieuwe titel", "status": "running", "is_public": "on", "expected_version": 1})
    assert response.status_code == 302
    page = anonymous.get(f"/regionale-zorgpacten/{pact.slug}/")
    assert "Nieuwe titel" in page.text and "X-Page-Cache" not in page


def test_signed_in_pages_and_forms_are_never_cached(client, coordinator, pact):
    client.force_login(coordinator)
    client.get("/regionale-zorgpacten/")
    assert "X-Page-Cache" not in client.get("/regionale-zorgpacten/")
    anonymous = client.__class__()
    anonymous.get("/koplopers/aanmelden/")
    assert "X-Page-Cache" not in anonymous.get("/koplopers/aanmelden/")


def test_languages_are_cached_apart(client, pact):
    dutch = client.get("/regionale-zorgpacten/").text
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get("/regionale-zorgpacten/").text
    assert "Regionale Zorgpacten" in dutch and "Regional pacts" in english


def test_cached_pages_never_carry_one_persons_content_to_another(client, coordinator, other_coordinator, pact):
    signed_in = client.__class__()
    signed_in.force_login(coordinator)
    own = signed_in.get("/koplopers/")
    assert "Uitloggen" in own.text and "X-Page-Cache" not in own
    anonymous = client.__class__()
    first = anonymous.get("/koplopers/")
    second = anonymous.get("/koplopers/")
    assert second["X-Page-Cache"] == "hit"
    for response in (first, second):
        assert "Uitloggen" not in response.text and coordinator.email not in response.text
    other = client.__class__()
    other.force_login(other_coordinator)
    theirs = other.get("/koplopers/")
    assert "X-Page-Cache" not in theirs and "Uitloggen" in theirs.text


def test_free_text_searches_are_not_cached(client, pact):
    for path in ("/zoeken/?q=zeeland", "/koplopers/?q=huiskamer"):
        client.get(path)
        assert "X-Page-Cache" not in client.get(path)


def test_home_key_figures_are_kept_between_writes_also_for_signed_in_visitors(client, coordinator, pact, django_assert_max_num_queries):
    import re

    from tests.pacts.factories import PactFactory

    def pacts_figure():
        return int(re.search(r'data-figure="pacts">(\d+)<', client.get("/").text).group(1))

    client.force_login(coordinator)  # the whole page is never cached for a signed-in visitor; its figures are
    before = pacts_figure()
    PactFactory(name="Zorgpact Nieuw", slug="zorgpact-nieuw")  # through the ORM: no write request, no invalidation
    assert pacts_figure() == before
    # session, user, session save (3), newest koplopers and cases: the figures, tiles and themes come from the cache
    with django_assert_max_num_queries(7):
        client.get("/")
    client.post("/i18n/setlang/", {"language": "nl", "next": "/"})  # any write request starts a new generation
    assert pacts_figure() == before + 1
