from django.db import models
from django.utils.translation import gettext_lazy as _


class Ministry(models.TextChoices):
    OCW = "OCW", _("Education, Culture and Science (OCW)")
    VWS = "VWS", _("Health, Welfare and Sport (VWS)")
    SZW = "SZW", _("Social Affairs and Employment (SZW)")


class Pillar(models.TextChoices):
    CARE = "care", _("Care and welfare")
    EDUCATION = "education", _("Education")
    GOVERNMENT = "government", _("Government")
    OTHER = "other", _("Other")


class EducationLevel(models.TextChoices):
    VMBO = "vmbo", "vmbo"
    MBO = "mbo", "mbo"
    HBO = "hbo", "hbo"
    WO = "wo", "wo"


# The school levels of the gouden driehoek (vmbo, mbo, hbo; not wo): what makes an organisation "a school" for a
# koploper's partnership (Organisation.is_school), the partner-gap rule and the catalogue's school-level filter.
SCHOOL_LEVELS = (EducationLevel.VMBO, EducationLevel.MBO, EducationLevel.HBO)


class GovernmentLevel(models.TextChoices):
    MUNICIPALITY = "gemeente", _("Municipality")
    PROVINCE = "provincie", _("Province")
    STATE = "rijk", _("Central government")


class CareSector(models.TextChoices):
    ELDERLY = "elderly", _("Elderly care")
    HOSPITAL = "hospital", _("Hospital care")
    DISABILITY = "disability", _("Disability care")
    MENTAL = "mental", _("Mental health care")
    HOME = "home", _("Home care")
    YOUTH = "youth", _("Youth care")
    WELFARE = "welfare", _("Welfare")
    OTHER = "other", _("Other")


class AuditEventType(models.TextChoices):
    SIGNED_IN = "signed_in", _("Signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
    LOCKED_OUT = "locked_out", _("Locked out after failed sign-ins")
    SIGNED_OUT = "signed_out", _("Signed out")
    ROLE_CHANGED = "role_changed", _("Role changed")
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Unpublished")
    REPORT_DOWNLOADED = "report_downloaded", _("Report downloaded")
    TOKEN_CREATED = "token_created", _("API token created")
    TOKEN_REVOKED = "token_revoked", _("API token revoked")
    PERSONAL_DATA_EXPORTED = "data_exported", _("Personal data exported")
    PERSONAL_DATA_ERASED = "data_erased", _("Personal data erased")
    SECOND_FACTOR_SET_UP = "2fa_set_up", _("Authenticator app set up")
    SECOND_FACTOR_FAILED = "2fa_failed", _("Wrong code from the authenticator app")
    SECOND_FACTOR_REMOVED = "2fa_removed", _("Authenticator app removed")
    RECOVERY_CODE_USED = "2fa_recovery_used", _("Recovery code used")
    RECOVERY_CODES_RENEWED = "2fa_recovery_renewed", _("New recovery codes made")
    VERSION_RESTORED = "restored", _("Earlier version restored")


# A fact no source states is a value of its own: stored as null and shown as this, never as "no" (issue 17).
NOT_KNOWN = _("not known")
# A pact whose partner list is not marked complete: its gouden-driehoek gaps are not judged.
PARTNERS_NOT_RECORDED = _("partners not recorded")

# The source of records a public Kopgroep application created: not counted or listed until the team accepts it.
APPLICATION_SOURCE = "Kopgroep-aanmelding via het portaal"

# The facet value of "not known" in filters (pages, CSV and API): a value of its own, with its count.
UNKNOWN = "onbekend"
