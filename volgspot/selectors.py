"""Dashboard figures for the ministries: aggregated in the database, a fixed number of queries at any scale."""

import datetime
import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from koplopers.constants import KoploperStatus
from koplopers.models import Adoption, Koploper
from pacts.constants import PactFunction, ProgressGap, TargetGroup, Verdict
from pacts.models import Ambition, Goal, Indicator, Pact
from pacts.progress import PactResults, Rollup, mean
from pacts.selectors import (
    PARTNER_COUNT_FILTERS,
    composition_from_counts,
    pact_results,
    partner_count_annotations,
    results_of,
    unmeasured_effects,
)
from zorgpact.core.pagecache import fragment
from zorgpact.models import Phase, Theme

from .constants import AgreementStatus
from .models import Agreement, VolgspotSession


@dataclass
class Filters:
    province: str = ""
    theme: str = ""
    year_from: int | None = None
    year_to: int | None = None

    @classmethod
    def from_request(cls, params) -> "Filters":
        def year(name):
            value = params.get(name, "")
            return int(value) if value.isdigit() and 1990 <= int(value) <= 2100 else None

        return cls(
            province=params.get("province", "")[:2],
            theme=params.get("theme", "")[:100],
            year_from=year("van"),
            year_to=year("tot"),
        )


def _in_place_and_theme(queryset, filters: Filters):
    """Pacts and koplopers both have provinces and themes: the dashboard's two filters narrow either the same way."""
    if filters.province:
        queryset = queryset.filter(provinces__code=filters.province)
    if filters.theme:
        queryset = queryset.filter(themes__slug=filters.theme)
    return queryset.distinct()


def filtered_pacts(filters: Filters):
    return _in_place_and_theme(Pact.objects.all(), filters)


def filtered_koplopers(filters: Filters):
    """The published koplopers the dashboard's filters select (the figure ignored them)."""
    return _in_place_and_theme(Koploper.objects.published(), filters)


