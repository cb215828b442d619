"""The coordinator's workspace: roles, scoping in the query, lost-update check, history and restore."""

import pytest

from pacts.constants import ActionStatus
from pacts.models import Action, Measurement
from tests.pacts.factories import ActionFactory, IndicatorFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(pact):
    ParticipationFactory(pact=pact)
    return ActionFactory(pact=pact, title="Praktijkroute", status=ActionStatus.PLANNED)


@pytest.fixture
def indicator(action):
    return IndicatorFactory(action=action)


READ_URLS = ["/werkruimte/pacten/{slug}/", "/werkruimte/pacten/{slug}/geschiedenis/actie/{action}/"]
WRITE_URLS = [
    "/werkruimte/pacten/{slug}/profiel/",
    "/werkruimte/pacten/{slug}/ambities/nieuw/",
    "/werkruimte/pacten/{slug}/doelen/nieuw/",
    "/werkruimte/pacten/{slug}/partners/nieuw/",
    "/werkruimte/pacten/{slug}/acties/nieuw/",
    "/werkruimte/pacten/{slug}/acties/{action}/",
    "/werkruimte/pacten/{slug}/acties/{action}/indicatoren/nieuw/",
    "/werkruimte/pacten/{slug}/indicatoren/{indicator}/metingen/nieuw/",
]

# role -> expected status for (read pages, write pages) on someone's pact
MATRIX = {
    "anonymous": (302, 302),
    "koploper_coordinator": (404, 404),
    "coordinator": (200, 200),
    "other_coordinator": (404, 404),
    "ministry_staff": (200, 403),
    "national_team": (200, 200),
}


@pytest.mark.parametrize("role", list(MATRIX))
def test_permission_matrix(client, request, role, pact, action, indicator):
    user = request.getfixturevalue(role)
    if role != "anonymous":
        client.force_login(user)
    read, write = MATRIX[role]
    ids = {"slug": pact.slug, "action": action.pk, "indicator": indicator.pk}
    for url in READ_URLS:
        assert client.get(url.format(**ids)).status_code == read, url
    for url in WRITE_URLS:
        assert client.get(url.format(**ids)).status_code == write, url
        # an empty POST: allowed roles get the form back with errors (400), others the same refusal as GET
        assert client.post(url.format(**ids), {}).status_code == (400 if write == 200 else write), url
    before = Action.objects.values().get(pk=action.pk)
    response = client.post(
        f"/werkruimte/pacten/{pact.slug}/acties/{action.pk}/",
        {"title": "Gekaapt", "status": "done", "expected_version": 1},
    )
    assert response.status_code == (302 if write == 200 else write)
    archive = client.post(
        f"/werkruimte/pacten/{pact.slug}/acties/{action.pk}/archiveren/", {"archive": "1", "expected_version": 2}
    )
    assert archive.status_code == (302 if write in (200, 302) else write)
    after = Action.objects.values().get(pk=action.pk)
    if write == 200:
        assert after["title"] == "Gekaapt" and after["archived_at"] is not None
    else:
        assert after == before  # a refused write leaves the row unchanged


