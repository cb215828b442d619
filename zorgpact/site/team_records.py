"""The national team's shared records — themes, schemes, organisations — edited with the lost-update check and
with a history page where an earlier version can be brought back (through the same edit form, see
zorgpact.core.history)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from regels.forms import SchemeForm
from regels.models import Scheme
from zorgpact.core.history import history_page
from zorgpact.core.listing import posted
from zorgpact.core.versioning import VersionConflict, VersionedForm
from zorgpact.models import Organisation, Theme
from zorgpact.permissions import is_national_team

from .organisations import OrganisationForm


class ThemeForm(VersionedForm):
    class Meta:
        model = Theme
        fields = ["name", "intro", "insights", "introduced_on", "source"]


def _team_only(request) -> None:
    if not is_national_team(request.user):
        raise PermissionDenied


def _edit(request: HttpRequest, *, obj: Model, form: forms.ModelForm, title: str, back: str, history: str):
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                form.save_checked()
            except VersionConflict:
                status = 409
            except ValidationError:
                status = 400
            else:
                messages.success(request, _("Saved."))
                return redirect(back)
    return render(
        request,
        "zorgpact/team_form.html",
        {
            "form": form,
            "title": title,
            "back_url": back,
            "history_url": history,
            "breadcrumbs": [(reverse("workspace"), _("Workspace")), (None, title)],
        },
        status=status,
    )


def _history(request: HttpRequest, *, obj: Model, make_form, back: str) -> HttpResponse:
    # The team screens are the national team's own (checked by the caller): they may restore.
    return history_page(
        request,
        obj=obj,
        make_form=make_form,
        may_edit=True,
        context={
            "back_url": back,
            "breadcrumbs": [(reverse("workspace"), _("Workspace")), (back, str(obj)), (None, _("History"))],
        },
    )


@login_required
def theme_edit(request: HttpRequest, slug: str) -> HttpResponse:
    _team_only(request)
    theme = get_object_or_404(Theme, slug=slug)
    return _edit(
        request,
        obj=theme,
        form=ThemeForm(posted(request), instance=theme),
        title=_("Edit the theme %(name)s") % {"name": theme.name},
        back=reverse("theme-edit", args=[theme.slug]),
        history=reverse("theme-history", args=[theme.slug]),
    )


@login_required
def theme_history(request: HttpRequest, slug: str) -> HttpResponse:
    _team_only(request)
    theme = get_object_or_404(Theme, slug=slug)
    return _history(
        request,
        obj=theme,
        make_form=lambda data: ThemeForm(data, instance=theme),
        back=reverse("theme-edit", args=[theme.slug]),
    )


@login_required
def scheme_edit(request: HttpRequest, slug: str) -> HttpResponse:
    _team_only(request)
    scheme = get_object_or_404(Scheme, slug=slug)
    return _edit(
        request,
        obj=scheme,
        form=SchemeForm(posted(request), instance=scheme),
        title=_("Edit the scheme %(name)s") % {"name": scheme.name},
        back=reverse("scheme-edit", args=[scheme.slug]),
        history=reverse("scheme-history", args=[scheme.slug]),
    )


@login_required
def scheme_history(request: HttpRequest, slug: str) -> HttpResponse:
    _team_only(request)
    scheme = get_object_or_404(Scheme, slug=slug)
    return _history(
        request,
        obj=scheme,
        make_form=lambda data: SchemeForm(data, instance=scheme),
        back=reverse("scheme-edit", args=[scheme.slug]),
    )


@login_required
def organisation_history(request: HttpRequest, pk: int) -> HttpResponse:
    _team_only(request)
    organisation = get_object_or_404(Organisation, pk=pk)
    return _history(
        request,
        obj=organisation,
        make_form=lambda data: OrganisationForm(data, instance=organisation),
        back=reverse("organisation", args=[organisation.pk]),
    )
