"""National-team screens for security and AVG: the audit log, and one person's data to hand over or erase."""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zorgpact.constants import AuditEventType
from zorgpact.core.listing import paginate, posted, query_without_page
from zorgpact.models import AuditEvent
from zorgpact.permissions import manages_portal, require
from zorgpact.site.privacy import erase_personal_data, personal_data, record_export


def _team_only(request: HttpRequest) -> None:
    require(manages_portal(request.user))


class AuditFilterForm(forms.Form):
    event = forms.ChoiceField(label=gettext_lazy("Event"), choices=[("", "—"), *AuditEventType.choices], required=False)
    q = forms.CharField(label=gettext_lazy("Person, address or object"), max_length=200, required=False)


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    _team_only(request)
    form = AuditFilterForm(request.GET)
    events = AuditEvent.objects.all()
    if form.is_valid():
        if form.cleaned_data["event"]:
            events = events.filter(event=form.cleaned_data["event"])
        if q := form.cleaned_data["q"].strip():
            events = events.filter(Q(actor_label__icontains=q) | Q(target__icontains=q) | Q(detail__icontains=q))
    return render(
        request,
        "zorgpact/audit_log.html",
        {
            "form": form,
            "page": paginate(events, request.GET.get("page"), per_page=50),
            "query": query_without_page(request.GET),
            "breadcrumbs": [(reverse("workspace"), _("Workspace")), (None, _("Security log"))],
        },
    )


class PersonForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address of the person"))


class EraseForm(forms.Form):
    email = forms.EmailField(widget=forms.HiddenInput)
    confirm = forms.EmailField(label=gettext_lazy("Type the e-mail address again to confirm erasure"))

    def clean(self):
        data = super().clean()
        if data.get("email") and data.get("confirm") and data["email"].lower() != data["confirm"].lower():
            raise forms.ValidationError(_("The addresses differ: nothing has been erased."))
        return data


@login_required
def personal_data_view(request: HttpRequest) -> HttpResponse:
    """Look up one person: see what is held, download it as JSON, or erase it (AVG access and erasure)."""
    _team_only(request)
    form = PersonForm(request.GET or None)
    erase = EraseForm(posted(request))
    status = 200
    if request.method == "POST":
        if erase.is_valid():
            counts = erase_personal_data(email=erase.cleaned_data["email"])
            messages.success(
                request,
                _("The personal data has been erased (%(what)s).")
                % {"what": ", ".join(f"{k}: {v}" for k, v in counts.items())},
            )
            return redirect("personal-data")
        status = 400
        form = PersonForm({"email": request.POST.get("email", "")})
    data = personal_data(form.cleaned_data["email"]) if form.is_valid() else None
    if data is not None and request.GET.get("download") == "1":
        record_export(data["email"])
        response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json")
        response["Content-Disposition"] = 'attachment; filename="persoonsgegevens.json"'
        return response
    if data is not None and request.method == "GET":
        erase = EraseForm(initial={"email": data["email"]})
    return render(
        request,
        "zorgpact/personal_data.html",
        {
            "form": form,
            "data": data,
            "erase": erase,
            "breadcrumbs": [(reverse("workspace"), _("Workspace")), (None, _("Personal data"))],
        },
        status=status,
    )
