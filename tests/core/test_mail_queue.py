"""Mail through the queue in the database, delivered over real SMTP to a sink (aiosmtpd) that the test starts."""

import re
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from mailer.models import PRIORITY_DEFERRED, RESULT_FAILURE, RESULT_SUCCESS, Message, MessageLog

from tests.helpers import free_port
from zorgpact.models import User

# The send task runs in-process here (eager_tasks): these tests are about the queue and SMTP, not the broker.
pytestmark = pytest.mark.django_db


class Sink:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@pytest.fixture
def smtp(settings):
    """Real SMTP on a free port; `start()` brings the server up, until then nothing listens there (server down)."""
    port = free_port()
    settings.EMAIL_BACKEND = "zorgpact.core.mail.QueueBackend"
    settings.MAILER_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)

    class Server:
        messages = sink.messages

        @staticmethod
        def start():
            controller.start()

    yield Server
    if getattr(controller, "_thread", None) is not None:
        controller.stop()


def invite(client, pact, capture, email="nieuw@voorbeeld.test"):
    with capture(execute=True):
        return client.post(
            "/werkruimte/uitnodigen/", {"email": email, "name": "Nieuwe Coördinator", "pacts": [pact.pk]}, follow=True
        )


def test_invitation_with_smtp_down_answers_at_once_and_the_mail_follows(
    client, smtp, national_team, pact, django_capture_on_commit_callbacks, eager_tasks
):
    from zorgpact.tasks import retry_deferred_mail

    client.force_login(national_team)
    response = invite(client, pact, django_capture_on_commit_callbacks)
    assert response.status_code == 200 and "uitnodigingsmail" in response.text and "volgt" in response.text
    user = User.objects.get(email="nieuw@voorbeeld.test")
    assert pact.coordinators.filter(pk=user.pk).exists()
    queued = Message.objects.get()
    assert queued.priority == PRIORITY_DEFERRED and queued.to_addresses == ["nieuw@voorbeeld.test"]
    failure = MessageLog.objects.get()
    assert failure.result == RESULT_FAILURE and "refused" in failure.log_message.lower()  # the attempt is on record

    # Inviting again works (the first mail did not arrive): the same account, a second queued mail.
    again = invite(client, pact, django_capture_on_commit_callbacks)
    assert again.status_code == 200 and User.objects.filter(email="nieuw@voorbeeld.test").count() == 1
    assert Message.objects.count() == 2 and not smtp.messages

    smtp.start()
    retry_deferred_mail()  # beat's round
    assert len(smtp.messages) == 2 and not Message.objects.exists()
    assert [m["To"] for m in smtp.messages] == ["nieuw@voorbeeld.test"] * 2
    assert MessageLog.objects.filter(result=RESULT_SUCCESS).count() == 2  # sent, on record
    body = smtp.messages[-1].get_body().get_content()
    link = re.search(r"/account/uitnodiging/[^/\s]+/[^/\s]+/", body).group(0)
    client.logout()
    done = client.post(link, {"new_password1": "Een-goed-wachtwoord-7", "new_password2": "Een-goed-wachtwoord-7"})
    assert done.status_code == 302
    # Once the password is chosen the address is taken: a third invitation is refused.
    client.force_login(national_team)
    assert "Er is al een account" in invite(client, pact, django_capture_on_commit_callbacks).text


def test_with_smtp_up_the_mail_goes_when_the_invitation_commits(
    client, smtp, national_team, pact, django_capture_on_commit_callbacks, eager_tasks
):
    smtp.start()
    client.force_login(national_team)
    invite(client, pact, django_capture_on_commit_callbacks)
    assert len(smtp.messages) == 1 and smtp.messages[0]["Subject"] == "Uw uitnodiging voor het Zorgpact-portaal"
    assert not Message.objects.exists() and MessageLog.objects.get().result == RESULT_SUCCESS


def test_a_failed_invitation_queues_no_mail(client, smtp, national_team, django_capture_on_commit_callbacks):
    client.force_login(national_team)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/werkruimte/uitnodigen/", {"email": "x@voorbeeld.test", "name": "X"}).status_code == 400
    assert not Message.objects.exists() and not User.objects.filter(email="x@voorbeeld.test").exists()


def test_a_redelivered_task_queues_its_mail_once(smtp, eager_tasks, django_capture_on_commit_callbacks):
    from regels.tasks import send_report_confirmation
    from tests.regels.factories import CaseFactory

    case = CaseFactory(reporter_email="melder@voorbeeld.test", reporter_name="Melder")
    assert send_report_confirmation.apply(args=[case.pk]).get() is True
    assert send_report_confirmation.apply(args=[case.pk]).get() is False  # the key is in the database, not a cache
    assert Message.objects.count() == 1
