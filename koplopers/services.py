"""Writes that span models for koplopers."""

from typing import TypeVar

from django.db import transaction
from django.utils import timezone

from zorgpact.constants import (
    APPLICATION_SOURCE,  # noqa: E402,F401  (kept importable from here)
    AuditEventType,
)
from zorgpact.core import audit
from zorgpact.core.queue import enqueue_on_commit
from zorgpact.core.slugs import unique_slug
from zorgpact.core.versioning import save_refusing_clashes
from zorgpact.models import Organisation, User
from zorgpact.services import find_or_create_organisation

from .constants import KoploperStatus, PartnerRole
from .models import Adoption, Koploper, KoploperPartner, ResultFigure, SupportRequest


@transaction.atomic
def submit_application(*, koploper: Koploper, partners: list[Organisation], themes, provinces) -> Koploper:
    """Store a Kopgroep application: not public until the national team accepts it.

    Partners are matched on name with existing organisations (case-insensitive), so an application does not
    add a second "ROC Zeeland"; unknown ones are added with the type the applicant gave.
    """
    koploper.status = KoploperStatus.APPLIED
    koploper.applied_at = timezone.now()
    koploper.slug = unique_slug(Koploper, koploper.name, fallback="koploper")
    koploper.source = APPLICATION_SOURCE
    koploper.save()
    koploper.themes.set(themes)
    koploper.provinces.set(provinces)
    for index, partner in enumerate(partners):
        organisation = find_or_create_organisation(organisation=partner, source=APPLICATION_SOURCE)
        KoploperPartner.objects.get_or_create(
            koploper=koploper,
            organisation=organisation,
            defaults={"role": PartnerRole.INITIATOR if index == 0 else PartnerRole.PARTNER},
        )
    from .tasks import send_application_confirmation

    enqueue_on_commit(send_application_confirmation, koploper.pk, run_here_if_broker_down=True)
    return koploper


KoploperItem = TypeVar("KoploperItem", ResultFigure, Adoption, SupportRequest)


@transaction.atomic
def add_to_koploper(*, koploper: Koploper, item: KoploperItem, added_by: User) -> KoploperItem:
    """Add a result figure, an adoption or a request for tailored support to `koploper` (the caller has checked that
    `added_by` may change it). A support request records who asked. A row the database refuses (a rule the form did
    not see) raises the ValidationError that names the rule; nothing is saved."""
    item.koploper = koploper
    if isinstance(item, SupportRequest):
        item.requested_by = added_by
    return save_refusing_clashes(item)


class ReviewError(Exception):
    pass


def criteria(koploper: Koploper) -> list[dict]:
    """The Kopgroep criteria as a checklist the national team sees next to the application."""
    from django.utils.translation import gettext as _

    from .models import has_care_partner, has_school_partner

    partners = koploper.partner_organisations()
    return [
        {"label": _("At least one school (vmbo, mbo or hbo) as a partner"), "met": has_school_partner(partners)},
        {"label": _("At least one care or welfare organisation as a partner"), "met": has_care_partner(partners)},
        {"label": _("Visible results"), "met": bool(koploper.results_text.strip()) or koploper.result_figures.exists()},
        {"label": _("Applicable elsewhere"), "met": bool(koploper.transferable_how.strip())},
    ]


@transaction.atomic
def decide_application(*, koploper: Koploper, accept: bool, reason: str, expected_version: int) -> Koploper:
    """Accept (publish) or reject a Kopgroep application; the applicant hears by e-mail either way."""
    from django.core.exceptions import ValidationError

    from zorgpact.core.versioning import save_versioned

    from .models import check_partnership
    from .tasks import send_application_decision

    if koploper.status not in (KoploperStatus.APPLIED, KoploperStatus.IN_REVIEW):
        raise ReviewError("already decided")
    if accept:
        check_partnership(koploper.partner_organisations())
        koploper.status = KoploperStatus.KOPLOPER
    else:
        if not reason.strip():
            raise ValidationError({"reason": "A rejection needs a reason."})
        koploper.status = KoploperStatus.REJECTED
    koploper.review_note = reason.strip()
    save_versioned(instance=koploper, expected_version=expected_version)
    if accept:
        audit.record(AuditEventType.PUBLISHED, target=koploper, detail="Kopgroep application accepted")
    enqueue_on_commit(send_application_decision, koploper.pk, run_here_if_broker_down=True)
    return koploper
