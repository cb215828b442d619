"""A case has a public version (issue 15 point 7, issue 17 point 5): the national team writes a public title, question,
situation and answer beside the original; only that version is public, and its address comes from the public title."""

import re
from urllib.parse import parse_qs, quote, quote_plus, urlsplit

import pytest
from django.test import Client
from django.utils.html import escape
from django.utils.text import slugify

from regels.constants import CaseStatus
from regels.models import Case, FormerCaseSlug, working_title
from tests.koplopers.test_catalogue import make_koploper
from tests.pacts.factories import ActionFactory, PactFactory
from tests.regels.factories import CaseFactory, SchemeFactory
from tests.zorgpact.factories import ThemeFactory
from zorgpact.site.api_urls import router

pytestmark = pytest.mark.django_db

TOKEN = "Qwzvlorptoken"  # occurs only in the reporter's own question and situation
NAME = "Griselda Vanderbroek"
EMAIL = "griselda.vdb@melder.test"
ORGANISATION = "Stichting Tokenhuis Noord"
SECRETS = [TOKEN, NAME, EMAIL, ORGANISATION]

PUBLIC = {
    "title": "Stage lopen in de wijk",
    "public_question": "Mag een student stage lopen in een wijkleerbedrijf?",
    "public_context": "Een mbo-school en een zorgaanbieder werken samen in een wijk.",
    "public_answer": "Ja, dat kan binnen de bestaande regels.",
}


def step(client, case, **data):
    return client.post(f"/werkruimte/casussen/{case.pk}/", data)


def report(
    client,
    question=f"Mag ik ({NAME}) bij {ORGANISATION} stage laten lopen? Kenmerk {TOKEN}.",
    context=f"Bij ons, {ORGANISATION}, gaat het om {TOKEN}; mail {EMAIL}.",
):
    response = client.post(
        "/ruimte-in-de-regels/melden/",
        {
            "question": question,
            "context": context,
            "organisation": ORGANISATION,
            "name": NAME,
            "email": EMAIL,
            "consent": "on",
            "homepage": "",
        },
    )
    assert response.status_code == 200
    return Case.objects.get(reporter_email=EMAIL)


@pytest.fixture
def answered(client, national_team, ministry_staff):
    case = report(client)
    client.force_login(national_team)
    assert step(client, case, step="triage", topic="internships", ministry="VWS").status_code == 302
    client.force_login(ministry_staff)
    assert (
        step(client, case, step="answer", answer="Dat kan binnen de regels.", outcome="within_rules").status_code == 302
    )
    client.force_login(national_team)
    case.refresh_from_db()
    return case


def test_a_reported_case_has_no_address_and_a_clean_working_title(client):
    question = (
        "Mogen studenten mbo verpleegkunde in hun tweede leerjaar een deel van hun beroepspraktijkvorming in "
        "de wijk doen, ook als de zorgaanbieder daar geen erkend leerbedrijf voor is"
    )
    case = report(client, question=question, context="")
    assert case.slug is None
    assert case.title == working_title(question) and case.title.endswith("…") and len(case.title) <= 100
    assert question.startswith(case.title[:-1]) and question[len(case.title) - 1] == " "  # cut between two words
    assert (
        working_title("Mag een docent in de wijk lesgeven? En hoe zit het met de cao?")
        == "Mag een docent in de wijk lesgeven?"
    )


def test_the_queue_names_a_case_by_reference_and_clean_title(client, national_team):
    question = "Kunnen wij " + "een heel lange vraag stellen over de regels van onderwijstijd en " * 3 + "meer"
    case = report(client, question=question)
    client.force_login(national_team)
    page = client.get("/werkruimte/casussen/").text
    row = re.search(r"<tr><td[^>]*>.*?</tr>", page.split("<tbody>")[1], re.S).group(0)
    assert case.reference in row and case.reference == f"RR-{case.pk:05d}"
    assert working_title(question) in row and " ".join(question.split())[:120] not in row
    detail = client.get(f"/werkruimte/casussen/{case.pk}/").text
    assert f"<title>{case.reference} | Zorgpact</title>" in detail


