"""Every form, filter and API parameter that takes a record id survives an id no database can hold.

`99999999999999999999` is beyond 64 bits. On SQLite (the embedded default) a list of ids containing it raised
OverflowError inside the multiple-choice field (a 500 on the Kopgroep application and on every other form with
checkboxes of themes, provinces or partners); see zorgpact/core/lookups.py. Each form below gets it in each of its id
fields, each filter and API list in each of its parameters: a 4xx or the form back with its error, never a 500,
and nothing saved. A guard test keeps the table complete: a new form with an id field must be added here.
"""

import datetime
import importlib
import inspect
import pkgutil

import django_filters
import pytest
from django import forms
from django.test import Client
from rest_framework.test import APIClient

from koplopers.models import Koploper
from pacts.models import Action, Ambition, Goal, Pact
from regels.models import Case
from tests.koplopers.test_application import application
from tests.pacts.factories import AmbitionFactory, ParticipationFactory
from tests.regels.factories import CaseFactory, SchemeFactory
from tests.zorgpact.factories import OrganisationFactory, ThemeFactory
from tests.zorgpact.test_hostile_input import API_LISTS, PAGES, explain
from volgspot.models import Agreement, VolgspotSession
from zorgpact.models import Organisation, Phase, Province, User

pytestmark = pytest.mark.django_db

BIG = "99999999999999999999"


@pytest.fixture
def world(pact, coordinator, national_team):
    theme = ThemeFactory(slug="zorg-en-technologie")
    partner = ParticipationFactory(pact=pact).organisation
    ambition = AmbitionFactory(pact=pact)
    session = VolgspotSession.objects.create(pact=pact, round=1, held_on=datetime.date(2018, 1, 1), status="held")
    case = CaseFactory(status="submitted")
    return {
        "pact": pact,
        "theme": theme,
        "partner": partner,
        "ambition": ambition,
        "session": session,
        "case": case,
        "organisation": OrganisationFactory(),
        "province": Province.objects.get(code="ZE"),
        "phase": Phase.objects.get(order=1),
        "scheme": SchemeFactory(),
    }


def counts():
    return tuple(
        m.objects.count()
        for m in (Koploper, Pact, Action, Ambition, Goal, VolgspotSession, Agreement, Case, Organisation, User)
    )


def pact_state(w):
    pact = Pact.objects.get(pk=w["pact"].pk)
    return pact.version, sorted(pact.provinces.values_list("pk", flat=True)), pact.phase_id, pact.lead_id


# form (module.Class) -> (url, role, valid data without the id fields, {field name in the POST: a valid id})
FORMS = {
    "koplopers.forms.ApplicationForm": (
        "/koplopers/aanmelden/",
        None,
        lambda w: application(),
        lambda w: {"themes": w["theme"].pk, "provinces": w["province"].pk},
    ),
    "pacts.forms.PactProfileForm": (
        "/werkruimte/pacten/{pact}/profiel/",
        "coordinator",
        lambda w: {"region": "Regio", "status": "active", "expected_version": w["pact"].version},
        lambda w: {
            "provinces": w["province"].pk,
            "phase": w["phase"].pk,
            "lead": w["partner"].pk,
            "themes": w["theme"].pk,
        },
    ),
    "pacts.forms.ActionForm": (
        "/werkruimte/pacten/{pact}/acties/nieuw/",
        "coordinator",
        lambda w: {"title": "Nieuw", "status": "running"},
        lambda w: {"goal": "", "lead": w["partner"].pk, "partners": w["partner"].pk, "themes": w["theme"].pk},
    ),
    "pacts.forms.GoalForm": (
        "/werkruimte/pacten/{pact}/doelen/nieuw/",
        "coordinator",
        lambda w: {"title": "Doel"},
        lambda w: {"ambition": w["ambition"].pk},
    ),
    "volgspot.forms.SessionForm": (
        "/volgspot/pacten/{pact}/bijeenkomsten/nieuw/",
        "coordinator",
        lambda w: {"round": 2, "held_on": "2018-06-01", "status": "held"},
        lambda w: {"participants": w["partner"].pk, "phase": w["phase"].pk},
    ),
    "volgspot.forms.AgreementForm": (
        "/volgspot/bijeenkomsten/{session}/afspraken/nieuw/",
        "coordinator",
        lambda w: {"text": "Afspraak", "status": "open"},
        lambda w: {"owner_organisation": w["partner"].pk},
    ),
    "zorgpact.site.invitations.InvitationForm": (
        "/werkruimte/uitnodigen/",
        "national_team",
        lambda w: {"email": "nieuw@test.nl", "name": "Nieuw"},
        lambda w: {"pacts": w["pact"].pk, "koplopers": ""},
    ),
    "zorgpact.site.organisations.OrganisationForm": (
        "/werkruimte/organisaties/{organisation}/",
        "national_team",
        lambda w: {"edit-name": "Andere naam", "edit-pillar": "care", "edit-expected_version": 1},
        lambda w: {"edit-province": w["province"].pk},
    ),
    "zorgpact.site.organisations.MergeForm": (  # by name, not by id: the big number is just a name nobody has
        "/werkruimte/organisaties/{organisation}/",
        "national_team",
        lambda w: {},
        lambda w: {"merge-keep": w["partner"].name},
    ),
    "regels.forms.SchemeForm": (
        "/werkruimte/regelingen/{scheme}/",
        "national_team",
        lambda w: {"name": "Andere regeling", "kind": "subsidy", "expected_version": 1},
        lambda w: {"themes": w["theme"].pk},
    ),
    "regels.forms.TriageForm": (
        "/werkruimte/casussen/{case}/",
        "national_team",
        lambda w: {"step": "triage", "topic": "internship", "ministry": "OCW"},
        lambda w: {"duplicate_of": ""},
    ),
}


