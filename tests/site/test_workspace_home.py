"""The workspace home as a to-do list (issue 20, "Workspace"): per role, what is to be done comes first, with its count,
and each item links to where it is done; another pact's to-dos never appear."""

import datetime

import pytest
from django.utils import timezone

from koplopers.constants import KoploperStatus
from pacts.constants import IndicatorKind, Rhythm, TargetGroup
from regels.constants import CaseStatus
from tests.koplopers.factories import KoploperFactory
from tests.pacts.factories import ActionFactory, AmbitionFactory, GoalFactory, IndicatorFactory, MeasurementFactory
from tests.regels.factories import CaseFactory
from tests.volgspot.factories import AgreementFactory, VolgspotSessionFactory
from tests.zorgpact.factories import UserFactory

pytestmark = pytest.mark.django_db

NOTHING = "Niets te doen op dit moment."


def home(client, user) -> str:
    client.force_login(user)
    response = client.get("/werkruimte/", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    return response.content.decode()


def overdue_indicator(pact, name):
    indicator = IndicatorFactory(action=ActionFactory(pact=pact), name=name, rhythm=Rhythm.QUARTERLY)
    MeasurementFactory(indicator=indicator, measured_on=timezone.localdate() - datetime.timedelta(days=200))
    return indicator


@pytest.fixture
def agendas(pact, other_pact):
    """Something to do in both pacts: a measurement due, a goal whose effect is not measured, an agreement due."""
    made = {}
    for key, p in (("own", pact), ("other", other_pact)):
        label = "Eigen" if key == "own" else "Andermans"
        indicator = overdue_indicator(p, f"{label} indicator")
        goal = GoalFactory(
            ambition=AmbitionFactory(pact=p), title=f"{label} doel", target_groups=[TargetGroup.CARE_USERS]
        )
        session = VolgspotSessionFactory(pact=p)
        agreement = AgreementFactory(
            session=session, text=f"{label} afspraak", due_on=timezone.localdate() - datetime.timedelta(days=3)
        )
        made[key] = {"indicator": indicator, "goal": goal, "agreement": agreement, "pact": p}
    return made


def test_a_coordinator_sees_the_to_dos_of_their_own_pact_linked_to_where_they_are_done(client, coordinator, agendas):
    page = home(client, coordinator)
    own = agendas["own"]
    todo = page[page.index('id="todo-title"') : page.index('id="pacts-title"')]
    assert "Metingen die eraan komen" in todo and "Eigen indicator" in todo
    assert f'href="/werkruimte/pacten/zorgpact-testregio/indicatoren/{own["indicator"].pk}/metingen/nieuw/"' in todo
    assert "Eigen doel" in todo and f'href="/werkruimte/pacten/zorgpact-testregio/#doel-{own["goal"].pk}"' in todo
    assert "effect niet gemeten: zorggebruikers" in todo
    assert "Eigen afspraak" in todo and f'href="/volgspot/bijeenkomsten/{own["agreement"].session_id}/"' in todo
    for word in ("Andermans indicator", "Andermans doel", "Andermans afspraak", "Zorgpact Andere Regio"):
        assert word not in page, word
    # The pact's card says how many measurements are due; the account links are a link list, not "·"-separated.
    assert "1 meting aan de beurt" in page
    assert "utrecht-link-list" in page and "Wachtwoord" in page and " · " not in page


def test_the_pact_workspace_anchor_of_an_unmeasured_goal_exists(client, coordinator, agendas):
    client.force_login(coordinator)
    page = client.get("/werkruimte/pacten/zorgpact-testregio/").content.decode()
    assert f'id="doel-{agendas["own"]["goal"].pk}"' in page


def test_goal_with_its_effect_measured_is_no_to_do(client, coordinator, agendas):
    own = agendas["own"]
    IndicatorFactory(action=None, goal=own["goal"], kind=IndicatorKind.EFFECT, target_group=TargetGroup.CARE_USERS)
    page = home(client, coordinator)
    assert "Eigen doel" not in page


def test_the_national_team_sees_applications_and_cases_to_triage(client, national_team, agendas):
    KoploperFactory(name="Nieuwe aanmelding", slug="nieuwe-aanmelding", status=KoploperStatus.APPLIED)
    KoploperFactory(name="Al koploper", slug="al-koploper")
    waiting = CaseFactory(title="Wacht op triage", status=CaseStatus.SUBMITTED)
    CaseFactory(title="Al getrieerd", status=CaseStatus.TRIAGED, assigned_ministry="VWS")
    page = home(client, national_team)
    todo = page[page.index('id="todo-title"') : page.index('id="pacts-title"')]
    applications = todo[todo.index('id="todo-aanmeldingen"') :]
    assert '<span class="utrecht-data-badge todo-count">1</span>' in applications[:200]
    assert 'href="/werkruimte/kopgroep/"' in applications
    triage = todo[todo.index('id="todo-triage"') :]
    assert '<span class="utrecht-data-badge todo-count">1</span>' in triage[:200]
    assert "Wacht op triage" in triage and f'href="/werkruimte/casussen/{waiting.pk}/"' in triage
    assert 'href="/werkruimte/casussen/?status=submitted"' in triage
    assert "Al getrieerd" not in page
    # Measurements and effects are the coordinators' to-dos; the team coordinates no pact.
    assert "Eigen indicator" not in todo and "Eigen doel" not in todo


def test_ministry_staff_see_the_cases_of_their_ministry_awaiting_an_answer(client, ministry_staff):
    ours = CaseFactory(title="Voor VWS", status=CaseStatus.TRIAGED, assigned_ministry="VWS")
    CaseFactory(title="Voor OCW", status=CaseStatus.TRIAGED, assigned_ministry="OCW")
    CaseFactory(title="Nog niet getrieerd", status=CaseStatus.SUBMITTED)
    CaseFactory(title="Al beantwoord", status=CaseStatus.ANSWERED, assigned_ministry="VWS")
    page = home(client, ministry_staff)
    todo = page[page.index('id="todo-title"') : page.index('id="pacts-title"')]
    assert "Casussen van uw ministerie die op een antwoord wachten" in todo
    assert "Voor VWS" in todo and f'href="/werkruimte/casussen/{ours.pk}/"' in todo
    assert 'href="/werkruimte/casussen/?status=triaged"' in todo
    for title in ("Voor OCW", "Nog niet getrieerd", "Al beantwoord"):
        assert title not in page, title
    assert "Kopgroep-aanmeldingen" not in todo


def test_a_koploper_coordinator_sees_their_koploper_and_nothing_to_do(client, koploper_coordinator, agendas):
    page = home(client, koploper_coordinator)
    assert NOTHING in page and 'href="/werkruimte/koplopers/de-testkamer/"' in page
    assert "Eigen indicator" not in page and "Andermans afspraak" not in page


def test_a_person_with_nothing_gets_a_working_page(client):
    page = home(client, UserFactory(email="niemand@test.nl", name="Niemand"))
    assert NOTHING in page and "U coördineert geen regionaal Zorgpact." in page
    assert 'href="/account/' in page


def test_the_to_do_counts_are_full_counts_when_the_list_is_cut(client, coordinator, pact):
    from zorgpact.site.workspace import TODO_ITEMS

    for n in range(TODO_ITEMS + 2):
        overdue_indicator(pact, f"Indicator {n:02d}")
    page = home(client, coordinator)
    measurements = page[page.index('id="todo-metingen"') :]
    assert f'<span class="utrecht-data-badge todo-count">{TODO_ITEMS + 2}</span>' in measurements[:200]
    assert f"De eerste {TODO_ITEMS} van {TODO_ITEMS + 2}." in measurements


def test_the_kinds_with_nothing_to_do_are_named(client, national_team):
    page = home(client, national_team)
    assert NOTHING in page
    assert (
        "Niets te doen bij: Afspraken die binnenkort aflopen, Kopgroep-aanmeldingen die op beoordeling wachten" in page
    )


def test_recent_changes_by_others_say_what_happened_and_link_to_the_history(client, coordinator, pact, other_pact):
    colleague = UserFactory()
    from pacts.models import Action

    action = ActionFactory(pact=pact, title="Gedeelde actie")
    Action.history.filter(id=action.pk).update(history_user=colleague)
    action.title = "Gedeelde actie, hernoemd"
    action._history_user = colleague
    action.save()
    ActionFactory(pact=other_pact, title="Actie elders")
    page = home(client, coordinator)
    changes = page[page.index('id="changes-title"') :]
    history = f"/werkruimte/pacten/{pact.slug}/geschiedenis/actie/{action.pk}/"
    assert f'gewijzigd <a class="nl-link" href="{history}">Gedeelde actie, hernoemd</a>' in changes
    assert f'aangemaakt <a class="nl-link" href="{history}">Gedeelde actie</a>' in changes
    assert "Actie elders" not in changes
    assert client.get(history).status_code == 200
