"""Trigram indexes for the search inside words ("zorg" finds "Ouderenzorg": zorgpact.core.search_text.matching), on
every searched column that had none, PostgreSQL only (zorgpact/core/search_sql.py says why they are made this way)."""

from django.db import migrations

from zorgpact.core.search_sql import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [
        ("zorgpact", "0010_theme_search_vector"),
    ]

    operations = [
        trigram_indexes("zorgpact_theme", ["name", "intro", "insights"]),
    ]
