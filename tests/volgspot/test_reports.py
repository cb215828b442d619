import re
import subprocess

import pytest
from django.utils import translation

from tests.helpers import wait_for_status
from volgspot.models import ProgressReport
from volgspot.services import request_report
from volgspot.tasks import build_report, fail_stuck_reports
from zorgpact.demo.loader import load_demo_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def oefenregio(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    load_demo_data()
    ProgressReport.objects.all().delete()  # the demo's own report: these tests count the ones they request
    from pacts.models import Pact

    return Pact.objects.get(slug="zorgpact-oefenregio-fictief")


def pdf_text(report) -> str:
    with report.pdf.open("rb") as f:
        data = f.read()
    assert data.startswith(b"%PDF")
    return subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()


def test_pact_report_is_a_pdf_with_the_dashboard_figures(
    client, oefenregio, ministry_staff, django_capture_on_commit_callbacks, eager_tasks
):
    client.force_login(ministry_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/volgspot/rapporten/aanvragen/", {"pact": oefenregio.slug, "van": "2016-01-01", "tot": "2019-12-31"}
        )
    report = ProgressReport.objects.get()
    assert response["Location"] == f"/volgspot/rapporten/{report.pk}/"
    assert report.status == "done" and report.finished_at
    text = pdf_text(report)
    assert "Oefenregio" in text and str(oefenregio.actions.count()) in text
    assert client.get(f"/volgspot/rapporten/{report.pk}/rapport.pdf").status_code == 200
    assert len(report.pdf.name.split("/")[-1]) >= 36  # not guessable


def test_same_request_twice_builds_once(oefenregio, national_team, django_capture_on_commit_callbacks, eager_tasks):
    import datetime

    args = {
        "scope": "pact",
        "pact": oefenregio,
        "period_start": datetime.date(2017, 1, 1),
        "period_end": datetime.date(2018, 12, 31),
        "user": national_team,
    }
    with django_capture_on_commit_callbacks(execute=True):
        first = request_report(**args)
    with django_capture_on_commit_callbacks(execute=True):
        second = request_report(**args)
    assert first.pk == second.pk and ProgressReport.objects.count() == 1 and first.attempts <= 1


def test_a_failing_build_ends_failed_with_its_message(oefenregio, monkeypatch):
    import datetime

    report = ProgressReport.objects.create(
        scope="pact", pact=oefenregio, period_start=datetime.date(2017, 1, 1), period_end=datetime.date(2018, 1, 1)
    )

    def broken(*args, **kwargs):
        raise ValueError("grafiek kapot")

    monkeypatch.setattr("volgspot.tasks.render_report", broken)  # a fault in our own rendering, not in a service
    assert build_report.apply(args=[report.pk]).get() == "failed"
    report.refresh_from_db()
    assert report.status == "failed" and "grafiek kapot" in report.error
    assert build_report.apply(args=[report.pk]).get() == "failed"  # stays failed; no second attempt counted


def test_stuck_reports_are_marked_failed(oefenregio):
    import datetime

    from django.utils import timezone

    stuck = ProgressReport.objects.create(
        scope="national", period_start=datetime.date(2017, 1, 1), period_end=datetime.date(2018, 1, 1), status="running"
    )
    ProgressReport.objects.filter(pk=stuck.pk).update(started_at=timezone.now() - datetime.timedelta(hours=2))
    assert fail_stuck_reports() == 1
    stuck.refresh_from_db()
    assert stuck.status == "failed"


@pytest.mark.parametrize(
    "role, status", [("anonymous", 302), ("other_coordinator", 404), ("coordinator", 200), ("ministry_staff", 200)]
)
def test_report_pages_are_confidential(client, request, role, status, pact, settings, tmp_path):
    import datetime

    settings.MEDIA_ROOT = tmp_path
    report = ProgressReport.objects.create(
        scope="pact", pact=pact, period_start=datetime.date(2017, 1, 1), period_end=datetime.date(2018, 1, 1)
    )
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    assert client.get(f"/volgspot/rapporten/{report.pk}/").status_code == status
    assert client.get(f"/volgspot/rapporten/{report.pk}/rapport.pdf").status_code in ({200: 404}.get(status, status),)


@pytest.mark.services
def test_report_built_by_a_real_worker_on_redis(celery_worker_process, vocabulary, settings, tmp_path, client):
    import datetime

    load_demo_data()
    from pacts.models import Pact
    from zorgpact.models import User

    pact = Pact.objects.get(slug="zorgpact-oefenregio-fictief")
    report = request_report(
        scope="pact",
        pact=pact,
        period_start=datetime.date(2016, 1, 1),
        period_end=datetime.date(2019, 12, 31),
        user=User.objects.filter(is_national_team=True).first(),
    )
    wait_for_status(report, ("done", "failed"), seconds=90, interval=0.5)
    assert report.status == "done", report.error
    assert "Oefenregio" in pdf_text(report)


@pytest.mark.services
def test_worker_killed_mid_report_the_report_ends_done_once(celery_worker_process, vocabulary):
    """SIGKILL the pool process building a report: acks_late + reject_on_worker_lost put the task back, the worker's
    new process builds it again from *running*, and there is exactly one report, done."""
    import datetime
    import os
    import signal
    import subprocess

    from zorgpact.demo.scale import generate_scale_data

    generate_scale_data(scale=10)  # enough data that building takes a moment to catch it running
    report = request_report(
        scope="national",
        pact=None,
        period_start=datetime.date(2015, 1, 1),
        period_end=datetime.date(2019, 12, 31),
        user=None,
    )
    wait_for_status(report, ("running",), seconds=60, interval=0.05)
    assert report.status == "running", report.status
    children = subprocess.run(
        ["pgrep", "-P", str(celery_worker_process.pid)], capture_output=True, text=True
    ).stdout.split()
    assert children, "no pool process to kill"
    for pid in children:
        os.kill(int(pid), signal.SIGKILL)
    wait_for_status(report, ("done", "failed"), seconds=120, interval=0.5)
    assert report.status == "done", report.error
    assert report.attempts >= 2
    assert ProgressReport.objects.count() == 1


def _report(pact=None, **fields) -> ProgressReport:
    import datetime

    from volgspot.constants import ReportScope

    return ProgressReport.objects.create(
        scope=ReportScope.PACT if pact else ReportScope.NATIONAL,
        pact=pact,
        period_start=datetime.date(2018, 1, 1),
        period_end=datetime.date(2018, 12, 31),
        **fields,
    )


def test_past_reports_are_listed_for_who_may_read_them(
    client, pact, other_pact, coordinator, ministry_staff, django_assert_max_num_queries
):
    """/volgspot/rapporten/ (404 before): ministries see every report, a coordinator only their own pact's."""
    from volgspot.constants import ReportStatus

    own, others, national = _report(pact, status=ReportStatus.DONE), _report(other_pact), _report()
    assert client.get("/volgspot/rapporten/").status_code == 302  # to the sign-in page
    client.force_login(ministry_staff)
    # session, user, the verified second-factor device, count, the reports with their pacts and requesters joined;
    # the session's activity stamp (savepoint, update, release). One query for the reports however many there are.
    with django_assert_max_num_queries(8):
        body = client.get("/volgspot/rapporten/").content.decode()
    for report in (own, others, national):
        assert f'href="/volgspot/rapporten/{report.pk}/"' in body
    assert f'href="/volgspot/rapporten/{own.pk}/rapport.pdf"' in body  # only the finished one can be downloaded
    assert f'href="/volgspot/rapporten/{others.pk}/rapport.pdf"' not in body
    assert "1 januari 2018" in body and 'href="/volgspot/rapporten/"' in client.get("/volgspot/").content.decode()
    client.force_login(coordinator)
    body = client.get("/volgspot/rapporten/").content.decode()
    assert f'href="/volgspot/rapporten/{own.pk}/"' in body
    assert f"/volgspot/rapporten/{others.pk}/" not in body and f"/volgspot/rapporten/{national.pk}/" not in body


# --- The designed report (issue 20 point 5): read back from the PDF as a reader would see it ---------------------

CODE_NAMES = [
    "phases",
    "phases_over_time",
    "functions",
    "on_track",
    "composition",
    "adoptions",
    "final",
    "held",
    "draft_report",
    "running",
    "planned",
    "care_users",
    "care_workers",
    "None",
    "50.00",
    "2017-06-15",
]


def _built(scope, pact, start, end) -> tuple[str, str]:
    import datetime
    import tempfile

    from volgspot.reports import render_report, report_data

    start, end = datetime.date.fromisoformat(start), datetime.date.fromisoformat(end)
    report = ProgressReport.objects.create(scope=scope, pact=pact, period_start=start, period_end=end)
    _html, pdf = render_report(report, report_data(scope=scope, pact=pact, period_start=start, period_end=end))
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:  # pdfinfo reads the structure tree only from a file
        f.write(pdf)
        f.flush()
        info = subprocess.run(["pdfinfo", f.name], capture_output=True, check=True).stdout.decode()
        info += subprocess.run(["pdffonts", f.name], capture_output=True, check=True).stdout.decode()
    return " ".join(text.split()), info


def _no_code_names(text: str) -> None:
    for code in CODE_NAMES:
        assert not re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", text), code
    assert not re.search(r"\b\d+\.\d\d\b", text), "a count or value written as 50.00"
    assert not re.search(r"\b\d{4}-\d\d-\d\d\b", text), "an ISO date"


def test_pact_report_reads_as_a_designed_dutch_report(oefenregio):
    text, info = _built("pact", oefenregio, "2016-01-01", "2019-12-31")
    assert (
        re.search(r"^Tagged:\s+yes$", info, re.MULTILINE) and "Voortgangsrapportage" in info
    )  # PDF/UA with its <title>
    assert "pagina 1 van" in text and "Periode 1 januari 2016 – 31 december 2019" in text
    assert "Fictieve voorbeeldgegevens: Zorgpact Oefenregio (fictief)" in text  # fictional records labelled
    for heading in (
        "Samenvatting",
        "Indicatoren tegenover hun streefwaarden",
        "Volgspotbijeenkomsten in de periode",
        "Afspraken en hun opvolging",
        "Effecten per doelgroep",
        "Gouden driehoek",
        "Bronnen en werkwijze",
    ):
        assert heading in text, heading
    # The summary in words, from the figures: 8 actions, both sessions, the agreements.
    assert "De actieagenda telt 8 acties" in text and "In de periode zijn 2 Volgspotbijeenkomsten gehouden" in text
    # Session statuses, agreement statuses and dates in Dutch; integer values with their unit.
    assert "15 juni 2017" in text and "Definitief" in text and "Gehouden" in text
    assert "Voorbeeldpersoon B" in text and "verlopen" in text and "in ronde 2" in text  # an agreement's follow-up
    assert "50 deelnemers" in text and "40%" in text
    # A section per target group, with the effects the reviews describe.
    for group in ("Studenten", "Zorggebruikers", "Zorgprofessionals"):
        assert group in text, group
    assert "studenten voelen zich beter voorbereid" in text and "werkbegeleiders vragen om scholing" in text
    _no_code_names(text)


def test_national_report_has_dutch_headings_charts_and_target_groups(oefenregio):
    text, info = _built("national", None, "2016-01-01", "2019-12-31")
    assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE) and "pagina 1 van" in text
    for heading in (
        "Landelijke voortgangsrapportage",
        "Samenvatting",
        "Kerncijfers",
        "Grafieken",
        "Pacten per fase van samenwerking",
        "Effecten per doelgroep",
        "Afspraken uit de periode, naar status",
        "Bronnen en werkwijze",
    ):
        assert heading in text, heading
    assert "Studenten" in text and "Zorgprofessionals" in text and "Het portaal volgt" in text
    # One type family throughout: body, page numbers and the charts' SVG text (the SVG default was DejaVu Sans).
    assert "Liberation-Sans" in info and "DejaVu" not in info
    _no_code_names(text)


