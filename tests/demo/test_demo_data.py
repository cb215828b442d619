"""load_demo_data: what the sources state, each record with its source, idempotent; plus the fictional Oefenregio."""

import io

import pytest
from django.core.management import call_command

from koplopers.models import Koploper
from pacts.models import Action, Indicator, Measurement, Pact
from regels.models import Case, Scheme
from volgspot.models import Agreement, AmbitionReview, ProgressReport, VolgspotSession
from zorgpact.demo.data import PROGRAMME_FIGURES
from zorgpact.demo.loader import load_demo_data
from zorgpact.models import Organisation, Theme, User

pytestmark = pytest.mark.django_db

# From ../shared/REFERENCE.md, copied here on purpose: the test checks the loader against the reference.
THEMES = [
    "Leren in de praktijk",
    "Permanent leren",
    "Zorg en technologie",
    "Toenemende opleidingseisen",
    "Vmbo zorg en welzijn",
]
PACTS = [
    "Zorgpact Midden-Brabant",
    "Zorgpact Zeeland",
    "Zorgpact Kennemerland, Amstelland en Meerlanden",
    "Zorgpact Rotterdam",
    "Zorgpact Midden Nederland",
    "Zorgpact Noord",
    "Zorgpact Flevoland",
    "Zorgpact Haaglanden/Nieuwe Waterweg Noord",
    "Zorgpact Stedendriehoek/Noord-Veluwe",
    "Zorg- en Welzijnspact Midden- en Zuid-Gelderland",
    "Zorgpact Achterhoek",
    "Zorgpact Groot Amsterdam, Zaanstreek-Waterland en Noord-Holland Noord",
    "Zorgpact Limburg",
    "Zorg- en Welzijnspact West-Brabant",
]
KOPLOPERS = [
    "Evolva Werkplekleren",
    "Zorgalliantie.nu",
    "NetwerkZON",
    "WijkLeerbedrijf Den Haag",
    "Praktijkroute Zorg",
    "GET-LAB Breda",
    "Sparkcentres",
    "Zorgtrainingscentrum Zwolle",
    "Care Academy Veluwe",
    "Wijkleercentra",
    "De Zeeuwse Huiskamer",
    "MakeHealth",
    "Zorgtechniek Limburg",
    "Expertisecentrum voor Innovatieve Zorg en Technologie",
    "STRONG",
    "Ketenstage",
    "KeTJA",
    "Leerbedrijf De Koperhorst",
    "Friese Praktijkroute",
    "Zorgboulevard Roosendaal",
    "Ontwikkeling leergang werkbegeleider 2.0",
    "Professioneel samenwerken in de wijk",
    "All you can learn",
]
MODELS = [
    Theme,
    Organisation,
    Pact,
    Action,
    Indicator,
    Measurement,
    Koploper,
    Case,
    Scheme,
    VolgspotSession,
    AmbitionReview,
    Agreement,
    User,
    ProgressReport,
]


def counts():
    return {m.__name__: m.objects.count() for m in MODELS}


def test_second_run_changes_no_counts():
    load_demo_data()
    first = counts()
    call_command("load_demo_data", verbosity=0)
    assert counts() == first


def test_names_match_the_reference():
    load_demo_data()
    assert sorted(Theme.objects.values_list("name", flat=True)) == sorted(THEMES)
    real_pacts = Pact.objects.filter(is_synthetic=False)
    assert sorted(real_pacts.values_list("name", flat=True)) == sorted(PACTS)
    assert sorted(Koploper.objects.values_list("name", flat=True)) == sorted(KOPLOPERS)
    assert Case.objects.get(outcome="rule_changed").title.startswith("Stagefonds")
    assert {"Regionaal investeringsfonds mbo", "SectorplanPlus", "Stagefonds Zorg"} == set(
        Scheme.objects.values_list("name", flat=True)
    )
    named_actions = set(Action.objects.filter(pact__is_synthetic=False).values_list("pact__name", "title"))
    assert ("Zorgpact Zeeland", "Praktijkroute ouderenzorg") in named_actions
    assert ("Zorgpact Midden Nederland", "Future Care Challenge") in named_actions
    assert any(p == "Zorgpact Stedendriehoek/Noord-Veluwe" and "zij-instromers" in t for p, t in named_actions)
    assert Pact.objects.get(name="Zorgpact Rotterdam").lead.name == "Gemeente Rotterdam"


