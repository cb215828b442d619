"""The coordinator's workspace for a pact: the action agenda, edited with history and the lost-update check.

Every object is fetched through zorgpact.permissions.get_for_user: another pact's object is a 404, and a
read-only role (ministry staff) trying to write gets a 403.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zorgpact.permissions import can_edit, get_for_user
from zorgpact.versioning import CONFLICT_MESSAGE, VersionConflict

from .forms import ActionForm, IndicatorForm, MeasurementForm, PactProfileForm
from .models import Action, Indicator, Measurement, Pact
from .selectors import indicator_progress
from .services import field_changes, restore_version, set_archived


def _crumbs(pact: Pact, *extra):
    return [("/werkruimte/", _("Workspace")), (f"/werkruimte/pacten/{pact.slug}/", pact.name), *extra]


@login_required
def pact_workspace(request: HttpRequest, slug: str) -> HttpResponse:
    pact = get_for_user(Pact.objects.select_related("phase", "lead"), request.user, slug=slug)
    show_archived = request.GET.get("gearchiveerd") == "1"
    actions = Action.objects.filter(pact=pact).select_related("goal", "lead").prefetch_related(
        Prefetch("indicators__measurements", queryset=Measurement.objects.order_by("measured_on"))
    )
    if not show_archived:
        actions = actions.filter(archived_at__isnull=True)
    rows = [
        (action, [(i, indicator_progress(i)) for i in action.indicators.all() if not i.archived_at])
        for action in actions.order_by("order", "pk")
    ]
    return render(
        request,
        "pacts/workspace/pact.html",
        {
            "pact": pact,
            "rows": rows,
            "show_archived": show_archived,
            "may_edit": can_edit(request.user, pact),
            "breadcrumbs": _crumbs(pact)[:-1] + [(None, pact.name)],
        },
    )


@login_required
def pact_profile(request: HttpRequest, slug: str) -> HttpResponse:
    pact = get_for_user(Pact.objects.all(), request.user, write=True, slug=slug)
    form = PactProfileForm(request.POST or None, instance=pact)
    if request.method == "POST" and form.is_valid():
        try:
            form.save_checked()
        except VersionConflict:
            return render(request, "pacts/workspace/form.html", _form_context(pact, form, _("Profile")), status=409)
        messages.success(request, _("The profile has been saved."))
        return redirect(f"/werkruimte/pacten/{pact.slug}/")
    return render(request, "pacts/workspace/form.html", _form_context(pact, form, _("Profile")), status=400 if form.errors else 200)


def _form_context(pact, form, title, **extra):
    return {"pact": pact, "form": form, "title": title, "breadcrumbs": _crumbs(pact, (None, title)), **extra}


@login_required
def action_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    pact = get_for_user(Pact.objects.all(), request.user, write=True, slug=slug)
    action = get_for_user(Action.objects.filter(pact=pact), request.user, write=True, pk=pk) if pk else None
    form = ActionForm(request.POST or None, instance=action, pact=pact)
    title = action.title if action else _("New action")
    if request.method == "POST" and form.is_valid():
        try:
            saved = form.save_checked()
        except VersionConflict:
            return render(request, "pacts/workspace/form.html", _form_context(pact, form, title), status=409)
        messages.success(request, _("The action “%(title)s” has been saved.") % {"title": saved.title})
        return redirect(f"/werkruimte/pacten/{pact.slug}/")
    return render(
        request, "pacts/workspace/form.html", _form_context(pact, form, title, action=action), status=400 if form.errors else 200
    )


@login_required
@require_POST
def action_archive(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    pact = get_for_user(Pact.objects.all(), request.user, write=True, slug=slug)
    action = get_for_user(Action.objects.filter(pact=pact), request.user, write=True, pk=pk)
    archive = request.POST.get("archive") == "1"
    try:
        set_archived(action=action, archived=archive, expected_version=_int(request.POST.get("expected_version")))
    except VersionConflict:
        messages.error(request, CONFLICT_MESSAGE)
        return redirect(f"/werkruimte/pacten/{pact.slug}/")
    messages.success(request, _("The action has been archived.") if archive else _("The action has been restored."))
    return redirect(f"/werkruimte/pacten/{pact.slug}/")


@login_required
def action_history(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    pact = get_for_user(Pact.objects.all(), request.user, slug=slug)
    action = get_for_user(Action.objects.filter(pact=pact), request.user, pk=pk)
    if request.method == "POST":
        if not can_edit(request.user, action):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        try:
            restore_version(
                action=action,
                history_id=_int(request.POST.get("history_id")),
                expected_version=_int(request.POST.get("expected_version")),
            )
        except VersionConflict:
            messages.error(request, CONFLICT_MESSAGE)
        except Action.history.model.DoesNotExist:
            messages.error(request, _("That version does not exist."))
        else:
            messages.success(request, _("The earlier version has been restored."))
        return redirect(request.path)
    return render(
        request,
        "pacts/workspace/history.html",
        {
            "pact": pact,
            "action": action,
            "entries": field_changes(action),
            "may_edit": can_edit(request.user, action),
            "breadcrumbs": _crumbs(pact, (None, _("History of %(title)s") % {"title": action.title})),
        },
    )


@login_required
def indicator_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    pact = get_for_user(Pact.objects.all(), request.user, write=True, slug=slug)
    action = get_for_user(Action.objects.filter(pact=pact), request.user, write=True, pk=pk)
    form = IndicatorForm(request.POST or None, instance=Indicator(action=action))
    if request.method == "POST" and form.is_valid():
        form.save_checked()
        messages.success(request, _("The indicator has been added."))
        return redirect(f"/werkruimte/pacten/{pact.slug}/")
    title = _("New indicator for %(title)s") % {"title": action.title}
    return render(request, "pacts/workspace/form.html", _form_context(pact, form, title), status=400 if form.errors else 200)


@login_required
def measurement_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    pact = get_for_user(Pact.objects.all(), request.user, write=True, slug=slug)
    indicator = get_for_user(Indicator.objects.filter(action__pact=pact), request.user, write=True, pk=pk)
    form = MeasurementForm(request.POST or None, indicator=indicator)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The measurement has been saved."))
        return redirect(f"/werkruimte/pacten/{pact.slug}/")
    title = _("New measurement for %(name)s") % {"name": indicator.name}
    return render(request, "pacts/workspace/form.html", _form_context(pact, form, title), status=400 if form.errors else 200)


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1
