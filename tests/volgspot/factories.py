import datetime

import factory

from tests.pacts.factories import AmbitionFactory, PactFactory
from volgspot.constants import Assessment, ReportScope, SnapshotKind
from volgspot.models import Agreement, AmbitionReview, ProgressReport, Snapshot, VolgspotSession


class VolgspotSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VolgspotSession

    pact = factory.SubFactory(PactFactory)
    round = factory.Sequence(lambda n: n + 1)
    held_on = datetime.date(2017, 6, 1)


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    session = factory.SubFactory(VolgspotSessionFactory)
    text = factory.Sequence(lambda n: f"Afspraak {n}")


class AmbitionReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AmbitionReview

    session = factory.SubFactory(VolgspotSessionFactory)
    ambition = factory.SubFactory(AmbitionFactory, pact=factory.SelfAttribute("..session.pact"))
    progress = "De eerste groep studenten is gestart."
    assessment = Assessment.ON_TRACK


class ProgressReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressReport

    scope = ReportScope.PACT
    pact = factory.SubFactory(PactFactory)
    period_start = datetime.date(2017, 1, 1)
    period_end = datetime.date(2017, 12, 31)


class SnapshotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Snapshot

    kind = SnapshotKind.PACT
    title = factory.Sequence(lambda n: f"Momentopname {n}")
    pact = factory.SubFactory(PactFactory)
    data = factory.LazyFunction(lambda: {"tables": {}})
    input_hash = "0" * 64
    made_at = factory.LazyFunction(lambda: datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
