import csv
import io
from urllib.parse import parse_qs, urlparse

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koplopers.constants import KoploperStatus
from koplopers.models import Adoption, ResultFigure
from tests.helpers import bitmap_plan
from tests.koplopers.factories import KoploperFactory, KoploperPartnerFactory
from tests.pacts.factories import PactFactory
from tests.zorgpact.factories import OrganisationFactory, ThemeFactory
from zorgpact.constants import CareSector, EducationLevel, Pillar
from zorgpact.models import Province

pytestmark = pytest.mark.django_db


def make_koploper(name, *, themes=(), provinces=(), level=EducationLevel.MBO, sector=CareSector.ELDERLY, **kwargs):
    koploper = KoploperFactory(name=name, slug=name.lower().replace(" ", "-"), **kwargs)
    KoploperPartnerFactory(
        koploper=koploper, organisation=OrganisationFactory(pillar=Pillar.EDUCATION, education_level=level)
    )
    KoploperPartnerFactory(koploper=koploper, organisation=OrganisationFactory(pillar=Pillar.CARE, care_sector=sector))
    koploper.themes.add(*themes)
    koploper.provinces.add(*[Province.objects.get(code=c) for c in provinces])
    return koploper


@pytest.fixture
def catalogue():
    tech = ThemeFactory(slug="zorg-en-technologie", name="Zorg en technologie")
    praktijk = ThemeFactory(slug="leren-in-de-praktijk", name="Leren in de praktijk")
    pact = PactFactory(name="Zorgpact Zeeland", slug="zorgpact-zeeland")
    huiskamer = make_koploper(
        "Huiskamer",
        themes=[praktijk],
        provinces=["ZE"],
        level=EducationLevel.VMBO,
        pact=pact,
        sustain_joint_agenda=True,
        started_year=2016,
    )
    make_koploper(
        "Makehealth",
        themes=[tech],
        provinces=["LI"],
        level=EducationLevel.HBO,
        sector=CareSector.HOSPITAL,
        started_year=2018,
    )
    getlab = make_koploper("Getlab", themes=[tech, praktijk], provinces=["NB"], started_year=2017)
    make_koploper("Ketenstage", themes=[praktijk], provinces=["GR"], sector=CareSector.HOME)
    KoploperFactory(name="Aanvraag", slug="aanvraag", status=KoploperStatus.APPLIED)
    Adoption.objects.create(koploper=getlab, region="Twente", year=2018)
    Adoption.objects.create(koploper=getlab, pact=pact, year=2019)
    Adoption.objects.create(koploper=huiskamer, region="Drenthe", year=2018)
    return {"huiskamer": huiskamer, "getlab": getlab, "pact": pact}


def names(response):
    return [k.name for k in response.context["page"]]


def facet(response, key):
    return {o.value: o for o in next(f for f in response.context["facets"] if f.key == key).options}


def test_only_published_koplopers_are_listed(client, catalogue):
    response = client.get("/koplopers/")
    assert names(response) == ["Getlab", "Huiskamer", "Ketenstage", "Makehealth"]
    assert "Aanvraag" not in response.text
    assert client.get("/koplopers/aanvraag/").status_code == 404


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"theme": "zorg-en-technologie"}, ["Getlab", "Makehealth"]),
        ({"province": "ZE"}, ["Huiskamer"]),
        ({"level": "vmbo"}, ["Huiskamer"]),
        ({"level": "hbo"}, ["Makehealth"]),
        ({"sector": "home"}, ["Ketenstage"]),
        ({"pillar": "education"}, ["Getlab", "Huiskamer", "Ketenstage", "Makehealth"]),
        ({"pillar": "government"}, []),
        ({"pact": "zorgpact-zeeland"}, ["Huiskamer"]),
        ({"adopted": "ja"}, ["Getlab", "Huiskamer"]),
        ({"sustained": "ja"}, ["Huiskamer"]),
        ({"q": "getl"}, ["Getlab"]),
        ({"theme": "leren-in-de-praktijk", "adopted": "ja"}, ["Getlab", "Huiskamer"]),
        ({"theme": "leren-in-de-praktijk", "province": "GR"}, ["Ketenstage"]),
    ],
)
def test_each_facet_narrows_and_facets_combine(client, catalogue, params, expected):
    assert names(client.get("/koplopers/", params)) == expected


