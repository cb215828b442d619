from django.db import models
from django.db.models import Q

from zorgpact.core.search_text import SearchableQuerySet

from .constants import CASE_PUBLIC_FIELDS, CaseStatus, Outcome


class CaseQuerySet(SearchableQuerySet):
    search_fields = tuple(CASE_PUBLIC_FIELDS)  # the public version only, never the reporter's own text

    def visible_to(self, user) -> "CaseQuerySet":
        """In the workspace: the national team sees every case, ministry staff those assigned to their ministry."""
        from zorgpact.permissions import is_ministry_staff, is_national_team

        if is_national_team(user):
            return self
        if is_ministry_staff(user):
            return self.filter(assigned_ministry=user.ministry)
        return self.none()

    def published(self) -> "CaseQuerySet":
        return self.filter(status=CaseStatus.PUBLISHED)

    def for_ministry(self, code: str) -> "CaseQuerySet":
        field = {"OCW": "ministry_ocw", "VWS": "ministry_vws", "SZW": "ministry_szw"}[code]
        return self.filter(**{field: True})

    def ministries_unknown(self) -> "CaseQuerySet":
        return self.filter(ministry_ocw__isnull=True, ministry_vws__isnull=True, ministry_szw__isnull=True)

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
