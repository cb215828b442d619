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
