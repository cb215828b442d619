from celery import shared_task
from django.utils import translation
from django.utils.translation import gettext as _

from zorgpact.core.mail import send_once

from .models import Koploper

SENT_KEY = "mail:kopgroep-application:{pk}"


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def send_application_confirmation(self, koploper_pk: int) -> bool:
    """Confirm a Kopgroep application to its contact. Re-fetches; a re-delivered task sends no second mail."""
    koploper = Koploper.objects.filter(pk=koploper_pk).first()
    if koploper is None or not koploper.contact_email:
        return False
    with translation.override("nl"):
        subject = _("Your application for the Zorgpact Kopgroep: %(name)s") % {"name": koploper.name}
        body = _(
            "Dear %(contact)s,\n\nThank you for applying %(name)s for the Kopgroep of the Zorgpact. The national team "
            "reviews every application against the criteria: a partnership of education and care or welfare, visible "
            "results, and applicable elsewhere. You will hear from us by e-mail.\n\nReference: K-%(pk)05d\n\n"
            "The national Zorgpact team"
        ) % {"contact": koploper.contact_name, "name": koploper.name, "pk": koploper.pk}
    return send_once(self, key=SENT_KEY.format(pk=koploper.pk), subject=subject, body=body, to=koploper.contact_email)


DECIDED_KEY = "mail:kopgroep-decision:{pk}:{status}"


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def send_application_decision(self, koploper_pk: int) -> bool:
    """Tell the applicant the national team's decision. Re-fetches; one mail per decision."""
    from .constants import KoploperStatus

    koploper = Koploper.objects.filter(pk=koploper_pk).first()
    if (
        koploper is None
        or not koploper.contact_email
        or koploper.status not in (KoploperStatus.KOPLOPER, KoploperStatus.REJECTED)
    ):
        return False
    with translation.override("nl"):
        if koploper.status == KoploperStatus.KOPLOPER:
            subject = _("%(name)s is now a koploper of the Zorgpact") % {"name": koploper.name}
            body = _(
                "Dear %(contact)s,\n\nThe national team has accepted %(name)s into the Kopgroep. Its page is now public "
                "on the portal.\n\nThe national Zorgpact team"
            ) % {"contact": koploper.contact_name, "name": koploper.name}
        else:
            subject = _("Your application for the Zorgpact Kopgroep: %(name)s") % {"name": koploper.name}
            body = _(
                "Dear %(contact)s,\n\nThe national team has not accepted %(name)s into the Kopgroep this time. "
                "The reason:\n\n%(reason)s\n\nThe national Zorgpact team"
            ) % {"contact": koploper.contact_name, "name": koploper.name, "reason": koploper.review_note}
    key = DECIDED_KEY.format(pk=koploper.pk, status=koploper.status)
    return send_once(self, key=key, subject=subject, body=body, to=koploper.contact_email)
