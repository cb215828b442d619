"""Trigram indexes for the search inside words ("zorg" finds "Ouderenzorg": zorgpact.core.search_text.matching), on
every searched column that had none, PostgreSQL only (zorgpact/core/search_sql.py says why they are made this way)."""

from django.db import migrations

from zorgpact.core.search_sql import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [
        ("regels", "0008_unknown_outcome_ministries"),
    ]

    operations = [
        trigram_indexes("regels_case", ["public_question", "public_context"]),
        trigram_indexes("regels_scheme", ["name", "summary", "eligibility"]),
    ]
