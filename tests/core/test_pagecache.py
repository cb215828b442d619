import pytest

from tests.pacts.factories import ActionFactory
from tests.zorgpact.factories import ThemeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


def test_anonymous_public_pages_are_served_from_the_cache(client, pact):
    first = client.get("/regionale-zorgpacten/")
    second = client.get("/regionale-zorgpacten/")
    assert "X-Page-Cache" not in first and second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "Content-Security-Policy" in second  # headers are still added per response


@pytest.mark.django_db(transaction=True)
def test_an_edit_in_the_workspace_shows_on_the_public_page_at_the_next_request(client, coordinator, pact):
    """Transactional: the edit really commits, which is when the cache starts a new generation."""
    action = ActionFactory(pact=pact, title="Oude titel", is_public=True)
    anonymous = client.__class__()
    assert "Oude titel" in anonymous.get(f"/regionale-zorgpacten/{pact.slug}/").text
    assert anonymous.get(f"/regionale-zorgpacten/{pact.slug}/")["X-Page-Cache"] == "hit"
    client.force_login(coordinator)
    response = client.post(
        f"/werkruimte/pacten/{pact.slug}/acties/{action.pk}/",
        {"title": "Nieuwe titel", "status": "running", "is_public": "on", "expected_version": 1},
    )
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


def test_home_key_figures_are_kept_between_writes_also_for_signed_in_visitors(
    client, coordinator, pact, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    import re

    from tests.pacts.factories import PactFactory

    def pacts_figure():
        return int(re.search(r'data-figure="pacts">(\d+)<', client.get("/").text).group(1))

    client.force_login(coordinator)  # the whole page is never cached for a signed-in visitor; its figures are
    before = pacts_figure()
    with django_capture_on_commit_callbacks() as commit:
        PactFactory(name="Zorgpact Nieuw", slug="zorgpact-nieuw", is_synthetic=False)  # written, not yet committed
    assert pacts_figure() == before
    # session, user, session save (3), newest koplopers and cases: the figures, tiles and themes come from the cache
    with django_assert_max_num_queries(7):
        client.get("/")
    for callback in commit:
        callback()  # the write commits: a new generation
    assert pacts_figure() == before + 1


# --- Keys: canonical origin, the parameters a page reads (issue 15.9) ----------------------------------------


def page_entries() -> int:
    """Stored pages, in the local-memory cache of the embedded default or in Redis (CACHE_URL)."""
    from django.core.cache import cache

    if hasattr(cache, "_cache") and isinstance(cache._cache, dict):
        keys = [str(key) for key in cache._cache]
    else:
        keys = [key.decode() for key in cache._cache.get_client().keys("*pagecache:*")]
    return sum(1 for key in keys if "pagecache:" in key and "generation" not in key and "variants" not in key)


def test_fifty_made_up_query_parameters_make_at_most_one_entry(client, pact):
    client.get("/regionale-zorgpacten/")
    assert page_entries() == 1
    for n in range(50):
        response = client.get(f"/regionale-zorgpacten/?utm_probe={n}")
        assert response.status_code == 200 and "X-Page-Cache" not in response
    assert page_entries() == 1
    assert client.get("/regionale-zorgpacten/")["X-Page-Cache"] == "hit"


def test_made_up_parameters_on_the_api_and_page_spellings_fill_nothing(client, pact):
    for n in range(20):
        client.get(f"/api/v1/pacts/?utm_probe={n}")
        client.get(f"/koplopers/?page={'0' * (n + 1)}1")
        client.get("/regionale-zorgpacten/?" + "&".join(["province=ZE"] * (n + 2)))
        client.get(f"/koplopers/?sort=verzonnen-{n}")  # an invalid filter value
    assert page_entries() == 0


def test_parameters_a_page_reads_are_keyed_in_any_order(client, pact):
    first = client.get("/koplopers/?sort=naam&province=ZE")
    assert first.status_code == 200 and "X-Page-Cache" not in first
    assert client.get("/koplopers/?province=ZE&sort=naam")["X-Page-Cache"] == "hit"
    assert "X-Page-Cache" not in client.get("/koplopers/?province=UT&sort=naam")
    assert "X-Page-Cache" not in client.get("/api/v1/koplopers/?page_size=5")
    assert client.get("/api/v1/koplopers/?page_size=5")["X-Page-Cache"] == "hit"


def test_made_up_filter_values_are_capped_per_path(client, pact, monkeypatch):
    from zorgpact.core import pagecache

    monkeypatch.setattr(pagecache, "MAX_VARIANTS", 5)
    for n in range(20):
        client.get(f"/koplopers/?theme=verzonnen-{n}")  # a free-text filter: an unknown slug matches nothing
    assert page_entries() == 5
    client.get("/koplopers/")  # the page without a query is always kept
    assert page_entries() == 6


def test_only_the_canonical_origin_is_cached(client, pact, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "alias.example"]
    for _ in range(2):
        other = client.get("/regionale-zorgpacten/", HTTP_HOST="alias.example")
        assert "X-Page-Cache" not in other and 'content="http://alias.example/regionale-zorgpacten/"' in other.text
    canonical = client.get("/regionale-zorgpacten/")
    assert "X-Page-Cache" not in canonical and "alias.example" not in canonical.text
    assert client.get("/regionale-zorgpacten/")["X-Page-Cache"] == "hit"
    assert "X-Page-Cache" not in client.get("/regionale-zorgpacten/", HTTP_HOST="alias.example")


def test_a_cached_page_keeps_every_security_header(client, pact):
    fresh = client.get("/regionale-zorgpacten/")
    hit = client.get("/regionale-zorgpacten/")
    assert hit["X-Page-Cache"] == "hit"
    for header in (
        "X-Frame-Options",
        "Content-Security-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Permissions-Policy",
    ):
        assert hit.get(header) == fresh.get(header) and hit.get(header), header


# --- Private answers (issue 15.9) --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/werkruimte/",
        "/volgspot/",
        "/account/login/",
        "/account/password_reset/",
        "/ruimte-in-de-regels/status/onbekend/",
        "/koplopers/aanmelden/",
    ],
)
def test_private_pages_are_private_no_store_also_for_an_anonymous_visitor(client, path):
    assert client.get(path)["Cache-Control"] == "private, no-store"


