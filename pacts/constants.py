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


class Rhythm(models.TextChoices):
    """How often an indicator is measured; a measurement older than one period is out of date."""

    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    HALF_YEARLY = "half_yearly", _("Half-yearly")
    YEARLY = "yearly", _("Yearly")


# Months per period of each rhythm; an indicator whose rhythm no source states is judged by the Volgspot cycle (yearly).
RHYTHM_MONTHS = {Rhythm.MONTHLY: 1, Rhythm.QUARTERLY: 3, Rhythm.HALF_YEARLY: 6, Rhythm.YEARLY: 12}
ASSUMED_RHYTHM = Rhythm.YEARLY


class Verdict(models.TextChoices):
    """The one verdict on an indicator (pacts.progress.indicator_result)."""

    ON_TRACK = "on_track", _("on track")
    BEHIND = "behind", _("needs attention")
    STALE = "stale", _("out of date")
    NO_DATA = "no_data", _("no measurements yet")
    NOT_ASSESSED = "not_assessed", _("cannot be assessed")


class ProgressGap(models.TextChoices):
    """Why an indicator's progress (or its verdict) is not computed: said on the page, never shown as 0 %."""

    NO_MEASUREMENT = "no_measurement", _("no measurements yet")
    NO_TARGET = "no_target", _("no target")
    NO_BASELINE = "no_baseline", _("no baseline: progress not computed")
    TARGET_EQUALS_BASELINE = "target_equals_baseline", _("target equal to baseline")
    AGAINST_DIRECTION = "against_direction", _("the target lies the wrong way from the baseline")
    NO_TARGET_DATE = "no_target_date", _("no target date: the expected value is not known")
