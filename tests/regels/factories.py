import factory

from regels.constants import CaseStatus, SchemeKind
from regels.models import Case, CaseEvent, FormerCaseSlug, Scheme


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


class CaseEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseEvent

    case = factory.SubFactory(CaseFactory)
    from_status = CaseStatus.SUBMITTED
    to_status = CaseStatus.TRIAGED
    user = factory.SubFactory("tests.zorgpact.factories.UserFactory")


class FormerCaseSlugFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FormerCaseSlug

    case = factory.SubFactory(CaseFactory)
    slug = factory.Sequence(lambda n: f"vroeger-adres-{n}")
