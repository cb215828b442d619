"""Organisations in the workspace (national team): find, correct, and merge duplicates.

A merge moves every reference from the duplicate to the one that stays — row by row through save(), so the
history of participations and partners records the move — and then deletes the duplicate. Relations are found
through the model's meta data, so a relation added later in any app is merged too.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zorgpact.core.listing import paginate, posted, query_without_page
from zorgpact.core.versioning import VersionedForm
from zorgpact.models import Organisation
from zorgpact.services import merge_organisations

from .team_records import history, save_edit, team_only


class OrganisationForm(VersionedForm):
    class Meta:
        model = Organisation
        # Only hints that add to the label (a hint that repeats it is noise for a screen reader too).
        help_texts = {
            "name": "",
        }
        fields = ["name", "pillar", "care_sector", "education_level", "government_level", "municipality", "province"]


class MergeForm(forms.Form):
    keep = forms.ModelChoiceField(
        label=gettext_lazy("Merge into"),
        queryset=Organisation.objects.none(),
        to_field_name="name",
        widget=forms.TextInput,
        help_text=gettext_lazy("The exact name of the organisation that stays."),
    )

    def __init__(self, *args, duplicate: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = Organisation.objects.exclude(pk=duplicate.pk)
        self.fields["keep"].error_messages["invalid_choice"] = _("There is no other organisation with this exact name.")


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    team_only(request)
    q = request.GET.get("q", "").replace("\x00", "").strip()[:200]
    organisations = Organisation.objects.order_by("name")
    if q:
        organisations = organisations.filter(Q(name__icontains=q) | Q(municipality__icontains=q))
    return render(
        request,
        "zorgpact/organisations.html",
        {
            "page": paginate(organisations, request.GET.get("page"), per_page=50),
            "q": q,
            "query": query_without_page(request.GET),
            "breadcrumbs": [(reverse("workspace"), _("Workspace")), (None, _("Organisations"))],
        },
    )


@login_required
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    team_only(request)
    organisation = get_object_or_404(Organisation, pk=pk)
    form = OrganisationForm(posted(request), instance=organisation, prefix="edit")
    merge = MergeForm(posted(request), duplicate=organisation, prefix="merge")
    status = 200
    if request.method == "POST" and "merge-keep" in request.POST:
        if merge.is_valid():
            keep = merge.cleaned_data["keep"]
            merge_organisations(duplicate=organisation, keep=keep)
            messages.success(
                request, _("%(old)s has been merged into %(new)s.") % {"old": organisation.name, "new": keep.name}
            )
            return redirect("organisation", pk=keep.pk)
        status = 400
        form = OrganisationForm(instance=organisation, prefix="edit")
    elif request.method == "POST":
        answer = save_edit(request, form, message=_("The organisation has been saved."), to=reverse("organisations"))
        if isinstance(answer, HttpResponse):
            return answer
        status = answer
        merge = MergeForm(duplicate=organisation, prefix="merge")
    return render(
        request,
        "zorgpact/organisation_edit.html",
        {
            "organisation": organisation,
            "form": form,
            "merge": merge,
            "breadcrumbs": [
                (reverse("workspace"), _("Workspace")),
                (reverse("organisations"), _("Organisations")),
                (None, organisation.name),
            ],
        },
        status=status,
    )


@login_required
def organisation_history(request: HttpRequest, pk: int) -> HttpResponse:
    team_only(request)
    organisation = get_object_or_404(Organisation, pk=pk)
    return history(
        request,
        obj=organisation,
        make_form=lambda data: OrganisationForm(data, instance=organisation),
        back=reverse("organisation", args=[organisation.pk]),
    )