def test_a_pact_without_data_says_so_and_partners_not_recorded(pact, settings, tmp_path):
    """No empty table with only a header: 'geen gegevens'; an unjudged partner list reads as the gap rule says."""
    settings.MEDIA_ROOT = tmp_path
    pact.partners_complete = None
    pact.save()
    text, _info = _built("pact", pact, "2018-01-01", "2018-12-31")
    assert "geen gegevens" in text and "partners niet vastgelegd" in text
    assert "Effecten per doelgroep" in text and "Geen doel noemt deze doelgroep." in text
    _no_code_names(text)


def test_a_zero_bar_still_shows_its_value():
    """The chart the dashboards and the report share: every value stands beside its bar, a zero beside a thin mark."""
    from django.template.loader import render_to_string

    from volgspot.selectors import bar_chart

    svg = render_to_string(
        "includes/bar_chart.html", {"chart": bar_chart([("Podium", 0), ("Platform", 3)]), "title": "t", "chart_id": "c"}
    )
    assert re.search(r'font-weight="bold" fill="#1a1a1a">0</text>', svg) and re.search(
        r'font-weight="bold" fill="#1a1a1a">3</text>', svg
    )
    assert re.search(r'<rect x="0" y="\d+" width="2"', svg)  # the zero's mark


def test_a_pact_report_shows_its_indicators_as_they_stood_at_the_end_of_its_period(oefenregio):
    """A report on 2017 does not show the 2018 measurements (the Oefenregio measures quarterly, 2017–2018)."""
    text, _info = _built("pact", oefenregio, "2017-01-01", "2017-12-31")
    assert "(1 oktober 2017)" in text and "oktober 2018" not in text
    assert "In de periode is 1 Volgspotbijeenkomst gehouden" in text


