"""Koplopers in the workspace: coordinators keep their koploper up to date; the national team reviews applications.

Objects come through zorgpact.permissions.get_for_user: another's koploper is a 404, a read-only role gets a 403.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _

from zorgpact.core.listing import paginate, posted
from zorgpact.core.versioning import save_status
from zorgpact.permissions import can_edit, get_for_user, require, reviews_applications

from .forms import AdoptionForm, DecisionForm, KoploperEditForm, ResultFigureForm, SupportRequestForm
from .models import Koploper
from .services import ReviewError, add_to_koploper, criteria, decide_application

WORKSPACE = (reverse_lazy("workspace"), _("Workspace"))


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    require(reviews_applications(request.user))
    applications = Koploper.objects.applications_for(request.user).order_by("applied_at", "pk")
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
    # An application is the national team's: to anyone else it is someone else's object, a 404.
    koploper = get_object_or_404(
        Koploper.objects.applications_for(request.user).prefetch_related(
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
                status = save_status(
                    lambda: decide_application(
                        koploper=koploper,
                        accept=form.cleaned_data["decision"] == "accept",
                        reason=form.cleaned_data["reason"],
                        expected_version=form.cleaned_data["expected_version"],
                    ),
                    form=form,
                )
            except ReviewError:
                form.add_error(None, _("This application has already been decided."))
                status = 409
            if status is None:
                messages.success(request, _("The decision has been saved and the applicant informed."))
                return redirect("koplopers-workspace:review-queue")
    return render(
        request,
        "koplopers/workspace/review.html",
        {
            "koploper": koploper,
            "criteria": criteria(koploper),
            "form": form,
            "breadcrumbs": [
                WORKSPACE,
                (reverse("koplopers-workspace:review-queue"), _("Kopgroep applications")),
                (None, koploper.name),
            ],
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
            "breadcrumbs": [
                WORKSPACE,
                (reverse("koplopers-workspace:koploper", kwargs={"slug": koploper.slug}), koploper.name),
                (None, title),
            ],
        },
        status=status,
    )


@login_required
def koploper_edit(request: HttpRequest, slug: str) -> HttpResponse:
    koploper = get_for_user(Koploper.objects.all(), request.user, write=request.method == "POST", slug=slug)
    may_edit = can_edit(request.user, koploper)
    form = KoploperEditForm(posted(request), instance=koploper)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        status = save_status(form.save_checked, form=form)
        if status is None:
            messages.success(request, _("The koploper has been saved."))
            return redirect("koplopers-workspace:koploper", slug=koploper.slug)
    if not may_edit:
        for field in form.fields.values():
            field.disabled = True
    return _koploper_page(request, koploper, form, koploper.name, status=status)


def _add_child(request, slug, form_class, title, saved):
    koploper = get_for_user(Koploper.objects.all(), request.user, write=True, slug=slug)
    form = form_class(posted(request))
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        status = save_status(lambda: add_to_koploper(koploper=koploper, item=item, added_by=request.user), form=form)
        if status is None:
            messages.success(request, saved)
            return redirect("koplopers-workspace:koploper", slug=koploper.slug)
    return _koploper_page(request, koploper, form, title, status=status)


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
    from zorgpact.core.history import history_page

    koploper = get_for_user(Koploper.objects.all(), request.user, slug=slug)
    # Through the coordinator's own edit form: its fields only (never the status the national team decides).
    return history_page(
        request,
        obj=koploper,
        make_form=lambda data: KoploperEditForm(data, instance=koploper),
        template="koplopers/workspace/history.html",
        context={
            "back_url": reverse("koplopers-workspace:koploper", kwargs={"slug": koploper.slug}),
            "breadcrumbs": [
                WORKSPACE,
                (reverse("koplopers-workspace:koploper", kwargs={"slug": koploper.slug}), koploper.name),
                (None, _("History")),
            ],
        },
    )


@login_required
def review_queue_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The Kopgroep applications queue as CSV or XLSX (national team only)."""
    from zorgpact.core.listing import export_response

    from .selectors import application_queue_table

    require(reviews_applications(request.user))
    applications = (
        Koploper.objects.applications_for(request.user)
        .prefetch_related("themes", "provinces")
        .order_by("applied_at", "pk")
    )
    header, rows = application_queue_table(applications)
    return export_response("kopgroep-aanmeldingen", fmt, header, rows, sheet_title=_("Kopgroep applications"))
