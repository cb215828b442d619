from celery import shared_task
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from zorgpact.core.mail import portal_link, send_once

from .constants import CaseStatus
from .models import Case

SENT_KEY = "mail:case-confirmation:{pk}"


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def send_report_confirmation(self, case_pk: int) -> bool:
    """Confirm a report with its reference and private status link. Re-fetches; never mails twice."""
    case = Case.objects.filter(pk=case_pk).first()
    if case is None or not case.reporter_email:
        return False
    link = portal_link(reverse("regels:status", args=[case.status_token]))
    with translation.override("nl"):
        subject = _("Your question to Ruimte in de regels: %(reference)s") % {"reference": case.reference}
        body = _(
            "Dear %(name)s,\n\nWe have received your question. Its reference is %(reference)s. Follow its status and "
            "read the answer at this private link (do not share it):\n\n%(link)s\n\nThe national Zorgpact team"
        ) % {"name": case.reporter_name, "reference": case.reference, "link": link}
    return send_once(self, key=SENT_KEY.format(pk=case.pk), subject=subject, body=body, to=case.reporter_email)


ANSWER_KEY = "mail:case-answer:{pk}:{version}"


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def send_answer_notice(self, case_pk: int) -> bool:
    """Tell the reporter the answer is there (on the private status page). One mail per answer."""
    case = Case.objects.filter(pk=case_pk).first()
    if case is None or not case.reporter_email or case.status != CaseStatus.ANSWERED:
        return False
    link = portal_link(reverse("regels:status", args=[case.status_token]))
    with translation.override("nl"):
        subject = _("There is an answer to your question %(reference)s") % {"reference": case.reference}
        body = _(
            "Dear %(name)s,\n\nThere is an answer to your question. Read it here:\n\n%(link)s\n\nThe national Zorgpact team"
        ) % {"name": case.reporter_name, "link": link}
    return send_once(
        self,
        key=ANSWER_KEY.format(pk=case.pk, version=case.version),
        subject=subject,
        body=body,
        to=case.reporter_email,
    )


@shared_task
def anonymise_reporters() -> int:
    """Periodic (beat): personal data of reporters is removed REPORTER_RETENTION_MONTHS after a case closed."""
    from .services import anonymise_closed_cases

    return anonymise_closed_cases(older_than_days=settings.REPORTER_RETENTION_MONTHS * 30)
