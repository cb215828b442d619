"""Two-factor sign-in: a code from an authenticator app (TOTP, django-otp) after the password, and recovery codes.

Required for everyone who reads every pact (national team, ministry staff) and for admin users
(`permissions.needs_second_factor`); offered to coordinators, and once a coordinator has set it up it is asked at
every sign-in too. Sign-in is not complete until the second step: `SecondFactorMiddleware` sends such a session to
the code screen (or to setup when there is no app yet) from every page but those two, sign-out and the language
switch — deny by default, so no new screen can forget it.

A wrong code counts as a failed sign-in for django-axes (the same lockout per account and address) and is in the
audit log; the TOTP device also slows down repeated wrong codes itself (django-otp's throttling, kept in the
database, so signing in again with the password does not reset it).
"""

import secrets
import time
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django_otp import match_token
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from zorgpact.constants import AuditEventType
from zorgpact.core import audit
from zorgpact.permissions import needs_second_factor

RECOVERY_CODES = 10
# Set at sign-in for a person who chose to set up an app (a coordinator): their session needs the code as well.
PENDING_SESSION_KEY = "second_factor_pending"
SETUP_SESSION_KEY = "second_factor_setup_key"
# The screens an unverified session may still open.
OPEN_BEFORE_SECOND_FACTOR = {"two-factor-verify", "two-factor-setup", "logout", "login", "set_language", "healthz"}


def has_second_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def second_factor_due(request: HttpRequest) -> bool:
    """Signed in with the password, but the second step that this person needs has not been done in this session."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return False
    return needs_second_factor(user) or bool(request.session.get(PENDING_SESSION_KEY))


def mark_pending_at_sign_in(sender, request, user, **kwargs) -> None:
    """user_logged_in: a person who is not required to use an app but has set one up is asked for its code too."""
    if (
        request is not None
        and hasattr(request, "session")
        and not needs_second_factor(user)
        and has_second_factor(user)
    ):
        request.session[PENDING_SESSION_KEY] = True


# --- Setup ---------------------------------------------------------------------------------------------------


def new_setup_key(request: HttpRequest) -> str:
    """The secret of the app being set up, kept in the session until a first code proves the app has it."""
    key = request.session.get(SETUP_SESSION_KEY)
    if not key:
        key = request.session[SETUP_SESSION_KEY] = secrets.token_hex(20)
    return key


def setup_device(user, key: str) -> TOTPDevice:
    """An unsaved device for the key: what the app is told (QR code, secret) and what its first code is checked by."""
    return TOTPDevice(user=user, key=key, name=_("Authenticator app"), confirmed=False)


def qr_svg(device: TOTPDevice) -> SafeString:
    """The otpauth:// address as an inline SVG QR code: drawn here, no script, no image from elsewhere."""
    svg = segno.make(device.config_url, error="m").svg_inline(scale=4, border=4, dark="#000", light="#fff")
    return mark_safe(
        svg.replace("<svg ", f'<svg role="img" aria-label="{_("QR code for your authenticator app")}" ', 1)
    )


def secret_for_typing(device: TOTPDevice) -> str:
    """The base32 secret in groups of four, for an app that cannot scan."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _normalised(code: str) -> str:
    return "".join(code.split()).lower()


@transaction.atomic
def confirm_setup(*, user, key: str, code: str) -> tuple[TOTPDevice, list[str]] | None:
    """The app's first code proves it holds the key: it becomes the person's one app, with fresh recovery codes.

    Returns None when the code does not match (nothing is saved then).
    """
    device = setup_device(user, key)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    code = _normalised(code)
    if not code.isdigit() or not totp.verify(int(code), device.tolerance):
        return None
    TOTPDevice.objects.filter(user=user).delete()
    device.confirmed = True
    device.last_t = totp.t()
    device.save()
    codes = _replace_recovery_codes(user)
    audit.record(AuditEventType.SECOND_FACTOR_SET_UP, target=user.email)
    return device, codes


def _replace_recovery_codes(user) -> list[str]:
    static, _created = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": "recovery codes", "confirmed": True}
    )
    static.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=static, token=code) for code in codes)
    return codes


@transaction.atomic
def new_recovery_codes(*, user) -> list[str]:
    """Ten new recovery codes; the old ones stop working."""
    codes = _replace_recovery_codes(user)
    audit.record(AuditEventType.RECOVERY_CODES_RENEWED, target=user.email)
    return codes


@transaction.atomic
def remove_second_factor(*, user) -> None:
    """Only for a person who is not required to use an app (the caller checks `needs_second_factor`)."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit.record(AuditEventType.SECOND_FACTOR_REMOVED, target=user.email)


# --- Sign-in ---------------------------------------------------------------------------------------------------


@transaction.atomic
def check_code(*, user, code: str) -> Device | None:
    """The device that accepts this code: the app's current code, or an unused recovery code (used up by this)."""
    device = match_token(user, _normalised(code))
    if isinstance(device, StaticDevice):
        audit.record(
            AuditEventType.RECOVERY_CODE_USED,
            actor=user,
            target=user.email,
            detail=f"{device.token_set.count()} recovery codes left",
        )
    return device


def next_path(request: HttpRequest, default: str = settings.LOGIN_REDIRECT_URL) -> str:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def with_next(url_name: str, target: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': target})}"


class SecondFactorMiddleware:
    """After django-otp's OTPMiddleware: a session that still owes its second factor reaches only the open screens."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        match = request.resolver_match
        if match is not None and match.url_name in OPEN_BEFORE_SECOND_FACTOR:
            return None
        if not second_factor_due(request):
            return None
        if request.path_info.startswith("/api/"):
            return JsonResponse(
                {"detail": _("Finish signing in with the code from your authenticator app.")}, status=403
            )
        name = "two-factor-verify" if has_second_factor(request.user) else "two-factor-setup"
        target = request.get_full_path() if request.method == "GET" else settings.LOGIN_REDIRECT_URL
        return redirect(with_next(name, target))
