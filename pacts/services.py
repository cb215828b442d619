"""Writes on the action agenda that go beyond one form."""

from django.db import transaction
from django.utils import timezone

from zorgpact.versioning import save_versioned

from .models import Action


@transaction.atomic
def set_archived(*, action: Action, archived: bool, expected_version: int) -> Action:
    """Archive instead of delete: the action leaves the agenda but keeps its history and can come back."""
    action.archived_at = timezone.now() if archived else None
    return save_versioned(instance=action, expected_version=expected_version)


@transaction.atomic
def restore_version(*, action: Action, history_id: int, expected_version: int) -> Action:
    """Bring back the fields of an earlier version; recorded as a new change, so nothing is lost."""
    record = action.history.get(history_id=history_id)
    for field in Action._meta.concrete_fields:
        if field.name in ("id", "version", "pact"):
            continue
        setattr(action, field.attname, getattr(record, field.attname))
    return save_versioned(instance=action, expected_version=expected_version)


def field_changes(action: Action) -> list[dict]:
    """The action's history, newest first, each with the fields that changed and their old and new values."""
    records = list(action.history.select_related("history_user").order_by("-history_date", "-history_id"))
    entries = []
    for newer, older in zip(records, records[1:] + [None]):
        changes = []
        if older is not None:
            delta = newer.diff_against(older)
            for change in delta.changes:
                field = Action._meta.get_field(change.field)
                changes.append({"field": field.verbose_name, "old": change.old, "new": change.new})
        entries.append({"record": newer, "changes": changes, "created": older is None})
    return entries
