from django.db import models
from django.db.models import Q

from zorgpact.core.search_text import SearchableQuerySet

from .constants import CASE_PUBLIC_FIELDS, MINISTRY_FLAGS, CaseStatus, Outcome


def concerns_ministry(code: str) -> Q:
    """Cases known to concern this ministry (MINISTRY_FLAGS)."""
    return Q(**{MINISTRY_FLAGS[code]: True})


def ministries_not_known() -> Q:
    """Cases for which no source states any ministry: every flag null."""
    return Q(**{f"{flag}__isnull": True for flag in MINISTRY_FLAGS.values()})


class CaseQuerySet(SearchableQuerySet):
    search_fields = tuple(CASE_PUBLIC_FIELDS)  # the public version only, never the reporter's own text

    def visible_to(self, user) -> "CaseQuerySet":
        """In the workspace: the national team sees every case, ministry staff those assigned to their ministry."""
        from zorgpact.permissions import answers_ministry, is_national_team

        if is_national_team(user):
            return self
        ministry = answers_ministry(user)
        return self.filter(assigned_ministry=ministry) if ministry else self.none()

    def awaiting_triage(self) -> "CaseQuerySet":
        """Reported and not yet triaged: the national team's next step (regels.services.TRANSITIONS)."""
        return self.filter(status=CaseStatus.SUBMITTED)

    def awaiting_answer(self) -> "CaseQuerySet":
        """Triaged and not yet answered: the assigned ministry's next step."""
        return self.filter(status=CaseStatus.TRIAGED)

    def published(self) -> "CaseQuerySet":
        return self.filter(status=CaseStatus.PUBLISHED)

    def for_ministry(self, code: str) -> "CaseQuerySet":
        return self.filter(concerns_ministry(code))

    def ministries_unknown(self) -> "CaseQuerySet":
        return self.filter(ministries_not_known())

    def figures(self) -> dict:
        """How many cases, and the share solved within the existing rules: counted live, in one query."""
        totals = self.aggregate(
            total=models.Count("pk"),
            within=models.Count("pk", filter=Q(outcome=Outcome.WITHIN_RULES)),
            changed=models.Count("pk", filter=Q(outcome=Outcome.RULE_CHANGED)),
            unknown=models.Count("pk", filter=Q(outcome__isnull=True)),
        )
        totals["within_share"] = round(100 * totals["within"] / totals["total"]) if totals["total"] else 0
        return totals


class SchemeQuerySet(SearchableQuerySet):
    search_fields = ("name", "summary", "eligibility")
