"""The one progress rule: an indicator's verdict and progress, and their roll-up through the results tree.

Pure functions over plain facts (no queries): `IndicatorQuerySet.with_progress()` gives the facts in one query, and
the pact page, the workspace, both Volgspot dashboards, the API and the PDF report all pass them through here.

- Progress of an indicator: (latest − baseline) / (target − baseline), clamped to 0–100 %. Not computed (and said
  why) without a measurement, a target or a baseline, when the target equals the baseline, or when the target lies
  the wrong way from the baseline for the indicator's direction.
- Verdict: "out of date" when the latest measurement is older than one period of the indicator's rhythm (an unknown
  rhythm is read as yearly, the Volgspot cycle); else the latest value against the value expected at its date, on the
  straight line from the baseline (at the first measurement) to the target (at the target date), in the indicator's
  direction. A better value on the same date never gives a worse verdict.
- Roll-up: an action's and a goal's progress is the weighted mean of their indicators (a goal counts its own effect
  indicators and those of its actions; weight 0 is "not counted"); an ambition's is the mean of its goals, a pact's
  the mean of its ambitions, a theme's and the national figure the mean over the pacts with data. A level without
  data has no progress ("no data"), never 0 %. Actions outside any goal are shown but not rolled up into the pact.
"""

import calendar
import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from .constants import ASSUMED_RHYTHM, RHYTHM_MONTHS, Direction, IndicatorKind, ProgressGap, TargetGroup, Verdict

HUNDRED = Decimal(100)
# Progress is kept to a hundredth of a percent at every level: rounding is monotone, and a mean of one value (or a
# weighted mean of one indicator) is exactly that value.
STEP = Decimal("0.01")


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class IndicatorFacts:
    """What the rule reads of one indicator: its definition and its first and latest measurement."""

    pk: int
    baseline: Decimal | None
    target: Decimal | None
    target_on: datetime.date | None
    direction: str = Direction.UP
    rhythm: str | None = None
    weight: Decimal = Decimal(1)
    first_on: datetime.date | None = None
    latest_on: datetime.date | None = None
    latest_value: Decimal | None = None
    kind: str = IndicatorKind.OUTPUT
    target_group: str = ""
    pact_id: int | None = None
    ambition_id: int | None = None
    goal_id: int | None = None
    action_id: int | None = None


@dataclass(frozen=True)
class IndicatorResult:
    progress: Decimal | None  # 0–100, None when not computed (see gap)
    gap: str | None  # a ProgressGap code: why progress or the verdict is missing
    verdict: str  # a Verdict code
    expected: Decimal | None  # the value expected at the latest measurement's date
    stale: bool
    next_due: datetime.date | None
    rhythm_known: bool
    latest_value: Decimal | None
    latest_on: datetime.date | None

    @property
    def percent(self) -> int | None:
        return None if self.progress is None else int(self.progress)

    @property
    def verdict_label(self) -> str:
        return str(Verdict(self.verdict).label)

    @property
    def gap_label(self) -> str:
        return str(ProgressGap(self.gap).label) if self.gap else ""

    @property
    def on_track(self) -> bool | None:
        """True/False for a judged indicator, None when it is not judged (out of date, no data, not assessable)."""
        if self.verdict == Verdict.ON_TRACK:
            return True
        return False if self.verdict == Verdict.BEHIND else None


def period_months(rhythm: str | None) -> int:
    return RHYTHM_MONTHS[rhythm or ASSUMED_RHYTHM]


def _gap(facts: IndicatorFacts) -> str | None:
    if facts.latest_on is None or facts.latest_value is None:
        return ProgressGap.NO_MEASUREMENT
    if facts.target is None:
        return ProgressGap.NO_TARGET
    if facts.baseline is None:
        return ProgressGap.NO_BASELINE
    if facts.target == facts.baseline:
        return ProgressGap.TARGET_EQUALS_BASELINE
    if (facts.target > facts.baseline) != (facts.direction != Direction.DOWN):
        return ProgressGap.AGAINST_DIRECTION
    return None


def indicator_result(facts: IndicatorFacts, *, today: datetime.date) -> IndicatorResult:
    """The verdict and progress of one indicator as it stands on `today`."""
    measured = facts.latest_on is not None and facts.latest_value is not None
    next_due = add_months(facts.latest_on, period_months(facts.rhythm)) if measured else None
    stale = bool(next_due and next_due < today)
    gap = _gap(facts)
    common = {
        "next_due": next_due,
        "stale": stale,
        "rhythm_known": bool(facts.rhythm),
        "latest_value": facts.latest_value,
        "latest_on": facts.latest_on,
    }
    if gap:
        verdict = Verdict.NO_DATA if gap == ProgressGap.NO_MEASUREMENT else Verdict.NOT_ASSESSED
        if stale:
            verdict = Verdict.STALE
        return IndicatorResult(progress=None, gap=gap, verdict=verdict, expected=None, **common)
    span = facts.target - facts.baseline
    raw = (facts.latest_value - facts.baseline) / span * HUNDRED
    progress = max(Decimal(0), min(HUNDRED, raw)).quantize(STEP)
    if stale:
        return IndicatorResult(progress=progress, gap=None, verdict=Verdict.STALE, expected=None, **common)
    if facts.target_on is None:
        return IndicatorResult(
            progress=progress, gap=ProgressGap.NO_TARGET_DATE, verdict=Verdict.NOT_ASSESSED, expected=None, **common
        )
    start = facts.first_on or facts.latest_on
    if facts.target_on <= start:
        share = Decimal(1)
    else:
        elapsed = min(max((facts.latest_on - start).days, 0), (facts.target_on - start).days)
        share = Decimal(elapsed) / Decimal((facts.target_on - start).days)
    expected = facts.baseline + span * share
    # raw ≥ share·100 is "at least as far along as expected", in either direction (span carries the sign).
    verdict = Verdict.ON_TRACK if raw >= share * HUNDRED else Verdict.BEHIND
    return IndicatorResult(progress=progress, gap=None, verdict=verdict, expected=expected, **common)


