"""Koplopers in the workspace: coordinators keep their koploper up to date; the national team reviews applications.

Objects come through zorgpact.permissions.get_for_user: another's koploper is a 404, a read-only role gets a 403.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from zorgpact.core.listing import paginate, posted
from zorgpact.core.versioning import CONFLICT_MESSAGE, VersionConflict
from zorgpact.permissions import can_edit, get_for_user, is_national_team

from .constants import KoploperStatus
from .forms import AdoptionForm, DecisionForm, KoploperEditForm, ResultFigureForm, SupportRequestForm
from .models import Koploper
from .services import ReviewError, criteria, decide_application

WORKSPACE = ("/werkruimte/", _("Workspace"))


def _national_team_only(user) -> None:
    if not is_national_team(user):
        raise PermissionDenied


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    _national_team_only(request.user)
    applications = Koploper.objects.filter(status__in=[KoploperStatus.APPLIED, KoploperStatus.IN_REVIEW]).order_by(
        "applied_at", "pk"
    )
    return render(
        request,
        "koplopers/workspace/review_queue.html",
        {
            "page": paginate(applications, request.GET.get("page"), per_page=25),
            "breadcrumbs": [WORKSPACE, (None, _("Kopgroep applications"))],
        },
    )


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    _national_team_only(request.user)
    koploper = get_object_or_404(
        Koploper.objects.filter(status__in=[KoploperStatus.APPLIED, KoploperStatus.IN_REVIEW]).prefetch_related(
            "partners__organisation", "themes", "provinces"
        ),
        pk=pk,
    )
    form = DecisionForm(posted(request), initial={"expected_version": koploper.version})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                decide_application(
                    koploper=koploper,
                    accept=form.cleaned_data["decision"] == "accept",
                    reason=form.cleaned_data["reason"],
                    expected_version=form.cleaned_data["expected_version"],
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            except VersionConflict:
                form.add_error(None, CONFLICT_MESSAGE)
                status = 409
            except ReviewError:
                form.add_error(None, _("This application has already been decided."))
                status = 409
            else:
                messages.success(request, _("The decision has been saved and the applicant informed."))
                return redirect("/werkruimte/kopgroep/")
    return render(
        request,
        "koplopers/workspace/review.html",
        {
            "koploper": koploper,
            "criteria": criteria(koploper),
            "form": form,
            "breadcrumbs": [WORKSPACE, ("/werkruimte/kopgroep/", _("Kopgroep applications")), (None, koploper.name)],
        },
        status=status,
    )


def _koploper_page(request, koploper, form, title, *, status=200):
    return render(
        request,
        "koplopers/workspace/form.html",
        {
            "koploper": koploper,
            "form": form,
            "title": title,
            "may_edit": can_edit(request.user, koploper),
            "breadcrumbs": [WORKSPACE, (f"/werkruimte/koplopers/{koploper.slug}/", koploper.name), (None, title)],
        },
        status=status,
    )


@login_required
def koploper_edit(request: HttpRequest, slug: str) -> HttpResponse:
    koploper = get_for_user(Koploper.objects.all(), request.user, slug=slug)
    may_edit = can_edit(request.user, koploper)
    if request.method == "POST" and not may_edit:
        raise PermissionDenied
    form = KoploperEditForm(posted(request), instance=koploper)
    if request.method == "POST" and form.is_valid():
        try:
            form.save_checked()
        except VersionConflict:
            return _koploper_page(request, koploper, form, koploper.name, status=409)
        except ValidationError:
            return _koploper_page(request, koploper, form, koploper.name, status=400)
        messages.success(request, _("The koploper has been saved."))
        return redirect(f"/werkruimte/koplopers/{koploper.slug}/")
    if not may_edit:
        for field in form.fields.values():
            field.disabled = True
    return _koploper_page(request, koploper, form, koploper.name, status=400 if form.errors else 200)


def _add_child(request, slug, form_class, title, saved):
    koploper = get_for_user(Koploper.objects.all(), request.user, write=True, slug=slug)
    form = form_class(posted(request))
    if request.method == "POST" and form.is_valid():
        child = form.save(commit=False)
        child.koploper = koploper
        if hasattr(child, "requested_by_id"):
            child.requested_by = request.user
        child.save()
        messages.success(request, saved)
        return redirect(f"/werkruimte/koplopers/{koploper.slug}/")
    return _koploper_page(request, koploper, form, title, status=400 if form.errors else 200)


@login_required
def result_add(request: HttpRequest, slug: str) -> HttpResponse:
    return _add_child(request, slug, ResultFigureForm, _("New result figure"), _("The result figure has been added."))


@login_required
def adoption_add(request: HttpRequest, slug: str) -> HttpResponse:
    return _add_child(request, slug, AdoptionForm, _("New adoption"), _("The adoption has been added."))


@login_required
def support_request(request: HttpRequest, slug: str) -> HttpResponse:
    return _add_child(
        request,
        slug,
        SupportRequestForm,
        _("Request tailored support"),
        _("Your request for tailored support has been sent to the national team."),
    )


@login_required
def koploper_history(request: HttpRequest, slug: str) -> HttpResponse:
    """Who changed the koploper's page and how; its coordinators can bring back an earlier version."""
    from zorgpact.core.history import field_changes, restore_from_post

    koploper = get_for_user(Koploper.objects.all(), request.user, slug=slug)
    may_edit = can_edit(request.user, koploper)
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        # Through the coordinator's own edit form: its fields only (never the status the national team decides).
        restore_from_post(request, obj=koploper, make_form=lambda data: KoploperEditForm(data, instance=koploper))
        return redirect(request.path)
    return render(
        request,
        "koplopers/workspace/history.html",
        {
            "object": koploper,
            "entries": field_changes(koploper),
            "may_edit": may_edit,
            "back_url": f"/werkruimte/koplopers/{koploper.slug}/",
            "breadcrumbs": [
                WORKSPACE,
                (f"/werkruimte/koplopers/{koploper.slug}/", koploper.name),
                (None, _("History")),
            ],
        },
    )