@pytest.mark.parametrize("missing", ["title", "public_question", "public_context", "public_answer"])
def test_publishing_without_each_part_of_the_public_version_is_refused(client, answered, missing):
    data = {**PUBLIC, missing: "   "}
    response = step(client, answered, step="publish", **data, reviewed="on")
    assert response.status_code == 400
    assert "Dit veld is vereist." in response.text  # in Dutch, on the form
    case = Case.objects.get(pk=answered.pk)
    assert (case.status, case.slug, case.public_question, case.public_text, case.version) == (
        CaseStatus.ANSWERED,
        None,
        "",
        "",
        answered.version,
    )


@pytest.mark.parametrize("leak", [NAME.upper(), EMAIL, f"bij {ORGANISATION}"])
def test_a_public_version_that_names_the_reporter_is_refused(client, answered, leak):
    response = step(
        client, answered, step="publish", **{**PUBLIC, "public_context": f"Gemeld door {leak}."}, reviewed="on"
    )
    assert response.status_code == 400
    assert "Dit noemt de melder" in response.text
    assert Case.objects.get(pk=answered.pk).status == CaseStatus.ANSWERED


def test_the_publish_form_shows_the_original_beside_empty_public_fields(client, answered):
    page = client.get(f"/werkruimte/casussen/{answered.pk}/").text
    form = page.split('id="step-publish"')[1]
    assert "public-version__original" in form and TOKEN in form  # the original, to write from
    for name in ("title", "public_question", "public_context", "public_answer"):
        field = re.search(rf'<(?:input|textarea)[^>]*name="{name}"[^>]*>([^<]*)', form)
        assert field and TOKEN not in field.group(0) + field.group(1) and 'value="' not in field.group(0)


def test_the_address_comes_from_the_public_title_and_is_kept_when_the_public_version_changes(client, answered):
    assert step(client, answered, step="publish", **PUBLIC, reviewed="on").status_code == 302
    case = Case.objects.get(pk=answered.pk)
    assert case.status == CaseStatus.PUBLISHED and case.slug == slugify(PUBLIC["title"]) == "stage-lopen-in-de-wijk"
    address = f"/ruimte-in-de-regels/{case.slug}/"
    page = client.get(address).text
    for value in PUBLIC.values():
        assert value in page
    edited = {**PUBLIC, "title": "Stage in het wijkleerbedrijf", "public_answer": "Ja, binnen de regels."}
    assert step(client, case, step="public", **edited, reviewed="on").status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.PUBLISHED and case.slug == "stage-lopen-in-de-wijk"
    assert "Stage in het wijkleerbedrijf" in client.get(address).text
    assert case.events.last().note == "public version edited"
    assert step(client, case, step="reopen").status_code == 302  # taken offline and published again: same address
    case.refresh_from_db()
    assert step(client, case, step="answer", answer="Dat kan.", outcome="within_rules").status_code == 302
    assert step(client, case, step="publish", **{**edited, "title": "Nog een titel"}, reviewed="on").status_code == 302
    assert Case.objects.get(pk=case.pk).slug == "stage-lopen-in-de-wijk"


def test_editing_the_public_version_is_the_national_teams_and_checked(client, answered, ministry_staff):
    step(client, answered, step="publish", **PUBLIC, reviewed="on")
    response = step(client, answered, step="public", **{**PUBLIC, "public_question": ""}, reviewed="on")
    assert response.status_code == 400 and Case.objects.get(pk=answered.pk).public_question == PUBLIC["public_question"]
    client.force_login(ministry_staff)
    assert step(client, answered, step="public", **PUBLIC, reviewed="on").status_code == 403


def test_a_former_address_redirects_to_the_current_one(client):
    case = CaseFactory(title="Nieuwe titel", slug="nieuwe-titel", status=CaseStatus.PUBLISHED)
    FormerCaseSlug.objects.create(case=case, slug="oude-vraag-van-de-melder")
    response = client.get("/ruimte-in-de-regels/oude-vraag-van-de-melder/")
    assert response.status_code == 301 and response["Location"] == "/ruimte-in-de-regels/nieuwe-titel/"
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.TRIAGED)
    assert client.get("/ruimte-in-de-regels/oude-vraag-van-de-melder/").status_code == 404  # offline: no hint either
    assert client.get("/ruimte-in-de-regels/bestaat-niet/").status_code == 404


