"""Every form's texts read well in Dutch (issue 20.7): no hint that repeats its label, the optional marker once (the
renderer adds it, so no label carries it), and an error at the field it is about."""

import importlib
import inspect
import re

import pytest
from django import forms
from django.utils import translation

FORM_MODULES = [
    "pacts.forms",
    "koplopers.forms",
    "regels.forms",
    "volgspot.forms",
    "zorgpact.site.organisations",
    "zorgpact.site.invitations",
    "zorgpact.site.tokens",
    "zorgpact.site.twofactor_views",
]


def all_fields():
    for module_name in FORM_MODULES:
        module = importlib.import_module(module_name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module_name:
                for field_name, field in cls.base_fields.items():
                    yield f"{module_name}.{name}.{field_name}", field


def words(text) -> set[str]:
    return set(re.findall(r"\w+", str(text).lower()))


def test_the_enumeration_finds_the_forms():
    assert sum(1 for _ in all_fields()) > 100


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_hint_repeats_its_label(language):
    """'Begint op' with the hint 'Begindatum.', 'Ambitie' with 'Ambitie.': a hint must add something."""
    repeats = []
    with translation.override(language):
        for where, field in all_fields():
            hint = str(field.help_text or "")
            if hint and (words(hint) <= words(field.label or "") | {"de", "het", "the", "van", "of", "a"}):
                repeats.append((where, str(field.label), hint))
    assert repeats == []


def test_the_hints_that_were_noise_are_gone():
    from pacts.forms import ActionForm, GoalForm, MeasurementForm

    with translation.override("nl"):
        assert ActionForm.base_fields["starts_on"].help_text == ""
        assert ActionForm.base_fields["ends_on"].help_text == ""
        assert GoalForm.base_fields["ambition"].help_text == ""
        assert MeasurementForm.base_fields["value"].help_text == ""
        # the status hint says what to do, not the word "Stadium" again
        assert str(ActionForm.base_fields["status"].help_text).startswith("Laat leeg")


def test_no_label_carries_the_optional_marker_itself():
    with translation.override("nl"):
        marked = [where for where, field in all_fields() if re.search(r"optional|niet verplicht", str(field.label))]
    assert marked == []


@pytest.mark.django_db
def test_the_start_year_error_sits_at_its_field(vocabulary):
    from koplopers.forms import ApplicationForm

    form = ApplicationForm(data={"name": "Zorgroute", "started_year": "1850"})
    assert not form.is_valid()
    with translation.override("nl"):
        assert form.errors["started_year"] == ["Het startjaar moet tussen 1900 en 2100 liggen."]
        assert all("startjaar" not in str(error) for error in form.non_field_errors())
