from django import forms

from zorgpact.core.versioning import VersionedForm
from zorgpact.core.widgets import DateInput

from .constants import SessionStatus
from .models import Agreement, AmbitionReview, VolgspotSession


class SessionForm(VersionedForm):
    class Meta:
        model = VolgspotSession
        fields = [
            "round",
            "held_on",
            "status",
            "facilitator",
            "participants",
            "guests",
            "phase",
            "is_projecttrekker",
            "is_platform",
            "is_podium",
            "context",
            "summary",
        ]
        widgets = {"held_on": DateInput(), "participants": forms.CheckboxSelectMultiple}

    def __init__(self, *args, pact, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.pact = pact
        # Participants come from the pact's own partners.
        self.fields["participants"].queryset = pact.partner_organisations()
        # "final" is reached through the finalise step, which also records when.
        self.fields["status"].choices = [c for c in self.fields["status"].choices if c[0] != SessionStatus.FINAL]


class ReviewForm(VersionedForm):
    class Meta:
        model = AmbitionReview
        # Only hints that add to the label (a hint that repeats it is noise for a screen reader too).
        help_texts = {
            "progress": "",
            "helps": "",
            "hinders": "",
            "next_steps": "",
            "assessment": "",
            "effects_students": "",
            "effects_care_users": "",
            "effects_care_workers": "",
        }
        fields = [
            "still_fits",
            "progress",
            "helps",
            "hinders",
            "next_steps",
            "assessment",
            "effects_students",
            "effects_care_users",
            "effects_care_workers",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for name in [
                "still_fits",
                "progress",
                "helps",
                "hinders",
                "next_steps",
                "effects_students",
                "effects_care_users",
                "effects_care_workers",
            ]
        }


class AgreementForm(VersionedForm):
    class Meta:
        model = Agreement
        # Only hints that add to the label (a hint that repeats it is noise for a screen reader too).
        help_texts = {
            "text": "",
            "owner_organisation": "",
            "status": "",
        }
        fields = ["text", "owner_organisation", "owner_name", "due_on", "status"]
        widgets = {"due_on": DateInput(), "text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, pact, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_organisation"].queryset = pact.partner_organisations()
