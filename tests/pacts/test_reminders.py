"""One reminder per measurement that is due (issue 19.2): each coordinator gets one mail listing the due indicators
of their own pacts, with links on PORTAL_URL; what was reminded is recorded, so a rerun sends nothing and a later due
date reminds again."""

import datetime

import pytest
from django.core import mail

from pacts.constants import Rhythm
from pacts.models import MeasurementReminder
from pacts.services import send_measurement_reminders
from pacts.tasks import remind_measurements_due
from tests.pacts.factories import ActionFactory, IndicatorFactory, MeasurementFactory
from tests.zorgpact.factories import UserFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)


@pytest.fixture(autouse=True)
def portal_url(settings):
    settings.PORTAL_URL = "https://zorgpact.example"


def measured_indicator(pact, *, name, measured_on, rhythm=Rhythm.QUARTERLY):
    indicator = IndicatorFactory(action=ActionFactory(pact=pact), name=name, rhythm=rhythm)
    MeasurementFactory(indicator=indicator, measured_on=measured_on)
    return indicator


def test_each_coordinator_gets_one_mail_with_the_due_indicators_of_their_pact(pact, coordinator, other_pact):
    second = UserFactory(email="tweede@test.nl", name="Tweede Coördinator")
    pact.coordinators.add(second)
    measured_indicator(pact, name="Stageplaatsen", measured_on=datetime.date(2026, 1, 10))  # due 10 April: overdue
    measured_indicator(pact, name="Zij-instromers", measured_on=datetime.date(2026, 3, 20))  # due 20 June: soon
    measured_indicator(pact, name="Vers gemeten", measured_on=datetime.date(2026, 6, 1))  # due 1 September: not yet
    measured_indicator(other_pact, name="Andermans indicator", measured_on=datetime.date(2025, 1, 1))
    assert send_measurement_reminders(today=TODAY) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["coordinator@test.nl", "tweede@test.nl"]
    message = next(m for m in mail.outbox if m.to == ["coordinator@test.nl"])
    assert message.subject == "Metingen aan de beurt in het Zorgpact-portaal"
    body = message.body
    assert "Beste Coördinator Testregio," in body and "Zorgpact Testregio" in body
    assert "- Stageplaatsen (aan de beurt sinds 10 april 2026)" in body
    assert "- Zij-instromers (aan de beurt op 20 juni 2026)" in body
    assert "Vers gemeten" not in body and "Andermans indicator" not in body
    links = [word for word in body.split() if "://" in word]
    assert links == ["https://zorgpact.example/werkruimte/pacten/zorgpact-testregio/"], links
    assert MeasurementReminder.objects.count() == 2


def test_a_second_run_the_same_or_next_day_sends_nothing(pact, coordinator):
    measured_indicator(pact, name="Stageplaatsen", measured_on=datetime.date(2026, 1, 10))
    assert send_measurement_reminders(today=TODAY) == 1
    assert send_measurement_reminders(today=TODAY) == 0
    assert send_measurement_reminders(today=TODAY + datetime.timedelta(days=1)) == 0
    assert len(mail.outbox) == 1


def test_the_coordinator_of_another_pact_gets_nothing(pact, coordinator, other_coordinator):
    measured_indicator(pact, name="Stageplaatsen", measured_on=datetime.date(2026, 1, 10))
    send_measurement_reminders(today=TODAY)
    assert [m.to for m in mail.outbox] == [["coordinator@test.nl"]]


def test_a_pact_without_coordinators_reminds_nobody_and_records_nothing(pact):
    measured_indicator(pact, name="Stageplaatsen", measured_on=datetime.date(2026, 1, 10))
    assert send_measurement_reminders(today=TODAY) == 0
    assert mail.outbox == [] and not MeasurementReminder.objects.exists()


def test_a_new_measurement_moves_the_due_date_and_the_next_due_date_reminds_again(pact, coordinator):
    indicator = measured_indicator(pact, name="Stageplaatsen", measured_on=datetime.date(2026, 1, 10))
    send_measurement_reminders(today=TODAY)
    MeasurementFactory(indicator=indicator, measured_on=datetime.date(2026, 6, 10))  # next due 10 September
    assert send_measurement_reminders(today=TODAY) == 0
    later = datetime.date(2026, 9, 1)
    assert send_measurement_reminders(today=later) == 1
    assert "aan de beurt op 10 september 2026" in mail.outbox[-1].body
    assert sorted(MeasurementReminder.objects.values_list("due_on", flat=True)) == [
        datetime.date(2026, 4, 10),
        datetime.date(2026, 9, 10),
    ]


