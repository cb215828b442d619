"""Read queries for pacts: each page's data in a fixed number of queries."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from zorgpact.charts import line_chart
from zorgpact.constants import EducationLevel, GovernmentLevel, Pillar

from .models import Action, Ambition, Goal, Indicator, Measurement, Pact, Participation


def _count(queryset):
    """A correlated count per pact: two joined counts in one query would multiply each other's rows."""
    return Coalesce(
        Subquery(queryset.filter(pact=OuterRef("pk")).order_by().values("pact").annotate(n=Count("pk")).values("n"),
                 output_field=IntegerField()),
        0,
    )


def pact_list_queryset():
    return (
        Pact.objects.select_related("phase", "lead")
        .prefetch_related("provinces", "themes")
        .annotate(
            partner_count=_count(Participation.objects.filter(left_on__isnull=True)),
            action_count=_count(Action.objects.filter(archived_at__isnull=True)),
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
        .prefetch_related("themes", Prefetch("indicators", queryset=_public_indicators()))
        .order_by("order", "pk")
    )


def get_public_pact(slug: str) -> Pact:
    """The pact with everything its public page shows, prefetched."""
    queryset = Pact.objects.select_related("phase", "lead").prefetch_related(
        "provinces",
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
    """The pact's partners by side of the golden triangle, with the gaps a visitor should see."""

    groups: list[dict] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)


def group_by_pillar(organisations) -> list[dict]:
    """Organisations per side of the golden triangle (every pillar listed, also when empty)."""
    groups = []
    for pillar in Pillar:
        members = [o for o in organisations if o.pillar == pillar]
        groups.append({"pillar": pillar, "label": pillar.label, "organisations": members, "count": len(members)})
    return groups


def partner_composition(participations) -> Composition:
    organisations = [p.organisation for p in participations]
    groups = group_by_pillar(organisations)
    gaps = []
    if not any(o.pillar == Pillar.CARE for o in organisations):
        gaps.append(_("no care or welfare organisation"))
    if not any(o.pillar == Pillar.EDUCATION for o in organisations):
        gaps.append(_("no school"))
    if not any(o.pillar == Pillar.GOVERNMENT for o in organisations):
        gaps.append(_("no government"))
    elif not any(o.government_level == GovernmentLevel.MUNICIPALITY for o in organisations):
        gaps.append(_("no municipality"))
    if any(o.pillar == Pillar.EDUCATION for o in organisations):
        for level in (EducationLevel.VMBO, EducationLevel.MBO, EducationLevel.HBO):
            if not any(o.education_level == level for o in organisations):
                gaps.append(_("no %(level)s") % {"level": level.label})
    return Composition(groups=groups, gaps=gaps)


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
    baseline = indicator.baseline if indicator.baseline is not None else Decimal(0)
    span = indicator.target - baseline
    if span == 0:
        percent = Decimal(100) if latest.value == indicator.target else Decimal(0)
    else:
        percent = (latest.value - baseline) / span * 100
    percent = max(Decimal(0), min(Decimal(100), percent))
    result["percent"] = int(percent)
    result["on_track"] = percent >= expected_percent(indicator, measurements)
    return result


def expected_percent(indicator: Indicator, measurements: list[Measurement]) -> Decimal:
    """How far along the indicator should be by now: the share of time elapsed towards the target date."""
    first, latest = measurements[0], measurements[-1]
    if not indicator.target_on or indicator.target_on <= first.measured_on:
        return Decimal(50)
    elapsed = (latest.measured_on - first.measured_on).days
    total = (indicator.target_on - first.measured_on).days
    return Decimal(min(elapsed, total)) / Decimal(total) * 100