def test_the_api_gives_the_public_version(client, answered):
    step(client, answered, step="publish", **PUBLIC, reviewed="on")
    client.logout()
    detail = client.get("/api/v1/cases/stage-lopen-in-de-wijk/").json()
    assert (detail["title"], detail["question"], detail["context"], detail["text"]) == (
        PUBLIC["title"],
        PUBLIC["public_question"],
        PUBLIC["public_context"],
        PUBLIC["public_answer"],
    )


def _public_addresses(client) -> set[str]:
    """Every address in the sitemap, plus the lists, searches, API and CSV exports a visitor can ask for."""
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    addresses = {"/sitemap.xml"}
    for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap.text):
        addresses.add(urlsplit(loc).path)
    for query in (TOKEN, NAME, EMAIL, ORGANISATION, "Griselda", "wijk"):
        addresses |= {f"/zoeken/?q={query}", f"/ruimte-in-de-regels/?q={query}", f"/api/v1/cases/?q={query}"}
    addresses |= {"/regionale-zorgpacten/export.csv", "/koplopers/export.csv", "/api/schema/"}
    for prefix, _viewset, _basename in router.registry:  # every list of the open data API, and its details
        path = f"/api/v1/{prefix}/"
        addresses.add(path)
        listing = client.get(path)
        if listing.status_code == 200 and isinstance(listing.json(), dict):
            for item in listing.json().get("results", [])[:20]:
                key = item.get("slug") or item.get("id")
                if key is not None:
                    addresses.add(f"{path}{key}/")
    return addresses


def test_nothing_of_the_original_nor_the_reporter_is_on_any_public_page(client, answered):
    """Done when (issue 17): publish a case whose original text holds a unique token and the reporter's name and
    e-mail, crawl every public page, the sitemap, the search, the API and the CSV exports: none of them anywhere."""
    theme = ThemeFactory(slug="leren-in-de-praktijk", name="Leren in de praktijk")
    pact = PactFactory(name="Zorgpact Proefregio", slug="zorgpact-proefregio")
    pact.themes.add(theme)
    ActionFactory(pact=pact, title="Stages in de wijk", is_public=True).themes.add(theme)
    koploper = make_koploper("Wijkleerbedrijf Proef", themes=[theme], pact=pact)
    scheme = SchemeFactory(name="Stagefonds Proef", slug="stagefonds-proef")
    assert step(client, answered, step="publish", **PUBLIC, reviewed="on").status_code == 302
    case = Case.objects.get(pk=answered.pk)
    case.themes.add(theme)
    case.pacts.add(pact)
    case.koplopers.add(koploper)
    case.schemes.add(scheme)
    client.logout()

    addresses = _public_addresses(client)
    for expected in (
        "/",
        "/ruimte-in-de-regels/",
        f"/ruimte-in-de-regels/{case.slug}/",
        "/themas/",
        "/themas/leren-in-de-praktijk/",
        "/regionale-zorgpacten/",
        "/regionale-zorgpacten/zorgpact-proefregio/",
        "/koplopers/",
        f"/koplopers/{koploper.slug}/",
        "/regelingen/",
        "/regelingen/stagefonds-proef/",
        f"/api/v1/cases/{case.slug}/",
        "/api/v1/cases/",
        "/api/v1/koplopers/",
        "/api/v1/pacts/",
    ):
        assert expected in addresses, expected
    seen_case = False
    for address in sorted(addresses):
        response = client.get(address)
        assert response.status_code in (200, 401, 403), (address, response.status_code)
        body = (address + " " + str(dict(response.headers)) + " " + response.content.decode()).lower()
        query = parse_qs(urlsplit(address).query).get("q", [""])[0]
        if query:  # a search page repeats what was searched for: that alone is no leak (its hits are counted below)
            for form in {query, escape(query), quote(query), quote_plus(query), quote(query, safe="")}:
                body = body.replace(form.lower(), "")
        for secret in SECRETS:
            assert secret.lower() not in body, (secret, address)
        seen_case |= PUBLIC["public_question"].lower() in body
    assert seen_case  # the crawl did reach the published case
    for secret in SECRETS:  # searching for the original text or the reporter finds nothing
        assert all(g.count == 0 for g in client.get("/zoeken/", {"q": secret}).context["groups"]), secret
        assert client.get("/ruimte-in-de-regels/", {"q": secret}).context["page"].paginator.count == 0, secret
        assert client.get("/api/v1/cases/", {"q": secret}).json()["count"] == 0, secret
    case_page = client.get(f"/ruimte-in-de-regels/{case.slug}/").text
    description = re.search(r'<meta name="description" content="([^"]*)"', case_page).group(1)
    assert description == PUBLIC["public_question"]
    search = client.get("/zoeken/", {"q": "wijkleerbedrijf"})
    assert any(g.key == "cases" and g.count == 1 for g in search.context["groups"])  # found by its public version


