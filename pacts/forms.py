from django import forms
from django.utils.translation import gettext_lazy as _

from zorgpact.models import Organisation
from zorgpact.versioning import VersionedForm

from .models import Action, Indicator, Measurement, Pact


class PactProfileForm(VersionedForm):
    class Meta:
        model = Pact
        fields = [
            "region", "provinces", "status", "started_on", "builds_on_existing", "phase", "is_projecttrekker",
            "is_platform", "is_podium", "collaboration", "lead", "ambition_text", "funding_text", "themes",
        ]
        widgets = {
            "provinces": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
            "started_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The lead is one of the pact's own partners: a list of 1,100 organisations helps nobody.
        self.fields["lead"].queryset = Organisation.objects.filter(participations__pact=self.instance).distinct()


class ActionForm(VersionedForm):
    class Meta:
        model = Action
        fields = ["title", "description", "goal", "status", "starts_on", "ends_on", "lead", "partners", "themes", "is_public"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "partners": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, pact: Pact, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.pact = pact
        partners = Organisation.objects.filter(participations__pact=pact).distinct().order_by("name")
        self.fields["lead"].queryset = partners
        self.fields["partners"].queryset = partners
        # Only this pact's goals: choosing another pact's goal must be impossible, not merely hidden.
        self.fields["goal"].queryset = self.fields["goal"].queryset.filter(ambition__pact=pact)


class IndicatorForm(VersionedForm):
    class Meta:
        model = Indicator
        fields = ["kind", "name", "unit", "baseline", "target", "target_on", "direction"]
        widgets = {"target_on": forms.DateInput(attrs={"type": "date"})}


class MeasurementForm(forms.ModelForm):
    class Meta:
        model = Measurement
        fields = ["measured_on", "value", "note"]
        widgets = {"measured_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, indicator: Indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.indicator = indicator

    def validate_unique(self):
        # indicator is not a form field, so the model's unique (indicator, date) check must be run by hand.
        try:
            self.instance.validate_constraints()
        except forms.ValidationError as error:
            self._update_errors(error)
