"""Scheduled jobs by the clock, kept in the database (django-celery-beat): a freshly started beat runs each job at its
next time, not a whole interval after the start, and a beat restarted after a missed time runs the job at once."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django_celery_beat.models import PeriodicTask
from django_celery_beat.schedulers import DatabaseScheduler

from zorgpact.celery import app

# Real transactions: the scheduler commits and closes connections that are inside a transaction, as beat does.
pytestmark = pytest.mark.django_db(transaction=True)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _fresh_beat() -> dict:
    """What `celery -A zorgpact beat` sets up when it starts on an empty database: the schedule from the settings,
    written to the database tables."""
    return DatabaseScheduler(app=app).schedule


def _at(now: datetime.datetime, entry):
    entry.schedule.nowfun = lambda: now
    return entry.schedule


def test_beat_uses_the_database_scheduler():
    assert app.conf.beat_scheduler == "django_celery_beat.schedulers:DatabaseScheduler"


@pytest.mark.parametrize(
    ("job", "due"),
    [
        ("anonymise-reporters", datetime.datetime(2026, 3, 10, 3, 0, tzinfo=AMSTERDAM)),
        ("prune-audit-log", datetime.datetime(2026, 3, 10, 3, 15, tzinfo=AMSTERDAM)),
        ("monthly-national-report", datetime.datetime(2026, 4, 1, 5, 0, tzinfo=AMSTERDAM)),
        ("requeue-waiting-reports", datetime.datetime(2026, 3, 10, 2, 5, tzinfo=AMSTERDAM)),
        ("fail-stuck-reports", datetime.datetime(2026, 3, 10, 2, 10, tzinfo=AMSTERDAM)),
        ("remind-measurements-due", datetime.datetime(2026, 3, 10, 7, 0, tzinfo=AMSTERDAM)),
    ],
)
def test_a_fresh_beat_schedules_each_job_for_its_next_time(job, due):
    started = datetime.datetime(2026, 3, 10, 2, 1, tzinfo=AMSTERDAM)  # a deploy at 02:01
    entry = _fresh_beat()[job]
    schedule = _at(started, entry)
    # In UTC: the monthly run is across the switch to summer time, wall-clock arithmetic would be an hour off.
    assert started.astimezone(datetime.UTC) + schedule.remaining_estimate(started) == due.astimezone(datetime.UTC)
    is_due, next_check = schedule.is_due(started)
    assert not is_due and next_check <= (due - started).total_seconds()


def test_a_beat_restarted_after_the_time_of_a_job_runs_it_at_once():
    """Beat was down at 03:00 (a deploy); the last run is in the database; at 03:07 the job is due."""
    PeriodicTask.objects.all().delete()
    entry = _fresh_beat()["anonymise-reporters"]
    restarted = datetime.datetime(2026, 3, 10, 3, 7, tzinfo=AMSTERDAM)
    is_due, _next = _at(restarted, entry).is_due(datetime.datetime(2026, 3, 9, 3, 0, tzinfo=AMSTERDAM))
    assert is_due


def test_the_schedule_lives_in_the_database_with_the_portal_timezone():
    _fresh_beat()
    task = PeriodicTask.objects.get(name="anonymise-reporters")
    assert task.task == "regels.tasks.anonymise_reporters"
    assert (task.crontab.hour, task.crontab.minute, str(task.crontab.timezone)) == ("3", "0", "Europe/Amsterdam")
    # The last run is kept across restarts: the next beat reads it instead of starting the clock again.
    task.last_run_at = datetime.datetime(2026, 3, 10, 3, 0, tzinfo=AMSTERDAM)
    task.save()
    assert _fresh_beat()["anonymise-reporters"].last_run_at == task.last_run_at
