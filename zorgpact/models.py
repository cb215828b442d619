from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from zorgpact.constants import (
    SCHOOL_LEVELS,
    AuditEventType,
    CareSector,
    EducationLevel,
    GovernmentLevel,
    Ministry,
    Pillar,
)
from zorgpact.core.fields import VersionedModel, search_vector_field
from zorgpact.core.search_text import SearchableQuerySet


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person who signs in with an e-mail address; roles come from ministry, team flag and memberships."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True, help_text=_("Used to sign in."))
    name = models.CharField(_("name"), max_length=200, blank=True, help_text=_("Full name as shown to others."))
    ministry = models.CharField(
        _("ministry"),
        max_length=3,
        choices=Ministry.choices,
        blank=True,
        help_text=_("Set for ministry staff: the ministry this person works for."),
    )
    is_national_team = models.BooleanField(
        _("national team"), default=False, help_text=_("Member of the national Zorgpact team: curates everything.")
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.name or self.email

    @property
    def is_ministry_staff(self) -> bool:
        return bool(self.ministry)


class Province(models.Model):
    code = models.CharField(_("code"), max_length=2, unique=True, help_text=_("Two-letter province code."))
    name = models.CharField(_("name"), max_length=100, unique=True, help_text=_("Name of the province."))

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Phase(models.Model):
    order = models.PositiveSmallIntegerField(_("order"), unique=True, help_text=_("Position on the scale, 1 to 4."))
    name = models.CharField(_("name"), max_length=100, help_text=_("Name of the phase of collaboration."))
    description = models.TextField(_("description"), blank=True, help_text=_("What characterises this phase."))

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["order"]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class ThemeQuerySet(SearchableQuerySet):
    search_fields = ("name", "intro", "insights")


class Theme(VersionedModel):
    name = models.CharField(_("name"), max_length=100, unique=True, help_text=_("Name of the theme."))
    slug = models.SlugField(_("slug"), max_length=100, unique=True, help_text=_("Used in the web address."))
    intro = models.TextField(_("introduction"), blank=True, help_text=_("What the theme is about."))
    insights = models.TextField(_("insights"), blank=True, help_text=_("Insights and products from the theme."))
    introduced_on = models.DateField(
        _("introduced on"), null=True, blank=True, help_text=_("When the theme was added to the programme.")
    )
    source = models.CharField(_("source"), max_length=300, blank=True, help_text=_("Published source of this record."))
    history = HistoricalRecords(excluded_fields=["version", "search_vector"])
    search_vector = search_vector_field()
    objects = ThemeQuerySet.as_manager()

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("theme", kwargs={"slug": self.slug})


class Organisation(VersionedModel):
    name = models.CharField(_("name"), max_length=200, unique=True, help_text=_("Name of the organisation."))
    pillar = models.CharField(
        _("pillar"),
        max_length=20,
        choices=Pillar.choices,
        null=True,
        blank=True,
        help_text=_("Side of the golden triangle; empty when no source states it (shown as 'not known')."),
    )
    care_sector = models.CharField(
        _("care sector"), max_length=20, choices=CareSector.choices, blank=True, help_text=_("For care organisations.")
    )
    education_level = models.CharField(
        _("education level"),
        max_length=10,
        choices=EducationLevel.choices,
        blank=True,
        help_text=_("For schools: vmbo, mbo, hbo or wo."),
    )
    government_level = models.CharField(
        _("government level"),
        max_length=20,
        choices=GovernmentLevel.choices,
        blank=True,
        help_text=_("For government bodies."),
    )
    municipality = models.CharField(_("municipality"), max_length=100, blank=True, help_text=_("Home municipality."))
    province = models.ForeignKey(
        Province,
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
        help_text=_("Home province."),
    )
    is_synthetic = models.BooleanField(
        _("synthetic"), default=False, help_text=_("Generated example data, not a real organisation.")
    )
    citations = GenericRelation("zorgpact.Citation", related_query_name="organisation")
    source = models.CharField(_("source"), max_length=300, blank=True, help_text=_("Published source of this record."))
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pillar__in=Pillar.values) | models.Q(pillar__isnull=True),
                name="organisation_pillar_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(education_level="") | models.Q(pillar=Pillar.EDUCATION),
                name="organisation_education_level_only_for_schools",
                violation_error_message=_("Only schools have an education level."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_school(self) -> bool:
        """A school of the gouden driehoek: education at one of the SCHOOL_LEVELS (vmbo, mbo, hbo)."""
        return self.pillar == Pillar.EDUCATION and self.education_level in SCHOOL_LEVELS


class ApiTokenQuerySet(models.QuerySet):
    def active(self) -> "ApiTokenQuerySet":
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A personal API token. Only a hash is stored: the token itself is shown once, when it is made."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
        help_text=_("The person the token acts for."),
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is used for."))
    prefix = models.CharField(_("prefix"), max_length=8, help_text=_("First characters, to recognise the token."))
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, help_text=_("SHA-256 of the token."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, help_text=_("When it was made."))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, help_text=_("Last use."))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, help_text=_("When it was revoked."))

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class AuditEvent(models.Model):
    """A security event: who did what, when and from where. Written by zorgpact.audit.record, never edited."""

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True, help_text=_("When it happened."))
    event = models.CharField(_("event"), max_length=20, choices=AuditEventType.choices, help_text=_("What happened."))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The signed-in person who did it, if any."),
    )
    actor_label = models.CharField(
        _("actor label"),
        max_length=254,
        blank=True,
        help_text=_("The e-mail address at the time (for a failed sign-in: the address tried)."),
    )
    ip_address = models.GenericIPAddressField(
        _("IP address"), null=True, blank=True, help_text=_("Where the request came from.")
    )
    target = models.CharField(_("target"), max_length=300, blank=True, help_text=_("What it was done to."))
    detail = models.CharField(_("detail"), max_length=500, blank=True, help_text=_("More about what changed."))
    request_id = models.CharField(
        _("request id"), max_length=32, blank=True, help_text=_("The request, as in the log.")
    )

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_event_display()} {self.actor_label}"


