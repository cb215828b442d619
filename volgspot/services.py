"""Requesting progress reports: the same inputs reuse the report already built."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pacts.models import Pact
from zorgpact.core.queue import broker_available, enqueue, enqueue_on_commit
from zorgpact.core.versioning import save_versioned

from .constants import ReportScope, ReportStatus, SessionStatus, SnapshotKind
from .models import Agreement, ProgressReport, Snapshot, VolgspotSession
from .reports import content_hash, report_data
from .selectors import Filters
from .snapshots import filter_state, filter_title, national_snapshot_data, national_sources, pact_dashboard_data, plain


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


# --- Snapshots: citable figures -------------------------------------------------------------------------------


def _maker_name(user) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    return str(user)


def _freeze(
    *,
    kind: str,
    title: str,
    data: dict,
    user,
    now: datetime.datetime | None,
    pact: Pact | None = None,
    filters: dict | None = None,
    sources: list | None = None,
    report: ProgressReport | None = None,
) -> Snapshot:
    return Snapshot.objects.create(
        kind=kind,
        title=title[:300],
        pact=pact,
        report=report,
        filters=filters or {},
        data=data,
        sources=sources or [],
        input_hash=content_hash(data),
        made_at=now or timezone.now(),
        made_by=user if user is not None and getattr(user, "is_authenticated", False) else None,
        made_by_name=_maker_name(user)[:300],
    )


@transaction.atomic
def snapshot_national_dashboard(*, filters: Filters, user, now: datetime.datetime | None = None) -> Snapshot:
    """Freeze the national dashboard as these filters show it; a filter that matches nothing is a valid, empty
    snapshot. The caller has checked that `user` may read the national dashboard."""
    state = filter_state(filters)
    title = _("National dashboard")
    if state:
        title += " — " + filter_title(filters)
    return _freeze(
        kind=SnapshotKind.NATIONAL,
        title=title,
        data=national_snapshot_data(filters),
        user=user,
        now=now,
        filters=state,
        sources=national_sources(filters),
    )


@transaction.atomic
def snapshot_pact_dashboard(*, pact: Pact, user, now: datetime.datetime | None = None) -> Snapshot:
    """Freeze one pact's dashboard. The caller has checked that `user` may read it."""
    return _freeze(
        kind=SnapshotKind.PACT,
        title=_("Dashboard of %(pact)s") % {"pact": pact.name},
        data=pact_dashboard_data(pact),
        user=user,
        now=now,
        pact=pact,
        sources=[pact.source] if pact.source else [],
    )


def snapshot_report(*, report: ProgressReport, data: dict, now: datetime.datetime | None = None) -> Snapshot:
    """Freeze the data a report was built from (called by the worker as it builds the report); one per report."""
    existing = Snapshot.objects.filter(report=report).first()
    if existing is not None:
        return existing
    sources = list(data.get("sources") or []) + [
        f"{c['document']} {c['locator']}".strip() for c in data.get("citations") or []
    ]
    return _freeze(
        kind=SnapshotKind.REPORT,
        title=_("Progress report %(report)s") % {"report": report},
        data=plain(data),
        user=report.requested_by,
        now=now,
        pact=report.pact,
        filters={"period": list(data.get("period") or [])},
        sources=sources,
        report=report,
    )
