from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class ReportForm(forms.Form):
    """Report an obstacle in the rules. No account needed; the reporter's details are never public."""

    question = forms.CharField(
        label=_("Your question"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Which rule stands in the way, and what would you like to do?"),
    )
    context = forms.CharField(
        label=_("The situation"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Who works together, and where does it get stuck?"),
    )
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("Your e-mail address"), help_text=_("We send the confirmation and the answer here.")
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the Zorgpact stores my details to handle this question, as described in the privacy notice above."
        ),
    )
    # Never shown to people (hidden with CSS); bots fill it in.
    homepage = forms.CharField(label=_("Leave this field empty"), required=False)

    def clean_homepage(self):
        if self.cleaned_data.get("homepage"):
            raise ValidationError(_("This report could not be processed."), code="honeypot")
        return ""
