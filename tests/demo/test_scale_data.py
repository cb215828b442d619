import pytest
from django.core.management import call_command
from django.db import connection

from koplopers.models import Koploper, check_partnership
from pacts.models import Action, Pact
from regels.models import Case
from zorgpact.demo.scale import generate_scale_data
from zorgpact.models import Organisation

pytestmark = pytest.mark.django_db


def test_scale_one_is_the_size_of_the_real_programme(capsys):
    call_command("generate_scale_data", "--scale", "1")
    assert Pact.objects.count() == 17 and Organisation.objects.count() == 1100 and Action.objects.count() == 106
    assert Koploper.objects.count() == 80 and Case.objects.count() == 70
    assert "seconds:" in capsys.readouterr().out
    assert (
        Case.objects.filter(outcome="within_rules").count() == 59
        and Case.objects.filter(outcome="rule_changed").count() == 1
    )
    adopted = Koploper.objects.adopted().count()
    assert 50 <= adopted <= 56  # about two thirds


def test_generated_data_is_labelled_and_valid():
    generate_scale_data(scale=1)
    assert not Organisation.objects.filter(is_synthetic=False).exists()
    assert all("Voorbeeld" in name for name in Pact.objects.values_list("name", flat=True))
    for koploper in Koploper.objects.prefetch_related("partners__organisation")[:80]:
        check_partnership([p.organisation for p in koploper.partners.all()])


def test_each_run_adds_a_new_set_without_collisions():
    generate_scale_data(scale=1)
    generate_scale_data(scale=1)
    assert Pact.objects.count() == 34 and Koploper.objects.count() == 160


def test_home_page_figures_equal_the_database_after_scale_one(client):
    generate_scale_data(scale=1)
    figures = client.get("/").context["figures"]
    # Scale data is synthetic: none of it is a real figure, all of it is on the "of which fictional" line.
    assert (
        figures["pacts"]
        == figures["organisations"]
        == figures["actions"]
        == figures["koplopers"]
        == figures["cases"]
        == 0
    )
    fictional = figures["fictional"]
    assert fictional["pacts"] == Pact.objects.count() == 17
    assert fictional["organisations"] == Organisation.objects.count()
    assert fictional["actions"] == Action.objects.active().count()
    assert fictional["koplopers"] == Koploper.objects.published().count()
    assert fictional["cases"] == Case.objects.filter(status="published").count()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="planner statistics are PostgreSQL's")
def test_the_planner_knows_the_new_sizes_after_a_bulk_load():
    """Without ANALYZE after the load, PostgreSQL plans for nearly empty tables until autovacuum runs."""
    call_command("generate_scale_data", "--scale", "1")
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'zorgpact_organisation'")
        assert cursor.fetchone()[0] >= 1000
