"""History in words (issue 20.9): labels and display values, never raw values; many-to-many themes included."""

import datetime

import pytest
from django.utils import translation

from tests.pacts.factories import PactFactory
from zorgpact.core.history import field_changes
from zorgpact.models import Phase, Theme

pytestmark = pytest.mark.django_db


def texts(obj) -> list[str]:
    with translation.override("nl"):
        return [c["text"] for entry in field_changes(obj) for c in entry["changes"]]


def test_a_change_reads_as_labels_and_display_values(client, coordinator, pact):
    first, second = Phase.objects.order_by("order")[:2]
    pact.phase, pact.is_platform, pact.started_on = first, False, None
    pact.save()
    pact.phase, pact.is_platform, pact.started_on = second, True, datetime.date(2018, 3, 1)
    pact.save()
    theme = Theme.objects.create(name="Leven lang ontwikkelen", slug="leven-lang-ontwikkelen")
    pact.themes.add(theme)
    lines = texts(pact)
    assert f"Fase: {first} → {second}" in lines
    assert "Platform: Nee → Ja" in lines
    assert any(line.startswith("Gestart op") or "1 maart 2018" in line for line in lines), lines
    assert "1 maart 2018" in " ".join(lines) and "niet bekend → 1 maart 2018" in " ".join(lines)
    assert "Thema's: Leven lang ontwikkelen toegevoegd" in lines
    pact.themes.remove(theme)
    assert "Thema's: Leven lang ontwikkelen verwijderd" in texts(pact)
    client.force_login(coordinator)
    page = client.get(f"/werkruimte/pacten/{pact.slug}/geschiedenis/pact/{pact.pk}/").content.decode()
    assert "Leven lang ontwikkelen toegevoegd" in page and "True" not in page and f">{second.pk}<" not in page


def test_no_raw_values_for_any_changed_field(pact):
    other = PactFactory(name="Zorgpact Nog Een", slug="zorgpact-nog-een")
    for field in ("is_projecttrekker", "is_podium"):
        setattr(other, field, True)
    other.save()
    lines = texts(other)
    assert lines and all("True" not in line and "False" not in line for line in lines)
