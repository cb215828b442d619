"""The page cache and private answers: nothing a credential unlocked is ever stored or served to anyone else.

Tokens are made the way the portal makes them (zorgpact.tokens.create_token, as the workspace's token page does).
"""

import datetime

import pytest
from django.test import Client
from rest_framework.test import APIClient

from tests.volgspot.factories import AgreementFactory, VolgspotSessionFactory
from volgspot.models import ProgressReport
from zorgpact.tokens import create_token

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

ROLES = ["coordinator", "other_coordinator", "koploper_coordinator", "ministry_staff", "national_team"]


@pytest.fixture
def volgspot_data(pact, other_pact):
    own = VolgspotSessionFactory(pact=pact, status="final", summary="Samenvatting Testregio")
    AgreementFactory(session=own, text="Afspraak van de Testregio")
    theirs = VolgspotSessionFactory(pact=other_pact, status="held", summary="Samenvatting Andere Regio")
    AgreementFactory(session=theirs, text="Afspraak van de Andere Regio")
    period = {"period_start": datetime.date(2017, 1, 1), "period_end": datetime.date(2018, 12, 31)}
    report = ProgressReport.objects.create(scope="pact", pact=pact, **period)
    ProgressReport.objects.create(scope="pact", pact=other_pact, **period)
    return [
        "/api/v1/volgspot/sessions/",
        "/api/v1/volgspot/dashboard/",
        "/api/v1/volgspot/reports/",
        f"/api/v1/volgspot/sessions/{own.pk}/",
        f"/api/v1/volgspot/sessions/{theirs.pk}/",
        f"/api/v1/volgspot/reports/{report.pk}/",
    ]


def token_client(request, role: str) -> APIClient:
    client = APIClient()
    if role != "anonymous":
        _token, key = create_token(user=request.getfixturevalue(role), name="test")
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def answers(clients: dict, paths: list[str]) -> dict:
    return {
        (role, path): (r.status_code, r.content)
        for role, client in clients.items()
        for path in paths
        for r in [client.get(path)]
    }


@pytest.mark.parametrize("first", ROLES)
def test_a_token_read_volgspot_answer_reaches_nobody_else(request, settings, volgspot_data, first):
    """Issue 15.1: one role reads every private API address with its token; then anonymous and every other role
    read the same addresses. Each gets exactly what it gets with the page cache off — never the first reader's."""
    clients = {role: token_client(request, role) for role in ["anonymous", *ROLES]}
    settings.PAGE_CACHE = False
    expected = answers(clients, volgspot_data)
    assert {expected[("anonymous", path)][0] for path in volgspot_data} <= {401, 403}
    settings.PAGE_CACHE = True
    for path in volgspot_data:
        read = clients[first].get(path)
        assert (read.status_code, read.content) == expected[(first, path)]
        assert "X-Page-Cache" not in read
        assert read["Cache-Control"] == "private, no-store"
        for role, client in clients.items():
            response = client.get(path)
            assert "X-Page-Cache" not in response, (role, path)
            assert (response.status_code, response.content) == expected[(role, path)], (first, role, path)


def token_from_the_workspace(person) -> str:
    """A token made as a person makes one: signed in, on the workspace's token page, which shows the key once."""
    import re

    page = Client()
    page.force_login(person)
    response = page.post("/werkruimte/api-tokens/", {"name": "mijn script"})
    return re.search(r'<code class="token">([^<]+)</code>', response.text).group(1)


def test_the_reported_leak_anonymous_after_a_token_gets_401_not_the_sessions(ministry_staff, volgspot_data):
    """The adversarial run's case exactly: a ministry token reads the sessions; the same address with no credentials."""
    reader = APIClient()
    reader.credentials(HTTP_AUTHORIZATION=f"Token {token_from_the_workspace(ministry_staff)}")
    assert reader.get("/api/v1/volgspot/sessions/").status_code == 200
    assert reader.get("/api/v1/volgspot/sessions/").status_code == 200
    anonymous = APIClient().get("/api/v1/volgspot/sessions/")
    assert anonymous.status_code == 401 and b"Samenvatting" not in anonymous.content


def test_across_tenants_a_coordinators_token_never_gets_another_pacts_reports(request, volgspot_data):
    own = token_client(request, "coordinator").get("/api/v1/volgspot/reports/").json()
    theirs = token_client(request, "other_coordinator").get("/api/v1/volgspot/reports/")
    assert [r["pact"] for r in own["results"]] == ["zorgpact-testregio"]
    assert [r["pact"] for r in theirs.json()["results"]] == ["zorgpact-andere-regio"]


@pytest.mark.parametrize("role", ROLES)
def test_open_data_read_with_a_token_is_neither_stored_nor_served_from_the_cache(request, pact, role):
    reader = token_client(request, role)
    for _ in range(2):
        assert "X-Page-Cache" not in reader.get("/api/v1/pacts/")
    first_anonymous = APIClient().get("/api/v1/pacts/")
    assert "X-Page-Cache" not in first_anonymous  # the token reads stored nothing
    assert APIClient().get("/api/v1/pacts/")["X-Page-Cache"] == "hit"  # anonymous open data is still cached
    assert "X-Page-Cache" not in reader.get("/api/v1/pacts/")  # and never served to a token


@pytest.mark.parametrize("role", ROLES)
def test_a_cached_page_never_reaches_a_signed_in_visitor_of_any_role(request, pact, role):
    person = request.getfixturevalue(role)
    anonymous = Client()
    anonymous.get("/koplopers/")
    assert anonymous.get("/koplopers/")["X-Page-Cache"] == "hit"
    signed_in = Client()
    signed_in.force_login(person)
    own = signed_in.get("/koplopers/")
    assert "X-Page-Cache" not in own and "Uitloggen" in own.text
    assert own["Cache-Control"] == "private, no-store"
    again = anonymous.get("/koplopers/")
    assert again["X-Page-Cache"] == "hit" and "Uitloggen" not in again.text and person.email not in again.text


@pytest.mark.parametrize(
    "credential",
    [
        {"HTTP_AUTHORIZATION": "Token abc"},
        {"HTTP_AUTHORIZATION": "Bearer abc"},
        {"HTTP_AUTHORIZATION": "Basic YTpi"},
        {"HTTP_COOKIE": "sessionid=whatever"},
        {"HTTP_COOKIE": "messages=whatever"},
        {"HTTP_COOKIE": "other=1"},
    ],
)
def test_any_credential_or_unknown_cookie_skips_the_cache(client, pact, credential):
    client.get("/regionale-zorgpacten/")
    assert client.get("/regionale-zorgpacten/")["X-Page-Cache"] == "hit"
    with_credential = Client(**credential).get("/regionale-zorgpacten/")
    assert "X-Page-Cache" not in with_credential


def test_a_token_in_the_query_string_skips_the_cache(client, pact):
    client.get("/api/v1/pacts/")
    assert client.get("/api/v1/pacts/")["X-Page-Cache"] == "hit"
    for param in ("token", "key", "api_key", "access_token"):
        for _ in range(2):
            assert "X-Page-Cache" not in client.get(f"/api/v1/pacts/?{param}=abc"), param
