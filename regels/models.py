import re
import secrets

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from koplopers.models import Koploper
from pacts.models import Action, Pact
from volgspot.models import VolgspotSession
from zorgpact.constants import Ministry
from zorgpact.core.fields import VersionedModel, search_vector_field, source_field
from zorgpact.models import Theme

from .constants import MINISTRY_FLAGS, CaseStatus, Outcome, SchemeKind, Topic
from .managers import CaseQuerySet, SchemeQuerySet


def new_status_token() -> str:
    return secrets.token_urlsafe(32)


WORKING_TITLE_LENGTH = 100


def working_title(text: str, *, max_length: int = WORKING_TITLE_LENGTH) -> str:
    """A clean title for the workspace made from a reported question: its first sentence if that is short enough,
    else its first words up to `max_length` characters with an ellipsis, never a word cut in two. Never public."""
    text = " ".join(text.split())
    sentence = re.match(r"(.{20,}?[.?!])(?:\s|$)", text)  # at least 20 characters: "Bijv." is no sentence
    if sentence and len(sentence.group(1)) <= max_length:
        return sentence.group(1)
    if len(text) <= max_length:
        return text
    cut = text[:max_length].rsplit(" ", 1)[0] if " " in text[:max_length] else text[: max_length - 1]
    return cut.rstrip(" ,;:-–") + "…"


class Scheme(VersionedModel):
    """A subsidy, fund or regulation that pacts and koplopers use."""

    name = models.CharField(_("name"), max_length=200, unique=True, help_text=_("Name of the scheme."))
    slug = models.SlugField(_("slug"), max_length=200, unique=True, help_text=_("Used in the web address."))
    kind = models.CharField(_("kind"), max_length=12, choices=SchemeKind.choices, help_text=_("Subsidy, fund or rule."))
    ministry = models.CharField(
        _("ministry"), max_length=3, choices=Ministry.choices, blank=True, help_text=_("Responsible ministry.")
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("What the scheme is for."))
    eligibility = models.TextField(_("eligibility"), blank=True, help_text=_("Who can apply."))
    budget_text = models.CharField(_("budget"), max_length=300, blank=True, help_text=_("Budget, as published."))
    starts_on = models.DateField(_("starts on"), null=True, blank=True, help_text=_("Start of the period."))
    ends_on = models.DateField(_("ends on"), null=True, blank=True, help_text=_("End of the period."))
    url = models.URLField(_("web address"), blank=True, help_text=_("Where to read more."))
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), related_name="schemes", blank=True, help_text=_("Related themes.")
    )
    actions = models.ManyToManyField(
        Action, verbose_name=_("actions"), related_name="schemes", blank=True, help_text=_("Actions using it.")
    )
    koplopers = models.ManyToManyField(
        Koploper, verbose_name=_("koplopers"), related_name="schemes", blank=True, help_text=_("Koplopers using it.")
    )
    source = source_field()
    search_vector = search_vector_field()
    history = HistoricalRecords(excluded_fields=["version", "search_vector"])
    objects = SchemeQuerySet.as_manager()

    class Meta:
        verbose_name = _("scheme")
        verbose_name_plural = _("schemes")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=SchemeKind.values), name="scheme_kind_valid"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="scheme_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("schemes:detail", kwargs={"slug": self.slug})


