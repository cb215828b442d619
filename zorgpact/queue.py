"""Handing work to the Celery worker without letting a broker outage break the request that asked for it.

The data a task works on is always saved first; the task only gets a pk. When the broker (Redis) is away, kombu
gives up after a few short retries (CELERY_BROKER_CONNECTION_TIMEOUT) and we decide per task what happens: mails
are sent in-process instead, reports stay queued for the beat task that re-sends them.
"""

import logging
import socket
from urllib.parse import urlparse

from celery import Task
from django.conf import settings
from django.db import transaction
from kombu.exceptions import OperationalError

log = logging.getLogger(__name__)

PROBE_TIMEOUT = 2.0


def broker_available() -> bool:
    """A raw PING on the broker's socket: kombu's own connect retries take far longer than a visitor should wait."""
    url = settings.CELERY_BROKER_URL
    if not url:
        return True  # eager mode: tasks run in-process, there is no broker to lose
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "localhost", parsed.port or 6379), timeout=PROBE_TIMEOUT) as s:
            s.settimeout(PROBE_TIMEOUT)
            if parsed.password:
                s.sendall(f"AUTH {parsed.password}\r\n".encode())
                s.recv(64)
            s.sendall(b"PING\r\n")
            return s.recv(64).startswith(b"+PONG")
    except OSError:
        return False


def enqueue(task: Task, *args, run_here_if_broker_down: bool) -> bool:
    """Queue the task now; True when the broker took it."""
    try:
        task.delay(*args)
        return True
    except OperationalError:
        log.warning("broker unavailable: could not queue %s%r", task.name, args)
        if run_here_if_broker_down:
            task.apply(args=args)
        return False


def enqueue_on_commit(task: Task, *args, run_here_if_broker_down: bool) -> None:
    """Queue the task once the current transaction has committed, so the worker finds what it is asked about."""
    transaction.on_commit(lambda: enqueue(task, *args, run_here_if_broker_down=run_here_if_broker_down))
