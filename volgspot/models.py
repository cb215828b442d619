from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from pacts.models import Ambition, Pact
from zorgpact.core.fields import VersionedModel, search_vector_field
from zorgpact.models import Organisation, Phase

from .constants import AgreementStatus, Assessment, ReportScope, ReportStatus, SessionStatus, SnapshotKind
from .managers import AgreementQuerySet, InSessionQuerySet, ProgressReportQuerySet, SessionQuerySet, SnapshotQuerySet


class VolgspotSession(VersionedModel):
    """A pact's reflection meeting on its ambitions, activities and results."""

    pact = models.ForeignKey(
        Pact, verbose_name=_("pact"), on_delete=models.CASCADE, related_name="sessions", help_text=_("The pact.")
    )
    round = models.PositiveSmallIntegerField(_("round"), help_text=_("Volgspot round: 1, 2, 3 …"))
    held_on = models.DateField(_("date"), help_text=_("Date of the meeting."))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=SessionStatus.choices,
        default=SessionStatus.PLANNED,
        help_text=_("A final session is read-only."),
    )
    facilitator = models.CharField(_("facilitator"), max_length=200, blank=True, help_text=_("Who led the meeting."))
    participants = models.ManyToManyField(
        Organisation,
        verbose_name=_("participants"),
        related_name="volgspot_sessions",
        blank=True,
        help_text=_("Partner organisations present."),
    )
    guests = models.TextField(_("other participants"), blank=True, help_text=_("Names of others present."))
    phase = models.ForeignKey(
        Phase,
        verbose_name=_("phase"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions",
        help_text=_("Phase of collaboration as assessed in the session."),
    )
    is_projecttrekker = models.BooleanField(_("project lead"), default=False, help_text=_("Function seen."))
    is_platform = models.BooleanField(_("platform"), default=False, help_text=_("Function seen."))
    is_podium = models.BooleanField(_("stage"), default=False, help_text=_("Function seen."))
    context = models.TextField(_("context"), blank=True, help_text=_("Developments in the region."))
    summary = models.TextField(_("summary"), blank=True, help_text=_("Main conclusions."))
    finalised_at = models.DateTimeField(_("finalised at"), null=True, blank=True, help_text=_("When made final."))
    history = HistoricalRecords(excluded_fields=["version"])

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("Volgspot session")
        verbose_name_plural = _("Volgspot sessions")
        ordering = ["pact", "round"]
        constraints = [
            models.UniqueConstraint(
                fields=["pact", "round"],
                name="session_round_unique",
                violation_error_message=_("This pact already has a session for this round."),
            ),
            models.CheckConstraint(condition=Q(status__in=SessionStatus.values), name="session_status_valid"),
            models.CheckConstraint(condition=Q(round__gte=1), name="session_round_positive"),
        ]
        indexes = [models.Index(fields=["held_on"])]

    def __str__(self) -> str:
        return f"{self.pact} — ronde {self.round}"

    @property
    def is_final(self) -> bool:
        """Finalised: read-only from then on (the session pages ask this one question)."""
        return self.status == SessionStatus.FINAL


class AmbitionReview(VersionedModel):
    session = models.ForeignKey(
        VolgspotSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="reviews",
        help_text=_("The session."),
    )
    ambition = models.ForeignKey(
        Ambition,
        verbose_name=_("ambition"),
        on_delete=models.CASCADE,
        related_name="reviews",
        help_text=_("The ambition reviewed."),
    )
    still_fits = models.TextField(
        _("still fitting?"), blank=True, help_text=_("Do ambitions, activities and results still fit?")
    )
    progress = models.TextField(_("progress"), blank=True, help_text=_("What progress was made?"))
    helps = models.TextField(_("what helps"), blank=True, help_text=_("What helps?"))
    hinders = models.TextField(_("what hinders"), blank=True, help_text=_("What hinders?"))
    next_steps = models.TextField(_("next steps"), blank=True, help_text=_("What are the next steps?"))
    assessment = models.CharField(
        _("assessment"), max_length=10, choices=Assessment.choices, blank=True, help_text=_("Overall assessment.")
    )
    effects_students = models.TextField(_("effects on students"), blank=True, help_text=_("Effects seen."))
    effects_care_users = models.TextField(_("effects on care users"), blank=True, help_text=_("Effects seen."))
    effects_care_workers = models.TextField(_("effects on care workers"), blank=True, help_text=_("Effects seen."))
    history = HistoricalRecords(excluded_fields=["version"])
    objects = InSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("ambition review")
        verbose_name_plural = _("ambition reviews")
        constraints = [
            models.UniqueConstraint(fields=["session", "ambition"], name="review_unique_per_ambition"),
            models.CheckConstraint(
                condition=Q(assessment="") | Q(assessment__in=Assessment.values), name="review_assessment_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session}: {self.ambition}"


class Agreement(VersionedModel):
    session = models.ForeignKey(
        VolgspotSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="agreements",
        help_text=_("The session where it was agreed."),
    )
    text = models.TextField(_("agreement"), help_text=_("What was agreed."))
    owner_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("owner organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agreements",
        help_text=_("Organisation responsible."),
    )
    owner_name = models.CharField(_("owner"), max_length=200, blank=True, help_text=_("Person responsible."))
    due_on = models.DateField(_("due on"), null=True, blank=True, help_text=_("When it should be done."))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AgreementStatus.choices,
        default=AgreementStatus.OPEN,
        help_text=_("Status."),
    )
    followed_up_in = models.ForeignKey(
        VolgspotSession,
        verbose_name=_("followed up in"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followed_up_agreements",
        help_text=_("The later session that followed it up."),
    )
    search_vector = search_vector_field()
    history = HistoricalRecords(excluded_fields=["version", "search_vector"])
    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=AgreementStatus.values), name="agreement_status_valid"),
        ]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return self.text[:80]


