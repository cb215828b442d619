import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pacts.models import Pact
from volgspot.models import Agreement, VolgspotSession
from zorgpact.demo import load_demo_data
from zorgpact.scale import generate_scale_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role, national, own, other", [
    ("anonymous", 302, 302, 302), ("coordinator", 403, 200, 404), ("other_coordinator", 403, 404, 200),
    ("koploper_coordinator", 403, 404, 404), ("ministry_staff", 200, 200, 200), ("national_team", 200, 200, 200),
])
def test_permission_matrix(client, request, role, national, own, other, pact, other_pact):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    assert client.get("/volgspot/").status_code == national
    assert client.get("/volgspot/csv/phases/").status_code == national
    assert client.get(f"/volgspot/pacten/{pact.slug}/").status_code == own
    assert client.get(f"/volgspot/pacten/{other_pact.slug}/").status_code == other


def test_figures_equal_independent_orm_counts_on_demo_data(client, ministry_staff):
    load_demo_data()
    client.force_login(ministry_staff)
    response = client.get("/volgspot/")
    figures, tables = response.context["figures"], response.context["tables"]
    assert figures["pacts"] == Pact.objects.count()
    assert dict(tables["phases"]["rows"])[Pact.objects.get(slug="zorgpact-oefenregio-fictief").phase.name] == Pact.objects.filter(phase__order=3).count()
    assert dict(tables["functions"]["rows"])["projecttrekker"] == Pact.objects.filter(is_projecttrekker=True).count()
    year_ago = datetime.date.today() - datetime.timedelta(days=365)
    assert figures["covered"] == Pact.objects.filter(sessions__held_on__gte=year_ago).distinct().count()
    overdue = Agreement.objects.filter(status__in=["open", "running"], due_on__lt=datetime.date.today()).count()
    assert figures["overdue"] == overdue >= 1  # the Oefenregio has one overdue agreement
    assert VolgspotSession.objects.count() == 2


def test_each_csv_equals_its_table(client, ministry_staff):
    load_demo_data()
    client.force_login(ministry_staff)
    tables = client.get("/volgspot/").context["tables"]
    for key, table in tables.items():
        rows = list(csv.reader(io.StringIO(client.get(f"/volgspot/csv/{key}/").content.decode("utf-8-sig"))))
        assert rows[0] == table["head"]
        assert rows[1:] == [[str(c) for c in r] for r in table["rows"]], key
    assert client.get("/volgspot/csv/onbekend/").status_code == 404


def test_filters_narrow_the_figures(client, ministry_staff):
    load_demo_data()
    client.force_login(ministry_staff)
    zeeland = client.get("/volgspot/", {"province": "ZE"}).context["figures"]["pacts"]
    assert zeeland == Pact.objects.filter(provinces__code="ZE").count()
    assert client.get("/volgspot/", {"van": "abc", "province": "<x>"}).status_code == 200


def test_national_dashboard_same_query_count_at_scale_1_and_10(client, ministry_staff):
    client.force_login(ministry_staff)
    generate_scale_data(scale=1)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/volgspot/").status_code == 200
        return len(ctx.captured_queries)

    small = count()
    generate_scale_data(scale=9)
    assert count() == small


def test_pact_dashboard_shows_progress_sessions_and_agreements(client, settings):
    settings.DEBUG = True
    load_demo_data()
    from zorgpact.models import User

    client.force_login(User.objects.get(email="coordinator@zeeland.demo"))
    response = client.get("/volgspot/pacten/zorgpact-oefenregio-fictief/")
    assert response.status_code == 200
    assert "Gezamenlijk rooster voor stages opstellen (fictief)" in response.text
    assert sum(n for _label, n in response.context["status_rows"]) == Pact.objects.get(slug="zorgpact-oefenregio-fictief").actions.count()
    assert client.get("/volgspot/pacten/zorgpact-rotterdam/").status_code == 404


def test_phases_over_time_follow_the_sessions(client, ministry_staff):
    load_demo_data()
    client.force_login(ministry_staff)
    rows = {r[0]: r[1:] for r in client.get("/volgspot/").context["tables"]["phases_over_time"]["rows"]}
    # The Oefenregio: round 1 (2017) assessed phase 2, round 2 (2018) phase 3.
    assert rows[2017][1] == 1 and rows[2018][2] == 1
