import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pacts.models import Pact
from volgspot.models import Agreement, VolgspotSession
from zorgpact.demo.loader import load_demo_data
from zorgpact.demo.scale import generate_scale_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "role, national, own, other",
    [
        ("anonymous", 302, 302, 302),
        ("coordinator", 403, 200, 404),
        ("other_coordinator", 403, 404, 200),
        ("koploper_coordinator", 403, 404, 404),
        ("ministry_staff", 200, 200, 200),
        ("national_team", 200, 200, 200),
    ],
)
def test_permission_matrix(client, request, role, national, own, other, pact, other_pact):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    assert client.get("/volgspot/").status_code == national
    assert client.get("/volgspot/csv/phases/").status_code == national
    assert client.get(f"/volgspot/pacten/{pact.slug}/").status_code == own
    assert client.get(f"/volgspot/pacten/{other_pact.slug}/").status_code == other


def test_figures_equal_independent_orm_counts_on_demo_data(client, ministry_staff):
    load_demo_data()
    client.force_login(ministry_staff)
    response = client.get("/volgspot/")
    figures, tables = response.context["figures"], response.context["tables"]
    # The headline counts the real pacts; the fictional Oefenregio apart (it was counted among them).
    assert figures["pacts"] == Pact.objects.filter(is_synthetic=False).count() == 14
    assert figures["fictional_pacts"] == 1 and figures["fictional_names"] == ["Zorgpact Oefenregio (fictief)"]
    assert figures["all_pacts"] == Pact.objects.count()
    html = response.content.decode()
    assert ">14 pacten</span>" in html and "+ 1 fictief (Zorgpact Oefenregio (fictief))" in html
    # every national count is of the real pacts (PactQuerySet.real): the fictional Oefenregio is named apart
    assert (
        dict(tables["phases"]["rows"])[Pact.objects.get(slug="zorgpact-oefenregio-fictief").phase.name]
        == Pact.objects.real().filter(phase__order=3).count()
    )
    assert (
        dict(tables["functions"]["rows"])["Projecttrekker"]
        == Pact.objects.real().filter(is_projecttrekker=True).count()
    )
    assert tables["on_track"]["head"] == ["Thema", "Indicatoren", "Op koers", "Aandeel op koers (%)"]  # nl, the default
    year_ago = datetime.date.today() - datetime.timedelta(days=365)
    assert figures["covered"] == Pact.objects.real().filter(sessions__held_on__gte=year_ago).distinct().count()
    overdue = Agreement.objects.filter(status__in=["open", "running"], due_on__lt=datetime.date.today())
    # the Oefenregio has one overdue agreement, and it is not the programme's
    assert overdue.filter(session__pact__is_synthetic=True).count() >= 1
    assert figures["overdue"] == overdue.filter(session__pact__is_synthetic=False).count()
    assert VolgspotSession.objects.count() == 2


def test_each_csv_equals_its_table(client, ministry_staff):
    load_demo_data()
    client.force_login(ministry_staff)
    tables = client.get("/volgspot/").context["tables"]
    for key, table in tables.items():
        rows = list(csv.reader(io.StringIO(client.get(f"/volgspot/csv/{key}/").content.decode("utf-8-sig"))))
        assert rows[0] == table["head"]
        assert rows[1:] == [[str(c) for c in r] for r in table["rows"]], key
    assert client.get("/volgspot/csv/onbekend/").status_code == 404
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert (
        client.get("/volgspot/csv/on_track/").content.decode("utf-8-sig").splitlines()[0]
        == "Theme,Indicators,On track,Share on track (%)"
    )


def test_filters_narrow_the_figures(client, ministry_staff):
    load_demo_data()
    client.force_login(ministry_staff)
    zeeland = client.get("/volgspot/", {"province": "ZE"}).context["figures"]["pacts"]
    assert zeeland == Pact.objects.filter(provinces__code="ZE").count()
    assert client.get("/volgspot/", {"van": "abc", "province": "<x>"}).status_code == 200


