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
