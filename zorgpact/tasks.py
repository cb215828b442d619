from celery import shared_task

from .models import Organisation


@shared_task
def ping() -> dict:
    """Round trip through the broker and the database: used by the health check of the worker."""
    return {"pong": True, "organisations": Organisation.objects.count()}


@shared_task
def prune_audit_log() -> int:
    """Periodic (beat): security events are kept AUDIT_RETENTION_MONTHS, then deleted (AVG: no longer than needed)."""
    from django.conf import settings
    from django.utils import timezone

    from .models import AuditEvent

    cutoff = timezone.now() - timezone.timedelta(days=settings.AUDIT_RETENTION_MONTHS * 30)
    deleted, _ = AuditEvent.objects.filter(at__lt=cutoff).delete()
    return deleted
