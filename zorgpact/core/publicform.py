"""The public forms anyone may send without an account (an obstacle report, a Kopgroep application): one honeypot
field and one per-client hourly limit, written once."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from zorgpact.core.ratelimit import limit_reached


class PublicForm(forms.Form):
    """Base of a public form (use it before ModelForm: `class F(PublicForm, forms.ModelForm)`).

    `homepage` is never shown to people (the template hides it); bots fill in every field, and a filled one refuses
    the form with `honeypot_message`. `limit_reached(request)` counts the sending against `rate_scope` and, past
    `per_hour`, puts `too_many_message` on the form: the view then answers 429.
    """

    rate_scope: str = "public-form"
    per_hour: int = 5
    honeypot_message = _("This form could not be processed.")
    too_many_message = _("You have sent this form too often in the past hour. Please try again later.")

    homepage = forms.CharField(label=_("Leave this field empty"), required=False)

    def clean_homepage(self) -> str:
        if self.cleaned_data.get("homepage"):
            raise ValidationError(self.honeypot_message, code="honeypot")
        return ""

    def limit_reached(self, request: HttpRequest) -> bool:
        if limit_reached(request, self.rate_scope, limit=self.per_hour):
            self.add_error(None, self.too_many_message)
            return True
        return False
