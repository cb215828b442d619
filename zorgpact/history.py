"""Field-level history and restore for every model that keeps django-simple-history records."""

from django.db import transaction
from django.db.models import Model

from .versioning import save_versioned

# Never brought back by a restore: identity, ownership, the version counter and the search index.
NOT_RESTORED = {"id", "version", "pact", "created_at", "search_vector"}


def field_changes(obj: Model) -> list[dict]:
    """The object's history, newest first, each with the fields that changed and their old and new values."""
    model = type(obj)
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id"))
    entries = []
    for newer, older in zip(records, records[1:] + [None]):
        changes = []
        if older is not None:
            for change in newer.diff_against(older).changes:
                field = model._meta.get_field(change.field)
                old, new = change.old, change.new
                if field.choices:
                    labels = dict(field.flatchoices)
                    old, new = labels.get(old, old), labels.get(new, new)
                changes.append({"field": field.verbose_name, "old": old, "new": new})
        entries.append({"record": newer, "changes": changes, "created": older is None})
    return entries


@transaction.atomic
def restore_version(*, obj: Model, history_id: int, expected_version: int) -> Model:
    """Bring back the fields of an earlier version; saved as a new change, so nothing is lost."""
    record = obj.history.get(history_id=history_id)
    for field in type(obj)._meta.concrete_fields:
        if field.name in NOT_RESTORED or not hasattr(record, field.attname):  # fields the history leaves out
            continue
        setattr(obj, field.attname, getattr(record, field.attname))
    return save_versioned(instance=obj, expected_version=expected_version)