def project_forms_with_id_fields() -> set[str]:
    found = set()
    for app in ("zorgpact", "pacts", "koplopers", "volgspot", "regels"):
        package = importlib.import_module(app)
        for module_info in pkgutil.walk_packages(package.__path__, prefix=f"{app}."):  # zorgpact.site too
            if set(module_info.name.split(".")) & {"migrations", "management", "settings", "celery", "wsgi", "asgi"}:
                continue
            module = importlib.import_module(module_info.name)
            for name, cls in inspect.getmembers(module, inspect.isclass):
                if (
                    issubclass(cls, forms.BaseForm)
                    and cls.__module__ == module.__name__
                    and any(isinstance(f, forms.ModelChoiceField) for f in cls.base_fields.values())
                ):
                    found.add(f"{cls.__module__}.{name}")
    return found


def test_every_form_with_an_id_field_is_in_the_table():
    assert project_forms_with_id_fields() == set(FORMS)


def refused(response) -> bool:
    """A 4xx, or the form back with an error on it."""
    if 400 <= response.status_code < 500:
        return True
    context_forms = [
        v for ctx in (response.context or []) for v in ctx.flatten().values() if isinstance(v, forms.BaseForm)
    ]
    return response.status_code == 200 and any(f.errors for f in context_forms)


@pytest.mark.parametrize("form", list(FORMS))
def test_an_impossible_id_in_each_id_field_is_refused_and_saves_nothing(request, world, form):
    url, role, data, ids = FORMS[form]
    client = Client(raise_request_exception=False)
    if role:
        client.force_login(request.getfixturevalue(role))
    address = url.format(
        pact=world["pact"].slug,
        session=world["session"].pk,
        case=world["case"].pk,
        organisation=world["organisation"].pk,
        scheme=world["scheme"].slug,
    )
    valid_ids = ids(world)
    failures = []
    for field in valid_ids:
        for value in (BIG, [valid_ids[field], BIG] if valid_ids[field] != "" else [BIG], "-" + BIG):
            before = counts(), pact_state(world)
            response = client.post(address, {**data(world), **valid_ids, field: value})
            if response.status_code >= 500:
                failures.append(f"{field}={value}: {explain(response)}")
            elif not refused(response):
                failures.append(f"{field}={value}: accepted ({response.status_code})")
            elif (counts(), pact_state(world)) != before:
                failures.append(f"{field}={value}: refused but saved")
    assert not failures, "\n".join(failures)


def project_filtersets():
    found = {}
    for app in ("zorgpact", "pacts", "koplopers", "volgspot", "regels"):
        try:
            module = importlib.import_module(f"{app}.filters")
        except ModuleNotFoundError:
            continue
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, django_filters.FilterSet) and cls.__module__ == module.__name__:
                found[name] = cls
    return found


@pytest.mark.parametrize("filterset", list(project_filtersets()))
def test_every_filterset_parameter_takes_an_impossible_id(world, filterset):
    cls = project_filtersets()[filterset]
    for name in cls.base_filters:
        for value in (BIG, "-" + BIG):
            qs = cls({name: value}, queryset=cls._meta.model.objects.all()).qs
            list(qs)  # evaluating it must not raise


@pytest.mark.parametrize("path, filters, role", [pytest.param(*p, id=p[0]) for p in PAGES + API_LISTS])
def test_every_list_page_and_api_list_takes_an_impossible_id_in_each_parameter(request, world, path, filters, role):
    client = APIClient() if path.startswith("/api/") else Client()
    client.raise_request_exception = False
    if role:
        client.force_login(request.getfixturevalue(role))
    failures = []
    for name in [*filters, "page", "page_size", "id", "pk"]:
        for query in (f"{name}={BIG}", f"{name}=1&{name}={BIG}", f"{name}=-{BIG}"):
            response = client.get(f"{path}?{query}")
            if response.status_code >= 500:
                failures.append(f"{query}: {explain(response)}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    "address, role",
    [
        ("/werkruimte/pacten/{pact}/acties/{big}/", "coordinator"),
        ("/werkruimte/pacten/{pact}/geschiedenis/actie/{big}/", "coordinator"),
        ("/werkruimte/pacten/{pact}/indicatoren/{big}/metingen/nieuw/", "coordinator"),
        ("/volgspot/bijeenkomsten/{big}/", "coordinator"),
        ("/volgspot/rapporten/{big}/", "coordinator"),
        ("/werkruimte/casussen/{big}/", "national_team"),
        ("/werkruimte/organisaties/{big}/", "national_team"),
        ("/werkruimte/kopgroep/{big}/", "national_team"),
        ("/api/v1/actions/{big}/", None),
        ("/api/v1/measurements/{big}/", None),
    ],
)
def test_an_impossible_id_in_an_address_is_a_404(request, world, address, role):
    client = Client(raise_request_exception=False)
    if role:
        client.force_login(request.getfixturevalue(role))
    response = client.get(address.format(pact=world["pact"].slug, big=BIG))
    assert response.status_code == 404, explain(response)
