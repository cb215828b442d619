"""The national team invites people: an account with its roles, and a one-time link to choose a password.

The link is Django's password-reset token: it is tied to the password hash and last login, so it works once
(setting the password changes the hash) and expires after PASSWORD_RESET_TIMEOUT.
"""

from django import forms
from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koplopers.models import Koploper
from pacts.models import Pact

from zorgpact import audit
from zorgpact.constants import AuditEventType, Ministry
from zorgpact.listing import posted
from zorgpact.mail import portal_link
from zorgpact.models import User
from zorgpact.permissions import is_national_team, needs_second_factor
from zorgpact.twofactor import with_next


class InvitationForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address"))
    name = forms.CharField(label=gettext_lazy("Name"), max_length=150)
    pacts = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Coordinator of these regional pacts"), queryset=Pact.objects.order_by("name"), required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    koplopers = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Coordinator of these koplopers"), queryset=Koploper.objects.published().order_by("name"),
        required=False, widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    ministry = forms.ChoiceField(label=gettext_lazy("Ministry staff of"), choices=[("", "—"), *Ministry.choices], required=False)
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


def not_yet_activated():
    """Invited accounts whose person has not chosen a password yet (nor signed in): these may be invited again."""
    from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX

    return User.objects.filter(last_login=None, password__startswith=UNUSABLE_PASSWORD_PREFIX, is_active=True).values("pk")


@transaction.atomic
def invite(*, email: str, name: str, pacts, koplopers, ministry: str, is_national_team: bool) -> User:
    """The account and its invitation mail in one transaction: the mail is queued with the account (zorgpact/mail.py)
    and sent after the commit, so a mail server that is away delays the mail and never half-makes the account.
    Inviting an address again that has not been activated gives it these roles and a new link."""
    user = User.objects.filter(email__iexact=email, pk__in=not_yet_activated()).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None, name=name, ministry=ministry, is_national_team=is_national_team)
    else:
        user.name, user.ministry, user.is_national_team = name, ministry, is_national_team
        user.save(update_fields=["name", "ministry", "is_national_team"])
    if ministry or is_national_team:
        audit.record(AuditEventType.ROLE_CHANGED, target=user.email,
                     detail=f"invited with ministry={ministry or '-'} national_team={is_national_team}")
    for pact in pacts:
        pact.coordinators.add(user)
    for koploper in koplopers:
        koploper.coordinators.add(user)
    link = portal_link(reverse("invitation-accept", args=[urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)]))
    days = settings.PASSWORD_RESET_TIMEOUT // 86400
    body = _(
        "Dear %(name)s,\n\nYou have been invited to the Zorgpact portal. Choose your password with this link; it works "
        "once and for %(days)d day(s):\n\n%(link)s\n\nThe national Zorgpact team"
    ) % {"name": name, "days": days, "link": link}
    send_mail(_("Your invitation to the Zorgpact portal"), body, settings.DEFAULT_FROM_EMAIL, [email])
    return user


@login_required
def invite_view(request: HttpRequest) -> HttpResponse:
    if not is_national_team(request.user):
        raise PermissionDenied
    form = InvitationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        invite(
            email=data["email"], name=data["name"], pacts=data["pacts"], koplopers=data["koplopers"],
            ministry=data["ministry"], is_national_team=data["is_national_team"],
        )
        from django.contrib import messages

        messages.success(request, _("The account has been made; the invitation mail to %(email)s will follow.") % {"email": data["email"]})
        return redirect("/werkruimte/")
    return render(
        request, "zorgpact/invite.html",
        {"form": form, "breadcrumbs": [("/werkruimte/", _("Workspace")), (None, _("Invite a person"))]},
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
            return redirect(with_next("two-factor-setup", "/werkruimte/"))
        return redirect("/werkruimte/")
    return render(request, "zorgpact/invite_accept.html", {"validlink": True, "form": form}, status=400 if form.errors else 200)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's, with the link in the mail on PORTAL_URL (zorgpact.mail.portal_link) instead of the request's Host."""

    @property
    def extra_email_context(self) -> dict:
        # Django's mail template writes {{ protocol }}://{{ domain }}{% url ... %}; these win over the request's.
        protocol, domain = portal_link("").split("://", 1)
        return {"protocol": protocol, "domain": domain, "site_name": "Zorgpact"}
