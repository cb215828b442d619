import pytest
from django.core import mail

from koplopers.constants import KoploperStatus
from koplopers.models import Adoption, Koploper, ResultFigure, SupportRequest
from tests.koplopers.factories import KoploperFactory, KoploperPartnerFactory
from tests.zorgpact.factories import OrganisationFactory
from zorgpact.constants import EducationLevel, Pillar

pytestmark = pytest.mark.django_db


@pytest.fixture
def application_with_partners():
    koploper = KoploperFactory(
        name="Leerwerkplaats",
        slug="leerwerkplaats",
        status=KoploperStatus.APPLIED,
        contact_email="a@voorbeeld.test",
        results_text="Meer instroom",
        transferable_how="Overal",
    )
    KoploperPartnerFactory(
        koploper=koploper, organisation=OrganisationFactory(pillar=Pillar.EDUCATION, education_level=EducationLevel.MBO)
    )
    KoploperPartnerFactory(koploper=koploper, organisation=OrganisationFactory(pillar=Pillar.CARE))
    return koploper


@pytest.mark.parametrize(
    "role, status",
    [("coordinator", 403), ("ministry", 403), ("koploper_coordinator", 403), ("national_team", 200)],
)
def test_review_queue_is_for_the_national_team(client_as, role, status, application_with_partners):
    client = client_as(role)
    assert client.get("/werkruimte/kopgroep/").status_code == status
    # The queue is a role's page (403 for others); an application is someone else's object to them (404).
    not_theirs = 200 if status == 200 else 404
    assert client.get(f"/werkruimte/kopgroep/{application_with_partners.pk}/").status_code == not_theirs
    response = client.post(
        f"/werkruimte/kopgroep/{application_with_partners.pk}/", {"decision": "accept", "expected_version": 1}
    )
    assert response.status_code == (302 if status == 200 else not_theirs)
    application_with_partners.refresh_from_db()
    assert (application_with_partners.status == KoploperStatus.KOPLOPER) == (status == 200)


