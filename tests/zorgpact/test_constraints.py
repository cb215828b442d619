"""Every rule that can be a database constraint is one; each refuses bad data with a Dutch message."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from koplopers.models import Adoption, Koploper, ResultFigure, check_partnership
from pacts.models import Action, Indicator, Measurement, Participation
from regels.models import Scheme
from tests.koplopers.factories import KoploperFactory, KoploperPartnerFactory
from tests.pacts.factories import ActionFactory, GoalFactory, MeasurementFactory, PactFactory
from tests.volgspot.factories import VolgspotSessionFactory
from tests.zorgpact.factories import OrganisationFactory
from volgspot.models import ProgressReport, VolgspotSession
from zorgpact.models import Organisation

D = datetime.date


def _invalid_instances():
    """(label, factory of an unsaved invalid instance, English message expected)."""
    return [
        (
            "action dates",
            lambda: Action(pact=PactFactory(), title="x", starts_on=D(2018, 1, 1), ends_on=D(2017, 1, 1)),
            "The end date cannot be before the start date.",
        ),
        (
            "participation dates",
            lambda: Participation(
                pact=PactFactory(), organisation=OrganisationFactory(), joined_on=D(2018, 1, 1), left_on=D(2017, 1, 1)
            ),
            "The date left cannot be before the date joined.",
        ),
        (
            "indicator without parent",
            lambda: Indicator(kind="output", name="x"),
            "An indicator belongs to either an action or a goal.",
        ),
        (
            "indicator percentage",
            lambda: Indicator(action=ActionFactory(), kind="output", name="x", unit="%", target=150),
            "A percentage lies between 0 and 100.",
        ),
        (
            "result figure percentage",
            lambda: ResultFigure(koploper=KoploperFactory(), label="x", value=101, unit="%"),
            "A percentage lies between 0 and 100.",
        ),
        (
            "adoption without adopter",
            lambda: Adoption(koploper=KoploperFactory(), year=2017),
            "Name the pact, organisation or region that adopted the concept.",
        ),
        (
            "scheme dates",
            lambda: Scheme(name="x", slug="x", kind="fund", starts_on=D(2018, 1, 1), ends_on=D(2014, 1, 1)),
            "The end date cannot be before the start date.",
        ),
        (
            "report period",
            lambda: ProgressReport(scope="national", period_start=D(2018, 1, 1), period_end=D(2017, 1, 1)),
            "The period cannot end before it starts.",
        ),
        (
            "report scope",
            lambda: ProgressReport(scope="pact", period_start=D(2017, 1, 1), period_end=D(2018, 1, 1)),
            "A pact report names a pact; a national report does not.",
        ),
        (
            "school level on a care organisation",
            lambda: Organisation(name="x", pillar="care", education_level="mbo"),
            "Only schools have an education level.",
        ),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("index", range(len(_invalid_instances())), ids=[c[0] for c in _invalid_instances()])
def test_rule_refuses_with_dutch_message_and_saves_nothing(index):
    _label, build, english = _invalid_instances()[index]
    instance = build()
    model = type(instance)
    before = model.objects.count()
    with translation.override("nl"):
        dutch = translation.gettext(english)
        with pytest.raises(ValidationError) as excinfo:
            instance.full_clean()
        assert dutch in str(excinfo.value.messages)
    assert dutch != english, "the message has no Dutch translation"
    # The database refuses it too, even when validation is bypassed.
    with pytest.raises(IntegrityError), transaction.atomic():
        instance.save()
    assert model.objects.count() == before


@pytest.mark.django_db
def test_one_measurement_per_indicator_and_date():
    measurement = MeasurementFactory()
    duplicate = Measurement(indicator=measurement.indicator, measured_on=measurement.measured_on, value=3)
    with translation.override("nl"):
        with pytest.raises(ValidationError) as excinfo:
            duplicate.full_clean()
        assert translation.gettext("This indicator already has a measurement on this date.") in str(excinfo.value)
    assert "Deze indicator heeft al een meting op deze datum." in str(excinfo.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    assert Measurement.objects.count() == 1


@pytest.mark.django_db
def test_one_session_per_pact_and_round():
    session = VolgspotSessionFactory(round=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        VolgspotSession.objects.create(pact=session.pact, round=1, held_on=D(2018, 1, 1))
    assert VolgspotSession.objects.count() == 1


@pytest.mark.django_db
def test_unknown_status_value_is_refused_by_the_database():
    action = ActionFactory(status="planned")  # the model's default is null: not known
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.filter(pk=action.pk).update(status="bogus")
    action.refresh_from_db()
    assert action.status == "planned"


@pytest.mark.django_db
def test_goal_of_another_pact_is_refused_for_an_action():
    goal = GoalFactory()
    action = Action(pact=PactFactory(), goal=goal, title="x")
    with pytest.raises(ValidationError) as excinfo:
        action.full_clean()
    assert "goal" in excinfo.value.message_dict


@pytest.mark.django_db
def test_koploper_needs_a_school_and_a_care_partner():
    koploper = KoploperFactory()
    KoploperPartnerFactory(koploper=koploper, organisation=OrganisationFactory(pillar="care"))
    with translation.override("nl"), pytest.raises(ValidationError) as excinfo:
        koploper.full_clean()
    message = translation.gettext("A koploper needs at least one school (vmbo, mbo or hbo) as a partner.")
    assert message in excinfo.value.messages
    KoploperPartnerFactory(koploper=koploper, organisation=OrganisationFactory(school=True))
    koploper.full_clean()  # both pillars present: valid


def test_partnership_check_names_both_gaps():
    with pytest.raises(ValidationError) as excinfo:
        check_partnership([Organisation(name="Gemeente", pillar="government")])
    assert len(excinfo.value.messages) == 2


@pytest.mark.django_db
def test_wo_is_not_a_school_for_the_kopgroep():
    with pytest.raises(ValidationError):
        check_partnership([OrganisationFactory(pillar="education", education_level="wo"), OrganisationFactory()])
    assert Koploper.objects.count() == 0
