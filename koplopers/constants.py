from django.db import models
from django.utils.translation import gettext_lazy as _


class KoploperStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    IN_REVIEW = "in_review", _("In review")
    KOPLOPER = "koploper", _("Koploper")
    REJECTED = "rejected", _("Rejected")
    ARCHIVED = "archived", _("Archived")


class PartnerRole(models.TextChoices):
    INITIATOR = "initiator", _("Initiator")
    PARTNER = "partner", _("Partner")


class SupportTopic(models.TextChoices):
    EFFECT_RESEARCH = "effect_research", _("Effect research")
    CURRICULUM = "curriculum", _("Curriculum")
    SUSTAIN = "sustain", _("Embedding (bestendiging)")
    SCALE_UP = "scale_up", _("Scaling up")
    GOVERNANCE = "governance", _("Governance")
    FUNDING = "funding", _("Funding")


class SupportStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DECLINED = "declined", _("Declined")


YES = "ja"
NO = "nee"


class KoploperSort(models.TextChoices):
    NAME = "naam", _("Name")
    NEWEST = "nieuwste", _("Newest")
    MOST_ADOPTED = "meest-overgenomen", _("Most adopted")

    @classmethod
    def ordering(cls, value: str) -> list:
        from django.db.models import F

        if value == cls.NEWEST:
            return [F("started_year").desc(nulls_last=True), "-created_at", "name"]
        if value == cls.MOST_ADOPTED:
            return ["-adoption_count", "name"]
        return ["name"]


# The three sustainability agreements of a koploper (bestendiging): each yes, no or not known (null).
SUSTAIN_FIELDS = ("sustain_regular_offer", "sustain_regular_processes", "sustain_joint_agenda")
