"""Results that add up (issue 19): the same roll-up on every surface, bad input refused in Dutch, rhythm and effects."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from pacts.constants import ProgressGap, Rhythm, Verdict
from pacts.models import Goal, Indicator, Measurement, Pact
from pacts.selectors import results_of
from tests.pacts.factories import ActionFactory, AmbitionFactory, GoalFactory, IndicatorFactory, MeasurementFactory
from volgspot.constants import ReportScope
from volgspot.reports import report_data
from volgspot.selectors import Filters, national_dashboard
from zorgpact.demo.loader import load_demo_data
from zorgpact.tokens import create_token

pytestmark = pytest.mark.django_db


def test_pact_page_api_dashboards_and_report_give_the_same_progress(client, ministry_staff):
    load_demo_data()
    pact = Pact.objects.get(slug="zorgpact-oefenregio-fictief")
    today = timezone.localdate()
    expected = results_of(pact).pact
    assert expected.progress is not None and expected.based_on > 0  # the fictional agenda is measured

    page = client.get(pact.get_absolute_url())
    assert page.context["tree"]["pact"] == expected
    assert f"{expected.percent}%" in page.content.decode()

    api = client.get(f"/api/v1/pacts/{pact.slug}/").json()
    listed = {p["slug"]: p for p in client.get("/api/v1/pacts/", {"page_size": 100}).json()["results"]}
    for row in (api, listed[pact.slug]):
        assert (row["progress"], row["based_on"], row["stale"]) == (
            expected.percent,
            expected.based_on,
            expected.stale,
        )
    real = listed["zorgpact-zeeland"]
    assert real["progress"] is None and real["based_on"] == 0  # no data: null, never 0

    national = {row[0]: row for row in national_dashboard(Filters())["tables"]["progress"]["rows"]}
    assert national[pact.name][1:4] == (expected.percent, expected.based_on, expected.stale)
    assert national["Zorgpact Zeeland"][1] == "geen gegevens"

    client.force_login(ministry_staff)
    dashboard = client.get(f"/volgspot/pacten/{pact.slug}/")
    assert dashboard.context["results"].pact == expected

    report = report_data(scope=ReportScope.PACT, pact=pact, period_start=datetime.date(2016, 1, 1), period_end=today)
    assert report["progress"] == expected.as_dict()


def test_the_pact_page_shows_the_results_tree_and_says_how_it_is_calculated(client):
    load_demo_data()
    pact = Pact.objects.get(slug="zorgpact-oefenregio-fictief")
    html = client.get(pact.get_absolute_url()).content.decode()
    tree = results_of(pact)
    assert html.count("Hoe berekenen we dit?") >= len(tree.indicators)  # beside every verdict
    assert 'id="hoe-berekenen"' in html and "Voortgang van het pact" in html
    # the fictional data was last measured in 2018: every indicator is out of date, none counts as on track
    assert all(r.verdict == Verdict.STALE for r in tree.indicators.values() if r.latest_on)
    assert "Verouderd" in html and "verdict--on_track" not in html
    # a real pact without indicators: no data, never 0 %
    zeeland = client.get("/regionale-zorgpacten/zorgpact-zeeland/").content.decode()
    assert 'rollup__figure">geen gegevens' in zeeland and 'rollup__figure">0%' not in zeeland


@pytest.fixture
def measured(pact):
    goal = GoalFactory(ambition=AmbitionFactory(pact=pact), target_groups=["students", "care_users"])
    action = ActionFactory(pact=pact, goal=goal, is_public=True)
    indicator = IndicatorFactory(
        action=action, baseline=Decimal(0), target=Decimal(50), target_on=datetime.date(2030, 1, 1)
    )
    MeasurementFactory(indicator=indicator, measured_on=timezone.localdate() - datetime.timedelta(days=30), value=35)
    return goal, action, indicator


def test_weight_is_edited_by_the_coordinator_and_negative_is_refused_in_dutch(client, coordinator, pact, measured):
    goal, action, indicator = measured
    client.force_login(coordinator)
    url = f"/werkruimte/pacten/{pact.slug}/indicatoren/{indicator.pk}/"
    body = {
        "kind": "output",
        "name": indicator.name,
        "unit": "studenten",
        "baseline": "0",
        "target": "50",
        "direction": "up",
        "rhythm": "quarterly",
        "version": indicator.version,
        "expected_version": indicator.version,
    }
    response = client.post(url, {**body, "weight": "-1"})
    assert response.status_code == 400
    assert "Een gewicht kan niet negatief zijn" in response.content.decode()
    indicator.refresh_from_db()
    assert indicator.weight == 1
    # a second, unmeasured indicator with weight 0 changes nothing
    before = results_of(pact).goals[goal.pk]
    other = IndicatorFactory(action=action, baseline=Decimal(0), target=Decimal(10))
    other_body = {**body, "name": other.name, "version": other.version, "expected_version": other.version}
    assert (
        client.post(
            f"/werkruimte/pacten/{pact.slug}/indicatoren/{other.pk}/", {**other_body, "weight": "0"}
        ).status_code
        == 302
    )
    other.refresh_from_db()
    assert other.weight == 0 and other.rhythm == Rhythm.QUARTERLY
    assert results_of(pact).goals[goal.pk] == before


def test_a_measurement_in_the_future_is_refused_by_the_form_and_the_api(client, coordinator, pact, measured):
    _goal, _action, indicator = measured
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    client.force_login(coordinator)
    response = client.post(
        f"/werkruimte/pacten/{pact.slug}/indicatoren/{indicator.pk}/metingen/nieuw/",
        {"measured_on": tomorrow, "value": "40"},
    )
    assert response.status_code == 400 and "Een meting kan niet in de toekomst liggen." in response.content.decode()
    api = APIClient()
    _token, key = create_token(user=coordinator, name="toekomst")
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = api.post(
        "/api/v1/measurements/", {"indicator": indicator.pk, "measured_on": tomorrow, "value": "40"}, format="json"
    )
    assert response.status_code == 400 and "measured_on" in response.json()
    assert Measurement.objects.filter(indicator=indicator).count() == 1


def test_edge_cases_reach_the_api_as_a_reason_not_an_error(client, pact, measured):
    _goal, action, indicator = measured
    equal = IndicatorFactory(action=action, baseline=Decimal(20), target=Decimal(20))
    MeasurementFactory(indicator=equal, measured_on=timezone.localdate(), value=20)
    row = client.get(f"/api/v1/indicators/{equal.pk}/").json()
    assert row["progress"] is None and row["based_on"] == 0 and row["verdict"] == Verdict.NOT_ASSESSED
    assert results_of(pact).indicators[equal.pk].gap == ProgressGap.TARGET_EQUALS_BASELINE
    page = client.get(pact.get_absolute_url()).content.decode()
    assert "doel gelijk aan uitgangswaarde" in page
    ok = client.get(f"/api/v1/indicators/{indicator.pk}/").json()
    assert ok["progress"] == 70 and ok["stale"] is False and ok["verdict"] == Verdict.ON_TRACK and ok["next_due"]


def test_the_workspace_lists_what_is_due_and_the_effects_not_measured(client, coordinator, pact, measured):
    goal, action, indicator = measured
    old = IndicatorFactory(action=action, name="Oude meting", rhythm=Rhythm.QUARTERLY)
    MeasurementFactory(indicator=old, measured_on=timezone.localdate() - datetime.timedelta(days=200), value=20)
    IndicatorFactory(action=action, name="Nooit gemeten")
    client.force_login(coordinator)
    page = client.get(f"/werkruimte/pacten/{pact.slug}/")
    due = [d["indicator"].name for d in page.context["due"]]
    assert due == ["Oude meting", "Nooit gemeten"]  # out of date first; the one measured a month ago is not due
    assert page.context["due"][0]["overdue"]
    html = page.content.decode()
    assert "Metingen die eraan komen" in html
    # the goal names students and care users and has only an output indicator
    assert "effect niet gemeten: studenten, zorggebruikers" in html.lower()
    IndicatorFactory(action=None, goal=goal, kind="effect", target_group="students")
    page = client.get(f"/werkruimte/pacten/{pact.slug}/").content.decode().lower()
    assert "effect niet gemeten: zorggebruikers" in page and "effect niet gemeten: studenten" not in page


def test_goal_target_groups_unknown_is_not_known_never_none(client, coordinator, pact):
    ambition = AmbitionFactory(pact=pact)
    client.force_login(coordinator)
    url = f"/werkruimte/pacten/{pact.slug}/doelen/nieuw/"
    assert client.post(url, {"ambition": ambition.pk, "title": "Onbekend", "order": 0}).status_code == 302
    assert Goal.objects.get(title="Onbekend").target_groups is None
    response = client.post(url, {"ambition": ambition.pk, "title": "Fout", "order": 0, "target_groups": ["ouders"]})
    assert response.status_code == 400 and not Goal.objects.filter(title="Fout").exists()
    ActionFactory(pact=pact, goal=Goal.objects.get(title="Onbekend"))
    assert "Doelgroepen" in client.get(pact.get_absolute_url()).content.decode()
    assert "niet bekend" in client.get(f"/werkruimte/pacten/{pact.slug}/").content.decode()


def test_real_pacts_get_no_invented_rhythm_or_target_groups():
    load_demo_data()
    real = Indicator.objects.in_pact(Pact.objects.filter(is_synthetic=False))
    assert not real.exclude(rhythm__isnull=True).exists()
    assert not Goal.objects.filter(ambition__pact__is_synthetic=False).exclude(target_groups__isnull=True).exists()
    assert (
        Indicator.objects.in_pact(Pact.objects.get(slug="zorgpact-oefenregio-fictief"))
        .filter(rhythm=Rhythm.QUARTERLY)
        .exists()
    )


def test_national_dashboard_shows_recent_data_per_pact_and_theme_and_unmeasured_effects():
    load_demo_data()
    data = national_dashboard(Filters())
    pact = Pact.objects.get(slug="zorgpact-oefenregio-fictief")
    rows = {r[0]: r for r in data["tables"]["progress"]["rows"]}
    assert rows[pact.name][1] == results_of(pact).pact.percent  # its own row
    assert rows[pact.name][5] == 0  # every measurement of the fictional pact is from 2017–2018
    # the national and theme figures are the programme's: the fictional pact is not among them
    assert data["figures"]["progress"] is None and data["figures"]["recent_share"] is None
    assert data["figures"]["pacts_with_data"] == 0
    zeeland = Pact.objects.get(slug="zorgpact-zeeland")
    themes = {r[0]: r for r in data["tables"]["theme_progress"]["rows"]}
    for theme in zeeland.themes.all():
        assert themes[theme.name][1] == 0 and themes[theme.name][2] == "geen gegevens"
    # a real pact with a measured indicator carries the national figure alone
    goal = GoalFactory(ambition=AmbitionFactory(pact=zeeland), target_groups=["care_users"])
    indicator = IndicatorFactory(
        action=ActionFactory(pact=zeeland, goal=goal), baseline=Decimal(0), target=Decimal(10), rhythm=Rhythm.YEARLY
    )
    MeasurementFactory(indicator=indicator, measured_on=timezone.localdate(), value=4)
    data = national_dashboard(Filters())
    assert (data["figures"]["progress"], data["figures"]["recent_share"], data["figures"]["pacts_with_data"]) == (
        40,
        100,
        1,
    )
    assert [r[1:] for r in data["tables"]["effects"]["rows"]] == [(goal.title, "zorggebruikers")]


def test_the_report_has_a_section_per_target_group_and_names_goals_whose_groups_are_not_known(pact, measured):
    from django.utils import translation

    from volgspot.models import ProgressReport
    from volgspot.reports import report_context

    goal, _action, _indicator = measured
    unknown = GoalFactory(ambition=goal.ambition, title="Doelgroep onbekend", target_groups=None)
    data = report_data(
        scope=ReportScope.PACT, pact=pact, period_start=datetime.date(2016, 1, 1), period_end=timezone.localdate()
    )
    with translation.override("nl"):
        context = report_context(ProgressReport(), data)
    groups = {g["label"]: g for g in context["groups"]}
    assert list(groups) == ["Studenten", "Zorggebruikers", "Zorgprofessionals"]
    assert groups["Studenten"]["unmeasured"] == 1 and groups["Zorgprofessionals"]["goals"] == []
    assert context["groups_unknown"] == [unknown.title]
    assert data["progress"]["progress"] == 70 and data["progress"]["based_on"] == 1


def test_the_national_unmeasured_effects_query_gives_the_per_goal_rule_s_answer():
    """The national dashboard's one grouped query (GoalQuerySet.with_unmeasured_effects) lists exactly the goals the
    per-goal rule (pacts.selectors.unmeasured_effects) lists, with the same groups, in real and fictional pacts alike
    (the dashboard names every pact's goals by their pact): target groups not known (null) or none are not counted,
    an effect indicator without a group measures them all, archived indicators, goals and ambitions do not count."""
    import itertools

    from django.db import connection
    from django.db.models import Prefetch
    from django.test.utils import CaptureQueriesContext

    from pacts.constants import IndicatorKind
    from pacts.selectors import unmeasured_effects

    real = AmbitionFactory(pact__is_synthetic=False, pact__name="Zorgpact Echt").pact
    fictional = AmbitionFactory(pact__is_synthetic=True, pact__name="Zorgpact Oefen (fictief)").pact
    named_options = [None, [], ["students"], ["care_users", "students"], ["care_workers", "care_users", "students"]]
    effect_options = [(), ("students",), ("",), ("care_users", "care_workers"), ("students", "archived:care_users")]
    for pact, (named, effects) in itertools.product(
        (real, fictional), itertools.product(named_options, effect_options)
    ):
        goal = GoalFactory(ambition=pact.ambitions.get(), target_groups=named)
        for group in effects:
            archived = group.startswith("archived:")
            IndicatorFactory(
                action=None,
                goal=goal,
                kind=IndicatorKind.EFFECT,
                target_group=group.removeprefix("archived:"),
                archived_at=timezone.now() if archived else None,
            )
        # a result indicator of an action under the goal measures no effect
        IndicatorFactory(action=ActionFactory(pact=pact, goal=goal), target_group="")
    hidden = GoalFactory(ambition=real.ambitions.get(), target_groups=["students"], archived_at=timezone.now())
    GoalFactory(ambition=AmbitionFactory(pact=real, archived_at=timezone.now()), target_groups=["students"])

    goals = (
        Goal.objects.public()
        .filter(ambition__pact__in=[real, fictional])
        .select_related("ambition__pact")
        .prefetch_related(Prefetch("indicators", queryset=Indicator.objects.active()))
        .order_by("ambition__pact__name", "ambition__order", "order", "pk")
    )
    expected = [
        (row["goal"].ambition.pact.name, row["goal"].title, ", ".join(str(g.label).lower() for g in row["groups"]))
        for row in unmeasured_effects(goals)
    ]
    assert {name for name, _t, _g in expected} == {real.name, fictional.name}  # both kinds of pact have some
    assert len(expected) < 2 * len(named_options) * len(effect_options)  # and not every goal is listed
    data = national_dashboard(Filters())
    assert [tuple(row) for row in data["tables"]["effects"]["rows"]] == expected
    # the figure counts the real pacts' goals only; the table names every pact's goals by their pact
    assert data["figures"]["effects_unmeasured"] == len([e for e in expected if e[0] == real.name]) < len(expected)
    assert hidden.title not in {title for _p, title, _g in expected}
    with CaptureQueriesContext(connection) as one:
        listed = list(Goal.objects.public().with_unmeasured_effects().values_list("pk", flat=True))
    assert len(one.captured_queries) == 1 and len(listed) == len(expected)
