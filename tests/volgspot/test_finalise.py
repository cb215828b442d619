"""Finalising a Volgspot session: a service with the version check; a stale or made-up version is the conflict
screen (409), and an edit of the pact saved meanwhile is kept."""

import datetime

import pytest

from pacts.models import Pact
from tests.pacts.factories import AmbitionFactory
from volgspot.models import Agreement, ProgressReport, VolgspotSession
from volgspot.services import finalise_session
from zorgpact.core.versioning import VersionConflict, save_versioned
from zorgpact.models import Phase

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(pact):
    AmbitionFactory(pact=pact, title="Meer instroom")
    return VolgspotSession.objects.create(
        pact=pact, round=2, held_on=datetime.date(2018, 6, 1), status="held", phase=Phase.objects.get(order=3)
    )


@pytest.mark.parametrize("version", ["0", "abc", "", "-5", "99999999999999999999", "stale"])
def test_finalise_with_a_stale_or_made_up_version_is_the_conflict_screen(client, coordinator, session, version):
    if version == "stale":
        version = str(session.version)
        session.summary = "Intussen aangevuld"
        save_versioned(instance=session, expected_version=session.version)
    client.force_login(coordinator)

    response = client.post(f"/volgspot/bijeenkomsten/{session.pk}/definitief/", {"expected_version": version})

    assert response.status_code == 409
    assert "Iemand anders heeft dit onderdeel gewijzigd" in response.text  # the Dutch conflict message on the page
    session.refresh_from_db()
    assert session.status == "held" and session.finalised_at is None
    assert not ProgressReport.objects.exists()
    assert Pact.objects.get(pk=session.pact_id).phase is None  # nothing of the finalise happened


def test_finalise_keeps_a_pact_edit_saved_meanwhile(coordinator, session):
    loaded = VolgspotSession.objects.select_related("pact").get(pk=session.pk)  # as the view loads it
    pact = Pact.objects.get(pk=session.pact_id)
    pact.ambition_text = "Intussen door de coördinator aangepast"
    save_versioned(instance=pact, expected_version=pact.version)  # the pact is now at version 2

    finalise_session(session=loaded, expected_version=loaded.version, user=coordinator)

    pact = Pact.objects.get(pk=session.pact_id)
    assert pact.ambition_text == "Intussen door de coördinator aangepast"  # kept
    assert pact.phase.order == 3  # and the session's phase added to it
    assert pact.version == 3
    assert pact.history.first().phase_id == pact.phase_id  # through save(): the phase change is in the history


def test_finalise_follows_up_agreements_without_losing_their_edits(coordinator, session, pact):
    first = VolgspotSession.objects.create(pact=pact, round=1, held_on=datetime.date(2017, 6, 1), status="final")
    agreement = Agreement.objects.create(session=first, text="Rooster afstemmen", status="open")
    stale = Agreement.objects.get(pk=agreement.pk)
    stale.status = "running"
    save_versioned(instance=stale, expected_version=stale.version)

    finalise_session(session=session, expected_version=session.version, user=coordinator)

    agreement.refresh_from_db()
    assert agreement.followed_up_in == session and agreement.status == "running" and agreement.version == 3


def test_the_service_refuses_a_stale_session_version(coordinator, session):
    with pytest.raises(VersionConflict):
        finalise_session(session=session, expected_version=session.version + 1, user=coordinator)
    session.refresh_from_db()
    assert session.status == "held"


def test_a_second_session_for_a_round_is_a_form_error_not_a_500(client, coordinator, pact, session):
    client.force_login(coordinator)
    response = client.post(
        f"/volgspot/pacten/{pact.slug}/bijeenkomsten/nieuw/",
        {"round": session.round, "held_on": "2018-09-01", "status": "planned"},
    )
    assert response.status_code == 400
    assert "Dit pact heeft al een bijeenkomst voor deze ronde." in response.text
    assert VolgspotSession.objects.filter(pact=pact).count() == 1
