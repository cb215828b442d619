"""Snapshots (issue 19.4): citable figures that never move, with a permanent address, for whoever reads the source."""

import csv
import datetime
import io
import json
import re
import subprocess
from decimal import Decimal
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from pacts.models import Measurement, Pact
from volgspot.models import ProgressReport, Snapshot, SnapshotIsReadOnly
from volgspot.selectors import Filters
from volgspot.services import snapshot_national_dashboard, snapshot_pact_dashboard
from zorgpact.demo.loader import load_demo_data

pytestmark = pytest.mark.django_db

OEFENREGIO = "zorgpact-oefenregio-fictief"


def article(response) -> bytes:
    """The frozen figures on the page (the site around it carries a fresh sign-out token on every view)."""
    match = re.search(rb'<article class="snapshot".*?</article>', response.content, re.S)
    assert match, response.content[:500]
    return match.group(0)


def three_forms(client, snapshot) -> tuple[bytes, bytes, bytes]:
    url = reverse("volgspot:snapshot", args=[snapshot.pk])
    html = client.get(url)
    assert html.status_code == 200
    csv_response = client.get(url + "?format=csv")
    json_response = client.get(reverse("volgspot:snapshot-download", args=[snapshot.pk, "json"]))
    assert csv_response.status_code == json_response.status_code == 200
    assert client.get(reverse("volgspot:snapshot-download", args=[snapshot.pk, "csv"])).content == csv_response.content
    return article(html), csv_response.content, json_response.content


def hundred_edits(pact: Pact) -> None:
    """A hundred edits to what the dashboards count: measurements, functions, phases, names, new pacts."""
    from tests.pacts.factories import PactFactory
    from zorgpact.models import Phase

    measurements = list(Measurement.objects.filter(indicator__action__pact=pact))
    assert measurements
    phases = list(Phase.objects.order_by("order"))
    for i in range(100):
        step = i % 4
        if step == 0:
            m = measurements[i % len(measurements)]
            m.value = m.value + Decimal(7)
            m.save()
        elif step == 1:
            pact.is_platform = not pact.is_platform
            pact.phase = phases[i % len(phases)]
            pact.version += 1
            pact.save()
        elif step == 2:
            PactFactory(name=f"Zorgpact Bijgekomen {i}", slug=f"zorgpact-bijgekomen-{i}")
        else:
            pact.name = f"Zorgpact Oefenregio (fictief) {i}"
            pact.version += 1
            pact.save()


def test_national_and_pact_snapshots_are_byte_identical_after_a_hundred_edits_and_a_day(client, ministry_staff):
    load_demo_data()
    client.force_login(ministry_staff)
    pact = Pact.objects.get(slug=OEFENREGIO)
    response = client.post(reverse("volgspot:snapshot-make"), {"province": "", "van": "2016"})
    national = Snapshot.objects.get(kind="national")
    assert (
        response["Location"]
        == reverse("volgspot:snapshot", args=[national.pk])
        == f"/volgspot/momentopnamen/{national.pk}/"
    )
    assert national.filters == {"year_from": 2016} and national.made_by == ministry_staff
    client.post(reverse("volgspot:snapshot-make"), {"pact": pact.slug})
    own = Snapshot.objects.get(kind="pact")
    assert own.pact == pact and own.data["figures"]["pact"] == pact.name
    # the progress is frozen with the figures: the pact's, per ambition, and the unmeasured effects
    frozen_progress = {k: own.data["figures"][k] for k in ("progress", "based_on", "stale", "recent_share")}
    assert own.data["tables"]["ambition_progress"]["rows"] and own.data["tables"]["effects"]["head"]
    before = {s.pk: three_forms(client, s) for s in (national, own)}
    figures_before = national.data["figures"]["fictional_pacts"]

    hundred_edits(pact)
    assert (
        client.get(reverse("volgspot:dashboard")).context["figures"]["fictional_pacts"] > figures_before
    )  # the data moved (the factory pacts are synthetic)
    with mock.patch("django.utils.timezone.now", return_value=timezone.now() + datetime.timedelta(days=1)):
        client.force_login(ministry_staff)  # a day later: a new sign-in
        after = {s.pk: three_forms(client, s) for s in (national, own)}
    assert after == before
    own.refresh_from_db()
    assert {k: own.data["figures"][k] for k in frozen_progress} == frozen_progress
    html, csv_bytes, json_bytes = before[own.pk]
    assert b"Zorgpact Oefenregio (fictief)" in html and b"Bijgekomen" not in before[national.pk][1]
    assert json.loads(json_bytes)["input_hash"] == own.input_hash


