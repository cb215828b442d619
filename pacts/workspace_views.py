"""The coordinator's workspace for a pact: the action agenda, edited with history and the lost-update check.

Every object is fetched through zorgpact.permissions.get_for_user: another pact's object is a 404, and a
read-only role (ministry staff) trying to write gets a 403.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zorgpact.core.history import history_page
from zorgpact.core.listing import posted
from zorgpact.core.versioning import CONFLICT_MESSAGE, posted_version, save_status
from zorgpact.permissions import can_edit, get_for_user

from .forms import (
    ActionForm,
    AmbitionForm,
    GoalForm,
    IndicatorForm,
    MeasurementForm,
    PactProfileForm,
    ParticipationForm,
)
from .models import Action, Ambition, Goal, Indicator, Measurement, Pact, Participation
from .progress import Rollup
from .selectors import (
    indicator_progress,
    measurements_due,
    results_of,
    target_group_labels,
    unmeasured_effects,
    with_reminders,
)
from .services import set_archived


def _crumbs(pact: Pact, *extra):
    return [
        (reverse("workspace"), _("Workspace")),
        (reverse("pacts-workspace:pact", kwargs={"slug": pact.slug}), pact.name),
        *extra,
    ]


@login_required
def pact_workspace(request: HttpRequest, slug: str) -> HttpResponse:
    pact = get_for_user(Pact.objects.select_related("phase", "lead"), request.user, slug=slug)
    show_archived = request.GET.get("gearchiveerd") == "1"
    actions = (
        Action.objects.filter(pact=pact)
        .select_related("goal", "lead")
        .prefetch_related(Prefetch("indicators__measurements", queryset=Measurement.objects.order_by("measured_on")))
    )
    if not show_archived:
        actions = actions.filter(archived_at__isnull=True)
    rows = [
        (action, [(i, indicator_progress(i)) for i in action.indicators.all() if show_archived or not i.archived_at])
        for action in actions.order_by("order", "pk")
    ]
    measured = Prefetch("indicators__measurements", queryset=Measurement.objects.order_by("measured_on"))
    ambitions = list(
        (
            Ambition.objects.filter(pact=pact)
            if show_archived
            else Ambition.objects.filter(pact=pact, archived_at__isnull=True)
        ).prefetch_related(
            Prefetch(
                "goals",
                queryset=(
                    Goal.objects.all() if show_archived else Goal.objects.filter(archived_at__isnull=True)
                ).prefetch_related(measured),
            )
        )
    )
    results = results_of(pact)
    empty = Rollup()
    for ambition in ambitions:
        ambition.rollup = results.ambitions.get(ambition.pk, empty)
        for goal in ambition.goals.all():
            # Effect indicators measure the goal itself.
            goal.indicator_rows = [
                (i, indicator_progress(i)) for i in goal.indicators.all() if show_archived or not i.archived_at
            ]
            goal.rollup = results.goals.get(goal.pk, empty)
            goal.group_labels = target_group_labels(goal.target_groups)
    goals = [g for a in ambitions for g in a.goals.all() if not g.archived_at]
    pairs = [pair for _a, indicators in rows for pair in indicators] + [
        pair for g in goals for pair in g.indicator_rows
    ]
    return render(
        request,
        "pacts/workspace/pact.html",
        {
            "pact": pact,
            "rows": rows,
            "show_archived": show_archived,
            "ambitions": ambitions,
            "results": results,
            "due": with_reminders(measurements_due(pairs)),
            "unmeasured_effects": unmeasured_effects(goals),
            "participations": Participation.objects.filter(pact=pact)
            .select_related("organisation")
            .order_by("organisation__name"),
            "may_edit": can_edit(request.user, pact),
            "breadcrumbs": _crumbs(pact)[:-1] + [(None, pact.name)],
        },
    )


@login_required
def pact_profile(request: HttpRequest, slug: str) -> HttpResponse:
    pact = get_for_user(Pact.objects.all(), request.user, write=True, slug=slug)
    form = PactProfileForm(posted(request), instance=pact)
    return _edit(request, pact, form, _("Profile"), _("The profile has been saved."))


def _form_context(pact, form, title, **extra):
    return {"pact": pact, "form": form, "title": title, "breadcrumbs": _crumbs(pact, (None, title)), **extra}


def _edit(request: HttpRequest, pact: Pact, form: forms.ModelForm, title: str, saved_message: str) -> HttpResponse:
    """Show the form; on a valid POST save it against its version and return to the pact's agenda."""
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        status = save_status(form.save_checked, form=form)
        if status is None:
            messages.success(request, saved_message)
            return redirect("pacts-workspace:pact", slug=pact.slug)
    return render(request, "pacts/workspace/form.html", _form_context(pact, form, title), status=status)