class MailKey(models.Model):
    """A mail that a task queued, by its key (zorgpact.core.mail.send_once): a re-delivered task finds it and sends none."""

    key = models.CharField(_("key"), max_length=200, unique=True)
    queued_at = models.DateTimeField(_("queued at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("sent-once mail key")
        verbose_name_plural = _("sent-once mail keys")

    def __str__(self) -> str:
        return self.key


class Citation(models.Model):
    """Where a stated fact of a record comes from: a document, the place in it, and the names and figures it rests on.

    Attachable to any record. The evidence terms are the names and figures of the source, never its sentences;
    tests/demo/test_citations.py checks that they stand together in one paragraph of the document."""

    content_type = models.ForeignKey(
        "contenttypes.ContentType",
        verbose_name=_("record type"),
        on_delete=models.CASCADE,
        help_text=_("Kind of record."),
    )
    object_id = models.PositiveBigIntegerField(_("record id"), help_text=_("The record that states the fact."))
    record = GenericForeignKey("content_type", "object_id")
    fact = models.CharField(
        _("fact"),
        max_length=100,
        blank=True,
        help_text=_("Which fact of the record it supports (a field name), if one."),
    )
    document = models.CharField(
        _("document"), max_length=300, help_text=_("A source document's file name or a public web address.")
    )
    locator = models.CharField(
        _("locator"), max_length=300, blank=True, help_text=_("Where in the document: a section heading or paragraph.")
    )
    evidence_terms = models.JSONField(
        _("evidence terms"),
        default=list,
        blank=True,
        help_text=_("The names and figures the statement rests on, as they appear in the document."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Position among the record's notes."))

    class Meta:
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        ordering = ["content_type", "object_id", "order", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "fact", "document", "locator"], name="citation_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document}{', ' + self.locator if self.locator else ''}"
