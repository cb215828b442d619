"""Organisations in the workspace (national team): find, correct, and merge duplicates.

A merge moves every reference from the duplicate to the one that stays — row by row through save(), so the
history of participations and partners records the move — and then deletes the duplicate. Relations are found
through the model's meta data, so a relation added later in any app is merged too.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zorgpact.core.listing import paginate, posted, query_without_page
from zorgpact.models import Organisation
from zorgpact.permissions import is_national_team
from zorgpact.services import merge_organisations


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
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


def _team_only(request) -> None:
    if not is_national_team(request.user):
        raise PermissionDenied


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    _team_only(request)
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
            "breadcrumbs": [("/werkruimte/", _("Workspace")), (None, _("Organisations"))],
        },
    )


@login_required
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _team_only(request)
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
            return redirect(f"/werkruimte/organisaties/{keep.pk}/")
        status = 400
        form = OrganisationForm(instance=organisation, prefix="edit")
    elif request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("The organisation has been saved."))
            return redirect("/werkruimte/organisaties/")
        status = 400
        merge = MergeForm(duplicate=organisation, prefix="merge")
    return render(
        request,
        "zorgpact/organisation_edit.html",
        {
            "organisation": organisation,
            "form": form,
            "merge": merge,
            "breadcrumbs": [
                ("/werkruimte/", _("Workspace")),
                ("/werkruimte/organisaties/", _("Organisations")),
                (None, organisation.name),
            ],
        },
        status=status,
    )
