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
