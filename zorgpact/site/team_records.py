"""The national team's shared records — themes, schemes, organisations — edited with the lost-update check and
with a history page where an earlier version can be brought back (through the same edit form, see
zorgpact.core.history).

The edit and history pages of every team record go through the helpers here (the organisation's page, which also
merges, in .organisations), so the lost-update check, the 409 screen and the messages live once."""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regels.forms import SchemeForm
from regels.models import Scheme
from zorgpact.core.history import history_page
from zorgpact.core.listing import posted
from zorgpact.core.versioning import VersionedForm, save_status
from zorgpact.models import Theme
from zorgpact.permissions import manages_portal, require


class ThemeForm(VersionedForm):
    class Meta:
        model = Theme
        fields = ["name", "intro", "insights", "introduced_on", "source"]


def team_only(request: HttpRequest) -> None:
    require(manages_portal(request.user))


def save_edit(request: HttpRequest, form: forms.ModelForm, *, message: str, to: str) -> HttpResponse | int:
    """The save branch of a team record's edit page: on a valid POST save against the posted version (save_status:
    409 with the conflict on the form when someone saved in between, 400 when a rule refused it); saved, the message
    and the redirect to `to`. Otherwise the status to render the page with (200 for a GET)."""
    if request.method != "POST":
        return 200
    status = save_status(form.save_checked, form=form) if form.is_valid() else 400
    if status is None:
        messages.success(request, message)
        return redirect(to)
    return status


def history(request: HttpRequest, *, obj: Model, make_form, back: str) -> HttpResponse:
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


@dataclass(frozen=True)
class _Record:
    """A team record edited on the shared form page: found by slug, edited and restored through `form`."""

    model: type[Model]
    form: type[VersionedForm]
    edit_url: str
    history_url: str
    title: Promise  # with %(name)s


THEME = _Record(Theme, ThemeForm, "theme-edit", "theme-history", gettext_lazy("Edit the theme %(name)s"))
SCHEME = _Record(Scheme, SchemeForm, "scheme-edit", "scheme-history", gettext_lazy("Edit the scheme %(name)s"))


def _edit(request: HttpRequest, record: _Record, slug: str) -> HttpResponse:
    team_only(request)
    obj = get_object_or_404(record.model, slug=slug)
    form = record.form(posted(request), instance=obj)
    back = reverse(record.edit_url, args=[obj.slug])
    answer = save_edit(request, form, message=_("Saved."), to=back)
    if isinstance(answer, HttpResponse):
        return answer
    title = record.title % {"name": obj.name}
    return render(
        request,
        "zorgpact/team_form.html",
        {
            "form": form,
            "title": title,
            "back_url": back,
            "history_url": reverse(record.history_url, args=[obj.slug]),
            "breadcrumbs": [(reverse("workspace"), _("Workspace")), (None, title)],
        },
        status=answer,
    )


def _history(request: HttpRequest, record: _Record, slug: str) -> HttpResponse:
    team_only(request)
    obj = get_object_or_404(record.model, slug=slug)
    return history(
        request,
        obj=obj,
        make_form=lambda data: record.form(data, instance=obj),
        back=reverse(record.edit_url, args=[obj.slug]),
    )


@login_required
def theme_edit(request: HttpRequest, slug: str) -> HttpResponse:
    return _edit(request, THEME, slug)


@login_required
def theme_history(request: HttpRequest, slug: str) -> HttpResponse:
    return _history(request, THEME, slug)


@login_required
def scheme_edit(request: HttpRequest, slug: str) -> HttpResponse:
    return _edit(request, SCHEME, slug)


@login_required
def scheme_history(request: HttpRequest, slug: str) -> HttpResponse:
    return _history(request, SCHEME, slug)
