"""Trigram indexes for the catalogue's ?q= search (KoploperQuerySet.matching), PostgreSQL only
(zorgpact/core/search_sql.py says why they are made this way)."""

from django.db import migrations

from zorgpact.core.search_sql import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [
        ("koplopers", "0002_search_vector"),
    ]

    operations = [trigram_indexes("koplopers_koploper", ["name", "summary", "description"])]
