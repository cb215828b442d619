"""Writes for Ruimte in de regels."""

from django.db import transaction

from zorgpact import audit
from zorgpact.constants import AuditEventType
from zorgpact.queue import enqueue_on_commit
from zorgpact.slugs import unique_slug

from .constants import CaseStatus
from .models import Case


@transaction.atomic
def report_obstacle(*, question: str, context: str, organisation: str, name: str, email: str) -> Case:
    """Store a reported obstacle (not public) and queue the confirmation with the private status link."""
    title = " ".join(question.split())[:120]
    case = Case.objects.create(
        title=title, slug=unique_slug(Case, title, fallback="casus"), question=question, context=context, status=CaseStatus.SUBMITTED,
        reporter_name=name, reporter_email=email, reporter_organisation=organisation,
        source="Melding via het portaal",
    )
    from .tasks import send_report_confirmation

    enqueue_on_commit(send_report_confirmation, case.pk, run_here_if_broker_down=True)
    return case


# --- The answering workflow ---------------------------------------------------------------------------

from django.utils import timezone  # noqa: E402

from zorgpact.permissions import can_answer_case, is_national_team  # noqa: E402

from .models import CaseEvent  # noqa: E402

# Only these steps exist; everything else is refused. Reopening brings a case back to triage.
TRANSITIONS = {
    CaseStatus.SUBMITTED: {CaseStatus.TRIAGED, CaseStatus.REJECTED},
    CaseStatus.TRIAGED: {CaseStatus.ANSWERED, CaseStatus.REJECTED},
    CaseStatus.ANSWERED: {CaseStatus.PUBLISHED, CaseStatus.TRIAGED, CaseStatus.REJECTED},
    CaseStatus.PUBLISHED: {CaseStatus.TRIAGED},
    CaseStatus.REJECTED: {CaseStatus.TRIAGED},
}


class TransitionError(Exception):
    pass


def allowed_steps(case: Case, user) -> set[str]:
    steps = set(TRANSITIONS.get(case.status, set()))
    if is_national_team(user):
        return steps
    # Ministry staff of the assigned ministry answer; every other step is the national team's.
    return steps & {CaseStatus.ANSWERED} if can_answer_case(user, case) else set()


def _move(case: Case, user, to_status: str, note: str = "") -> None:
    if to_status not in allowed_steps(case, user):
        raise TransitionError(f"{case.status} → {to_status} is not allowed for this user")
    CaseEvent.objects.create(case=case, from_status=case.status, to_status=to_status, user=user, note=note)
    case.status = to_status
    case.version += 1
    case.save()


@transaction.atomic
def triage_case(*, case: Case, user, topic: str, ministry: str, duplicate_of: Case | None = None) -> Case:
    case.topic, case.assigned_ministry, case.duplicate_of = topic, ministry, duplicate_of
    case.ministry_ocw, case.ministry_vws, case.ministry_szw = ministry == "OCW", ministry == "VWS", ministry == "SZW"
    _move(case, user, CaseStatus.TRIAGED)
    return case


@transaction.atomic
def answer_case(*, case: Case, user, answer: str, outcome: str) -> Case:
    case.answer, case.outcome, case.answered_at = answer, outcome, timezone.now()
    _move(case, user, CaseStatus.ANSWERED)
    from .tasks import send_answer_notice

    enqueue_on_commit(send_answer_notice, case.pk, run_here_if_broker_down=True)
    return case


@transaction.atomic
def publish_case(*, case: Case, user, title: str, public_text: str) -> Case:
    """Publish the anonymised version; the reporter's identity never leaves the workspace."""
    case.title, case.public_text = title, public_text
    case.published_at = case.closed_at = timezone.now()
    _move(case, user, CaseStatus.PUBLISHED)
    audit.record(AuditEventType.PUBLISHED, actor=user, target=case)
    return case


@transaction.atomic
def reject_case(*, case: Case, user, reason: str) -> Case:
    case.rejection_reason, case.closed_at = reason, timezone.now()
    _move(case, user, CaseStatus.REJECTED, note=reason)
    return case


@transaction.atomic
def reopen_case(*, case: Case, user) -> Case:
    case.closed_at = None
    was_published = case.status == CaseStatus.PUBLISHED
    _move(case, user, CaseStatus.TRIAGED, note="reopened")
    if was_published:
        audit.record(AuditEventType.UNPUBLISHED, actor=user, target=case, detail="reopened")
    return case


@transaction.atomic
def anonymise_closed_cases(*, older_than_days: int) -> int:
    """Remove reporters' personal data from cases closed long enough ago. Idempotent: done ones are skipped."""
    cutoff = timezone.now() - timezone.timedelta(days=older_than_days)
    cases = Case.objects.filter(closed_at__lt=cutoff, anonymised_at__isnull=True)
    n = 0
    for case in cases:
        case.reporter_name = case.reporter_email = case.reporter_organisation = ""
        case.anonymised_at = timezone.now()
        case.save(update_fields=["reporter_name", "reporter_email", "reporter_organisation", "anonymised_at"])
        n += 1
    return n


def personal_data_export(email: str) -> dict:
    """Everything held about one e-mail address (AVG right of access)."""
    cases = Case.objects.filter(reporter_email__iexact=email).prefetch_related("events")
    return {
        "email": email,
        "cases": [
            {
                "reference": f"RR-{c.pk:05d}", "title": c.title, "question": c.question, "context": c.context,
                "name": c.reporter_name, "organisation": c.reporter_organisation, "status": c.status,
                "answer": c.answer, "submitted_at": c.submitted_at.isoformat(),
                "events": [{"from": e.from_status, "to": e.to_status, "at": e.at.isoformat()} for e in c.events.all()],
            }
            for c in cases
        ],
    }


@transaction.atomic
def case_from_session(*, session, user, question: str, context: str) -> Case:
    case = report_obstacle(
        question=question, context=context, organisation=session.pact.name, name=user.name or user.email, email=user.email,
    )
    case.raised_in = session
    case.save(update_fields=["raised_in"])
    case.pacts.add(session.pact)
    return case