def test_never_measured_is_reminded_once_and_archived_indicators_not_at_all(pact, coordinator):
    IndicatorFactory(action=ActionFactory(pact=pact), name="Nog nooit gemeten")
    archived = measured_indicator(pact, name="Gearchiveerd", measured_on=datetime.date(2026, 1, 10))
    archived.archived_at = datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC)
    archived.save()
    on_archived_action = measured_indicator(pact, name="Van gearchiveerde actie", measured_on=datetime.date(2026, 1, 1))
    on_archived_action.action.archived_at = archived.archived_at
    on_archived_action.action.save()
    assert send_measurement_reminders(today=TODAY) == 1
    assert send_measurement_reminders(today=TODAY) == 0
    body = mail.outbox[0].body
    assert "- Nog nooit gemeten (nog nooit gemeten)" in body
    assert "Gearchiveerd" not in body and "Van gearchiveerde actie" not in body


def test_one_mail_for_a_coordinator_of_two_pacts(pact, other_pact, coordinator):
    other_pact.coordinators.add(coordinator)
    measured_indicator(pact, name="Stageplaatsen", measured_on=datetime.date(2026, 1, 10))
    measured_indicator(other_pact, name="Leerwerkplekken", measured_on=datetime.date(2026, 1, 10))
    assert send_measurement_reminders(today=TODAY) == 1
    body = mail.outbox[0].body
    assert "Zorgpact Andere Regio" in body and "Zorgpact Testregio" in body
    assert "/werkruimte/pacten/zorgpact-andere-regio/" in body and "Leerwerkplekken" in body


def test_the_daily_task_sends_the_reminders(pact, coordinator, eager_tasks):
    measured_indicator(pact, name="Stageplaatsen", measured_on=datetime.date(2025, 1, 10))
    assert remind_measurements_due.delay().get() == 1
    assert remind_measurements_due.delay().get() == 0
    assert len(mail.outbox) == 1


def test_the_pact_workspace_shows_when_the_reminder_was_sent(client, pact, coordinator):
    measured_indicator(pact, name="Stageplaatsen", measured_on=datetime.date(2025, 1, 10))
    client.force_login(coordinator)
    assert "nog niet verstuurd" in client.get("/werkruimte/pacten/zorgpact-testregio/").content.decode()
    send_measurement_reminders()
    page = client.get("/werkruimte/pacten/zorgpact-testregio/").content.decode()
    assert "nog niet verstuurd" not in page and "verstuurd op" in page


def test_the_reminder_reads_what_the_pact_workspace_lists_as_due(client, pact, coordinator):
    from pacts.constants import IndicatorKind
    from pacts.selectors import due_in_pacts
    from tests.pacts.factories import AmbitionFactory, GoalFactory

    measured_indicator(pact, name="Stageplaatsen", measured_on=datetime.date(2025, 1, 10))
    goal = GoalFactory(ambition=AmbitionFactory(pact=pact))
    IndicatorFactory(action=None, goal=goal, kind=IndicatorKind.EFFECT, name="Effect")
    archived_ambition = AmbitionFactory(pact=pact, archived_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
    IndicatorFactory(action=None, goal=GoalFactory(ambition=archived_ambition), kind=IndicatorKind.EFFECT)
    client.force_login(coordinator)
    listed = [d["indicator"].pk for d in client.get("/werkruimte/pacten/zorgpact-testregio/").context["due"]]
    assert len(listed) == 2
    assert [d["indicator"].pk for d in due_in_pacts(pact)] == listed


def test_the_mail_is_queued_with_the_records_and_sent_only_after_the_commit(
    pact, coordinator, settings, django_capture_on_commit_callbacks
):
    from mailer.models import Message

    settings.EMAIL_BACKEND = "zorgpact.core.mail.QueueBackend"  # the portal's own backend (the suite's is locmem)
    measured_indicator(pact, name="Stageplaatsen", measured_on=datetime.date(2026, 1, 10))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send_measurement_reminders(today=TODAY)
    queued = Message.objects.get()
    assert queued.to_addresses == ["coordinator@test.nl"] and "Stageplaatsen" in queued.email.body
    assert mail.outbox == [] and callbacks  # nothing left before the commit; the commit sends the queue


def test_the_admin_lists_reminders_read_only(client, pact, coordinator, superuser):
    measured_indicator(pact, name="Stageplaatsen", measured_on=datetime.date(2026, 1, 10))
    send_measurement_reminders(today=TODAY)
    reminder = MeasurementReminder.objects.get()
    client.force_login(superuser)
    listing = client.get("/admin/pacts/measurementreminder/")
    assert listing.status_code == 200 and "Stageplaatsen" in listing.content.decode()
    assert client.get("/admin/pacts/measurementreminder/add/").status_code == 403
    before = (reminder.indicator_id, reminder.due_on, reminder.sent_at)
    client.post(f"/admin/pacts/measurementreminder/{reminder.pk}/change/", {"due_on": "2030-01-01"})
    reminder.refresh_from_db()
    assert (reminder.indicator_id, reminder.due_on, reminder.sent_at) == before
