"""One answer to a save on every edit page (zorgpact.core.versioning.save_status): saved, a 409 conflict screen for a
VersionConflict, a 400 form for a ValidationError — in the pacts, koplopers, Volgspot and regels pages alike."""

import datetime

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.koplopers.factories import KoploperFactory
from tests.pacts.factories import ActionFactory, AmbitionFactory
from volgspot.models import AmbitionReview, VolgspotSession
from zorgpact.core.versioning import CONFLICT_MESSAGE, VersionConflict, save_status, save_versioned

pytestmark = pytest.mark.django_db

CONFLICT_NL = "Iemand anders heeft dit onderdeel gewijzigd"


class NoteForm(forms.Form):
    note = forms.CharField(required=False)


def _raise(error):
    def save():
        raise error

    return save


def test_save_status_is_none_when_saved_409_for_a_conflict_and_400_for_a_refused_rule():
    assert save_status(lambda: None) is None
    form = NoteForm({})
    form.is_valid()
    assert save_status(_raise(VersionConflict(3)), form=form) == 409
    assert form.non_field_errors() == [str(CONFLICT_MESSAGE)]
    form = NoteForm({})
    form.is_valid()
    assert save_status(_raise(ValidationError({"note": "Te kort."})), form=form) == 400
    assert form.errors["note"] == ["Te kort."]
    form = NoteForm({})
    form.is_valid()
    # a rule on a field the form does not have: its message on the form, never a ValueError (a 500)
    assert save_status(_raise(ValidationError({"elsewhere": "Botst."})), form=form) == 400
    assert form.non_field_errors() == ["Botst."]
    assert save_status(_raise(VersionConflict(1))) == 409  # no form: the page shows its own message


def _stale(obj, **change):
    """Someone else saves `obj` after the page was opened; returns the version the page still holds."""
    opened = obj.version
    for name, value in change.items():
        setattr(obj, name, value)
    save_versioned(instance=obj, expected_version=opened)
    return opened


def test_a_stale_action_edit_is_the_409_conflict_screen(client_as, pact):
    client = client_as("coordinator")
    action = ActionFactory(pact=pact, title="Oud")
    opened = _stale(action, title="Intussen")
    url = reverse("pacts-workspace:action", kwargs={"slug": pact.slug, "pk": action.pk})
    response = client.post(url, {"title": "Mijn titel", "expected_version": opened})
    assert response.status_code == 409 and CONFLICT_NL in response.text
    action.refresh_from_db()
    assert action.title == "Intussen"


def test_a_stale_koploper_edit_is_the_409_conflict_screen(client_as):
    client = client_as("koploper_coordinator")
    koploper = client.user.coordinated_koplopers.get()
    opened = _stale(koploper, summary="Intussen")
    url = reverse("koplopers-workspace:koploper", kwargs={"slug": koploper.slug})
    data = {"summary": "Mijn samenvatting", "description": "d", "expected_version": opened}
    response = client.post(url, data)
    assert response.status_code == 409 and CONFLICT_NL in response.text
    koploper.refresh_from_db()
    assert koploper.summary == "Intussen"


def test_a_stale_application_decision_is_the_409_conflict_screen(client_as):
    from koplopers.constants import KoploperStatus

    client = client_as("national_team")
    application = KoploperFactory(status=KoploperStatus.APPLIED)
    opened = _stale(application, summary="Intussen")
    url = reverse("koplopers-workspace:review", kwargs={"pk": application.pk})
    response = client.post(url, {"decision": "reject", "reason": "Geen school", "expected_version": opened})
    assert response.status_code == 409
    application.refresh_from_db()
    assert application.status == KoploperStatus.APPLIED


def test_a_stale_volgspot_review_is_the_409_conflict_screen_not_a_plain_400(client_as, pact):
    """review_edit swallowed the conflict and answered 400; every edit page now gives the same 409."""
    client = client_as("coordinator")
    ambition = AmbitionFactory(pact=pact)
    session = VolgspotSession.objects.create(pact=pact, round=1, held_on=datetime.date(2017, 6, 1), status="held")
    review = AmbitionReview.objects.create(session=session, ambition=ambition, progress="Eerst")
    opened = _stale(review, progress="Intussen")
    url = reverse("volgspot:review", kwargs={"pk": session.pk, "ambition_pk": ambition.pk})
    response = client.post(url, {"progress": "Mijn tekst", "expected_version": opened})
    assert response.status_code == 409 and CONFLICT_NL in response.text
    review.refresh_from_db()
    assert review.progress == "Intussen"


def test_a_public_version_naming_the_reporter_is_the_400_form_on_the_case_screen(client_as):
    from regels.constants import CaseStatus
    from tests.regels.factories import CaseFactory

    client = client_as("national_team")
    case = CaseFactory(
        status=CaseStatus.ANSWERED, answer="Het mag.", outcome="within_rules", reporter_name="Anna Jansen"
    )
    response = client.post(
        reverse("regels-workspace:case", kwargs={"pk": case.pk}),
        {
            "step": "publish",
            "title": "Titel",
            "public_question": "Vraag?",
            "public_context": "Situatie.",
            "public_answer": "Het mag, zegt Anna Jansen.",
            "reviewed": "on",
        },
    )
    assert response.status_code == 400
    assert "Dit noemt de melder" in response.text
    case.refresh_from_db()
    assert case.status == CaseStatus.ANSWERED and case.public_text == ""
