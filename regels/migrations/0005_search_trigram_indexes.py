"""Trigram indexes for the case library's ?q= search (CaseQuerySet.matching), PostgreSQL only
(zorgpact/core/search_sql.py says why they are made this way)."""

from django.db import migrations

from zorgpact.core.search_sql import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [
        ("regels", "0004_case_events"),
    ]

    operations = [trigram_indexes("regels_case", ["title", "question", "public_text"])]
