"""The screens of two-factor sign-in: set up an app, enter its code after the password, manage it."""

from axes.handlers.proxy import AxesProxyHandler
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from zorgpact import twofactor
from zorgpact.core.listing import posted
from zorgpact.permissions import needs_second_factor


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=20,
        help_text=gettext_lazy("The six digits your authenticator app shows now, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "class": "utrecht-textbox",
                "autocapitalize": "off",
                "spellcheck": "false",
            }
        ),
    )


class SetupCodeForm(CodeForm):
    code = forms.CharField(
        label=gettext_lazy("Code from the app"),
        max_length=20,
        help_text=gettext_lazy("The six digits the app shows after adding the Zorgpact account."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "class": "utrecht-textbox"}
        ),
    )


def _locked_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return render(request, "registration/locked_out.html", status=429)


@login_required
def verify_view(request: HttpRequest) -> HttpResponse:
    """The second step of sign-in: the app's code (or a recovery code). Wrong codes count towards the lockout."""
    user = request.user
    target = twofactor.next_path(request)
    if user.is_verified():
        return redirect(target)
    if not twofactor.has_second_factor(user):
        return redirect(twofactor.with_next("two-factor-setup", target))
    credentials = {"username": user.email}
    if AxesProxyHandler.is_locked(request, credentials):
        return _locked_out(request)
    form = CodeForm(posted(request))
    status = 200
    if request.method == "POST" and form.is_valid():
        device = twofactor.check_code(user=user, code=form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            request.session.pop(twofactor.PENDING_SESSION_KEY, None)
            return redirect(target)
        # django-axes counts it like a wrong password; the audit hook records it as a wrong code.
        user_login_failed.send(sender=__name__, credentials={**credentials, "second_factor": True}, request=request)
        if getattr(request, "axes_locked_out", False) or AxesProxyHandler.is_locked(request, credentials):
            return _locked_out(request)
        form.add_error("code", _("This code is not right, or no longer valid. Enter the code your app shows now."))
    if form.errors:
        status = 400
    return render(request, "registration/two_factor_verify.html", {"form": form, "next": target}, status=status)


@login_required
def setup_view(request: HttpRequest) -> HttpResponse:
    """Add an authenticator app: scan the QR code (or type the secret), prove it with a first code."""
    user = request.user
    if twofactor.has_second_factor(user) and not user.is_verified():
        # Replacing the app needs the current one: a stolen password alone must not be enough.
        return redirect(twofactor.with_next("two-factor-verify", reverse("two-factor-setup")))
    key = twofactor.new_setup_key(request)
    device = twofactor.setup_device(user, key)
    form = SetupCodeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        result = twofactor.confirm_setup(user=user, key=key, code=form.cleaned_data["code"])
        if result is not None:
            confirmed, codes = result
            otp_login(request, confirmed)
            request.session.pop(twofactor.SETUP_SESSION_KEY, None)
            request.session.pop(twofactor.PENDING_SESSION_KEY, None)
            return render(
                request, "registration/two_factor_codes.html", {"codes": codes, "next": twofactor.next_path(request)}
            )
        form.add_error(
            "code",
            _("This code does not match. Check that the app shows the Zorgpact account and enter its current code."),
        )
    return render(
        request,
        "registration/two_factor_setup.html",
        {
            "form": form,
            "qr": twofactor.qr_svg(device),
            "secret": twofactor.secret_for_typing(device),
            "required": needs_second_factor(user),
            "next": twofactor.next_path(request),
        },
        status=400 if form.errors else 200,
    )


@login_required
def overview_view(request: HttpRequest) -> HttpResponse:
    """Reached only after the second step (the middleware), like every other signed-in screen."""
    return render(
        request,
        "registration/two_factor.html",
        {
            "has_app": twofactor.has_second_factor(request.user),
            "required": needs_second_factor(request.user),
            "breadcrumbs": [(reverse("workspace"), _("Workspace")), (None, _("Two-step verification"))],
        },
    )


@login_required
@require_POST
def recovery_codes_view(request: HttpRequest) -> HttpResponse:
    if not twofactor.has_second_factor(request.user):
        return redirect("two-factor")
    codes = twofactor.new_recovery_codes(user=request.user)
    return render(request, "registration/two_factor_codes.html", {"codes": codes, "next": reverse("two-factor")})


@login_required
@require_POST
def remove_view(request: HttpRequest) -> HttpResponse:
    if needs_second_factor(request.user):
        messages.error(request, _("Your role requires two-step verification: you can replace the app, not remove it."))
        return redirect("two-factor")
    twofactor.remove_second_factor(user=request.user)
    messages.success(request, _("Two-step verification is off."))
    return redirect(settings.LOGIN_REDIRECT_URL)
