from celery import shared_task
from django.db import DatabaseError, transaction
from django.utils import timezone

from .constants import ImportStatus
from .models import AgendaImport


@shared_task(bind=True, max_retries=3, retry_backoff=True, retry_jitter=True)
def apply_agenda_import(self, import_pk: int) -> str:
    """Apply one confirmed agenda import. Re-fetches; a finished import is left alone, so a redelivered task does
    nothing twice (the changes and the `done` status commit together).

    An import being applied by another message (a re-sent duplicate) is left to it; the same message delivered again
    (its worker died mid-import, which rolled the import back) applies it afresh.
    """
    from .spreadsheet import run_import

    with transaction.atomic():
        agenda_import = AgendaImport.objects.select_for_update().select_related("pact").filter(pk=import_pk).first()
        if agenda_import is None or agenda_import.status not in (ImportStatus.QUEUED, ImportStatus.RUNNING):
            return agenda_import.status if agenda_import else "missing"
        task_id = self.request.id or ""
        if agenda_import.status == ImportStatus.RUNNING and agenda_import.task_id and agenda_import.task_id != task_id:
            return "duplicate"
        agenda_import.status, agenda_import.started_at, agenda_import.task_id = (
            ImportStatus.RUNNING,
            timezone.now(),
            task_id,
        )
        agenda_import.save(update_fields=["status", "started_at", "task_id"])
    try:
        return run_import(agenda_import=agenda_import).status
    except DatabaseError as error:  # transient: the database may come back
        if self.request.retries < self.max_retries:
            raise self.retry(exc=error) from error
        AgendaImport.objects.filter(pk=import_pk).update(
            status=ImportStatus.FAILED, error=f"{type(error).__name__}"[:200], finished_at=timezone.now()
        )
        return ImportStatus.FAILED


@shared_task(bind=True, max_retries=3, retry_backoff=True, retry_jitter=True)
def check_agenda_import(self, import_pk: int) -> str:
    """Check a large uploaded file (the preview) from its AgendaImport row; an import no longer being checked is
    left alone, so a redelivered message does nothing twice."""
    from .spreadsheet import check_upload

    agenda_import = AgendaImport.objects.select_related("pact", "created_by").filter(pk=import_pk).first()
    if agenda_import is None or agenda_import.status != ImportStatus.CHECKING:
        return agenda_import.status if agenda_import else "missing"
    try:
        return check_upload(agenda_import=agenda_import).status
    except DatabaseError as error:  # transient: the database may come back
        if self.request.retries < self.max_retries:
            raise self.retry(exc=error) from error
        AgendaImport.objects.filter(pk=import_pk).update(
            status=ImportStatus.FAILED, error=f"{type(error).__name__}"[:200], finished_at=timezone.now(), upload=None
        )
        return ImportStatus.FAILED


@shared_task
def requeue_waiting_imports() -> int:
    """Periodic (beat): re-send imports still queued or being checked after five minutes (Redis keeps nothing on
    disk, so a restart loses their message; a duplicate is harmless, see apply_agenda_import and
    check_agenda_import), and end as failed the imports running
    longer than the task time limit, which will never finish (nothing of them was saved)."""
    from django.conf import settings
    from django.utils.translation import gettext as _

    from zorgpact.core.queue import enqueue

    now = timezone.now()
    AgendaImport.objects.filter(
        status=ImportStatus.RUNNING,
        started_at__lt=now - timezone.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60),
    ).update(
        status=ImportStatus.FAILED,
        plan=[],
        finished_at=now,
        error=_("Nothing has been imported: it took longer than the time limit. Split the file and import the parts."),
    )
    five_minutes_ago = now - timezone.timedelta(minutes=5)
    waiting = AgendaImport.objects.filter(status=ImportStatus.QUEUED, created_at__lt=five_minutes_ago)
    checking = AgendaImport.objects.filter(status=ImportStatus.CHECKING, created_at__lt=five_minutes_ago)
    return sum(
        enqueue(apply_agenda_import, pk, run_here_if_broker_down=False) for pk in waiting.values_list("pk", flat=True)
    ) + sum(
        enqueue(check_agenda_import, pk, run_here_if_broker_down=False) for pk in checking.values_list("pk", flat=True)
    )


@shared_task
def remind_measurements_due() -> int:
    """Periodic (beat, daily): one mail per coordinator with the measurements newly due in their pacts. Idempotent:
    what was reminded is recorded (MeasurementReminder), so a second run the same day sends nothing."""
    from .services import send_measurement_reminders

    return send_measurement_reminders()
