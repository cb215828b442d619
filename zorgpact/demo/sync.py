"""Writes of the demo loader that change nothing when the data is already there (no save, no history row)."""


def sync(model, lookup: dict, fields: dict, *, create_only: dict | None = None):
    """Create the row, or change only the fields that differ; an unchanged row is not saved (no history row)."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **fields, **(create_only or {}))
    changed = [name for name, value in fields.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, fields[name])
        if hasattr(obj, "version"):
            obj.version += 1
            changed.append("version")
        obj.save(update_fields=changed)
    return obj


def set_m2m(manager, objects) -> None:
    """Replace a many-to-many relation only when it differs."""
    wanted = {o.pk for o in objects}
    if set(manager.values_list("pk", flat=True)) != wanted:
        manager.set(list(objects))
