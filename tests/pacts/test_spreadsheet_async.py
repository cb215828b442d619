"""A large import is applied by the Celery worker from an AgendaImport row; the request never waits for it
(issue 15, points 3 and 9)."""

import csv
import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pacts.constants import ImportStatus
from pacts.models import Action, AgendaImport, Measurement
from pacts.spreadsheet import ASYNC_FROM, COLUMNS
from pacts.tasks import apply_agenda_import
from tests.helpers import wait_for_status


def big_file(actions: int = 150) -> bytes:
    """Each action with an indicator and a measurement: three changes per row, well over ASYNC_FROM."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for n in range(actions):
        writer.writerow(
            {c: "" for c in COLUMNS}
            | {
                "actie": f"Actie {n}",
                "status": "running",
                "indicator": "Deelnemers",
                "meetdatum": "2018-06-01",
                "waarde": str(n),
            }
        )
    return out.getvalue().encode()


def upload(client, pact, content):
    return client.post(
        f"/werkruimte/pacten/{pact.slug}/importeren/", {"file": SimpleUploadedFile("groot.csv", content)}
    )


def confirm(client, pact):
    return client.post(f"/werkruimte/pacten/{pact.slug}/importeren/", {"confirm": "1"})


@pytest.mark.django_db
def test_preview_keeps_a_plan_not_the_rows_and_a_large_import_runs_as_a_task(
    client, coordinator, pact, django_capture_on_commit_callbacks, eager_tasks
):
    client.force_login(coordinator)
    response = upload(client, pact, big_file())
    assert response.status_code == 200
    assert response.context["preview"]["changes"] == 450 > ASYNC_FROM
    stored = client.session[f"agenda-import:{pact.pk}"]
    assert isinstance(stored, int)  # only the pk of the plan; the session holds no rows
    agenda_import = AgendaImport.objects.get(pk=stored)
    assert (agenda_import.status, agenda_import.total) == (ImportStatus.PREVIEWED, 450)
    assert not Action.objects.filter(pact=pact).exists()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = confirm(client, pact)
    # queued after the commit, as volgspot's reports are (beside it the page-cache bump, one object for all rows)
    assert len([c for c in callbacks if type(c).__name__ != "_Bump"]) == 1
    assert response.status_code == 302
    assert response.url == f"/werkruimte/pacten/{pact.slug}/importeren/{agenda_import.pk}/"
    agenda_import.refresh_from_db()
    assert agenda_import.status == ImportStatus.DONE and agenda_import.counts == {"created": 450, "updated": 0}
    assert agenda_import.plan == []  # applied: the plan is not kept
    assert Measurement.objects.filter(indicator__action__pact=pact).count() == 150
    page = client.get(response.url)
    assert "Import klaar: 450 toegevoegd, 0 gewijzigd." in page.text
    # a redelivered message changes nothing
    assert apply_agenda_import.apply(args=[agenda_import.pk]).get() == ImportStatus.DONE
    assert Action.objects.filter(pact=pact).count() == 150
    # confirming again has nothing to confirm
    assert confirm(client, pact).status_code == 400


@pytest.mark.django_db
def test_the_status_page_polls_while_the_worker_runs_and_has_a_reload_link(
    client, coordinator, pact, other_coordinator
):
    agenda_import = AgendaImport.objects.create(
        pact=pact, created_by=coordinator, status=ImportStatus.QUEUED, total=900
    )
    url = f"/werkruimte/pacten/{pact.slug}/importeren/{agenda_import.pk}/"
    client.force_login(coordinator)
    page = client.get(url)
    assert page.status_code == 200
    assert f'hx-get="{url}"' in page.text and 'hx-trigger="every 2s"' in page.text
    assert f'href="{url}"' in page.text  # without JavaScript: reload
    assert 'value="0"' in page.text and "0 van 900 wijzigingen doorgevoerd" in page.text
    fragment = client.get(url, HTTP_HX_REQUEST="true")
    assert fragment.text.lstrip().startswith('<div id="import-status"')
    client.force_login(other_coordinator)
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_small_import_stays_in_the_request(client, coordinator, pact):
    client.force_login(coordinator)
    assert upload(client, pact, big_file(10)).status_code == 200
    response = confirm(client, pact)
    assert response.status_code == 302 and response.url == f"/werkruimte/pacten/{pact.slug}/"
    assert Action.objects.filter(pact=pact).count() == 10


@pytest.mark.services
def test_a_large_import_on_the_real_worker(celery_worker_process, client, coordinator, pact, settings):
    assert not settings.CELERY_TASK_ALWAYS_EAGER
    client.force_login(coordinator)
    assert upload(client, pact, big_file(500)).status_code == 200
    started = time.monotonic()
    response = confirm(client, pact)
    answered_in = time.monotonic() - started
    assert response.status_code == 302
    agenda_import = AgendaImport.objects.get(pact=pact)
    assert agenda_import.status in (ImportStatus.QUEUED, ImportStatus.RUNNING)  # the request did not wait
    assert answered_in < 5
    wait_for_status(agenda_import, (ImportStatus.DONE, ImportStatus.FAILED), seconds=240)
    assert agenda_import.status == ImportStatus.DONE, agenda_import.error
    assert agenda_import.counts == {"created": 1500, "updated": 0}
    assert Measurement.objects.filter(indicator__action__pact=pact).count() == 500
    assert "Import klaar" in client.get(response.url).text


@pytest.mark.django_db
def test_beat_resends_lost_imports_and_ends_stuck_ones(client, coordinator, pact, eager_tasks, settings):
    from django.utils import timezone

    from pacts.tasks import requeue_waiting_imports

    client.force_login(coordinator)
    upload(client, pact, big_file(100))
    lost = AgendaImport.objects.get(pact=pact)
    hour_ago = timezone.now() - timezone.timedelta(hours=1)
    AgendaImport.objects.filter(pk=lost.pk).update(status=ImportStatus.QUEUED, created_at=hour_ago)
    stuck = AgendaImport.objects.create(pact=pact, status=ImportStatus.RUNNING, started_at=hour_ago, total=5, plan=[{}])
    assert requeue_waiting_imports() == 1
    lost.refresh_from_db()
    stuck.refresh_from_db()
    assert lost.status == ImportStatus.DONE and Action.objects.filter(pact=pact).count() == 100
    assert stuck.status == ImportStatus.FAILED and "tijdslimiet" in stuck.error


@pytest.mark.django_db
def test_a_large_import_is_not_started_when_the_queue_is_down(client, coordinator, pact, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    client.force_login(coordinator)
    assert upload(client, pact, big_file()).status_code == 200
    response = confirm(client, pact)
    assert response.status_code == 503
    assert "op de achtergrond verwerkt, en die is nu niet bereikbaar" in response.context["file_error"]
    assert AgendaImport.objects.get(pact=pact).status == ImportStatus.PREVIEWED
    assert not Action.objects.filter(pact=pact).exists()
    settings.CELERY_BROKER_URL = ""  # back: the kept preview can be confirmed (eager)
    assert confirm(client, pact).status_code == 302


@pytest.fixture
def small_threshold(monkeypatch):
    """Files of more than 100 rows are checked by the worker (the real threshold, 2,000, makes for slow tests)."""
    from pacts import spreadsheet

    monkeypatch.setattr(spreadsheet, "PREVIEW_ASYNC_FROM_ROWS", 100)


@pytest.mark.django_db
def test_a_large_file_is_checked_by_the_worker_and_previewed_on_the_status_page(
    client, coordinator, pact, small_threshold, django_capture_on_commit_callbacks, eager_tasks
):
    client.force_login(coordinator)
    content = big_file()
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, pact, content)
    agenda_import = AgendaImport.objects.get(pact=pact)
    assert response.status_code == 302
    assert response.url == f"/werkruimte/pacten/{pact.slug}/importeren/{agenda_import.pk}/"
    assert client.session[f"agenda-import:{pact.pk}"] == agenda_import.pk
    assert agenda_import.status == ImportStatus.PREVIEWED and agenda_import.total == 450
    assert agenda_import.upload is None  # the file is not kept after the check
    assert agenda_import.report["summary"]["created"] == 450
    page = client.get(response.url)
    assert "Voorbeeld: er is nog niets opgeslagen" in page.text
    assert '<span class="import-change__place">Rij 2</span> · <strong>Actie ‘Actie 0’</strong>' in page.text
    assert "De eerste 300 van de 450 wijzigingen staan hier." in page.text
    assert 'hx-trigger="every 2s"' not in page.text  # nothing left to wait for
    assert not Action.objects.filter(pact=pact).exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert confirm(client, pact).status_code == 302
    agenda_import.refresh_from_db()
    assert agenda_import.status == ImportStatus.DONE
    assert Action.objects.filter(pact=pact).count() == 150


@pytest.mark.django_db
def test_while_the_worker_checks_the_page_polls_and_errors_are_listed_after(
    client, coordinator, pact, small_threshold, django_capture_on_commit_callbacks
):
    from pacts.spreadsheet import check_upload

    client.force_login(coordinator)
    content = big_file().replace(b"Actie 7,running", b"Actie 7,klaar")
    with django_capture_on_commit_callbacks(execute=False):  # the message is not delivered yet
        response = upload(client, pact, content)
    agenda_import = AgendaImport.objects.get(pact=pact)
    assert agenda_import.status == ImportStatus.CHECKING and bytes(agenda_import.upload) == content
    page = client.get(response.url)
    assert f'hx-get="{response.url}"' in page.text and 'hx-trigger="every 2s"' in page.text
    assert f'href="{response.url}"' in page.text  # without JavaScript: reload
    assert "0 rijen gecontroleerd" in page.text
    assert confirm(client, pact).status_code == 400  # nothing to confirm before the check is done
    check_upload(agenda_import=agenda_import)
    agenda_import.refresh_from_db()
    assert agenda_import.status == ImportStatus.FAILED and agenda_import.upload is None
    page = client.get(response.url).text
    assert "Het bestand bevat fouten: er is niets opgeslagen." in page
    assert "Rij 9, kolom Status: ‘klaar’ is geen geldige status" in page
    assert not Action.objects.filter(pact=pact).exists()


def test_the_threshold_estimates_rows_without_reading_the_file():
    import datetime

    from openpyxl import Workbook

    from pacts.spreadsheet import PREVIEW_ASYNC_FROM_ROWS, checked_in_background
    from zorgpact.core.sheetreader import estimated_rows

    assert estimated_rows("a.csv", big_file(150)) == 151
    assert not checked_in_background("a.csv", big_file(PREVIEW_ASYNC_FROM_ROWS - 1))
    assert checked_in_background("a.csv", big_file(PREVIEW_ASYNC_FROM_ROWS + 1))
    for rows, expected in ((500, False), (3_000, True)):
        workbook = Workbook()
        for n in range(rows):
            workbook.active.append([f"Actie {n}", "Deelnemers", datetime.date(2018, 1, 1), n, "", f"m{n}.1"])
        out = io.BytesIO()
        workbook.save(out)
        assert checked_in_background("a.xlsx", out.getvalue()) is expected, rows
    assert estimated_rows("a.xlsx", b"not a zip") == 0


@pytest.mark.services
def test_a_large_file_is_checked_on_the_real_worker(celery_worker_process, client, coordinator, pact, settings):
    from pacts.spreadsheet import PREVIEW_ASYNC_FROM_ROWS

    assert not settings.CELERY_TASK_ALWAYS_EAGER
    client.force_login(coordinator)
    started = time.monotonic()
    response = upload(client, pact, big_file(PREVIEW_ASYNC_FROM_ROWS + 500))
    assert response.status_code == 302 and time.monotonic() - started < 3  # the request did not check the file
    agenda_import = AgendaImport.objects.get(pact=pact)
    deadline = time.monotonic() + 120
    while agenda_import.status == ImportStatus.CHECKING and time.monotonic() < deadline:
        time.sleep(0.5)
        agenda_import.refresh_from_db()
    assert agenda_import.status == ImportStatus.PREVIEWED, agenda_import.error
    assert agenda_import.total == 3 * (PREVIEW_ASYNC_FROM_ROWS + 500)
    assert "Wijzigingen per rij" in client.get(response.url).text
