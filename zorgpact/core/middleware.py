import time

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class AbsoluteSessionLimitMiddleware:
    """End a signed-in session a fixed time after sign-in, however active it is (the idle limit is separate)."""

    KEY = "signed_in_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            started = request.session.setdefault(self.KEY, int(time.time()))
            if time.time() - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
        return self.get_response(request)


class RefuseNulBytesMiddleware:
    """A NUL byte in an address is never meant: refuse it here, once, with a clear 400.

    PostgreSQL cannot store or compare one, so any view passing such a value on to a query would fail with a 500.
    (Form and API fields refuse NUL themselves, with a message on the field.)
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if any("\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()):
            from zorgpact.core.errors import bad_request

            return bad_request(request, message=_("The address contains a character that is not allowed (a NUL byte)."))
        return self.get_response(request)
