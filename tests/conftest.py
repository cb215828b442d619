import os

import pytest
from django.conf import settings

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def services_available() -> bool:
    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql") and bool(settings.CELERY_BROKER_URL)


def pytest_collection_modifyitems(config, items):
    if services_available():
        return
    if REQUIRE_SERVICES:
        raise pytest.UsageError(
            "REQUIRE_SERVICES=1 but DATABASE_URL (PostgreSQL) or CELERY_BROKER_URL is not set: refusing to skip."
        )
    skip = pytest.mark.skip(reason="needs PostgreSQL and Redis (set DATABASE_URL and CELERY_BROKER_URL)")
    for item in items:
        if "services" in item.keywords:
            item.add_marker(skip)


class _Worker:
    """A real Celery worker in a subprocess, on the broker and the test database, started with a given environment."""

    def __init__(self, env: dict[str, str]):
        import subprocess
        import sys
        import time
        from pathlib import Path

        from zorgpact.celery import app

        self.env = env
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "zorgpact",
                "worker",
                "-l",
                "warning",
                "-c",
                "1",
                "--pool",
                "prefork",
                "-n",
                f"test-{os.getpid()}-{id(self)}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=Path(__file__).resolve().parent.parent,
            env=env,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if app.control.ping(timeout=0.5):
                return
            assert self.proc.poll() is None, "the Celery worker exited at start"
        self.proc.kill()
        pytest.fail("the Celery worker did not answer within 30 s")

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> None:
        import signal
        import subprocess

        if not self.alive():
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=5)


def _worker_env() -> dict[str, str]:
    from django.db import connection

    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    url = f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return {**os.environ, "DATABASE_URL": url, "CELERY_BROKER_URL": settings.CELERY_BROKER_URL}


@pytest.fixture(scope="session")
def _shared_celery_worker(django_db_setup, django_db_blocker):
    """One worker for the whole session (starting and stopping one took ~12 s a test): started at first use,
    stopped before the test database is dropped (this fixture depends on its setup)."""
    holder: dict[str, _Worker] = {}
    yield holder
    if "worker" in holder:
        holder["worker"].stop()


@pytest.fixture
def celery_worker_process(transactional_db, _shared_celery_worker):
    """A real Celery worker in a subprocess, on the broker and the test database (its `.pid` is the main process).

    Shared by the tests, started again when the environment differs from the one it started with (the S3 bucket's
    settings, which a worker reads at start; two workers on one queue could take each other's tasks, so the old one
    stops first) or when it died."""
    env = _worker_env()
    worker = _shared_celery_worker.get("worker")
    if worker is None or not worker.alive() or worker.env != env:
        if worker is not None:
            worker.stop()
        _shared_celery_worker["worker"] = worker = _Worker(env)
    yield worker.proc


# --- Roles ------------------------------------------------------------------------------------------


@pytest.fixture
def pact(db):
    from tests.pacts.factories import PactFactory

    return PactFactory(name="Zorgpact Testregio", slug="zorgpact-testregio")


@pytest.fixture
def other_pact(db):
    from tests.pacts.factories import PactFactory

    return PactFactory(name="Zorgpact Andere Regio", slug="zorgpact-andere-regio")


@pytest.fixture
def coordinator(pact):
    from tests.zorgpact.factories import UserFactory

    user = UserFactory(email="coordinator@test.nl", name="Coördinator Testregio")
    pact.coordinators.add(user)
    return user


@pytest.fixture
def other_coordinator(other_pact):
    from tests.zorgpact.factories import UserFactory

    user = UserFactory(email="andere@test.nl", name="Coördinator Andere Regio")
    other_pact.coordinators.add(user)
    return user


@pytest.fixture
def ministry_staff(db):
    from tests.zorgpact.factories import UserFactory

    return UserFactory(email="medewerker@vws.test", name="Medewerker VWS", ministry="VWS")


@pytest.fixture
def national_team(db):
    from tests.zorgpact.factories import UserFactory

    return UserFactory(email="team@zorgpact.test", name="Landelijk team", is_national_team=True)


@pytest.fixture
def anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


@pytest.fixture
def superuser(db):
    from tests.zorgpact.factories import UserFactory

    return UserFactory(email="beheer@zorgpact.test", name="Beheerder", is_superuser=True, is_staff=True)


