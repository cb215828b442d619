import datetime

import pytest

from pacts.models import Pact
from regels.models import Case
from tests.pacts.factories import ActionFactory, AmbitionFactory, IndicatorFactory, MeasurementFactory
from volgspot.models import Agreement, AmbitionReview, ProgressReport, VolgspotSession
from zorgpact.models import Phase

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(pact):
    AmbitionFactory(pact=pact, title="Meer instroom")
    return VolgspotSession.objects.create(pact=pact, round=1, held_on=datetime.date(2017, 6, 1), status="held")


@pytest.mark.parametrize(
    "role, read, write",
    [
        ("coordinator", 200, 302),
        ("other_coordinator", 404, 404),
        ("ministry_staff", 200, 403),
        ("national_team", 200, 302),
        ("anonymous", 302, 302),
    ],
)
def test_session_permission_matrix(client, request, role, read, write, session):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    assert client.get(f"/volgspot/bijeenkomsten/{session.pk}/").status_code == read
    response = client.post(
        f"/volgspot/bijeenkomsten/{session.pk}/afspraken/nieuw/", {"text": "Afspraak", "status": "open"}
    )
    assert response.status_code == write
    assert Agreement.objects.exists() == (write == 302 and role != "anonymous")


def test_plan_review_agree_and_finalise(
    client, coordinator, pact, django_capture_on_commit_callbacks, eager_tasks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    ambition = AmbitionFactory(pact=pact, title="Meer instroom")
    indicator = IndicatorFactory(action=ActionFactory(pact=pact))
    MeasurementFactory(indicator=indicator, measured_on=datetime.date(2017, 5, 1), value=10)
    MeasurementFactory(indicator=indicator, measured_on=datetime.date(2018, 5, 1), value=25)
    first = VolgspotSession.objects.create(pact=pact, round=1, held_on=datetime.date(2017, 6, 1), status="final")
    Agreement.objects.create(session=first, text="Rooster afstemmen", status="open")
    client.force_login(coordinator)
    response = client.post(
        f"/volgspot/pacten/{pact.slug}/bijeenkomsten/nieuw/",
        {"round": 2, "held_on": "2018-06-01", "status": "held", "phase": Phase.objects.get(order=3).pk},
    )
    session = VolgspotSession.objects.get(round=2)
    assert response["Location"] == f"/volgspot/bijeenkomsten/{session.pk}/"
    page = client.get(f"/volgspot/bijeenkomsten/{session.pk}/")
    prep = page.context["prep"]
    assert [a.text for a in prep["open_agreements"]] == ["Rooster afstemmen"]
    assert prep["indicator_changes"][0]["change"] == 15
    assert (
        client.post(
            f"/volgspot/bijeenkomsten/{session.pk}/ambities/{ambition.pk}/",
            {"progress": "Goed op weg", "assessment": "on_track", "effects_students": "Meer zelfvertrouwen"},
        ).status_code
        == 302
    )
    assert AmbitionReview.objects.get(session=session).effects_students == "Meer zelfvertrouwen"
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            client.post(
                f"/volgspot/bijeenkomsten/{session.pk}/definitief/", {"expected_version": session.version}
            ).status_code
            == 302
        )
    session.refresh_from_db()
    assert session.status == "final" and session.finalised_at
    assert Pact.objects.get(pk=pact.pk).phase.order == 3  # the phase history follows the sessions
    assert Agreement.objects.get(text="Rooster afstemmen").followed_up_in == session
    assert ProgressReport.objects.get(pact=pact).status == "done"  # finalising builds the pact's report
    # final is read-only
    assert (
        client.post(
            f"/volgspot/bijeenkomsten/{session.pk}/",
            {"round": 2, "held_on": "2018-06-01", "status": "held", "expected_version": session.version},
        ).status_code
        == 403
    )
    assert (
        client.post(
            f"/volgspot/bijeenkomsten/{session.pk}/afspraken/nieuw/", {"text": "Te laat", "status": "open"}
        ).status_code
        == 403
    )
    assert not Agreement.objects.filter(text="Te laat").exists()


def test_obstacle_from_a_session_becomes_a_linked_case(client, coordinator, session):
    client.force_login(coordinator)
    response = client.post(
        f"/werkruimte/casussen/uit-bijeenkomst/{session.pk}/", {"question": "Mag de stage in de wijk?"}
    )
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.raised_in == session and session.pact in case.pacts.all() and case.status == "submitted"
    assert "Mag de stage in de wijk?" in client.get(f"/volgspot/bijeenkomsten/{session.pk}/").text  # both ways


def test_a_saved_date_shows_in_the_date_field(client, coordinator, session):
    """The date picker needs an ISO value: the localised one ("01-06-2018") was dropped, so the edit form showed the
    session's date as empty and saving it again without looking would have failed."""
    client.force_login(coordinator)
    body = client.get(f"/volgspot/bijeenkomsten/{session.pk}/").text
    assert f'type="date" name="held_on" value="{session.held_on:%Y-%m-%d}"' in body
