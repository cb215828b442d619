from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from pacts.models import Pact
from zorgpact.constants import Pillar
from zorgpact.core.fields import VersionedModel, search_vector_field, source_field
from zorgpact.models import Organisation, Province, Theme

from .constants import KoploperStatus, PartnerRole, SupportStatus, SupportTopic
from .managers import KoploperQuerySet

# The years a koploper may have started in: the database's constraint and the form field's validator (one rule).
START_YEARS = (1900, 2100)
START_YEAR_ERROR = _("The start year must lie between 1900 and 2100.")


def validate_start_year(value):
    if value is not None and not START_YEARS[0] <= value <= START_YEARS[1]:
        raise ValidationError(START_YEAR_ERROR, code="start_year_range")


class Koploper(VersionedModel):
    """A showcased collaboration of care and education with visible, transferable results."""

    name = models.CharField(_("name"), max_length=200, unique=True, help_text=_("Name of the initiative."))
    slug = models.SlugField(_("slug"), max_length=200, unique=True, help_text=_("Used in the web address."))
    summary = models.CharField(_("summary"), max_length=500, blank=True, help_text=_("One or two sentences."))
    description = models.TextField(_("description"), blank=True, help_text=_("What the initiative does."))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=KoploperStatus.choices,
        default=KoploperStatus.APPLIED,
        help_text=_("Where it stands in the Kopgroep."),
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), related_name="koplopers", blank=True, help_text=_("Themes it works on.")
    )
    provinces = models.ManyToManyField(
        Province, verbose_name=_("provinces"), related_name="koplopers", blank=True, help_text=_("Where it runs.")
    )
    pact = models.ForeignKey(
        Pact,
        verbose_name=_("regional pact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="koplopers",
        help_text=_("The regional pact it is linked to."),
    )
    started_year = models.PositiveSmallIntegerField(
        _("started in"),
        null=True,
        blank=True,
        help_text=_("Year the initiative started."),
        validators=[validate_start_year],  # the constraint below, as an error at the field on a form
    )
    results_text = models.TextField(_("results"), blank=True, help_text=_("Visible results so far."))
    transferable_how = models.TextField(
        _("applicable elsewhere"), blank=True, help_text=_("Why and how it would work in another region.")
    )
    sustain_regular_offer = models.BooleanField(
        _("part of the regular offer"),
        null=True,
        blank=True,
        default=None,
        help_text=_("Embedded in the regular education offer."),
    )
    sustain_regular_processes = models.BooleanField(
        _("part of regular processes"),
        null=True,
        blank=True,
        default=None,
        help_text=_("Embedded in the organisations' processes."),
    )
    sustain_joint_agenda = models.BooleanField(
        _("joint agenda"),
        null=True,
        blank=True,
        default=None,
        help_text=_("Embedded in a joint agenda of the partners."),
    )
    challenge_funding = models.BooleanField(
        _("funding"), null=True, blank=True, default=None, help_text=_("Challenge met: funding.")
    )
    challenge_processes = models.BooleanField(
        _("organisation processes"),
        null=True,
        blank=True,
        default=None,
        help_text=_("Challenge met: organisation processes."),
    )
    challenge_rules = models.BooleanField(
        _("rules"), null=True, blank=True, default=None, help_text=_("Challenge met: laws and rules.")
    )
    challenges_text = models.TextField(_("challenges"), blank=True, help_text=_("Challenges met, in words."))
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinators"),
        related_name="coordinated_koplopers",
        blank=True,
        help_text=_("People who keep this koploper up to date."),
    )
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True, help_text=_("Contact person."))
    contact_email = models.EmailField(_("contact e-mail"), blank=True, help_text=_("Contact e-mail address."))
    website = models.URLField(_("website"), blank=True, help_text=_("Website of the initiative."))
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True, help_text=_("When it applied."))
    review_note = models.TextField(_("review note"), blank=True, help_text=_("Reason for the review decision."))
    is_synthetic = models.BooleanField(_("synthetic"), default=False, help_text=_("Generated or fictional data."))
    citations = GenericRelation("zorgpact.Citation", related_query_name="koploper")
    source = source_field()
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, help_text=_("When it was added."))
    search_vector = search_vector_field()
    history = HistoricalRecords(excluded_fields=["version", "search_vector"], m2m_fields=["themes"])

    objects = KoploperQuerySet.as_manager()

    class Meta:
        # On PostgreSQL, name, summary and description also have GIN trigram indexes on UPPER(column) for the ?q=
        # search (icontains): created in migration 0003 only there, since a GinIndex here would fail on SQLite.
        verbose_name = _("koploper")
        verbose_name_plural = _("koplopers")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=KoploperStatus.values), name="koploper_status_valid"),
            models.CheckConstraint(
                condition=Q(started_year__isnull=True)
                | Q(started_year__gte=START_YEARS[0], started_year__lte=START_YEARS[1]),
                name="koploper_started_year_range",
                violation_error_message=START_YEAR_ERROR,
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("koplopers:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        """On the public catalogue: the same test as `Koploper.objects.published()`, for one object."""
        return self.status == KoploperStatus.KOPLOPER

    @property
    def website_link(self) -> str:
        """The website as a link target, only when it is http(s): the forms validate that, but an address written
        past them (an import, a bulk update) must still never become a javascript: link on the public page."""
        return self.website if urlsplit(self.website).scheme.lower() in ("http", "https") else ""

    def clean(self) -> None:
        # The partnership rule guards becoming (or being saved as) a koploper; a form that cannot change the
        # status or the partners sets `partnership_checked_elsewhere` so text edits never hinge on it.
        if getattr(self, "partnership_checked_elsewhere", False):
            return
        if self.status == KoploperStatus.KOPLOPER and self.pk:
            check_partnership(self.partner_organisations())

    def partner_organisations(self) -> list[Organisation]:
        """This koploper's partner organisations."""
        if not self.pk:
            return []
        return [p.organisation for p in self.partners.select_related("organisation")]

    def partnership_errors(self) -> list[str]:
        """What this koploper's partners lack for the Kopgroep (empty when the partnership rule is met)."""
        return partnership_errors(self.partner_organisations())


# The partnership rule, once: the model (a published koploper), the application form, the review's checklist and
# the accept step all ask these.
def has_school_partner(organisations) -> bool:
    return any(o.is_school for o in organisations)


def has_care_partner(organisations) -> bool:
    return any(o.pillar == Pillar.CARE for o in organisations)


def partnership_errors(organisations) -> list[str]:
    """A koploper needs at least one school (vmbo/mbo/hbo) and one care or welfare organisation."""
    errors = []
    if not has_school_partner(organisations):
        errors.append(_("A koploper needs at least one school (vmbo, mbo or hbo) as a partner."))
    if not has_care_partner(organisations):
        errors.append(_("A koploper needs at least one care or welfare organisation as a partner."))
    return errors


def check_partnership(organisations) -> None:
    """Raise the partnership rule's errors (partnership_errors) as one ValidationError."""
    errors = partnership_errors(organisations)
    if errors:
        raise ValidationError(errors)


class KoploperPartner(VersionedModel):
    koploper = models.ForeignKey(
        Koploper,
        verbose_name=_("koploper"),
        on_delete=models.CASCADE,
        related_name="partners",
        help_text=_("Koploper."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="koploper_partners",
        help_text=_("The partner organisation."),
    )
    role = models.CharField(
        _("role"), max_length=10, choices=PartnerRole.choices, default=PartnerRole.PARTNER, help_text=_("Its role.")
    )
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("koploper partner")
        verbose_name_plural = _("koploper partners")
        constraints = [models.UniqueConstraint(fields=["koploper", "organisation"], name="koploper_partner_unique")]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.koploper}"


class ResultFigure(VersionedModel):
    koploper = models.ForeignKey(
        Koploper,
        verbose_name=_("koploper"),
        on_delete=models.CASCADE,
        related_name="result_figures",
        help_text=_("The koploper."),
    )
    label = models.CharField(_("label"), max_length=200, help_text=_("What was counted."))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2, help_text=_("The figure."))
    unit = models.CharField(_("unit"), max_length=50, blank=True, help_text=_("E.g. students, %."))
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, help_text=_("Year of the figure."))
    source = source_field()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("result figure")
        verbose_name_plural = _("result figures")
        ordering = ["koploper", "-year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(unit="%") | Q(value__gte=0, value__lte=100),
                name="result_figure_percentage_range",
                violation_error_message=_("A percentage lies between 0 and 100."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.value} {self.unit}"


class Adoption(VersionedModel):
    """A region or organisation that took over a koploper's concept: how practice spreads."""

    koploper = models.ForeignKey(
        Koploper, verbose_name=_("koploper"), on_delete=models.CASCADE, related_name="adoptions", help_text=_("Source.")
    )
    pact = models.ForeignKey(
        Pact,
        verbose_name=_("regional pact"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="adoptions",
        help_text=_("The pact that adopted it."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="adoptions",
        help_text=_("The organisation that adopted it."),
    )
    region = models.CharField(_("region"), max_length=200, blank=True, help_text=_("The region that adopted it."))
    year = models.PositiveSmallIntegerField(_("year"), help_text=_("Year of the adoption."))
    note = models.CharField(_("note"), max_length=500, blank=True, help_text=_("How it was taken over."))
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        ordering = ["koploper", "year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pact__isnull=False) | Q(organisation__isnull=False) | ~Q(region=""),
                name="adoption_names_adopter",
                violation_error_message=_("Name the pact, organisation or region that adopted the concept."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1990, year__lte=2100),
                name="adoption_year_range",
                violation_error_message=_("The year must lie between 1990 and 2100."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.koploper} → {self.adopter} ({self.year})"

    @property
    def adopter(self) -> str:
        return str(self.pact or self.organisation or self.region)


class SupportRequest(VersionedModel):
    koploper = models.ForeignKey(
        Koploper,
        verbose_name=_("koploper"),
        on_delete=models.CASCADE,
        related_name="support_requests",
        help_text=_("The koploper asking."),
    )
    topic = models.CharField(
        _("topic"), max_length=20, choices=SupportTopic.choices, help_text=_("What support is asked for.")
    )
    question = models.TextField(_("question"), help_text=_("The question for tailored support."))
    status = models.CharField(
        _("status"), max_length=12, choices=SupportStatus.choices, default=SupportStatus.OPEN, help_text=_("Status.")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="support_requests",
        help_text=_("Who asked."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, help_text=_("When it was asked."))
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("support request")
        verbose_name_plural = _("support requests")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(topic__in=SupportTopic.values), name="support_topic_valid"),
            models.CheckConstraint(condition=Q(status__in=SupportStatus.values), name="support_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.koploper}: {self.get_topic_display()}"
