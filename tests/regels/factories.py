import factory

from regels.constants import SchemeKind
from regels.models import Case, Scheme


class SchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scheme

    name = factory.Sequence(lambda n: f"Voorbeeldregeling {n}")
    slug = factory.Sequence(lambda n: f"voorbeeldregeling-{n}")
    kind = SchemeKind.SUBSIDY
    source = "test"


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    title = factory.Sequence(lambda n: f"Casus {n}")
    slug = factory.Sequence(lambda n: f"casus-{n}")
    question = "Mag dit binnen de regels?"
    public_question = "Openbare vraag bij deze casus."
