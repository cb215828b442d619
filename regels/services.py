"""Writes for Ruimte in de regels."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zorgpact.constants import AuditEventType
from zorgpact.core import audit
from zorgpact.core.queue import enqueue_on_commit
from zorgpact.core.slugs import unique_slug

from .constants import CaseStatus
from .models import Case, FormerCaseSlug, working_title


@transaction.atomic
def report_obstacle(*, question: str, context: str, organisation: str, name: str, email: str) -> Case:
    """Store a reported obstacle (not public: no address yet) and queue the confirmation with the private status link.
    The workspace names it by its reference and a working title made from the question."""
    case = Case.objects.create(
        title=working_title(question),
        question=question,
        context=context,
        status=CaseStatus.SUBMITTED,
        reporter_name=name,
        reporter_email=email,
        reporter_organisation=organisation,
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
    case.topic, case.duplicate_of = topic, duplicate_of
    case.assign_ministry(ministry)
    _move(case, user, CaseStatus.TRIAGED)
    return case


@transaction.atomic
def answer_case(*, case: Case, user, answer: str, outcome: str) -> Case:
    case.answer, case.outcome, case.answered_at = answer, outcome, timezone.now()
    _move(case, user, CaseStatus.ANSWERED)
    from .tasks import send_answer_notice

    enqueue_on_commit(send_answer_notice, case.pk, run_here_if_broker_down=True)
    return case


def _set_public_version(
    case: Case, *, title: str, public_question: str, public_context: str, public_answer: str
) -> None:
    """The public version the national team wrote, checked: every part given, and none names the reporter.
    Raises ValidationError (per field, in the reader's language) and changes nothing when it fails."""
    given = {
        "title": title.strip(),
        "public_question": public_question.strip(),
        "public_context": public_context.strip(),
        "public_answer": public_answer.strip(),
    }
    errors = {
        name: _("Write the public version of this part before publishing.")
        for name, value in given.items()
        if not value
    }
    reporter = [
        (_("name"), case.reporter_name),
        (_("e-mail address"), case.reporter_email),
        (_("organisation"), case.reporter_organisation),
    ]
    for name, value in given.items():
        text = " ".join(value.split())
        named = [what for what, detail in reporter if len(detail.strip()) >= 3 and _names(text, detail)]
        if named and name not in errors:
            errors[name] = _("This names the reporter (%(what)s): leave it out of the public version.") % {
                "what": ", ".join(named)
            }
    if errors:
        raise ValidationError(errors)
    case.title, case.public_question, case.public_context, case.public_text = (
        given["title"],
        given["public_question"],
        given["public_context"],
        given["public_answer"],
    )


def _names(text: str, detail: str) -> bool:
    """Whether `text` holds `detail` as whole words (case and spacing aside)."""
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(part) for part in detail.split()) + r"(?!\w)"
    return re.search(pattern, text, re.IGNORECASE) is not None


@transaction.atomic
def publish_case(
    *, case: Case, user, title: str, public_question: str, public_context: str, public_answer: str
) -> Case:
    """Publish the public version the national team wrote (title, question, situation, answer); the reporter's own
    text and identity never leave the workspace. The address is made from the public title at the first
    publication and kept after that, also when the case is reopened and published again."""
    _set_public_version(
        case, title=title, public_question=public_question, public_context=public_context, public_answer=public_answer
    )
    if not case.slug:
        case.slug = unique_slug(Case, case.title, fallback="casus", reserved=FormerCaseSlug.objects.all())
    case.published_at = case.closed_at = timezone.now()
    _move(case, user, CaseStatus.PUBLISHED)
    audit.record(AuditEventType.PUBLISHED, actor=user, target=case)
    return case


PUBLIC_VERSION_EDITED = "public version edited"


def may_edit_public_version(case: Case, user) -> bool:
    """The national team edits the public version of a published case without taking it offline."""
    return case.status == CaseStatus.PUBLISHED and is_national_team(user)


@transaction.atomic
def edit_public_version(
    *, case: Case, user, title: str, public_question: str, public_context: str, public_answer: str
) -> Case:
    """Change the public version of a published case. Its address stays the same."""
    if not may_edit_public_version(case, user):
        raise TransitionError("only the national team edits the public version of a published case")
    _set_public_version(
        case, title=title, public_question=public_question, public_context=public_context, public_answer=public_answer
    )
    case.version += 1
    case.save()
    CaseEvent.objects.create(
        case=case, from_status=case.status, to_status=case.status, user=user, note=PUBLIC_VERSION_EDITED
    )
    audit.record(AuditEventType.PUBLISHED, actor=user, target=case, detail=PUBLIC_VERSION_EDITED)
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
                "reference": c.reference,
                "title": c.title,
                "question": c.question,
                "context": c.context,
                "name": c.reporter_name,
                "organisation": c.reporter_organisation,
                "status": c.status,
                "answer": c.answer,
                "submitted_at": c.submitted_at.isoformat(),
                "events": [{"from": e.from_status, "to": e.to_status, "at": e.at.isoformat()} for e in c.events.all()],
            }
            for c in cases
        ],
    }


@transaction.atomic
def export_personal_data(*, email: str) -> dict:
    """The case workspace's AVG export of one address (personal_data_export), recorded in the audit log as the
    portal-wide export is (zorgpact.site.privacy.record_export): who handed over whose data, and when."""
    document = personal_data_export(email)
    audit.record(AuditEventType.PERSONAL_DATA_EXPORTED, target=email, detail="cases of Ruimte in de regels")
    return document


@transaction.atomic
def case_from_session(*, session, user, question: str, context: str) -> Case:
    case = report_obstacle(
        question=question,
        context=context,
        organisation=session.pact.name,
        name=user.name or user.email,
        email=user.email,
    )
    case.raised_in = session
    case.save(update_fields=["raised_in"])
    case.pacts.add(session.pact)
    return case


@transaction.atomic
def restore_public_version(*, case: Case, user, history_id: int, expected_version: int) -> Case:
    """Bring back an earlier public version of a published case (title, question, situation, answer), as the national
    team's own edit of the public version: the same rule (only a published case, only the national team), the same
    checks (every part given, none names the reporter), the version check and an audit record. The original question
    and everything else stay as they are now."""
    from zorgpact.core.versioning import VersionConflict

    record = case.history.get(history_id=history_id)
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if locked.version != expected_version:
        raise VersionConflict(locked.version)
    edit_public_version(
        case=locked,
        user=user,
        title=record.title,
        public_question=record.public_question,
        public_context=record.public_context,
        public_answer=record.public_text,
    )
    audit.record(AuditEventType.VERSION_RESTORED, actor=user, target=locked, detail=f"history {history_id}")
    return locked
