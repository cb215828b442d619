"""E-mails sent by Celery tasks: at most once per key, retried when the mail server is away."""

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail

ONCE_FOR = 30 * 24 * 3600


def portal_link(path: str) -> str:
    """An absolute link for a mail: always on PORTAL_URL, never on the Host a request named (a forged Host header
    would otherwise put someone else's address into a password-reset or invitation mail)."""
    return settings.PORTAL_URL + path


def send_once(task, *, key: str, subject: str, body: str, to: str) -> bool:
    """Send unless a mail with this key was sent already, so a re-delivered task never mails twice.

    With the cache away the mail is sent anyway: one mail too many is better than none.
    """
    try:
        first = cache.add(key, True, timeout=ONCE_FOR)
    except Exception:  # noqa: BLE001 - cache unavailable
        first = True
    if not first:
        return False
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    except OSError as error:
        try:
            cache.delete(key)
        except Exception:  # noqa: BLE001 - cache unavailable: nothing to undo
            pass
        raise task.retry(exc=error) from error
    return True
