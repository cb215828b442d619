"""Every public page stays within one fixed query budget, on the demo data and at ten times the real programme.

The exact count may be lower where a list is empty (Django skips the prefetch queries of an empty page), so the
test holds both sizes to the same budget rather than to the same count.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zorgpact.demo.loader import load_demo_data
from zorgpact.demo.scale import generate_scale_data

# path -> budget. The budget is the ceiling; the test also demands the count does not move with the data.
PAGES = {
    # live counts, provinces with pact counts, pacts without a known province, themes with counts, newest koplopers
    # (+ their provinces and themes), newest cases; + 3: the pact cards (the three largest agendas, their provinces
    # and their themes)
    "/": 16,
    "/regionale-zorgpacten/": 7,  # count, page, provinces + themes prefetch, province/phase/theme choices of the form
    # pact + prefetched agenda tree, indicators, koplopers; phases; the pact's and its actions' citations (source notes);
    # + 1: the roll-up (IndicatorQuerySet.with_progress, one query for the whole results tree), so the page, the API,
    # both dashboards and the report read the one selection of pacts.progress instead of each its own prefetch.
    # Counted on a fragment miss (the suite's default): with the body in the fragment cache the page reads only the
    # pact's row (1 query, tests/core/test_rendered_fragments.py)
    "/regionale-zorgpacten/zorgpact-zeeland/": 18,
    "/regionale-zorgpacten/zorgpact-oefenregio-fictief/": 18,
    "/koplopers/": 5,  # count, page, themes + provinces prefetch, every facet's counts in one query
    "/koplopers/?theme=leren-in-de-praktijk&province=ZE": 5,
    "/koplopers/?q=zorg&sort=meest-overgenomen": 6,  # + the text's matches, once, reused by the list and the facets
    "/koplopers/?q=leren&theme=leren-in-de-praktijk&pillar=education": 6,  # a search with facets (issue 21.2)
    "/koplopers/de-zeeuwse-huiskamer/": 8,  # koploper, themes, provinces, partners, figures, adoptions (+ related); citations and their content type
    "/koplopers/aanmelden/": 2,  # themes and provinces for the checkboxes
    "/themas/": 1,  # themes with four correlated counts
    "/themas/leren-in-de-praktijk/": 9,  # theme; a count and a first page per section
    "/zoeken/?q=zorg": 8,  # per public group one page of hits carrying the count of all (a window count)
    "/ruimte-in-de-regels/": 10,  # figures, count, page, themes prefetch, 4 facet queries
    "/ruimte-in-de-regels/?outcome=within_rules&ministry=OCW": 10,
    "/regelingen/": 3,  # count, page, themes prefetch
    "/api/v1/koplopers/": 10,  # count, page, themes, provinces, partners, figures, adoptions (+ pact, organisation), citations
    "/api/v1/pacts/": 6,  # count, page, provinces, themes, citations; the page's roll-up (progress, based_on, stale) in one
    "/api/v1/actions/": 5,  # count, page, themes, indicators, measurements
}


def query_counts(client) -> dict[str, int]:
    counts = {}
    for path in PAGES:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path)
        assert response.status_code == 200, path
        counts[path] = len(ctx.captured_queries)
    return counts


@pytest.mark.django_db
def test_same_query_count_on_demo_data_and_at_scale_ten(client):
    load_demo_data()
    on_demo = query_counts(client)
    generate_scale_data(scale=10)
    at_scale = query_counts(client)
    for size, counts in (("demo", on_demo), ("scale 10", at_scale)):
        over = {path: n for path, n in counts.items() if n > PAGES[path]}
        assert over == {}, f"over budget at {size}: {over}"


# Signed-in pages (issue 21.5): (who, path) -> budget. Counted on the second request in a signed-in session that has
# passed its second factor, with the fragment caches off (the suite's default): the cost of a cache miss. Each count
# includes the session's own 5 (session, user, second-factor device, absolute-session check, session save) and is
# identical on the demo data and at scale 10: the generated pacts, indicators and koplopers change no count.
SIGNED_IN_PAGES = {
    # the to-do list first: the person's pacts (with phase) and their provinces; measurements due (indicators on
    # the agenda, their measurements); goals and their indicators (effects not measured); agreements due (the first
    # ones and their count); then koplopers and recent changes by others
    ("coordinator@zeeland.demo", "/werkruimte/"): 15,
    # pact, its agenda tree (actions, indicators, measurements; ambitions, goals, goal indicators, measurements),
    # the roll-up (one with_progress query), coordinator check, partners, the reminders sent for what is due
    ("coordinator@zeeland.demo", "/werkruimte/pacten/zorgpact-oefenregio-fictief/"): 17,
    # pact, actions, the roll-up, the indicators it counts (PactResults.counted) and their measurements, ambitions,
    # goals and their indicators (effects per target group), sessions, agreements, composition (pact, participations, organisations), coordinator check, reports
    ("coordinator@zeeland.demo", "/volgspot/pacten/zorgpact-oefenregio-fictief/"): 20,
    ("medewerker@vws.demo", "/volgspot/pacten/zorgpact-oefenregio-fictief/"): 21,
    # the national figures computed: phases, functions, the pact and fictional counts (one), the fictional names,
    # themes, the roll-up and its pacts and themes, indicator themes, the goals with unmeasured effects (one grouped
    # query, GoalQuerySet.with_unmeasured_effects; it was goals + their indicators), composition, coverage, partners
    # not recorded, overdue agreements, phases over time; the koploper side (themes, adoptions, count); the filter
    # choices
    ("medewerker@vws.demo", "/volgspot/"): 26,
    # the team's to-dos: own pacts (none), agreements due across all pacts (first ones, count), Kopgroep applications
    # (count), cases to triage (first ones, count); all pacts, koplopers, the team's themes and schemes (their edit
    # and history screens); and one more of the staff session than a coordinator's
    ("team@zorgpact.demo", "/werkruimte/"): 16,
}


def signed_in_counts(client) -> dict[tuple[str, str], int]:
    from zorgpact.models import User

    counts = {}
    for (email, path), _budget in SIGNED_IN_PAGES.items():
        client.force_login(User.objects.get(email=email))
        assert client.get(path).status_code == 200, (email, path)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path)
        assert response.status_code == 200, (email, path)
        counts[(email, path)] = len(ctx.captured_queries)
    return counts


@pytest.mark.django_db
def test_signed_in_workspace_and_dashboards_have_the_same_query_count_at_two_sizes(client, settings):
    from zorgpact.demo.loader import create_demo_accounts

    load_demo_data()
    settings.DEBUG = True  # the demo accounts exist only in a development setup
    create_demo_accounts()
    settings.DEBUG = False
    on_demo = signed_in_counts(client)
    generate_scale_data(scale=10)
    at_scale = signed_in_counts(client)
    assert at_scale == on_demo, f"the count moves with the data: demo {on_demo}, scale 10 {at_scale}"
    over = {page: n for page, n in on_demo.items() if n > SIGNED_IN_PAGES[page]}
    assert over == {}, f"over budget: {over}"
