"""Volgspot sessions in the workspace: plan, record reviews and agreements, finalise (then read-only)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pacts.models import Ambition, Pact
from zorgpact.core.listing import posted
from zorgpact.core.versioning import CONFLICT_MESSAGE, RACE_MESSAGE, posted_version, save_status
from zorgpact.permissions import can_edit, get_for_user

from .forms import AgreementForm, ReviewForm, SessionForm
from .models import Agreement, AmbitionReview, VolgspotSession
from .selectors import next_round, preparation
from .services import finalise_session


def _session(request, pk: int, *, write: bool) -> VolgspotSession:
    session = get_for_user(VolgspotSession.objects.select_related("pact", "phase"), request.user, write=write, pk=pk)
    if write and session.is_final:
        raise PermissionDenied(_("A final session is read-only."))
    return session


@login_required
def session_new(request: HttpRequest, slug: str) -> HttpResponse:
    pact = get_for_user(Pact.objects.all(), request.user, write=True, slug=slug)
    form = SessionForm(
        posted(request),
        pact=pact,
        initial={"round": next_round(pact), "held_on": timezone.localdate(), "phase": pact.phase_id},
    )
    status = 400 if request.method == "POST" else 200
    # The same round saved at the same moment is a ValidationError: the form says so (a 400).
    if request.method == "POST" and form.is_valid():
        status = save_status(form.save_checked, form=form)
        if status is None:
            return redirect("volgspot:session", pk=form.instance.pk)
    return render(
        request,
        "volgspot/session_form.html",
        {
            "form": form,
            "pact": pact,
            "title": _("Plan a Volgspot session"),
            "breadcrumbs": [
                (reverse("volgspot:pact", kwargs={"slug": pact.slug}), pact.name),
                (None, _("Plan a Volgspot session")),
            ],
        },
        status=status,
    )


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk, write=request.method == "POST")
    form = SessionForm(posted(request), instance=session, pact=session.pact)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        status = save_status(form.save_checked, form=form)
        if status is None:
            messages.success(request, _("The session has been saved."))
            return redirect(request.path)
    return _session_page(request, session, form, status=status)


def _session_page(request: HttpRequest, session: VolgspotSession, form: SessionForm, *, status: int) -> HttpResponse:
    ambitions = Ambition.objects.filter(pact=session.pact, archived_at__isnull=True)
    reviews = {r.ambition_id: r for r in session.reviews.all()}
    return render(
        request,
        "volgspot/session.html",
        {
            "session": session,
            "form": form,
            "may_edit": can_edit(request.user, session.pact) and not session.is_final,
            "ambitions": [(a, reviews.get(a.pk)) for a in ambitions],
            "agreements": session.agreements.select_related("owner_organisation"),
            "prep": preparation(session),
            "cases": session.cases.all() if hasattr(session, "cases") else [],
            "breadcrumbs": [
                (reverse("volgspot:pact", kwargs={"slug": session.pact.slug}), session.pact.name),
                (None, _("Round %(n)s") % {"n": session.round}),
            ],
        },
        status=status,
    )


@login_required
def review_edit(request: HttpRequest, pk: int, ambition_pk: int) -> HttpResponse:
    session = _session(request, pk, write=True)
    ambition = get_for_user(Ambition.objects.filter(pact=session.pact), request.user, pk=ambition_pk)
    review = AmbitionReview.objects.filter(session=session, ambition=ambition).first() or AmbitionReview(
        session=session, ambition=ambition
    )
    form = ReviewForm(posted(request), instance=review)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        status = save_status(form.save_checked, form=form)
        if status is None:
            return redirect("volgspot:session", pk=session.pk)
    return render(
        request,
        "volgspot/session_form.html",
        {
            "form": form,
            "pact": session.pact,
            "title": ambition.title,
            "breadcrumbs": [
                (reverse("volgspot:session", kwargs={"pk": session.pk}), _("Round %(n)s") % {"n": session.round}),
                (None, ambition.title),
            ],
        },
        status=status,
    )


@login_required
def agreement_new(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk, write=True)
    form = AgreementForm(posted(request), instance=Agreement(session=session), pact=session.pact)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        status = save_status(form.save_checked, form=form)
        if status is None:
            return redirect("volgspot:session", pk=session.pk)
    return render(
        request,
        "volgspot/session_form.html",
        {
            "form": form,
            "pact": session.pact,
            "title": _("New agreement"),
            "breadcrumbs": [
                (reverse("volgspot:session", kwargs={"pk": session.pk}), _("Round %(n)s") % {"n": session.round}),
                (None, _("New agreement")),
            ],
        },
        status=status,
    )


@login_required
@require_POST
def session_finalise(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk, write=True)
    status = save_status(
        lambda: finalise_session(session=session, expected_version=posted_version(request), user=request.user)
    )
    if status is not None:
        # The session changed since the page was opened (or the form sent no version of it): nothing is final yet.
        session.refresh_from_db()
        messages.error(request, CONFLICT_MESSAGE if status == 409 else RACE_MESSAGE)
        return _session_page(request, session, SessionForm(instance=session, pact=session.pact), status=status)
    messages.success(request, _("The session is final. The pact's progress report is being built."))
    return redirect("volgspot:session", pk=session.pk)


# The Volgspot records that have a history page, by the word in their URL, with the session they belong to and the
# form each is edited with: a restore brings back only that form's fields, through its checks and version check
# (zorgpact.core.history.restore_version). A final session and its reviews and agreements are read-only: no restore.
HISTORY_KINDS = {
    "bijeenkomst": (
        VolgspotSession,
        lambda obj: obj,
        lambda data, obj: SessionForm(data, instance=obj, pact=obj.pact),
    ),
    "ambitiebespreking": (
        AmbitionReview,
        lambda obj: obj.session,
        lambda data, obj: ReviewForm(data, instance=obj),
    ),
    "afspraak": (
        Agreement,
        lambda obj: obj.session,
        lambda data, obj: AgreementForm(data, instance=obj, pact=obj.session.pact),
    ),
}


@login_required
def history(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Who changed a session, review or agreement, field by field; its pact's coordinators can restore a version."""
    from django.http import Http404

    from zorgpact.core.history import history_page

    if kind not in HISTORY_KINDS:
        raise Http404
    model, session_of, edit_form = HISTORY_KINDS[kind]
    obj = get_for_user(model.objects.all(), request.user, pk=pk)
    session = session_of(obj)
    session_url = reverse("volgspot:session", args=[session.pk])
    return history_page(
        request,
        obj=obj,
        make_form=lambda data: edit_form(data, obj),
        may_edit=can_edit(request.user, session.pact) and not session.is_final,
        context={
            "back_url": session_url,
            "breadcrumbs": [
                (reverse("volgspot:pact", args=[session.pact.slug]), session.pact.name),
                (session_url, str(session)),
                (None, _("History")),
            ],
        },
    )
