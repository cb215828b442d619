"""The open data API: public reads, token writes with the same permission module as the pages, JSON errors."""

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from pacts.models import Action, Measurement
from tests.koplopers.test_catalogue import make_koploper
from tests.pacts.factories import ActionFactory, AmbitionFactory, GoalFactory, IndicatorFactory, MeasurementFactory
from tests.zorgpact.factories import ThemeFactory
from zorgpact.models import ApiToken
from zorgpact.tokens import create_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def token_client(user):
    client = APIClient()
    _token, key = create_token(user=user, name="test")
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def action(pact):
    return ActionFactory(pact=pact, title="Praktijkroute", is_public=True)


def test_schema_validates():
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")


def test_docs_are_served_without_a_cdn(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    assert "cdn" not in response.text.lower() and "/static/drf_spectacular_sidecar/" in response.text


def test_public_reads(api, pact, action):
    ActionFactory(pact=pact, title="Geheim", is_public=False)
    assert api.get("/api/v1/pacts/").json()["count"] == 1
    titles = [a["title"] for a in api.get("/api/v1/actions/").json()["results"]]
    assert titles == ["Praktijkroute"]
    assert api.get(f"/api/v1/pacts/{pact.slug}/").json()["name"] == pact.name


def test_api_and_catalogue_give_the_same_koplopers_for_the_same_filter(api, client):
    tech = ThemeFactory(slug="zorg-en-technologie")
    make_koploper("Een", themes=[tech], provinces=["LI"])
    make_koploper("Twee", themes=[tech], provinces=["ZE"])
    make_koploper("Drie", provinces=["LI"])
    params = {"theme": "zorg-en-technologie", "province": "LI"}
    from_api = [k["name"] for k in api.get("/api/v1/koplopers/", params).json()["results"]]
    from_page = [k.name for k in client.get("/koplopers/", params).context["page"]]
    assert from_api == from_page == ["Een"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/koplopers/?page=-1",
        "/api/v1/koplopers/?page=99999999999999999999",
        "/api/v1/koplopers/?page=abc",
        "/api/v1/koplopers/?level=%00",
        "/api/v1/koplopers/?pillar=unknown",
        "/api/v1/pacts/?province=" + "x" * 100_000,
        "/api/v1/pacts/?q=%00",
        "/api/v1/nope/",
        "/api/v1/pacts/bestaat-niet/",
    ],
)
def test_hostile_reads_are_json_4xx(api, path):
    response = api.get(path)
    assert 400 <= response.status_code < 500, response.status_code
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json() or response.json()


