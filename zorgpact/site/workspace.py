"""The workspace home: what a signed-in person works on. Project-level: it composes the apps.

First the to-do list — each kind with its count and its items, each item linking to where it is done — then the
person's pacts and koplopers, then the tools of their role and their account. Every to-do is read through the rule
its own app keeps: measurements due (pacts.selectors.due_in_pacts, what each pact's workspace lists), effects not
measured (unmeasured_effects), Kopgroep applications (KoploperQuerySet.applications_for), cases (CaseQuerySet
.visible_to with awaiting_triage / awaiting_answer). The number of queries depends on the role, not on the data.
"""

import datetime
from collections import Counter

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from koplopers.models import Koploper
from pacts.models import Action, Goal, Indicator, Pact
from pacts.selectors import due_in_pacts, due_text, unmeasured_effects
from regels.constants import CaseStatus
from regels.models import Case, Scheme
from volgspot.constants import AgreementStatus
from volgspot.models import Agreement
from zorgpact.models import Theme
from zorgpact.permissions import is_ministry_staff, is_national_team, reads_everything

DUE_SOON_DAYS = 30
# National team and ministries see every pact; the list shows the first ones, with a link to all.
PACT_LIMIT = 50
# Items shown per kind of to-do; the count is always the full number.
TODO_ITEMS = 8


def _day(day: datetime.date) -> str:
    return date_format(day, "j F Y")


def _measurement_todos(due: list[dict]) -> dict:
    items = []
    for row in due[:TODO_ITEMS]:
        pact, indicator = row["pact"], row["indicator"]
        items.append(
            {
                "text": indicator.name,
                "url": reverse("pacts-workspace:measurement-new", kwargs={"slug": pact.slug, "pk": indicator.pk}),
                "detail": f"{pact.name} — {due_text(row)}",
                "flag": _("out of date") if row["overdue"] else "",
            }
        )
    return {"key": "metingen", "title": _("Measurements due"), "count": len(due), "items": items}


def _effect_todos(rows: list[dict]) -> dict:
    items = []
    for row in rows[:TODO_ITEMS]:
        goal = row["goal"]
        pact = goal.ambition.pact
        groups = ", ".join(str(g.label).lower() for g in row["groups"])
        items.append(
            {
                "text": goal.title,
                "url": reverse("pacts-workspace:pact", kwargs={"slug": pact.slug}) + f"#doel-{goal.pk}",
                "detail": f"{pact.name} — {_('effect not measured')}: {groups}",
                "flag": "",
            }
        )
    return {"key": "effecten", "title": _("Goals whose effects are not measured"), "count": len(rows), "items": items}


def _agreement_todos(agreements: list, count: int, today: datetime.date) -> dict:
    items = [
        {
            "text": a.text if len(a.text) <= 120 else a.text[:117] + "…",
            "url": reverse("volgspot:session", kwargs={"pk": a.session_id}),
            "detail": f"{a.session.pact.name} — {_('to be done by %(date)s') % {'date': _day(a.due_on)}}",
            "flag": _("Overdue") if a.due_on < today else "",
        }
        for a in agreements
    ]
    return {"key": "afspraken", "title": _("Agreements due soon"), "count": count, "items": items}


def _case_todos(cases, *, key: str, title: str, status: str) -> dict:
    items = [
        {
            "text": case.title,
            "url": reverse("regels-workspace:case", kwargs={"pk": case.pk}),
            "detail": case.reference,
            "flag": "",
        }
        for case in cases.order_by("submitted_at", "pk")[:TODO_ITEMS]
    ]
    return {
        "key": key,
        "title": title,
        "count": cases.count(),
        "items": items,
        "more_url": reverse("regels-workspace:queue") + f"?status={status}",
        "more_text": _("All cases in the queue"),
    }


def workspace_todos(user, *, own_pacts, today: datetime.date) -> list[dict]:
    """The to-dos of this person, by kind: [{"key", "title", "count", "items": [{"text", "url", "detail", "flag"}],
    "more_url"?, "more_text"?}], every kind their role has (also those with nothing to do: the page says so)."""
    todos = []
    due_rows: list[dict] = []
    if own_pacts:
        own = Pact.objects.filter(pk__in=[p.pk for p in own_pacts])
        due_rows = due_in_pacts(own, today=today)
        goals = (
            Goal.objects.public()
            .in_pact(own)
            .select_related("ambition__pact")
            .prefetch_related(Prefetch("indicators", queryset=Indicator.objects.order_by("pk")))
            .order_by("ambition__pact__name", "ambition__order", "order", "pk")
        )
        todos += [_measurement_todos(due_rows), _effect_todos(unmeasured_effects(goals))]
    everything = reads_everything(user)
    if own_pacts or everything:
        agreements = Agreement.objects.filter(
            session__pact__in=Pact.objects.visible_to(user) if everything else [p.pk for p in own_pacts],
            status__in=[AgreementStatus.OPEN, AgreementStatus.RUNNING],
            due_on__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
        )
        listed = list(agreements.select_related("session__pact").order_by("due_on", "pk")[:TODO_ITEMS])
        todos.append(_agreement_todos(listed, agreements.count(), today))
    if is_national_team(user):
        applications = Koploper.objects.applications_for(user)
        todos.append(
            {
                "key": "aanmeldingen",
                "title": _("Kopgroep applications waiting for review"),
                "count": applications.count(),
                "items": [],
                "more_url": reverse("koplopers-workspace:review-queue"),
                "more_text": _("Review the applications"),
            }
        )
        todos.append(
            _case_todos(
                Case.objects.visible_to(user).awaiting_triage(),
                key="triage",
                title=_("Cases waiting for triage"),
                status=CaseStatus.SUBMITTED,
            )
        )
    elif is_ministry_staff(user):
        todos.append(
            _case_todos(
                Case.objects.visible_to(user).awaiting_answer(),
                key="antwoord",
                title=_("Cases of your ministry awaiting an answer"),
                status=CaseStatus.TRIAGED,
            )
        )
    due_per_pact = Counter(row["pact"].pk for row in due_rows)
    for pact in own_pacts:
        pact.due_count = due_per_pact[pact.pk]
    return todos


def workspace_context(user) -> dict:
    today = timezone.localdate()
    own_pacts = list(Pact.objects.coordinated_by(user).select_related("phase").prefetch_related("provinces"))
    todos = workspace_todos(user, own_pacts=own_pacts, today=today)
    changes = (
        Action.history.filter(pact_id__in=[p.pk for p in own_pacts])
        .exclude(history_user_id=user.pk)
        .select_related("history_user", "pact")
        .order_by("-history_date")[:10]
        if own_pacts
        else []
    )
    everything = reads_everything(user)
    national = is_national_team(user)
    return {
        "todos": [t for t in todos if t["count"]],
        "nothing_waiting": [t["title"] for t in todos if not t["count"]],
        "own_pacts": own_pacts,
        "all_pacts": list(Pact.objects.visible_to(user).order_by("name")[:PACT_LIMIT]) if everything else [],
        "koplopers": list(Koploper.objects.coordinated_by(user).order_by("name")),
        "today": today,
        "changes": list(changes),
        "is_national_team": national,
        "reads_everything": everything,
        # The shared records the national team edits (each with its history): themes and schemes.
        "team_themes": list(Theme.objects.order_by("name")) if national else [],
        "team_schemes": list(Scheme.objects.order_by("name")) if national else [],
    }


@login_required
def workspace(request: HttpRequest) -> HttpResponse:
    context = workspace_context(request.user)
    context["breadcrumbs"] = [(None, _("Workspace"))]
    return render(request, "zorgpact/workspace.html", context)
