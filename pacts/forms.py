from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from zorgpact.constants import CareSector, EducationLevel, Pillar
from zorgpact.core.versioning import VersionedForm
from zorgpact.core.widgets import DateInput
from zorgpact.models import Organisation
from zorgpact.services import find_or_create_organisation, find_organisation

from .constants import TargetGroup
from .models import Action, Ambition, Goal, Indicator, Measurement, Pact, Participation

# The hint beside a field that may stay empty when no source states it (the pages then say "niet bekend").
NOT_KNOWN_HINT = _('Leave empty when no source states it; the page then shows "not known".')


class PactProfileForm(VersionedForm):
    class Meta:
        model = Pact
        # Only hints that add to the label (a hint that repeats it is noise for a screen reader too).
        help_texts = {
            "region": "",
            "provinces": "",
            "status": NOT_KNOWN_HINT,
            "builds_on_existing": "",
            "lead": "",
            "funding_text": "",
            "themes": "",
        }
        fields = [
            "region",
            "provinces",
            "status",
            "started_on",
            "builds_on_existing",
            "phase",
            "is_projecttrekker",
            "is_platform",
            "is_podium",
            "collaboration",
            "lead",
            "ambition_text",
            "funding_text",
            "themes",
            "partners_complete",
        ]
        widgets = {
            "provinces": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
            "started_on": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The lead is one of the pact's own partners: a list of 1,100 organisations helps nobody.
        self.fields["lead"].queryset = self.instance.partner_organisations()


class ActionForm(VersionedForm):
    class Meta:
        model = Action
        # Only hints that add to the label (a hint that repeats it is noise for a screen reader too).
        help_texts = {
            "status": NOT_KNOWN_HINT,
            "starts_on": "",
            "ends_on": "",
            "lead": "",
            "partners": "",
            "themes": "",
        }
        fields = [
            "title",
            "description",
            "goal",
            "status",
            "starts_on",
            "ends_on",
            "lead",
            "partners",
            "themes",
            "is_public",
            "order",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "partners": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, pact: Pact, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.pact = pact
        partners = pact.partner_organisations()
        self.fields["lead"].queryset = partners
        self.fields["partners"].queryset = partners
        # Only this pact's goals: choosing another pact's goal must be impossible, not merely hidden.
        self.fields["goal"].queryset = self.fields["goal"].queryset.filter(ambition__pact=pact)


class IndicatorForm(VersionedForm):
    class Meta:
        model = Indicator
        # Only hints that add to the label (a hint that repeats it is noise for a screen reader too).
        help_texts = {
            "target": "",
        }
        fields = [
            "kind",
            "name",
            "unit",
            "baseline",
            "target",
            "target_on",
            "direction",
            "rhythm",
            "weight",
            "target_group",
        ]
        widgets = {"target_on": DateInput()}


class MeasurementForm(VersionedForm):
    class Meta:
        model = Measurement
        # Only hints that add to the label (a hint that repeats it is noise for a screen reader too).
        help_texts = {
            "measured_on": "",
            "value": "",
        }
        fields = ["measured_on", "value", "note"]
        widgets = {"measured_on": DateInput()}

    def __init__(self, *args, indicator: Indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.indicator = indicator  # VersionedForm checks the one-per-date rule over it


class AmbitionForm(VersionedForm):
    class Meta:
        model = Ambition
        fields = ["title", "order"]


class GoalForm(VersionedForm):
    class Meta:
        model = Goal
        # Only hints that add to the label (a hint that repeats it is noise for a screen reader too).
        help_texts = {
            "ambition": "",
        }
        fields = ["ambition", "title", "intended_effect", "target_groups", "order"]

    # A multi-select over TargetGroup stored as a list; none ticked is "not known" (null), as no source states it.
    target_groups = forms.TypedMultipleChoiceField(
        label=_("Target groups"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Whom the goal's effect is for. Tick none when it is not known."),
    )

    def __init__(self, *args, pact: Pact, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ambition"].queryset = Ambition.objects.filter(pact=pact, archived_at__isnull=True)
        self.initial["target_groups"] = self.instance.target_groups or []

    def clean_target_groups(self):
        return [g for g in TargetGroup.values if g in self.cleaned_data["target_groups"]] or None


class ParticipationForm(VersionedForm):
    """A partner of the pact: an existing organisation by name, or a new one with its place in the triangle."""

    organisation_name = forms.CharField(
        label=_("Organisation"), max_length=200, help_text=_("An existing organisation is found by its exact name.")
    )
    pillar = forms.ChoiceField(
        label=_("Pillar (for a new organisation)"), choices=[("", "—"), *Pillar.choices], required=False
    )
    education_level = forms.ChoiceField(
        label=_("Education level (for a new school)"), choices=[("", "—"), *EducationLevel.choices], required=False
    )
    care_sector = forms.ChoiceField(
        label=_("Care sector (for a new care organisation)"), choices=[("", "—"), *CareSector.choices], required=False
    )

    class Meta:
        model = Participation
        # Only hints that add to the label (a hint that repeats it is noise for a screen reader too).
        help_texts = {
            "role": "",
            "joined_on": "",
            "left_on": _("Leave empty while the organisation takes part."),
        }
        fields = ["role", "joined_on", "left_on"]
        widgets = {"joined_on": DateInput(), "left_on": DateInput()}

    field_order = ["organisation_name", "pillar", "education_level", "care_sector", "role", "joined_on", "left_on"]

    def __init__(self, *args, pact: Pact, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.pact = pact
        if self.instance.pk:
            self.fields["organisation_name"].initial = self.instance.organisation.name
            self.fields["organisation_name"].disabled = True
            for name in ("pillar", "education_level", "care_sector"):
                del self.fields[name]

    def clean(self):
        data = super().clean()
        if self.instance.pk:
            return data
        name = (data.get("organisation_name") or "").strip()
        organisation = find_organisation(name)
        if organisation is None:
            if not data.get("pillar"):
                self.add_error("pillar", _("This organisation is new: choose its pillar."))
                return data
            organisation = Organisation(
                name=name,
                pillar=data["pillar"],
                education_level=data.get("education_level", ""),
                care_sector=data.get("care_sector", ""),
            )
            try:
                organisation.full_clean()
            except forms.ValidationError as error:
                self.add_error("organisation_name", error.messages)
                return data
        elif Participation.objects.filter(pact=self.instance.pact, organisation=organisation).exists():
            self.add_error("organisation_name", _("This organisation already is a partner of the pact."))
        self.organisation = organisation
        return data

    @transaction.atomic
    def save_checked(self):
        if not self.instance.pk:
            self.instance.organisation = find_or_create_organisation(organisation=self.organisation)
        return super().save_checked()
