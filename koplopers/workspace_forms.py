from django import forms
from django.utils.translation import gettext_lazy as _

from zorgpact.core.versioning import VersionedForm

from .models import Adoption, Koploper, ResultFigure, SupportRequest


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
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    def _post_clean(self):
        # This form changes neither status nor partners: the partnership rule is checked at review, not here.
        # Koplopers from the sources often have no partners on record, and their texts must stay editable.
        self.instance.partnership_checked_elsewhere = True
        super()._post_clean()

    class Meta:
        model = Koploper
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
        fields = ["label", "value", "unit", "year"]


class AdoptionForm(forms.ModelForm):
    class Meta:
        model = Adoption
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
