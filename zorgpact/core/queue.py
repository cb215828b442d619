"""Handing work to the Celery worker without letting a broker outage break the request that asked for it.

The data a task works on is always saved first; the task only gets a pk. When the broker (Redis) is away, kombu
gives up after a few short retries (CELERY_BROKER_CONNECTION_TIMEOUT) and we decide per task what happens: mails
are sent in-process instead, reports stay queued for the beat task that re-sends them.
"""

import logging

from celery import Task
from django.conf import settings
from django.db import transaction
from kombu.exceptions import OperationalError

log = logging.getLogger(__name__)

PROBE_TIMEOUT = 2.0


def redis_available(url: str) -> bool:
    """PING through redis-py, as kombu and the cache talk to Redis: ACL users (redis://user:password@…), TLS
    (rediss://, with ssl_* options in the query string) and databases as the URL says; one try, short timeouts."""
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    client = redis.Redis.from_url(
        url, socket_connect_timeout=PROBE_TIMEOUT, socket_timeout=PROBE_TIMEOUT, retry=Retry(NoBackoff(), 0)
    )
    try:
        return bool(client.ping())
    except redis.RedisError:
        return False
    finally:
        client.close()


def broker_available() -> bool:
    """Can a task be queued now? Probed directly: kombu's own connect retries take far longer than a visitor should
    wait."""
    url = settings.CELERY_BROKER_URL
    if not url:
        return True  # eager mode: tasks run in-process, there is no broker to lose
    if url.startswith(("redis://", "rediss://", "unix://")):
        return redis_available(url)
    from kombu import Connection

    with Connection(url, connect_timeout=PROBE_TIMEOUT) as connection:
        try:
            connection.ensure_connection(max_retries=1)
            return True
        except Exception:  # noqa: BLE001 - any failure to connect: down
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
