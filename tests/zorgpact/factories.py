import factory
from django.contrib.contenttypes.models import ContentType

from zorgpact.constants import AuditEventType, EducationLevel, Pillar
from zorgpact.models import ApiToken, AuditEvent, Citation, MailKey, Organisation, Phase, Province, Theme, User


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


class ProvinceFactory(factory.django.DjangoModelFactory):
    """The twelve provinces come from a data migration: this finds one by its code."""

    class Meta:
        model = Province
        django_get_or_create = ["code"]

    code = "UT"
    name = "Utrecht"


class PhaseFactory(factory.django.DjangoModelFactory):
    """The four phases come from a data migration: this finds one by its order."""

    class Meta:
        model = Phase
        django_get_or_create = ["order"]

    order = 1
    name = "Verkennen"


class ApiTokenFactory(factory.django.DjangoModelFactory):
    """A token row (its key is not known: tokens made for use come from zorgpact.tokens.create_token)."""

    class Meta:
        model = ApiToken

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Koppeling {n}")
    prefix = factory.Sequence(lambda n: f"zp{n:06d}")
    key_hash = factory.Sequence(lambda n: f"{n:064x}")


class AuditEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditEvent

    event = AuditEventType.SIGNED_IN
    actor = factory.SubFactory(UserFactory)
    actor_label = factory.SelfAttribute("actor.email")


class MailKeyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MailKey

    key = factory.Sequence(lambda n: f"mail-{n}")


class CitationFactory(factory.django.DjangoModelFactory):
    """A source note on a record (a theme unless `record=` is given)."""

    class Meta:
        model = Citation
        exclude = ["record"]

    record = factory.SubFactory(ThemeFactory)
    content_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.record))
    object_id = factory.SelfAttribute("record.pk")
    document = factory.Sequence(lambda n: f"bron-{n}.pdf")
    locator = "Inleiding"
    evidence_terms = ["Zorgpact"]
