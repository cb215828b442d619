"""Building blocks shared by the apps' models."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionedModel(models.Model):
    """Carries a version for the lost-update check: every save through the services bumps it."""

    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Increases with every change; guards against lost updates."),
    )

    class Meta:
        abstract = True


def source_field() -> models.CharField:
    return models.CharField(
        _("source"), max_length=300, blank=True, help_text=_("Published source of this record, or 'synthetic'.")
    )


def search_vector_field():
    """The full-text index of a searchable model. On PostgreSQL a trigger keeps it current on every write, bulk
    inserts included (zorgpact/core/search_sql.py); on SQLite it stays empty and search falls back to plain matching."""
    from django.contrib.postgres.search import SearchVectorField

    return SearchVectorField(
        _("search index"), null=True, editable=False, help_text=_("Kept current by the database; used by the search.")
    )
