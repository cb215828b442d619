"""One on-track rule and one partner-gap rule (issue 16.1): for the same pact the public pact page, the national
Volgspot dashboard (page and API), the pacts API and the PDF report's data give the same verdicts."""

import datetime

import pytest
from django.urls import reverse

from pacts.selectors import partner_verdict_text
from tests.pacts.factories import (
    ActionFactory,
    AmbitionFactory,
    GoalFactory,
    IndicatorFactory,
    MeasurementFactory,
    ParticipationFactory,
)
from tests.zorgpact.factories import OrganisationFactory
from volgspot.reports import report_data
from zorgpact.constants import EducationLevel, GovernmentLevel, Pillar

pytestmark = pytest.mark.django_db

# Measured recently (a yearly rhythm), so freshness does not decide the verdicts: the rule compares the value with the
# one expected at its date (pacts.progress).
TODAY = datetime.date.today()
FIRST, LATEST = TODAY - datetime.timedelta(days=300), TODAY - datetime.timedelta(days=30)


def _measured(indicator, first, latest):
    MeasurementFactory(indicator=indicator, measured_on=FIRST, value=first)
    MeasurementFactory(indicator=indicator, measured_on=LATEST, value=latest)
    return indicator


@pytest.fixture
def measured_pact(pact):
    """A complete partner list with gaps (no vmbo, no hbo, no municipality), and indicators on track and behind —
    of an action and of a goal, with and without a target date. A real pact: the national figures count real pacts only
    (the factory's pacts are synthetic)."""
    pact.partners_complete = True
    pact.is_synthetic = False
    pact.save()
    ParticipationFactory(pact=pact, organisation=OrganisationFactory(pillar=Pillar.CARE))
    ParticipationFactory(
        pact=pact, organisation=OrganisationFactory(pillar=Pillar.EDUCATION, education_level=EducationLevel.MBO)
    )
    ParticipationFactory(
        pact=pact, organisation=OrganisationFactory(pillar=Pillar.GOVERNMENT, government_level=GovernmentLevel.PROVINCE)
    )
    goal = GoalFactory(ambition=AmbitionFactory(pact=pact))
    action = ActionFactory(pact=pact, goal=goal, is_public=True)
    two_years = FIRST + datetime.timedelta(days=730)
    indicators = {
        # a third of the time gone: 60 % of the way is on track, 20 % is behind
        "ahead": _measured(IndicatorFactory(action=action, baseline=0, target=100, target_on=two_years), 0, 60),
        "behind": _measured(IndicatorFactory(action=action, baseline=0, target=100, target_on=two_years), 0, 20),
        # no target date: no expected value, so no verdict (said so on the page)
        "half": _measured(IndicatorFactory(action=action, baseline=10, target=50, target_on=None), 10, 35),
        "goal": _measured(
            IndicatorFactory(action=None, goal=goal, kind="effect", baseline=0, target=10, target_on=two_years), 0, 2
        ),
    }
    IndicatorFactory(action=action, target=80)  # not measured: no verdict anywhere
    return pact, indicators


def test_pact_page_dashboard_api_and_report_give_the_same_verdicts(client_as, measured_pact):
    pact, indicators = measured_pact
    anonymous = client_as("anonymous")

    # The public pact page.
    page = anonymous.get(pact.get_absolute_url())
    assert page.status_code == 200
    page_on_track, measured = {}, set()
    for item in page.context["ambitions"]:
        for goal in item["goals"]:
            rows = goal["indicators"] + [row for a in goal["actions"] for row in a["indicators"]]
            page_on_track |= {i.pk: p["on_track"] for i, p in rows}
            measured |= {i.pk for i, p in rows if p["latest"] is not None}
    page_on_track = {pk: verdict for pk, verdict in page_on_track.items() if verdict is not None}
    composition = page.context["composition"]
    by_name = {name: page_on_track[i.pk] for name, i in indicators.items() if i.pk in page_on_track}
    assert by_name == {"ahead": True, "behind": False, "goal": False}  # the rule itself, once
    assert len(page_on_track) == 3  # the unmeasured one and the one without a target date have no verdict
    assert composition.recorded and len(composition.gaps) == 3  # no vmbo, no hbo, no municipality

    # The PDF report's data.
    data = report_data(scope="pact", pact=pact, period_start=FIRST, period_end=TODAY)
    report_on_track = {i["pk"]: i["on_track"] for i in data["indicators"] if i["on_track"] is not None}
    assert report_on_track == page_on_track
    assert data["partners_recorded"] is True and data["gaps"] == [str(g) for g in composition.gaps]

    # The national Volgspot dashboard, as a page and through the API.
    ministry = client_as("ministry")
    dashboard = ministry.get(reverse("volgspot:dashboard"))
    figures = dashboard.context["figures"]
    # "on track of the measured indicators": the one without a target date is measured but has no verdict
    assert (figures["indicators"], figures["on_track"]) == (len(measured), sum(page_on_track.values()))
    verdict = partner_verdict_text(composition)
    rows = {row[0]: row[-1] for row in dashboard.context["tables"]["composition"]["rows"]}
    assert rows[pact.name] == verdict
    api = ministry.get("/api/v1/volgspot/dashboard/").json()
    assert (api["figures"]["indicators"], api["figures"]["on_track"]) == (figures["indicators"], figures["on_track"])
    api_rows = {row[0]: row[-1] for row in api["tables"]["composition"]["rows"]}
    assert api_rows[pact.name] == verdict

    # The pacts API.
    assert anonymous.get(f"/api/v1/pacts/{pact.slug}/").json()["partner_gaps"] == [str(g) for g in composition.gaps]
