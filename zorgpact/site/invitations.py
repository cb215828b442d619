"""The national team invites people: an account with its roles, and a one-time link to choose a password.

The link is Django's password-reset token: it is tied to the password hash and last login, so it works once
(setting the password changes the hash) and expires after PASSWORD_RESET_TIMEOUT.
"""

from django import forms
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koplopers.models import Koploper
from pacts.models import Pact
from zorgpact.constants import Ministry
from zorgpact.core.listing import posted
from zorgpact.core.mail import portal_link
from zorgpact.models import User
from zorgpact.permissions import manages_portal, needs_second_factor, require
from zorgpact.services import invite, not_yet_activated
from zorgpact.twofactor import with_next


class InvitationForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address"))
    name = forms.CharField(label=gettext_lazy("Name"), max_length=150)
    pacts = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Coordinator of these regional pacts"),
        queryset=Pact.objects.order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    koplopers = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Coordinator of these koplopers"),
        queryset=Koploper.objects.published().order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    ministry = forms.ChoiceField(
        label=gettext_lazy("Ministry staff of"), choices=[("", "—"), *Ministry.choices], required=False
    )
    is_national_team = forms.BooleanField(label=gettext_lazy("Member of the national team"), required=False)

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"]).lower()
        # Inviting again is fine until the person has chosen a password (say the first mail never arrived).
        if User.objects.filter(email__iexact=email).exclude(pk__in=not_yet_activated()).exists():
            raise forms.ValidationError(_("There already is an account with this e-mail address."))
        return email

    def clean(self):
        data = super().clean()
        if not (data.get("pacts") or data.get("koplopers") or data.get("ministry") or data.get("is_national_team")):
            raise forms.ValidationError(_("Give the person at least one role."))
        return data


@login_required
def invite_view(request: HttpRequest) -> HttpResponse:
    require(manages_portal(request.user))
    form = InvitationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        invite(
            email=data["email"],
            name=data["name"],
            pacts=data["pacts"],
            koplopers=data["koplopers"],
            ministry=data["ministry"],
            is_national_team=data["is_national_team"],
        )
        from django.contrib import messages

        messages.success(
            request,
            _("The account has been made; the invitation mail to %(email)s will follow.") % {"email": data["email"]},
        )
        return redirect("workspace")
    return render(
        request,
        "zorgpact/invite.html",
        {"form": form, "breadcrumbs": [(reverse("workspace"), _("Workspace")), (None, _("Invite a person"))]},
        status=400 if form.errors else 200,
    )


def accept_view(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        user = None
    if user is None or not default_token_generator.check_token(user, token):
        return render(request, "zorgpact/invite_accept.html", {"validlink": False}, status=404)
    form = SetPasswordForm(user, posted(request))
    if request.method == "POST" and form.is_valid():
        form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        if needs_second_factor(user):  # staff set up their authenticator app before anything else
            return redirect(with_next("two-factor-setup", reverse("workspace")))
        return redirect("workspace")
    return render(
        request, "zorgpact/invite_accept.html", {"validlink": True, "form": form}, status=400 if form.errors else 200
    )


class PasswordResetView(auth_views.PasswordResetView):
    """Django's, with the link in the mail on PORTAL_URL (zorgpact.core.mail.portal_link) instead of the request's Host."""

    @property
    def extra_email_context(self) -> dict:
        # Django's mail template writes {{ protocol }}://{{ domain }}{% url ... %}; these win over the request's.
        protocol, domain = portal_link("").split("://", 1)
        return {"protocol": protocol, "domain": domain, "site_name": "Zorgpact"}
