"""The case workspace's AVG export (regels.workspace_views.export_personal_data) is audited like the portal-wide one
(zorgpact.site.privacy): a handed-over document always leaves an audit event naming who exported whose data."""

import pytest
from django.urls import reverse

from tests.regels.factories import CaseFactory
from zorgpact.constants import AuditEventType
from zorgpact.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_the_case_export_writes_an_audit_event(client_as):
    CaseFactory(reporter_name="Anna", reporter_email="anna@voorbeeld.test")
    client = client_as("national_team")
    response = client.get(reverse("regels-workspace:export"), {"email": "anna@voorbeeld.test"})
    assert response.status_code == 200 and response.json()["cases"][0]["name"] == "Anna"
    event = AuditEvent.objects.get(event=AuditEventType.PERSONAL_DATA_EXPORTED)
    assert event.actor == client.user and event.target == "anna@voorbeeld.test"


@pytest.mark.parametrize(
    ("role", "email", "status"), [("coordinator", "anna@voorbeeld.test", 403), ("national_team", "geen", 400)]
)
def test_a_refused_or_invalid_export_hands_over_nothing_and_records_no_export(client_as, role, email, status):
    CaseFactory(reporter_email="anna@voorbeeld.test")
    response = client_as(role).get(reverse("regels-workspace:export"), {"email": email})
    assert response.status_code == status
    assert not AuditEvent.objects.filter(event=AuditEventType.PERSONAL_DATA_EXPORTED).exists()