def test_national_dashboard_same_query_count_at_scale_1_and_10(client, ministry_staff):
    client.force_login(ministry_staff)
    generate_scale_data(scale=1)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/volgspot/").status_code == 200
        return len(ctx.captured_queries)

    small = count()
    generate_scale_data(scale=9)
    assert count() == small


def test_pact_dashboard_shows_progress_sessions_and_agreements(client, settings):
    settings.DEBUG = True
    load_demo_data()
    from zorgpact.models import User

    client.force_login(User.objects.get(email="coordinator@zeeland.demo"))
    response = client.get("/volgspot/pacten/zorgpact-oefenregio-fictief/")
    assert response.status_code == 200
    assert "Gezamenlijk rooster voor stages opstellen (fictief)" in response.text
    assert (
        sum(n for _label, n in response.context["status_rows"])
        == Pact.objects.get(slug="zorgpact-oefenregio-fictief").actions.count()
    )
    assert client.get("/volgspot/pacten/zorgpact-rotterdam/").status_code == 404


def test_phases_over_time_follow_the_sessions(client, ministry_staff):
    load_demo_data()
    client.force_login(ministry_staff)
    rows = {r[0]: r[1:] for r in client.get("/volgspot/").context["tables"]["phases_over_time"]["rows"]}
    # The demo's sessions are the fictional Oefenregio's: not counted among the real pacts' phases.
    assert rows == {}
    # Counted as a real pact, its round 1 (2017) assessed phase 2, round 2 (2018) phase 3.
    from volgspot.selectors import Filters, national_dashboard

    Pact.objects.filter(slug="zorgpact-oefenregio-fictief").update(is_synthetic=False)
    rows = {r[0]: r[1:] for r in national_dashboard(Filters())["tables"]["phases_over_time"]["rows"]}
    assert rows[2017][1] == 1 and rows[2018][2] == 1


def test_theme_indicator_and_composition_figures_equal_straightforward_orm_counts(client, ministry_staff):
    """The dashboard counts in correlated subqueries and index lookups; here every figure is counted the plain way."""
    from koplopers.models import Koploper
    from pacts.models import Indicator, Participation
    from pacts.progress import IndicatorFacts, indicator_result
    from zorgpact.models import Theme

    load_demo_data()
    generate_scale_data(scale=1)
    # The real demo pacts have no measurements: the Oefenregio is counted as a real pact here, so the plain counts
    # have indicators to count; the scale data's pacts stay synthetic and must be left out.
    Pact.objects.filter(slug="zorgpact-oefenregio-fictief").update(is_synthetic=False)
    client.force_login(ministry_staff)
    theme = Theme.objects.order_by("name").first()
    for status in ("applied", "archived"):  # the status filter must matter
        Koploper.objects.create(
            name=f"Niet gepubliceerd {status}", slug=f"niet-gepubliceerd-{status}", status=status
        ).themes.add(theme)
    for params in ({}, {"province": "ZE"}, {"theme": theme.slug}, {"province": "ZE", "theme": theme.slug}):
        response = client.get("/volgspot/", params)
        figures, tables = response.context["figures"], response.context["tables"]
        pacts = Pact.objects.all()
        if "province" in params:
            pacts = pacts.filter(provinces__code=params["province"])
        if "theme" in params:
            pacts = pacts.filter(themes__slug=params["theme"])
        pact_ids = set(pacts.values_list("pk", flat=True))
        real_ids = set(pacts.filter(is_synthetic=False).values_list("pk", flat=True))  # what national counts count

        expected_themes = [
            (
                t.name,
                len(real_ids & set(t.pacts.values_list("pk", flat=True))),
                t.koplopers.filter(status="koploper").count(),
            )
            for t in Theme.objects.order_by("name")
        ]
        assert tables["themes"]["rows"] == expected_themes, params
        assert any(k for _n, _p, k in expected_themes)
        # the scale data's (synthetic) pacts have themes: counting them would show here
        assert any((pact_ids - real_ids) & set(t.pacts.values_list("pk", flat=True)) for t in Theme.objects.all())

        def counted(i, pact_ids=real_ids):
            """The roll-up's selection, the plain way: active, of a live goal, or of a live public action."""
            if i.goal_id:
                return i.goal.ambition.pact_id in pact_ids and not (i.goal.archived_at or i.goal.ambition.archived_at)
            action = i.action
            alive = action.is_public and not action.archived_at
            if action.goal_id:
                alive = alive and not (action.goal.archived_at or action.goal.ambition.archived_at)
            return action.pact_id in pact_ids and alive

        followed = [i for i in Indicator.objects.filter(archived_at__isnull=True, target__isnull=False) if counted(i)]
        totals, good = {}, {}
        for indicator in followed:
            dates = sorted(indicator.measurements.values_list("measured_on", "value"))
            if not dates:
                continue
            facts = IndicatorFacts(
                pk=indicator.pk,
                baseline=indicator.baseline,
                target=indicator.target,
                target_on=indicator.target_on,
                direction=indicator.direction,
                rhythm=indicator.rhythm,
                first_on=dates[0][0],
                latest_on=dates[-1][0],
                latest_value=dates[-1][1],
            )
            ok = indicator_result(facts, today=datetime.date.today()).verdict == "on_track"
            names = {t.name for t in indicator.action.themes.all()} if indicator.action_id else set()
            for name in names or {"(zonder thema)"}:
                totals[name] = totals.get(name, 0) + 1
                good[name] = good.get(name, 0) + ok
        measured = len([i for i in followed if i.measurements.exists()])
        assert figures["indicators"] == measured and (measured > 0 or params), params
        assert {row[0]: row[1:3] for row in tables["on_track"]["rows"]} == {n: (totals[n], good[n]) for n in totals}

        composition = {}
        for pact in Pact.objects.filter(pk__in=pact_ids).order_by("name")[:200]:
            current = Participation.objects.filter(pact=pact, left_on__isnull=True)
            composition[pact.name] = tuple(
                current.filter(organisation__pillar=p).count() for p in ("care", "education", "government")
            )
        assert {row[0]: tuple(row[1:4]) for row in tables["composition"]["rows"]} == composition
        assert [row[0] for row in tables["composition"]["rows"]] == list(composition)


