from django.db import models

from .constants import KoploperStatus


class KoploperQuerySet(models.QuerySet):
    def published(self) -> "KoploperQuerySet":
        return self.filter(status=KoploperStatus.KOPLOPER)

    def coordinated_by(self, user) -> "KoploperQuerySet":
        if not user.is_authenticated:
            return self.none()
        return self.filter(coordinators=user)
