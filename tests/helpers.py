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


# --- Two-factor sign-in ---------------------------------------------------------------------------------------


def totp_code(device, *, at: float | None = None) -> str:
    """The code an authenticator app holding this device's key shows now (computed here, as the app would)."""
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if at is not None:
        totp.time = at
    return f"{totp.token():0{device.digits}d}"


def app_device(user, key: str = "3132333435363738393031323334353637383930"):
    """A confirmed authenticator app for the user, with a known key (the RFC 6238 test key unless given)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "test app", "key": key})
    return device


def mark_second_factor_done(client, user) -> None:
    """Test helper, never production: the client's session counts as having passed the second factor, as if the
    user had entered their app's code. Used by `force_login` in tests (see tests/conftest.py)."""
    from django_otp import DEVICE_ID_SESSION_KEY

    session = client.session
    session[DEVICE_ID_SESSION_KEY] = app_device(user).persistent_id
    session.save()


def free_port() -> int:
    """A TCP port nothing listens on now, for a server a test starts (SMTP sink, S3)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