class ProgressReport(models.Model):
    """A progress report built by the Celery worker, per pact or national, as HTML and PDF."""

    scope = models.CharField(_("scope"), max_length=10, choices=ReportScope.choices, help_text=_("Pact or national."))
    pact = models.ForeignKey(
        Pact,
        verbose_name=_("pact"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
        help_text=_("The pact reported on (pact scope)."),
    )
    period_start = models.DateField(_("period start"), help_text=_("First day reported on."))
    period_end = models.DateField(_("period end"), help_text=_("Last day reported on."))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requested_reports",
        help_text=_("Who asked for it."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED, help_text=_("Status.")
    )
    input_hash = models.CharField(
        _("input hash"), max_length=64, blank=True, db_index=True, help_text=_("Hash of the data reported on.")
    )
    html = models.TextField(_("HTML"), blank=True, help_text=_("The report as HTML."))
    pdf = models.FileField(_("PDF"), upload_to="reports/", blank=True, help_text=_("The report as PDF."))
    error = models.TextField(_("error"), blank=True, help_text=_("Why it failed."))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0, help_text=_("How often it was started."))
    task_id = models.CharField(
        _("task id"),
        max_length=64,
        blank=True,
        help_text=_("The worker message building it, to tell a redelivery from a duplicate."),
    )
    queued_at = models.DateTimeField(_("queued at"), auto_now_add=True, help_text=_("When it was requested."))
    started_at = models.DateTimeField(_("started at"), null=True, blank=True, help_text=_("When building began."))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True, help_text=_("When it ended."))

    objects = ProgressReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["-queued_at"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ReportStatus.values), name="report_status_valid"),
            models.CheckConstraint(
                condition=Q(scope=ReportScope.NATIONAL, pact__isnull=True)
                | Q(scope=ReportScope.PACT, pact__isnull=False),
                name="report_scope_matches_pact",
                violation_error_message=_("A pact report names a pact; a national report does not."),
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="report_period_valid",
                violation_error_message=_("The period cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        what = self.pact or _("National")
        return f"{what} {self.period_start}–{self.period_end}"

    @property
    def is_done(self) -> bool:
        """Built, so its HTML and PDF can be read (pages, list and download ask this one question)."""
        return self.status == ReportStatus.DONE

    @property
    def is_pending(self) -> bool:
        """Waiting for or being built by the worker (the status page keeps asking)."""
        return self.status in (ReportStatus.QUEUED, ReportStatus.RUNNING)

    @property
    def has_failed(self) -> bool:
        return self.status == ReportStatus.FAILED


class SnapshotIsReadOnly(Exception):
    """A snapshot is frozen: once made it is never saved again (only the admin may delete one)."""


class Snapshot(models.Model):
    """Citable figures: a dashboard view (with its filters) or a report's data, frozen at a moment.

    Everything it shows is stored in it — the figures as JSON, the filter state, its title and the maker's name —
    so its page, CSV and JSON stay byte for byte the same however the data changes later.
    """

    kind = models.CharField(_("kind"), max_length=10, choices=SnapshotKind.choices, help_text=_("What was frozen."))
    title = models.CharField(_("title"), max_length=300, help_text=_("What the figures are about, as made."))
    pact = models.ForeignKey(
        Pact,
        verbose_name=_("pact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="snapshots",
        help_text=_("The pact of a pact dashboard or pact report; empty for national figures."),
    )
    report = models.OneToOneField(
        ProgressReport,
        verbose_name=_("progress report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="snapshot",
        help_text=_("The report whose figures these are."),
    )
    filters = models.JSONField(_("filters"), default=dict, blank=True, help_text=_("The filter state, as made."))
    data = models.JSONField(_("figures"), help_text=_("The figures, as the dashboard or report had them."))
    sources = models.JSONField(_("sources"), default=list, blank=True, help_text=_("Published sources used."))
    input_hash = models.CharField(
        _("input hash"), max_length=64, db_index=True, help_text=_("Hash of the frozen figures.")
    )
    made_at = models.DateTimeField(_("made at"), help_text=_("When the figures were frozen."))
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="snapshots",
        help_text=_("Who made it (empty: the system)."),
    )
    made_by_name = models.CharField(
        _("made by (name)"), max_length=300, blank=True, help_text=_("The maker's name as it was then.")
    )

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")
        ordering = ["-made_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=SnapshotKind.values), name="snapshot_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise SnapshotIsReadOnly(self.pk)
        super().save(*args, **kwargs)
