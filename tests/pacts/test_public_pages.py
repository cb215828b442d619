import csv
import io

import pytest

from pacts.constants import ActionStatus
from pacts.models import Pact
from tests.koplopers.factories import KoploperFactory
from tests.pacts.factories import (
    ActionFactory,
    AmbitionFactory,
    GoalFactory,
    IndicatorFactory,
    MeasurementFactory,
    PactFactory,
    ParticipationFactory,
)
from tests.zorgpact.factories import OrganisationFactory, ThemeFactory
from zorgpact.constants import EducationLevel, GovernmentLevel, Pillar
from zorgpact.models import Phase, Province

pytestmark = pytest.mark.django_db


def _full_pact(name: str, slug: str, *, n_actions: int = 3):
    pact = PactFactory(name=name, slug=slug, phase=Phase.objects.get(order=2))
    pact.provinces.add(Province.objects.get(code="ZE"))
    for _i in range(3):
        ParticipationFactory(pact=pact, organisation=OrganisationFactory(school=True))
    ParticipationFactory(pact=pact, organisation=OrganisationFactory(pillar=Pillar.CARE))
    goal = GoalFactory(ambition=AmbitionFactory(pact=pact))
    for _i in range(n_actions):
        action = ActionFactory(pact=pact, goal=goal, status=ActionStatus.RUNNING, is_public=True)
        indicator = IndicatorFactory(action=action)
        MeasurementFactory(indicator=indicator, value=30)
    return pact


def test_list_filters_by_province_and_theme(client):
    zeeland = _full_pact("Zorgpact Zeeland", "zorgpact-zeeland")
    theme = ThemeFactory(slug="leren-in-de-praktijk", name="Leren in de praktijk")
    zeeland.themes.add(theme)
    other = PactFactory(name="Zorgpact Limburg", slug="zorgpact-limburg")
    other.provinces.add(Province.objects.get(code="LI"))

    response = client.get("/regionale-zorgpacten/", {"province": "ZE"})
    assert response.status_code == 200
    assert "Zorgpact Zeeland" in response.text and "Zorgpact Limburg" not in response.text

    response = client.get("/regionale-zorgpacten/", {"theme": "leren-in-de-praktijk"})
    assert [p.slug for p in response.context["page"]] == ["zorgpact-zeeland"]


def test_unknown_filter_value_is_a_message_not_an_error(client):
    PactFactory()
    response = client.get("/regionale-zorgpacten/", {"province": "XX"})
    assert response.status_code == 200
    assert response.context["filterset"].errors


@pytest.mark.parametrize("page", ["0", "-1", "99999999999999999999", "abc"])
def test_bad_page_number_is_404(client, page):
    PactFactory()
    assert client.get("/regionale-zorgpacten/", {"page": page}).status_code == 404


def test_list_query_count_does_not_grow_with_pacts(client, django_assert_max_num_queries):
    for i in range(6):
        pact = _full_pact(f"Pact {i}", f"pact-{i}")
        pact.themes.add(ThemeFactory())
    # session-less anonymous request: pacts page (count + rows), provinces, themes, phases for the
    # form, provinces+themes prefetch = 7; navigation adds none.
    with django_assert_max_num_queries(8):
        response = client.get("/regionale-zorgpacten/")
    assert len(response.context["page"]) == 6


def test_csv_download_has_every_pact_and_neutralises_formulas(client):
    _full_pact('=HYPERLINK("x")', "formule")
    response = client.get("/regionale-zorgpacten/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][0].startswith("'=")
    assert rows[1][7] == "4"  # partners


def test_detail_shows_agenda_composition_gaps_and_koplopers(client, django_assert_max_num_queries):
    pact = _full_pact("Zorgpact Zeeland", "zorgpact-zeeland")
    Pact.objects.filter(pk=pact.pk).update(partners_complete=True)  # gaps are only flagged for a complete list
    ActionFactory(pact=pact, title="Geheime actie", is_public=False)
    KoploperFactory(name="De Zeeuwse Huiskamer", pact=pact)
    # pact, provinces, themes, participations, ambitions, goals, actions(+lead), action themes,
    # indicators, measurements, goal indicators, loose actions (+themes, indicators), koplopers, phases
    with django_assert_max_num_queries(20):
        response = client.get("/regionale-zorgpacten/zorgpact-zeeland/")
    assert response.status_code == 200
    text = response.text
    assert "Actie" in text and "Geheime actie" not in text
    assert "De Zeeuwse Huiskamer" in text
    gaps = [str(g) for g in response.context["composition"].gaps]
    assert any("vmbo" in g for g in gaps)  # schools are all mbo
    assert any("overheid" in g.lower() or "government" in g.lower() for g in gaps)


def test_detail_query_count_constant(client, django_assert_num_queries):
    _full_pact("Klein", "klein", n_actions=1)
    _full_pact("Groot", "groot", n_actions=8)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for slug in ("klein", "groot"):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/regionale-zorgpacten/{slug}/").status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_unknown_pact_is_404(client):
    assert client.get("/regionale-zorgpacten/bestaat-niet/").status_code == 404


def test_composition_flags_missing_municipality():
    from pacts.selectors import partner_composition

    class P:
        def __init__(self, organisation):
            self.organisation = organisation

    province = OrganisationFactory(pillar=Pillar.GOVERNMENT, government_level=GovernmentLevel.PROVINCE)
    school = OrganisationFactory(pillar=Pillar.EDUCATION, education_level=EducationLevel.VMBO)
    composition = partner_composition([P(province), P(school)], complete=True)
    assert any("municipality" in str(g) or "gemeente" in str(g) for g in composition.gaps)


def test_indicator_chart_has_its_numbers_in_a_table(client):
    pact = _full_pact("Grafiek", "grafiek", n_actions=1)
    indicator = pact.actions.get().indicators.get()
    MeasurementFactory(indicator=indicator, value=45)
    response = client.get("/regionale-zorgpacten/grafiek/")
    text = response.text
    assert f'aria-labelledby="indicator-{indicator.pk}-title"' in text
    assert "<polyline" in text and "<td>45</td>" in text and "<td>30</td>" in text


def test_line_chart_scales_points_inside_the_canvas():
    import datetime
    from decimal import Decimal

    from zorgpact.core.charts import line_chart

    chart = line_chart(
        [(datetime.date(2017, 1, 1), Decimal(10)), (datetime.date(2018, 1, 1), Decimal(50))],
        uid="x",
        target=Decimal(40),
        baseline=Decimal(0),
        width=300,
        height=100,
    )
    (x1, y1, *_), (x2, y2, *_) = chart.dots
    assert x1 < x2 and y2 < y1  # later and higher value: to the right and up
    assert all(0 <= v <= 300 for v in (x1, x2)) and all(0 <= v <= 100 for v in (y1, y2, chart.target_y))
    assert line_chart([], uid="y") is None
