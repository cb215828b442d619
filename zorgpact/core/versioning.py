"""The lost-update check: a change is saved only against the version the editor started from."""

from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils.translation import gettext_lazy as _


class VersionConflict(Exception):
    def __init__(self, current_version: int | None):
        super().__init__(f"version is now {current_version}")
        self.current_version = current_version


CONFLICT_MESSAGE = _(
    "Someone else saved a change to this item after you opened it. Your changes have not been saved: "
    "open the item again to see the latest version, then make your change."
)
CONFLICT_FORM_MESSAGE = _(
    "Someone else saved a change to this item after you opened it. Your changes have not been saved. "
    "Compare both versions below: save again to keep yours, or cancel to keep theirs."
)


def posted_version(request) -> int:
    """The `expected_version` a form posted; anything that is not a version number counts as stale (0), so the
    person gets the conflict screen rather than an error."""
    try:
        version = int(request.POST.get("expected_version", ""))
    except ValueError:
        return 0
    return version if version >= 1 else 0


RACE_MESSAGE = _("This could not be saved: it clashes with a change saved at the same moment. Try again.")


def refused_by_database(instance: Model) -> ValidationError:
    """The database refused `instance` (a unique or check constraint): the model's own message for the rule it breaks.

    Forms check the constraints before saving, but two requests can pass that check at the same moment; the second
    one's INSERT then fails. Asked again now, the check sees the row that won and names the rule.
    """
    try:
        instance.validate_constraints()
    except ValidationError as error:
        return error
    return ValidationError(RACE_MESSAGE)


def save_refusing_clashes(instance: Model) -> Model:
    """Save `instance` in a savepoint; when the database refuses it (a race past the form's checks), raise the
    ValidationError that names the broken rule instead of an IntegrityError (a 500) — nothing is saved."""
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as error:
        raise refused_by_database(instance) from error
    return instance


@transaction.atomic
def save_versioned(*, instance: Model, expected_version: int, m2m: dict | None = None) -> Model:
    """Save `instance` if the stored version still is `expected_version`; bump the version.

    The row is locked while checking, so two editors saving at the same moment cannot both win. It goes through
    save(), so the history records who changed what.
    """
    model = type(instance)
    current = model.objects.select_for_update().filter(pk=instance.pk).values_list("version", flat=True).first()
    if current != expected_version:
        raise VersionConflict(current)
    instance.version = expected_version + 1
    save_refusing_clashes(instance)
    for name, values in (m2m or {}).items():
        getattr(instance, name).set(values)
    return instance


def save_status(save: Callable[[], object], *, form: forms.BaseForm | None = None) -> int | None:
    """Every edit page's answer to a save, once (the API's is api_support.exception_handler: a JSON 409 or 400).

    Runs `save()` — a VersionedForm's `save_checked` or a service — and returns None when it saved. Otherwise the
    status the page answers with, the form showing why: 409 for a VersionConflict (the conflict screen: someone saved
    in between, or the page sent no version), 400 for a ValidationError (a rule the service or the database refused).
    `save_checked` has already put its messages on the form; a service's are added here.
    """
    try:
        save()
    except VersionConflict:
        if form is not None and not form.errors:
            form.add_error(None, CONFLICT_MESSAGE)
        return 409
    except ValidationError as refused:
        if form is not None and not form.errors:
            by_field = getattr(refused, "error_dict", None)
            form.add_error(None, refused if by_field and set(by_field) <= set(form.fields) else refused.messages)
        return 400
    return None


class VersionedForm(forms.ModelForm):
    """A ModelForm that carries the version it was opened at."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["expected_version"].initial = self.instance.version
        if not self.instance.pk:
            self.fields["expected_version"].required = False
        if "order" in self.fields:
            # Position is optional: left empty, the item keeps its place (new ones go first).
            self.fields["order"].required = False

    def _post_clean(self):
        super()._post_clean()
        # Django checks only the rules whose fields are all on the form. A field the view sets instead (a session's
        # pact, a measurement's indicator) is known all the same: check the rules over it too, so a second session
        # for a round or a second measurement on a date is an error on the form, not an IntegrityError.
        excluded = set(self._get_validation_exclusions())
        set_by_view = {
            f.name
            for f in self.instance._meta.concrete_fields
            if f.name in excluded and f.name not in self.fields and getattr(self.instance, f.attname) is not None
        }
        if not set_by_view:
            return
        try:
            self.instance.validate_constraints(exclude=excluded - set_by_view)
        except ValidationError as error:
            shown = {str(m) for errors in self.errors.values() for m in errors}
            fresh = {
                field: [e for e in errors if not set(e.messages) <= shown]
                for field, errors in error.update_error_dict({}).items()
            }
            fresh = {field: errors for field, errors in fresh.items() if errors}
            if fresh:
                self._update_errors(ValidationError(fresh))

    def clean_order(self):
        order = self.cleaned_data.get("order")
        return self.instance.order if order is None else order

    @transaction.atomic
    def save_checked(self) -> Model:
        """Save; or add the conflict to the form and raise VersionConflict; or, when the database refuses the row
        (someone saved a clashing one at the same moment), add its rule's message to the form and raise
        ValidationError."""
        instance = self.save(commit=False)
        m2m = {f.name: self.cleaned_data[f.name] for f in instance._meta.many_to_many if f.name in self.cleaned_data}
        try:
            if not instance.pk:
                save_refusing_clashes(instance)
                for name, values in m2m.items():
                    getattr(instance, name).set(values)
                return instance
            return save_versioned(instance=instance, expected_version=self.cleaned_data["expected_version"], m2m=m2m)
        except ValidationError as error:
            self._update_errors(error)
            raise
        except VersionConflict as conflict:
            self.add_error(None, CONFLICT_FORM_MESSAGE)
            self.conflicts = self._differences_with_stored()
            # Saving again now is a choice made with both versions in view, not an unseen overwrite.
            data = self.data.copy()
            data[self.add_prefix("expected_version")] = conflict.current_version
            self.data = data
            raise

    def _differences_with_stored(self) -> list[dict]:
        """Per field that differs: what is stored now (the other person's change) and what this editor sent."""
        stored = type(self.instance).objects.get(pk=self.instance.pk)
        rows = []
        for name, field in self.fields.items():
            if name == "expected_version" or name not in self.cleaned_data:
                continue
            submitted = self.cleaned_data[name]
            current = getattr(stored, name)
            if hasattr(current, "all"):  # many-to-many
                current, submitted = list(current.all()), list(submitted)
                same = {o.pk for o in current} == {o.pk for o in submitted}
                current, submitted = ", ".join(map(str, current)), ", ".join(map(str, submitted))
            else:
                same = current == submitted
            if not same:
                rows.append({"label": field.label, "stored": current, "submitted": submitted})
        return rows
