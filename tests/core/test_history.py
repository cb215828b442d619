"""History restore: an earlier version comes back through the restoring person's own edit form (its fields, its
checks, the version check and the history of an edit), never past it, and a refused restore is a Dutch message."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.utils import translation

from koplopers.constants import KoploperStatus
from koplopers.models import Koploper
from pacts.models import Indicator, Measurement, Pact
from tests.pacts.factories import GoalFactory, IndicatorFactory, MeasurementFactory, ParticipationFactory
from zorgpact.core.versioning import save_versioned

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def first_version(obj):
    return obj.history.order_by("history_id").first()


def restore(client, url, obj, record, version=None):
    obj.refresh_from_db()
    return client.post(
        url, {"history_id": record.history_id, "expected_version": obj.version if version is None else version}
    )


def test_koploper_coordinator_cannot_restore_the_status_the_national_team_set(client, koploper_coordinator):
    koploper = Koploper.objects.get(slug="de-testkamer")
    koploper.status = KoploperStatus.KOPLOPER
    koploper.save()
    before = koploper.history.order_by("-history_id").first()
    client.force_login(koploper_coordinator)
    client.post(
        "/werkruimte/koplopers/de-testkamer/", {"summary": "Later herschreven", "expected_version": koploper.version}
    )
    koploper.refresh_from_db()
    koploper.status = KoploperStatus.ARCHIVED  # the national team archives it
    save_versioned(instance=koploper, expected_version=koploper.version)

    response = restore(client, "/werkruimte/koplopers/de-testkamer/geschiedenis/", koploper, before)

    koploper.refresh_from_db()
    assert response.status_code == 302
    assert koploper.status == KoploperStatus.ARCHIVED  # not in the coordinator's form: not brought back
    assert koploper.summary == before.summary  # a field of the form is
    latest = koploper.history.order_by("-history_id").first()
    assert latest.history_user == koploper_coordinator and latest.history_change_reason.startswith("restored")


def test_pact_coordinator_cannot_revert_the_national_teams_rename(client, coordinator, pact):
    pact.region = "Oude regio"
    pact.save()
    old = pact.history.order_by("-history_id").first()
    pact.refresh_from_db()
    pact.name, pact.region = "Zorgpact Nieuwe Naam", "Nieuwe regio"  # the national team renames the pact
    save_versioned(instance=pact, expected_version=pact.version)
    client.force_login(coordinator)

    response = restore(client, f"/werkruimte/pacten/{pact.slug}/geschiedenis/pact/{pact.pk}/", pact, old)

    pact = Pact.objects.get(pk=pact.pk)
    assert response.status_code == 302, messages_of(response)
    assert pact.name == "Zorgpact Nieuwe Naam"  # the profile form has no name
    assert pact.region == "Oude regio"  # it has the region


def test_restoring_a_measurement_onto_a_date_another_now_has_is_refused_in_dutch(client, coordinator, pact):
    indicator = IndicatorFactory(action__pact=pact)
    measurement = MeasurementFactory(indicator=indicator, measured_on=datetime.date(2018, 1, 1), value=10)
    old = first_version(measurement)
    measurement.measured_on = datetime.date(2018, 2, 1)
    save_versioned(instance=measurement, expected_version=measurement.version)
    MeasurementFactory(indicator=indicator, measured_on=datetime.date(2018, 1, 1), value=12)  # the old date is taken
    client.force_login(coordinator)

    response = restore(
        client, f"/werkruimte/pacten/{pact.slug}/geschiedenis/meting/{measurement.pk}/", measurement, old
    )

    assert response.status_code == 302
    assert any(
        "kan niet worden teruggezet" in m and "heeft al een meting op deze datum" in m for m in messages_of(response)
    ), messages_of(response)
    measurement.refresh_from_db()
    assert measurement.measured_on == datetime.date(2018, 2, 1) and measurement.version == 2
    assert Measurement.objects.filter(indicator=indicator).count() == 2


def test_a_restore_is_refused_when_the_lead_is_no_longer_a_partner(client, coordinator, pact):
    """The form's own checks apply: a restore cannot bring back a lead the form would not offer."""
    leaving = ParticipationFactory(pact=pact)
    pact.lead = leaving.organisation
    pact.save()
    old = pact.history.order_by("-history_id").first()
    pact.refresh_from_db()
    pact.lead = None
    save_versioned(instance=pact, expected_version=pact.version)
    leaving.delete()
    client.force_login(coordinator)

    response = restore(client, f"/werkruimte/pacten/{pact.slug}/geschiedenis/pact/{pact.pk}/", pact, old)

    assert any("kan niet worden teruggezet" in m for m in messages_of(response)), messages_of(response)
    assert Pact.objects.get(pk=pact.pk).lead is None


@pytest.mark.parametrize("version", ["1", "0", "abc", ""])
def test_a_restore_from_a_stale_or_made_up_version_is_a_conflict_and_saves_nothing(client, coordinator, pact, version):
    indicator = IndicatorFactory(action__pact=pact, name="Eerste naam")
    old = first_version(indicator)
    indicator.name = "Tweede naam"
    save_versioned(instance=indicator, expected_version=indicator.version)  # version 2 now
    client.force_login(coordinator)

    response = client.post(
        f"/werkruimte/pacten/{pact.slug}/geschiedenis/indicator/{indicator.pk}/",
        {"history_id": old.history_id, "expected_version": version},
    )

    assert response.status_code == 302
    with translation.override("nl"):
        assert any("Iemand anders" in m for m in messages_of(response)), messages_of(response)
    indicator.refresh_from_db()
    assert indicator.name == "Tweede naam" and indicator.version == 2


@pytest.mark.parametrize("history_id", ["abc", "", "99999999999999999999", "-1"])
def test_an_unknown_version_is_a_message(client, coordinator, pact, history_id):
    indicator = IndicatorFactory(action__pact=pact)
    client.force_login(coordinator)
    response = client.post(
        f"/werkruimte/pacten/{pact.slug}/geschiedenis/indicator/{indicator.pk}/",
        {"history_id": history_id, "expected_version": indicator.version},
    )
    assert response.status_code == 302
    assert messages_of(response) == ["Die versie bestaat niet."]


def test_goal_level_indicator_history_and_restore(client, coordinator, pact):
    goal = GoalFactory(ambition__pact=pact)
    indicator = Indicator.objects.create(goal=goal, kind="effect", name="Minder uitval", unit="%", target=10)
    old = first_version(indicator)
    indicator.name = "Anders"
    save_versioned(instance=indicator, expected_version=indicator.version)
    client.force_login(coordinator)
    url = f"/werkruimte/pacten/{pact.slug}/geschiedenis/indicator/{indicator.pk}/"
    assert client.get(url).status_code == 200
    restore(client, url, indicator, old)
    indicator.refresh_from_db()
    assert indicator.name == "Minder uitval" and indicator.goal == goal


def test_ministry_staff_may_read_a_history_but_not_restore(client, ministry_staff, pact):
    indicator = IndicatorFactory(action__pact=pact)
    client.force_login(ministry_staff)
    url = f"/werkruimte/pacten/{pact.slug}/geschiedenis/indicator/{indicator.pk}/"
    assert client.get(url).status_code == 200
    assert restore(client, url, indicator, first_version(indicator)).status_code == 403
