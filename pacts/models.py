from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from zorgpact.core.fields import VersionedModel, search_vector_field, source_field
from zorgpact.models import Organisation, Phase, Province, Theme

from .constants import (
    ActionStatus,
    Collaboration,
    Direction,
    ImportStatus,
    IndicatorKind,
    PactFunction,
    PactStatus,
    ParticipationRole,
    Rhythm,
    TargetGroup,
)
from .managers import (
    ActionQuerySet,
    AmbitionQuerySet,
    GoalQuerySet,
    IndicatorQuerySet,
    InPactQuerySet,
    MeasurementQuerySet,
    PactQuerySet,
)


def validate_target_groups(value) -> None:
    """A list of TargetGroup codes, each once (None: not known)."""
    if value is None:
        return
    if not isinstance(value, list) or any(v not in TargetGroup.values for v in value) or len(set(value)) != len(value):
        raise ValidationError(_("Choose target groups from the list."), code="invalid")


def validate_not_in_future(value) -> None:
    if value and value > timezone.localdate():
        raise ValidationError(_("A measurement cannot lie in the future."), code="future")


class Pact(VersionedModel):
    """A regional Zorgpact: a coalition of care, education and government in a region."""

    name = models.CharField(_("name"), max_length=200, unique=True, help_text=_("Name of the regional pact."))
    slug = models.SlugField(_("slug"), max_length=200, unique=True, help_text=_("Used in the web address."))
    region = models.CharField(_("region"), max_length=200, blank=True, help_text=_("The region the pact covers."))
    provinces = models.ManyToManyField(
        Province, verbose_name=_("provinces"), related_name="pacts", blank=True, help_text=_("Provinces it covers.")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PactStatus.choices,
        null=True,
        blank=True,
        default=None,
        help_text=_("Life cycle; empty when no source states it (shown as 'not known')."),
    )
    started_on = models.DateField(_("started on"), null=True, blank=True, help_text=_("When the pact was signed."))
    builds_on_existing = models.BooleanField(
        _("builds on an existing coalition"), null=True, blank=True, help_text=_("Did an earlier coalition exist?")
    )
    phase = models.ForeignKey(
        Phase,
        verbose_name=_("phase"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pacts",
        help_text=_("Current phase of collaboration."),
    )
    partners_complete = models.BooleanField(
        _("partner list complete"),
        null=True,
        blank=True,
        default=None,
        help_text=_(
            "Marked by the pact's coordinator or the national team; gaps are only flagged for a complete list."
        ),
    )
    is_projecttrekker = models.BooleanField(
        _("project lead"), default=False, help_text=_("Function: coordinates joint projects.")
    )
    is_platform = models.BooleanField(_("platform"), default=False, help_text=_("Function: regional exchange."))
    is_podium = models.BooleanField(_("stage"), default=False, help_text=_("Function: stage for regional initiatives."))
    collaboration = models.CharField(
        _("collaboration"),
        max_length=10,
        choices=Collaboration.choices,
        blank=True,
        help_text=_("How formal the collaboration is."),
    )
    lead = models.ForeignKey(
        Organisation,
        verbose_name=_("lead organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_pacts",
        help_text=_("The organisation that leads the pact."),
    )
    ambition_text = models.TextField(_("ambition"), blank=True, help_text=_("The pact's overall ambition."))
    funding_text = models.TextField(_("funding"), blank=True, help_text=_("How the pact is funded."))
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), related_name="pacts", blank=True, help_text=_("Themes the pact works on.")
    )
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinators"),
        related_name="coordinated_pacts",
        blank=True,
        help_text=_("People who keep this pact's agenda up to date."),
    )
    organisations = models.ManyToManyField(
        Organisation, through="Participation", related_name="pacts", verbose_name=_("partners"), blank=True
    )
    is_synthetic = models.BooleanField(_("synthetic"), default=False, help_text=_("Generated or fictional data."))
    citations = GenericRelation("zorgpact.Citation", related_query_name="pact")
    source = source_field()
    search_vector = search_vector_field()
    history = HistoricalRecords(excluded_fields=["version", "search_vector"], m2m_fields=["themes"])

    objects = PactQuerySet.as_manager()

    class Meta:
        verbose_name = _("regional pact")
        verbose_name_plural = _("regional pacts")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=PactStatus.values) | Q(status__isnull=True), name="pact_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("pacts:detail", kwargs={"slug": self.slug})

    @property
    def functions(self) -> list[str]:
        flags = {
            PactFunction.PROJECTTREKKER: self.is_projecttrekker,
            PactFunction.PLATFORM: self.is_platform,
            PactFunction.PODIUM: self.is_podium,
        }
        return [f.label for f, on in flags.items() if on]

    def partner_organisations(self):
        """This pact's partner organisations (every participation), by name: the one list a pact's lead, an action's
        lead and partners, a session's participants and an agreement's owner are chosen from (forms and API)."""
        return Organisation.objects.filter(participations__pact_id=self.pk).distinct().order_by("name")


