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


def production_env(tmp_path, **extra: str) -> dict[str, str]:
    """The environment of a production process, as the image runs it: DEBUG off, a real key, the host named, its
    own SQLite database under tmp_path; no broker or cache (those have tests of their own)."""
    import os

    skip = {"DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE", "CELERY_BROKER_URL", "CACHE_URL"}
    return {
        **{k: v for k, v in os.environ.items() if k not in skip},
        "DJANGO_SETTINGS_MODULE": "zorgpact.settings",
        "DEBUG": "false",
        "SECRET_KEY": "k7#Qm2!vX9zL$w4pR8tY1uI0oP6aS5dF3gH_jK=lZ+xC*vB&nM%q",
        "ALLOWED_HOSTS": "zorgpact.example",
        "DATABASE_URL": f"sqlite:///{tmp_path}/deploy.sqlite3",
        **extra,
    }


def free_port() -> int:
    """A TCP port nothing listens on now, for a server a test starts (SMTP sink, S3)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ThrowawayRedis:
    """A redis-server of our own on a free port, so stopping it disturbs nothing else on the machine.

    acl_user=("name", "password") turns the default user off and allows only that user; tls=True serves TLS only
    (a self-signed certificate made with openssl, whose path is in `ca_file`) and its URLs are rediss:// ones."""

    def __init__(self, *, acl_user: tuple[str, str] | None = None, tls: bool = False, workdir=None):
        self.port = free_port()
        self.acl_user, self.tls, self.workdir = acl_user, tls, workdir
        self.ca_file = None
        self.proc = None

    @property
    def url(self) -> str:
        auth = f"{self.acl_user[0]}:{self.acl_user[1]}@" if self.acl_user else ""
        return f"{'rediss' if self.tls else 'redis'}://{auth}127.0.0.1:{self.port}"

    def url_for(self, db: int) -> str:
        return f"{self.url}/{db}" + (f"?ssl_ca_certs={self.ca_file}" if self.tls else "")

    def _certificate(self) -> list[str]:
        import subprocess
        import tempfile
        from pathlib import Path

        folder = Path(self.workdir or tempfile.mkdtemp(prefix="redis-tls-"))
        cert, key = folder / "redis.crt", folder / "redis.key"
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1",
                "-keyout",
                str(key),
                "-out",
                str(cert),
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )
        self.ca_file = str(cert)
        return [
            "--port",
            "0",
            "--tls-port",
            str(self.port),
            "--tls-cert-file",
            str(cert),
            "--tls-key-file",
            str(key),
            "--tls-ca-cert-file",
            str(cert),
            "--tls-auth-clients",
            "no",
        ]

    def start(self):
        import shutil
        import socket
        import subprocess

        import pytest

        binary = shutil.which("redis-server")
        if binary is None:
            pytest.fail("redis-server is not installed (.ci/run installs it)")
        args = [binary, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        args += self._certificate() if self.tls else ["--port", str(self.port)]
        if self.acl_user:
            name, password = self.acl_user
            args += ["--user", "default", "off", "--user", name, "on", f">{password}", "~*", "&*", "+@all"]
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        pytest.fail("the throwaway redis-server did not start")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
