import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pacts.models import Action, Measurement
from pacts.spreadsheet import COLUMNS
from tests.pacts.factories import ActionFactory, IndicatorFactory, MeasurementFactory

pytestmark = pytest.mark.django_db


def agenda_of(pact):
    return sorted(
        (
            m.indicator.action.title,
            m.indicator.action.status,
            m.indicator.name,
            str(m.indicator.target),
            m.measured_on,
            m.value,
        )
        for m in Measurement.objects.filter(indicator__action__pact=pact).select_related("indicator__action")
    ), sorted(Action.objects.filter(pact=pact).values_list("title", "status", "is_public"))


@pytest.fixture
def agenda(pact):
    action = ActionFactory(pact=pact, title="Praktijkroute", status="running")
    indicator = IndicatorFactory(action=action, name="Studenten", target=40)
    MeasurementFactory(indicator=indicator, value=10)
    MeasurementFactory(indicator=indicator, value=20)
    ActionFactory(pact=pact, title="Zonder indicator", is_public=False)
    return pact


def upload(client, pact, name, content):
    return client.post(f"/werkruimte/pacten/{pact.slug}/importeren/", {"file": SimpleUploadedFile(name, content)})


EXPORTS = {
    "xlsx": ["actieagenda.xlsx"],
    # CSV holds one level: the three files in turn
    "csv": ["actieagenda-acties.csv", "actieagenda-indicatoren.csv", "actieagenda-metingen.csv"],
}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_into_another_pact_reproduces_the_agenda(client, national_team, agenda, other_pact, fmt):
    client.force_login(national_team)
    files = []
    for name in EXPORTS[fmt]:
        exported = client.get(f"/werkruimte/pacten/{agenda.slug}/{name}")
        assert exported.status_code == 200
        files.append((name, exported.content))
    for name, content in files:
        assert upload(client, other_pact, name, content).status_code == 200
        assert client.post(f"/werkruimte/pacten/{other_pact.slug}/importeren/", {"confirm": "1"}).status_code == 302
    assert agenda_of(other_pact) == agenda_of(agenda)
    # importing the same files again changes nothing
    for name, content in files:
        assert upload(client, other_pact, name, content).context["preview"]["changes"] == 0
        client.post(f"/werkruimte/pacten/{other_pact.slug}/importeren/", {"confirm": "1"})
    assert agenda_of(other_pact) == agenda_of(agenda)
    assert Action.objects.filter(pact=other_pact).count() == 2


def test_actieagenda_csv_is_the_actions_level(client, national_team, agenda):
    client.force_login(national_team)
    rows = list(csv.reader(io.StringIO(client.get(f"/werkruimte/pacten/{agenda.slug}/actieagenda.csv").text)))
    assert rows[0] == ["\ufeffActie", "Status", "Start", "Einde", "Openbaar", "Versie"]
    assert [r[:2] for r in rows[1:]] == [["Praktijkroute", "Loopt"], ["Zonder indicator", ""]]
    assert client.get(f"/werkruimte/pacten/{agenda.slug}/actieagenda-doelen.csv").status_code == 404


def csv_file(rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in COLUMNS})
    return buffer.getvalue().encode()


def test_one_bad_row_saves_nothing_and_names_row_and_column(client, coordinator, pact):
    client.force_login(coordinator)
    content = csv_file(
        [
            {"actie": "Goed", "status": "running", "indicator": "Aantal", "meetdatum": "2018-01-01", "waarde": "5"},
            {"actie": "Ook goed", "status": "planned"},
            {"actie": "Fout", "status": "bezig", "indicator": "X", "meetdatum": "2018-13-01", "waarde": "veel"},
        ]
    )
    response = upload(client, pact, "agenda.csv", content)
    assert response.status_code == 400
    errors = {(e["row"], e["column"]) for e in response.context["plan"].errors}
    assert {(4, "Status"), (4, "Meetdatum"), (4, "Waarde")} <= errors
    assert not Action.objects.filter(pact=pact).exists()
    # and the confirm step has nothing to apply
    assert client.post(f"/werkruimte/pacten/{pact.slug}/importeren/", {"confirm": "1"}).status_code == 400
    assert not Action.objects.filter(pact=pact).exists()


@pytest.mark.parametrize(
    "name, content",
    [("x.csv", b""), ("x.csv", b"\xff\xfe\x00bad"), ("x.xlsx", b"not a zip"), ("x.csv", b"naam,status\nA,running\n")],
)
def test_unreadable_files_are_a_clear_message(client, coordinator, pact, name, content):
    client.force_login(coordinator)
    response = upload(client, pact, name, content)
    assert response.status_code == 400 and response.context["file_error"]


def test_import_needs_write_permission(client, ministry_staff, other_coordinator, agenda):
    client.force_login(ministry_staff)
    assert client.get(f"/werkruimte/pacten/{agenda.slug}/actieagenda.csv").status_code == 200
    assert upload(client, agenda, "a.csv", csv_file([{"actie": "X"}])).status_code == 403
    client.force_login(other_coordinator)
    assert client.get(f"/werkruimte/pacten/{agenda.slug}/actieagenda.csv").status_code == 404
    assert upload(client, agenda, "a.csv", csv_file([{"actie": "X"}])).status_code == 404
    assert not Action.objects.filter(title="X").exists()


def test_import_changes_are_in_the_history(client, coordinator, agenda):
    client.force_login(coordinator)
    upload(client, agenda, "a.csv", csv_file([{"actie": "Praktijkroute", "status": "done"}]))
    client.post(f"/werkruimte/pacten/{agenda.slug}/importeren/", {"confirm": "1"})
    action = Action.objects.get(pact=agenda, title="Praktijkroute")
    assert action.status == "done"
    assert action.history.first().history_user == coordinator
