import factory

from koplopers.constants import KoploperStatus, SupportTopic
from koplopers.models import Adoption, Koploper, KoploperPartner, ResultFigure, SupportRequest


class KoploperFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Koploper

    name = factory.Sequence(lambda n: f"Voorbeeldkoploper {n}")
    slug = factory.Sequence(lambda n: f"voorbeeldkoploper-{n}")
    status = KoploperStatus.KOPLOPER
    summary = "Een voorbeeld van samenwerking tussen zorg en onderwijs."
    is_synthetic = True
    source = "test"


class KoploperPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KoploperPartner

    koploper = factory.SubFactory(KoploperFactory)
    organisation = factory.SubFactory("tests.zorgpact.factories.OrganisationFactory")


class ResultFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResultFigure

    koploper = factory.SubFactory(KoploperFactory)
    label = factory.Sequence(lambda n: f"Studenten begeleid {n}")
    value = 24
    unit = "studenten"
    year = 2018


class AdoptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Adoption

    koploper = factory.SubFactory(KoploperFactory)
    region = factory.Sequence(lambda n: f"Regio {n}")
    year = 2019


class SupportRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportRequest

    koploper = factory.SubFactory(KoploperFactory)
    topic = SupportTopic.EFFECT_RESEARCH
    question = "Hoe meten wij het effect op de instroom?"
    requested_by = factory.SubFactory("tests.zorgpact.factories.UserFactory")
