"""Field-level history and restore for every model that keeps django-simple-history records."""

import datetime
from collections.abc import Callable

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import transaction
from django.db.models import Model
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from zorgpact.constants import AuditEventType
from zorgpact.core import audit
from zorgpact.core.versioning import CONFLICT_MESSAGE, VersionConflict


def display_value(field, value) -> str:
    """A stored value as a reader says it: the choice's label, Ja/Nee, a Dutch date, the related object's name, and
    "niet bekend" for an unknown (null) value; an empty text is "—"."""
    from django.utils.formats import date_format

    from zorgpact.constants import NOT_KNOWN

    if value is None:
        return str(NOT_KNOWN)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "j F Y H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    if field.is_relation and field.many_to_one:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else f"#{value}"
    if value == "":
        return "—"
    return str(value)


def _m2m_change(model, change) -> dict:
    """A many-to-many change in words: which related objects were added and which removed."""
    from simple_history.utils import get_m2m_reverse_field_name

    field = model._meta.get_field(change.field)
    target = get_m2m_reverse_field_name(field)
    old = {row[target] for row in change.old or []}
    new = {row[target] for row in change.new or []}
    names = {o.pk: str(o) for o in field.related_model._default_manager.filter(pk__in=old | new)}
    added = sorted(names.get(pk, f"#{pk}") for pk in new - old)
    removed = sorted(names.get(pk, f"#{pk}") for pk in old - new)
    parts = [_("%(name)s added") % {"name": name} for name in added]
    parts += [_("%(name)s removed") % {"name": name} for name in removed]
    label = capfirst(field.verbose_name)
    return {
        "field": label,
        "old": ", ".join(sorted(names.get(pk, f"#{pk}") for pk in old)) or "—",
        "new": "; ".join(parts),
        "text": f"{label}: {'; '.join(parts)}",
    }


def field_changes(obj: Model) -> list[dict]:
    """The object's history, newest first, each with the fields that changed in words: the field's label and the
    values as a reader sees them ("Fase: Verbinden → Uitvoeren", "Thema's: Leven lang ontwikkelen toegevoegd"),
    many-to-many fields the history keeps included."""
    model = type(obj)
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id"))
    entries = []
    for newer, older in zip(records, records[1:] + [None], strict=True):
        changes = []
        if older is not None:
            for change in newer.diff_against(older).changes:
                field = model._meta.get_field(change.field)
                if field.many_to_many:
                    changes.append(_m2m_change(model, change))
                    continue
                label = capfirst(field.verbose_name)
                old, new = display_value(field, change.old), display_value(field, change.new)
                changes.append({"field": label, "old": old, "new": new, "text": f"{label}: {old} → {new}"})
        entries.append({"record": newer, "changes": changes, "created": older is None})
    return entries


def _form_value(value):
    """A model value as form data: related objects by their key."""
    if isinstance(value, (list, tuple, set)) or hasattr(value, "all"):
        return [v.pk if isinstance(v, Model) else v for v in (value.all() if hasattr(value, "all") else value)]
    return value.pk if isinstance(value, Model) else value


def restore_data(*, form: forms.BaseForm, record) -> dict:
    """The data for `form` with the fields it edits as they were in the historical `record`.

    Only the form's own fields: what the restoring person cannot change in the form they cannot change by
    restoring either. Fields the history does not keep (many-to-many, fields not on the model) stay as they are now.
    """
    model = form._meta.model
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            model_field = None
        if model_field is not None and model_field.concrete and not model_field.many_to_many:
            if hasattr(record, model_field.attname):
                value = getattr(record, model_field.attname)
        data[name] = _form_value(value)
    return data


@transaction.atomic
def restore_version(
    *, obj: Model, history_id: int, expected_version: int, make_form: Callable[[dict | None], forms.ModelForm]
) -> Model:
    """Bring back an earlier version of `obj` as a new edit, saved through the form it is edited with.

    `make_form(data)` builds the restoring person's own edit form for `obj` (unbound for None). The restore is that
    form submitted with the earlier values: the same fields, checks, constraints, version check and save as an edit,
    so nothing is lost (the restore is a new version) and nothing is brought back that the form could not set.
    Raises `DoesNotExist` for an unknown version, `ValidationError` (the form's messages) when the earlier values
    are no longer valid, and `VersionConflict` when someone saved in between.
    """
    record = obj.history.get(history_id=history_id)
    data = restore_data(form=make_form(None), record=record)
    data["expected_version"] = expected_version
    form = make_form(data)
    if not form.is_valid():
        raise ValidationError(_form_messages(form))
    form.instance._change_reason = f"restored version {history_id}"
    saved = form.save_checked()
    audit.record(AuditEventType.VERSION_RESTORED, target=saved, detail=f"history {history_id}")
    return saved


def _form_messages(form: forms.BaseForm) -> list[str]:
    messages = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else None
        messages += [f"{label}: {error}" if label and name != NON_FIELD_ERRORS else error for error in errors]
    return messages


def _posted_int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def restore_from_post(
    request: HttpRequest,
    *,
    obj: Model,
    make_form: Callable[[dict | None], forms.ModelForm] | None = None,
    restore: Callable[..., Model] | None = None,
) -> None:
    """The history page's restore button: restore, and tell the person what happened (a message on the page).

    The restore goes through `make_form` (the person's own edit form, see restore_version) or, for a model edited
    through a service instead of a form, through `restore(history_id=, expected_version=)`, which must check the
    version and raise the same errors."""
    from django.contrib import messages

    history_id, expected_version = (
        _posted_int(request.POST.get("history_id")),
        _posted_int(request.POST.get("expected_version")),
    )
    try:
        if history_id is None:
            raise obj.history.model.DoesNotExist
        if expected_version is None or expected_version < 1:  # not a version this page sent: treat as stale
            raise VersionConflict(obj.version)
        if restore is not None:
            restore(history_id=history_id, expected_version=expected_version)
        else:
            restore_version(obj=obj, history_id=history_id, expected_version=expected_version, make_form=make_form)
    except obj.history.model.DoesNotExist:
        messages.error(request, _("That version does not exist."))
    except VersionConflict:
        messages.error(request, CONFLICT_MESSAGE)
    except ValidationError as error:
        messages.error(
            request,
            _("This version cannot be restored: %(reasons)s") % {"reasons": " ".join(error.messages)},
        )
    else:
        messages.success(request, _("The earlier version has been restored."))


def history_page(
    request: HttpRequest,
    *,
    obj: Model,
    make_form: Callable[[dict | None], forms.ModelForm] | None = None,
    restore: Callable[..., Model] | None = None,
    may_edit: bool | None = None,
    template: str = "pacts/workspace/history.html",
    context: dict,
):
    """The history page of every app, once: who changed what and when, field by field; a POST restores an earlier
    version through `make_form` (the restoring person's own edit form) or `restore` (a service, see
    restore_from_post) and comes back to the page.

    `obj` was fetched for reading (zorgpact.permissions.get_for_user); restoring is writing, so a role that may only
    read it gets a 403. Who may restore is zorgpact.permissions.can_edit unless the caller passes `may_edit` (a
    rule of its own app: a final Volgspot session, a case's public version).
    """
    from django.core.exceptions import PermissionDenied
    from django.shortcuts import redirect, render

    from zorgpact.permissions import can_edit

    if may_edit is None:
        may_edit = can_edit(request.user, obj)
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        restore_from_post(request, obj=obj, make_form=make_form, restore=restore)
        return redirect(request.path)
    return render(request, template, {"object": obj, "entries": field_changes(obj), "may_edit": may_edit, **context})