@pytest.mark.usefixtures("page_cache")
def test_national_figures_are_computed_once_until_the_next_write(
    client, ministry_staff, national_team, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.pacts.factories import PactFactory

    def pacts_figure(person):
        client.force_login(person)
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/volgspot/")
        # a kept page renders no figures: read what its kept part shows (the view's one source for it)
        return response.context["dashboard"]()["figures"]["all_pacts"], len(queries)

    before, first_queries = pacts_figure(ministry_staff)
    with django_capture_on_commit_callbacks() as commit:
        PactFactory(name="Zorgpact Later", slug="zorgpact-later")  # written, not yet committed
    figure, cached_queries = pacts_figure(national_team)  # another reader gets the same figures from the cache
    assert figure == before and cached_queries < first_queries - 5
    for callback in commit:
        callback()  # the write commits: a new generation
    assert pacts_figure(ministry_staff)[0] == before + 1


def test_the_koploper_figure_follows_the_filters_and_pacts_link_to_their_dashboards(client, ministry_staff):
    """The Koplopers figure counted every koploper whatever the province or theme (Zeeland showed all 24); the
    composition table names each pact as a link to its own dashboard."""
    from koplopers.models import Koploper

    load_demo_data()
    client.force_login(ministry_staff)
    everything = client.get("/volgspot/").context["figures"]["koplopers"]
    zeeland = client.get("/volgspot/", {"province": "ZE"})
    expected = Koploper.objects.published().filter(provinces__code="ZE").distinct().count()
    assert zeeland.context["figures"]["koplopers"] == expected < everything
    theme = client.get("/volgspot/", {"theme": "zorg-en-technologie"}).context["figures"]["koplopers"]
    assert theme == Koploper.objects.published().filter(themes__slug="zorg-en-technologie").distinct().count()
    body = client.get("/volgspot/").text
    for pact in Pact.objects.all():
        assert f'href="/volgspot/pacten/{pact.slug}/">' in body


def test_bar_chart_labels_fit_and_zeros_show():
    from volgspot.selectors import bar_chart

    chart = bar_chart([("Mobiliseren van de uitvoering", 3), ("Vierde fase (naam vast te stellen)", 0)])
    labels = [bar["label"] for bar in chart["bars"]]
    assert labels == ["Mobiliseren van de uitvoering", "Vierde fase (naam vast te stellen)"]  # whole, not cut at 24
    zero = chart["bars"][1]
    assert zero["width"] > 0 and zero["value"] == 0  # drawn as a mark with its value, not an empty row
    long = bar_chart([("woord " * 30, 1)])["bars"][0]["label"]
    assert long.endswith("…") and "woord woord" in long and not long[:-1].endswith("woor")


def test_the_pact_page_and_the_dashboards_judge_on_track_by_one_rule():
    """One rule (pacts.progress): the national dashboard's on-track count for the Oefenregio equals the verdicts the
    pact page gives its indicators, one by one."""
    import volgspot.selectors
    from pacts.models import Indicator
    from pacts.selectors import indicator_progress, results_of

    assert not hasattr(volgspot.selectors, "on_track")  # no second copy of the rule
    load_demo_data()
    pact = Pact.objects.get(slug="zorgpact-oefenregio-fictief")
    dashboard = {pk: r.verdict for pk, r in results_of(pact).indicators.items()}
    page = {
        pk: indicator_progress(Indicator.objects.prefetch_related("measurements").get(pk=pk))["result"].verdict
        for pk in dashboard
    }
    assert dashboard and page == dashboard


def test_the_pact_dashboard_page_its_snapshot_and_its_downloads_are_one_set_of_figures(client, settings):
    """The page renders the same tables a snapshot freezes and the downloads serve (selectors.pact_dashboard_of): an
    agreement, a status count or an indicator cannot show on one and differ on another."""
    from django.urls import reverse

    from volgspot.services import snapshot_pact_dashboard
    from volgspot.snapshots import plain
    from zorgpact.models import User

    settings.DEBUG = True
    load_demo_data()
    user = User.objects.get(email="coordinator@zeeland.demo")
    pact = Pact.objects.get(slug="zorgpact-oefenregio-fictief")
    client.force_login(user)
    response = client.get(reverse("volgspot:pact", args=[pact.slug]))
    tables = plain(response.context["tables"])
    snapshot = snapshot_pact_dashboard(pact=pact, user=user)
    assert snapshot.data["tables"] == tables and snapshot.data["figures"] == plain(response.context["figures"])
    assert response.context["status_rows"] == response.context["tables"]["action_status"]["rows"]
    assert len(response.context["indicators"]) == len(tables["indicators"]["rows"]) > 0
    for text in (row[1] for row in tables["agreements"]["rows"]):
        assert text in response.text
    for table in ("action_status", "indicators", "agreements"):
        rows = list(
            csv.reader(
                io.StringIO(
                    client.get(reverse("volgspot:pact-export", args=[pact.slug, table, "csv"])).content.decode(
                        "utf-8-sig"
                    )
                )
            )
        )
        assert len(rows) - 1 == len(tables[table]["rows"]), table


def test_the_pact_page_indicator_table_is_read_from_its_results_tree(client):
    """pact_indicator_table takes the results tree the page shows: every indicator the tree lists, under the goal or
    action it hangs from, and nothing the tree does not list."""
    from django.urls import reverse

    from pacts.selectors import get_public_pact, pact_indicator_table, results_tree

    load_demo_data()
    pact = get_public_pact("zorgpact-oefenregio-fictief")
    tree = results_tree(pact)
    header, rows = pact_indicator_table(tree)
    listed = [(owner, indicator.name) for owner, indicator, _progress in tree["indicators"]]
    shown = [(i.name) for a in tree["ambitions"] for g in a["goals"] for i, _p in g["indicators"]]
    assert listed and all(name in {n for _o, n in listed} for name in shown)
    assert list(dict.fromkeys((row[1], row[0]) for row in rows)) == list(dict.fromkeys(listed))
    download = client.get(reverse("pacts:indicators-export", args=[pact.slug, "csv"]))
    assert len(list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))) == len(rows) + 1


