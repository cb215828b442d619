"""The answering workflow in the workspace: triage (national team), answer (assigned ministry), publish."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zorgpact.core.listing import paginate, posted
from zorgpact.core.versioning import save_status
from zorgpact.permissions import get_for_user, manages_portal, require, works_on_cases

from .constants import CaseStatus
from .forms import AnswerForm, PublishForm, RejectForm, TriageForm
from .models import Case
from .services import (
    TransitionError,
    allowed_steps,
    answer_case,
    edit_public_version,
    may_edit_public_version,
    publish_case,
    reject_case,
    reopen_case,
    triage_case,
)
from .services import (
    export_personal_data as export_personal_data_of,
)

FORMS = {"triage": TriageForm, "answer": AnswerForm, "publish": PublishForm, "reject": RejectForm}
STEP_OF = {
    "triage": CaseStatus.TRIAGED,
    "answer": CaseStatus.ANSWERED,
    "publish": CaseStatus.PUBLISHED,
    "reject": CaseStatus.REJECTED,
    "reopen": CaseStatus.TRIAGED,
}
PUBLIC_VERSION_STEPS = ("publish", "public")  # "public": edit the public version of a published case


@login_required
def case_queue(request: HttpRequest) -> HttpResponse:
    require(works_on_cases(request.user))
    cases = Case.objects.visible_to(request.user)
    status = request.GET.get("status", "")
    if status in CaseStatus.values:
        cases = cases.filter(status=status)
    return render(
        request,
        "regels/workspace/queue.html",
        {
            "page": paginate(cases.order_by("-submitted_at"), request.GET.get("page"), per_page=25),
            "status": status,
            "statuses": CaseStatus.choices,
            "breadcrumbs": [(reverse("workspace"), _("Workspace")), (None, _("Cases"))],
        },
    )


@login_required
def case_work(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_for_user(Case.objects.prefetch_related("events__user"), request.user, pk=pk)
    steps = allowed_steps(case, request.user)
    can_edit_public = may_edit_public_version(case, request.user)
    action = request.POST.get("step", "") if request.method == "POST" else ""
    bound = {}
    status = 200
    if action:
        if action == "public":
            if not can_edit_public:
                raise PermissionDenied
        elif (
            action not in STEP_OF
            or STEP_OF[action] not in steps
            or (action == "reopen") != (case.status in (CaseStatus.PUBLISHED, CaseStatus.REJECTED))
        ):
            raise PermissionDenied
        form_class = PublishForm if action == "public" else FORMS.get(action)
        form = form_class(posted(request)) if form_class else None
        if form is None or form.is_valid():
            data = form.cleaned_data if form else {}
            public = (
                {key: data[key] for key in ("title", "public_question", "public_context", "public_answer")}
                if action in PUBLIC_VERSION_STEPS
                else {}
            )
            step = {
                "triage": lambda: triage_case(
                    case=case,
                    user=request.user,
                    topic=data["topic"],
                    ministry=data["ministry"],
                    duplicate_of=data.get("duplicate_of"),
                ),
                "answer": lambda: answer_case(
                    case=case, user=request.user, answer=data["answer"], outcome=data["outcome"]
                ),
                "publish": lambda: publish_case(case=case, user=request.user, **public),
                "public": lambda: edit_public_version(case=case, user=request.user, **public),
                "reject": lambda: reject_case(case=case, user=request.user, reason=data["reason"]),
                "reopen": lambda: reopen_case(case=case, user=request.user),
            }[action]
            try:
                # A ValidationError: the public version is incomplete or names the reporter (a 400, on the form).
                refused = save_status(step, form=form)
            except TransitionError:
                raise PermissionDenied from None
            if refused is None:
                messages.success(request, _("The case has been updated."))
                return redirect(reverse("regels-workspace:case", kwargs={"pk": case.pk}))
        bound[action] = form
        status = 400
    # The public version starts empty: nothing of the reporter's text is copied into it unasked.
    public_initial = (
        {
            "title": case.title,
            "public_question": case.public_question,
            "public_context": case.public_context,
            "public_answer": case.public_text,
        }
        if case.slug
        else {}
    )
    initial = {
        "publish": public_initial,
        "public": public_initial,
        "answer": {"answer": case.answer, "outcome": case.outcome},
        "triage": {"topic": case.topic, "ministry": case.assigned_ministry},
    }
    step_forms = {
        name: bound.get(name) or form_class(initial=initial.get(name), prefix=None)
        for name, form_class in FORMS.items()
        if STEP_OF[name] in steps and not (name == "triage" and case.status != CaseStatus.SUBMITTED)
    }
    if can_edit_public:
        step_forms["public"] = bound.get("public") or PublishForm(initial=initial["public"])
    return render(
        request,
        "regels/workspace/case.html",
        {
            "case": case,
            "step_forms": step_forms,
            "public_steps": PUBLIC_VERSION_STEPS,
            "can_reopen": CaseStatus.TRIAGED in steps and case.status in (CaseStatus.PUBLISHED, CaseStatus.REJECTED),
            "breadcrumbs": [
                (reverse("workspace"), _("Workspace")),
                (reverse("regels-workspace:queue"), _("Cases")),
                (None, case.reference),
            ],
        },
        status=status,
    )


@login_required
def export_personal_data(request: HttpRequest) -> HttpResponse:
    require(manages_portal(request.user))
    email = request.GET.get("email", "").strip()
    if "@" not in email or len(email) > 254:
        return JsonResponse({"detail": _("Give a valid e-mail address.")}, status=400)
    document = export_personal_data_of(email=email)  # audited, as the portal-wide export is
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="gegevens.json"'
    return response


class FromSessionForm(forms.Form):
    question = forms.CharField(
        label=gettext_lazy("The obstacle, as a question"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    context = forms.CharField(
        label=gettext_lazy("The situation"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000, required=False
    )


@login_required
def case_from_session(request: HttpRequest, session_pk: int) -> HttpResponse:
    """An obstacle named in a Volgspot session becomes a case; the case keeps the link to its session."""
    from volgspot.models import VolgspotSession

    from .services import case_from_session as create

    # Writing to the session's pact: another pact's session is a 404, a read-only role gets a 403.
    session = get_for_user(VolgspotSession.objects.select_related("pact"), request.user, write=True, pk=session_pk)
    form = FromSessionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        create(
            session=session,
            user=request.user,
            question=form.cleaned_data["question"],
            context=form.cleaned_data["context"],
        )
        messages.success(request, _("The obstacle has been sent to Room in the rules."))
        return redirect("volgspot:session", pk=session.pk)
    return render(
        request,
        "volgspot/session_form.html",
        {
            "form": form,
            "pact": session.pact,
            "title": _("Send an obstacle to Room in the rules"),
            "breadcrumbs": [
                (reverse("volgspot:session", kwargs={"pk": session.pk}), session.pact.name),
                (None, _("Send an obstacle to Room in the rules")),
            ],
        },
        status=400 if form.errors else 200,
    )


@login_required
def case_queue_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The work queue (with its status filter) as CSV or XLSX, for whoever may read the queue."""
    from zorgpact.core.listing import export_response

    from .selectors import case_queue_export as queue_table

    require(works_on_cases(request.user))
    cases = Case.objects.visible_to(request.user).order_by("-submitted_at")
    status = request.GET.get("status", "")
    if status in CaseStatus.values:
        cases = cases.filter(status=status)
    header, rows = queue_table(cases)
    return export_response("meldingen", fmt, header, rows, sheet_title=_("Cases"))


@login_required
def case_history(request: HttpRequest, pk: int) -> HttpResponse:
    """Who changed a case and how; the national team can bring back an earlier public version of a published case
    (only the public version: the workflow decides everything else)."""
    from zorgpact.core.history import history_page

    from .services import restore_public_version

    case = get_for_user(Case.objects.all(), request.user, pk=pk)
    case_url = reverse("regels-workspace:case", kwargs={"pk": case.pk})
    return history_page(
        request,
        obj=case,
        restore=lambda **version: restore_public_version(case=case, user=request.user, **version),
        may_edit=may_edit_public_version(case, request.user),
        context={
            "back_url": case_url,
            "breadcrumbs": [
                (reverse("workspace"), _("Workspace")),
                (reverse("regels-workspace:queue"), _("Cases")),
                (case_url, case.title),
                (None, _("History")),
            ],
        },
    )