def test_the_reporters_status_page_is_private_no_store(client, eager_tasks, django_capture_on_commit_callbacks):
    from tests.regels.factories import CaseFactory

    case = CaseFactory(title="Mijn vraag")
    response = client.get(f"/ruimte-in-de-regels/status/{case.status_token}/")
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("role", ["coordinator", "ministry_staff", "national_team", "koploper_coordinator"])
def test_every_signed_in_answer_is_private_no_store(request, client, pact, role):
    client.force_login(request.getfixturevalue(role))
    for path in ("/", "/koplopers/", f"/regionale-zorgpacten/{pact.slug}/", "/werkruimte/", "/api/v1/pacts/"):
        assert client.get(path)["Cache-Control"] == "private, no-store", path


def test_public_pages_for_anonymous_visitors_are_not_marked_private(client, pact):
    assert "private" not in client.get("/regionale-zorgpacten/").get("Cache-Control", "")


# --- Invalidation on data changes only (issue 18.6) --------------------------------------------------------


def test_an_anonymous_language_switch_or_failed_sign_in_leaves_cached_pages_cached(
    client, pact, coordinator, django_capture_on_commit_callbacks
):
    client.get("/regionale-zorgpacten/")
    assert client.get("/regionale-zorgpacten/")["X-Page-Cache"] == "hit"
    bot = client.__class__()
    with django_capture_on_commit_callbacks(execute=True):  # whatever these would bump after their commit, runs
        assert bot.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 302
        assert bot.post("/account/login/", {"username": coordinator.email, "password": "fout"}).status_code == 200
        assert bot.post("/account/login/", {"username": "niemand@example.test", "password": "fout"}).status_code == 200
    assert client.get("/regionale-zorgpacten/")["X-Page-Cache"] == "hit"


def test_a_committed_orm_change_and_a_bulk_write_start_a_new_generation(
    client, pact, django_capture_on_commit_callbacks
):
    from pacts.models import Pact

    client.get("/regionale-zorgpacten/")
    with django_capture_on_commit_callbacks(execute=True):
        Pact.objects.filter(pk=pact.pk).first().save()  # a save, not through any request
    assert "X-Page-Cache" not in client.get("/regionale-zorgpacten/")
    with django_capture_on_commit_callbacks(execute=True):
        pact.themes.add(ThemeFactory())  # a many-to-many change
    assert "X-Page-Cache" not in client.get("/regionale-zorgpacten/")
    with django_capture_on_commit_callbacks(execute=True):
        pact.delete()
    assert pact.name not in client.get("/regionale-zorgpacten/").text


def test_a_rolled_back_change_bumps_nothing(pact, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            ActionFactory(pact=pact)
            raise RuntimeError
    assert callbacks == []


def test_many_writes_in_one_transaction_bump_once(pact, django_capture_on_commit_callbacks):
    from django.db import transaction

    from zorgpact.core.pagecache import _generation

    before = _generation("agenda")
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        for _ in range(20):
            ActionFactory(pact=pact)
    assert len(callbacks) >= 20 and _generation("agenda") == before + 1


def test_privacy_erasure_through_update_starts_a_new_generation(client, django_capture_on_commit_callbacks):
    from tests.koplopers.factories import KoploperFactory
    from zorgpact.core.pagecache import _generation
    from zorgpact.site.privacy import erase_personal_data

    KoploperFactory(contact_email="contact@voorbeeld.test", contact_name="Contact")
    before = _generation()
    with django_capture_on_commit_callbacks(execute=True):
        erase_personal_data(email="contact@voorbeeld.test")
    assert _generation() == before + 1


def test_a_page_with_a_csrf_token_is_never_stored(client, pact, settings):
    settings.ROOT_URLCONF = "tests.zorgpact.csrf_urls"
    for _ in range(2):
        response = client.get("/met-formulier/")
        assert "X-Page-Cache" not in response and response["Cache-Control"] == "private, no-store"