def test_every_national_table_downloads_as_csv_and_xlsx_with_its_filters(client, ministry_staff, coordinator):
    """Each national table is linked as CSV and XLSX (by name, with the dashboard's filters) and both files hold the
    table: the XLSX read back with openpyxl equals the table cell by cell, formulas neutralised; the old CSV address
    still serves the same file."""
    from decimal import Decimal

    from django.urls import reverse
    from openpyxl import load_workbook

    from tests.pacts.factories import PactFactory
    from zorgpact.core.listing import spreadsheet_cell

    evil = '=HYPERLINK("http://kwaad.test","klik")'
    load_demo_data()
    PactFactory(name=evil, is_synthetic=False)
    client.force_login(ministry_staff)
    page = client.get("/volgspot/", {"van": "2016"})
    tables, html = page.context["tables"], page.content.decode()
    assert set(tables) >= {"phases", "progress", "effects", "composition"}
    for key, table in tables.items():
        csv_url, xlsx_url = (reverse("volgspot:export", args=[key, fmt]) for fmt in ("csv", "xlsx"))
        assert f'href="{csv_url}?van=2016"' in html and f'href="{xlsx_url}?van=2016"' in html, key
        cells = [[spreadsheet_cell(c) for c in row] for row in [table["head"], *table["rows"]]]
        expected = [[float(c) if isinstance(c, Decimal) else c for c in row] for row in cells]
        new_csv = client.get(csv_url, {"van": "2016"})
        assert new_csv["Content-Disposition"] == f'attachment; filename="volgspot-{key}.csv"'
        assert new_csv.content == client.get(reverse("volgspot:csv", args=[key]), {"van": "2016"}).content, key
        assert list(csv.reader(io.StringIO(new_csv.content.decode("utf-8-sig")))) == [
            [str(c) for c in row] for row in cells
        ], key
        xlsx = client.get(xlsx_url, {"van": "2016"})
        assert xlsx.status_code == 200 and xlsx["Content-Disposition"].endswith(f'volgspot-{key}.xlsx"')
        sheet = load_workbook(io.BytesIO(xlsx.content)).active
        assert [[c.value for c in row] for row in sheet.iter_rows()] == expected, key
    progress = load_workbook(io.BytesIO(client.get(reverse("volgspot:export", args=["progress", "xlsx"])).content))
    names = [row[0].value for row in progress.active.iter_rows()]
    assert "'" + evil in names and evil not in names
    assert client.get(reverse("volgspot:export", args=["progress", "pdf"])).status_code == 404
    assert client.get(reverse("volgspot:export", args=["onbekend", "xlsx"])).status_code == 404
    client.force_login(coordinator)
    assert client.get(reverse("volgspot:export", args=["progress", "xlsx"])).status_code == 403


