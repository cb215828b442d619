"""The audit log of security events, and AVG access and erasure of one person's data (command and screen)."""

import json
import logging

import pytest
from django.core.management import call_command

from koplopers.models import Koploper
from regels.models import Case
from tests.koplopers.factories import KoploperFactory
from tests.pacts.factories import ActionFactory
from tests.regels.factories import CaseFactory
from zorgpact.constants import AuditEventType as E
from zorgpact.models import AuditEvent, User

pytestmark = pytest.mark.django_db
PASSWORD = "geheim-wachtwoord-123"


def events(kind):
    return list(AuditEvent.objects.filter(event=kind).order_by("pk"))


def test_sign_in_failure_and_sign_out_are_logged_with_who_and_where_never_the_password(client, coordinator, caplog):
    coordinator.set_password(PASSWORD)
    coordinator.save()
    with caplog.at_level(logging.INFO, logger="zorgpact.audit"):
        client.post(
            "/account/login/", {"username": coordinator.email, "password": "fout-wachtwoord"}, REMOTE_ADDR="10.2.3.4"
        )
        client.post("/account/login/", {"username": coordinator.email, "password": PASSWORD}, REMOTE_ADDR="10.2.3.4")
        session_id = client.cookies["sessionid"].value
        client.post("/account/logout/", REMOTE_ADDR="10.2.3.4")
    [failed] = events(E.SIGN_IN_FAILED)
    assert (failed.actor_label, failed.ip_address, failed.actor) == (coordinator.email, "10.2.3.4", None)
    [signed_in] = events(E.SIGNED_IN)
    assert (signed_in.actor, signed_in.ip_address) == (coordinator, "10.2.3.4")
    assert len(signed_in.request_id) == 32
    assert events(E.SIGNED_OUT)[0].actor == coordinator
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "sign_in_failed actor=" + coordinator.email in logged
    assert PASSWORD not in logged and "fout-wachtwoord" not in logged
    assert session_id and session_id not in logged


def test_coordinator_roles_granted_and_removed_are_logged_whichever_way(pact, national_team, client):
    person = User.objects.create_user(email="nieuw@voorbeeld.test", password=None)
    client.force_login(national_team)
    pact.coordinators.add(person)
    person.coordinated_pacts.remove(pact)
    details = [(e.target, e.detail, e.actor) for e in events(E.ROLE_CHANGED)]
    assert details == [
        ("nieuw@voorbeeld.test", f"added as coordinator of pacts.Pact:{pact.pk} {pact}", None),
        ("nieuw@voorbeeld.test", f"removed as coordinator of pacts.Pact:{pact.pk} {pact}", None),
    ]


