from django.db import models
from django.utils.translation import gettext_lazy as _

from zorgpact.constants import Ministry


class Outcome(models.TextChoices):
    WITHIN_RULES = "within_rules", _("Within the existing rules")
    REGIONAL_APPROACH = "regional_approach", _("A different approach in the region")
    RULE_CHANGED = "rule_changed", _("Rule changed")
    OPEN = "open", _("Open")


class Topic(models.TextChoices):
    EDUCATION_TIME = "education_time", _("Education time")
    CAO = "cao", _("CAO and labour law")
    TEACHING = "teaching", _("Teaching qualifications")
    INTERNSHIPS = "internships", _("Internships and BPV")
    FUNDING = "funding", _("Funding")
    PRIVACY = "privacy", _("Privacy")
    CARE_LAW = "care_law", _("Care legislation")
    OTHER = "other", _("Other")


class CaseStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    TRIAGED = "triaged", _("Triaged")
    ANSWERED = "answered", _("Answered")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")


class SchemeKind(models.TextChoices):
    SUBSIDY = "subsidy", _("Subsidy")
    FUND = "fund", _("Fund")
    REGULATION = "regulation", _("Regulation")


# The ministry mapping, once: which Case flag says a case concerns which ministry (each true, false or null when no
# source states it). The case library's filter and facets, the API's `ministries` and triage all read it.
MINISTRY_FLAGS = {
    Ministry.OCW.value: "ministry_ocw",
    Ministry.VWS.value: "ministry_vws",
    Ministry.SZW.value: "ministry_szw",
}

# A case's public version: the only text of a case that public pages, the API, the sitemap and the searches read
# (public_text is the public answer). The reporter's question and context, and who reported it, are never public.
CASE_PUBLIC_FIELDS = ["title", "public_question", "public_context", "public_text"]
