import secrets

from celery import shared_task
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction
from django.utils import timezone

from .constants import ReportStatus
from .models import ProgressReport
from .reports import content_hash, render_report, report_data
from .services import snapshot_report


@shared_task(bind=True, max_retries=3, retry_backoff=True, retry_jitter=True)
def build_report(self, report_pk: int) -> str:
    """Build one report. Re-fetches; a done report is left alone, so a redelivered task does nothing twice.

    A report being built by another message (a re-sent duplicate) is left to it; the same message delivered again
    (its worker died mid-build) builds it afresh.
    """
    with transaction.atomic():
        report = ProgressReport.objects.select_for_update().filter(pk=report_pk).first()
        if report is None or report.status in (ReportStatus.DONE, ReportStatus.FAILED):
            return report.status if report else "missing"
        if report.status == ReportStatus.RUNNING and report.task_id and report.task_id != (self.request.id or ""):
            return "duplicate"
        report.status, report.started_at, report.attempts = ReportStatus.RUNNING, timezone.now(), report.attempts + 1
        report.task_id = self.request.id or ""
        report.save(update_fields=["status", "started_at", "attempts", "task_id"])
    try:
        data = report_data(
            scope=report.scope, pact=report.pact, period_start=report.period_start, period_end=report.period_end
        )
        # One transaction: the report's figures are frozen first (its permanent, citable address, volgspot:snapshot),
        # the report is rendered with that address printed in it, and saved; a failure leaves neither.
        with transaction.atomic():
            snapshot_report(report=report, data=data)
            report.input_hash = content_hash(data)  # printed in the report as its data fingerprint
            html, pdf = render_report(report, data)
            report.html = html
            # Not guessable: downloads go through a permission-checked view, and the stored name gives nothing away.
            report.pdf.save(f"{secrets.token_hex(16)}.pdf", ContentFile(pdf), save=False)
            report.status, report.finished_at, report.error = ReportStatus.DONE, timezone.now(), ""
            report.save()
    except DatabaseError as error:  # transient: the database may come back
        if self.request.retries < self.max_retries:
            raise self.retry(exc=error) from error
        return _fail(report, error)
    except Exception as error:  # noqa: BLE001 - any other failure ends the report as failed, with its message
        return _fail(report, error)
    return report.status


def _fail(report: ProgressReport, error: Exception) -> str:
    ProgressReport.objects.filter(pk=report.pk).update(
        status=ReportStatus.FAILED, error=f"{type(error).__name__}: {error}"[:2000], finished_at=timezone.now()
    )
    return ReportStatus.FAILED


@shared_task
def fail_stuck_reports() -> int:
    """Periodic (beat): a report running longer than the task time limit will never finish — say so."""
    cutoff = timezone.now() - timezone.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    return ProgressReport.objects.filter(status=ReportStatus.RUNNING, started_at__lt=cutoff).update(
        status=ReportStatus.FAILED, error="Stopped: it ran longer than the time limit.", finished_at=timezone.now()
    )


@shared_task
def monthly_national_report() -> int:
    """Periodic (beat): the national report of the past twelve months."""
    from .services import request_report

    today = timezone.localdate()
    report = request_report(
        scope="national",
        pact=None,
        period_start=today.replace(year=today.year - 1),
        period_end=today,
        user=None,
        refuse_when_broker_down=False,
    )
    return report.pk


@shared_task
def requeue_waiting_reports() -> int:
    """Periodic (beat): re-send reports whose queue message was lost while Redis was away."""
    from .services import requeue_waiting_reports as requeue

    return requeue(older_than=timezone.timedelta(minutes=5))
