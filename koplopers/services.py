"""Writes that span models for koplopers."""

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from zorgpact.models import Organisation

from .constants import KoploperStatus, PartnerRole
from .models import Koploper, KoploperPartner

APPLICATION_SOURCE = "Kopgroep-aanmelding via het portaal"


def unique_slug(name: str) -> str:
    base = slugify(name)[:180] or "koploper"
    slug, n = base, 1
    while Koploper.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def submit_application(*, koploper: Koploper, partners: list[Organisation], themes, provinces) -> Koploper:
    """Store a Kopgroep application: not public until the national team accepts it.

    Partners are matched on name with existing organisations (case-insensitive), so an application does not
    add a second "ROC Zeeland"; unknown ones are added with the type the applicant gave.
    """
    koploper.status = KoploperStatus.APPLIED
    koploper.applied_at = timezone.now()
    koploper.slug = unique_slug(koploper.name)
    koploper.source = APPLICATION_SOURCE
    koploper.save()
    koploper.themes.set(themes)
    koploper.provinces.set(provinces)
    for index, partner in enumerate(partners):
        organisation = Organisation.objects.filter(name__iexact=partner.name).first()
        if organisation is None:
            partner.source = APPLICATION_SOURCE
            partner.save()
            organisation = partner
        KoploperPartner.objects.get_or_create(
            koploper=koploper,
            organisation=organisation,
            defaults={"role": PartnerRole.INITIATOR if index == 0 else PartnerRole.PARTNER},
        )
    from .tasks import send_application_confirmation

    transaction.on_commit(lambda: send_application_confirmation.delay(koploper.pk))
    return koploper
