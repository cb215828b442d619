from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from zorgpact.constants import SCHOOL_LEVELS, GovernmentLevel, Pillar
from zorgpact.core.publicform import PublicForm
from zorgpact.core.versioning import VersionedForm
from zorgpact.models import Organisation, Province, Theme

from .models import Adoption, Koploper, ResultFigure, SupportRequest, check_partnership

PARTNER_KINDS = [
    ("", _("— choose —")),
    ("vmbo", _("School: vmbo")),
    ("mbo", _("School: mbo")),
    ("hbo", _("School: hbo")),
    ("care", _("Care or welfare organisation")),
    ("gemeente", _("Municipality")),
    ("other", _("Other")),
]


def organisation_for(name: str, kind: str) -> Organisation:
    """An unsaved organisation with the pillar and level that the partner kind stands for."""
    organisation = Organisation(name=name)
    if kind in SCHOOL_LEVELS:
        organisation.pillar, organisation.education_level = Pillar.EDUCATION, kind
    elif kind == "care":
        organisation.pillar = Pillar.CARE
    elif kind == GovernmentLevel.MUNICIPALITY:
        organisation.pillar, organisation.government_level = Pillar.GOVERNMENT, GovernmentLevel.MUNICIPALITY
    else:
        organisation.pillar = Pillar.OTHER
    return organisation


class PartnerForm(forms.Form):
    name = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Type"), choices=PARTNER_KINDS, required=False)

    def clean(self):
        data = super().clean()
        if data.get("name") and not data.get("kind"):
            self.add_error("kind", _("Choose the type of this organisation."))
        if data.get("kind") and not data.get("name"):
            self.add_error("name", _("Fill in the name of this organisation."))
        return data


class BasePartnerFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        organisations = [
            organisation_for(f.cleaned_data["name"].strip(), f.cleaned_data["kind"])
            for f in self.forms
            if f.cleaned_data.get("name")
        ]
        # The same rule the model applies to a published koploper: one definition.
        try:
            check_partnership(organisations)
        except ValidationError as error:
            raise ValidationError(error.messages) from None
        self.organisations = organisations


PartnerFormSet = forms.formset_factory(PartnerForm, formset=BasePartnerFormSet, extra=5, max_num=10, validate_max=True)


class ApplicationForm(PublicForm, forms.ModelForm):
    rate_scope, per_hour = "kopgroep-application", 5
    honeypot_message = _("This application could not be processed.")
    too_many_message = _("You have sent too many applications in the past hour. Please try again later.")

    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.all(), widget=forms.CheckboxSelectMultiple, required=False
    )
    provinces = forms.ModelMultipleChoiceField(
        label=_("Provinces"), queryset=Province.objects.all(), widget=forms.CheckboxSelectMultiple, required=False
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    consent = forms.BooleanField(
        label=_("I agree that the national Zorgpact team stores these details to review the application."),
    )

    class Meta:
        model = Koploper
        # Only hints that add to the label (a hint that repeats it is noise for a screen reader too).
        help_texts = {
            "contact_name": "",
            "contact_email": "",
        }
        fields = [
            "name",
            "summary",
            "description",
            "started_year",
            "themes",
            "provinces",
            "results_text",
            "transferable_how",
            "website",
            "contact_name",
            "contact_email",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("summary", "description", "results_text", "transferable_how", "contact_name", "contact_email"):
            self.fields[name].required = True


# The workspace's forms (workspace_views).
class DecisionForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept as koploper")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when rejecting; sent to the applicant."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason for the rejection: the applicant receives it."))
        return data


class KoploperEditForm(VersionedForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    def _post_clean(self):
        # This form changes neither status nor partners: the partnership rule is checked at review, not here.
        # Koplopers from the sources often have no partners on record, and their texts must stay editable.
        self.instance.partnership_checked_elsewhere = True
        super()._post_clean()

    class Meta:
        model = Koploper
        # Only hints that add to the label (a hint that repeats it is noise for a screen reader too).
        help_texts = {
            "contact_name": "",
            "contact_email": "",
        }
        fields = [
            "summary",
            "description",
            "results_text",
            "transferable_how",
            "sustain_regular_offer",
            "sustain_regular_processes",
            "sustain_joint_agenda",
            "challenge_funding",
            "challenge_processes",
            "challenge_rules",
            "challenges_text",
            "contact_name",
            "contact_email",
            "website",
        ]


class ResultFigureForm(forms.ModelForm):
    class Meta:
        model = ResultFigure
        # Only hints that add to the label (a hint that repeats it is noise for a screen reader too).
        help_texts = {
            "value": "",
            "year": "",
        }
        fields = ["label", "value", "unit", "year"]


class AdoptionForm(forms.ModelForm):
    class Meta:
        model = Adoption
        # Only hints that add to the label (a hint that repeats it is noise for a screen reader too).
        help_texts = {
            "year": "",
        }
        fields = ["region", "year", "note"]

    def clean_region(self):
        region = self.cleaned_data["region"].strip()
        if not region:
            raise forms.ValidationError(_("Name the region or organisation that adopted the concept."))
        return region


class SupportRequestForm(forms.ModelForm):
    class Meta:
        model = SupportRequest
        fields = ["topic", "question"]
