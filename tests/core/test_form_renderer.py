"""The form renderer (zorgpact/core/formrenderer.py): every field a form renders is its NL Design System component,
with the invalid state and its description and error tied to the input; no Django "---------"."""

import re

from django import forms
from django.template.loader import render_to_string
from django.utils import translation

from zorgpact.core.widgets import DateInput


class SampleForm(forms.Form):
    name = forms.CharField(label="Naam", help_text="Zoals op de website.")
    amount = forms.IntegerField(label="Aantal", required=False)
    starts_on = forms.DateField(label="Begint op", required=False, widget=DateInput())
    note = forms.CharField(label="Toelichting", widget=forms.Textarea, required=False)
    kind = forms.ChoiceField(label="Soort", choices=[("", "---------"), ("a", "A")], required=False)
    colour = forms.ChoiceField(label="Kleur", choices=[("red", "Rood"), ("blue", "Blauw")], widget=forms.RadioSelect)
    tags = forms.MultipleChoiceField(
        label="Labels", choices=[("x", "X"), ("y", "Y")], widget=forms.CheckboxSelectMultiple, required=False
    )
    consent = forms.BooleanField(label="Akkoord")
    file = forms.FileField(label="Bestand", required=False)


def render(form) -> str:
    with translation.override("nl"):
        return "".join(render_to_string("includes/field.html", {"field": field}) for field in form)


def tag(html: str, name: str) -> str:
    match = re.search(rf'<(input|select|textarea)[^>]*name="{name}"[^>]*>', html)
    assert match, name
    return match.group(0)


def test_every_widget_has_its_component_class():
    html = render(SampleForm())
    assert "utrecht-textbox utrecht-textbox--html-input" in tag(html, "name")
    assert "utrecht-textbox--numeric" in tag(html, "amount")
    assert 'type="date"' in tag(html, "starts_on") and "utrecht-textbox" in tag(html, "starts_on")
    assert "utrecht-textarea" in tag(html, "note")
    assert "utrecht-select" in tag(html, "kind")
    assert "utrecht-radio-button" in tag(html, "colour")
    assert "utrecht-checkbox" in tag(html, "tags")
    assert "utrecht-checkbox" in tag(html, "consent")
    assert "zp-file-input" in tag(html, "file")
    assert 'class="utrecht-form-label"' in html and "utrecht-form-field-description" in html
    assert "--invalid" not in html and "aria-invalid" not in html


def test_an_invalid_field_shows_its_state_and_names_its_error():
    form = SampleForm(data={"amount": "veel"})
    assert not form.is_valid()
    html = render(form)
    name = tag(html, "name")
    assert "utrecht-textbox--invalid" in name and 'aria-invalid="true"' in name
    assert 'aria-describedby="id_name_helptext id_name_error"' in name
    assert 'id="id_name_error"' in html and "utrecht-form-field--invalid" in html
    assert "utrecht-textbox--invalid" in tag(html, "amount")
    assert "utrecht-checkbox--invalid" in tag(html, "consent")
    assert 'aria-describedby="id_consent_error"' in tag(html, "consent")
    assert "utrecht-radio-button--invalid" in tag(html, "colour")
    # the radio group's error belongs to its fieldset
    assert re.search(r'<fieldset[^>]*utrecht-form-fieldset--invalid[^>]*aria-describedby="id_colour_error"', html)
    # a valid field stays plain
    assert "--invalid" not in tag(html, "note")


def test_no_django_dashes_and_one_optional_marker():
    html = render(SampleForm())
    assert "---------" not in html
    assert "— kies —" in html
    # once per optional field with its own label (amount, starts_on, note, kind, file); never twice in a row
    assert html.count("(niet verplicht)") == 5
    assert "(niet verplicht) (niet verplicht)" not in html
