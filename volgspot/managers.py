from django.db import models


class ProgressReportQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ProgressReportQuerySet":
        """Reports are confidential: ministries and the national team see all, coordinators their pact's."""
        from pacts.models import Pact
        from zorgpact.permissions import reads_everything

        if reads_everything(user):
            return self
        return self.filter(pact__in=Pact.objects.coordinated_by(user))


class SessionQuerySet(models.QuerySet):
    def visible_to(self, user) -> "SessionQuerySet":
        """A pact's sessions are seen by whoever may see the pact's workspace."""
        from pacts.models import Pact

        return self.filter(pact__in=Pact.objects.visible_to(user))
