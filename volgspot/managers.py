from django.db import models

from pacts.managers import InPactQuerySet
from zorgpact.core.search_text import SearchableQuerySet


class ProgressReportQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ProgressReportQuerySet":
        """Reports are confidential: ministries and the national team see all, coordinators their pact's."""
        from pacts.models import Pact
        from zorgpact.permissions import reads_everything

        if reads_everything(user):
            return self
        return self.filter(pact__in=Pact.objects.coordinated_by(user))


class SessionQuerySet(InPactQuerySet):
    """A pact's sessions are seen by whoever may see the pact's workspace."""


class InSessionQuerySet(InPactQuerySet):
    """Reviews and agreements belong to a session, and through it to its pact."""

    pact_paths = ("session__pact",)


class SnapshotQuerySet(models.QuerySet):
    def visible_to(self, user) -> "SnapshotQuerySet":
        """Whoever may read the dashboard or report a snapshot came from: ministries and the national team all of
        them, a coordinator those of their own pacts (a national snapshot is never theirs)."""
        from pacts.models import Pact
        from zorgpact.permissions import reads_everything

        if reads_everything(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(pact__in=Pact.objects.coordinated_by(user))


class AgreementQuerySet(InSessionQuerySet, SearchableQuerySet):
    """Agreements are read by whoever may see their session (never the public): `visible_to(user)`."""

    search_fields = ("text", "owner_name")
