import factory

from koplopers.constants import KoploperStatus
from koplopers.models import Koploper, KoploperPartner


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