def test_the_pact_dashboard_lists_exactly_the_indicators_its_progress_counts(client, settings):
    """The per-pact dashboard's indicator list, its CSV and its snapshot are the roll-up's own set (goal-level effect
    indicators and public actions under a goal, weight above 0): "based on N" plus "without data" is the rows listed.
    A non-public action's indicator and an action outside any goal are counted nowhere, so listed nowhere."""
    from django.urls import reverse

    from pacts.models import Indicator
    from pacts.selectors import results_of
    from volgspot.snapshots import pact_dashboard_data
    from zorgpact.models import User

    settings.DEBUG = True
    load_demo_data()
    pact = Pact.objects.get(slug="zorgpact-oefenregio-fictief")
    hidden = Indicator.objects.filter(action__pact=pact).first()
    hidden.action.is_public = False
    hidden.action.save()
    results = results_of(pact)
    client.force_login(User.objects.get(email="coordinator@zeeland.demo"))
    response = client.get(reverse("volgspot:pact", args=[pact.slug]))
    listed = [indicator.pk for indicator, _progress in response.context["indicators"]]
    assert results.pact.counted > 0 and len(listed) == results.pact.counted
    assert set(listed) == set(results.counted) and hidden.pk not in listed
    assert response.context["figures"]["indicators"] == results.pact.counted
    assert len(pact_dashboard_data(pact)["tables"]["indicators"]["rows"]) == results.pact.counted
    download = client.get(reverse("volgspot:pact-export", args=[pact.slug, "indicators", "csv"]))
    assert len(list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))) - 1 == results.pact.counted


