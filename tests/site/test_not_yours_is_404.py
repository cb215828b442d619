"""Access only through zorgpact.permissions (issue 16.3): in every app someone else's object is a 404 — reading,
writing, its history, archive or measurement alike — and an object the role may read but not change is a 403."""

import datetime

import pytest
from django.urls import reverse

from koplopers.constants import KoploperStatus
from tests.koplopers.factories import KoploperFactory
from tests.pacts.factories import ActionFactory, AmbitionFactory, GoalFactory, IndicatorFactory
from tests.regels.factories import CaseFactory
from volgspot.models import ProgressReport, VolgspotSession

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda(pact):
    action = ActionFactory(pact=pact)
    goal = GoalFactory(ambition=AmbitionFactory(pact=pact))
    return {
        "action": action,
        "goal": goal,
        "indicator": IndicatorFactory(action=action),
        "goal_indicator": IndicatorFactory(action=None, goal=goal, kind="effect"),
    }


def _pact_addresses(pact, agenda):
    slug = pact.slug
    return [
        ("get", reverse("pacts-workspace:pact", kwargs={"slug": slug})),
        ("get", reverse("pacts-workspace:action", kwargs={"slug": slug, "pk": agenda["action"].pk})),
        ("post", reverse("pacts-workspace:action", kwargs={"slug": slug, "pk": agenda["action"].pk})),
        ("get", reverse("pacts-workspace:history", kwargs={"slug": slug, "kind": "doel", "pk": agenda["goal"].pk})),
        (
            "get",
            reverse(
                "pacts-workspace:history", kwargs={"slug": slug, "kind": "indicator", "pk": agenda["goal_indicator"].pk}
            ),
        ),
        (
            "post",
            reverse(
                "pacts-workspace:archive", kwargs={"slug": slug, "kind": "indicatoren", "pk": agenda["indicator"].pk}
            ),
        ),
        ("get", reverse("pacts-workspace:measurement-new", kwargs={"slug": slug, "pk": agenda["goal_indicator"].pk})),
        ("get", reverse("pacts-workspace:export", kwargs={"slug": slug, "fmt": "csv"})),
    ]


def test_pacts_someone_elses_objects_are_404(client_as, pact, agenda):
    client = client_as("other_coordinator")
    statuses = {url: getattr(client, method)(url).status_code for method, url in _pact_addresses(pact, agenda)}
    assert set(statuses.values()) == {404}, statuses


def test_pacts_read_only_is_403_and_the_own_coordinator_gets_in(client_as, pact, agenda):
    action_url = reverse("pacts-workspace:action", kwargs={"slug": pact.slug, "pk": agenda["action"].pk})
    history = reverse("pacts-workspace:history", kwargs={"slug": pact.slug, "kind": "actie", "pk": agenda["action"].pk})
    ministry = client_as("ministry")
    assert ministry.get(history).status_code == 200
    assert ministry.get(action_url).status_code == 403
    assert ministry.post(history, {"history_id": 1, "expected_version": 1}).status_code == 403
    assert client_as("coordinator").get(action_url).status_code == 200


def test_koplopers_someone_elses_koploper_and_an_application_are_404(client_as):
    other = KoploperFactory(slug="andere-koploper")
    application = KoploperFactory(status=KoploperStatus.APPLIED)
    client = client_as("koploper_coordinator")
    addresses = [
        ("get", reverse("koplopers-workspace:koploper", kwargs={"slug": other.slug})),
        ("post", reverse("koplopers-workspace:koploper", kwargs={"slug": other.slug})),
        ("get", reverse("koplopers-workspace:history", kwargs={"slug": other.slug})),
        ("post", reverse("koplopers-workspace:result-new", kwargs={"slug": other.slug})),
        ("get", reverse("koplopers-workspace:support", kwargs={"slug": other.slug})),
        # An application is the national team's: to anyone else it is someone else's object (it answered 403).
        ("get", reverse("koplopers-workspace:review", kwargs={"pk": application.pk})),
        ("post", reverse("koplopers-workspace:review", kwargs={"pk": application.pk})),
    ]
    statuses = {(m, url): getattr(client, m)(url).status_code for m, url in addresses}
    assert set(statuses.values()) == {404}, statuses
    for role in ("ministry", "coordinator"):
        url = reverse("koplopers-workspace:review", kwargs={"pk": application.pk})
        assert client_as(role).get(url).status_code == 404
    assert (
        client_as("national_team").get(reverse("koplopers-workspace:review", kwargs={"pk": application.pk})).status_code
        == 200
    )