# The roles `client_as` signs in, by the fixture that makes each one's user.
ROLE_FIXTURES = {
    "coordinator": "coordinator",  # a pact coordinator, of the `pact` fixture
    "other_coordinator": "other_coordinator",  # the coordinator of `other_pact`: someone else
    "koploper_coordinator": "koploper_coordinator",
    "ministry": "ministry_staff",  # a ministry reader (VWS)
    "national_team": "national_team",
    "superuser": "superuser",
}


@pytest.fixture
def client_as(request, db):
    """A fresh test client signed in as a role: `client_as("coordinator")`; "anonymous" is signed out. Roles:
    anonymous, coordinator, other_coordinator, koploper_coordinator, ministry, national_team, superuser. The
    client's `user` is who it is signed in as (the fixture's own user, so tests can use it too)."""
    from django.test import Client

    def sign_in(role: str) -> Client:
        client = Client()
        if role == "anonymous":
            client.user = None
            return client
        if role not in ROLE_FIXTURES:
            raise ValueError(f"unknown role {role!r}; known: anonymous, {', '.join(ROLE_FIXTURES)}")
        client.user = request.getfixturevalue(ROLE_FIXTURES[role])
        client.force_login(client.user)
        return client

    return sign_in


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits and caches live in the shared cache: every test starts with an empty one."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def vocabulary(transactional_db):
    """Transactional tests flush the database, data migrations included: put the provinces and phases back."""
    import importlib

    from django.apps import apps

    importlib.import_module("zorgpact.migrations.0002_provinces_and_phases").forwards(apps, None)


@pytest.fixture
def koploper_coordinator(db):
    from tests.koplopers.factories import KoploperFactory, KoploperPartnerFactory
    from tests.zorgpact.factories import OrganisationFactory, UserFactory

    user = UserFactory(email="koploper@test.nl", name="Coördinator Koploper")
    koploper = KoploperFactory(name="De Testkamer", slug="de-testkamer")
    KoploperPartnerFactory(koploper=koploper, organisation=OrganisationFactory(school=True))
    KoploperPartnerFactory(koploper=koploper, organisation=OrganisationFactory())
    koploper.coordinators.add(user)
    return user


@pytest.fixture(autouse=True)
def _vocabulary_present(request):
    """Provinces and phases come from a data migration; a transactional test elsewhere flushes them. Put them back
    for every database test, so no test depends on the order the suite runs in."""
    uses_db = request.node.get_closest_marker("django_db") or {
        "db",
        "transactional_db",
        "client",
        "admin_client",
    } & set(request.fixturenames)
    if not uses_db:
        return
    marker = request.node.get_closest_marker("django_db")
    transactional = "transactional_db" in request.fixturenames or (marker and marker.kwargs.get("transaction"))
    request.getfixturevalue("transactional_db" if transactional else "db")
    from zorgpact.models import Phase, Province

    if Province.objects.count() == 12 and Phase.objects.count() == 4:
        return
    import importlib

    from django.apps import apps

    importlib.import_module("zorgpact.migrations.0002_provinces_and_phases").forwards(apps, None)


@pytest.fixture
def eager_tasks():
    """Run Celery tasks in the test process: for tests about what a task does, not how it travels.

    How it travels is proved by the integration tests with a real worker on Redis (marked `services`).
    """
    from zorgpact.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _page_cache_off(settings, request):
    """Most tests change data through the ORM between requests inside the test's transaction, which never commits, and
    the page cache starts a new generation only after a commit. Tests of the cache itself ask for `page_cache`."""
    settings.PAGE_CACHE = settings.FRAGMENT_CACHE = "page_cache" in request.fixturenames


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE = settings.FRAGMENT_CACHE = True
    settings.PORTAL_URL = "http://testserver"  # the page cache keeps the pages of the canonical origin only


@pytest.fixture(autouse=True)
def _default_language():
    """A request through LocaleMiddleware leaves its language active in the thread after the response; the next test
    must not inherit a visitor's English."""
    from django.utils import translation

    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _force_login_passes_second_factor(request, monkeypatch):
    """Staff must pass a second factor (zorgpact/twofactor.py). Tests that sign someone in with `force_login` are
    about what that person then does, so here — and only in tests — force_login also marks the session as having
    passed it (tests.helpers.mark_second_factor_done). The tests of two-factor sign-in ask for `second_factor_enforced`
    and sign in through the real screens with a computed TOTP code."""
    if "second_factor_enforced" in request.fixturenames:
        return
    from django.test import Client

    from tests.helpers import mark_second_factor_done
    from zorgpact.permissions import needs_second_factor

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        if needs_second_factor(user):
            mark_second_factor_done(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def second_factor_enforced():
    """force_login stays plain Django: a staff session then still owes its second factor."""
