import datetime

import factory

from pacts.constants import ImportStatus, IndicatorKind
from pacts.models import (
    Action,
    AgendaImport,
    Ambition,
    Goal,
    Indicator,
    Measurement,
    MeasurementReminder,
    Pact,
    Participation,
)
from tests.zorgpact.factories import OrganisationFactory, UserFactory


class PactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pact

    name = factory.Sequence(lambda n: f"Voorbeeldpact {n}")
    slug = factory.Sequence(lambda n: f"voorbeeldpact-{n}")
    is_synthetic = True
    source = "test"


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    pact = factory.SubFactory(PactFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class AmbitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ambition

    pact = factory.SubFactory(PactFactory)
    title = factory.Sequence(lambda n: f"Ambitie {n}")


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    ambition = factory.SubFactory(AmbitionFactory)
    title = factory.Sequence(lambda n: f"Doel {n}")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    pact = factory.SubFactory(PactFactory)
    title = factory.Sequence(lambda n: f"Actie {n}")
    source = "test"


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    action = factory.SubFactory(ActionFactory)
    kind = IndicatorKind.OUTPUT
    name = factory.Sequence(lambda n: f"Indicator {n}")
    unit = "studenten"
    baseline = 10
    target = 50


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measurement

    indicator = factory.SubFactory(IndicatorFactory)
    measured_on = factory.Sequence(lambda n: datetime.date(2017, 1, 1) + datetime.timedelta(days=n))
    value = 20


class MeasurementReminderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeasurementReminder

    indicator = factory.SubFactory(IndicatorFactory)
    due_on = factory.Sequence(lambda n: datetime.date(2018, 1, 1) + datetime.timedelta(days=n))


class AgendaImportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaImport

    pact = factory.SubFactory(PactFactory)
    created_by = factory.SubFactory(UserFactory)
    file_name = "actieagenda.csv"
    status = ImportStatus.PREVIEWED
    plan = factory.LazyFunction(lambda: [{"row": 2, "kind": "action", "fields": {"title": "Nieuwe actie"}}])
    total = 1
