"""Outgoing mail through a queue in the database (django-mailer), so no mail is lost and none blocks a request.

Every mail — ours and Django's own (password reset) — is written to the queue by `QueueBackend`, in the same
transaction as the data it is about: an invitation and its mail are saved together or not at all. Once that
transaction commits, the `send_queued_mail` task sends the queue (on the worker; in-process in the embedded setup).
With the mail server away a message is *deferred*, not lost: beat's `retry_deferred_mail` puts deferred mail back
in the queue and sends it again until the server answers. django-mailer keeps a record of every attempt
(`MessageLog`: sent, failed and why), pruned after MAIL_LOG_RETENTION_DAYS (docs/privacy.md).

The real transport is MAILER_EMAIL_BACKEND (the `EMAIL_BACKEND` environment variable: SMTP in production, the
console by default). The send-once keys of the tasks are rows in the database too, written with the mail.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from mailer.backend import DbBackend

from zorgpact.models import MailKey


def portal_link(path: str) -> str:
    """An absolute link for a mail: always on PORTAL_URL, never on the Host a request named (a forged Host header
    would otherwise put someone else's address into a password-reset or invitation mail)."""
    return settings.PORTAL_URL + path


class QueueBackend(DbBackend):
    """Django's EMAIL_BACKEND: queue the message in the database, and have the queue sent once this commits."""

    def send_messages(self, email_messages) -> int:
        count = super().send_messages(email_messages)
        if count:
            transaction.on_commit(send_queue_soon)
        return count


def send_queue_soon() -> None:
    from zorgpact.core.queue import enqueue
    from zorgpact.tasks import send_queued_mail

    # Broker away: sent from here instead (as before the queue); a mail server that is away too defers it.
    enqueue(send_queued_mail, run_here_if_broker_down=True)


def send_once(task=None, *, key: str, subject: str, body: str, to: str) -> bool:
    """Queue the mail unless one with this key was queued before, so a re-delivered task never mails twice.

    `task` (the calling task) is no longer needed: the queue, not the task, retries a mail server that is away.

    The key and the queued message are written in one transaction: either both are there or neither.
    """
    try:
        with transaction.atomic():
            MailKey.objects.create(key=key[:200])
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    except IntegrityError:
        return False
    return True
