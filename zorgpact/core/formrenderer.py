"""The form renderer (settings.FORM_RENDERER): every field a form renders comes out as its NL Design System component.

Django gives a widget `aria-invalid` and `aria-describedby` (help text, error) itself; this adds the component's class
and its `--invalid` state, so no template has to write an `<input>` by hand to look like the rest of the portal. The
widget templates under templates/django/forms/ take over the few pieces a class cannot: the empty choice of a select
("— kies —" instead of Django's "---------") and the field group (label, description, error, input).
"""

from django import forms
from django.forms.renderers import TemplatesSetting
from django.forms.widgets import Input

# A widget's component class, by the widget's type (its most specific match wins: a DateInput is a TextInput too).
COMPONENTS: list[tuple[type[forms.Widget], str, str]] = [
    (
        forms.CheckboxSelectMultiple,
        "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom",
        "utrecht-checkbox--invalid",
    ),
    (forms.RadioSelect, "utrecht-radio-button utrecht-radio-button--html-input", "utrecht-radio-button--invalid"),
    (forms.Select, "utrecht-select utrecht-select--html-select", "utrecht-select--invalid"),
    (forms.Textarea, "utrecht-textarea utrecht-textarea--html-textarea", "utrecht-textarea--invalid"),
    (
        forms.CheckboxInput,
        "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom",
        "utrecht-checkbox--invalid",
    ),
    (forms.FileInput, "zp-file-input", "zp-file-input--invalid"),
    (
        forms.NumberInput,
        "utrecht-textbox utrecht-textbox--html-input utrecht-textbox--numeric",
        "utrecht-textbox--invalid",
    ),
    (forms.URLInput, "utrecht-textbox utrecht-textbox--html-input utrecht-textbox--url", "utrecht-textbox--invalid"),
    (
        forms.PasswordInput,
        "utrecht-textbox utrecht-textbox--html-input utrecht-textbox--password",
        "utrecht-textbox--invalid",
    ),
    (forms.DateInput, "utrecht-textbox utrecht-textbox--html-input zp-date", "utrecht-textbox--invalid"),
    (Input, "utrecht-textbox utrecht-textbox--html-input", "utrecht-textbox--invalid"),
]


def component_class(widget: forms.Widget, *, invalid: bool) -> str:
    if widget.is_hidden:
        return ""
    for kind, classes, invalid_class in COMPONENTS:
        if isinstance(widget, kind):
            return f"{classes} {invalid_class}" if invalid else classes
    return ""


class NLDesignBoundField(forms.BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        classes = component_class(widget, invalid=bool(self.errors))
        if classes:
            own = attrs.get("class") or widget.attrs.get("class") or ""
            attrs["class"] = f"{classes} {own}".strip()
        return attrs


class NLDesignRenderer(TemplatesSetting):
    """Django's templates with ours first (templates/django/forms/), and the bound field above for every form."""

    bound_field_class = NLDesignBoundField
    field_template_name = "django/forms/field.html"
