"""One home per rule (issue 16): each rule below is written once and its callers import it. The first tests check
that the callers agree (the same answer wherever the rule is asked); the last one reads the code and fails when a
copy of a rule comes back outside its home."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from koplopers.forms import ApplicationForm
from koplopers.models import check_partnership, partnership_errors
from koplopers.services import criteria
from regels.forms import ReportForm
from regels.models import Case
from tests.koplopers.factories import KoploperFactory, KoploperPartnerFactory
from tests.pacts.factories import ParticipationFactory
from tests.regels.factories import CaseFactory
from tests.zorgpact.factories import OrganisationFactory
from zorgpact.constants import SCHOOL_LEVELS, EducationLevel, Pillar
from zorgpact.core.publicform import PublicForm
from zorgpact.models import Organisation
from zorgpact.services import find_or_create_organisation

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


def test_school_levels_are_vmbo_mbo_hbo_and_a_wo_school_is_no_school_for_any_caller():
    assert [level.value for level in SCHOOL_LEVELS] == ["vmbo", "mbo", "hbo"]
    from koplopers.filters import SCHOOL_LEVEL_CHOICES
    from pacts.selectors import PARTNER_COUNT_FILTERS

    assert [value for value, _label in SCHOOL_LEVEL_CHOICES] == ["vmbo", "mbo", "hbo"]
    assert {"vmbo", "mbo", "hbo"} <= set(PARTNER_COUNT_FILTERS) and "wo" not in PARTNER_COUNT_FILTERS
    university = Organisation(name="Universiteit", pillar=Pillar.EDUCATION, education_level=EducationLevel.WO)
    assert not university.is_school
    assert Organisation(name="ROC", pillar=Pillar.EDUCATION, education_level=EducationLevel.MBO).is_school


@pytest.mark.parametrize(
    ("school_level", "with_care", "met"),
    [("mbo", True, True), ("wo", True, False), ("hbo", False, False), (None, True, False)],
)
def test_the_review_checklist_the_accept_step_and_the_model_ask_one_partnership_rule(school_level, with_care, met):
    koploper = KoploperFactory()
    if school_level:
        KoploperPartnerFactory(
            koploper=koploper,
            organisation=OrganisationFactory(pillar=Pillar.EDUCATION, education_level=school_level),
        )
    if with_care:
        KoploperPartnerFactory(koploper=koploper, organisation=OrganisationFactory(pillar=Pillar.CARE))
    checklist = criteria(koploper)[:2]
    assert all(item["met"] for item in checklist) is met
    assert (koploper.partnership_errors() == []) is met
    assert partnership_errors(koploper.partner_organisations()) == koploper.partnership_errors()
    if met:
        check_partnership(koploper.partner_organisations())
    else:
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError):
            koploper.full_clean()


def test_a_case_names_its_ministries_from_one_mapping_for_the_api_filter_and_triage(national_team):
    unknown = CaseFactory()
    assert unknown.ministries is None  # no source states any: null, not "none"
    vws = CaseFactory(ministry_vws=True, ministry_ocw=False)
    assert vws.ministries == ["VWS"]
    assert set(Case.objects.for_ministry("VWS")) == {vws}
    assert set(Case.objects.ministries_unknown()) == {unknown}

    unknown.assign_ministry("OCW")
    assert (unknown.assigned_ministry, unknown.ministries) == ("OCW", ["OCW"])
    assert (unknown.ministry_vws, unknown.ministry_szw) == (False, False)


def test_the_api_gives_a_published_cases_ministries_from_the_same_mapping(client):
    from regels.constants import CaseStatus

    case = CaseFactory(status=CaseStatus.PUBLISHED, ministry_szw=True)
    none_known = CaseFactory(status=CaseStatus.PUBLISHED)
    rows = {row["slug"]: row["ministries"] for row in client.get("/api/v1/cases/").json()["results"]}
    assert rows[case.slug] == case.ministries == ["SZW"]
    assert rows[none_known.slug] is None


def test_a_pacts_partner_organisations_are_the_choices_of_every_form_that_picks_one(pact):
    from pacts.forms import ActionForm, PactProfileForm
    from volgspot.forms import AgreementForm, SessionForm

    partner = ParticipationFactory(pact=pact).organisation
    OrganisationFactory(name="Geen partner")
    expected = [partner]
    assert list(pact.partner_organisations()) == expected
    assert list(PactProfileForm(instance=pact).fields["lead"].queryset) == expected
    action_form = ActionForm(pact=pact)
    assert list(action_form.fields["lead"].queryset) == list(action_form.fields["partners"].queryset) == expected
    assert list(SessionForm(pact=pact).fields["participants"].queryset) == expected
    assert list(AgreementForm(pact=pact).fields["owner_organisation"].queryset) == expected


def test_find_or_create_organisation_matches_a_name_case_insensitively_and_creates_an_unknown_one():
    existing = OrganisationFactory(name="ROC Zeeland")
    assert find_or_create_organisation(organisation=Organisation(name=" roc zeeland ")) == existing
    new = find_or_create_organisation(organisation=Organisation(name="Nieuw ROC", pillar=Pillar.EDUCATION), source="x")
    assert new.pk and new.source == "x" and Organisation.objects.filter(name__iexact="nieuw roc").count() == 1


def test_a_pacts_new_partner_and_an_application_partner_find_the_same_existing_organisation(client, coordinator, pact):
    existing = OrganisationFactory(name="Zorggroep Gedeeld")
    client.force_login(coordinator)
    response = client.post(
        reverse("pacts-workspace:partner-new", kwargs={"slug": pact.slug}),
        {"organisation_name": "ZORGGROEP GEDEELD", "role": "member"},
    )
    assert response.status_code == 302, response.content
    assert pact.participations.get().organisation == existing
    from koplopers.models import Koploper
    from koplopers.services import submit_application

    koploper = submit_application(
        koploper=Koploper(name="Gedeelde koploper", summary="s"),
        partners=[Organisation(name="zorggroep gedeeld", pillar=Pillar.CARE)],
        themes=[],
        provinces=[],
    )
    assert koploper.partner_organisations() == [existing]
    assert Organisation.objects.filter(name__iexact="zorggroep gedeeld").count() == 1


def test_both_public_forms_share_one_honeypot_and_rate_limit(rf):
    assert issubclass(ReportForm, PublicForm) and issubclass(ApplicationForm, PublicForm)
    assert ReportForm.rate_scope != ApplicationForm.rate_scope  # each form has its own count
    for form_class in (ReportForm, ApplicationForm):
        form = form_class({"homepage": "http://spam.example"})
        assert not form.is_valid() and form.errors["homepage"][0] == str(form_class.honeypot_message)
    request = rf.post("/", REMOTE_ADDR="203.0.113.9")
    form = ReportForm({})
    assert [form.limit_reached(request) for _ in range(ReportForm.per_hour + 1)][-1] is True
    assert str(ReportForm.too_many_message) in form.non_field_errors()
    assert ApplicationForm({}).limit_reached(request) is False  # the other form's count is its own


# Each rule's tell-tale, the files allowed to hold it (its home), and what it is.
COPIES = [
    (r"EducationLevel\.VMBO, EducationLevel\.MBO, EducationLevel\.HBO", {"zorgpact/constants.py"}, "school levels"),
    (r"ministry_(ocw|vws|szw)\b", {"regels/constants.py", "regels/models.py"}, "the ministry mapping"),
    (r"participations__pact\b", {"pacts/models.py"}, "a pact's partner organisations"),
    (r"Organisation\.objects\.filter\(name__iexact", {"zorgpact/services.py"}, "find-or-create organisation"),
    (r"restore_from_post\(|field_changes\(", {"zorgpact/core/history.py"}, "the history/restore view"),
    (r"def clean_homepage|limit_reached\(request, \"", {"zorgpact/core/publicform.py"}, "the public form guard"),
    (r"education_level in SCHOOL_LEVELS", {"zorgpact/models.py"}, "a school (partnership rule)"),
    (r"RR-%05d|RR-\{", {"regels/models.py"}, "a case's reference"),
]


@pytest.mark.parametrize(("pattern", "homes", "rule"), COPIES, ids=[rule for _p, _h, rule in COPIES])
def test_no_copy_of_a_rule_outside_its_home(pattern, homes, rule):
    copies = []
    for folder in ("zorgpact", "pacts", "koplopers", "volgspot", "regels"):
        for path in (ROOT / folder).rglob("*.py"):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" in relative or "/demo/" in relative or relative in homes:
                continue
            if re.search(pattern, path.read_text()):
                copies.append(relative)
    assert copies == [], f"{rule} is written outside {sorted(homes)}: {copies}"