def test_anonymous_is_sent_to_sign_in(client, pact, action):
    response = client.get(f"/werkruimte/pacten/{pact.slug}/")
    assert response.status_code == 302 and response["Location"].startswith("/account/login/")
    response = client.post(f"/werkruimte/pacten/{pact.slug}/acties/{action.pk}/archiveren/", {"archive": "1"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.archived_at is None


def test_coordinator_cannot_reach_another_pacts_action_through_own_pact_url(client, coordinator, pact, other_pact):
    foreign = ActionFactory(pact=other_pact)
    client.force_login(coordinator)
    assert client.get(f"/werkruimte/pacten/{pact.slug}/acties/{foreign.pk}/").status_code == 404


def test_goal_of_another_pact_cannot_be_chosen(client, coordinator, pact, other_pact, action):
    from tests.pacts.factories import AmbitionFactory, GoalFactory

    foreign_goal = GoalFactory(ambition=AmbitionFactory(pact=other_pact))
    client.force_login(coordinator)
    response = client.post(
        f"/werkruimte/pacten/{pact.slug}/acties/{action.pk}/",
        {"title": "X", "status": "running", "goal": foreign_goal.pk, "expected_version": action.version},
    )
    assert response.status_code == 400
    action.refresh_from_db()
    assert action.goal_id is None and action.title == "Praktijkroute"


def test_concurrent_edits_never_overwrite_unseen(client, coordinator, national_team, pact, action):
    form_version = action.version
    client.force_login(national_team)
    first = client.post(
        f"/werkruimte/pacten/{pact.slug}/acties/{action.pk}/",
        {"title": "Eerste wijziging", "status": "running", "expected_version": form_version},
    )
    assert first.status_code == 302
    client.force_login(coordinator)
    second = client.post(
        f"/werkruimte/pacten/{pact.slug}/acties/{action.pk}/",
        {"title": "Tweede wijziging", "status": "done", "expected_version": form_version},
    )
    assert second.status_code == 409
    assert "iemand anders" in second.text.lower() or "someone else" in second.text.lower()
    # both the stored and the submitted values are shown
    assert "Eerste wijziging" in second.text and "Tweede wijziging" in second.text
    action.refresh_from_db()
    assert action.title == "Eerste wijziging" and action.version == form_version + 1
    # the re-shown form carries the stored version: saving again is a choice made with both in view
    assert f'name="expected_version" value="{form_version + 1}"' in second.text


def test_archive_and_restore_keep_the_action(client, coordinator, pact, action):
    client.force_login(coordinator)
    url = f"/werkruimte/pacten/{pact.slug}/acties/{action.pk}/archiveren/"
    assert client.post(url, {"archive": "1", "expected_version": action.version}).status_code == 302
    action.refresh_from_db()
    assert action.archived_at is not None

    def agenda(query=""):
        return [a.title for a, _indicators in client.get(f"/werkruimte/pacten/{pact.slug}/{query}").context["rows"]]

    assert "Praktijkroute" not in agenda()
    assert "Praktijkroute" in agenda("?gearchiveerd=1")
    assert client.post(url, {"archive": "0", "expected_version": action.version}).status_code == 302
    action.refresh_from_db()
    assert action.archived_at is None and Action.objects.filter(pk=action.pk).exists()


def test_history_shows_who_changed_which_field_and_restores(client, coordinator, pact, action):
    client.force_login(coordinator)
    client.post(
        f"/werkruimte/pacten/{pact.slug}/acties/{action.pk}/",
        {"title": "Nieuwe titel", "status": "running", "expected_version": action.version},
    )
    response = client.get(f"/werkruimte/pacten/{pact.slug}/geschiedenis/actie/{action.pk}/")
    entries = response.context["entries"]
    assert entries[0]["record"].history_user == coordinator
    changed = [(c["old"], c["new"]) for c in entries[0]["changes"]]
    assert ("Praktijkroute", "Nieuwe titel") in changed
    assert "Nieuwe titel" in response.text and "Praktijkroute" in response.text
    oldest = entries[-1]["record"]
    action.refresh_from_db()
    response = client.post(
        f"/werkruimte/pacten/{pact.slug}/geschiedenis/actie/{action.pk}/",
        {"history_id": oldest.history_id, "expected_version": action.version},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.title == "Praktijkroute" and action.status == ActionStatus.PLANNED
    assert action.history.count() == 3  # created, edited, restored: nothing lost


def test_measurement_twice_on_one_date_is_refused_in_dutch(client, coordinator, pact, indicator):
    client.force_login(coordinator)
    url = f"/werkruimte/pacten/{pact.slug}/indicatoren/{indicator.pk}/metingen/nieuw/"
    assert client.post(url, {"measured_on": "2018-03-01", "value": "12"}).status_code == 302
    response = client.post(url, {"measured_on": "2018-03-01", "value": "13"}, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert Measurement.objects.filter(indicator=indicator).count() == 1


@pytest.mark.parametrize("value", ["abc", "\x00", "9" * 40])
def test_bad_measurement_values_are_a_form_error(client, coordinator, pact, indicator, value):
    client.force_login(coordinator)
    url = f"/werkruimte/pacten/{pact.slug}/indicatoren/{indicator.pk}/metingen/nieuw/"
    assert client.post(url, {"measured_on": "2018-03-01", "value": value}).status_code == 400
    assert not Measurement.objects.exists()


def test_workspace_home_lists_own_pacts_only(client, coordinator, pact, other_pact):
    client.force_login(coordinator)
    response = client.get("/werkruimte/")
    assert pact.name in response.text and other_pact.name not in response.text


def test_workspace_home_for_ministry_lists_all_pacts(client, ministry_staff, pact, other_pact):
    client.force_login(ministry_staff)
    response = client.get("/werkruimte/")
    assert pact.name in response.text and other_pact.name in response.text


def test_partner_picks_existing_organisation_or_creates_one(client, coordinator, pact):
    from tests.zorgpact.factories import OrganisationFactory
    from zorgpact.models import Organisation

    existing = OrganisationFactory(name="ROC Zeeland", pillar="education", education_level="mbo")
    client.force_login(coordinator)
    url = f"/werkruimte/pacten/{pact.slug}/partners/nieuw/"
    assert client.post(url, {"organisation_name": "roc zeeland", "role": "core"}).status_code == 302
    assert pact.participations.filter(organisation=existing).exists()
    # twice is refused
    assert client.post(url, {"organisation_name": "ROC Zeeland", "role": "core"}).status_code == 400
    # a new one needs its pillar
    assert client.post(url, {"organisation_name": "Gemeente Goes", "role": "member"}).status_code == 400
    assert not Organisation.objects.filter(name="Gemeente Goes").exists()
    response = client.post(
        url, {"organisation_name": "Zorgstroom", "role": "member", "pillar": "care", "care_sector": "home"}
    )
    assert response.status_code == 302
    assert pact.participations.filter(organisation__name="Zorgstroom", organisation__pillar="care").exists()


def test_school_level_on_a_care_organisation_is_refused_and_nothing_saved(client, coordinator, pact):
    from zorgpact.models import Organisation

    client.force_login(coordinator)
    url = f"/werkruimte/pacten/{pact.slug}/partners/nieuw/"
    response = client.post(
        url, {"organisation_name": "Vreemd", "role": "member", "pillar": "care", "education_level": "mbo"}
    )
    assert response.status_code == 400
    assert not Organisation.objects.filter(name="Vreemd").exists()


def test_ambition_and_goal_of_own_pact_only(client, coordinator, pact, other_pact):
    from pacts.models import Ambition, Goal
    from tests.pacts.factories import AmbitionFactory

    client.force_login(coordinator)
    assert (
        client.post(
            f"/werkruimte/pacten/{pact.slug}/ambities/nieuw/", {"title": "Meer instroom", "order": 1}
        ).status_code
        == 302
    )
    ambition = Ambition.objects.get(title="Meer instroom")
    assert ambition.pact == pact
    foreign = AmbitionFactory(pact=other_pact)
    response = client.post(
        f"/werkruimte/pacten/{pact.slug}/doelen/nieuw/", {"ambition": foreign.pk, "title": "X", "order": 0}
    )
    assert response.status_code == 400 and not Goal.objects.exists()
    response = client.post(
        f"/werkruimte/pacten/{pact.slug}/doelen/nieuw/",
        {"ambition": ambition.pk, "title": "Zij-instroom", "target_groups": ["care_workers"], "order": 0},
    )
    assert response.status_code == 302
    assert Goal.objects.get(title="Zij-instroom").target_groups == ["care_workers"]
    page = client.get(f"/werkruimte/pacten/{pact.slug}/")
    assert "Meer instroom" in page.text and "Zij-instroom" in page.text
    assert client.get(f"/werkruimte/pacten/{pact.slug}/ambities/{foreign.pk}/").status_code == 404


@pytest.mark.parametrize("kind", ["pact", "partner", "ambitie", "doel", "actie", "indicator", "meting"])
def test_every_agenda_object_has_a_history_page_scoped_to_its_pact(client, coordinator, other_coordinator, pact, kind):
    from tests.pacts.factories import AmbitionFactory, GoalFactory, MeasurementFactory

    goal = GoalFactory(ambition=AmbitionFactory(pact=pact))
    action = ActionFactory(pact=pact, goal=goal)
    indicator = IndicatorFactory(action=action)
    objects = {
        "pact": pact,
        "partner": ParticipationFactory(pact=pact),
        "ambitie": goal.ambition,
        "doel": goal,
        "actie": action,
        "indicator": indicator,
        "meting": MeasurementFactory(indicator=indicator),
    }
    url = f"/werkruimte/pacten/{pact.slug}/geschiedenis/{kind}/{objects[kind].pk}/"
    client.force_login(coordinator)
    response = client.get(url)
    assert response.status_code == 200 and response.context["entries"][0]["created"]
    client.force_login(other_coordinator)
    assert client.get(url).status_code == 404
    assert client.get(f"/werkruimte/pacten/{pact.slug}/geschiedenis/onbekend/1/").status_code == 404


def test_restore_a_goal_brings_back_its_fields(client, coordinator, pact):
    from tests.pacts.factories import AmbitionFactory, GoalFactory

    goal = GoalFactory(ambition=AmbitionFactory(pact=pact), title="Oud doel")
    client.force_login(coordinator)
    client.post(
        f"/werkruimte/pacten/{pact.slug}/doelen/{goal.pk}/",
        {"ambition": goal.ambition_id, "title": "Nieuw doel", "order": 0, "expected_version": 1},
    )
    goal.refresh_from_db()
    assert goal.title == "Nieuw doel"
    first = goal.history.order_by("history_id").first()
    client.post(
        f"/werkruimte/pacten/{pact.slug}/geschiedenis/doel/{goal.pk}/",
        {"history_id": first.history_id, "expected_version": goal.version},
    )
    goal.refresh_from_db()
    assert goal.title == "Oud doel"


@pytest.mark.parametrize(
    "kind, level",
    [
        ("acties", "action"),
        ("ambities", "ambition"),
        ("doelen", "goal"),
        ("indicatoren", "action indicator"),
        ("indicatoren", "goal indicator"),
    ],
)
def test_archive_and_restore_every_agenda_level_of_own_pact_only(client, coordinator, pact, other_pact, kind, level):
    from tests.pacts.factories import AmbitionFactory, GoalFactory

    def make(for_pact):
        goal = GoalFactory(ambition=AmbitionFactory(pact=for_pact))
        action = ActionFactory(pact=for_pact, goal=goal)
        if level == "goal indicator":  # an effect indicator measures the goal: it reaches the pact without an action
            return IndicatorFactory(action=None, goal=goal, kind="effect")
        return {
            "action": action,
            "ambition": goal.ambition,
            "goal": goal,
            "action indicator": IndicatorFactory(action=action),
        }[level]

    item, foreign = make(pact), make(other_pact)
    client.force_login(coordinator)
    url = f"/werkruimte/pacten/{pact.slug}/{kind}/{item.pk}/archiveren/"
    assert client.post(url, {"archive": "1", "expected_version": item.version}).status_code == 302
    item.refresh_from_db()
    assert item.archived_at is not None and item.history.count() == 2
    assert client.post(url, {"archive": "0", "expected_version": item.version}).status_code == 302
    item.refresh_from_db()
    assert item.archived_at is None
    assert (
        client.post(
            f"/werkruimte/pacten/{pact.slug}/{kind}/{foreign.pk}/archiveren/", {"archive": "1", "expected_version": 1}
        ).status_code
        == 404
    )
    foreign.refresh_from_db()
    assert foreign.archived_at is None
    assert (
        client.post(f"/werkruimte/pacten/{pact.slug}/onbekend/{item.pk}/archiveren/", {"archive": "1"}).status_code
        == 404
    )


def test_an_agenda_row_names_what_each_archive_button_archives(client, coordinator, pact, action, indicator):
    """An action row held two identical "archiveren" buttons (the action's and its indicator's)."""
    import re

    client.force_login(coordinator)
    body = client.get(f"/werkruimte/pacten/{pact.slug}/").text
    visible = [
        re.sub(r"<span.*", "", b).strip()
        for b in re.findall(
            r'<button class="utrecht-button utrecht-button--subtle" type="submit">(.*?)</button>', body, re.S
        )
    ]
    assert "actie archiveren" in visible and "indicator archiveren" in visible
    assert "archiveren" not in visible