def test_a_long_national_table_shows_its_first_rows_and_says_where_the_rest_is(db):
    """A report is read, not searched: a per-pact table of the national report shows REPORT_TABLE_ROWS rows, with a
    note naming the whole count and the downloads (1,700 rows at scale 100 made a report of a hundred pages)."""
    import datetime

    from tests.pacts.factories import PactFactory
    from volgspot.reports import REPORT_TABLE_ROWS, _national_context, report_data

    for n in range(REPORT_TABLE_ROWS + 5):
        PactFactory(name=f"Pact {n:02d}", slug=f"pact-{n:02d}")
    data = report_data(
        scope="national", pact=None, period_start=datetime.date(2025, 1, 1), period_end=datetime.date(2025, 12, 31)
    )
    assert len(data["tables"]["composition"]["rows"]) == REPORT_TABLE_ROWS + 5  # the data (and snapshot) keep all
    with translation.override("nl"):
        table = next(t for t in _national_context(data)["tables"] if t["title"].startswith("Gouden driehoek"))
    assert len(table["rows"]) == REPORT_TABLE_ROWS
    assert table["note"].startswith(f"De eerste {REPORT_TABLE_ROWS} van {REPORT_TABLE_ROWS + 5} rijen.")


def test_the_national_report_names_a_few_fictional_pacts_and_counts_the_rest():
    from volgspot.reports import _named_few

    names = [f"Voorbeeldpact {n} (synthetisch)" for n in range(1715)]
    with translation.override("nl"):
        assert _named_few(names) == names[:10] + ["1.705 andere"]
    assert _named_few(names[:3]) == names[:3]
