import logging

from celery import shared_task

from zorgpact.models import Organisation

log = logging.getLogger(__name__)


@shared_task
def ping() -> dict:
    """Round trip through the broker and the database: used by the health check of the worker. It also answers the
    request id it runs under (zorgpact/core/log.py): the id of the request that queued it, carried in its headers."""
    from zorgpact.core.log import current_request_id

    return {"pong": True, "organisations": Organisation.objects.count(), "request_id": current_request_id()}


@shared_task
def prune_audit_log() -> int:
    """Periodic (beat): security events are kept AUDIT_RETENTION_MONTHS, then deleted (AVG: no longer than needed)."""
    from django.conf import settings
    from django.utils import timezone

    from zorgpact.models import AuditEvent

    cutoff = timezone.now() - timezone.timedelta(days=settings.AUDIT_RETENTION_MONTHS * 30)
    deleted, _ = AuditEvent.objects.filter(at__lt=cutoff).delete()
    return deleted


@shared_task
def send_queued_mail() -> int:
    """Send the mail queue (zorgpact/core/mail.py); queued by each commit that wrote mail. Returns what is still queued."""
    from mailer import engine
    from mailer.models import Message

    engine.send_all()
    waiting = Message.objects.non_deferred().count()
    log.info("mail queue sent; %d message(s) still waiting, %d deferred", waiting, Message.objects.deferred().count())
    return waiting


@shared_task
def retry_deferred_mail() -> int:
    """Periodic (beat): mail the server refused or could not take goes back in the queue and is sent again; the
    record of sent mail (MessageLog, with addresses and text) is pruned after MAIL_LOG_RETENTION_DAYS."""
    from django.conf import settings
    from django.utils import timezone
    from mailer import engine
    from mailer.models import Message, MessageLog

    from zorgpact.models import MailKey

    retried = Message.objects.retry_deferred()
    engine.send_all()
    cutoff = timezone.now() - timezone.timedelta(days=settings.MAIL_LOG_RETENTION_DAYS)
    MessageLog.objects.filter(when_attempted__lt=cutoff).delete()
    MailKey.objects.filter(queued_at__lt=cutoff).delete()
    return retried
