import pytest

from koplopers.models import KoploperPartner
from pacts.models import Participation
from tests.koplopers.factories import KoploperFactory, KoploperPartnerFactory
from tests.pacts.factories import ActionFactory, ParticipationFactory
from tests.zorgpact.factories import OrganisationFactory
from zorgpact.models import Organisation

pytestmark = pytest.mark.django_db


def test_merge_moves_every_reference_and_keeps_one_link(client, national_team, pact, other_pact):
    keep = OrganisationFactory(name="ROC Zeeland")
    duplicate = OrganisationFactory(name="R.O.C. Zeeland")
    ParticipationFactory(pact=pact, organisation=keep)
    ParticipationFactory(pact=pact, organisation=duplicate)  # both in the same pact: one stays
    ParticipationFactory(pact=other_pact, organisation=duplicate)
    action = ActionFactory(pact=pact, lead=duplicate)
    action.partners.add(duplicate)
    KoploperPartnerFactory(koploper=KoploperFactory(), organisation=duplicate)
    client.force_login(national_team)
    response = client.post(f"/werkruimte/organisaties/{duplicate.pk}/", {"merge-keep": "ROC Zeeland"})
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=duplicate.pk).exists()
    assert Participation.objects.filter(organisation=keep).count() == 2
    action.refresh_from_db()
    assert action.lead == keep and list(action.partners.all()) == [keep]
    assert KoploperPartner.objects.filter(organisation=keep).count() == 1
    moved = Participation.objects.get(pact=other_pact, organisation=keep)
    assert moved.history.first().history_user == national_team  # the move is in the history


def test_merge_into_unknown_name_is_refused(client, national_team):
    duplicate = OrganisationFactory(name="Dubbel")
    client.force_login(national_team)
    response = client.post(f"/werkruimte/organisaties/{duplicate.pk}/", {"merge-keep": "Bestaat niet"})
    assert response.status_code == 400
    assert Organisation.objects.filter(pk=duplicate.pk).exists()


@pytest.mark.parametrize("role", ["coordinator", "ministry_staff"])
def test_only_the_national_team_manages_organisations(client, request, role):
    organisation = OrganisationFactory()
    client.force_login(request.getfixturevalue(role))
    assert client.get("/werkruimte/organisaties/").status_code == 403
    assert (
        client.post(
            f"/werkruimte/organisaties/{organisation.pk}/", {"edit-name": "X", "edit-pillar": "care"}
        ).status_code
        == 403
    )
    organisation.refresh_from_db()
    assert organisation.name != "X"


def test_list_searches_and_edit_saves(client, national_team):
    organisation = OrganisationFactory(name="Zorggroep Noord")
    client.force_login(national_team)
    assert "Zorggroep Noord" in client.get("/werkruimte/organisaties/", {"q": "noord"}).text
    assert client.get("/werkruimte/organisaties/", {"q": "noord\x00"}).status_code == 400  # refused by middleware
    response = client.post(
        f"/werkruimte/organisaties/{organisation.pk}/",
        {"edit-name": "Zorggroep Noord-Oost", "edit-pillar": "care", "edit-expected_version": organisation.version},
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Zorggroep Noord-Oost"
