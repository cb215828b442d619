"""An old export must not silently undo later edits (issue 15, point 4)."""

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pacts.models import Action
from tests.pacts.factories import ActionFactory, IndicatorFactory, MeasurementFactory
from zorgpact.core.versioning import save_versioned

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_actions(pact):
    first = ActionFactory(pact=pact, title="Praktijkroute", status="running", ends_on=None)
    MeasurementFactory(indicator=IndicatorFactory(action=first, name="Studenten", target=40), value=10)
    ActionFactory(pact=pact, title="Zij-instroom", status="planned", ends_on=None)
    return pact


def upload(client, pact, name, content):
    return client.post(f"/werkruimte/pacten/{pact.slug}/importeren/", {"file": SimpleUploadedFile(name, content)})


def confirm(client, pact):
    return client.post(f"/werkruimte/pacten/{pact.slug}/importeren/", {"confirm": "1"})


def someone_else_sets_ends_on(pact):
    action = Action.objects.get(pact=pact, title="Praktijkroute")
    action.ends_on = datetime.date(2019, 12, 31)
    save_versioned(instance=action, expected_version=action.version)


def edit_csv(content: bytes, title: str, column: str, value: str) -> bytes:
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    for row in rows:
        if row["Actie"] == title:
            row[column] = value
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def edit_xlsx(content: bytes, title: str, column: str, value: str) -> bytes:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook["Acties"]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == title:
            row[header.index(column)].value = value
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_old_export_does_not_revert_a_later_edit(client, coordinator, two_actions, fmt):
    pact = two_actions
    client.force_login(coordinator)
    exported = client.get(f"/werkruimte/pacten/{pact.slug}/actieagenda.{fmt}").content
    someone_else_sets_ends_on(pact)
    edit = edit_csv if fmt == "csv" else edit_xlsx
    old_file_with_other_change = edit(exported, "Zij-instroom", "Status", "Loopt")
    response = upload(client, pact, f"agenda.{fmt}", old_file_with_other_change)
    assert response.status_code == 400
    errors = response.context["plan"].errors
    assert [(e["row"], e["column"]) for e in errors] == [(2, "Versie")]  # the Praktijkroute row, named
    assert (
        "Praktijkroute" in errors[0]["message"]
        and "gewijzigd nadat dit bestand werd geëxporteerd" in errors[0]["message"]
    )
    assert confirm(client, pact).status_code == 400  # nothing to confirm: the whole import is refused
    assert Action.objects.get(pact=pact, title="Praktijkroute").ends_on == datetime.date(2019, 12, 31)
    assert Action.objects.get(pact=pact, title="Zij-instroom").status == "planned"
    # a fresh export with the same change goes through and keeps the other person's edit
    fresh = edit(
        client.get(f"/werkruimte/pacten/{pact.slug}/actieagenda.{fmt}").content, "Zij-instroom", "Status", "Loopt"
    )
    assert upload(client, pact, f"agenda.{fmt}", fresh).status_code == 200
    assert confirm(client, pact).status_code == 302
    assert Action.objects.get(pact=pact, title="Praktijkroute").ends_on == datetime.date(2019, 12, 31)
    assert Action.objects.get(pact=pact, title="Zij-instroom").status == "running"


def test_an_edit_between_preview_and_confirm_refuses_the_import(client, coordinator, two_actions):
    pact = two_actions
    client.force_login(coordinator)
    exported = client.get(f"/werkruimte/pacten/{pact.slug}/actieagenda.csv").content
    changed = edit_csv(exported, "Praktijkroute", "Status", "Afgerond")
    assert upload(client, pact, "agenda.csv", changed).status_code == 200
    someone_else_sets_ends_on(pact)
    response = confirm(client, pact)
    assert response.status_code == 400
    assert "is na de controle door iemand anders gewijzigd: Rij 2." in response.context["file_error"]
    action = Action.objects.get(pact=pact, title="Praktijkroute")
    assert (action.status, action.ends_on) == ("running", datetime.date(2019, 12, 31))


def test_an_unchanged_row_of_an_old_export_is_no_conflict(client, coordinator, two_actions):
    """The file only repeats Zij-instroom as it is: nothing is refused, nothing is written."""
    pact = two_actions
    client.force_login(coordinator)
    exported = client.get(f"/werkruimte/pacten/{pact.slug}/actieagenda.csv").content
    zij = Action.objects.get(pact=pact, title="Zij-instroom")
    zij.status = "running"
    save_versioned(instance=zij, expected_version=zij.version)
    only_praktijkroute_changed = edit_csv(
        edit_csv(exported, "Zij-instroom", "Status", "Loopt"), "Praktijkroute", "Status", "Afgerond"
    )
    assert upload(client, pact, "agenda.csv", only_praktijkroute_changed).status_code == 200
    assert confirm(client, pact).status_code == 302
    assert Action.objects.get(pact=pact, title="Praktijkroute").status == "done"
