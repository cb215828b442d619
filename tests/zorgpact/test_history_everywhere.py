"""History with restore for every edited model (issue 19.6): Volgspot sessions, reviews and agreements, cases (the
public version only, by the national team), schemes, organisations and themes — through the same history screen,
the restoring person's own edit form or service, the version check and an audit record."""

import pytest
from django.urls import reverse

from regels.services import edit_public_version
from tests.regels.factories import SchemeFactory
from tests.regels.test_case_public import PUBLIC, step
from tests.regels.test_case_public import answered as answered  # noqa: F401 - the fixture
from tests.volgspot.factories import AgreementFactory, AmbitionReviewFactory, VolgspotSessionFactory
from tests.zorgpact.factories import OrganisationFactory, ThemeFactory
from volgspot.models import Agreement
from zorgpact.core.versioning import save_versioned
from zorgpact.models import AuditEvent, Organisation, Theme

pytestmark = pytest.mark.django_db


def restore_oldest(client, url, obj, *, version=None):
    page = client.get(url)
    assert page.status_code == 200
    oldest = page.context["entries"][-1]["record"]
    return client.post(url, {"history_id": oldest.history_id, "expected_version": version or obj.version})


def test_agreement_history_reads_in_words_and_restores_for_the_coordinator(client, coordinator, pact):
    agreement = AgreementFactory(session=VolgspotSessionFactory(pact=pact), text="Eerst", status="open")
    agreement.text, agreement.status = "Later", "done"
    save_versioned(instance=agreement, expected_version=agreement.version)
    url = reverse("volgspot:history", args=["afspraak", agreement.pk])
    client.force_login(coordinator)
    page = client.get(url)
    lines = [c["text"] for e in page.context["entries"] for c in e["changes"]]
    assert "Status: Open → Afgerond" in lines and "Afspraak: Eerst → Later" in lines, lines
    session_page = client.get(reverse("volgspot:session", args=[agreement.session.pk])).content.decode()
    assert url in session_page
    # a stale version saves nothing
    assert restore_oldest(client, url, agreement, version=agreement.version - 1).status_code == 302
    agreement.refresh_from_db()
    assert agreement.text == "Later"
    assert restore_oldest(client, url, agreement).status_code == 302
    agreement.refresh_from_db()
    assert agreement.text == "Eerst" and agreement.status == "open" and agreement.history.count() == 3
    assert AuditEvent.objects.filter(event="restored", actor=coordinator, target__contains="Agreement").exists()


def test_a_session_and_a_review_are_restored_by_their_coordinator(client, coordinator, pact):
    session = VolgspotSessionFactory(pact=pact, summary="Eerste verslag")
    session.summary = "Tweede verslag"
    save_versioned(instance=session, expected_version=session.version)
    review = AmbitionReviewFactory(session=session, progress="Gestart", helps="Ruimte in roosters")
    review.progress, review.helps = "Halverwege", ""
    save_versioned(instance=review, expected_version=review.version)
    client.force_login(coordinator)

    url = reverse("volgspot:history", args=["bijeenkomst", session.pk])
    assert restore_oldest(client, url, session).status_code == 302
    session.refresh_from_db()
    assert session.summary == "Eerste verslag" and session.history.count() == 3

    url = reverse("volgspot:history", args=["ambitiebespreking", review.pk])
    lines = [c["text"] for e in client.get(url).context["entries"] for c in e["changes"]]
    assert any(line.startswith("Voortgang: Gestart → Halverwege") for line in lines), lines
    assert restore_oldest(client, url, review).status_code == 302
    review.refresh_from_db()
    assert (review.progress, review.helps) == ("Gestart", "Ruimte in roosters")
    assert AuditEvent.objects.filter(event="restored", actor=coordinator, target__contains="AmbitionReview").exists()


@pytest.mark.parametrize("role, read, restore", [("other_coordinator", 404, 404), ("ministry_staff", 200, 403)])
def test_volgspot_history_permissions(client, request, pact, role, read, restore):
    session = VolgspotSessionFactory(pact=pact)
    client.force_login(request.getfixturevalue(role))
    url = reverse("volgspot:history", args=["bijeenkomst", session.pk])
    assert client.get(url).status_code == read
    assert client.post(url, {"history_id": 1, "expected_version": 1}).status_code == restore
    assert client.get(reverse("volgspot:history", args=["iets", session.pk])).status_code == 404


