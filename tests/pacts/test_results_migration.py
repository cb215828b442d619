"""The results migration on existing data: the three target-group booleans become a list, unknown stays unknown."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("pacts", "0006_agenda_import_checking")]
AFTER = [("pacts", "0007_results_rhythm_weight_target_groups")]


@pytest.mark.django_db(transaction=True)
def test_existing_goals_keep_their_groups_and_unticked_ones_become_not_known():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    pact = apps.get_model("pacts", "Pact").objects.create(name="Migratiepact", slug="migratiepact")
    ambition = apps.get_model("pacts", "Ambition").objects.create(pact=pact, title="Ambitie")
    Goal = apps.get_model("pacts", "Goal")
    named = Goal.objects.create(ambition=ambition, title="Genoemd", for_students=True, for_care_workers=True)
    unticked = Goal.objects.create(ambition=ambition, title="Niets aangevinkt")
    indicator = apps.get_model("pacts", "Indicator").objects.create(goal=named, kind="effect", name="Effect")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    Goal = apps.get_model("pacts", "Goal")
    assert Goal.objects.get(pk=named.pk).target_groups == ["students", "care_workers"]
    assert Goal.objects.get(pk=unticked.pk).target_groups is None  # False was the default: not known
    migrated = apps.get_model("pacts", "Indicator").objects.get(pk=indicator.pk)
    assert migrated.rhythm is None and migrated.weight == 1 and migrated.target_group == ""

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # back to the latest state for the tests after this one