@login_required
def action_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    pact = get_for_user(Pact.objects.all(), request.user, write=True, slug=slug)
    action = get_for_user(Action.objects.filter(pact=pact), request.user, write=True, pk=pk) if pk else None
    form = ActionForm(posted(request), instance=action, pact=pact)
    return _edit(request, pact, form, action.title if action else _("New action"), _("The action has been saved."))


@login_required
def ambition_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    pact = get_for_user(Pact.objects.all(), request.user, write=True, slug=slug)
    ambition = (
        get_for_user(Ambition.objects.filter(pact=pact), request.user, write=True, pk=pk) if pk else Ambition(pact=pact)
    )
    form = AmbitionForm(posted(request), instance=ambition)
    return _edit(request, pact, form, ambition.title or _("New ambition"), _("The ambition has been saved."))


@login_required
def goal_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    pact = get_for_user(Pact.objects.all(), request.user, write=True, slug=slug)
    goal = get_for_user(Goal.objects.filter(ambition__pact=pact), request.user, write=True, pk=pk) if pk else None
    form = GoalForm(posted(request), instance=goal, pact=pact)
    return _edit(request, pact, form, goal.title if goal else _("New goal"), _("The goal has been saved."))


@login_required
def partner_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    pact = get_for_user(Pact.objects.all(), request.user, write=True, slug=slug)
    participation = (
        get_for_user(
            Participation.objects.filter(pact=pact).select_related("organisation"), request.user, write=True, pk=pk
        )
        if pk
        else None
    )
    form = ParticipationForm(posted(request), instance=participation, pact=pact)
    title = participation.organisation.name if participation else _("New partner")
    return _edit(request, pact, form, title, _("The partner has been saved."))


# What can be archived, by the word used in its URL. How each reaches its pact is its QuerySet's `in_pact`.
ARCHIVE_KINDS = {"acties": Action, "ambities": Ambition, "doelen": Goal, "indicatoren": Indicator}