@dataclass(frozen=True)
class Rollup:
    """A level's progress and what it rests on. Indicators with weight 0 are not counted at all."""

    progress: Decimal | None = None
    based_on: int = 0  # counted indicators with a computed progress
    stale: int = 0  # counted indicators whose latest measurement is out of date
    without_data: int = 0  # counted indicators without a computed progress

    @property
    def percent(self) -> int | None:
        return None if self.progress is None else int(self.progress)

    @property
    def counted(self) -> int:
        return self.based_on + self.without_data

    def as_dict(self) -> dict:
        """For the API and the report: progress as a whole percentage (null: no data)."""
        return {
            "progress": self.percent,
            "based_on": self.based_on,
            "stale": self.stale,
            "without_data": self.without_data,
        }


def counts(weight: Decimal | None) -> bool:
    """Whether an indicator of this weight is counted at all (weight 0: shown, not counted)."""
    return bool(weight) and weight > 0


def weighted(items: Iterable[tuple[IndicatorResult, Decimal]]) -> Rollup:
    """The weighted mean of indicators (an action, a goal)."""
    total = weight_sum = Decimal(0)
    based_on = stale = without = 0
    for result, weight in items:
        if not counts(weight):
            continue
        stale += result.stale
        if result.progress is None:
            without += 1
            continue
        based_on += 1
        total += result.progress * weight
        weight_sum += weight
    progress = (total / weight_sum).quantize(STEP) if weight_sum else None
    return Rollup(progress=progress, based_on=based_on, stale=stale, without_data=without)


def mean(children: Iterable[Rollup]) -> Rollup:
    """The plain mean over the children with data (an ambition, a pact, a theme, the nation); counts add up."""
    children = list(children)
    with_data = [c.progress for c in children if c.progress is not None]
    return Rollup(
        progress=(sum(with_data, Decimal(0)) / len(with_data)).quantize(STEP) if with_data else None,
        based_on=sum(c.based_on for c in children),
        stale=sum(c.stale for c in children),
        without_data=sum(c.without_data for c in children),
    )


@dataclass
class PactResults:
    """One pact's results tree: a Rollup per ambition, goal and action, a result per indicator."""

    pact: Rollup = field(default_factory=Rollup)
    ambitions: dict[int, Rollup] = field(default_factory=dict)
    goals: dict[int, Rollup] = field(default_factory=dict)
    actions: dict[int, Rollup] = field(default_factory=dict)
    indicators: dict[int, IndicatorResult] = field(default_factory=dict)
    recent: int = 0  # measured indicators whose latest measurement is within their rhythm
    measured: int = 0
    # The indicators the pact's own figure counts (of a goal, weight above 0), in the order they came: a list that
    # says "based on N indicators" lists exactly these (pact.counted == len(counted)).
    counted: list[int] = field(default_factory=list)

    @property
    def recent_share(self) -> int | None:
        return round(100 * self.recent / self.measured) if self.measured else None


def roll_up(facts: Iterable[IndicatorFacts], *, today: datetime.date) -> dict[int, PactResults]:
    """Every pact's results tree from its indicators' facts (one pass, no queries)."""
    facts = list(facts)
    results: dict[int, PactResults] = {}
    by_goal: dict[int, list] = {}
    by_action: dict[int, list] = {}
    ambition_goals: dict[int, dict[int, None]] = {}
    pact_ambitions: dict[int, dict[int, None]] = {}
    for f in facts:
        tree = results.setdefault(f.pact_id, PactResults())
        result = indicator_result(f, today=today)
        tree.indicators[f.pk] = result
        if result.latest_on is not None:
            tree.measured += 1
            tree.recent += not result.stale
        if f.action_id is not None:
            by_action.setdefault(f.action_id, []).append((result, f.weight))
        if f.goal_id is not None:
            by_goal.setdefault(f.goal_id, []).append((result, f.weight))
            if counts(f.weight):
                tree.counted.append(f.pk)
            ambition_goals.setdefault(f.ambition_id, {})[f.goal_id] = None
            pact_ambitions.setdefault(f.pact_id, {})[f.ambition_id] = None
    goal_pact = {f.goal_id: f.pact_id for f in facts if f.goal_id is not None}
    action_pact = {f.action_id: f.pact_id for f in facts if f.action_id is not None}
    for action_id, items in by_action.items():
        results[action_pact[action_id]].actions[action_id] = weighted(items)
    for goal_id, items in by_goal.items():
        results[goal_pact[goal_id]].goals[goal_id] = weighted(items)
    for pact_id, ambition_ids in pact_ambitions.items():
        tree = results[pact_id]
        for ambition_id in ambition_ids:
            tree.ambitions[ambition_id] = mean(tree.goals[g] for g in ambition_goals[ambition_id])
        tree.pact = mean(tree.ambitions.values())
    return results


def unmeasured_groups(named: list[str] | None, effect_groups: Iterable[str]) -> list[str]:
    """The target groups a goal names whose effect no effect indicator measures. An effect indicator that names no
    group measures the goal's effect on all the groups it names; a goal whose groups are not known names none."""
    effect_groups = list(effect_groups)
    if not named:
        return []
    if "" in effect_groups:
        return []
    return [g for g in TargetGroup.values if g in named and g not in effect_groups]
