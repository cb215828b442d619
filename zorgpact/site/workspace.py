"""The workspace home: what a signed-in person works on. Project-level: it composes the apps."""

import datetime

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from koplopers.models import Koploper
from pacts.models import Action, Pact
from regels.models import Scheme
from volgspot.constants import AgreementStatus
from volgspot.models import Agreement
from zorgpact.models import Theme
from zorgpact.permissions import is_national_team, reads_everything

DUE_SOON_DAYS = 30
# National team and ministries see every pact; the list shows the first ones, with a link to all.
PACT_LIMIT = 50


def workspace_context(user) -> dict:
    own_pacts = Pact.objects.coordinated_by(user).order_by("name")
    visible = Pact.objects.visible_to(user)
    today = timezone.localdate()
    agreements = (
        Agreement.objects.filter(
            session__pact__in=own_pacts if not reads_everything(user) else visible,
            status__in=[AgreementStatus.OPEN, AgreementStatus.RUNNING],
            due_on__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
        )
        .select_related("session__pact", "owner_organisation")
        .order_by("due_on")[:20]
    )
    changes = (
        Action.history.filter(pact_id__in=own_pacts.values("pk"))
        .exclude(history_user_id=user.pk)
        .select_related("history_user")
        .order_by("-history_date")[:10]
    )
    return {
        "own_pacts": list(own_pacts.select_related("phase")),
        "all_pacts": list(visible.order_by("name")[:PACT_LIMIT]) if reads_everything(user) else [],
        "koplopers": list(Koploper.objects.coordinated_by(user).order_by("name")),
        "agreements": list(agreements),
        "today": today,
        "changes": list(changes),
        "is_national_team": is_national_team(user),
        "reads_everything": reads_everything(user),
        # The shared records the national team edits (each with its history): themes and schemes.
        "team_themes": list(Theme.objects.order_by("name")) if is_national_team(user) else [],
        "team_schemes": list(Scheme.objects.order_by("name")) if is_national_team(user) else [],
    }


@login_required
def workspace(request: HttpRequest) -> HttpResponse:
    context = workspace_context(request.user)
    context["breadcrumbs"] = [(None, _("Workspace"))]
    return render(request, "zorgpact/workspace.html", context)