def test_every_national_figure_counts_the_real_pacts_only(request, ministry_staff, client):
    """One real and one fictional pact, alike in everything: every national figure and count (the headline, the
    indicators on track and their table, phases, functions, themes, coverage, overdue agreements, partners not
    recorded, unmeasured effects) counts the real one only, on the dashboard, its API and the national report
    (one selector). The fictional pact is named apart."""
    from pacts.models import Pact as PactModel
    from tests.pacts.factories import (
        ActionFactory,
        AmbitionFactory,
        GoalFactory,
        IndicatorFactory,
        MeasurementFactory,
        PactFactory,
    )
    from tests.volgspot.factories import AgreementFactory, VolgspotSessionFactory
    from tests.volgspot.test_api import as_role
    from volgspot.reports import report_data
    from volgspot.selectors import Filters, national_dashboard
    from zorgpact.models import Phase, Theme

    today = datetime.date.today()
    phase = Phase.objects.order_by("order").first() or Phase.objects.create(order=1, name="Verkennen")
    theme = Theme.objects.create(name="Testthema", slug="testthema")
    for synthetic in (False, True):
        pact = PactFactory(is_synthetic=synthetic, phase=phase, is_projecttrekker=True)
        pact.themes.add(theme)
        goal = GoalFactory(ambition=AmbitionFactory(pact=pact), target_groups=["students"])
        action = ActionFactory(pact=pact, goal=goal)
        action.themes.add(theme)
        indicator = IndicatorFactory(
            action=action, baseline=10, target=50, target_on=today + datetime.timedelta(days=365), rhythm="yearly"
        )
        MeasurementFactory(indicator=indicator, measured_on=today - datetime.timedelta(days=10), value=48)
        session = VolgspotSessionFactory(pact=pact, held_on=today - datetime.timedelta(days=30), phase=phase)
        AgreementFactory(session=session, status="open", due_on=today - datetime.timedelta(days=5))
    assert PactModel.objects.real().count() == PactModel.objects.fictional().count() == 1

    data = national_dashboard(Filters())
    figures, tables = data["figures"], data["tables"]
    assert (figures["pacts"], figures["fictional_pacts"], figures["all_pacts"]) == (1, 1, 2)
    assert (figures["indicators"], figures["on_track"]) == (1, 1)
    assert tables["on_track"]["rows"] == [("Testthema", 1, 1, 100)]
    assert (figures["covered"], figures["coverage_share"], figures["overdue"]) == (1, 100, 1)
    assert figures["partners_not_recorded"] == 1 and figures["effects_unmeasured"] == 1
    assert figures["based_on"] == 1 and figures["recent_share"] == 100
    assert dict(tables["phases"]["rows"])[phase.name] == 1
    assert dict(tables["functions"]["rows"])["Projecttrekker"] == 1
    assert [row[1] for row in tables["themes"]["rows"] if row[0] == "Testthema"] == [1]
    assert [row[1] for row in tables["theme_progress"]["rows"] if row[0] == "Testthema"] == [1]
    assert sum(row[1] for row in tables["phases_over_time"]["rows"]) == 1

    client.force_login(ministry_staff)
    page = client.get("/volgspot/").context["figures"]
    assert as_role(request, "ministry_staff").get("/api/v1/volgspot/dashboard/").json()["figures"] == page
    assert (page["indicators"], page["on_track"], page["overdue"]) == (1, 1, 1)
    report = report_data(
        scope="national", pact=None, period_start=today - datetime.timedelta(days=365), period_end=today
    )
    assert (report["figures"]["indicators"], report["figures"]["on_track"], report["figures"]["overdue"]) == (1, 1, 1)
    assert report["sessions_total"] == 1 and len(report["fictional_pacts"]) == 1
    assert [g["goals"] for g in report["target_groups"] if g["group"] == "students"] == [1]
