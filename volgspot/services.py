"""Requesting progress reports: the same inputs reuse the report already built."""

import datetime

from django.db import transaction

from pacts.models import Pact

from .constants import ReportScope, ReportStatus
from .models import ProgressReport
from .reports import content_hash, report_data


@transaction.atomic
def request_report(*, scope: str, pact: Pact | None, period_start: datetime.date, period_end: datetime.date, user) -> ProgressReport:
    digest = content_hash(report_data(scope=scope, pact=pact, period_start=period_start, period_end=period_end))
    existing = (
        ProgressReport.objects.select_for_update()
        .filter(scope=scope, pact=pact, input_hash=digest, status__in=[ReportStatus.QUEUED, ReportStatus.RUNNING, ReportStatus.DONE])
        .order_by("-queued_at")
        .first()
    )
    if existing is not None:
        return existing
    report = ProgressReport.objects.create(
        scope=scope, pact=pact if scope == ReportScope.PACT else None, period_start=period_start, period_end=period_end,
        requested_by=user, input_hash=digest,
    )
    from .tasks import build_report

    transaction.on_commit(lambda: build_report.delay(report.pk))
    return report