def _count(queryset, field: str):
    """A correlated count per outer row: joined Count(distinct=True)s over two relations multiply each other's rows."""
    return Coalesce(
        Subquery(
            queryset.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("*")).values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def _progress_cell(rollup) -> int | str:
    """A table cell: the whole percentage, or "no data" (never 0 % for a level without data)."""
    return rollup.percent if rollup.progress is not None else _("no data")


def _recent_cell(share: int | None) -> int | str:
    return share if share is not None else _("no data")


def _frozen_rollup(rollup) -> dict:
    """A level's progress as a dashboard shows (and a snapshot freezes) it: the percentage or "no data", and what
    it rests on."""
    return {
        "progress": _progress_cell(rollup),
        "based_on": rollup.based_on,
        "stale": rollup.stale,
        "without_data": rollup.without_data,
    }


def results_tables(pacts, pact_ids) -> dict:
    """The roll-up on the national dashboard (pacts.progress, the one rule): the national figure, per pact and per
    theme the progress, what it rests on and the share of indicators with recent data; the on-track table per theme
    of an indicator's action; the goals whose effects are not measured. Four queries at any scale."""
    results = pact_results(pacts)
    empty = PactResults()
    names = list(
        Pact.objects.filter(pk__in=pact_ids).order_by("name").values_list("pk", "name", "slug", "is_synthetic")
    )
    per_pact = [(pk, name, slug, results.get(pk, empty)) for pk, name, slug, _f in names]
    # The national and theme figures are the programme's: real pacts only (the fictional Oefenregio and scale data
    # keep their own row, as on the home page); "no data" until a real pact has a computed progress.
    real = {pk for pk, _n, _s, fictional in names if not fictional}
    real_trees = [tree for pk, _n, _s, tree in per_pact if pk in real]
    national = mean(tree.pact for tree in real_trees)
    measured = sum(tree.measured for tree in real_trees)
    recent = sum(tree.recent for tree in real_trees)

    pacts_of_theme = defaultdict(list)
    for slug, name, pact_id in (
        Pact.themes.through.objects.filter(pact__in=pact_ids)
        .order_by()
        .values_list("theme__slug", "theme__name", "pact")
    ):
        if pact_id in real:
            pacts_of_theme[(name, slug)].append(results.get(pact_id, empty))
    theme_rows = []
    for (name, _slug), trees in sorted(pacts_of_theme.items()):
        rollup = mean(t.pact for t in trees)
        theme_measured = sum(t.measured for t in trees)
        theme_rows.append(
            (
                name,
                sum(1 for t in trees if t.pact.progress is not None),
                _progress_cell(rollup),
                rollup.based_on,
                rollup.stale,
                round(100 * sum(t.recent for t in trees) / theme_measured) if theme_measured else _("no data"),
            )
        )

    # Indicators on track, per theme of their action (an indicator without a themed action counts under none).
    # Real pacts only, like the headline (the fictional pact's indicators are not the programme's).
    verdicts = {pk: r for pact_id in real for pk, r in results.get(pact_id, empty).indicators.items()}
    judged = {pk: r for pk, r in verdicts.items() if r.latest_on is not None and r.gap != ProgressGap.NO_TARGET}
    theme_of = defaultdict(set)
    for indicator_id, name in (
        Indicator.objects.in_results()
        .in_pact(pacts.real())
        .filter(action__themes__isnull=False)
        .order_by()
        .values_list("pk", "action__themes__name")
    ):
        theme_of[indicator_id].add(name)
    totals, good = Counter(), Counter()
    for pk, result in judged.items():
        for name in theme_of.get(pk) or {_("(no theme)")}:
            totals[name] += 1
            good[name] += result.verdict == Verdict.ON_TRACK
    on_track_rows = [
        (name, totals[name], good[name], round(100 * good[name] / totals[name]) if totals[name] else 0)
        for name in sorted(totals, key=lambda n: (n == _("(no theme)"), n))
    ]

    # The goals whose effects are not measured: one grouped query, however many goals (the per-goal rule is
    # pacts.selectors.unmeasured_effects; tests/pacts/test_results.py holds both to the same answer).
    # The table lists every pact's goals by their pact's name (a per-pact list, like the progress table); the
    # figure counts the real pacts' goals only.
    groups = TargetGroup.values
    unmeasured, unmeasured_real = [], 0
    for pact_id, pact_name, title, *flags in (
        Goal.objects.public()
        .filter(ambition__pact__in=pact_ids)
        .with_unmeasured_effects()
        .order_by("ambition__pact__name", "ambition__order", "order", "pk")
        .values_list("ambition__pact", "ambition__pact__name", "title", *(f"unmeasured_{g}" for g in groups))
    ):
        unmeasured_real += pact_id in real
        unmeasured.append(
            (
                pact_name,
                title,
                ", ".join(str(TargetGroup(g).label).lower() for g, flag in zip(groups, flags, strict=True) if flag),
            )
        )
    return {
        "figures": {
            "progress": national.percent,
            "based_on": national.based_on,
            "stale": national.stale,
            "without_data": national.without_data,
            "pacts_with_data": sum(1 for tree in real_trees if tree.pact.progress is not None),
            "recent_share": round(100 * recent / measured) if measured else None,
            "indicators": len(judged),
            "on_track": sum(1 for r in judged.values() if r.verdict == Verdict.ON_TRACK),
            "effects_unmeasured": unmeasured_real,
        },
        "progress": {
            "title": "progress",
            "head": [
                _("Pact"),
                _("Progress (%)"),
                _("Based on indicators"),
                _("Out of date"),
                _("Without data"),
                _("Recent data (%)"),
            ],
            "rows": [
                (
                    name,
                    _progress_cell(tree.pact),
                    tree.pact.based_on,
                    tree.pact.stale,
                    tree.pact.without_data,
                    tree.recent_share if tree.recent_share is not None else _("no data"),
                )
                for _pk, name, _slug, tree in per_pact
            ],
            "linked_rows": [
                (
                    reverse("volgspot:pact", args=[slug]),
                    (
                        name,
                        _progress_cell(tree.pact),
                        tree.pact.based_on,
                        tree.pact.stale,
                        tree.pact.without_data,
                        tree.recent_share if tree.recent_share is not None else _("no data"),
                    ),
                )
                for _pk, name, slug, tree in per_pact
            ],
        },
        "theme_progress": {
            "title": "theme_progress",
            "head": [
                _("Theme"),
                _("Pacts with data"),
                _("Progress (%)"),
                _("Based on indicators"),
                _("Out of date"),
                _("Recent data (%)"),
            ],
            "rows": theme_rows,
        },
        "on_track": {
            "title": "on_track",
            "head": [_("Theme"), _("Indicators"), _("On track"), _("Share on track (%)")],
            "rows": on_track_rows,
        },
        "effects": {
            "title": "effects",
            "head": [_("Pact"), _("Goal"), _("Effect not measured")],
            "empty": _(
                "Every goal that names a target group has an effect indicator for it (goals whose target groups are "
                "not known are not judged)."
            ),
            "rows": unmeasured[:200],
        },
    }


def national_dashboard(filters: Filters) -> dict:
    """The national figures: the pact side and the koploper side, computed apart so each can be kept until a write
    to what it counts (cached_national_dashboard)."""
    return _joined(_pact_figures(filters), _koploper_figures(filters))


def _koploper_figures(filters: Filters) -> dict:
    """What the national dashboard counts of koplopers: per theme, the filtered total, adoptions per year."""
    theme_counts = dict(
        Koploper.themes.through.objects.filter(koploper__status=KoploperStatus.KOPLOPER)
        .order_by()
        .values_list("theme__slug")
        .annotate(n=Count("pk"))
    )
    adoptions = Adoption.objects.filter(koploper__status=KoploperStatus.KOPLOPER)
    if filters.year_from:
        adoptions = adoptions.filter(year__gte=filters.year_from)
    if filters.year_to:
        adoptions = adoptions.filter(year__lte=filters.year_to)
    adoption_rows = list(adoptions.order_by().values_list("year").annotate(n=Count("pk")).order_by("year"))
    return {"themes": theme_counts, "koplopers": filtered_koplopers(filters).count(), "adoptions": adoption_rows}


def _joined(pact_part: dict, koploper_part: dict) -> dict:
    figures = dict(pact_part["figures"])
    pacts, fictional = figures.pop("pacts"), figures.pop("fictional_pacts")
    figures = {"pacts": pacts, "fictional_pacts": fictional, "koplopers": koploper_part["koplopers"], **figures}
    data = {"figures": figures, "tables": dict(pact_part["tables"])}
    themes = dict(pact_part["tables"]["themes"])
    themes["rows"] = [(n, p, koploper_part["themes"].get(slug, 0)) for slug, n, p in themes.pop("slug_rows")]
    data["tables"]["themes"] = themes
    data["tables"]["adoptions"] = {
        "title": "adoptions",
        "head": [_("Year"), _("Adoptions")],
        "rows": koploper_part["adoptions"],
    }
    return data


def _pact_figures(filters: Filters) -> dict:
    pacts = filtered_pacts(filters)
    pact_ids = pacts.values("pk")
    # Every national figure counts the real pacts only (PactQuerySet.real), as the headline does: the fictional
    # Oefenregio and scale data are named apart and keep their own rows in the per-pact tables, never in a count.
    real_pacts = pacts.real()
    real_ids = real_pacts.values("pk")
    today = timezone.localdate()

    phases = list(
        Phase.objects.order_by("order")
        .annotate(n=Count("pacts", filter=Q(pacts__in=real_ids)))
        .values_list("name", "n")
    )
    functions = real_pacts.aggregate(
        projecttrekker=Count("pk", filter=Q(is_projecttrekker=True)),
        platform=Count("pk", filter=Q(is_platform=True)),
        podium=Count("pk", filter=Q(is_podium=True)),
    )
    # The headline counts the real pacts; the fictional Oefenregio (and any scale data) is named apart.
    # One query for both counts, one for up to four names: the same two whatever the data (a query budget holds it).
    counts = pacts.aggregate(total=Count("pk"), fictional=Count("pk", filter=Q(is_synthetic=True)))
    total_pacts, fictional_pacts = counts["total"], counts["fictional"]
    real_total = total_pacts - fictional_pacts
    fictional_names = list(pacts.fictional().order_by("name").values_list("name", flat=True)[:4])

    # Themes: how many pacts and how many koplopers work on each. Counted on the link tables in a subquery per
    # theme (each link is unique, so a row count is a distinct count): two joined distinct counts built the
    # product of both relations (5.4 million rows at scale 100, 3 s).
    # (The koplopers per theme are counted in _koploper_figures, one grouped query.)
    themes = list(
        Theme.objects.annotate(pact_n=_count(Pact.themes.through.objects.filter(pact__in=real_ids), "theme"))
        .order_by("name")
        .values_list("slug", "name", "pact_n")
    )

    results = results_tables(pacts, pact_ids)

    # Golden triangle per pact, gaps flagged: the first 200 pacts by name are chosen before their participations
    # are counted (counting every pact's participations and then keeping 200 cost 4× as much at scale 100).
    first_pacts = Pact.objects.filter(pk__in=pact_ids).order_by("name").values("pk")[:200]
    composition = (
        Pact.objects.filter(pk__in=first_pacts)
        .annotate(**partner_count_annotations())
        .order_by("name")
        .values("name", "slug", "partners_complete", *PARTNER_COUNT_FILTERS)
    )
    composition_rows = []
    for row in composition:
        verdict = composition_from_counts(complete=row["partners_complete"], counts=row).verdict
        composition_rows.append((row["name"], row["slug"], row["care"], row["education"], row["government"], verdict))
    not_recorded = real_pacts.exclude(partners_complete=True).count()

    year_ago = today - datetime.timedelta(days=365)
    covered = real_pacts.filter(
        Exists(VolgspotSession.objects.filter(pact=OuterRef("pk"), held_on__gte=year_ago))
    ).count()
    overdue = Agreement.objects.filter(
        session__pact__in=real_ids, status__in=[AgreementStatus.OPEN, AgreementStatus.RUNNING], due_on__lt=today
    ).count()

    # Pacts over the phases over time: per year, how many pacts a session placed in each phase.
    phase_names = [name for name, _n in phases]
    per_year = defaultdict(lambda: [0] * len(phase_names))
    sessions = VolgspotSession.objects.filter(pact__in=real_ids, phase__isnull=False)
    if filters.year_from:
        sessions = sessions.filter(held_on__year__gte=filters.year_from)
    if filters.year_to:
        sessions = sessions.filter(held_on__year__lte=filters.year_to)
    for year, order, n in (
        sessions.order_by().values_list("held_on__year", "phase__order").annotate(n=Count("pact", distinct=True))
    ):
        if 1 <= order <= len(phase_names):
            per_year[year][order - 1] = n
    phases_over_time = [(year, *counts) for year, counts in sorted(per_year.items())]

    return {
        "figures": {
            "pacts": total_pacts - fictional_pacts,
            "fictional_pacts": fictional_pacts,
            "fictional_names": fictional_names[:3] if fictional_pacts <= 3 else [],
            "all_pacts": total_pacts,
            "covered": covered,
            "coverage_share": round(100 * covered / real_total) if real_total else 0,
            "overdue": overdue,
            "partners_not_recorded": not_recorded,
            **results["figures"],
        },
        "tables": {
            "phases": {"title": "phases", "head": [_("Phase"), _("Pacts")], "rows": phases},
            "phases_over_time": {
                "title": "phases_over_time",
                "head": [_("Year"), *phase_names],
                "rows": phases_over_time,
            },
            "functions": {
                "title": "functions",
                "head": [_("Function"), _("Pacts")],
                "rows": [(str(f.label), functions[f.value]) for f in PactFunction],
            },
            "themes": {
                "title": "themes",
                "head": [_("Theme"), _("Pacts"), _("Koplopers")],
                "slug_rows": themes,
            },
            "on_track": results["on_track"],
            "progress": results["progress"],
            "theme_progress": results["theme_progress"],
            "effects": results["effects"],
            "composition": {
                "title": "composition",
                "head": [_("Pact"), _("Care and welfare"), _("Education"), _("Government"), _("Missing")],
                "rows": [(n, c, e, g, gaps) for n, _slug, c, e, g, gaps in composition_rows],
                # each pact's name links to its own dashboard on the page (the CSV keeps the plain rows)
                "linked_rows": [
                    (reverse("volgspot:pact", args=[slug]), (n, c, e, g, gaps))
                    for n, slug, c, e, g, gaps in composition_rows
                ],
            },
        },
    }


def cached_national_dashboard(filters: Filters) -> dict:
    """The national figures are the same for everyone who may read them (ministries, national team): kept until the
    next write (zorgpact.core.pagecache.fragment) per language (the table heads are translated), so a dashboard read by
    many costs its queries once."""
    key = f"{get_language()}:{hashlib.sha256(repr(filters).encode()).hexdigest()[:32]}"
    # Apart, by what each counts: a koploper edit recounts the koplopers, not 23,000 indicators at scale 100.
    pact_part = fragment(
        f"volgspot:national:pacts:{key}",
        lambda: _pact_figures(filters),
        families=("vocabulary", "pacts", "agenda", "volgspot"),
    )
    koploper_part = fragment(
        f"volgspot:national:koplopers:{key}",
        lambda: _koploper_figures(filters),
        families=("vocabulary", "koplopers"),
    )
    return _joined(pact_part, koploper_part)


def bar_chart(rows, value_index: int = 1, width: int = 560, bar_height: int = 24, label_chars: int = 72) -> dict:
    """Horizontal bars for an SVG chart; the same rows are shown as a table next to it.

    Readable as drawn: each label on its own line above its bar (a long phase name fits, none is cut mid-word), the
    value beside every bar, and a zero drawn as a thin mark with "0" (an empty row read as missing data). A page with
    room (the PDF report) passes a wider chart and longer labels.
    """
    values = [float(r[value_index] or 0) for r in rows]
    top = max(values + [1])
    label_height, gap, value_room = 22, 12, 56
    row_height = label_height + bar_height + gap
    bars = []
    for i, (row, value) in enumerate(zip(rows, values, strict=True)):
        y = i * row_height
        length = round((width - value_room) * value / top, 1)
        bars.append(
            {
                "label": _fit(str(row[0]), limit=label_chars),
                "full_label": str(row[0]),
                "value": row[value_index],
                "label_y": y + 16,
                "y": y + label_height,
                "width": max(length, 2),
                "value_x": max(length, 2) + 6,
                "text_y": y + label_height + bar_height * 0.7,
            }
        )
    return {"bars": bars, "height": max(len(rows), 1) * row_height, "width": width, "bar_height": bar_height}


def _fit(text: str, *, limit: int) -> str:
    """A label of at most `limit` characters, shortened at a word boundary with an ellipsis, never mid-word."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def pact_results_view(pact: Pact) -> dict:
    """The pact's roll-up for its dashboard (pacts.progress via pact_results: one query), per ambition, and the goals
    whose effects are not measured (two queries)."""
    results = results_of(pact)
    ambitions = list(Ambition.objects.filter(pact=pact, archived_at__isnull=True).order_by("order", "pk"))
    goals = (
        Goal.objects.filter(ambition__pact=pact, archived_at__isnull=True, ambition__archived_at__isnull=True)
        .prefetch_related(Prefetch("indicators", queryset=Indicator.objects.active()))
        .order_by("ambition__order", "order", "pk")
    )
    return {
        "results": results,
        "ambition_rollups": [(a, results.ambitions.get(a.pk, Rollup())) for a in ambitions],
        "unmeasured_effects": unmeasured_effects(goals),
    }


# What a pact's dashboard shows: the pact and its partners (vocabulary, pacts), its agenda, its sessions and agreements.
PACT_DASHBOARD_FAMILIES = ("vocabulary", "pacts", "agenda", "volgspot")


def kept_pact_dashboard(pact: Pact) -> dict:
    """`pact_dashboard_of`, kept per pact, language and day (verdicts such as "verouderd" move with the date) until a
    write to what it shows: the dashboard's readers (ministries, the team, the coordinators) mostly read; a kept
    dashboard is one cache read instead of the roll-up, the indicators with their measurements and the sessions. The
    snapshots freeze a fresh `pact_dashboard_of`, never this."""
    name = f"pact-dashboard:{pact.pk}:{get_language()}:{timezone.localdate().isoformat()}"
    return fragment(name, lambda: pact_dashboard_of(pact), families=PACT_DASHBOARD_FAMILIES)


# The national dashboard's tables drawn as bar charts too.
CHARTED = ["phases", "functions", "themes", "on_track", "adoptions"]


def national_dashboard_page(filters: Filters) -> dict:
    """What the national dashboard page renders: the kept figures and tables with their bar charts."""
    data = cached_national_dashboard(filters)
    charts = {key: bar_chart(data["tables"][key]["rows"], value_index=3 if key == "on_track" else 1) for key in CHARTED}
    return {**data, "charts": charts}


def pact_dashboard_page(pact: Pact) -> dict:
    """What the per-pact dashboard page renders: the kept dashboard with its status chart and the rows its tables
    show."""
    dashboard = kept_pact_dashboard(pact)
    status_rows = dashboard["tables"]["action_status"]["rows"]
    return {
        **dashboard,
        "status_rows": status_rows,
        "status_chart": bar_chart(status_rows),
        "agreement_rows": dashboard["tables"]["agreements"]["rows"],
    }


def pact_dashboard_of(pact: Pact) -> dict:
    """One pact's dashboard, once: the page renders it, a snapshot freezes its figures and tables
    (snapshots.pact_dashboard_data) and the CSV/XLSX downloads are its tables, so the three cannot disagree.

    Actions by status, indicators against their targets (the pact page's own rule, `indicator_progress`), the roll-up
    and unmeasured effects (pact_results_view), sessions, agreements and partners. The tables keep typed values
    (dates, decimals); `plain` turns them into JSON-able data for a snapshot. A fixed number of queries."""
    from pacts.models import Action
    from pacts.selectors import indicator_progress, pact_composition
    from zorgpact.constants import NOT_KNOWN

    actions = list(Action.objects.filter(pact=pact, archived_at__isnull=True))
    by_status: Counter = Counter(str(action.get_status_display() or NOT_KNOWN) for action in actions)
    rollup = pact_results_view(pact)
    # The indicators listed are the ones the pact's progress counts (PactResults.counted: the roll-up's own set,
    # public and of a goal), so "based on N indicators" and "M without data" add up to the rows listed here, in
    # the CSV/XLSX and in a snapshot. Non-public indicators and actions outside a goal are left out for signed-in
    # readers too: the figure they would explain does not count them (the workspace lists them for the pact).
    counted = rollup["results"].counted
    listed = (
        Indicator.objects.filter(pk__in=counted)
        .annotate(
            ambition_order=Coalesce("goal__ambition__order", "action__goal__ambition__order"),
            ambition_ref=Coalesce("goal__ambition_id", "action__goal__ambition_id"),
            goal_order=Coalesce("goal__order", "action__goal__order"),
            goal_ref=Coalesce("goal_id", "action__goal_id"),
        )
        .order_by("ambition_order", "ambition_ref", "goal_order", "goal_ref", "action_id", "pk")
        .prefetch_related("measurements")
    )
    indicators = [(i, indicator_progress(i)) for i in listed]
    sessions = list(pact.sessions.select_related("phase").prefetch_related("agreements").order_by("round"))
    agreements = [(s, a) for s in sessions for a in s.agreements.all()]
    composition = pact_composition(Pact.objects.prefetch_related("participations__organisation").get(pk=pact.pk))
    figures = {
        "pact": pact.name,
        "phase": pact.phase.name if pact.phase_id else None,
        "actions": len(actions),
        "indicators": len(indicators),
        "sessions": len(sessions),
        "open_agreements": sum(
            1 for _s, a in agreements if a.status in (AgreementStatus.OPEN, AgreementStatus.RUNNING)
        ),
        "partner_gaps": composition.verdict,
        # The roll-up as it stands, so a snapshot freezes the progress with the figures it rests on.
        **_frozen_rollup(rollup["results"].pact),
        "recent_share": _recent_cell(rollup["results"].recent_share),
    }
    tables = {
        "action_status": {"head": [_("Status"), _("Actions")], "rows": sorted(by_status.items())},
        "indicators": {
            "head": [
                _("Indicator"),
                _("Unit"),
                _("Baseline"),
                _("Target"),
                _("Latest value"),
                _("Measured on"),
                _("Progress (%)"),
                _("On track"),
            ],
            "rows": [
                [
                    indicator.name,
                    indicator.unit,
                    indicator.baseline,
                    indicator.target,
                    progress["latest"].value if progress["latest"] else None,
                    progress["latest"].measured_on if progress["latest"] else None,
                    progress["percent"],
                    progress["on_track"],
                ]
                for indicator, progress in indicators
            ],
        },
        "sessions": {
            "head": [_("Round"), _("Date"), _("Phase"), _("Status")],
            "rows": [
                [s.round, s.held_on, s.phase.name if s.phase_id else None, s.get_status_display()] for s in sessions
            ],
        },
        "agreements": {
            "head": [_("Round"), _("Agreement"), _("Owner"), _("Due"), _("Status")],
            "rows": [[s.round, a.text, a.owner_name, a.due_on, a.get_status_display()] for s, a in agreements],
        },
        "partners": {
            "head": [_("Side"), _("Organisations")],
            "rows": [[g["label"], ", ".join(o.name for o in g["organisations"])] for g in composition.groups],
        },
        "ambition_progress": {
            "head": [_("Ambition"), _("Progress (%)"), _("Based on indicators"), _("Out of date"), _("Without data")],
            "rows": [
                [ambition.title, *_frozen_rollup(rollup_of).values()]
                for ambition, rollup_of in rollup["ambition_rollups"]
            ],
        },
        "effects": {
            "head": [_("Goal"), _("Effect not measured")],
            "rows": [
                [row["goal"].title, ", ".join(str(g.label).lower() for g in row["groups"])]
                for row in rollup["unmeasured_effects"]
            ],
        },
    }
    return {
        "pact": pact,
        "indicators": indicators,
        "sessions": sessions,
        "composition": composition,
        **rollup,
        "figures": figures,
        "tables": tables,
    }


def next_round(pact: Pact) -> int:
    """The round number a newly planned session of this pact gets."""
    last = VolgspotSession.objects.filter(pact=pact).order_by("-round").values_list("round", flat=True).first()
    return (last or 0) + 1


def preparation(session: VolgspotSession) -> dict:
    """What the previous round left: its open agreements, and each indicator's change since that session."""
    previous = VolgspotSession.objects.filter(pact=session.pact, round__lt=session.round).order_by("-round").first()
    if previous is None:
        return {"previous": None, "open_agreements": [], "indicator_changes": []}
    open_agreements = list(previous.agreements.filter(status__in=[AgreementStatus.OPEN, AgreementStatus.RUNNING]))
    changes = []
    indicators = Indicator.objects.active().in_pact(session.pact).prefetch_related("measurements")
    for indicator in indicators:
        points = sorted(indicator.measurements.all(), key=lambda m: m.measured_on)
        before = [m for m in points if m.measured_on <= previous.held_on]
        now = [m for m in points if m.measured_on <= session.held_on]
        if before and now:
            changes.append(
                {
                    "indicator": indicator,
                    "then": before[-1].value,
                    "now": now[-1].value,
                    "change": now[-1].value - before[-1].value,
                }
            )
    return {"previous": previous, "open_agreements": open_agreements, "indicator_changes": changes}
