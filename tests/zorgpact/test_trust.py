"""Issue 17: unknown is a value, one gap rule, fiction apart from the real figures, a loader that writes no non-edits."""

import hashlib
import json
import subprocess

import pytest
from django.apps import apps
from django.core.management import call_command

from koplopers.models import Koploper
from pacts.constants import PactStatus
from pacts.models import Action, Pact
from pacts.services import set_partners_complete
from regels.models import Case
from volgspot.models import ProgressReport
from zorgpact.demo.loader import load_demo_data
from zorgpact.models import Organisation

pytestmark = pytest.mark.django_db


def snapshot() -> dict[str, str]:
    """Every row of every model, history tables included, as a digest per table."""
    out = {}
    for model in apps.get_models():
        rows = list(model.objects.order_by("pk").values())
        out[model._meta.label] = (
            f"{len(rows)}:" + hashlib.sha256(json.dumps(rows, default=str, sort_keys=True).encode()).hexdigest()
        )
    return out


def test_a_second_load_changes_no_row_and_adds_no_history(settings):
    settings.DEBUG = True
    load_demo_data()
    first = snapshot()
    assert any(label.startswith("pacts.Historical") for label in first)  # history tables are in the snapshot
    call_command("load_demo_data", verbosity=0)
    second = snapshot()
    assert {k: (first[k], second[k]) for k in first if first[k] != second[k]} == {}


def test_a_second_load_corrects_a_changed_fact_with_one_history_row(settings):
    load_demo_data()
    pact = Pact.objects.get(slug="zorgpact-zeeland")
    Pact.objects.filter(pk=pact.pk).update(status=PactStatus.ACTIVE)
    before = pact.history.count()
    load_demo_data()
    pact.refresh_from_db()
    assert pact.status == PactStatus.MERGED_INTO_RAAT and pact.history.count() == before + 1


def test_sourced_demo_facts_and_unknowns():
    load_demo_data()
    real = Pact.objects.filter(is_synthetic=False)
    assert set(real.values_list("status", flat=True)) == {PactStatus.MERGED_INTO_RAAT}
    assert not real.filter(partners_complete=True).exists()
    statuses = dict(Action.objects.filter(pact__is_synthetic=False).values_list("title", "status"))
    assert statuses.pop("Praktijkroute ouderenzorg") == "done"
    assert statuses.pop("Handreiking verduurzaming wijkleerbedrijven") == "done"
    assert set(statuses.values()) == {None}  # the sources do not say these were carried out
    for koploper in Koploper.objects.filter(is_synthetic=False):
        for field in (
            "sustain_regular_offer",
            "sustain_regular_processes",
            "sustain_joint_agenda",
            "challenge_funding",
            "challenge_processes",
            "challenge_rules",
        ):
            assert getattr(koploper, field) is None, (koploper, field)
    huiskamer = Koploper.objects.get(name="De Zeeuwse Huiskamer")
    assert huiskamer.pact is None and "004_1bb0aa331bb873b0.txt" in huiskamer.source
    assert "004_1bb0aa331bb873b0.txt" in Koploper.objects.get(name="Sparkcentres").source
    assert list(Koploper.objects.get(name="Evolva Werkplekleren").themes.values_list("slug", flat=True)) == [
        "permanent-leren"
    ]
    assert not Action.objects.get(title="Future Care Challenge").themes.exists()
    stage = Case.objects.get(title="Het hele jaar door stage lopen")
    assert stage.outcome is None and stage.question == "" and stage.ministry_ocw is None
    for name in (
        "De Waalboog",
        "Rijn IJssel",
        "ROC Nijmegen",
        "MBO Amersfoort",
        "Arcus College",
        "Summa College",
        "ZorgpleinNoord",
    ):
        org = Organisation.objects.get(name=name)
        assert (org.pillar, org.care_sector, org.education_level, org.province) == (None, "", "", None), name


def test_the_pages_and_the_api_say_not_known(client):
    load_demo_data()
    page = client.get("/regionale-zorgpacten/zorgpact-flevoland/").text
    assert "niet bekend" in page  # the status of its theme meetings
    assert "partners niet vastgelegd" in page
    koploper = client.get("/api/v1/koplopers/sparkcentres/").json()
    assert koploper["sustain_regular_offer"] is None and koploper["challenge_funding"] is None
    assert koploper["citations"][0]["document"] == "004_1bb0aa331bb873b0.txt"
    assert "niet bekend" in client.get("/koplopers/sparkcentres/").text
    case = client.get("/api/v1/cases/het-hele-jaar-door-stage-lopen/").json()
    assert case["outcome"] is None and case["ministries"] is None
    pact = client.get("/api/v1/pacts/zorgpact-zeeland/").json()
    assert pact["partners_complete"] is None and pact["partner_gaps"] is None
    assert any(c["document"] == "003_a79b878802dfc0b0.txt" for c in pact["citations"])
    html = client.get("/regionale-zorgpacten/zorgpact-zeeland/").text
    assert 'class="source-notes"' in html and "003_a79b878802dfc0b0.txt" in html