def test_a_final_session_cannot_be_restored(client, coordinator, pact):
    session = VolgspotSessionFactory(pact=pact, summary="Eerst")
    session.summary = "Later"
    save_versioned(instance=session, expected_version=session.version)
    session.status = "final"
    save_versioned(instance=session, expected_version=session.version)
    client.force_login(coordinator)
    url = reverse("volgspot:history", args=["bijeenkomst", session.pk])
    assert "Deze versie terugzetten" not in client.get(url).content.decode()
    assert restore_oldest(client, url, session).status_code == 403


def test_case_history_restores_only_the_public_version_by_the_national_team(
    client,
    answered,
    national_team,
    ministry_staff,  # noqa: F811
):
    assert step(client, answered, step="publish", reviewed="on", **PUBLIC).status_code == 302
    answered.refresh_from_db()
    edit_public_version(
        case=answered,
        user=national_team,
        title="Andere titel",
        public_question=PUBLIC["public_question"],
        public_context=PUBLIC["public_context"],
        public_answer="Een ander antwoord.",
    )
    answered.refresh_from_db()
    url = reverse("regels-workspace:history", args=[answered.pk])
    page = client.get(url)
    entries = page.context["entries"]
    published = next(e["record"] for e in reversed(entries) if e["record"].status == "published")
    client.force_login(ministry_staff)
    assert client.get(url).status_code == 200
    assert (
        client.post(url, {"history_id": published.history_id, "expected_version": answered.version}).status_code == 403
    )
    client.force_login(national_team)
    stale = client.post(url, {"history_id": published.history_id, "expected_version": answered.version - 1})
    assert stale.status_code == 302
    answered.refresh_from_db()
    assert answered.title == "Andere titel"
    client.post(url, {"history_id": published.history_id, "expected_version": answered.version})
    answered.refresh_from_db()
    assert answered.title == PUBLIC["title"] and answered.public_text == PUBLIC["public_answer"]
    assert answered.status == "published" and answered.answer == "Dat kan binnen de regels."
    assert AuditEvent.objects.filter(event="restored", actor=national_team).exists()
    # the first version had no public text: restoring it is refused with a message, nothing changes
    first = entries[-1]["record"]
    response = client.post(url, {"history_id": first.history_id, "expected_version": answered.version}, follow=True)
    answered.refresh_from_db()
    assert answered.title == PUBLIC["title"] and "kan niet worden teruggezet" in response.content.decode()


@pytest.mark.parametrize("kind", ["theme", "scheme", "organisation"])
def test_team_records_edit_with_history_and_restore(client, national_team, coordinator, kind):
    if kind == "theme":
        obj = ThemeFactory(name="Leren", slug="leren", intro="Eerst")
        edit, history = reverse("theme-edit", args=[obj.slug]), reverse("theme-history", args=[obj.slug])
        data = {"name": "Leren", "intro": "Later", "insights": "", "introduced_on": "", "source": ""}
        field = "intro"
    elif kind == "scheme":
        obj = SchemeFactory(summary="Eerst")
        edit, history = reverse("scheme-edit", args=[obj.slug]), reverse("scheme-history", args=[obj.slug])
        data = {"name": obj.name, "kind": obj.kind, "ministry": "", "summary": "Later", "url": ""}
        field = "summary"
    else:
        obj = OrganisationFactory(municipality="Eerst")
        edit, history = reverse("organisation", args=[obj.pk]), reverse("organisation-history", args=[obj.pk])
        data = {"edit-name": obj.name, "edit-pillar": obj.pillar, "edit-municipality": "Later"}
        field = "municipality"
    prefix = "edit-" if kind == "organisation" else ""
    client.force_login(coordinator)
    assert client.get(history).status_code == 403
    client.force_login(national_team)
    assert history in client.get(edit).content.decode()
    response = client.post(edit, {**data, f"{prefix}expected_version": obj.version})
    assert response.status_code == 302, response.content.decode()[:3000]
    obj.refresh_from_db()
    assert getattr(obj, field) == "Later" and obj.version == 2
    # an edit from the version before is refused, with the conflict
    assert client.post(edit, {**data, f"{prefix}expected_version": 1}).status_code == 409
    page = client.get(history).content.decode()
    assert "Eerst" in page and "Later" in page
    assert restore_oldest(client, history, obj).status_code == 302
    obj.refresh_from_db()
    assert getattr(obj, field) == "Eerst" and obj.history.count() == 3
    assert AuditEvent.objects.filter(event="restored", target__contains=str(obj)).exists()


def test_workspace_links_the_team_records(client, national_team):
    theme = Theme.objects.create(name="Werkplezier", slug="werkplezier")
    client.force_login(national_team)
    page = client.get("/werkruimte/").content.decode()
    assert reverse("theme-edit", args=[theme.slug]) in page
    assert Organisation.history.model is not None and Agreement.history.model is not None
