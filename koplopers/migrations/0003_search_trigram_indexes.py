"""Trigram indexes for the catalogue's ?q= search (KoploperQuerySet.matching), PostgreSQL only.

Django turns `name__icontains=...` into `UPPER("koplopers_koploper"."name"::text) LIKE UPPER(%s)` on PostgreSQL; a
GIN index on exactly that expression with gin_trgm_ops serves the LIKE '%...%' instead of a sequential scan.
Not in Meta.indexes: a GinIndex fails to migrate on SQLite, where the portal also runs. Not
django.contrib.postgres's TrigramExtension either: its reverse would drop pg_trgm (also used by regels) and fails
on SQLite. So the SQL runs only when the connection is PostgreSQL; reversing drops the indexes, not the extension.
"""

from django.db import migrations

TABLE = "koplopers_koploper"
COLUMNS = ["name", "summary", "description"]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {TABLE}_{column}_upper_trgm ON "{TABLE}" USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {TABLE}_{column}_upper_trgm")


class Migration(migrations.Migration):

    dependencies = [
        ("koplopers", "0002_search_vector"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
