"""The workbook a coordinator can use (issue 20, point 6): a sheet per level with Dutch labels, drop-down lists, a
frozen bold header and real dates; the import previews each change as old → new and names sheet, row and column."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from pacts.models import Action, Indicator
from tests.pacts.factories import ActionFactory, IndicatorFactory, MeasurementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda(pact):
    """One action with three indicators of three measurements each: nine rows in the earlier layout."""
    action = ActionFactory(
        pact=pact, title="Praktijkroute", status="running", starts_on=datetime.date(2018, 9, 1), ends_on=None
    )
    for n, name in enumerate(["Studenten", "Leerbedrijven", "Uitval"]):
        indicator = IndicatorFactory(
            action=action,
            name=name,
            kind="output" if n < 2 else "effect",
            direction="down" if name == "Uitval" else "up",
            target=40,
            unit="%" if name == "Uitval" else "",
        )
        for month in (3, 6, 9):
            MeasurementFactory(indicator=indicator, measured_on=datetime.date(2019, month, 1), value=month)
    ActionFactory(pact=pact, title="Zij-instroom", status="planned", is_public=False, ends_on=None)
    return pact


def export(client, pact):
    response = client.get(f"/werkruimte/pacten/{pact.slug}/actieagenda.xlsx")
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def as_bytes(workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def column(sheet, header: str) -> int:
    return [c.value for c in sheet[1]].index(header) + 1


def set_cell(workbook, sheet_name: str, title: str, header: str, value, *, key_column: int = 1):
    sheet = workbook[sheet_name]
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row=row, column=key_column).value == title:
            sheet.cell(row=row, column=column(sheet, header)).value = value
            return row
    raise AssertionError(title)


def upload(client, pact, content: bytes, name="agenda.xlsx"):
    return client.post(f"/werkruimte/pacten/{pact.slug}/importeren/", {"file": SimpleUploadedFile(name, content)})


def confirm(client, pact):
    return client.post(f"/werkruimte/pacten/{pact.slug}/importeren/", {"confirm": "1"})


def test_changing_one_actions_status_in_the_workbook_previews_old_to_new_and_applies(client, coordinator, agenda):
    client.force_login(coordinator)
    workbook = export(client, agenda)
    assert workbook.sheetnames == ["Acties", "Indicatoren", "Metingen", "Uitleg"]
    assert workbook["Metingen"].max_row == 10  # nine measurements, one row each; the action once on Acties
    row = set_cell(workbook, "Acties", "Praktijkroute", "Status", "Afgerond")
    assert row == 2
    response = upload(client, agenda, as_bytes(workbook))
    assert response.status_code == 200, response.context.get("file_error") or response.context["plan"].errors
    assert response.context["preview"]["changes"] == 1
    [line] = response.context["changes"]
    assert line["place"] == "Blad Acties, rij 2" and line["what"] == "Actie ‘Praktijkroute’"
    assert line["fields"] == [{"label": "Status", "old": "Loopt", "new": "Afgerond"}]
    page = response.content.decode()
    assert "Blad Acties, rij 2" in page and "Loopt</del> → <ins>" in page and "Afgerond</ins>" in page
    assert Action.objects.get(title="Praktijkroute").status == "running"  # nothing saved before confirming
    assert confirm(client, agenda).status_code == 302
    action = Action.objects.get(title="Praktijkroute")
    assert action.status == "done"
    assert action.history.first().history_user == coordinator
    assert Indicator.objects.filter(action=action).count() == 3  # the other sheets changed nothing


def test_the_export_writes_dutch_labels_and_real_dates(client, coordinator, agenda):
    client.force_login(coordinator)
    workbook = export(client, agenda)
    actions = workbook["Acties"]
    assert [c.value for c in actions[1]] == ["Actie", "Status", "Start", "Einde", "Openbaar", "Versie"]
    assert [c.value for c in actions[2]][:5] == ["Praktijkroute", "Loopt", datetime.datetime(2018, 9, 1), None, "Ja"]
    assert [c.value for c in actions[3]][:5] == ["Zij-instroom", "Gepland", None, None, "Nee"]
    assert actions["C2"].is_date and actions["C2"].number_format == "DD-MM-YYYY"
    indicators = workbook["Indicatoren"]
    kinds = {r[1].value: (r[2].value, r[7].value) for r in indicators.iter_rows(min_row=2)}
    assert kinds == {
        "Studenten": ("Resultaat (output)", "Hoger is beter"),
        "Leerbedrijven": ("Resultaat (output)", "Hoger is beter"),
        "Uitval": ("Effect (outcome)", "Lager is beter"),
    }
    codes = {"running", "planned", "output", "effect", "up", "down"}
    for sheet in workbook:
        assert not codes & {c.value for r in sheet.iter_rows() for c in r}, sheet.title
    measurements = workbook["Metingen"]
    assert measurements["C2"].is_date and measurements["C2"].value == datetime.datetime(2019, 3, 1)
    assert measurements["D2"].value == 3
    assert "Versie" in {r[0].value for r in workbook["Uitleg"].iter_rows()}


def test_each_sheet_has_a_frozen_bold_header_widths_and_drop_down_lists(client, coordinator, agenda):
    client.force_login(coordinator)
    workbook = export(client, agenda)
    for name in ("Acties", "Indicatoren", "Metingen"):
        sheet = workbook[name]
        assert sheet.freeze_panes == "A2", name
        assert all(c.font.b for c in sheet[1]), name
        assert sheet.column_dimensions["A"].width == 48, name
    lists = {
        (sheet.title, str(v.sqref)): (v.formula1, v.errorStyle)
        for sheet in workbook
        for v in sheet.data_validations.dataValidation
    }
    assert lists[("Acties", "B2:B10001")] == ('"Idee,Gepland,Loopt,Afgerond,Gestopt"', "stop")
    assert lists[("Acties", "E2:E10001")] == ('"Ja,Nee"', "stop")
    assert lists[("Indicatoren", "C2:C10001")] == ('"Resultaat (output),Effect (outcome)"', "stop")
    assert lists[("Indicatoren", "H2:H10001")] == ('"Hoger is beter,Lager is beter"', "stop")
    # the action of an indicator row is chosen from the sheet Acties (a warning: a new action may be typed there)
    assert lists[("Indicatoren", "A2:A10001")] == ("Acties!$A$2:$A$10001", "warning")
    assert workbook["Acties"].column_dimensions["B"].width == 14
    status = next(v for v in workbook["Acties"].data_validations.dataValidation if str(v.sqref) == "B2:B10001")
    assert status.error == "Kies een waarde uit de lijst: Idee, Gepland, Loopt, Afgerond, Gestopt."


def test_a_limit_broken_on_one_of_the_sheets_names_it(client, coordinator, agenda):
    client.force_login(coordinator)
    workbook = export(client, agenda)
    workbook["Metingen"].cell(row=3, column=31, value=1)
    response = upload(client, agenda, as_bytes(workbook))
    assert response.status_code == 400
    assert response.context["file_error"] == (
        "Blad Metingen: Het werkblad zegt 10 rijen en 31 kolommen te hebben; een import heeft hoogstens 10000 rijen "
        "en 30 kolommen."
    )


def test_an_error_names_sheet_row_and_column_and_saves_nothing(client, coordinator, agenda):
    client.force_login(coordinator)
    workbook = export(client, agenda)
    set_cell(workbook, "Acties", "Zij-instroom", "Status", "Klaar")
    set_cell(workbook, "Indicatoren", "Uitval", "Streefwaarde", "veel", key_column=2)
    workbook["Indicatoren"].append(["Bestaat niet", "Nieuw", "Resultaat (output)"] + [None] * 5)
    response = upload(client, agenda, as_bytes(workbook))
    assert response.status_code == 400
    texts = [e["text"] for e in response.context["plan"].errors]
    assert texts[:2] == [
        "Blad Acties, rij 3, kolom Status: ‘Klaar’ is geen geldige status; kies uit Idee, Gepland, Loopt, Afgerond, "
        "Gestopt.",
        "Blad Indicatoren, rij 4, kolom Streefwaarde: ‘veel’ is geen getal.",
    ]
    assert texts[0] in response.content.decode()
    assert Action.objects.get(title="Zij-instroom").status == "planned"
    # the unknown action is only found when comparing with the agenda: after the cell errors are mended
    set_cell(workbook, "Acties", "Zij-instroom", "Status", "Gepland")
    set_cell(workbook, "Indicatoren", "Uitval", "Streefwaarde", 40, key_column=2)
    response = upload(client, agenda, as_bytes(workbook))
    assert [e["text"] for e in response.context["plan"].errors] == [
        "Blad Indicatoren, rij 5, kolom Actie: Er is geen actie ‘Bestaat niet’ op het blad Acties of in de "
        "actieagenda; voeg die daar eerst toe of verbeter de naam."
    ]


def test_the_old_codes_and_english_labels_are_accepted(client, coordinator, agenda):
    client.force_login(coordinator)
    workbook = export(client, agenda)
    set_cell(workbook, "Acties", "Praktijkroute", "Status", "done")
    set_cell(workbook, "Acties", "Zij-instroom", "Status", "Running")
    set_cell(workbook, "Acties", "Zij-instroom", "Openbaar", "ja")
    set_cell(workbook, "Indicatoren", "Studenten", "Soort", "effect", key_column=2)
    set_cell(workbook, "Indicatoren", "Uitval", "Richting", "up", key_column=2)
    set_cell(workbook, "Indicatoren", "Leerbedrijven", "Streefdatum", "31-12-2020", key_column=2)
    response = upload(client, agenda, as_bytes(workbook))
    assert response.status_code == 200, response.context["plan"].errors
    shown = {
        (line["what"], f["label"], f["old"], f["new"]) for line in response.context["changes"] for f in line["fields"]
    }
    assert shown == {
        ("Actie ‘Praktijkroute’", "Status", "Loopt", "Afgerond"),
        ("Actie ‘Zij-instroom’", "Status", "Gepland", "Loopt"),
        ("Actie ‘Zij-instroom’", "Openbaar", "Nee", "Ja"),
        ("Indicator ‘Studenten’ van ‘Praktijkroute’", "Soort", "Resultaat (output)", "Effect (outcome)"),
        ("Indicator ‘Uitval’ van ‘Praktijkroute’", "Richting", "Lager is beter", "Hoger is beter"),
        ("Indicator ‘Leerbedrijven’ van ‘Praktijkroute’", "Streefdatum", "niet bekend", "31 december 2020"),
    }
    assert confirm(client, agenda).status_code == 302
    assert set(Action.objects.filter(pact=agenda).values_list("title", "status", "is_public")) == {
        ("Praktijkroute", "done", True),
        ("Zij-instroom", "running", True),
    }
    assert Indicator.objects.get(name="Studenten").kind == "effect"
    assert Indicator.objects.get(name="Uitval").direction == "up"
    assert Indicator.objects.get(name="Leerbedrijven").target_on == datetime.date(2020, 12, 31)


def test_a_new_measurement_on_the_sheet_metingen_is_added(client, coordinator, agenda):
    client.force_login(coordinator)
    workbook = export(client, agenda)
    workbook["Metingen"].append(["Praktijkroute", "Studenten", datetime.date(2020, 3, 1), 12.5, "nieuw", None])
    response = upload(client, agenda, as_bytes(workbook))
    assert response.status_code == 200, response.context["plan"].errors
    [line] = response.context["changes"]
    assert line["new"] and line["place"] == "Blad Metingen, rij 11"
    assert line["what"] == "Meting van 1 maart 2020 voor ‘Studenten’"
    assert {f["label"]: f["new"] for f in line["fields"]} == {"Waarde": "12,5", "Toelichting": "nieuw"}
    assert confirm(client, agenda).status_code == 302
    assert Indicator.objects.get(name="Studenten").measurements.count() == 4


def test_a_file_that_is_no_export_says_what_to_do(client, coordinator, agenda):
    client.force_login(coordinator)
    workbook = export(client, agenda)
    workbook["Acties"].delete_cols(2)  # the column Status is gone
    response = upload(client, agenda, as_bytes(workbook))
    assert response.status_code == 400
    assert response.context["file_error"] == (
        "Op blad Acties ontbreken in de eerste rij de kolommen Status. Download de actieagenda opnieuw en gebruik de "
        "kolommen daarvan."
    )
    response = upload(client, agenda, b"naam,status\nA,running\n", name="lijst.csv")
    assert "Download de actieagenda op deze pagina als XLSX" in response.context["file_error"]


def test_rhythm_and_weight_travel_through_the_workbook(client, coordinator, agenda):
    """An indicator's reporting rhythm and its weight in the goal's progress are columns of their own: exported with
    Dutch labels, changed in the workbook, previewed old → new and applied."""
    client.force_login(coordinator)
    workbook = export(client, agenda)
    sheet = workbook["Indicatoren"]
    header = [c.value for c in sheet[1]]
    assert header[-3:] == ["Meetritme", "Gewicht", "Versie"]
    row = set_cell(workbook, "Indicatoren", "Uitval", "Meetritme", "Per kwartaal", key_column=2)
    assert sheet.cell(row=row, column=column(sheet, "Gewicht")).value == 1
    set_cell(workbook, "Indicatoren", "Uitval", "Gewicht", 2, key_column=2)
    response = upload(client, agenda, as_bytes(workbook))
    assert response.status_code == 200, response.context["plan"].errors
    [line] = response.context["changes"]
    assert line["place"] == f"Blad Indicatoren, rij {row}"
    assert line["fields"] == [
        {"label": "Meetritme", "old": "niet bekend", "new": "Per kwartaal"},
        {"label": "Gewicht", "old": "1", "new": "2"},
    ], line
    assert confirm(client, agenda).status_code == 302
    uitval = Indicator.objects.get(name="Uitval")
    assert (uitval.rhythm, uitval.weight) == ("quarterly", 2)


def test_a_negative_weight_is_refused_at_its_cell_and_an_older_file_without_the_columns_still_imports(
    client, coordinator, agenda
):
    Indicator.objects.filter(name="Studenten").update(rhythm="yearly", weight=3)
    client.force_login(coordinator)
    workbook = export(client, agenda)
    row = set_cell(workbook, "Indicatoren", "Uitval", "Gewicht", -1, key_column=2)
    response = upload(client, agenda, as_bytes(workbook))
    assert response.status_code == 400
    assert [e["text"] for e in response.context["plan"].errors] == [
        f"Blad Indicatoren, rij {row}, kolom Gewicht: Een gewicht kan niet negatief zijn; 0 betekent 'telt niet mee'."
    ]
    # a file exported before the columns existed: read, and the rhythm and weight are left as they are
    workbook = export(client, agenda)
    sheet = workbook["Indicatoren"]
    sheet.delete_cols(column(sheet, "Meetritme"), 2)
    set_cell(workbook, "Indicatoren", "Studenten", "Streefwaarde", 45, key_column=2)
    response = upload(client, agenda, as_bytes(workbook))
    assert response.status_code == 200, response.context["plan"].errors
    assert confirm(client, agenda).status_code == 302
    studenten = Indicator.objects.get(name="Studenten")
    assert (studenten.target, studenten.rhythm, studenten.weight) == (45, "yearly", 3)


def test_a_measurement_dated_in_the_future_is_refused_in_the_preview(client, coordinator, agenda):
    from django.utils import timezone

    client.force_login(coordinator)
    workbook = export(client, agenda)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    workbook["Metingen"].append(["Praktijkroute", "Studenten", tomorrow, 12, "", None])
    response = upload(client, agenda, as_bytes(workbook))
    assert response.status_code == 400
    assert [e["text"] for e in response.context["plan"].errors] == [
        "Blad Metingen, rij 11, kolom Meetdatum: Een meting kan niet in de toekomst liggen."
    ]
    assert Indicator.objects.get(name="Studenten").measurements.count() == 3