class Case(VersionedModel):
    """An obstacle a practitioner met in the rules, and the room the ministries found."""

    title = models.CharField(
        _("title"),
        max_length=300,
        help_text=_(
            "In the workspace a working title; from publication on the public title, written by the national team."
        ),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        null=True,
        blank=True,
        help_text=_("The public web address: made from the public title at the first publication, then kept."),
    )
    question = models.TextField(_("question"), help_text=_("The question as asked. Never public."))
    context = models.TextField(
        _("situation"), blank=True, help_text=_("The situation in which it arose. Never public.")
    )
    answer = models.TextField(_("answer"), blank=True, help_text=_("The ministries' answer."))
    public_question = models.TextField(
        _("public question"), blank=True, help_text=_("The question as published, written by the national team.")
    )
    public_context = models.TextField(
        _("public situation"), blank=True, help_text=_("The situation as published, written by the national team.")
    )
    public_text = models.TextField(
        _("public version"), blank=True, help_text=_("Anonymised text for publication, reviewed before publishing.")
    )
    outcome = models.CharField(
        _("outcome"),
        max_length=20,
        choices=Outcome.choices,
        null=True,
        blank=True,
        default=Outcome.OPEN,
        help_text=_("How it ended; empty when no source states it (shown as 'not known')."),
    )
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices, blank=True, help_text=_("Subject."))
    ministry_ocw = models.BooleanField("OCW", null=True, blank=True, default=None, help_text=_("Concerns OCW."))
    ministry_vws = models.BooleanField("VWS", null=True, blank=True, default=None, help_text=_("Concerns VWS."))
    ministry_szw = models.BooleanField("SZW", null=True, blank=True, default=None, help_text=_("Concerns SZW."))
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), related_name="cases", blank=True, help_text=_("Related themes.")
    )
    schemes = models.ManyToManyField(
        Scheme, verbose_name=_("schemes"), related_name="cases", blank=True, help_text=_("Related schemes.")
    )
    pacts = models.ManyToManyField(
        Pact, verbose_name=_("regional pacts"), related_name="cases", blank=True, help_text=_("Related pacts.")
    )
    koplopers = models.ManyToManyField(
        Koploper, verbose_name=_("koplopers"), related_name="cases", blank=True, help_text=_("Related koplopers.")
    )
    raised_in = models.ForeignKey(
        VolgspotSession,
        verbose_name=_("raised in"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
        help_text=_("The Volgspot session where the obstacle was named."),
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
        help_text=_("An earlier case about the same question."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.SUBMITTED, help_text=_("Workflow.")
    )
    assigned_ministry = models.CharField(
        _("assigned ministry"), max_length=3, choices=Ministry.choices, blank=True, help_text=_("Ministry answering.")
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True, help_text=_("Why it was rejected."))
    reporter_name = models.CharField(_("reporter name"), max_length=200, blank=True, help_text=_("Never public."))
    reporter_email = models.EmailField(_("reporter e-mail"), blank=True, help_text=_("Never public."))
    reporter_organisation = models.CharField(
        _("reporter organisation"), max_length=200, blank=True, help_text=_("Never public.")
    )
    status_token = models.CharField(
        _("status token"),
        max_length=64,
        unique=True,
        default=new_status_token,
        editable=False,
        help_text=_("Secret for the reporter's status link."),
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True, help_text=_("When it was reported."))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True, help_text=_("When answered."))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, help_text=_("When published."))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, help_text=_("When published or rejected."))
    anonymised_at = models.DateTimeField(
        _("anonymised at"), null=True, blank=True, help_text=_("When the reporter's data was removed.")
    )
    citations = GenericRelation("zorgpact.Citation", related_query_name="case")  # sources of its stated facts
    source = source_field()
    objects = CaseQuerySet.as_manager()
    search_vector = search_vector_field()
    history = HistoricalRecords(
        excluded_fields=["version", "search_vector", "reporter_name", "reporter_email", "status_token"]
    )

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-submitted_at"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=CaseStatus.values), name="case_status_valid"),
            models.CheckConstraint(
                condition=Q(outcome__in=Outcome.values) | Q(outcome__isnull=True), name="case_outcome_valid"
            ),
        ]
        # On PostgreSQL, title and the public fields (public_question, public_context, public_text: the public answer)
        # also have GIN trigram indexes on UPPER(column) for the ?q= search (icontains): made in migrations 0005 and
        # 0006 only there, since a GinIndex here would fail on SQLite.
        indexes = [models.Index(fields=["status", "published_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("regels:detail", kwargs={"slug": self.slug})

    @property
    def reference(self) -> str:
        """The one home of a case's reference, as the reporter, the mails and the workspace know it."""
        return f"RR-{self.pk:05d}"

    @property
    def reporter_text(self) -> str:
        """Who reported, for the case's handlers only: the parts the reporter gave ("Naam, Organisatie (e-mail)"); empty
        when they gave none (a report without contact details, or after anonymisation)."""
        who = ", ".join(part for part in (self.reporter_name, self.reporter_organisation) if part)
        if self.reporter_email:
            who = f"{who} ({self.reporter_email})" if who else self.reporter_email
        return who

    @property
    def is_published(self) -> bool:
        """In the public library: the same test as `Case.objects.published()`, for one case."""
        return self.status == CaseStatus.PUBLISHED

    @property
    def is_answered(self) -> bool:
        """The ministry has answered (and the answer may since be published): the reporter may read it."""
        return self.status in (CaseStatus.ANSWERED, CaseStatus.PUBLISHED)

    @property
    def is_rejected(self) -> bool:
        return self.status == CaseStatus.REJECTED

    @property
    def ministries(self) -> list[str] | None:
        """The codes of the ministries the case concerns (MINISTRY_FLAGS); None when no source states any."""
        flags = {code: getattr(self, flag) for code, flag in MINISTRY_FLAGS.items()}
        if all(value is None for value in flags.values()):
            return None
        return [code for code, value in flags.items() if value]

    def assign_ministry(self, code: str) -> None:
        """Triage: this ministry answers, so the case concerns it and not the others (not saved here)."""
        self.assigned_ministry = code
        for other, flag in MINISTRY_FLAGS.items():
            setattr(self, flag, other == code)


class FormerCaseSlug(models.Model):
    """A public address a case had before: it redirects to the case's address now."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="former_slugs", help_text=_("The case.")
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True, help_text=_("The former web address."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, help_text=_("When the address was left."))

    class Meta:
        verbose_name = _("former case address")
        verbose_name_plural = _("former case addresses")

    def __str__(self) -> str:
        return self.slug


class CaseEvent(models.Model):
    """One step in a case's workflow: who moved it from which status to which, and when."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="events", help_text=_("The case.")
    )
    from_status = models.CharField(_("from"), max_length=10, choices=CaseStatus.choices, help_text=_("Status before."))
    to_status = models.CharField(_("to"), max_length=10, choices=CaseStatus.choices, help_text=_("Status after."))
    user = models.ForeignKey(
        "zorgpact.User",
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="case_events",
        help_text=_("Who made the step."),
    )
    note = models.TextField(_("note"), blank=True, help_text=_("Reason or remark."))
    at = models.DateTimeField(_("at"), auto_now_add=True, help_text=_("When."))

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.case}: {self.from_status} → {self.to_status}"
