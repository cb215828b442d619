"""Writes on the action agenda that go beyond one form."""

from django.db import transaction
from django.utils import timezone

from zorgpact import audit
from zorgpact.constants import AuditEventType
from zorgpact.versioning import save_versioned



@transaction.atomic
def set_archived(*, item, archived: bool, expected_version: int):
    """Archive instead of delete (actions, ambitions, goals, indicators): the item leaves the agenda but keeps its
    history and can come back."""
    item.archived_at = timezone.now() if archived else None
    saved = save_versioned(instance=item, expected_version=expected_version)
    # Archiving takes an item off the public agenda; restoring puts it back.
    audit.record(AuditEventType.UNPUBLISHED if archived else AuditEventType.PUBLISHED, target=item,
                 detail="archived" if archived else "restored")
    return saved
