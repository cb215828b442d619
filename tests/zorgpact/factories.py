import factory

from zorgpact.constants import EducationLevel, Pillar
from zorgpact.models import Organisation, Theme, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]

    email = factory.Sequence(lambda n: f"persoon{n}@voorbeeld.test")
    name = factory.Sequence(lambda n: f"Persoon {n}")
    password = factory.django.Password("geheim-wachtwoord-123")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Voorbeeldorganisatie {n}")
    pillar = Pillar.CARE
    is_synthetic = True

    class Params:
        school = factory.Trait(pillar=Pillar.EDUCATION, education_level=EducationLevel.MBO)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")