def test_every_record_names_its_source():
    load_demo_data()
    for model in (Theme, Organisation, Pact, Action, Koploper, Case, Scheme):
        assert not model.objects.filter(source="").exists(), model.__name__
    assert all(f["source"] for f in PROGRAMME_FIGURES)
    assert {f["value"] for f in PROGRAMME_FIGURES} >= {"17", "106", "ruim 1.100", "80", "twee derde"}


def test_fictional_pact_is_complete_and_says_so():
    load_demo_data()
    pact = Pact.objects.get(slug="zorgpact-oefenregio-fictief")
    assert pact.is_synthetic and "fictief" in pact.name
    assert not Organisation.objects.filter(participations__pact=pact, is_synthetic=False).exists()
    assert pact.ambitions.count() == 3 and pact.actions.count() >= 8
    measurements = Measurement.objects.filter(indicator__action__pact=pact)
    dates = sorted(set(measurements.values_list("measured_on", flat=True)))
    assert (dates[-1] - dates[0]).days >= 540  # two years of quarters
    assert Indicator.objects.filter(goal__ambition__pact=pact, kind="effect").exists()
    sessions = VolgspotSession.objects.filter(pact=pact).order_by("round")
    assert [s.round for s in sessions] == [1, 2]
    assert AmbitionReview.objects.filter(session__pact=pact).count() == 6
    assert Agreement.objects.filter(session__pact=pact, followed_up_in=sessions[1]).exists()


def test_a_finished_oefenregio_report_is_there_to_download(
    settings, tmp_path, django_capture_on_commit_callbacks, eager_tasks
):
    from volgspot.models import ProgressReport

    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        load_demo_data()
    report = ProgressReport.objects.get(pact__slug="zorgpact-oefenregio-fictief")
    assert report.status == "done" and report.pdf.name.endswith(".pdf")


def test_demo_accounts_coordinate_their_pacts(settings):
    settings.DEBUG = True
    load_demo_data()
    zeeland = User.objects.get(email="coordinator@zeeland.demo")
    assert set(Pact.objects.coordinated_by(zeeland).values_list("slug", flat=True)) == {
        "zorgpact-zeeland",
        "zorgpact-oefenregio-fictief",
    }
    assert (
        Koploper.objects.coordinated_by(User.objects.get(email="koploper@huiskamer.demo")).get().name
        == "De Zeeuwse Huiskamer"
    )
    assert User.objects.get(email="team@zorgpact.demo").is_national_team
    assert User.objects.get(email="medewerker@vws.demo").ministry == "VWS"
    assert zeeland.check_password(settings.DEMO_PASSWORD)


def test_demo_accounts_refused_when_debug_is_off(settings):
    from zorgpact.demo.loader import create_demo_accounts

    settings.DEBUG = False
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    assert not User.objects.filter(email__endswith=".demo").exists()
    assert "demo accounts: not created, DEBUG is off" in out.getvalue()
    with pytest.raises(RuntimeError):
        create_demo_accounts()


def test_pages_show_the_demo_data(client, settings):
    settings.DEBUG = True
    load_demo_data()
    assert "Zorgpact Zeeland" in client.get("/regionale-zorgpacten/").text
    assert "Praktijkroute ouderenzorg" in client.get("/regionale-zorgpacten/zorgpact-zeeland/").text
    assert "De Zeeuwse Huiskamer" in client.get("/koplopers/").text
    assert "Sparkcentres" in client.get("/koplopers/sparkcentres/").text
    home = client.get("/")
    # Real records only (issue 17): the fictional Oefenregio is on its own line, not among the 14 real pacts.
    assert home.context["figures"]["pacts"] == Pact.objects.filter(is_synthetic=False).count() == 14
    assert home.context["figures"]["fictional"]["pacts"] == 1
    assert home.context["figures"]["koplopers"] == Koploper.objects.published().count() == 23
    assert "106" in home.text  # the programme figure, with its source
    assert client.get("/api/v1/koplopers/").json()["count"] == 23


def test_the_huiskamer_coordinator_can_edit_a_koploper_from_the_sources(client, settings):
    settings.DEBUG = True
    load_demo_data()
    client.force_login(User.objects.get(email="koploper@huiskamer.demo"))
    koploper = Koploper.objects.get(slug="de-zeeuwse-huiskamer")
    response = client.post(
        "/werkruimte/koplopers/de-zeeuwse-huiskamer/", {"summary": "Bijgewerkt", "expected_version": koploper.version}
    )
    assert response.status_code == 302