def test_the_library_searches_the_public_version_only(client):
    CaseFactory(
        title="Openbare titel",
        status=CaseStatus.PUBLISHED,
        question=f"Geheime vraag {TOKEN}",
        context=f"Geheime situatie {TOKEN}",
        public_question="Openbare vraag",
        public_context="Openbare situatie",
    )
    for query in (TOKEN, "geheime"):
        assert client.get("/ruimte-in-de-regels/", {"q": query}).context["page"].paginator.count == 0
        assert client.get("/api/v1/cases/", {"q": query}).json()["count"] == 0
        assert all(g.count == 0 for g in client.get("/zoeken/", {"q": query}).context["groups"])
    for query in ("openbare vraag", "openbare situatie"):
        assert client.get("/ruimte-in-de-regels/", {"q": query}).context["page"].paginator.count == 1
        assert next(g for g in client.get("/zoeken/", {"q": query}).context["groups"] if g.key == "cases").count == 1


@pytest.mark.django_db(transaction=True)
def test_migration_gives_cases_that_are_or_were_published_a_public_version():
    """0006: a source's case keeps its text as public version; a reported case only what the team reviewed (its public
    title and answer), with a new address from that title and the old one redirecting; a draft loses its address."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("regels", "0005_search_trigram_indexes")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("regels", "Case")
    from_source = old.objects.create(
        title="Stagefonds voor wijkleerbedrijven",
        slug="stagefonds-voor-wijkleerbedrijven",
        status="published",
        question="Kunnen wijkleerbedrijven het Stagefonds gebruiken?",
        context="Uit de programmabrochure.",
        public_text="Ja.",
        source="002_19717e10075b9618.txt",
        status_token="t-source",
    )
    question = f"Mogen studenten van {ORGANISATION} in hun tweede leerjaar stage lopen in de wijk, ook als daar {TOKEN} geldt en het leerbedrijf nog niet erkend is"
    cut = " ".join(question.split())[:120]
    reported = old.objects.create(
        title=cut,
        slug=slugify(cut),
        status="published",
        question=question,
        context=f"{NAME} schrijft: {TOKEN}",
        public_text="Dat kan.",
        reporter_name=NAME,
        reporter_email=EMAIL,
        source="Melding via het portaal",
        status_token="t-reported",
    )
    draft = old.objects.create(
        title=cut + " 2", slug="mogen-studenten-concept", status="answered", question=question, status_token="t-draft"
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    source_case = Case.objects.get(pk=from_source.pk)
    assert (source_case.slug, source_case.public_question, source_case.public_context, source_case.public_text) == (
        "stagefonds-voor-wijkleerbedrijven",
        from_source.question,
        from_source.context,
        "Ja.",
    )
    case = Case.objects.get(pk=reported.pk)
    assert case.title == working_title(question) and case.title.endswith("…") and not case.title.endswith(cut[-5:])
    assert (case.public_question, case.public_context, case.public_text) == (case.title, "", "Dat kan.")
    assert case.slug == slugify(case.title) and case.former_slugs.get().slug == slugify(cut)
    assert case.events.get().note.startswith("public version derived by migration 0006")
    assert Client().get(f"/ruimte-in-de-regels/{slugify(cut)}/")["Location"] == f"/ruimte-in-de-regels/{case.slug}/"
    assert Case.objects.get(pk=draft.pk).slug is None


def test_every_demo_case_has_a_public_version_and_shows_it(client, settings):
    from zorgpact.demo.loader import load_demo_data

    settings.DEBUG = True
    load_demo_data()
    published = list(Case.objects.published())
    assert published
    for case in published:
        assert case.slug and case.title, case
        page = client.get(case.get_absolute_url())
        assert page.status_code == 200 and escape(case.title) in page.text
        # Where the source states no question, the public version has none either (nothing is made up for it).
        if case.public_question:
            assert escape(case.public_question) in page.text
        else:
            assert "De vraag</h2>" not in page.text
