"""Requesting progress reports: the same inputs reuse the report already built."""

import datetime

from django.db import transaction
from django.utils import timezone

from pacts.models import Pact
from zorgpact.core.queue import broker_available, enqueue, enqueue_on_commit
from zorgpact.core.versioning import save_versioned

from .constants import ReportScope, ReportStatus, SessionStatus
from .models import Agreement, ProgressReport, VolgspotSession
from .reports import content_hash, report_data


class ReportsUnavailable(Exception):
    """The worker's queue (Redis) cannot be reached: nothing was saved, the visitor should try again later."""


@transaction.atomic
def request_report(
    *,
    scope: str,
    pact: Pact | None,
    period_start: datetime.date,
    period_end: datetime.date,
    user,
    refuse_when_broker_down: bool = True,
) -> ProgressReport:
    """The report for these inputs: an existing one, or a new one queued for the worker.

    A person asking for a report is told at once when it cannot be made now (ReportsUnavailable); a report asked for
    as a side effect (a finalised session, beat) stays queued and `requeue_waiting_reports` sends it later.
    """
    if refuse_when_broker_down and not broker_available():
        raise ReportsUnavailable
    digest = content_hash(report_data(scope=scope, pact=pact, period_start=period_start, period_end=period_end))
    existing = (
        ProgressReport.objects.select_for_update()
        .filter(
            scope=scope,
            pact=pact,
            input_hash=digest,
            status__in=[ReportStatus.QUEUED, ReportStatus.RUNNING, ReportStatus.DONE],
        )
        .order_by("-queued_at")
        .first()
    )
    if existing is not None:
        return existing
    report = ProgressReport.objects.create(
        scope=scope,
        pact=pact if scope == ReportScope.PACT else None,
        period_start=period_start,
        period_end=period_end,
        requested_by=user,
        input_hash=digest,
    )
    from .tasks import build_report

    enqueue_on_commit(build_report, report.pk, run_here_if_broker_down=False)
    return report


def requeue_waiting_reports(*, older_than: datetime.timedelta) -> int:
    """Send queued reports again whose message was lost (the broker was down, or restarted without persistence).

    A duplicate message is harmless: build_report lets only one delivery build a report.
    """
    from django.utils import timezone

    from .tasks import build_report

    waiting = ProgressReport.objects.filter(status=ReportStatus.QUEUED, queued_at__lt=timezone.now() - older_than)
    return sum(enqueue(build_report, pk, run_here_if_broker_down=False) for pk in waiting.values_list("pk", flat=True))


@transaction.atomic
def finalise_session(*, session: VolgspotSession, expected_version: int, user) -> VolgspotSession:
    """Make a session final (read-only from then on); the pact's phase follows, and its report is built.

    Every row it changes is saved against its current version under a lock: the session against the version the
    person saw (a stale one is a VersionConflict, nothing is final), the pact and the followed-up agreements as they
    are now, so an edit someone saved meanwhile is kept and only the phase or the follow-up is added to it.
    """
    session.status, session.finalised_at = SessionStatus.FINAL, timezone.now()
    save_versioned(instance=session, expected_version=expected_version)
    # Agreements of earlier rounds that were still open are followed up in this one.
    earlier = Agreement.objects.select_for_update(of=("self",)).filter(
        session__pact=session.pact_id, session__round__lt=session.round, followed_up_in__isnull=True
    )
    for agreement in earlier:
        agreement.followed_up_in = session
        save_versioned(instance=agreement, expected_version=agreement.version)  # through save(): in the history
    pact = Pact.objects.select_for_update().get(pk=session.pact_id)
    if session.phase_id and pact.phase_id != session.phase_id:
        pact.phase_id = session.phase_id
        save_versioned(instance=pact, expected_version=pact.version)
    session.pact = pact
    request_report(
        scope=ReportScope.PACT,
        pact=pact,
        period_start=session.held_on - datetime.timedelta(days=365),
        period_end=session.held_on,
        user=user,
        refuse_when_broker_down=False,
    )
    return session
