"""CSV and XLSX for every list and chart table (issue 19.5): each through the one writer, with Dutch headers and a
formula neutralised; each linked from its page by name."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from koplopers.constants import KoploperStatus
from tests.koplopers.factories import KoploperFactory
from tests.pacts.factories import ActionFactory, IndicatorFactory, MeasurementFactory
from tests.regels.factories import CaseFactory, SchemeFactory

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://kwaad.test","klik")'


def read(response) -> list[list[str]]:
    assert response.status_code == 200, response.status_code
    assert "attachment" in response["Content-Disposition"]
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def read_xlsx(response) -> list[list]:
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[c.value for c in row] for row in sheet.iter_rows()]


def check(client, page_url: str, name: str, args: list, header_start: list[str], query: str = ""):
    """The page links the export, and CSV and XLSX both download with Dutch headers and the formula escaped."""
    csv_url = reverse(name, args=[*args, "csv"])
    xlsx_url = reverse(name, args=[*args, "xlsx"])
    page = client.get(page_url)
    assert page.status_code == 200
    assert csv_url in page.content.decode() and xlsx_url in page.content.decode()
    rows = read(client.get(csv_url + query))
    assert rows[0][: len(header_start)] == header_start
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + EVIL in cells and EVIL not in cells
    sheet = read_xlsx(client.get(xlsx_url + query))
    assert sheet[0][: len(header_start)] == header_start
    assert "'" + EVIL in [c for row in sheet[1:] for c in row]
    assert client.get(reverse(name, args=[*args, "pdf"])).status_code == 404


def test_case_library_export(client):
    CaseFactory(title=EVIL, status="published", published_at=timezone.now(), ministry_vws=None)
    CaseFactory(title="Niet gepubliceerd", status="submitted")
    check(client, "/ruimte-in-de-regels/", "regels:export", [], ["Titel", "Onderwerp", "Uitkomst"])
    rows = read(client.get(reverse("regels:export", args=["csv"])))
    assert all(row[0] != "Niet gepubliceerd" for row in rows) and rows[1][4] == "niet bekend"


def test_scheme_export(client):
    SchemeFactory(name=EVIL, starts_on=datetime.date(2020, 1, 1))
    check(client, "/regelingen/", "schemes:export", [], ["Naam", "Soort"])


def test_pact_page_indicator_export(client, pact):
    action = ActionFactory(pact=pact, is_public=True)
    indicator = IndicatorFactory(action=action, name=EVIL)
    MeasurementFactory(indicator=indicator, value=30, measured_on=datetime.date(2019, 5, 1))
    hidden = IndicatorFactory(action=ActionFactory(pact=pact, is_public=False), name="Intern")
    check(
        client,
        f"/regionale-zorgpacten/{pact.slug}/",
        "pacts:indicators-export",
        [pact.slug],
        ["Indicator", "Doel of actie"],
    )
    rows = read(client.get(reverse("pacts:indicators-export", args=[pact.slug, "csv"])))
    assert rows[1][6] == "2019-05-01" and float(rows[1][7]) == 30 and all(hidden.name not in row for row in rows)


@pytest.mark.parametrize(
    "table, header", [("indicators", ["Indicator", "Eenheid"]), ("agreements", ["Ronde", "Afspraak"])]
)
def test_pact_dashboard_exports(client, coordinator, other_coordinator, pact, table, header):
    from tests.pacts.factories import AmbitionFactory, GoalFactory
    from tests.volgspot.factories import AgreementFactory, VolgspotSessionFactory

    # an indicator the pact's progress counts (a public action of a goal): the dashboard lists exactly those
    action = ActionFactory(pact=pact, goal=GoalFactory(ambition=AmbitionFactory(pact=pact)), is_public=True)
    IndicatorFactory(action=action, name=EVIL)
    AgreementFactory(session=VolgspotSessionFactory(pact=pact), text=EVIL)
    client.force_login(coordinator)
    check(client, f"/volgspot/pacten/{pact.slug}/", "volgspot:pact-export", [pact.slug, table], header)
    assert client.get(reverse("volgspot:pact-export", args=[pact.slug, "nope", "csv"])).status_code == 404
    client.force_login(other_coordinator)
    assert client.get(reverse("volgspot:pact-export", args=[pact.slug, table, "csv"])).status_code == 404


def test_case_queue_export(client, national_team, coordinator):
    CaseFactory(title=EVIL, status="submitted", reporter_email="melder@example.test")
    client.force_login(national_team)
    check(client, reverse("regels-workspace:queue"), "regels-workspace:queue-export", [], ["Titel", "Status"])
    body = client.get(reverse("regels-workspace:queue-export", args=["csv"])).content.decode("utf-8-sig")
    assert "melder@example.test" not in body
    rows = read(client.get(reverse("regels-workspace:queue-export", args=["csv"]) + "?status=published"))
    assert len(rows) == 1
    client.force_login(coordinator)
    assert client.get(reverse("regels-workspace:queue-export", args=["csv"])).status_code == 403


def test_koploper_applications_queue_export(client, national_team, coordinator):
    KoploperFactory(name=EVIL, status=KoploperStatus.APPLIED, applied_at=timezone.now())
    KoploperFactory(name="Al koploper", status=KoploperStatus.KOPLOPER)
    client.force_login(national_team)
    check(
        client,
        reverse("koplopers-workspace:review-queue"),
        "koplopers-workspace:review-queue-export",
        [],
        ["Naam", "Status", "Aangemeld"],
    )
    rows = read(client.get(reverse("koplopers-workspace:review-queue-export", args=["csv"])))
    assert [r[0] for r in rows[1:]] == ["'" + EVIL]
    client.force_login(coordinator)
    assert client.get(reverse("koplopers-workspace:review-queue-export", args=["csv"])).status_code == 403


def test_pact_list_export(client):
    from tests.pacts.factories import PactFactory

    PactFactory(name=EVIL, slug="kwaad")
    check(client, "/regionale-zorgpacten/", "pacts:export", [], ["Naam", "Regio", "Provincies"])


def test_koploper_list_export_follows_the_filters(client):
    KoploperFactory(name=EVIL)
    KoploperFactory(name="Aanvraag", status=KoploperStatus.APPLIED)
    check(client, "/koplopers/", "koplopers:export", [], ["Naam", "Samenvatting", "Thema's"])
    names = [row[0] for row in read_xlsx(client.get(reverse("koplopers:export", args=["xlsx"])))[1:]]
    assert names == ["'" + EVIL]  # published only, as the catalogue