class Participation(VersionedModel):
    pact = models.ForeignKey(
        Pact, verbose_name=_("pact"), on_delete=models.CASCADE, related_name="participations", help_text=_("The pact.")
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="participations",
        help_text=_("The partner organisation."),
    )
    role = models.CharField(
        _("role"),
        max_length=10,
        choices=ParticipationRole.choices,
        default=ParticipationRole.MEMBER,
        help_text=_("Role in the pact."),
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True, help_text=_("When it joined."))
    left_on = models.DateField(_("left on"), null=True, blank=True, help_text=_("When it left, if it did."))
    history = HistoricalRecords(excluded_fields=["version"])
    objects = InPactQuerySet.as_manager()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(fields=["pact", "organisation"], name="participation_unique"),
            models.CheckConstraint(condition=Q(role__in=ParticipationRole.values), name="participation_role_valid"),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(joined_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="participation_left_after_joined",
                violation_error_message=_("The date left cannot be before the date joined."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.pact}"


class Ambition(VersionedModel):
    pact = models.ForeignKey(
        Pact, verbose_name=_("pact"), on_delete=models.CASCADE, related_name="ambitions", help_text=_("The pact.")
    )
    title = models.CharField(_("title"), max_length=300, help_text=_("What the pact wants to achieve."))
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Position in the agenda."))
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True, help_text=_("Archived, not deleted."))
    source = source_field()
    search_vector = search_vector_field()
    history = HistoricalRecords(excluded_fields=["version", "search_vector"])
    objects = AmbitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("ambition")
        verbose_name_plural = _("ambitions")
        ordering = ["pact", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class Goal(VersionedModel):
    ambition = models.ForeignKey(
        Ambition, verbose_name=_("ambition"), on_delete=models.CASCADE, related_name="goals", help_text=_("Ambition.")
    )
    title = models.CharField(_("title"), max_length=300, help_text=_("The goal or question to solve."))
    intended_effect = models.TextField(
        _("intended effect"), blank=True, help_text=_("The long-term effect this goal aims for.")
    )
    target_groups = models.JSONField(
        _("target groups"),
        null=True,
        blank=True,
        default=None,
        validators=[validate_target_groups],
        help_text=_("Whom the goal's effect is for; empty when no source states it (shown as 'not known')."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Position under the ambition."))
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True, help_text=_("Archived, not deleted."))
    search_vector = search_vector_field()
    history = HistoricalRecords(excluded_fields=["version", "search_vector"])
    objects = GoalQuerySet.as_manager()

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["ambition", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class Action(VersionedModel):
    pact = models.ForeignKey(
        Pact, verbose_name=_("pact"), on_delete=models.CASCADE, related_name="actions", help_text=_("The pact.")
    )
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("goal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
        help_text=_("The goal this action serves."),
    )
    title = models.CharField(_("title"), max_length=300, help_text=_("Short name of the action."))
    description = models.TextField(_("description"), blank=True, help_text=_("What is done and by whom."))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ActionStatus.choices,
        null=True,
        blank=True,
        default=None,
        help_text=_("Stage; empty when no source states it (shown as 'not known')."),
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True, help_text=_("Start date."))
    ends_on = models.DateField(_("ends on"), null=True, blank=True, help_text=_("End date."))
    lead = models.ForeignKey(
        Organisation,
        verbose_name=_("lead organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_actions",
        help_text=_("Organisation that leads the action."),
    )
    partners = models.ManyToManyField(
        Organisation, verbose_name=_("partners"), related_name="actions", blank=True, help_text=_("Taking part.")
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), related_name="actions", blank=True, help_text=_("Themes of the action.")
    )
    is_public = models.BooleanField(_("public"), default=True, help_text=_("Shown on the public pact page."))
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Position in the agenda."))
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True, help_text=_("Archived, not deleted."))
    citations = GenericRelation("zorgpact.Citation", related_query_name="action")
    source = source_field()
    search_vector = search_vector_field()
    history = HistoricalRecords(excluded_fields=["version", "search_vector"], m2m_fields=["themes"])

    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["pact", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ActionStatus.values) | Q(status__isnull=True), name="action_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="action_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]
        indexes = [models.Index(fields=["pact", "status"]), models.Index(fields=["is_public", "archived_at"])]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.goal_id and self.pact_id and self.goal.ambition.pact_id != self.pact_id:
            raise ValidationError({"goal": _("The goal belongs to another pact.")})


