"""The one progress rule (pacts.progress): verdict, freshness and roll-up, as properties and as the issue's edge cases."""

import datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from pacts.constants import Direction, ProgressGap, Rhythm, Verdict
from pacts.progress import IndicatorFacts, PactResults, add_months, indicator_result, mean, roll_up, weighted

TODAY = datetime.date(2026, 6, 1)
START = datetime.date(2025, 1, 1)
TARGET_ON = datetime.date(2027, 1, 1)


def facts(value, *, pk=1, baseline=Decimal(20), target=Decimal(50), direction=Direction.UP, latest_on=None, **kw):
    return IndicatorFacts(
        pk=pk,
        baseline=baseline,
        target=target,
        target_on=kw.pop("target_on", TARGET_ON),
        direction=direction,
        rhythm=kw.pop("rhythm", Rhythm.YEARLY),
        first_on=kw.pop("first_on", START),
        latest_on=latest_on or datetime.date(2026, 3, 1),
        latest_value=None if value is None else Decimal(value),
        pact_id=kw.pop("pact_id", 1),
        ambition_id=kw.pop("ambition_id", 1),
        goal_id=kw.pop("goal_id", 1),
        action_id=kw.pop("action_id", None),
        **kw,
    )


values = st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False, allow_infinity=False)
dates = st.dates(min_value=START, max_value=TODAY)
RANK = {Verdict.BEHIND: 0, Verdict.ON_TRACK: 1}


@st.composite
def indicator(draw, pk=1, goal_id=1):
    """A consistent indicator: its target lies the good way from its baseline for its direction."""
    direction = draw(st.sampled_from([Direction.UP, Direction.DOWN]))
    baseline = draw(values)
    distance = draw(st.decimals(min_value=Decimal("0.01"), max_value=500, places=2))
    target = baseline + distance if direction == Direction.UP else baseline - distance
    return facts(
        draw(values),
        pk=pk,
        goal_id=goal_id,
        baseline=baseline,
        target=target,
        direction=direction,
        latest_on=draw(dates),
        weight=draw(st.decimals(min_value=Decimal("0.5"), max_value=5, places=1)),
    )


def better(f: IndicatorFacts, by: Decimal) -> IndicatorFacts:
    step = by if f.direction == Direction.UP else -by
    return IndicatorFacts(**{**f.__dict__, "latest_value": f.latest_value + step})


@settings(max_examples=200, deadline=None)
@given(indicator(), st.decimals(min_value=0, max_value=300, places=2))
def test_progress_is_monotone_in_the_right_direction_and_within_0_and_100(f, by):
    before, after = indicator_result(f, today=TODAY), indicator_result(better(f, by), today=TODAY)
    assert Decimal(0) <= before.progress <= Decimal(100)
    assert after.progress >= before.progress
    # a better value on the same date never gives a worse verdict (out of date stays out of date: same date)
    if before.verdict == Verdict.STALE:
        assert after.verdict == Verdict.STALE
    else:
        assert RANK[after.verdict] >= RANK[before.verdict]


@settings(max_examples=150, deadline=None)
@given(st.lists(indicator(), min_size=1, max_size=6), st.integers(min_value=0, max_value=5), st.data())
def test_the_roll_up_is_monotone_in_each_measurement(indicators, index, data):
    indicators = [IndicatorFacts(**{**f.__dict__, "pk": n}) for n, f in enumerate(indicators)]
    index %= len(indicators)
    by = data.draw(st.decimals(min_value=0, max_value=300, places=2))
    changed = [better(f, by) if n == index else f for n, f in enumerate(indicators)]
    before = roll_up(indicators, today=TODAY)[1].pact
    after = roll_up(changed, today=TODAY)[1].pact
    assert Decimal(0) <= before.progress <= Decimal(100)
    assert after.progress >= before.progress - Decimal("1e-20")


@settings(max_examples=150, deadline=None)
@given(indicator())
def test_a_goal_with_one_indicator_has_that_indicators_progress_up_to_the_pact(f):
    tree = roll_up([f], today=TODAY)[1]
    own = indicator_result(f, today=TODAY).progress
    assert tree.goals[1].progress == tree.ambitions[1].progress == tree.pact.progress == own
    assert tree.pact.based_on == 1


@settings(max_examples=150, deadline=None)
@given(st.lists(indicator(), min_size=1, max_size=5), indicator())
def test_an_indicator_with_weight_0_changes_nothing(indicators, extra):
    indicators = [IndicatorFacts(**{**f.__dict__, "pk": n}) for n, f in enumerate(indicators)]
    ignored = IndicatorFacts(**{**extra.__dict__, "pk": 99, "weight": Decimal(0)})
    before, after = roll_up(indicators, today=TODAY)[1], roll_up([*indicators, ignored], today=TODAY)[1]
    assert after.goals[1] == before.goals[1] and after.pact == before.pact