def test_koplopers_read_only_is_403(client_as):
    own = client_as("koploper_coordinator").user.coordinated_koplopers.get()
    ministry = client_as("ministry")
    url = reverse("koplopers-workspace:koploper", kwargs={"slug": own.slug})
    assert ministry.get(url).status_code == 200
    assert ministry.post(url, {"summary": "X", "expected_version": 1}).status_code == 403
    assert ministry.post(reverse("koplopers-workspace:history", kwargs={"slug": own.slug}), {}).status_code == 403


def test_volgspot_someone_elses_session_dashboard_and_report_are_404(client_as, pact, settings, tmp_path):
    ambition = AmbitionFactory(pact=pact)
    session = VolgspotSession.objects.create(pact=pact, round=1, held_on=datetime.date(2017, 6, 1), status="held")
    report = ProgressReport.objects.create(
        scope="pact", pact=pact, period_start=datetime.date(2017, 1, 1), period_end=datetime.date(2017, 12, 31)
    )
    client = client_as("other_coordinator")
    addresses = [
        ("get", reverse("volgspot:pact", kwargs={"slug": pact.slug})),
        ("get", reverse("volgspot:session", kwargs={"pk": session.pk})),
        ("post", reverse("volgspot:session", kwargs={"pk": session.pk})),
        ("get", reverse("volgspot:review", kwargs={"pk": session.pk, "ambition_pk": ambition.pk})),
        ("post", reverse("volgspot:agreement-new", kwargs={"pk": session.pk})),
        ("post", reverse("volgspot:session-finalise", kwargs={"pk": session.pk})),
        ("get", reverse("volgspot:session-new", kwargs={"slug": pact.slug})),
        ("get", reverse("volgspot:report", kwargs={"pk": report.pk})),
        ("get", reverse("regels-workspace:from-session", kwargs={"session_pk": session.pk})),
    ]
    statuses = {(m, url): getattr(client, m)(url).status_code for m, url in addresses}
    assert set(statuses.values()) == {404}, statuses
    ministry = client_as("ministry")
    assert ministry.get(reverse("volgspot:session", kwargs={"pk": session.pk})).status_code == 200
    assert ministry.post(reverse("volgspot:agreement-new", kwargs={"pk": session.pk})).status_code == 403


def test_regels_a_case_of_another_ministry_or_for_a_coordinator_is_404(client_as):
    case = CaseFactory(assigned_ministry="OCW")  # the ministry fixture is VWS staff
    url = reverse("regels-workspace:case", kwargs={"pk": case.pk})
    assert client_as("ministry").get(url).status_code == 404
    assert client_as("ministry").post(url, {"step": "answer", "answer": "x", "outcome": "open"}).status_code == 404
    assert client_as("coordinator").get(url).status_code == 404
    assert client_as("national_team").get(url).status_code == 200
    own = CaseFactory(assigned_ministry="VWS")
    assert client_as("ministry").get(reverse("regels-workspace:case", kwargs={"pk": own.pk})).status_code == 200


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("coordinator", 403), ("ministry", 200), ("national_team", 200), ("superuser", 200)],
)
def test_the_pages_of_a_role_are_403_for_the_other_roles(client_as, role, status):
    """Not an object but a role's page (the case queue): a named rule in zorgpact.permissions says who."""
    assert client_as(role).get(reverse("regels-workspace:queue")).status_code == status
