"""Volgspot sessions in the workspace: plan, record reviews and agreements, finalise (then read-only)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pacts.models import Ambition, Indicator, Pact
from zorgpact.core.listing import posted
from zorgpact.core.versioning import CONFLICT_MESSAGE, VersionConflict, posted_version
from zorgpact.permissions import can_edit, get_for_user

from .constants import AgreementStatus, SessionStatus
from .forms import AgreementForm, ReviewForm, SessionForm
from .models import Agreement, AmbitionReview, VolgspotSession
from .services import finalise_session


def _session(request, pk: int, *, write: bool) -> VolgspotSession:
    session = get_for_user(VolgspotSession.objects.select_related("pact", "phase"), request.user, pk=pk, write=False)
    if write:
        if not can_edit(request.user, session.pact):
            raise PermissionDenied
        if session.status == SessionStatus.FINAL:
            raise PermissionDenied(_("A final session is read-only."))
    return session


def preparation(session: VolgspotSession) -> dict:
    """What the previous round left: its open agreements, and each indicator's change since that session."""
    previous = VolgspotSession.objects.filter(pact=session.pact, round__lt=session.round).order_by("-round").first()
    if previous is None:
        return {"previous": None, "open_agreements": [], "indicator_changes": []}
    open_agreements = list(previous.agreements.filter(status__in=[AgreementStatus.OPEN, AgreementStatus.RUNNING]))
    changes = []
    indicators = Indicator.objects.active().in_pact(session.pact).prefetch_related("measurements")
    for indicator in indicators:
        points = sorted(indicator.measurements.all(), key=lambda m: m.measured_on)
        before = [m for m in points if m.measured_on <= previous.held_on]
        now = [m for m in points if m.measured_on <= session.held_on]
        if before and now:
            changes.append(
                {
                    "indicator": indicator,
                    "then": before[-1].value,
                    "now": now[-1].value,
                    "change": now[-1].value - before[-1].value,
                }
            )
    return {"previous": previous, "open_agreements": open_agreements, "indicator_changes": changes}


@login_required
def session_new(request: HttpRequest, slug: str) -> HttpResponse:
    pact = get_for_user(Pact.objects.all(), request.user, write=True, slug=slug)
    next_round = (
        VolgspotSession.objects.filter(pact=pact).order_by("-round").values_list("round", flat=True).first() or 0
    ) + 1
    form = SessionForm(
        posted(request),
        pact=pact,
        initial={"round": next_round, "held_on": timezone.localdate(), "phase": pact.phase_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            session = form.save_checked()
        except ValidationError:  # the same round saved at the same moment: the form says so
            pass
        else:
            return redirect(f"/volgspot/bijeenkomsten/{session.pk}/")
    return render(
        request,
        "volgspot/session_form.html",
        {
            "form": form,
            "pact": pact,
            "title": _("Plan a Volgspot session"),
            "breadcrumbs": [(f"/volgspot/pacten/{pact.slug}/", pact.name), (None, _("Plan a Volgspot session"))],
        },
        status=400 if form.errors else 200,
    )


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk, write=request.method == "POST")
    form = SessionForm(posted(request), instance=session, pact=session.pact)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                form.save_checked()
            except VersionConflict:
                status = 409
            except ValidationError:
                status = 400
            else:
                messages.success(request, _("The session has been saved."))
                return redirect(request.path)
        else:
            status = 400
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
            "may_edit": can_edit(request.user, session.pact) and session.status != SessionStatus.FINAL,
            "ambitions": [(a, reviews.get(a.pk)) for a in ambitions],
            "agreements": session.agreements.select_related("owner_organisation"),
            "prep": preparation(session),
            "cases": session.cases.all() if hasattr(session, "cases") else [],
            "breadcrumbs": [
                (f"/volgspot/pacten/{session.pact.slug}/", session.pact.name),
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
    if request.method == "POST" and form.is_valid():
        try:
            form.save_checked()
        except (VersionConflict, ValidationError):
            pass
        else:
            return redirect(f"/volgspot/bijeenkomsten/{session.pk}/")
    return render(
        request,
        "volgspot/session_form.html",
        {
            "form": form,
            "pact": session.pact,
            "title": ambition.title,
            "breadcrumbs": [
                (f"/volgspot/bijeenkomsten/{session.pk}/", _("Round %(n)s") % {"n": session.round}),
                (None, ambition.title),
            ],
        },
        status=400 if form.errors else 200,
    )


@login_required
def agreement_new(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk, write=True)
    form = AgreementForm(posted(request), instance=Agreement(session=session), pact=session.pact)
    if request.method == "POST" and form.is_valid():
        form.save_checked()
        return redirect(f"/volgspot/bijeenkomsten/{session.pk}/")
    return render(
        request,
        "volgspot/session_form.html",
        {
            "form": form,
            "pact": session.pact,
            "title": _("New agreement"),
            "breadcrumbs": [
                (f"/volgspot/bijeenkomsten/{session.pk}/", _("Round %(n)s") % {"n": session.round}),
                (None, _("New agreement")),
            ],
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def session_finalise(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk, write=True)
    try:
        finalise_session(session=session, expected_version=posted_version(request), user=request.user)
    except VersionConflict:
        # The session changed since the page was opened (or the form sent no version of it): nothing is final yet.
        session.refresh_from_db()
        messages.error(request, CONFLICT_MESSAGE)
        return _session_page(request, session, SessionForm(instance=session, pact=session.pact), status=409)
    messages.success(request, _("The session is final. The pact's progress report is being built."))
    return redirect(f"/volgspot/bijeenkomsten/{session.pk}/")
