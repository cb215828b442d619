import datetime

import pytest
from rest_framework.test import APIClient

from volgspot.models import ProgressReport, VolgspotSession
from zorgpact.tokens import create_token

pytestmark = pytest.mark.django_db


def as_role(request, role):
    client = APIClient()
    if role != "anonymous":
        _token, key = create_token(user=request.getfixturevalue(role), name="t")
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def sessions(pact, other_pact):
    return (
        VolgspotSession.objects.create(pact=pact, round=1, held_on=datetime.date(2018, 1, 1), status="final"),
        VolgspotSession.objects.create(pact=other_pact, round=1, held_on=datetime.date(2018, 1, 1), status="held"),
    )


@pytest.mark.parametrize(
    "role, dashboard, own, other",
    [
        ("anonymous", 401, 401, 401),
        ("coordinator", 403, 200, 404),
        ("koploper_coordinator", 403, 404, 404),
        ("ministry_staff", 200, 200, 200),
        ("national_team", 200, 200, 200),
    ],
)
def test_volgspot_api_permission_matrix(request, role, dashboard, own, other, sessions):
    client = as_role(request, role)
    assert client.get("/api/v1/volgspot/dashboard/").status_code == dashboard
    assert client.get(f"/api/v1/volgspot/sessions/{sessions[0].pk}/").status_code == own
    assert client.get(f"/api/v1/volgspot/sessions/{sessions[1].pk}/").status_code == other
    # sessions are read-only through the API: a final one cannot be changed there either
    assert client.patch(
        f"/api/v1/volgspot/sessions/{sessions[0].pk}/", {"summary": "x"}, format="json"
    ).status_code in (401, 404, 405)


def test_dashboard_api_equals_the_page(request, ministry_staff, sessions, client):
    api = as_role(request, "ministry_staff")
    client.force_login(ministry_staff)
    page = client.get("/volgspot/").context["figures"]
    assert api.get("/api/v1/volgspot/dashboard/").json()["figures"] == page


def test_request_poll_and_download_a_report(
    request, pact, settings, tmp_path, django_capture_on_commit_callbacks, eager_tasks
):
    settings.MEDIA_ROOT = tmp_path
    api = as_role(request, "coordinator")
    body = {"scope": "pact", "pact": pact.slug, "period_start": "2017-01-01", "period_end": "2018-12-31"}
    with django_capture_on_commit_callbacks(execute=True):
        created = api.post("/api/v1/volgspot/reports/", body, format="json")
    assert created.status_code == 201
    report_id = created.json()["id"]
    assert api.get(f"/api/v1/volgspot/reports/{report_id}/").json()["status"] == "done"
    pdf = api.get(f"/api/v1/volgspot/reports/{report_id}/pdf/")
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    with django_capture_on_commit_callbacks(execute=True):
        again = api.post("/api/v1/volgspot/reports/", body, format="json")
    assert again.json()["id"] == report_id and ProgressReport.objects.count() == 1  # same inputs: built once


def test_coordinator_cannot_request_another_pacts_or_the_national_report(request, other_pact):
    api = as_role(request, "coordinator")
    assert (
        api.post(
            "/api/v1/volgspot/reports/",
            {"scope": "pact", "pact": other_pact.slug, "period_start": "2017-01-01", "period_end": "2018-01-01"},
            format="json",
        ).status_code
        == 400
    )
    assert (
        api.post(
            "/api/v1/volgspot/reports/",
            {"scope": "national", "period_start": "2017-01-01", "period_end": "2018-01-01"},
            format="json",
        ).status_code
        == 400
    )
    assert (
        api.post(
            "/api/v1/volgspot/reports/",
            {"scope": "national", "period_start": "2018-01-01", "period_end": "2017-01-01"},
            format="json",
        ).status_code
        == 400
    )
    assert not ProgressReport.objects.exists()