def test_snapshot_csv_has_dutch_headers_and_the_json_the_filters(client, ministry_staff, pact):
    snapshot = snapshot_national_dashboard(filters=Filters(theme="geen-thema"), user=ministry_staff)
    client.force_login(ministry_staff)
    rows = list(
        csv.reader(
            io.StringIO(client.get(f"/volgspot/momentopnamen/{snapshot.pk}/?format=csv").content.decode("utf-8-sig"))
        )
    )
    assert rows[0] == ["Tabel", "Rij", "Kolom", "Waarde"]
    assert ["Kerncijfers", "1", "Regionale Zorgpacten", "0"] in rows
    document = json.loads(client.get(f"/volgspot/momentopnamen/{snapshot.pk}/?format=json").content)
    assert document["filters"] == {"theme": "geen-thema"} and document["data"]["figures"]["pacts"] == 0


def test_a_filter_that_matches_nothing_is_a_valid_empty_snapshot(client, ministry_staff, pact):
    client.force_login(ministry_staff)
    client.post(reverse("volgspot:snapshot-make"), {"province": "ZZ"})
    snapshot = Snapshot.objects.get()
    assert snapshot.data["figures"]["pacts"] == 0
    page = client.get(reverse("volgspot:snapshot", args=[snapshot.pk]))
    assert page.status_code == 200 and "Geen gegevens." in page.content.decode()


