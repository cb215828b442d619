import re

import pytest
from django.core import mail
from django.db import connection

from regels.constants import CaseStatus
from regels.models import Case
from tests.helpers import bitmap_plan
from tests.regels.factories import CaseFactory, SchemeFactory
from tests.zorgpact.factories import ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    theme = ThemeFactory(slug="leren-in-de-praktijk", name="Leren in de praktijk")
    for i in range(3):
        CaseFactory(
            title=f"Binnen de regels {i}",
            status=CaseStatus.PUBLISHED,
            outcome="within_rules",
            topic="education_time",
            ministry_ocw=True,
        )
    changed = CaseFactory(
        title="Stagefonds verruimd",
        status=CaseStatus.PUBLISHED,
        outcome="rule_changed",
        topic="funding",
        ministry_vws=True,
        reporter_name="Geheime Melder",
        reporter_email="melder@voorbeeld.test",
    )
    changed.themes.add(theme)
    CaseFactory(title="Nog niet gepubliceerd", status=CaseStatus.SUBMITTED)
    return changed


def test_library_lists_published_cases_with_live_figures_and_rule_changed_first(client, library):
    response = client.get("/ruimte-in-de-regels/")
    titles = [c.title for c in response.context["page"]]
    assert titles[0] == "Stagefonds verruimd" and len(titles) == 4
    assert "Nog niet gepubliceerd" not in response.text
    figures = response.context["figures"]
    assert (
        figures["total"] == Case.objects.published().count() == 4
        and figures["within_share"] == 75
        and figures["changed"] == 1
    )


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"outcome": "rule_changed"}, 1),
        ({"ministry": "OCW"}, 3),
        ({"topic": "funding"}, 1),
        ({"theme": "leren-in-de-praktijk"}, 1),
        ({"q": "stagefonds"}, 1),
        ({"ministry": "SZW"}, 0),
    ],
)
def test_filters_narrow_and_counts_match(client, library, params, expected):
    response = client.get("/ruimte-in-de-regels/", params)
    assert response.context["page"].paginator.count == expected
    for facet in response.context["facets"]:
        for option in facet.options:
            if not option.selected:
                assert client.get("/ruimte-in-de-regels/" + option.url).context["page"].paginator.count == option.count


def test_case_detail_never_shows_the_reporter(client, library):
    response = client.get(f"/ruimte-in-de-regels/{library.slug}/")
    assert response.status_code == 200 and "Stagefonds verruimd" in response.text
    assert "Geheime Melder" not in response.text and "melder@voorbeeld.test" not in response.text
    unpublished = Case.objects.get(title="Nog niet gepubliceerd")
    assert client.get(f"/ruimte-in-de-regels/{unpublished.slug}/").status_code == 404


def report_data(**extra):
    return {
        "question": "Mag een docent in de wijk lesgeven?",
        "context": "Wij werken samen.",
        "organisation": "ROC",
        "name": "Anna",
        "email": "anna@voorbeeld.test",
        "consent": "on",
        "homepage": "",
        **extra,
    }


def test_report_sends_reference_and_private_status_link(client, django_capture_on_commit_callbacks, eager_tasks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/ruimte-in-de-regels/melden/", report_data())
    assert response.status_code == 200
    case = Case.objects.get()
    assert case.status == CaseStatus.SUBMITTED and case.reference in response.text
    link = re.search(r"/ruimte-in-de-regels/status/[\w-]+/", mail.outbox[0].body).group(0)
    status_page = client.get(link)
    assert status_page.status_code == 200 and "Mag een docent" in status_page.text
    assert status_page["Referrer-Policy"] == "no-referrer"
    assert client.get("/ruimte-in-de-regels/status/verkeerd-token/").status_code == 404
    assert "Mag een docent" not in client.get("/ruimte-in-de-regels/").text  # not public


@pytest.mark.parametrize("extra", [{"consent": ""}, {"homepage": "spam"}, {"email": "geen"}, {"question": ""}])
def test_bad_reports_save_nothing(client, extra):
    assert client.post("/ruimte-in-de-regels/melden/", report_data(**extra)).status_code == 400
    assert not Case.objects.exists()


def test_sixth_report_from_one_address_in_an_hour_is_refused(client):
    for i in range(5):
        assert (
            client.post(
                "/ruimte-in-de-regels/melden/", report_data(question=f"Vraag {i}"), REMOTE_ADDR="10.9.9.9"
            ).status_code
            == 200
        )
    assert (
        client.post("/ruimte-in-de-regels/melden/", report_data(question="Zesde"), REMOTE_ADDR="10.9.9.9").status_code
        == 429
    )
    assert Case.objects.count() == 5


def test_schemes_list_and_detail(client, library):
    scheme = SchemeFactory(name="Stagefonds Zorg", slug="stagefonds-zorg", ministry="VWS", summary="Fonds voor stages.")
    library.schemes.add(scheme)
    assert "Stagefonds Zorg" in client.get("/regelingen/").text
    detail = client.get("/regelingen/stagefonds-zorg/")
    assert "Fonds voor stages." in detail.text and "Stagefonds verruimd" in detail.text
    assert client.get("/regelingen/bestaat-niet/").status_code == 404


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the full-text index exists on PostgreSQL only")
def test_case_search_uses_the_dutch_full_text_index_on_postgresql(library):
    """The ?q= search of the case library (zorgpact.core.search_text, the public version only) is served by the GIN
    index on the stored Dutch search vector of migration 0007, and finds other word forms ("verruimen")."""
    plan = bitmap_plan(Case.objects.matching("stagefonds").order_by().values("pk"))
    assert "regels_case_search_gin" in plan, plan
    assert [c.title for c in Case.objects.published().matching("STAGEFONDS verruimen")] == ["Stagefonds verruimd"]


@pytest.mark.usefixtures("page_cache")
def test_facet_counts_are_kept_per_filter_state_until_the_next_write(
    client, library, coordinator, django_capture_on_commit_callbacks
):
    from django.test.utils import CaptureQueriesContext

    client.force_login(coordinator)  # signed in: the whole page is never cached, the facet counts are

    def outcome_counts(query=""):
        with CaptureQueriesContext(connection) as queries:
            facets = client.get(f"/ruimte-in-de-regels/{query}").context["facets"]
        return {o.value: o.count for f in facets if f.key == "outcome" for o in f.options}, len(queries)

    counts, first_queries = outcome_counts()
    assert counts == {"within_rules": 3, "rule_changed": 1}
    with django_capture_on_commit_callbacks() as commit:
        CaseFactory(
            title="Nog een voorbeeldcasus", status=CaseStatus.PUBLISHED, outcome="rule_changed", topic="funding"
        )  # not yet committed
    counts, cached_queries = outcome_counts()
    assert counts == {"within_rules": 3, "rule_changed": 1} and cached_queries <= first_queries - 4
    assert outcome_counts("?topic=funding")[0] == {"rule_changed": 2}  # another filter state is computed afresh
    assert outcome_counts("?q=voorbeeldcasus")[0] == {"rule_changed": 1}  # a free-text search is never kept
    for callback in commit:
        callback()  # the write commits: a new generation
    assert outcome_counts()[0] == {"within_rules": 3, "rule_changed": 2}
