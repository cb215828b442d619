from django.db import models
from django.utils.translation import gettext_lazy as _


class PactStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    MERGED_INTO_RAAT = "merged_into_raat", _("Merged into a RAAT")
    ENDED = "ended", _("Ended")


class PactFunction(models.TextChoices):
    PROJECTTREKKER = "projecttrekker", _("Project lead (projecttrekker)")
    PLATFORM = "platform", _("Platform")
    PODIUM = "podium", _("Stage (podium)")


class Collaboration(models.TextChoices):
    LIGHT = "light", _("Light (no formal agreements)")
    FORMAL = "formal", _("Formal")
    MIXED = "mixed", _("Mixed")


class ParticipationRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    CORE = "core", _("Core partner")
    MEMBER = "member", _("Member")


class ActionStatus(models.TextChoices):
    IDEA = "idea", _("Idea")
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    STOPPED = "stopped", _("Stopped")


class TargetGroup(models.TextChoices):
    STUDENTS = "students", _("Students")
    CARE_USERS = "care_users", _("Care users")
    CARE_WORKERS = "care_workers", _("Care workers")


class IndicatorKind(models.TextChoices):
    OUTPUT = "output", _("Result (output)")
    EFFECT = "effect", _("Effect (outcome)")


class Direction(models.TextChoices):
    UP = "up", _("Higher is better")
    DOWN = "down", _("Lower is better")


class ImportStatus(models.TextChoices):
    CHECKING = "checking", _("Checking the file")
    PREVIEWED = "previewed", _("Checked, waiting for confirmation")
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Not imported")
