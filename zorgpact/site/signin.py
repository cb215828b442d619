"""The sign-in page: Django's LoginView with an address that is checked before anything looks it up.

An address longer than any account's (254 characters) is refused on the form, before `authenticate()` runs: so
django-axes never records it (its username column holds 255 characters; on PostgreSQL a longer one was a 500) and
the audit log never stores it.
"""

from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

MAX_ADDRESS_LENGTH = 254  # RFC 5321, and the User model's e-mail field


class SignInForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # AuthenticationForm sets max_length on the field after it is built, which only sets the HTML attribute.
        self.fields["username"].validators.append(
            MaxLengthValidator(MAX_ADDRESS_LENGTH, message=_("An e-mail address has at most 254 characters."))
        )


class SignInView(LoginView):
    authentication_form = SignInForm

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error("username"):  # not a failed sign-in but an address no account can have
            response.status_code = 400
        return response
