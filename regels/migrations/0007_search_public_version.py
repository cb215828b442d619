"""The searches read a case's public version only (regels.constants.CASE_PUBLIC_FIELDS), never the reporter's
question: the full-text index (/zoeken/) and the trigram indexes of the case library's ?q= search, on PostgreSQL.
A migration of its own: PostgreSQL refuses to change a table's triggers while 0006's row changes are pending."""

from django.db import migrations

from zorgpact.core.search_sql import search_index, trigram_indexes


def drop_question_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS regels_case_question_upper_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("regels", "0006_case_public_version"),
    ]

    operations = [
        migrations.RunPython(
            search_index(
                "regels_case", [("title", "A"), ("public_question", "B"), ("public_context", "C"), ("public_text", "C")]
            ).code,
            search_index(
                "regels_case", [("title", "A"), ("question", "B"), ("public_text", "C")]
            ).code,  # back to 0003's
        ),
        migrations.RunPython(drop_question_trigram_index, trigram_indexes("regels_case", ["question"]).code),
        trigram_indexes("regels_case", ["public_question", "public_context"]),
    ]
