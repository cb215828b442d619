from django import forms
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from zorgpact.constants import Ministry
from zorgpact.core.publicform import PublicForm
from zorgpact.core.versioning import VersionedForm

from .constants import Outcome, Topic
from .models import Case, Scheme


class ReportForm(PublicForm):
    """Report an obstacle in the rules. No account needed; the reporter's details are never public."""

    rate_scope, per_hour = "case-report", 5
    honeypot_message = _("This report could not be processed.")
    too_many_message = _("You have sent too many reports in the past hour. Please try again later.")

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


# The answering workflow's forms (workspace_views.case_work).
class TriageForm(forms.Form):
    topic = forms.ChoiceField(label=gettext_lazy("Topic"), choices=Topic.choices)
    ministry = forms.ChoiceField(label=gettext_lazy("Assigned ministry"), choices=Ministry.choices)
    duplicate_of = forms.ModelChoiceField(
        label=gettext_lazy("Duplicate of"), queryset=Case.objects.published(), required=False
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(label=gettext_lazy("Answer"), widget=forms.Textarea(attrs={"rows": 6}), max_length=10_000)
    outcome = forms.ChoiceField(label=gettext_lazy("Outcome"), choices=Outcome.choices)


class PublishForm(forms.Form):
    """The public version of a case, written by the national team beside the original (which is never public)."""

    title = forms.CharField(label=gettext_lazy("Public title"), max_length=300)
    public_question = forms.CharField(
        label=gettext_lazy("Public question"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )
    public_context = forms.CharField(
        label=gettext_lazy("Public situation"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )
    public_answer = forms.CharField(
        label=gettext_lazy("Public answer"), widget=forms.Textarea(attrs={"rows": 6}), max_length=10_000
    )
    reviewed = forms.BooleanField(
        label=gettext_lazy(
            "I have checked that the public version names no person and cannot be traced to the reporter."
        )
    )


class RejectForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class _WebAddressField(forms.URLField):
    def __init__(self, **kwargs):
        super().__init__(assume_scheme="https", **kwargs)


class SchemeForm(VersionedForm):
    """A scheme as the national team corrects it (its address stays)."""

    class Meta:
        field_classes = {"url": _WebAddressField}
        model = Scheme
        fields = [
            "name",
            "kind",
            "ministry",
            "summary",
            "eligibility",
            "budget_text",
            "starts_on",
            "ends_on",
            "url",
            "themes",
        ]

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The period cannot end before it starts."))
        return cleaned