def _pdf_text(report) -> str:
    with report.pdf.open("rb") as f:
        return subprocess.run(["pdftotext", "-", "-"], input=f.read(), capture_output=True, check=True).stdout.decode()


def _verdicts(client, pact, ministry_staff, national_team, django_capture_on_commit_callbacks):
    """What the pact page, the national dashboard, the API and the PDF say about the pact's partners."""
    import datetime

    from volgspot.services import request_report

    page = client.get(f"/regionale-zorgpacten/{pact.slug}/").context["composition"]
    client.force_login(ministry_staff)
    rows = client.get("/volgspot/").context["tables"]["composition"]["rows"]
    client.logout()
    dashboard = next(row[4] for row in rows if row[0] == pact.name)
    api = client.get(f"/api/v1/pacts/{pact.slug}/").json()["partner_gaps"]
    ProgressReport.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        report = request_report(
            scope="pact",
            pact=pact,
            period_start=datetime.date(2016, 1, 1),
            period_end=datetime.date(2030, 1, 1),
            user=national_team,
        )
    report.refresh_from_db()
    return page, dashboard, api, " ".join(_pdf_text(report).split())


def test_one_gap_rule_for_the_pact_page_dashboard_api_and_pdf(
    client, ministry_staff, national_team, settings, tmp_path, django_capture_on_commit_callbacks, eager_tasks
):
    settings.MEDIA_ROOT = tmp_path
    load_demo_data()
    pact = Pact.objects.get(name="Zorg- en Welzijnspact Midden- en Zuid-Gelderland")  # four partners, side not known
    page, dashboard, api, pdf = _verdicts(
        client, pact, ministry_staff, national_team, django_capture_on_commit_callbacks
    )
    assert not page.recorded and page.gaps == [] and api is None
    assert dashboard == "partners niet vastgelegd" and "partners niet vastgelegd" in pdf
    assert "geen school" not in pdf

    set_partners_complete(pact=pact, user=national_team, complete=True, expected_version=pact.version)
    page, dashboard, api, pdf = _verdicts(
        client, pact, ministry_staff, national_team, django_capture_on_commit_callbacks
    )
    expected = [str(g) for g in page.gaps]
    assert page.recorded and "geen zorg- of welzijnsorganisatie" in expected and "geen overheid" in expected
    assert dashboard == ", ".join(expected) and api == expected
    assert ", ".join(expected) in pdf


def test_only_its_coordinator_or_the_team_marks_a_partner_list_complete(ministry_staff):
    from django.core.exceptions import PermissionDenied

    load_demo_data()
    pact = Pact.objects.get(slug="zorgpact-zeeland")
    with pytest.raises(PermissionDenied):
        set_partners_complete(pact=pact, user=ministry_staff, complete=True, expected_version=pact.version)
    pact.refresh_from_db()
    assert pact.partners_complete is None


def test_the_dashboard_counts_pacts_with_partners_not_recorded(client, ministry_staff):
    load_demo_data()
    client.force_login(ministry_staff)
    figures = client.get("/volgspot/").context["figures"]
    assert figures["partners_not_recorded"] == Pact.objects.exclude(partners_complete=True).count() == 14


def test_home_key_figures_count_real_records_and_show_fiction_on_its_own_line(client):
    from koplopers.services import submit_application
    from zorgpact.constants import APPLICATION_SOURCE

    load_demo_data()
    home = client.get("/")
    figures = home.context["figures"]
    assert figures["pacts"] == Pact.objects.filter(is_synthetic=False).count() == 14
    assert figures["fictional"]["pacts"] == 1
    assert figures["actions"] == Action.objects.filter(pact__is_synthetic=False, archived_at__isnull=True).count()
    assert figures["organisations"] == Organisation.objects.filter(is_synthetic=False).count()
    assert "Waarvan fictief" in home.text
    leren = next(t for t in home.context["themes"] if t.slug == "leren-in-de-praktijk")
    assert leren.pact_count == 0  # only the fictional Oefenregio works on it by pact

    # An anonymous, unreviewed Kopgroep application does not raise the count.
    before = figures["organisations"]
    partners = [
        Organisation(name="Nieuwe zorggroep", pillar="care"),
        Organisation(name="Nieuw ROC", pillar="education", education_level="mbo"),
    ]
    koploper = submit_application(
        koploper=Koploper(name="Nieuwe aanmelding", summary="x"), partners=partners, themes=[], provinces=[]
    )
    from zorgpact.core.pagecache import bump_generation

    bump_generation()
    assert client.get("/").context["figures"]["organisations"] == before
    names = [o["name"] for o in client.get("/api/v1/organisations/?page_size=100").json()["results"]]
    assert "Nieuwe zorggroep" not in names
    Koploper.objects.filter(pk=koploper.pk).update(status="koploper")  # accepted
    bump_generation()
    assert client.get("/").context["figures"]["organisations"] == before + 2
    assert Organisation.objects.filter(source=APPLICATION_SOURCE).count() == 2