def test_accept_publishes_and_mails(
    client, national_team, application_with_partners, django_capture_on_commit_callbacks, eager_tasks
):
    client.force_login(national_team)
    page = client.get(f"/werkruimte/kopgroep/{application_with_partners.pk}/")
    assert all(c["met"] for c in page.context["criteria"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/werkruimte/kopgroep/{application_with_partners.pk}/", {"decision": "accept", "expected_version": 1}
        )
    assert client.get("/koplopers/leerwerkplaats/").status_code == 200
    assert len(mail.outbox) == 1 and "Leerwerkplaats" in mail.outbox[0].subject


def test_reject_needs_a_reason_and_mails_it(
    client, national_team, application_with_partners, django_capture_on_commit_callbacks, eager_tasks
):
    client.force_login(national_team)
    url = f"/werkruimte/kopgroep/{application_with_partners.pk}/"
    assert client.post(url, {"decision": "reject", "reason": "", "expected_version": 1}).status_code == 400
    application_with_partners.refresh_from_db()
    assert application_with_partners.status == KoploperStatus.APPLIED
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": "reject", "reason": "Nog geen zichtbare resultaten.", "expected_version": 1})
    application_with_partners.refresh_from_db()
    assert application_with_partners.status == KoploperStatus.REJECTED
    assert "Nog geen zichtbare resultaten." in mail.outbox[0].body
    assert client.get("/koplopers/leerwerkplaats/").status_code == 404


def test_accept_without_school_partner_is_refused(client, national_team):
    koploper = KoploperFactory(status=KoploperStatus.APPLIED)
    KoploperPartnerFactory(koploper=koploper, organisation=OrganisationFactory(pillar=Pillar.CARE))
    client.force_login(national_team)
    response = client.post(f"/werkruimte/kopgroep/{koploper.pk}/", {"decision": "accept", "expected_version": 1})
    assert response.status_code == 400
    koploper.refresh_from_db()
    assert koploper.status == KoploperStatus.APPLIED


def test_coordinator_edits_own_koploper_only(client, koploper_coordinator, coordinator):
    own = Koploper.objects.get(slug="de-testkamer")
    KoploperFactory(slug="andere")  # someone else's koploper
    client.force_login(koploper_coordinator)
    response = client.post("/werkruimte/koplopers/de-testkamer/", {"summary": "Nieuw", "expected_version": own.version})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.summary == "Nieuw" and own.history.first().history_user == koploper_coordinator
    assert client.get("/werkruimte/koplopers/andere/").status_code == 404
    assert client.post("/werkruimte/koplopers/andere/resultaten/nieuw/", {"label": "x", "value": 1}).status_code == 404
    client.force_login(coordinator)
    assert client.get("/werkruimte/koplopers/de-testkamer/").status_code == 404


def test_ministry_reads_but_cannot_write_a_koploper(client, ministry_staff, koploper_coordinator):
    client.force_login(ministry_staff)
    assert client.get("/werkruimte/koplopers/de-testkamer/").status_code == 200
    assert (
        client.post("/werkruimte/koplopers/de-testkamer/", {"summary": "X", "expected_version": 1}).status_code == 403
    )
    assert (
        client.post("/werkruimte/koplopers/de-testkamer/resultaten/nieuw/", {"label": "x", "value": 1}).status_code
        == 403
    )


def test_results_adoptions_and_support_request(client, koploper_coordinator):
    client.force_login(koploper_coordinator)
    base = "/werkruimte/koplopers/de-testkamer/"
    assert (
        client.post(base + "resultaten/nieuw/", {"label": "Studenten", "value": "40", "year": 2018}).status_code == 302
    )
    assert client.post(base + "resultaten/nieuw/", {"label": "Aandeel", "value": "140", "unit": "%"}).status_code == 400
    assert client.post(base + "overnames/nieuw/", {"region": "", "year": 2018}).status_code == 400
    assert client.post(base + "overnames/nieuw/", {"region": "Twente", "year": 2018}).status_code == 302
    assert (
        client.post(
            base + "maatwerkondersteuning/", {"topic": "scale_up", "question": "Hoe schalen we op?"}
        ).status_code
        == 302
    )
    assert ResultFigure.objects.count() == 1 and Adoption.objects.count() == 1
    assert SupportRequest.objects.get().requested_by == koploper_coordinator


def test_koploper_history_and_restore(client, koploper_coordinator, coordinator):
    koploper = Koploper.objects.get(slug="de-testkamer")
    client.force_login(koploper_coordinator)
    client.post(
        "/werkruimte/koplopers/de-testkamer/", {"summary": "Nieuwe samenvatting", "expected_version": koploper.version}
    )
    response = client.get("/werkruimte/koplopers/de-testkamer/geschiedenis/")
    assert "Nieuwe samenvatting" in response.text
    first = koploper.history.order_by("history_id").first()
    koploper.refresh_from_db()
    client.post(
        "/werkruimte/koplopers/de-testkamer/geschiedenis/",
        {"history_id": first.history_id, "expected_version": koploper.version},
    )
    koploper.refresh_from_db()
    assert koploper.summary == first.summary
    client.force_login(coordinator)
    assert client.get("/werkruimte/koplopers/de-testkamer/geschiedenis/").status_code == 404


def test_adding_to_a_koploper_is_a_service_that_names_a_refused_rule(koploper_coordinator):
    """The workspace's add pages write through add_to_koploper: a support request records who asked, and a row the
    database refuses is the rule's ValidationError (nothing saved), not an IntegrityError."""
    from django.core.exceptions import ValidationError

    from koplopers.services import add_to_koploper

    koploper = Koploper.objects.get(slug="de-testkamer")
    asked = add_to_koploper(
        koploper=koploper, item=SupportRequest(topic="scale_up", question="Hoe?"), added_by=koploper_coordinator
    )
    assert asked.pk and asked.koploper == koploper and asked.requested_by == koploper_coordinator
    with pytest.raises(ValidationError) as refused:
        add_to_koploper(
            koploper=koploper,
            item=ResultFigure(label="Aandeel", value=140, unit="%"),
            added_by=koploper_coordinator,
        )
    assert "Een percentage ligt tussen 0 en 100." in refused.value.messages
    assert not ResultFigure.objects.filter(koploper=koploper).exists()