def test_facet_counts_equal_the_results_of_following_the_link(client, catalogue):
    response = client.get("/koplopers/", {"theme": "leren-in-de-praktijk"})
    checked = 0
    for f in response.context["facets"]:
        for option in f.options:
            if option.selected:  # its link removes the filter; its count is the current result
                assert option.count == response.context["page"].paginator.count
                continue
            followed = client.get("/koplopers/" + option.url)
            assert followed.context["page"].paginator.count == option.count, (f.key, option.value)
            checked += 1
    assert checked >= 10
    # the theme facet counts ignore the theme filter itself: choosing the other theme gives 2
    assert facet(response, "theme")["zorg-en-technologie"].count == 2


def test_selected_facet_link_removes_it_and_keeps_the_others(client, catalogue):
    response = client.get("/koplopers/", {"theme": "leren-in-de-praktijk", "province": "ZE", "page": "1"})
    option = facet(response, "theme")["leren-in-de-praktijk"]
    assert option.selected
    assert parse_qs(urlparse(option.url).query) == {"province": ["ZE"]}


def test_sort_orders(client, catalogue):
    assert names(client.get("/koplopers/", {"sort": "meest-overgenomen"}))[:2] == ["Getlab", "Huiskamer"]
    assert names(client.get("/koplopers/", {"sort": "nieuwste"}))[:3] == ["Makehealth", "Getlab", "Huiskamer"]


def test_unknown_values_never_fail(client, catalogue):
    response = client.get("/koplopers/", {"pillar": "xx", "theme": "bestaat-niet", "sort": "<script>", "q": "'\"%_"})
    assert response.status_code == 200
    assert response.context["filterset"].errors
    assert "<script>" not in response.text
    # A NUL byte is refused before the view, with a 400 (the middleware; PostgreSQL cannot take it).
    assert client.get("/koplopers/", {"q": "\x00'\""}).status_code == 400


def test_query_count_is_the_same_for_more_data(client, catalogue):
    def count(params):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/koplopers/", params).status_code == 200
        return len(ctx.captured_queries)

    params = {"theme": "leren-in-de-praktijk", "level": "mbo"}
    small = count(params)
    for i in range(15):
        make_koploper(f"Extra {i}", themes=[catalogue["huiskamer"].themes.first()], provinces=["UT"])
    assert count(params) == small
    # page count + rows, themes and provinces prefetch, 8 facet queries (+ labels in the same query)
    assert small <= 13