def test_case_library_headline_keeps_programme_and_portal_figures_apart(client):
    load_demo_data()
    response = client.get("/ruimte-in-de-regels/")
    assert response.context["figures"]["total"] == 6
    assert response.context["programme"]["total"] == "ruim 70" and response.context["programme"]["within_rules"] == 60
    text = response.text
    assert "In het programma" in text and "In dit portaal" in text and "zorgpact.nl/ruimte-in-de-regels" in text
    assert "17%" not in text


def test_not_known_is_a_facet_value_with_its_count(client):
    load_demo_data()
    facets = {f.key: f for f in client.get("/ruimte-in-de-regels/").context["facets"]}
    outcome = {o.value: o.count for o in facets["outcome"].options}
    assert outcome["onbekend"] == Case.objects.filter(outcome__isnull=True).count() == 4
    assert {o.value: o.count for o in facets["ministry"].options}["onbekend"] == 6
    listed = client.get("/ruimte-in-de-regels/?outcome=onbekend").context["page"].paginator.count
    assert listed == 4
    sustained = {f.key: f for f in client.get("/koplopers/").context["facets"]}["sustained"]
    assert {o.value: o.count for o in sustained.options} == {"onbekend": 23}  # never counted as "no"
    assert client.get("/api/v1/koplopers/?sustained=nee").json()["count"] == 0
    assert client.get("/api/v1/koplopers/?sustained=onbekend").json()["count"] == 23


def test_the_coordinator_marks_the_partner_list_complete_in_the_profile(client):
    from tests.zorgpact.factories import UserFactory

    load_demo_data()
    pact = Pact.objects.get(slug="zorgpact-zeeland")
    coordinator = UserFactory(email="c@zeeland.test")
    pact.coordinators.add(coordinator)
    client.force_login(coordinator)
    form = client.get(f"/werkruimte/pacten/{pact.slug}/profiel/").context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None and not isinstance(value, list)}
    data.update({"expected_version": pact.version, "partners_complete": "true", "status": PactStatus.MERGED_INTO_RAAT})
    response = client.post(f"/werkruimte/pacten/{pact.slug}/profiel/", data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    pact.refresh_from_db()
    assert pact.partners_complete is True
    assert client.get(f"/api/v1/pacts/{pact.slug}/").json()["partner_gaps"]  # now judged: Zeeland lists no partners


def test_a_partner_of_unknown_side_is_its_own_facet_value(client):
    load_demo_data()  # Zorgalliantie.nu's partner, the Hogeschool van Arnhem en Nijmegen: side not stated
    pillar = {f.key: f for f in client.get("/koplopers/").context["facets"]}["pillar"]
    assert {o.value: o.count for o in pillar.options} == {"onbekend": 2}  # Zorgalliantie.nu and De Koperhorst
    names = [k["name"] for k in client.get("/api/v1/koplopers/?pillar=onbekend").json()["results"]]
    assert sorted(names) == ["Leerbedrijf De Koperhorst", "Zorgalliantie.nu"]


def test_the_map_says_how_many_pacts_have_no_known_province(client):
    """A pact whose province no source states is on no tile: the map says so instead of implying a 0."""
    load_demo_data()
    missing = Pact.objects.filter(is_synthetic=False, provinces__isnull=True).count()
    assert missing > 0  # the demo data leaves six unsourced provinces out
    home = client.get("/")
    assert home.context["pacts_without_province"] == missing
    assert f"Provincie niet bekend: {missing} pacten." in home.text
    placed = sum(tile["pact_count"] for tile in home.context["tiles"])
    assert placed >= Pact.objects.filter(is_synthetic=False).count() - missing


def test_an_empty_side_of_an_unrecorded_partner_list_is_not_known_not_none(client, national_team):
    """Zeeland's partners are not recorded: its pillar cards say "niet bekend" without a (0); once its list is
    marked complete, an empty side is "geen" with its count."""
    load_demo_data()
    pact = Pact.objects.get(slug="zorgpact-zeeland")
    body = client.get(pact.get_absolute_url()).text
    assert "Zorg en welzijn (0)" not in body and '<li class="meta">geen</li>' not in body
    assert '<li class="meta">niet bekend</li>' in body
    # nor a dash where no source names a lead organisation, functions or themes
    value = '<dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">'
    assert f"{value}—</dd>" not in body and f"{value}niet bekend</dd>" in body
    set_partners_complete(pact=pact, user=national_team, complete=True, expected_version=pact.version)
    from zorgpact.core.pagecache import bump_generation

    bump_generation()
    body = client.get(pact.get_absolute_url()).text
    assert "Zorg en welzijn (0)" in body and '<li class="meta">geen</li>' in body
