"""The API tokens screen of the workspace; the tokens themselves are zorgpact/tokens.py."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zorgpact.core.listing import posted
from zorgpact.models import ApiToken
from zorgpact.tokens import create_token, revoke_token


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("What is the token for?"), max_length=100)


@login_required
def tokens_view(request: HttpRequest) -> HttpResponse:
    form = TokenForm(posted(request))
    new_key = None
    status = 200
    if request.method == "POST" and "revoke" in request.POST:
        try:
            token_id = int(request.POST["revoke"])
        except ValueError:
            token_id = -1
        from django.contrib import messages

        if revoke_token(user=request.user, token_id=token_id):
            messages.success(request, _("The token has been revoked. It no longer works."))
        return redirect("api-tokens")
    if request.method == "POST":
        if form.is_valid():
            _token, new_key = create_token(user=request.user, name=form.cleaned_data["name"])
            form = TokenForm()
        else:
            status = 400
    return render(
        request,
        "zorgpact/tokens.html",
        {
            "form": form,
            "new_key": new_key,
            "tokens": ApiToken.objects.filter(user=request.user),
            "breadcrumbs": [(reverse("workspace"), _("Workspace")), (None, _("API tokens"))],
        },
        status=status,
    )