class Indicator(VersionedModel):
    action = models.ForeignKey(
        Action,
        verbose_name=_("action"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicators",
        help_text=_("Action measured (for a result)."),
    )
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("goal"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicators",
        help_text=_("Goal measured (for an effect)."),
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=IndicatorKind.choices, help_text=_("Result (output) or effect (outcome).")
    )
    name = models.CharField(_("name"), max_length=300, help_text=_("What is measured."))
    unit = models.CharField(_("unit"), max_length=50, blank=True, help_text=_("E.g. students, %, hours."))
    baseline = models.DecimalField(
        _("baseline"), max_digits=12, decimal_places=2, null=True, blank=True, help_text=_("Value at the start.")
    )
    target = models.DecimalField(
        _("target"), max_digits=12, decimal_places=2, null=True, blank=True, help_text=_("Value to reach.")
    )
    target_on = models.DateField(_("target date"), null=True, blank=True, help_text=_("When the target is due."))
    direction = models.CharField(
        _("direction"), max_length=4, choices=Direction.choices, default=Direction.UP, help_text=_("Which way is good.")
    )
    rhythm = models.CharField(
        _("reporting rhythm"),
        max_length=12,
        choices=Rhythm.choices,
        null=True,
        blank=True,
        default=None,
        help_text=_("How often it is measured; when not known, a measurement older than a year is out of date."),
    )
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal(0), message=_("A weight cannot be negative; 0 means 'not counted'."))],
        help_text=_("Its weight in the goal's progress (1 by default; 0: not counted)."),
    )
    target_group = models.CharField(
        _("target group"),
        max_length=20,
        choices=TargetGroup.choices,
        blank=True,
        help_text=_("For an effect: the target group whose effect it measures (empty: all the goal's groups)."),
    )
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True, help_text=_("Archived, not deleted."))
    history = HistoricalRecords(excluded_fields=["version"])
    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=IndicatorKind.values), name="indicator_kind_valid"),
            models.CheckConstraint(condition=Q(direction__in=Direction.values), name="indicator_direction_valid"),
            models.CheckConstraint(
                condition=Q(action__isnull=False, goal__isnull=True) | Q(action__isnull=True, goal__isnull=False),
                name="indicator_belongs_to_action_or_goal",
                violation_error_message=_("An indicator belongs to either an action or a goal."),
            ),
            models.CheckConstraint(
                condition=Q(weight__gte=0),
                name="indicator_weight_not_negative",
                violation_error_message=_("A weight cannot be negative; 0 means 'not counted'."),
            ),
            models.CheckConstraint(
                condition=Q(rhythm__in=Rhythm.values) | Q(rhythm__isnull=True), name="indicator_rhythm_valid"
            ),
            models.CheckConstraint(
                condition=~Q(unit="%")
                | (
                    (Q(target__isnull=True) | Q(target__gte=0, target__lte=100))
                    & (Q(baseline__isnull=True) | Q(baseline__gte=0, baseline__lte=100))
                ),
                name="indicator_percentage_range",
                violation_error_message=_("A percentage lies between 0 and 100."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Measurement(VersionedModel):
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="measurements",
        help_text=_("The indicator measured."),
    )
    measured_on = models.DateField(
        _("measured on"), validators=[validate_not_in_future], help_text=_("Date of the measurement.")
    )
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2, help_text=_("Measured value."))
    note = models.CharField(_("note"), max_length=500, blank=True, help_text=_("Remarks on this measurement."))
    history = HistoricalRecords(excluded_fields=["version"])
    objects = MeasurementQuerySet.as_manager()

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["indicator", "measured_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "measured_on"],
                name="measurement_unique_per_date",
                violation_error_message=_("This indicator already has a measurement on this date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.measured_on})"

    def validate_constraints(self, exclude=None) -> None:
        """Django's check, with the one-per-date rule reported on the date: that is the field to change (forms, the
        API, the import and a restore all show it there)."""
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict({})
            rule = next(c for c in self._meta.constraints if c.name == "measurement_unique_per_date")
            taken = str(rule.get_violation_error_message())
            general = errors.pop(NON_FIELD_ERRORS, [])
            on_date = [e for e in general if taken in e.messages]
            if on_date:
                errors.setdefault("measured_on", []).extend(on_date)
            rest = [e for e in general if e not in on_date]
            if rest:
                errors[NON_FIELD_ERRORS] = rest
            raise ValidationError(errors) from None


class MeasurementReminder(models.Model):
    """A reminder mailed to a pact's coordinators that an indicator's measurement is due (pacts.services
    .send_measurement_reminders): one per indicator and due date, so a second run sends nothing, and a new measurement
    (which moves the due date) makes the next reminder possible. `due_on` is empty for an indicator never measured."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="reminders",
        help_text=_("The indicator whose measurement is due."),
    )
    due_on = models.DateField(
        _("due on"), null=True, blank=True, help_text=_("When the measurement was due; empty: never measured.")
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now, help_text=_("When the reminder was mailed."))

    class Meta:
        verbose_name = _("measurement reminder")
        verbose_name_plural = _("measurement reminders")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "due_on"], name="reminder_once_per_due_date"),
            # NULLs are distinct in a unique index: the never-measured reminder is once per indicator by its own index.
            models.UniqueConstraint(
                fields=["indicator"], condition=Q(due_on__isnull=True), name="reminder_once_when_never_measured"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.due_on or '-'} ({self.sent_at:%Y-%m-%d})"


class AgendaImport(models.Model):
    """One spreadsheet import of a pact's action agenda: the checked plan (the changes to make, not the file's rows)
    from the preview, and the state of applying it. Large files are checked, and large imports applied, by the
    Celery worker from this row (a large file is kept here only until it is checked)."""

    pact = models.ForeignKey(
        Pact,
        verbose_name=_("pact"),
        on_delete=models.CASCADE,
        related_name="imports",
        help_text=_("The pact imported into."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who uploaded the file."),
    )
    file_name = models.CharField(_("file name"), max_length=255, blank=True, help_text=_("Name of the uploaded file."))
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PREVIEWED, help_text=_("Status.")
    )
    plan = models.JSONField(_("plan"), default=list, help_text=_("The changes to make, checked at the preview."))
    total = models.PositiveIntegerField(_("changes"), default=0, help_text=_("Number of changes in the plan."))
    counts = models.JSONField(_("result"), default=dict, blank=True, help_text=_("Added and changed items."))
    error = models.TextField(_("error"), blank=True, help_text=_("Why the import was not applied."))
    task_id = models.CharField(_("task id"), max_length=255, blank=True, help_text=_("The worker's task."))
    upload = models.BinaryField(
        _("uploaded file"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("A large file while the worker checks it; dropped after the check."),
    )
    report = models.JSONField(
        _("check"), default=dict, blank=True, help_text=_("The worker's check: its summary, or the errors it found.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, help_text=_("When the file was checked."))
    started_at = models.DateTimeField(_("started at"), null=True, blank=True, help_text=_("When applying started."))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True, help_text=_("When applying ended."))

    class Meta:
        verbose_name = _("agenda import")
        verbose_name_plural = _("agenda imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.pact} {self.created_at:%Y-%m-%d %H:%M} ({self.status})"

    @property
    def is_pending(self) -> bool:
        """Being checked, waiting for or being applied by the worker (the status page keeps asking)."""
        return self.status in (ImportStatus.CHECKING, ImportStatus.QUEUED, ImportStatus.RUNNING)

    @property
    def is_checking(self) -> bool:
        """A large file being checked by the worker: nothing is saved, the preview follows."""
        return self.status == ImportStatus.CHECKING

    @property
    def is_previewed(self) -> bool:
        """Checked and waiting for the coordinator to confirm."""
        return self.status == ImportStatus.PREVIEWED

    @property
    def is_done(self) -> bool:
        return self.status == ImportStatus.DONE

    @property
    def has_failed(self) -> bool:
        return self.status == ImportStatus.FAILED