def test_a_formula_in_the_data_is_escaped_in_the_snapshot_csv(client, national_team, pact):
    pact.name = '=HYPERLINK("http://kwaad.test","klik")'
    pact.save()
    snapshot = snapshot_pact_dashboard(pact=pact, user=national_team)
    client.force_login(national_team)
    text = client.get(f"/volgspot/momentopnamen/{snapshot.pk}/momentopname.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text


@pytest.mark.parametrize(
    "role, national, own, other, make_national, make_own",
    [
        ("anonymous", 302, 302, 302, 302, 302),
        ("coordinator", 404, 200, 404, 403, 302),
        ("other_coordinator", 404, 404, 200, 403, 404),
        ("ministry_staff", 200, 200, 200, 302, 302),
        ("national_team", 200, 200, 200, 302, 302),
    ],
)
def test_who_may_read_a_snapshot_is_who_may_read_its_dashboard(
    client, request, role, national, own, other, make_national, make_own, pact, other_pact, national_team
):
    snapshots = {
        "national": snapshot_national_dashboard(filters=Filters(), user=national_team),
        "own": snapshot_pact_dashboard(pact=pact, user=national_team),
        "other": snapshot_pact_dashboard(pact=other_pact, user=national_team),
    }
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    for key, expected in (("national", national), ("own", own), ("other", other)):
        url = reverse("volgspot:snapshot", args=[snapshots[key].pk])
        assert client.get(url).status_code == expected, key
        assert client.get(url + "?format=json").status_code == expected, key
        assert client.post(url).status_code in (302, 404, 405) and client.post(url).status_code != 200
    listed = client.get(reverse("volgspot:snapshots"))
    if role != "anonymous":
        shown = {s.pk for s in listed.context["page"].object_list}
        assert shown == {
            s.pk for k, s in snapshots.items() if {"national": national, "own": own, "other": other}[k] == 200
        }
    assert client.post(reverse("volgspot:snapshot-make")).status_code == make_national
    assert client.post(reverse("volgspot:snapshot-make"), {"pact": pact.slug}).status_code == make_own


def test_a_snapshot_cannot_be_changed(national_team, pact):
    snapshot = snapshot_pact_dashboard(pact=pact, user=national_team)
    snapshot.title = "Anders"
    with pytest.raises(SnapshotIsReadOnly):
        snapshot.save()
    assert Snapshot.objects.get().title != "Anders"


def test_a_built_report_links_its_snapshot(
    client, settings, tmp_path, national_team, eager_tasks, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    load_demo_data()
    ProgressReport.objects.all().delete()
    pact = Pact.objects.get(slug=OEFENREGIO)
    client.force_login(national_team)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/volgspot/rapporten/aanvragen/", {"pact": pact.slug, "van": "2016-01-01", "tot": "2019-12-31"})
    report = ProgressReport.objects.get()
    snapshot = report.snapshot
    assert snapshot.kind == "report" and snapshot.input_hash == report.input_hash and snapshot.pact == pact
    assert snapshot.data["pact"] == pact.name and snapshot.filters == {"period": ["2016-01-01", "2019-12-31"]}
    page = client.get(f"/volgspot/rapporten/{report.pk}/").content.decode()
    assert reverse("volgspot:snapshot", args=[snapshot.pk]) in page
    # the snapshot is made first, so the report itself (PDF and HTML) prints its permanent address
    address = f"{settings.PORTAL_URL}{reverse('volgspot:snapshot', args=[snapshot.pk])}"
    with report.pdf.open("rb") as f:
        text = subprocess.run(["pdftotext", "-", "-"], input=f.read(), capture_output=True, check=True).stdout
    assert address in "".join(text.decode().split()) and address in report.html
    assert report.input_hash[:16] in text.decode()
    before = three_forms(client, snapshot)
    hundred_edits(pact)
    assert three_forms(client, snapshot) == before


def test_the_dashboards_have_the_snapshot_button(client, ministry_staff, pact):
    client.force_login(ministry_staff)
    for url in ("/volgspot/?province=ZH", f"/volgspot/pacten/{pact.slug}/"):
        page = client.get(url).content.decode()
        assert f'action="{reverse("volgspot:snapshot-make")}"' in page and "Momentopname maken" in page
    assert 'name="province" value="ZH"' in client.get("/volgspot/?province=ZH").content.decode()


def test_a_pact_snapshot_freezes_the_progress_and_shows_it(client, settings):
    """The pact's and its ambitions' progress, what it rests on (based on, out of date, without data), the share of
    recent data and the goals whose effects are not measured are frozen values, shown on the page, CSV and JSON."""
    from pacts.selectors import results_of
    from volgspot.selectors import pact_results_view
    from zorgpact.models import User

    settings.DEBUG = True  # the demo accounts
    load_demo_data()
    pact = Pact.objects.get(slug=OEFENREGIO)
    user = User.objects.get(email="coordinator@zeeland.demo")
    results = results_of(pact)
    view = pact_results_view(pact)
    snapshot = snapshot_pact_dashboard(pact=pact, user=user)
    figures = snapshot.data["figures"]
    assert results.pact.progress is not None and figures["progress"] == results.pact.percent
    assert (figures["based_on"], figures["stale"], figures["without_data"]) == (
        results.pact.based_on,
        results.pact.stale,
        results.pact.without_data,
    )
    assert figures["recent_share"] == results.recent_share
    ambitions = snapshot.data["tables"]["ambition_progress"]["rows"]
    assert [row[0] for row in ambitions] == [a.title for a, _r in view["ambition_rollups"]]
    assert [row[3] for row in ambitions] == [r.stale for _a, r in view["ambition_rollups"]]
    effects = snapshot.data["tables"]["effects"]["rows"]
    assert [row[0] for row in effects] == [row["goal"].title for row in view["unmeasured_effects"]]

    client.force_login(user)
    html, csv_bytes, json_bytes = three_forms(client, snapshot)
    page = html.decode()
    assert "Voortgang (%)" in page and "Voortgang per ambitie" in page and ambitions[0][0] in page
    rows = list(csv.reader(io.StringIO(csv_bytes.decode("utf-8-sig"))))
    assert ["Kerncijfers", "1", "Voortgang (%)", str(results.pact.percent)] in rows
    assert ["Kerncijfers", "1", "Op basis van indicatoren", str(results.pact.based_on)] in rows
    assert any(row[0] == "Voortgang per ambitie" for row in rows)
    assert json.loads(json_bytes)["data"]["figures"]["based_on"] == results.pact.based_on