@login_required
@require_POST
def archive(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    if kind not in ARCHIVE_KINDS:
        raise Http404
    pact = get_for_user(Pact.objects.all(), request.user, write=True, slug=slug)
    item = get_for_user(ARCHIVE_KINDS[kind].objects.in_pact(pact), request.user, write=True, pk=pk)
    archived = request.POST.get("archive") == "1"
    if save_status(lambda: set_archived(item=item, archived=archived, expected_version=posted_version(request))):
        messages.error(request, CONFLICT_MESSAGE)
        return redirect("pacts-workspace:pact", slug=pact.slug)
    messages.success(
        request,
        _("“%(item)s” has been archived.") % {"item": item}
        if archived
        else _("“%(item)s” has been restored.") % {"item": item},
    )
    return redirect("pacts-workspace:pact", slug=pact.slug)


# The agenda objects that have a history page, by the word used in their URL, with the form each is edited with:
# a restore brings back only that form's fields, through that form's checks (zorgpact.core.history.restore_version).
HISTORY_KINDS = {
    "pact": (Pact, lambda data, obj, pact: PactProfileForm(data, instance=obj)),
    "partner": (Participation, lambda data, obj, pact: ParticipationForm(data, instance=obj, pact=pact)),
    "ambitie": (Ambition, lambda data, obj, pact: AmbitionForm(data, instance=obj)),
    "doel": (Goal, lambda data, obj, pact: GoalForm(data, instance=obj, pact=pact)),
    "actie": (Action, lambda data, obj, pact: ActionForm(data, instance=obj, pact=pact)),
    "indicator": (Indicator, lambda data, obj, pact: IndicatorForm(data, instance=obj)),
    "meting": (Measurement, lambda data, obj, pact: MeasurementForm(data, instance=obj, indicator=obj.indicator)),
}


@login_required
def history(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    """Who changed what and when, field by field; a coordinator can bring back an earlier version."""
    if kind not in HISTORY_KINDS:
        raise Http404
    pact = get_for_user(Pact.objects.all(), request.user, slug=slug)
    model, edit_form = HISTORY_KINDS[kind]
    obj = get_for_user(model.objects.in_pact(pact), request.user, pk=pk)
    return history_page(
        request,
        obj=obj,
        make_form=lambda data: edit_form(data, obj, pact),
        template="pacts/workspace/history.html",
        context={"pact": pact, "breadcrumbs": _crumbs(pact, (None, _("History of %(title)s") % {"title": obj}))},
    )


@login_required
def indicator_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    pact = get_for_user(Pact.objects.all(), request.user, write=True, slug=slug)
    action = get_for_user(Action.objects.filter(pact=pact), request.user, write=True, pk=pk)
    form = IndicatorForm(posted(request), instance=Indicator(action=action))
    title = _("New indicator for %(title)s") % {"title": action.title}
    return _edit(request, pact, form, title, _("The indicator has been added."))


@login_required
def indicator_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """An indicator's definition, its rhythm and its weight in the goal's progress (0: not counted)."""
    pact = get_for_user(Pact.objects.all(), request.user, write=True, slug=slug)
    indicator = get_for_user(Indicator.objects.in_pact(pact), request.user, write=True, pk=pk)
    form = IndicatorForm(posted(request), instance=indicator)
    return _edit(request, pact, form, indicator.name, _("The indicator has been saved."))


@login_required
def measurement_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    pact = get_for_user(Pact.objects.all(), request.user, write=True, slug=slug)
    indicator = get_for_user(Indicator.objects.in_pact(pact), request.user, write=True, pk=pk)
    form = MeasurementForm(posted(request), indicator=indicator)
    title = _("New measurement for %(name)s") % {"name": indicator.name}
    # The same date saved at the same moment is a ValidationError: the form names the date (a 400).
    return _edit(request, pact, form, title, _("The measurement has been saved."))


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


@login_required
def agenda_export(request: HttpRequest, slug: str, fmt: str, level: str = "") -> HttpResponse:
    """The agenda as a workbook (XLSX, a sheet per level), or one level as CSV (`actieagenda.csv` is the actions)."""
    from zorgpact.core.listing import SPREADSHEET_TYPES

    from .spreadsheet import CSV_LEVELS, export_file

    pact = get_for_user(Pact.objects.all(), request.user, slug=slug)
    kind = CSV_LEVELS.get(level or "acties")
    if kind is None:
        raise Http404
    response = HttpResponse(export_file(pact, fmt, kind), content_type=SPREADSHEET_TYPES[fmt])
    name = f"actieagenda-{pact.slug}" + (f"-{level}" if level else "")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


IMPORT_SESSION_KEY = "agenda-import:{pk}"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


@login_required
def agenda_import(request: HttpRequest, slug: str) -> HttpResponse:
    """Upload → checked preview → confirm. One bad row and nothing is saved; errors name row and column.

    The session holds only the pk of the previewed AgendaImport (its plan is in the database, not the file's rows).
    """
    from .constants import ImportStatus
    from .models import AgendaImport
    from .spreadsheet import (
        ASYNC_FROM,
        ImportFileError,
        ImportsUnavailable,
        checked_in_background,
        confirm_import,
        describe_changes,
        preview_import,
        queue_preview,
    )

    pact = get_for_user(Pact.objects.all(), request.user, write=True, slug=slug)
    key = IMPORT_SESSION_KEY.format(pk=pact.pk)
    context = {"pact": pact, "breadcrumbs": _crumbs(pact, (None, _("Import the action agenda")))}
    if request.method != "POST":
        return render(request, "pacts/workspace/import.html", context)
    if request.POST.get("confirm"):
        pk = _int(request.session.pop(key, None))
        pending = AgendaImport.objects.filter(
            pk=pk, pact=pact, created_by=request.user, status=ImportStatus.PREVIEWED
        ).first()
        if pending is None:
            context["file_error"] = _("The preview has expired. Upload the file again.")
            return render(request, "pacts/workspace/import.html", context, status=400)
        try:
            done = confirm_import(agenda_import=pending)
        except ImportsUnavailable:
            request.session[key] = pending.pk
            context["file_error"] = _(
                "Large imports are handled in the background, which cannot be reached right now. Nothing has been "
                "changed; try again in a few minutes."
            )
            return render(request, "pacts/workspace/import.html", context, status=503)
        if done.status == ImportStatus.DONE:
            messages.success(request, _("Import done: %(created)d added, %(updated)d changed.") % done.counts)
            return redirect("pacts-workspace:pact", slug=pact.slug)
        if done.status == ImportStatus.FAILED:
            context["file_error"] = done.error
            return render(request, "pacts/workspace/import.html", context, status=400)
        return redirect("pacts-workspace:import-status", slug=pact.slug, pk=done.pk)
    upload = request.FILES.get("file")
    if upload is None or upload.size > MAX_UPLOAD_BYTES:
        context["file_error"] = _("Choose a CSV or XLSX file of at most 5 MB.")
        return render(request, "pacts/workspace/import.html", context, status=400)
    content = upload.read()
    try:
        if checked_in_background(upload.name, content):
            checking = queue_preview(pact=pact, user=request.user, file_name=upload.name, content=content)
            request.session[key] = checking.pk
            return redirect("pacts-workspace:import-status", slug=pact.slug, pk=checking.pk)
        plan, previewed = preview_import(pact=pact, user=request.user, file_name=upload.name, content=content)
    except ImportFileError as error:
        context["file_error"] = str(error)
        return render(request, "pacts/workspace/import.html", context, status=400)
    context["plan"] = plan
    if previewed is None:
        return render(request, "pacts/workspace/import.html", context, status=400)
    request.session[key] = previewed.pk
    context["preview"] = plan.summary()
    context["changes"] = describe_changes(plan.changes)
    context["async_from"] = ASYNC_FROM
    return render(request, "pacts/workspace/import.html", context)


@login_required
def agenda_import_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """How far an import by the worker is; the page polls itself with htmx, and has a link to reload without it."""
    from .constants import ImportStatus
    from .models import AgendaImport
    from .spreadsheet import ASYNC_FROM, describe_changes, import_progress

    pact = get_for_user(Pact.objects.all(), request.user, write=True, slug=slug)
    agenda_import = AgendaImport.objects.filter(pk=pk, pact=pact).defer("upload").first()
    if agenda_import is None:
        raise Http404
    report = agenda_import.report or {}
    context = {
        "pact": pact,
        "agenda_import": agenda_import,
        "progress": import_progress(agenda_import),
        "breadcrumbs": _crumbs(pact, (None, _("Import the action agenda"))),
        "plan": {"errors": report.get("errors", []), "error_count": report.get("error_count", 0)},
        "async_from": ASYNC_FROM,
    }
    if agenda_import.status == ImportStatus.PREVIEWED and agenda_import.created_by_id == request.user.pk:
        context["preview"] = report.get("summary")
        context["changes"] = describe_changes(agenda_import.plan)
    template = "pacts/workspace/import_status_fragment.html" if request.htmx else "pacts/workspace/import_status.html"
    return render(request, template, context)
