import subprocess

import pytest

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


def test_pact_report_is_a_pdf_with_the_dashboard_figures(client, oefenregio, ministry_staff, django_capture_on_commit_callbacks, eager_tasks):
    client.force_login(ministry_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/volgspot/rapporten/aanvragen/", {"pact": oefenregio.slug, "van": "2016-01-01", "tot": "2019-12-31"})
    report = ProgressReport.objects.get()
    assert response["Location"] == f"/volgspot/rapporten/{report.pk}/"
    assert report.status == "done" and report.finished_at
    text = pdf_text(report)
    assert "Oefenregio" in text and str(oefenregio.actions.count()) in text
    assert client.get(f"/volgspot/rapporten/{report.pk}/rapport.pdf").status_code == 200
    assert len(report.pdf.name.split("/")[-1]) >= 36  # not guessable


def test_same_request_twice_builds_once(oefenregio, national_team, django_capture_on_commit_callbacks, eager_tasks):
    import datetime

    args = {"scope": "pact", "pact": oefenregio, "period_start": datetime.date(2017, 1, 1), "period_end": datetime.date(2018, 12, 31), "user": national_team}
    with django_capture_on_commit_callbacks(execute=True):
        first = request_report(**args)
    with django_capture_on_commit_callbacks(execute=True):
        second = request_report(**args)
    assert first.pk == second.pk and ProgressReport.objects.count() == 1 and first.attempts <= 1


def test_a_failing_build_ends_failed_with_its_message(oefenregio, monkeypatch):
    import datetime

    report = ProgressReport.objects.create(scope="pact", pact=oefenregio, period_start=datetime.date(2017, 1, 1), period_end=datetime.date(2018, 1, 1))

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

    stuck = ProgressReport.objects.create(scope="national", period_start=datetime.date(2017, 1, 1), period_end=datetime.date(2018, 1, 1),
                                          status="running")
    ProgressReport.objects.filter(pk=stuck.pk).update(started_at=timezone.now() - datetime.timedelta(hours=2))
    assert fail_stuck_reports() == 1
    stuck.refresh_from_db()
    assert stuck.status == "failed"


@pytest.mark.parametrize("role, status", [("anonymous", 302), ("other_coordinator", 404), ("coordinator", 200), ("ministry_staff", 200)])
def test_report_pages_are_confidential(client, request, role, status, pact, settings, tmp_path):
    import datetime

    settings.MEDIA_ROOT = tmp_path
    report = ProgressReport.objects.create(scope="pact", pact=pact, period_start=datetime.date(2017, 1, 1), period_end=datetime.date(2018, 1, 1))
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
    report = request_report(scope="pact", pact=pact, period_start=datetime.date(2016, 1, 1), period_end=datetime.date(2019, 12, 31),
                            user=User.objects.filter(is_national_team=True).first())
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
    report = request_report(scope="national", pact=None, period_start=datetime.date(2015, 1, 1), period_end=datetime.date(2019, 12, 31), user=None)
    wait_for_status(report, ("running",), seconds=60, interval=0.05)
    assert report.status == "running", report.status
    children = subprocess.run(["pgrep", "-P", str(celery_worker_process.pid)], capture_output=True, text=True).stdout.split()
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
        scope=ReportScope.PACT if pact else ReportScope.NATIONAL, pact=pact,
        period_start=datetime.date(2018, 1, 1), period_end=datetime.date(2018, 12, 31), **fields)


def test_past_reports_are_listed_for_who_may_read_them(client, pact, other_pact, coordinator, ministry_staff, django_assert_max_num_queries):
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
    assert f'/volgspot/rapporten/{others.pk}/' not in body and f'/volgspot/rapporten/{national.pk}/' not in body
