import datetime

import factory

from tests.pacts.factories import PactFactory
from volgspot.models import Agreement, VolgspotSession


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