def test_coordinator_writes_with_token_and_version_check(coordinator, pact, action):
    client = token_client(coordinator)
    response = client.patch(f"/api/v1/actions/{action.pk}/", {"title": "Nieuw", "version": 1}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["version"] == 2
    stale = client.patch(f"/api/v1/actions/{action.pk}/", {"title": "Oud", "version": 1}, format="json")
    assert stale.status_code == 409 and stale.json()["current_version"] == 2
    assert client.patch(f"/api/v1/actions/{action.pk}/", {"title": "Zonder"}, format="json").status_code == 400
    action.refresh_from_db()
    assert action.title == "Nieuw"
    assert action.history.first().history_user is None or action.history.count() == 2


def test_coordinator_cannot_write_another_pact_or_move_into_it(coordinator, pact, other_pact, action):
    foreign = ActionFactory(pact=other_pact, title="Van een ander")
    client = token_client(coordinator)
    assert (
        client.patch(f"/api/v1/actions/{foreign.pk}/", {"title": "X", "version": 1}, format="json").status_code == 404
    )
    assert client.delete(f"/api/v1/actions/{foreign.pk}/").status_code == 404
    moved = client.patch(f"/api/v1/actions/{action.pk}/", {"pact": other_pact.slug, "version": 1}, format="json")
    assert moved.status_code == 400
    created = client.post("/api/v1/actions/", {"pact": other_pact.slug, "title": "Erin"}, format="json")
    assert created.status_code == 400
    foreign_goal = GoalFactory(ambition=AmbitionFactory(pact=other_pact))
    assert (
        client.patch(
            f"/api/v1/actions/{action.pk}/", {"goal": foreign_goal.pk, "version": 1}, format="json"
        ).status_code
        == 400
    )
    foreign.refresh_from_db()
    action.refresh_from_db()
    assert foreign.title == "Van een ander" and action.pact == pact and action.goal is None
    assert not Action.objects.filter(title="Erin").exists()


def test_measurement_push_and_one_per_date(coordinator, other_pact, action):
    indicator = IndicatorFactory(action=action)
    client = token_client(coordinator)
    body = {"indicator": indicator.pk, "measured_on": "2018-05-01", "value": "12.5"}
    assert client.post("/api/v1/measurements/", body, format="json").status_code == 201
    again = client.post("/api/v1/measurements/", body, format="json")
    assert again.status_code == 400 and again["Content-Type"].startswith("application/json")
    foreign = IndicatorFactory(action=ActionFactory(pact=other_pact))
    assert client.post("/api/v1/measurements/", {**body, "indicator": foreign.pk}, format="json").status_code == 400
    assert Measurement.objects.count() == 1


@pytest.mark.parametrize(
    "body", [None, "null", "[]", '{"title": 5}', '{"title": "\\u0000"}', '{"title": "' + "x" * 100_000 + '"}']
)
def test_bad_bodies_are_json_400(coordinator, action, body):
    client = token_client(coordinator)
    response = client.generic("PATCH", f"/api/v1/actions/{action.pk}/", body or "", content_type="application/json")
    assert response.status_code == 400, response.content[:200]
    assert response["Content-Type"].startswith("application/json")


def test_ministry_reads_but_cannot_write(ministry_staff, action):
    client = token_client(ministry_staff)
    assert client.get(f"/api/v1/actions/{action.pk}/").status_code == 200
    assert client.patch(f"/api/v1/actions/{action.pk}/", {"title": "X", "version": 1}, format="json").status_code == 403
    action.refresh_from_db()
    assert action.title == "Praktijkroute"


def test_anonymous_cannot_write(api, action):
    response = api.patch(f"/api/v1/actions/{action.pk}/", {"title": "X", "version": 1}, format="json")
    assert response.status_code in (401, 403)
    assert api.post("/api/v1/themes/", {}, format="json").status_code in (401, 403, 405)


def test_revoked_token_stops_at_once(coordinator, action):
    from zorgpact.tokens import revoke_token

    client = token_client(coordinator)
    token = ApiToken.objects.get()
    assert client.patch(f"/api/v1/actions/{action.pk}/", {"title": "A", "version": 1}, format="json").status_code == 200
    revoke_token(user=coordinator, token_id=token.pk)
    assert client.patch(f"/api/v1/actions/{action.pk}/", {"title": "B", "version": 2}, format="json").status_code == 401
    assert ApiToken.objects.get().key_hash != ""


def test_token_is_stored_hashed():
    from tests.zorgpact.factories import UserFactory

    token, key = create_token(user=UserFactory(), name="x")
    assert key not in token.key_hash and len(token.key_hash) == 64


def test_archive_through_delete_keeps_the_row(coordinator, action):
    client = token_client(coordinator)
    assert client.delete(f"/api/v1/actions/{action.pk}/", {"version": action.version}, format="json").status_code == 204
    action.refresh_from_db()
    assert action.archived_at is not None


def test_archive_through_delete_is_audited(coordinator, action):
    from zorgpact.constants import AuditEventType
    from zorgpact.models import AuditEvent

    response = token_client(coordinator).delete(f"/api/v1/actions/{action.pk}/?version={action.version}")
    assert response.status_code == 204
    event = AuditEvent.objects.get(event=AuditEventType.UNPUBLISHED)
    assert event.actor == coordinator and f"pacts.Action:{action.pk}" in event.target and event.detail == "archived"


@pytest.mark.parametrize("version", [None, "abc", 0, "99999999999999999999999", "stale"])
def test_archive_through_delete_checks_the_version(coordinator, action, version):
    from zorgpact.core.versioning import save_versioned
    from zorgpact.models import AuditEvent

    if version == "stale":
        version = action.version
        action.title = "Intussen hernoemd"
        save_versioned(instance=action, expected_version=action.version)
    body = {} if version is None else {"version": version}
    response = token_client(coordinator).delete(f"/api/v1/actions/{action.pk}/", body, format="json")
    assert response.status_code in (400, 409) and response["Content-Type"].startswith("application/json")
    assert response.status_code == (409 if body.get("version") == 1 else 400)
    action.refresh_from_db()
    assert action.archived_at is None and not AuditEvent.objects.filter(target__startswith="pacts.Action").exists()


def test_list_query_count_does_not_grow(api, pact, django_assert_max_num_queries):
    for _i in range(3):
        IndicatorFactory(action=ActionFactory(pact=pact))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        api.get("/api/v1/actions/")
    for _i in range(10):
        MeasurementFactory(indicator=IndicatorFactory(action=ActionFactory(pact=pact)))
    with CaptureQueriesContext(connection) as large:
        api.get("/api/v1/actions/")
    assert len(small.captured_queries) == len(large.captured_queries)


def test_etag_and_conditional_get(api, pact):
    first = api.get("/api/v1/pacts/")
    assert first.has_header("ETag")
    second = api.get("/api/v1/pacts/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 304


def test_token_made_in_workspace_is_shown_once_and_revocable(client, coordinator, action):
    client.force_login(coordinator)
    response = client.post("/werkruimte/api-tokens/", {"name": "Mijn script"})
    key = response.context["new_key"]
    assert key and key in response.text
    assert key not in client.get("/werkruimte/api-tokens/").text  # shown once
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert (
        api.patch(f"/api/v1/actions/{action.pk}/", {"title": "Via script", "version": 1}, format="json").status_code
        == 200
    )
    token = ApiToken.objects.get(user=coordinator)
    client.post("/werkruimte/api-tokens/", {"revoke": token.pk})
    assert api.patch(f"/api/v1/actions/{action.pk}/", {"title": "Weer", "version": 2}, format="json").status_code == 401


def test_cannot_revoke_someone_elses_token(client, coordinator, other_coordinator):
    token, _key = create_token(user=other_coordinator, name="van een ander")
    client.force_login(coordinator)
    client.post("/werkruimte/api-tokens/", {"revoke": token.pk})
    token.refresh_from_db()
    assert token.revoked_at is None


def test_cases_and_schemes_are_open_data_without_reporters(api):
    from tests.regels.factories import CaseFactory, SchemeFactory

    CaseFactory(
        title="Gepubliceerd",
        status="published",
        outcome="rule_changed",
        reporter_email="geheim@voorbeeld.test",
        public_text="Mag.",
    )
    CaseFactory(title="Ingediend", status="submitted")
    SchemeFactory(name="Stagefonds Zorg", ministry="VWS")
    cases = api.get("/api/v1/cases/", {"outcome": "rule_changed"}).json()
    assert [c["title"] for c in cases["results"]] == ["Gepubliceerd"]
    assert "geheim@voorbeeld.test" not in str(cases)
    assert api.get("/api/v1/schemes/").json()["results"][0]["name"] == "Stagefonds Zorg"


def test_throttled_requests_get_429_with_retry_after(api, monkeypatch, pact):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(
        AnonRateThrottle, "rate", "3/minute", raising=False
    )  # the configured rate, lowered for the test
    statuses = [api.get("/api/v1/pacts/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = api.get("/api/v1/pacts/")
    assert limited["Content-Type"] == "application/json" and int(limited["Retry-After"]) > 0
    assert "detail" in limited.json()
