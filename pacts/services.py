"""Writes on the action agenda that go beyond one form."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from zorgpact.constants import AuditEventType
from zorgpact.core import audit
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
