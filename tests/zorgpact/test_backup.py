"""make backup / make restore: a restore into a fresh database has the same rows in every table."""

import os
import subprocess
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.services]


def url(name: str) -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def fingerprint(database_url: str) -> dict[str, tuple[int, str]]:
    """Row count and a checksum of the sorted rows, per table."""
    import psycopg2

    with psycopg2.connect(database_url) as conn, conn.cursor() as cur:
        cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        tables = [t for (t,) in cur.fetchall()]
        result = {}
        for table in tables:
            cur.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM \"{table}\" t"
            )
            result[table] = cur.fetchone()
    return result


def test_restore_into_a_fresh_database_gives_the_same_tables(
    transactional_db, vocabulary, tmp_path, settings, eager_tasks
):
    """The demo's report is built in this process (eager_tasks), not by the suite's shared worker: a worker building it
    between the dump and the comparison would change the very rows being compared."""
    from zorgpact.demo.loader import load_demo_data

    settings.MEDIA_ROOT = tmp_path / "media"
    load_demo_data()
    (tmp_path / "media" / "reports").mkdir(parents=True, exist_ok=True)  # the report built it already
    (tmp_path / "media" / "reports" / "x.pdf").write_bytes(b"%PDF-1.7 test")
    source = url(connection.settings_dict["NAME"])
    env = {**os.environ, "DATABASE_URL": source, "MEDIA_ROOT": str(tmp_path / "media")}
    backup = tmp_path / "backup"
    subprocess.run(["bash", "bin/backup.sh", str(backup)], cwd=ROOT, env=env, check=True, capture_output=True)

    fresh = f"{connection.settings_dict['NAME']}_restored"
    admin = url("postgres")
    import psycopg2

    conn = psycopg2.connect(admin)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        cur.execute(f'CREATE DATABASE "{fresh}"')
    try:
        restored_media = tmp_path / "restored-media"
        env = {**os.environ, "DATABASE_URL": url(fresh), "MEDIA_ROOT": str(restored_media)}
        subprocess.run(["bash", "bin/restore.sh", str(backup)], cwd=ROOT, env=env, check=True, capture_output=True)
        original, restored = fingerprint(source), fingerprint(url(fresh))
        assert restored == original
        assert original["pacts_pact"][0] >= 15 and original["koplopers_koploper"][0] == 23
        assert (restored_media / "reports" / "x.pdf").read_bytes() == b"%PDF-1.7 test"
    finally:
        with conn.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        conn.close()
