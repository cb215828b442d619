"""SQL for the full-text search index on PostgreSQL: a trigger that fills `search_vector` and a GIN index.

A trigger (not save() or a signal) so that every write path keeps the index current, bulk inserts included.
Used by the apps' migrations; does nothing on other databases.
"""

from django.db import migrations


def _function(table: str, columns: list[tuple[str, str]]) -> str:
    parts = " || ".join(
        f"setweight(to_tsvector('dutch', coalesce(NEW.{column}, '')), '{weight}')" for column, weight in columns
    )
    return f"""
        CREATE OR REPLACE FUNCTION {table}_search_update() RETURNS trigger AS $$
        BEGIN
            NEW.search_vector := {parts};
            RETURN NEW;
        END
        $$ LANGUAGE plpgsql;
        DROP TRIGGER IF EXISTS {table}_search ON {table};
        CREATE TRIGGER {table}_search BEFORE INSERT OR UPDATE ON {table}
            FOR EACH ROW EXECUTE FUNCTION {table}_search_update();
        CREATE INDEX IF NOT EXISTS {table}_search_gin ON {table} USING gin (search_vector);
        UPDATE {table} SET search_vector = NULL;
    """


def search_index(table: str, columns: list[tuple[str, str]]) -> migrations.RunPython:
    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(_function(table, columns))

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(
                f"DROP TRIGGER IF EXISTS {table}_search ON {table}; DROP FUNCTION IF EXISTS {table}_search_update();"
                f" DROP INDEX IF EXISTS {table}_search_gin;"
            )

    return migrations.RunPython(forwards, backwards)


def trigram_indexes(table: str, columns: list[str]) -> migrations.RunPython:
    """GIN trigram indexes for the ?q= search, on exactly the expression Django's `icontains` produces on PostgreSQL:
    `UPPER("col"::text) LIKE UPPER('%...%')`, so the LIKE is served by a bitmap index scan instead of a sequential scan.

    Not in Meta.indexes: a GinIndex fails to migrate on SQLite, where the portal also runs. Not
    django.contrib.postgres's TrigramExtension either: its reverse would drop pg_trgm, which other apps' indexes use,
    and it fails on SQLite. Reversing drops the indexes, never the extension.
    """

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for column in columns:
            schema_editor.execute(
                f'CREATE INDEX IF NOT EXISTS {table}_{column}_upper_trgm ON "{table}" '
                f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
            )

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for column in columns:
            schema_editor.execute(f"DROP INDEX IF EXISTS {table}_{column}_upper_trgm")

    return migrations.RunPython(forwards, backwards, elidable=False)
