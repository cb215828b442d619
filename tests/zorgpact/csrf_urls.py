"""A public page that renders a CSRF token, for the page-cache test: such a page must never be shared."""

from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path


def with_form(request):
    return HttpResponse(
        f'<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="{get_token(request)}"></form>'
    )


urlpatterns = [path("met-formulier/", with_form)]
