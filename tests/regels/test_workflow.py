import datetime

import pytest
from django.core import mail
from django.utils import timezone

from regels.constants import CaseStatus
from regels.models import CaseEvent
from regels.services import anonymise_closed_cases
from tests.regels.factories import CaseFactory
from tests.zorgpact.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    return CaseFactory(
        title="Docent in de wijk",
        reporter_name="Anna",
        reporter_email="anna@voorbeeld.test",
        reporter_organisation="ROC",
    )


PUBLIC = {
    "title": "Docent in de wijk",
    "public_question": "Mag een docent lesgeven in de wijk?",
    "public_context": "Een school en een zorgaanbieder werken samen.",
    "public_answer": "Dat mag.",
}


def step(client, case, **data):
    return client.post(f"/werkruimte/casussen/{case.pk}/", data)


def test_full_workflow_each_step_logged(
    client, case, national_team, ministry_staff, django_capture_on_commit_callbacks, eager_tasks
):
    client.force_login(national_team)
    assert step(client, case, step="triage", topic="teaching", ministry="VWS").status_code == 302
    client.force_login(ministry_staff)  # VWS
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            step(client, case, step="answer", answer="Dat mag, binnen de regels.", outcome="within_rules").status_code
            == 302
        )
    assert "antwoord" in mail.outbox[-1].subject.lower()
    assert step(client, case, step="publish", **PUBLIC, reviewed="on").status_code == 403  # not the ministry's step
    client.force_login(national_team)
    assert step(client, case, step="publish", **PUBLIC).status_code == 400  # review checkbox
    assert step(client, case, step="publish", **PUBLIC, reviewed="on").status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.PUBLISHED
    assert list(CaseEvent.objects.filter(case=case).values_list("to_status", "user__email")) == [
        ("triaged", national_team.email),
        ("answered", ministry_staff.email),
        ("published", national_team.email),
    ]
    public = client.get(f"/ruimte-in-de-regels/{case.slug}/").text
    assert "Dat mag." in public and "Anna" not in public and "anna@voorbeeld.test" not in public


def test_skipping_a_step_is_refused(client, case, national_team):
    client.force_login(national_team)
    assert step(client, case, step="publish", **PUBLIC, reviewed="on").status_code == 403
    assert step(client, case, step="answer", answer="A", outcome="open").status_code == 403
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED


@pytest.mark.parametrize(
    "role, status", [("anonymous", 302), ("coordinator", 404), ("ministry_staff", 404), ("national_team", 200)]
)
def test_who_sees_an_untriaged_case(client, request, case, role, status):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    assert client.get(f"/werkruimte/casussen/{case.pk}/").status_code == status


def test_other_ministry_cannot_answer(client, case, national_team):
    client.force_login(national_team)
    step(client, case, step="triage", topic="cao", ministry="SZW")
    client.force_login(UserFactory(email="ocw@test.nl", ministry="OCW"))
    assert client.get(f"/werkruimte/casussen/{case.pk}/").status_code == 404
    assert step(client, case, step="answer", answer="A", outcome="open").status_code == 404
    case.refresh_from_db()
    assert case.status == CaseStatus.TRIAGED and case.answer == ""


def test_reject_with_reason_and_reopen(client, case, national_team):
    client.force_login(national_team)
    assert step(client, case, step="reject", reason="").status_code == 400
    assert step(client, case, step="reject", reason="Geen vraag over regels.").status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.REJECTED and case.closed_at
    assert step(client, case, step="reopen").status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.TRIAGED and case.closed_at is None


def test_reporter_data_is_anonymised_after_the_period_once(case):
    case.status, case.closed_at = CaseStatus.PUBLISHED, timezone.now() - datetime.timedelta(days=400)
    case.save()
    recent = CaseFactory(reporter_email="b@voorbeeld.test", status=CaseStatus.PUBLISHED, closed_at=timezone.now())
    assert anonymise_closed_cases(older_than_days=365) == 1
    assert anonymise_closed_cases(older_than_days=365) == 0  # idempotent
    case.refresh_from_db()
    recent.refresh_from_db()
    assert case.reporter_email == "" and case.reporter_name == "" and case.anonymised_at
    assert recent.reporter_email == "b@voorbeeld.test"


def test_personal_data_export_for_the_national_team_only(client, case, national_team, coordinator):
    client.force_login(coordinator)
    assert client.get("/werkruimte/casussen/gegevens/", {"email": "anna@voorbeeld.test"}).status_code == 403
    client.force_login(national_team)
    data = client.get("/werkruimte/casussen/gegevens/", {"email": "ANNA@voorbeeld.test"}).json()
    assert data["cases"][0]["name"] == "Anna" and data["cases"][0]["question"] == case.question
    assert client.get("/werkruimte/casussen/gegevens/", {"email": "geen"}).status_code == 400


def test_anonymise_task_is_scheduled(settings):
    assert any(entry["task"] == "regels.tasks.anonymise_reporters" for entry in settings.CELERY_BEAT_SCHEDULE.values())


def test_each_step_button_says_what_it_does(client, case, national_team):
    """Publishing and rejecting both said "Opslaan"; each step's button now names its step."""
    import re

    client.force_login(national_team)
    body = client.get(f"/werkruimte/casussen/{case.pk}/").text
    buttons = re.findall(r'name="step" value="(\w+)">.*?<button[^>]*type="submit">([^<]+)</button>', body, re.S)
    labels = dict(buttons)
    assert labels.get("triage") == "Beoordeling opslaan" and labels.get("reject") == "Afwijzen", labels
    assert "Opslaan" not in labels.values()


@pytest.mark.parametrize(
    "name, organisation, email, shown",
    [
        ("Anna", "Zorgschool", "anna@voorbeeld.test", "Anna, Zorgschool (anna@voorbeeld.test)"),
        ("Anna", "", "", "Anna"),
        ("", "", "anna@voorbeeld.test", "anna@voorbeeld.test"),
        ("", "", "", "niet bekend"),
    ],
)
def test_the_case_page_names_the_reporter_by_what_they_gave(client, national_team, name, organisation, email, shown):
    case = CaseFactory(reporter_name=name, reporter_organisation=organisation, reporter_email=email)
    client.force_login(national_team)
    page = client.get(f"/werkruimte/casussen/{case.pk}/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    reporter = page.split("Melder", 1)[1].split("</dd>", 1)[0]
    assert reporter.endswith(shown) and ", ()" not in reporter
