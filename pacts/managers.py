from django.db import models
from django.db.models import Q

from zorgpact.permissions import reads_everything


class PactQuerySet(models.QuerySet):
    def coordinated_by(self, user) -> "PactQuerySet":
        if not user.is_authenticated:
            return self.none()
        return self.filter(coordinators=user)

    def public(self) -> "PactQuerySet":
        return self

    def visible_to(self, user) -> "PactQuerySet":
        """Pacts whose workspace the user may open: all for the national team and ministries, else their own."""
        if reads_everything(user):
            return self
        return self.coordinated_by(user)

    def editable_by(self, user) -> "PactQuerySet":
        from zorgpact.permissions import is_national_team

        return self if is_national_team(user) else self.coordinated_by(user)


class InPactQuerySet(models.QuerySet):
    """Agenda objects are visible to whoever may see their pact."""

    pact_path = "pact"

    def visible_to(self, user):
        from .models import Pact

        return self.filter(**{f"{self.pact_path}__in": Pact.objects.visible_to(user)})


class ActionQuerySet(InPactQuerySet):
    def public(self) -> "ActionQuerySet":
        return self.filter(is_public=True, archived_at__isnull=True)

    def active(self) -> "ActionQuerySet":
        return self.filter(archived_at__isnull=True)

    def matching(self, text: str) -> "ActionQuerySet":
        return self.filter(Q(title__icontains=text) | Q(description__icontains=text))


class AmbitionQuerySet(InPactQuerySet):
    pass


class GoalQuerySet(InPactQuerySet):
    pact_path = "ambition__pact"


class IndicatorQuerySet(InPactQuerySet):
    def visible_to(self, user):
        from .models import Pact

        pacts = Pact.objects.visible_to(user)
        return self.filter(Q(action__pact__in=pacts) | Q(goal__ambition__pact__in=pacts))

    def active(self) -> "IndicatorQuerySet":
        return self.filter(archived_at__isnull=True)


class MeasurementQuerySet(InPactQuerySet):
    def visible_to(self, user):
        from .models import Indicator

        return self.filter(indicator__in=Indicator.objects.visible_to(user))