def test_invitation_and_admin_role_changes_are_logged_with_the_national_team_member(client, national_team, pact):
    national_team.is_staff = national_team.is_superuser = True
    national_team.save()
    client.force_login(national_team)
    response = client.post(
        "/werkruimte/uitnodigen/",
        {"email": "vws@voorbeeld.test", "name": "Vera", "ministry": "VWS", "pacts": [pact.pk]},
    )
    assert response.status_code in (200, 302)
    invited = User.objects.get(email="vws@voorbeeld.test")
    role_events = events(E.ROLE_CHANGED)
    assert {e.target for e in role_events} == {"vws@voorbeeld.test"}
    assert all(e.actor == national_team for e in role_events)
    assert any("ministry=VWS" in e.detail for e in role_events)
    assert any("coordinator of pacts.Pact" in e.detail for e in role_events)

    response = client.post(
        f"/admin/zorgpact/user/{invited.pk}/change/",
        {
            "email": invited.email,
            "name": "Vera",
            "ministry": "VWS",
            "is_national_team": "on",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert events(E.ROLE_CHANGED)[-1].detail == "is_national_team=True"


def test_publishing_archiving_and_report_downloads_are_logged(client, coordinator, pact, national_team):
    from regels.services import publish_case, reopen_case

    case = CaseFactory(status="answered")
    publish_case(
        case=case,
        user=national_team,
        title="Openbaar",
        public_question="Openbare vraag",
        public_context="Openbare situatie",
        public_answer="Geanonimiseerd",
    )
    reopen_case(case=case, user=national_team)
    assert [(e.event, e.actor) for e in AuditEvent.objects.filter(target__startswith="regels.Case").order_by("pk")] == [
        (E.PUBLISHED, national_team),
        (E.UNPUBLISHED, national_team),
    ]
    action = ActionFactory(pact=pact)
    client.force_login(coordinator)
    client.post(
        f"/werkruimte/pacten/{pact.slug}/acties/{action.pk}/archiveren/",
        {"archive": "1", "expected_version": action.version},
    )
    [archived] = events(E.UNPUBLISHED)[1:]
    assert (archived.actor, archived.detail, archived.target) == (
        coordinator,
        "archived",
        f"pacts.Action:{action.pk} {action}",
    )


def test_report_download_is_logged(client, ministry_staff, tmp_path, settings):
    from django.core.files.base import ContentFile

    from volgspot.models import ProgressReport

    settings.MEDIA_ROOT = tmp_path
    report = ProgressReport.objects.create(
        scope="national", period_start="2025-01-01", period_end="2025-12-31", status="done", html="<p>x</p>"
    )
    report.pdf.save("r.pdf", ContentFile(b"%PDF-1.4"))
    client.force_login(ministry_staff)
    assert client.get(f"/volgspot/rapporten/{report.pk}/rapport.pdf").status_code == 200
    [download] = events(E.REPORT_DOWNLOADED)
    assert (download.actor, download.target, download.detail) == (
        ministry_staff,
        f"volgspot.ProgressReport:{report.pk} {report}",
        "pdf",
    )


@pytest.mark.parametrize("url", ["/werkruimte/beveiligingslog/", "/werkruimte/persoonsgegevens/"])
def test_security_screens_for_the_national_team_only(
    client, url, coordinator, other_coordinator, koploper_coordinator, ministry_staff, national_team
):
    assert client.get(url).status_code == 302  # anonymous: to the sign-in page
    for person in (coordinator, other_coordinator, koploper_coordinator, ministry_staff):
        client.force_login(person)
        assert client.get(url).status_code == 403, person
    client.force_login(national_team)
    assert client.get(url).status_code == 200


def test_security_log_lists_and_filters_events(client, national_team, django_assert_max_num_queries):
    from zorgpact.core import audit

    audit.record(E.SIGN_IN_FAILED, actor_label="iemand@voorbeeld.test")
    audit.record(E.TOKEN_CREATED, actor=national_team, target="token abc…")
    client.force_login(national_team)
    # session, user, the second factor's device (django-otp), count, page of events, session save in a savepoint (3):
    # the same for any number of events
    with django_assert_max_num_queries(8):
        page = client.get("/werkruimte/beveiligingslog/", {"event": E.SIGN_IN_FAILED}).content.decode()
    assert "iemand@voorbeeld.test" in page and "token abc" not in page
    assert "Aanmelden mislukt" in page
    page = client.get("/werkruimte/beveiligingslog/", {"q": "token"}).content.decode()
    assert "token abc" in page and "iemand@voorbeeld.test" not in page


@pytest.fixture
def person(pact):
    user = User.objects.create_user(email="anna@voorbeeld.test", password=PASSWORD, name="Anna de Vries")
    pact.coordinators.add(user)
    CaseFactory(reporter_name="Anna de Vries", reporter_email="Anna@voorbeeld.test", reporter_organisation="ROC")
    KoploperFactory(name="De Leerwerkplaats", contact_name="Anna de Vries", contact_email="anna@voorbeeld.test")
    from zorgpact.core import audit

    audit.record(E.SIGN_IN_FAILED, actor_label="anna@voorbeeld.test")
    return user


def test_export_command_gives_everything_held_about_one_address(person, pact, capsys):
    call_command("personal_data", "export", "anna@voorbeeld.test")
    data = json.loads(capsys.readouterr().out)
    assert data["account"]["name"] == "Anna de Vries"
    assert data["account"]["coordinator_of_pacts"] == [pact.name]
    assert [c["name"] for c in data["cases_reported"]] == ["Anna de Vries"]
    assert [k["koploper"] for k in data["koploper_contact"]] == ["De Leerwerkplaats"]
    assert {e["event"] for e in data["security_events"]} >= {E.SIGN_IN_FAILED, E.ROLE_CHANGED}
    assert events(E.PERSONAL_DATA_EXPORTED)[0].target == "anna@voorbeeld.test"


def test_erase_command_needs_confirmation(person):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("personal_data", "erase", "anna@voorbeeld.test")
    assert User.objects.filter(email="anna@voorbeeld.test").exists()


def test_erasure_on_the_screen_removes_the_person_everywhere(client, person, national_team, pact):
    client.force_login(national_team)
    page = client.get("/werkruimte/persoonsgegevens/", {"email": "anna@voorbeeld.test"}).content.decode()
    assert "Anna de Vries" in page
    download = client.get("/werkruimte/persoonsgegevens/", {"email": "anna@voorbeeld.test", "download": "1"})
    assert json.loads(download.content)["account"]["email"] == "anna@voorbeeld.test"

    refused = client.post(
        "/werkruimte/persoonsgegevens/", {"email": "anna@voorbeeld.test", "confirm": "ander@voorbeeld.test"}
    )
    assert refused.status_code == 400
    assert "niets gewist" in refused.content.decode()
    assert User.objects.filter(email="anna@voorbeeld.test").exists()

    response = client.post(
        "/werkruimte/persoonsgegevens/", {"email": "anna@voorbeeld.test", "confirm": "ANNA@voorbeeld.test"}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.email, person.name, person.is_active, person.has_usable_password()) == (
        f"erased-{person.pk}@erased.invalid",
        "",
        False,
        False,
    )
    assert not pact.coordinators.filter(pk=person.pk).exists()
    case = Case.objects.get()
    assert (case.reporter_name, case.reporter_email, case.reporter_organisation) == ("", "", "")
    koploper = Koploper.objects.get(name="De Leerwerkplaats")
    assert (koploper.contact_name, koploper.contact_email) == ("", "")
    assert not Koploper.history.filter(contact_email__iexact="anna@voorbeeld.test").exists()
    assert not AuditEvent.objects.filter(actor_label__icontains="anna").exists()
    assert not AuditEvent.objects.filter(target__icontains="anna").exists()
    assert events(E.PERSONAL_DATA_ERASED)[0].actor == national_team
    left = client.get("/werkruimte/persoonsgegevens/", {"email": "anna@voorbeeld.test", "download": "1"})
    data = json.loads(left.content)
    assert (data["account"], data["cases_reported"], data["koploper_contact"]) == (None, [], [])
    client.logout()
    assert client.post("/account/login/", {"username": "anna@voorbeeld.test", "password": PASSWORD}).status_code == 200


def test_old_security_events_are_pruned_after_the_retention(settings):
    from django.utils import timezone

    from zorgpact.core import audit
    from zorgpact.tasks import prune_audit_log

    settings.AUDIT_RETENTION_MONTHS = 24
    old, recent = audit.record(E.SIGNED_IN, actor_label="a@b.test"), audit.record(E.SIGNED_IN, actor_label="c@d.test")
    AuditEvent.objects.filter(pk=old.pk).update(at=timezone.now() - timezone.timedelta(days=24 * 30 + 1))
    assert prune_audit_log() == 1
    assert prune_audit_log() == 0
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [recent.pk]


def test_lockout_after_repeated_failures_is_logged(client, coordinator):
    for _ in range(5):
        client.post("/account/login/", {"username": coordinator.email, "password": "fout"}, REMOTE_ADDR="10.9.9.9")
    [locked] = events(E.LOCKED_OUT)
    assert (locked.actor_label, locked.ip_address) == (coordinator.email, "10.9.9.9")
    assert len(events(E.SIGN_IN_FAILED)) == 5
