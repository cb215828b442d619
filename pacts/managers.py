from django.db import models
from django.db.models import Q


class PactQuerySet(models.QuerySet):
    def coordinated_by(self, user) -> "PactQuerySet":
        if not user.is_authenticated:
            return self.none()
        return self.filter(coordinators=user)

    def public(self) -> "PactQuerySet":
        return self


class ActionQuerySet(models.QuerySet):
    def public(self) -> "ActionQuerySet":
        return self.filter(is_public=True, archived_at__isnull=True)

    def active(self) -> "ActionQuerySet":
        return self.filter(archived_at__isnull=True)

    def matching(self, text: str) -> "ActionQuerySet":
        return self.filter(Q(title__icontains=text) | Q(description__icontains=text))


class IndicatorQuerySet(models.QuerySet):
    def active(self) -> "IndicatorQuerySet":
        return self.filter(archived_at__isnull=True)
