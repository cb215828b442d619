from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    DRAFT_REPORT = "draft_report", _("Draft report")
    FINAL = "final", _("Final")


class Assessment(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    ATTENTION = "attention", _("Needs attention")
    BEHIND = "behind", _("Behind")


class AgreementStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class ReportScope(models.TextChoices):
    PACT = "pact", _("Regional pact")
    NATIONAL = "national", _("National")


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class SnapshotKind(models.TextChoices):
    NATIONAL = "national", _("National dashboard")
    PACT = "pact", _("Pact dashboard")
    REPORT = "report", _("Progress report")
