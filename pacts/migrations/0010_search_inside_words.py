"""Trigram indexes for the search inside words ("zorg" finds "Ouderenzorg": zorgpact.core.search_text.matching), on
every searched column that had none, PostgreSQL only (zorgpact/core/search_sql.py says why they are made this way)."""

from django.db import migrations

from zorgpact.core.search_sql import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [
        ("pacts", "0009_measurement_reminder"),
    ]

    operations = [
        trigram_indexes("pacts_pact", ["name", "region", "ambition_text"]),
        trigram_indexes("pacts_action", ["title", "description"]),
        trigram_indexes("pacts_ambition", ["title"]),
        trigram_indexes("pacts_goal", ["title", "intended_effect"]),
    ]