def test_35_then_44_of_50_stays_on_track():
    """The issue's case: a better value (44, closer to the target 50) never flips the verdict to 'needs attention'."""
    first = facts(35, baseline=Decimal(0), first_on=datetime.date(2025, 1, 1), latest_on=datetime.date(2026, 1, 1))
    assert indicator_result(first, today=TODAY).verdict == Verdict.ON_TRACK
    same_day = facts(44, baseline=Decimal(0), first_on=datetime.date(2025, 1, 1), latest_on=datetime.date(2026, 1, 1))
    later = facts(44, baseline=Decimal(0), first_on=datetime.date(2025, 1, 1), latest_on=datetime.date(2026, 5, 1))
    assert indicator_result(same_day, today=TODAY).verdict == Verdict.ON_TRACK
    assert indicator_result(later, today=TODAY).verdict == Verdict.ON_TRACK
    # and the verdict compares with the value expected at the date: half way through the period, 25 of 50
    halfway = facts(24, baseline=Decimal(0), first_on=datetime.date(2025, 1, 1), latest_on=datetime.date(2026, 1, 1))
    result = indicator_result(halfway, today=TODAY)
    assert result.verdict == Verdict.BEHIND and Decimal(24) < result.expected < Decimal(26)


def test_an_old_measurement_is_out_of_date_not_on_track():
    measured_2018 = facts(50, latest_on=datetime.date(2018, 1, 1), first_on=datetime.date(2017, 1, 1))
    result = indicator_result(measured_2018, today=TODAY)
    assert result.verdict == Verdict.STALE and result.stale and result.on_track is None
    assert result.progress == Decimal(100)  # still shown, but marked out of date
    quarterly = facts(40, rhythm=Rhythm.QUARTERLY, latest_on=datetime.date(2026, 1, 1))
    assert indicator_result(quarterly, today=TODAY).stale  # more than three months ago
    assert indicator_result(quarterly, today=datetime.date(2026, 3, 31)).verdict == Verdict.ON_TRACK
    unknown = facts(40, rhythm=None, latest_on=datetime.date(2025, 7, 1))
    assert not indicator_result(unknown, today=TODAY).stale  # an unknown rhythm reads as yearly
    assert indicator_result(unknown, today=TODAY).next_due == datetime.date(2026, 7, 1)


def test_next_due_is_one_period_after_the_last_measurement():
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2025, 11, 15), 3) == datetime.date(2026, 2, 15)
    f = facts(40, rhythm=Rhythm.HALF_YEARLY, latest_on=datetime.date(2026, 3, 1))
    assert indicator_result(f, today=TODAY).next_due == datetime.date(2026, 9, 1)


def test_edge_cases_say_why_and_never_divide_by_zero():
    equal = indicator_result(facts(30, baseline=Decimal(30), target=Decimal(30)), today=TODAY)
    assert equal.progress is None and equal.gap == ProgressGap.TARGET_EQUALS_BASELINE
    assert str(ProgressGap.TARGET_EQUALS_BASELINE.label) == "doel gelijk aan uitgangswaarde"  # nl, the default
    no_baseline = indicator_result(facts(30, baseline=None), today=TODAY)
    assert no_baseline.progress is None and no_baseline.gap == ProgressGap.NO_BASELINE
    no_data = indicator_result(facts(None), today=TODAY)
    assert no_data.progress is None and no_data.verdict == Verdict.NO_DATA and not no_data.stale
    # a 'down' indicator past its target: 100 %, on track
    down = facts(8, baseline=Decimal(20), target=Decimal(10), direction=Direction.DOWN)
    result = indicator_result(down, today=TODAY)
    assert result.progress == Decimal(100) and result.verdict == Verdict.ON_TRACK
    # a 'down' indicator that got worse: 0 %, not negative
    worse = indicator_result(facts(25, baseline=Decimal(20), target=Decimal(10), direction=Direction.DOWN), today=TODAY)
    assert worse.progress == Decimal(0) and worse.verdict == Verdict.BEHIND
    # a target the wrong way from the baseline for its direction is not computed
    wrong = indicator_result(facts(30, baseline=Decimal(20), target=Decimal(50), direction=Direction.DOWN), today=TODAY)
    assert wrong.progress is None and wrong.gap == ProgressGap.AGAINST_DIRECTION
    no_date = indicator_result(facts(30, target_on=None), today=TODAY)
    assert (
        no_date.percent == 33 and no_date.verdict == Verdict.NOT_ASSESSED and no_date.gap == ProgressGap.NO_TARGET_DATE
    )


def test_a_level_without_data_has_no_progress_never_zero():
    assert weighted([]).progress is None and mean([]).progress is None
    tree = roll_up([facts(None), facts(30, pk=2, baseline=None)], today=TODAY)[1]
    assert tree.pact.progress is None and tree.pact.based_on == 0 and tree.pact.without_data == 2
    assert PactResults().pact.progress is None and PactResults().pact.as_dict()["progress"] is None


def test_the_roll_up_weights_goals_and_averages_ambitions_and_pacts():
    rows = [
        facts(50, pk=1, goal_id=1, ambition_id=1, weight=Decimal(3)),  # 100 %
        facts(20, pk=2, goal_id=1, ambition_id=1, weight=Decimal(1)),  # 0 %
        facts(35, pk=3, goal_id=2, ambition_id=1),  # 50 %
        facts(None, pk=4, goal_id=3, ambition_id=2),  # no data: ambition 2 has none
        facts(50, pk=5, goal_id=None, ambition_id=None, action_id=7),  # outside any goal: not in the pact's figure
    ]
    tree = roll_up(rows, today=TODAY)[1]
    assert tree.goals[1].progress == Decimal(75) and tree.goals[2].progress == Decimal(50)
    assert tree.ambitions[1].progress == Decimal("62.50") and tree.ambitions[2].progress is None
    assert tree.pact.progress == Decimal("62.50")  # the mean over the ambitions with data
    assert (tree.pact.based_on, tree.pact.without_data) == (3, 1)
    assert tree.actions[7].progress == Decimal(100)
