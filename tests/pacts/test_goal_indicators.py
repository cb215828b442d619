"""An effect indicator measures a goal, not an action: it reaches its pact through goal → ambition → pact, and every
page that scopes an object to a pact (permissions, archive, history, measurements) knows that one path."""

import datetime

import pytest

from pacts.models import Indicator, Measurement
from tests.pacts.factories import GoalFactory, MeasurementFactory
from zorgpact.permissions import can_edit, pact_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def effect(pact):
    goal = GoalFactory(ambition__pact=pact, title="Minder uitval")
    return Indicator.objects.create(goal=goal, kind="effect", name="Uitval eerste jaar", unit="%", target=10)


def test_the_pact_of_a_goal_level_indicator_and_its_measurement(effect, pact, coordinator, other_coordinator):
    measurement = MeasurementFactory(indicator=effect)
    assert pact_of(effect) == pact and pact_of(measurement) == pact
    assert can_edit(coordinator, effect) and can_edit(coordinator, measurement)
    assert not can_edit(other_coordinator, effect)
    for model, obj in ((Indicator, effect), (Measurement, measurement)):
        assert list(model.objects.in_pact(pact)) == [obj]
        assert list(model.objects.visible_to(coordinator)) == [obj]
        assert not model.objects.visible_to(other_coordinator).exists()


def test_add_a_measurement_to_a_goal_level_indicator(client, coordinator, pact, effect):
    client.force_login(coordinator)
    url = f"/werkruimte/pacten/{pact.slug}/indicatoren/{effect.pk}/metingen/nieuw/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"measured_on": "2018-03-01", "value": "12"})
    assert response.status_code == 302
    assert effect.measurements.get().measured_on == datetime.date(2018, 3, 1)


def test_a_goal_level_indicator_history_page(client, coordinator, pact, effect):
    client.force_login(coordinator)
    response = client.get(f"/werkruimte/pacten/{pact.slug}/geschiedenis/indicator/{effect.pk}/")
    assert response.status_code == 200 and "Uitval eerste jaar" in response.text


def test_another_pacts_goal_level_indicator_stays_a_404(client, other_coordinator, other_pact, pact, effect):
    client.force_login(other_coordinator)
    for url in (
        f"/werkruimte/pacten/{other_pact.slug}/indicatoren/{effect.pk}/metingen/nieuw/",
        f"/werkruimte/pacten/{other_pact.slug}/geschiedenis/indicator/{effect.pk}/",
        f"/werkruimte/pacten/{pact.slug}/geschiedenis/indicator/{effect.pk}/",
    ):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(
            f"/werkruimte/pacten/{other_pact.slug}/indicatoren/{effect.pk}/archiveren/",
            {"archive": "1", "expected_version": effect.version},
        ).status_code
        == 404
    )
    effect.refresh_from_db()
    assert effect.archived_at is None


def test_the_workspace_lists_goal_level_indicators_with_their_links(client, coordinator, pact, effect):
    MeasurementFactory(indicator=effect, value=14)
    client.force_login(coordinator)
    page = client.get(f"/werkruimte/pacten/{pact.slug}/").text
    assert "Uitval eerste jaar" in page
    assert f"indicatoren/{effect.pk}/metingen/nieuw/" in page
    assert f"geschiedenis/indicator/{effect.pk}/" in page
    assert f"indicatoren/{effect.pk}/archiveren/" in page


def test_its_coordinator_archives_and_restores_a_goal_level_indicator(client_as, pact, effect):
    """Archive knew only `action__pact`, so archiving a goal-level indicator answered 404 to its own coordinator."""
    from django.urls import reverse

    from zorgpact.constants import AuditEventType
    from zorgpact.models import AuditEvent

    client = client_as("coordinator")
    url = reverse("pacts-workspace:archive", kwargs={"slug": pact.slug, "kind": "indicatoren", "pk": effect.pk})
    assert client.post(url, {"archive": "1", "expected_version": effect.version}).status_code == 302
    effect.refresh_from_db()
    assert effect.archived_at is not None
    assert AuditEvent.objects.filter(event=AuditEventType.UNPUBLISHED, detail="archived").count() == 1
    assert client.post(url, {"archive": "0", "expected_version": effect.version - 1}).status_code == 302  # stale
    effect.refresh_from_db()
    assert effect.archived_at is not None  # a stale version changes nothing
    assert client.post(url, {"archive": "0", "expected_version": effect.version}).status_code == 302
    effect.refresh_from_db()
    assert effect.archived_at is None
