"""Read queries for pacts: each page's data in a fixed number of queries."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zorgpact.constants import NOT_KNOWN, PARTNERS_NOT_RECORDED, SCHOOL_LEVELS, GovernmentLevel, Pillar
from zorgpact.core.charts import line_chart
from zorgpact.models import Phase

from .constants import IndicatorKind, TargetGroup
from .models import Action, Ambition, Goal, Indicator, Measurement, Pact, Participation
from .progress import IndicatorFacts, PactResults, Rollup, indicator_result, roll_up, unmeasured_groups


def _count(queryset):
    """A correlated count per pact: two joined counts in one query would multiply each other's rows."""
    return Coalesce(
        Subquery(
            queryset.filter(pact=OuterRef("pk")).order_by().values("pact").annotate(n=Count("pk")).values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def pact_list_queryset():
    return (
        Pact.objects.select_related("phase", "lead")
        .prefetch_related("provinces", "themes")
        .annotate(
            partner_count=_count(Participation.objects.filter(left_on__isnull=True)),
            action_count=_count(Action.objects.filter(archived_at__isnull=True)),
            **partner_count_annotations(name_prefix="n_"),
        )
        .order_by("name")
    )


def _public_indicators():
    return Indicator.objects.filter(archived_at__isnull=True).prefetch_related(
        Prefetch("measurements", queryset=Measurement.objects.order_by("measured_on"))
    )


def _public_actions():
    return (
        Action.objects.public()
        .select_related("lead")
        .prefetch_related("themes", "citations", Prefetch("indicators", queryset=_public_indicators()))
        .order_by("order", "pk")
    )


def public_pact_prefetches() -> list:
    """Everything a public pact page shows besides the pact's own row: partners, the public agenda tree, koplopers."""
    return [
        "provinces",
        "citations",
        "themes",
        Prefetch(
            "participations",
            queryset=Participation.objects.filter(left_on__isnull=True)
            .select_related("organisation")
            .order_by("organisation__name"),
        ),
        Prefetch(
            "ambitions",
            queryset=Ambition.objects.filter(archived_at__isnull=True).prefetch_related(
                Prefetch(
                    "goals",
                    queryset=Goal.objects.filter(archived_at__isnull=True).prefetch_related(
                        Prefetch("actions", queryset=_public_actions()),
                        Prefetch("indicators", queryset=_public_indicators()),
                    ),
                )
            ),
        ),
        Prefetch("actions", queryset=_public_actions().filter(goal__isnull=True), to_attr="loose_actions"),
        # Koplopers live in the app above this one: reach them through the relation, not an import.
        Prefetch(
            "koplopers",
            queryset=Pact._meta.get_field("koplopers").related_model.objects.published(),
            to_attr="published_koplopers",
        ),
    ]


def get_public_pact(slug: str, *, with_page: bool = True) -> Pact:
    """The pact with everything its public page shows, prefetched (`with_page=False`: only its row, for a page whose
    body may come from the fragment cache; `load_public_page` prefetches the rest when it is rendered)."""
    queryset = Pact.objects.select_related("phase", "lead")
    if with_page:
        queryset = queryset.prefetch_related(*public_pact_prefetches())
    return get_object_or_404(queryset, slug=slug)


def public_pact_page(pact: Pact) -> dict:
    """What the body of a public pact page shows, for a pact from `get_public_pact(with_page=False)`: prefetched onto
    it (the same queries as `get_public_pact`), with its results tree and partners."""
    prefetch_related_objects([pact], *public_pact_prefetches())
    tree = results_tree(pact)
    return {
        "phases": Phase.objects.all(),
        "composition": pact_composition(pact),
        "tree": tree,
        "ambitions": tree["ambitions"],
        "loose_actions": tree["loose_actions"],
        "public_actions": [a["action"] for item in tree["ambitions"] for g in item["goals"] for a in g["actions"]]
        + [a["action"] for a in tree["loose_actions"]],
    }


@dataclass
class Composition:
    """The pact's partners by side of the golden triangle, with the verdict on its gaps (see partner_gaps)."""

    groups: list[dict] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)
    recorded: bool = False

    @property
    def verdict(self) -> str:
        return partner_verdict_text(self)


def group_by_pillar(organisations) -> list[dict]:
    """Organisations per side of the golden triangle (every pillar listed, also when empty); organisations whose side
    no source states are their own group, "not known"."""
    groups = []
    for pillar in Pillar:
        members = [o for o in organisations if o.pillar == pillar]
        groups.append({"pillar": pillar, "label": pillar.label, "organisations": members, "count": len(members)})
    unknown = [o for o in organisations if not o.pillar]
    if unknown:
        groups.append({"pillar": None, "label": NOT_KNOWN, "organisations": unknown, "count": len(unknown)})
    return groups


# What partner_gaps counts, per current participation: the same keys for a list of organisations (pact page, PDF) and
# for a database aggregate (the national dashboard, the API), so both ask one rule.
PARTNER_COUNT_FILTERS = {
    "care": {"pillar": Pillar.CARE},
    "education": {"pillar": Pillar.EDUCATION},
    "government": {"pillar": Pillar.GOVERNMENT},
    "municipality": {"government_level": GovernmentLevel.MUNICIPALITY},
    **{level.value: {"education_level": level} for level in SCHOOL_LEVELS},
}


def partner_counts(organisations) -> dict[str, int]:
    return {
        key: sum(all(getattr(o, f) == v for f, v in cond.items()) for o in organisations)
        for key, cond in PARTNER_COUNT_FILTERS.items()
    }


def partner_count_annotations(prefix: str = "participations", name_prefix: str = "") -> dict:
    """The same counts as partner_counts, as annotations on a Pact queryset (current participations only)."""
    return {
        name_prefix + key: Count(
            prefix,
            filter=Q(
                **{f"{prefix}__left_on__isnull": True}, **{f"{prefix}__organisation__{f}": v for f, v in cond.items()}
            ),
        )
        for key, cond in PARTNER_COUNT_FILTERS.items()
    }


def partner_gaps(*, complete: bool | None, counts: dict[str, int]) -> tuple[bool, list[str]]:
    """The gouden-driehoek gap rule, once for the pact page, the dashboards, the API and the PDF.

    Only a partner list marked complete (by its coordinator or the national team) is judged: returns (True, gaps).
    Any other list is (False, []): "partners not recorded", never a missing partner."""
    if not complete:
        return False, []
    gaps = []
    if not counts["care"]:
        gaps.append(_("no care or welfare organisation"))
    if not counts["education"]:
        gaps.append(_("no school"))
    else:
        gaps.extend(_("no %(level)s") % {"level": level.label} for level in SCHOOL_LEVELS if not counts[level.value])
    if not counts["government"]:
        gaps.append(_("no government"))
    elif not counts["municipality"]:
        gaps.append(_("no municipality"))
    return True, gaps


def partner_verdict_text(composition) -> str:
    """One line for a table cell, CSV or PDF: the gaps, "none", or "partners not recorded"."""
    if not composition.recorded:
        return str(PARTNERS_NOT_RECORDED)
    return ", ".join(str(g) for g in composition.gaps) or str(_("none"))


def composition_from_counts(*, complete: bool | None, counts) -> Composition:
    """The verdict from database counts: a row of partner_count_annotations (a dict), or a pact annotated with
    name_prefix="n_" as in pact_list_queryset."""
    if not isinstance(counts, dict):
        counts = {key: getattr(counts, f"n_{key}") for key in PARTNER_COUNT_FILTERS}
    recorded, gaps = partner_gaps(complete=complete, counts=counts)
    return Composition(gaps=gaps, recorded=recorded)


def partner_composition(participations, *, complete: bool | None) -> Composition:
    organisations = [p.organisation for p in participations]
    recorded, gaps = partner_gaps(complete=complete, counts=partner_counts(organisations))
    return Composition(groups=group_by_pillar(organisations), gaps=gaps, recorded=recorded)


def pact_composition(pact: Pact) -> Composition:
    """The pact's current partners and verdict (uses prefetched participations when there are)."""
    participations = [p for p in pact.participations.all() if p.left_on is None]
    return partner_composition(participations, complete=pact.partners_complete)


def facts_of(indicator: Indicator, **place) -> IndicatorFacts:
    """An indicator's facts from its prefetched measurements (ordered by date), for pages that list it anyway."""
    measurements = list(indicator.measurements.all())
    return IndicatorFacts(
        pk=indicator.pk,
        baseline=indicator.baseline,
        target=indicator.target,
        target_on=indicator.target_on,
        direction=indicator.direction,
        rhythm=indicator.rhythm,
        weight=indicator.weight,
        kind=indicator.kind,
        target_group=indicator.target_group,
        first_on=measurements[0].measured_on if measurements else None,
        latest_on=measurements[-1].measured_on if measurements else None,
        latest_value=measurements[-1].value if measurements else None,
        **place,
    )


def indicator_progress(indicator: Indicator, *, today: datetime.date | None = None) -> dict:
    """One indicator as a page lists it: its latest measurement, its verdict and progress (pacts.progress, the one
    rule) and its chart. Reads the prefetched measurements."""
    measurements = list(indicator.measurements.all())
    result = indicator_result(facts_of(indicator), today=today or timezone.localdate())
    return {
        "latest": measurements[-1] if measurements else None,
        "result": result,
        "percent": result.percent,
        "on_track": result.on_track,
        "count": len(measurements),
        "chart": line_chart(
            [(m.measured_on, m.value) for m in measurements],
            uid=f"indicator-{indicator.pk}",
            target=indicator.target,
            baseline=indicator.baseline,
        ),
    }


FACT_COLUMNS = (
    "pk",
    "baseline",
    "target",
    "target_on",
    "direction",
    "rhythm",
    "weight",
    "first_on",
    "latest_on",
    "latest_value",
    "kind",
    "target_group",
    "pact_ref",
    "ambition_ref",
    "goal_ref",
    "action_id",
)


def indicator_facts(indicators) -> list[IndicatorFacts]:
    """The facts of an IndicatorQuerySet.with_progress() selection, in one query."""
    return [
        IndicatorFacts(*row[:12], pact_id=row[12], ambition_id=row[13], goal_id=row[14], action_id=row[15])
        for row in indicators.order_by().values_list(*FACT_COLUMNS)
    ]


def pact_results(pacts, *, as_of: datetime.date | None = None) -> dict[int, PactResults]:
    """The results tree of these pacts (a Pact, or a Pact queryset) as they stand on `as_of` (default today): one
    query. Pages, the API, both dashboards and the report all read their progress here."""
    today = as_of or timezone.localdate()
    indicators = Indicator.objects.with_progress(as_of=as_of).in_pact(pacts)
    return roll_up(indicator_facts(indicators), today=today)


def results_of(pact: Pact, *, as_of: datetime.date | None = None) -> PactResults:
    return pact_results(pact, as_of=as_of).get(pact.pk) or PactResults()


def unmeasured_effects(goals) -> list[dict]:
    """Goals (with their indicators prefetched) that name target groups whose effect no active effect indicator
    measures: [{"goal": goal, "groups": [TargetGroup, …]}]."""
    rows = []
    for goal in goals:
        effect_groups = [
            i.target_group for i in goal.indicators.all() if i.kind == IndicatorKind.EFFECT and not i.archived_at
        ]
        missing = unmeasured_groups(goal.target_groups, effect_groups)
        if missing:
            rows.append({"goal": goal, "groups": [TargetGroup(g) for g in missing]})
    return rows


def target_group_labels(groups: list[str] | None) -> list[str]:
    """A goal's target groups as labels; ["not known"] when no source states them."""
    if not groups:
        return [str(NOT_KNOWN)]
    return [str(TargetGroup(g).label) for g in groups]


def results_tree(pact: Pact, *, results: PactResults | None = None) -> dict:
    """The public agenda as a results tree — ambition → goal → action → indicator — each level with its roll-up
    (pacts.progress) and each indicator with its verdict. Reads get_public_pact's prefetched tree; the roll-up is one
    query (pact_results)."""
    results = results or results_of(pact)
    empty = Rollup()
    listed = []  # (owner's title, indicator, progress), in the order the page shows them

    def indicators(items, owner):
        pairs = [(i, indicator_progress(i)) for i in items]
        listed.extend((owner.title, i, progress) for i, progress in pairs)
        return pairs

    ambitions = []
    for ambition in pact.ambitions.all():
        goals = []
        for goal in ambition.goals.all():
            goals.append(
                {
                    "goal": goal,
                    "rollup": results.goals.get(goal.pk, empty),
                    "groups": target_group_labels(goal.target_groups),
                    "unmeasured": next((row["groups"] for row in unmeasured_effects([goal])), []),
                    "indicators": indicators(goal.indicators.all(), goal),
                    "actions": [
                        {
                            "action": a,
                            "rollup": results.actions.get(a.pk, empty),
                            "indicators": indicators(a.indicators.all(), a),
                        }
                        for a in goal.actions.all()
                    ],
                }
            )
        ambitions.append({"ambition": ambition, "rollup": results.ambitions.get(ambition.pk, empty), "goals": goals})
    loose = [
        {"action": a, "rollup": results.actions.get(a.pk, empty), "indicators": indicators(a.indicators.all(), a)}
        for a in pact.loose_actions
    ]
    return {
        "pact": results.pact,
        "ambitions": ambitions,
        "loose_actions": loose,
        "results": results,
        "indicators": listed,
    }


DUE_WITHIN_DAYS = 31


def measurements_due(pairs, *, today: datetime.date | None = None) -> list[dict]:
    """From (indicator, indicator_progress) pairs: the measurements that are due — out of date, or due within a month,
    or never measured — soonest first (never measured last)."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=DUE_WITHIN_DAYS)
    due = []
    for indicator, progress in pairs:
        result = progress["result"]
        if indicator.archived_at:
            continue
        if result.next_due is None or result.next_due <= horizon:
            due.append({"indicator": indicator, "result": result, "overdue": result.stale})
    return sorted(due, key=lambda d: (d["result"].next_due is None, d["result"].next_due or today, d["indicator"].pk))


def pact_indicator_table(tree: dict) -> tuple[list, list]:
    """The tables behind the indicator charts on a public pact page, from its `results_tree` (every indicator it
    lists, with the goal or action it belongs to): one row per measurement, with the indicator's baseline and target;
    an indicator without measurements has one row without a value."""
    from django.utils.translation import gettext as _

    header = [
        _("Indicator"),
        _("Goal or action"),
        _("Unit"),
        _("Baseline"),
        _("Target"),
        _("Target date"),
        _("Measured on"),
        _("Value"),
    ]
    rows = []
    for owner, indicator, _progress in tree["indicators"]:
        base = [indicator.name, owner, indicator.unit, indicator.baseline, indicator.target, indicator.target_on]
        measurements = list(indicator.measurements.all())
        rows += [[*base, m.measured_on, m.value] for m in measurements] or [[*base, None, None]]
    return header, rows


def due_in_pacts(pacts, *, today: datetime.date | None = None) -> list[dict]:
    """measurements_due over the agendas of these pacts (a Pact or a Pact queryset): what each pact's workspace lists
    as due, in two queries whatever their number; each row also names its "pact". The workspace home and the
    reminder mail read it."""
    from zorgpact.permissions import pact_of

    today = today or timezone.localdate()
    indicators = (
        Indicator.objects.on_agenda()
        .in_pact(pacts)
        .select_related("action__pact", "goal__ambition__pact")
        .prefetch_related(Prefetch("measurements", queryset=Measurement.objects.order_by("measured_on")))
    )
    pairs = [(i, {"result": indicator_result(facts_of(i), today=today)}) for i in indicators]
    due = measurements_due(pairs, today=today)
    for row in due:
        row["pact"] = pact_of(row["indicator"])
    return due


def with_reminders(due: list[dict]) -> list[dict]:
    """measurements_due rows with "reminded_at": when their coordinators were mailed about this due date (None: not
    yet). One query."""
    from .models import MeasurementReminder

    sent = {
        (indicator_id, due_on): sent_at
        for indicator_id, due_on, sent_at in MeasurementReminder.objects.filter(
            indicator__in=[row["indicator"].pk for row in due]
        ).values_list("indicator_id", "due_on", "sent_at")
    }
    for row in due:
        row["reminded_at"] = sent.get((row["indicator"].pk, row["result"].next_due))
    return due


def due_text(row: dict) -> str:
    """When a measurements_due row is due, in words ("due since 1 April 2026"), for the workspace home and the mail."""
    from django.utils.formats import date_format

    next_due = row["result"].next_due
    if next_due is None:
        return str(_("never measured yet"))
    if row["overdue"]:
        return str(_("due since %(date)s") % {"date": date_format(next_due, "j F Y")})
    return str(_("due on %(date)s") % {"date": date_format(next_due, "j F Y")})