def test_csv_follows_the_filters(client, catalogue):
    response = client.get("/koplopers/export.csv", {"theme": "zorg-en-technologie"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == ["Getlab", "Makehealth"]
    assert rows[1][6] == "2"  # adoptions


def test_detail_shows_results_partners_adoptions_and_related(client, catalogue, django_assert_max_num_queries):
    getlab = catalogue["getlab"]
    ResultFigure.objects.create(koploper=getlab, label="Studenten per jaar", value=120, year=2018)
    # koploper, themes, provinces, partners+organisations, result figures, adoptions, related; its citations (source notes)
    with django_assert_max_num_queries(9):
        response = client.get("/koplopers/getlab/")
    text = response.text
    assert "Studenten per jaar" in text and "120" in text
    assert "Twente" in text and "Zorgpact Zeeland" in text
    assert [r.name for r in response.context["related"]][0] in {"Huiskamer", "Makehealth"}
    groups = {g["pillar"]: g["count"] for g in response.context["partner_groups"]}
    assert groups[Pillar.EDUCATION] == 1 and groups[Pillar.CARE] == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the full-text index exists on PostgreSQL only")
def test_search_uses_the_dutch_full_text_index_on_postgresql(client, catalogue):
    """The ?q= search (zorgpact.core.search_text) is served by the GIN index on the stored Dutch search vector of
    migration 0002, and finds other word forms: "huiskamers" finds "Huiskamer"."""
    from koplopers.models import Koploper

    plan = bitmap_plan(Koploper.objects.matching("huiskamer").order_by().values("pk"))
    assert "koplopers_koploper_search_gin" in plan, plan
    assert [k.name for k in Koploper.objects.matching("HUISKAMERS")] == ["Huiskamer"]


@pytest.mark.usefixtures("page_cache")
def test_facet_counts_are_kept_per_filter_state_until_the_next_write(client, coordinator, vocabulary):
    """Transactional (the vocabulary fixture): every write here commits, as in production."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_koploper("Eerste Huiskamer", provinces=["ZE"])
    client.force_login(coordinator)  # signed in: the whole page is never cached, the facet counts are

    def province_counts(query=""):
        with CaptureQueriesContext(connection) as queries:
            facets = client.get(f"/koplopers/{query}").context["facets"]
        return {o.value: o.count for f in facets if f.key == "province" for o in f.options}, len(queries)

    counts, first_queries = province_counts()
    assert counts == {"ZE": 1}
    counts, cached_queries = province_counts()
    # Kept: the facet counts (one query) and the rendered results (count, page, their themes and provinces).
    assert counts == {"ZE": 1} and cached_queries == first_queries - 5
    make_koploper("Tweede Huiskamer", provinces=["ZE"])  # committed: a new generation
    assert province_counts("?province=ZE")[0] == {"ZE": 2}
    assert province_counts()[0] == {"ZE": 2}


def test_the_request_stops_at_the_view(catalogue):
    """Issue 16.7: the catalogue and library selectors and the listing kit take cleaned values (the FilterSet's cleaned
    data, a page number, the language), never the HttpRequest; links carry the cleaned filter state."""
    import inspect

    from django.http import HttpRequest, QueryDict

    from koplopers import selectors
    from koplopers.filters import KoploperFilterSet
    from regels import selectors as regels_selectors
    from zorgpact.core import listing

    for module in (selectors, regels_selectors, listing):
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ != module.__name__ or name == "posted":  # posted() reads a form's POST
                continue
            for parameter in inspect.signature(function).parameters.values():
                assert parameter.name != "request" and parameter.annotation not in (HttpRequest, "HttpRequest"), name

    params = QueryDict("theme=zorg-en-technologie&q=getlab&sort=bestaat-niet&page=9&utm=x")
    filterset = KoploperFilterSet(params, queryset=selectors.catalogue_queryset())
    result = selectors.catalogue(filterset, page="1", language="nl")
    assert [k.name for k in result.page] == ["Getlab"]
    assert result.query == "q=getlab&theme=zorg-en-technologie"  # the invalid sort, the page and utm are left out
    assert result.storable is False  # a free-text search (and an invalid value) is never kept whole
    theme = next(f for f in result.facets if f.key == "theme")
    assert theme.selected.value == "zorg-en-technologie" and theme.selected.url == "?q=getlab"  # untick it
    valid = KoploperFilterSet(QueryDict("province=ZE"), queryset=selectors.catalogue_queryset())
    assert selectors.catalogue(valid, page=None, language="nl").storable is True


def test_facet_counts_of_a_free_text_search_in_one_pass(client, catalogue):
    """Issue 21.2: a search with facets matches the text once (one query through the search index), reuses the matches
    for the list, its count and every facet, and counts all facets in one grouped query: 6 queries whatever the data,
    and the counts equal the results of following each facet link."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/koplopers/", {"q": "samenwerkingen onderwijs"})  # every summary, inflected
    assert response.context["page"].paginator.count == 4
    sql = [q["sql"] for q in ctx.captured_queries]
    assert len(sql) == 6, sql  # matches, count, page, themes and provinces prefetch, all facet counts
    assert sum("@@" in s or "zp_match(" in s for s in sql) == 1  # the text is matched once
    assert sum("UNION ALL" in s for s in sql) == 1
    for facet in response.context["facets"]:
        for option in facet.options:
            followed = client.get("/koplopers/" + option.url)
            assert followed.context["page"].paginator.count == option.count, (facet.key, option.value)


def test_the_matches_travel_as_one_array_parameter(catalogue):
    """`pk__among` (zorgpact.core.lookups.Among): thousands of matched ids cost one parameter per query on PostgreSQL."""
    from koplopers.models import Koploper

    ids = [catalogue["getlab"].pk, catalogue["huiskamer"].pk]
    sql, params = Koploper.objects.filter(pk__among=ids).values("pk").query.sql_with_params()
    if connection.vendor == "postgresql":
        assert "= ANY(" in sql and params == (ids,)
    assert sorted(Koploper.objects.filter(pk__among=ids).values_list("name", flat=True)) == ["Getlab", "Huiskamer"]
    with CaptureQueriesContext(connection) as ctx:
        assert list(Koploper.objects.filter(pk__among=[])) == []
    assert len(ctx.captured_queries) == 0  # no matches: no query at all
