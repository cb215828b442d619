"""Read queries for pacts: each page's data in a fixed number of queries."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from zorgpact.constants import NOT_KNOWN, PARTNERS_NOT_RECORDED, SCHOOL_LEVELS, GovernmentLevel, Pillar
from zorgpact.core.charts import line_chart

from .models import Action, Ambition, Goal, Indicator, Measurement, Pact, Participation


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


def get_public_pact(slug: str) -> Pact:
    """The pact with everything its public page shows, prefetched."""
    queryset = Pact.objects.select_related("phase", "lead").prefetch_related(
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
    )
    return get_object_or_404(queryset, slug=slug)


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


def indicator_progress(indicator: Indicator) -> dict:
    """Latest value against the target, as a share of the way from baseline to target (0–100)."""
    measurements = list(indicator.measurements.all())
    latest = measurements[-1] if measurements else None
    result = {
        "latest": latest,
        "percent": None,
        "on_track": None,
        "count": len(measurements),
        "chart": line_chart(
            [(m.measured_on, m.value) for m in measurements],
            uid=f"indicator-{indicator.pk}",
            target=indicator.target,
            baseline=indicator.baseline,
        ),
    }
    if latest is None or indicator.target is None:
        return result
    percent = progress_percent(indicator.baseline, indicator.target, latest.value)
    result["percent"] = int(percent)
    result["on_track"] = percent >= expected_share(measurements[0].measured_on, latest.measured_on, indicator.target_on)
    return result


# The on-track rule, once: the pact page (above), both Volgspot dashboards and the report all call these.


def progress_percent(baseline: Decimal | None, target: Decimal, latest_value: Decimal) -> Decimal:
    """The latest value as a share of the way from baseline (0 when not given) to target, clamped to 0–100."""
    baseline = baseline if baseline is not None else Decimal(0)
    span = target - baseline
    if span == 0:
        return Decimal(100) if latest_value == target else Decimal(0)
    return max(Decimal(0), min(Decimal(100), (latest_value - baseline) / span * 100))


def expected_share(first_on: datetime.date, latest_on: datetime.date, target_on: datetime.date | None) -> Decimal:
    """How far along an indicator should be by its latest measurement: the share of time elapsed from its first
    measurement towards the target date (half way when there is no usable target date)."""
    if not target_on or target_on <= first_on:
        return Decimal(50)
    total = (target_on - first_on).days
    return Decimal(min((latest_on - first_on).days, total)) / Decimal(total) * 100


def on_track(baseline, target, target_on, first_on, latest_on, latest_value) -> bool:
    return progress_percent(baseline, target, latest_value) >= expected_share(first_on, latest_on, target_on)


def pact_indicator_table(pact: Pact) -> tuple[list, list]:
    """The tables behind the indicator charts on a public pact page (from `get_public_pact`): one row per measurement,
    with the indicator's baseline and target; an indicator without measurements has one row without a value."""
    from django.utils.translation import gettext as _

    items = []
    for ambition in pact.ambitions.all():
        for goal in ambition.goals.all():
            items += [(goal.title, i) for i in goal.indicators.all()]
            items += [(action.title, i) for action in goal.actions.all() for i in action.indicators.all()]
    items += [(action.title, i) for action in pact.loose_actions for i in action.indicators.all()]
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
    for owner, indicator in items:
        base = [indicator.name, owner, indicator.unit, indicator.baseline, indicator.target, indicator.target_on]
        measurements = list(indicator.measurements.all())
        rows += [[*base, m.measured_on, m.value] for m in measurements] or [[*base, None, None]]
    return header, rows
