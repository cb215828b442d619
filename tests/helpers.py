"""Helpers shared by the tests: query plans on PostgreSQL, waiting for a real worker."""

import time

from django.db import connection


def bitmap_plan(queryset) -> str:
    """EXPLAIN of the queryset with sequential and plain index scans switched off for this transaction: test data is
    a handful of rows, for which the planner would rightly scan; only a bitmap index scan is then left to it."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def wait_for_status(obj, statuses: tuple[str, ...], *, seconds: float, interval: float = 0.2):
    """Re-read `obj` until its status is one of `statuses` (a real worker is doing the work) or `seconds` pass;
    the caller asserts the status it expects, so a timeout fails with the status it got."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        obj.refresh_from_db()
        if obj.status in statuses:
            break
        time.sleep(interval)
    return obj
