"""Writes on the action agenda that go beyond one form."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from zorgpact.constants import AuditEventType
from zorgpact.core import audit
from zorgpact.core.mail import portal_link
from zorgpact.core.versioning import save_versioned
from zorgpact.permissions import can_edit


@transaction.atomic
def set_archived(*, item, archived: bool, expected_version: int):
    """Archive instead of delete (actions, ambitions, goals, indicators): the item leaves the agenda but keeps its
    history and can come back."""
    item.archived_at = timezone.now() if archived else None
    saved = save_versioned(instance=item, expected_version=expected_version)
    # Archiving takes an item off the public agenda; restoring puts it back.
    audit.record(
        AuditEventType.UNPUBLISHED if archived else AuditEventType.PUBLISHED,
        target=item,
        detail="archived" if archived else "restored",
    )
    return saved


@transaction.atomic
def set_partners_complete(*, pact, user, complete: bool | None, expected_version: int):
    """Mark a pact's partner list complete (or not, or not known): only its coordinator or the national team may.
    Only a complete list gets gouden-driehoek gap flags (pacts.selectors.partner_gaps)."""
    if not can_edit(user, pact):
        raise PermissionDenied
    pact.partners_complete = complete
    return save_versioned(instance=pact, expected_version=expected_version)


@transaction.atomic
def send_measurement_reminders(*, today: datetime.date | None = None) -> int:
    """Mail each coordinator ONE reminder listing the measurements now due in their pacts (what each pact's workspace
    lists as due: pacts.selectors.measurements_due), and record each reminder (MeasurementReminder, once per indicator
    and due date) so that no later run reminds of it again. A pact without coordinators reminds nobody and records
    nothing. The mails are queued with the records and sent once this commits (zorgpact.core.mail). Returns the
    number of mails."""
    from .models import MeasurementReminder, Pact
    from .selectors import due_in_pacts

    today = today or timezone.localdate()
    coordinators_of: dict[int, list] = {}
    for pact in Pact.objects.filter(coordinators__isnull=False).distinct().prefetch_related("coordinators"):
        people = [u for u in pact.coordinators.all() if u.is_active and u.email]
        if people:
            coordinators_of[pact.pk] = people
    pacts = Pact.objects.filter(pk__in=list(coordinators_of))
    reminded: dict[int, dict] = {}  # user pk → {"user": user, "pacts": {pact pk: (pact, [due rows])}}
    for row in due_in_pacts(pacts, today=today):
        _reminder, created = MeasurementReminder.objects.get_or_create(
            indicator=row["indicator"], due_on=row["result"].next_due
        )
        if not created:
            continue
        pact = row["pact"]
        for user in coordinators_of[pact.pk]:
            entry = reminded.setdefault(user.pk, {"user": user, "pacts": {}})
            entry["pacts"].setdefault(pact.pk, (pact, []))[1].append(row)
    for entry in reminded.values():
        subject, body = reminder_mail(
            user=entry["user"], pacts=sorted(entry["pacts"].values(), key=lambda p: p[0].name)
        )
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [entry["user"].email])
    return len(reminded)


def reminder_mail(*, user, pacts: list) -> tuple[str, str]:
    """The reminder's subject and text, in Dutch: per pact its due indicators and the link to its workspace (on
    PORTAL_URL)."""
    from .selectors import due_text

    with translation.override("nl"):
        lines = [
            _("Dear %(name)s,") % {"name": user.name or user.email},
            "",
            _("A new measurement is due for these indicators of the regional pacts you coordinate:"),
        ]
        for pact, rows in pacts:
            lines += ["", pact.name]
            lines += [f"- {row['indicator'].name} ({due_text(row)})" for row in rows]
            link = portal_link(reverse("pacts-workspace:pact", kwargs={"slug": pact.slug}))
            lines += ["", _("Enter the measurements in the pact's workspace: %(link)s") % {"link": link}]
        lines += [
            "",
            _("You get one reminder per measurement that is due."),
            "",
            _("The national Zorgpact team"),
        ]
        subject = _("Measurements due in the Zorgpact portal")
    return subject, "\n".join(lines)
