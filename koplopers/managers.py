from django.db import models
from django.db.models import Count, Exists, OuterRef, Q

from zorgpact.core.search_text import SearchableQuerySet

from .constants import SUSTAIN_FIELDS, KoploperStatus


def sustained_condition() -> Q:
    """At least one of the three sustainability agreements is known to exist."""
    condition = Q()
    for name in SUSTAIN_FIELDS:
        condition |= Q(**{name: True})
    return condition


def not_sustained_condition() -> Q:
    """Known to have none of the three agreements (all three answered no)."""
    return Q(**{name: False for name in SUSTAIN_FIELDS})


class KoploperQuerySet(SearchableQuerySet):
    search_fields = ("name", "summary", "description", "results_text")

    def published(self) -> "KoploperQuerySet":
        return self.filter(status=KoploperStatus.KOPLOPER)

    def coordinated_by(self, user) -> "KoploperQuerySet":
        if not user.is_authenticated:
            return self.none()
        return self.filter(coordinators=user)

    def applications_for(self, user) -> "KoploperQuerySet":
        """Kopgroep applications waiting for a decision, for who reviews them (zorgpact.permissions); none for others."""
        from zorgpact.permissions import reviews_applications

        if not reviews_applications(user):
            return self.none()
        return self.filter(status__in=[KoploperStatus.APPLIED, KoploperStatus.IN_REVIEW])

    def visible_to(self, user) -> "KoploperQuerySet":
        from zorgpact.permissions import reads_everything

        return self if reads_everything(user) else self.coordinated_by(user)

    def with_adoption_count(self) -> "KoploperQuerySet":
        # A subquery count, so that joins added by filters never multiply it.
        from .models import Adoption

        counts = (
            Adoption.objects.filter(koploper=OuterRef("pk"))
            .order_by()
            .values("koploper")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(adoption_count=models.functions.Coalesce(models.Subquery(counts), 0))

    def adopted(self) -> "KoploperQuerySet":
        from .models import Adoption

        return self.filter(Exists(Adoption.objects.filter(koploper=OuterRef("pk"))))

    def sustained(self) -> "KoploperQuerySet":
        return self.filter(sustained_condition())

    def not_sustained(self) -> "KoploperQuerySet":
        """Known to have none of the three agreements (all three answered no)."""
        return self.filter(not_sustained_condition())

    def sustainability_unknown(self) -> "KoploperQuerySet":
        """No agreement known, and at least one of the three not known: "niet bekend", never "no"."""
        return self.exclude(pk__in=self.sustained().values("pk")).exclude(pk__in=self.not_sustained().values("pk"))

    def with_partner(self, **organisation_lookup) -> "KoploperQuerySet":
        """Koplopers with at least one partner organisation matching the lookup, without duplicate rows."""
        from .models import KoploperPartner

        lookup = {f"organisation__{key}": value for key, value in organisation_lookup.items()}
        return self.filter(Exists(KoploperPartner.objects.filter(koploper=OuterRef("pk"), **lookup)))
