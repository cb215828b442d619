"""Hostile input, everywhere a visitor or a script can send it: never a server error, never a half-saved row.

Every list page and API list endpoint gets malformed query strings (NUL bytes, invalid UTF-8, silly page numbers,
unknown filter values, 10 000-character values, repeated parameters); every public form and a few workspace forms
get NUL bytes, invalid UTF-8 and a 10 MB body; the write API gets broken JSON bodies. A refused request answers
with a 4xx (a list may also ignore what it does not know and answer 200), and saves nothing.

The suite runs on SQLite by default, which stores a NUL byte happily; production runs on PostgreSQL, where psycopg2
refuses any string parameter with one ("A string literal cannot contain NUL (0x00) characters.", a ValueError, so
a 500). `_postgres_refuses_nul` applies that same rule on SQLite, so a NUL that reaches the database fails here too.
"""

import json
import traceback
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test import Client
from rest_framework.test import APIClient

from koplopers.filters import KoploperFilterSet
from koplopers.models import Koploper, KoploperPartner
from pacts.filters import PactFilterSet
from pacts.models import Action, Measurement, Pact
from regels.filters import CaseFilterSet
from regels.models import Case
from tests.koplopers.test_catalogue import make_koploper
from tests.pacts.factories import ActionFactory, IndicatorFactory, PactFactory
from tests.zorgpact.factories import ThemeFactory
from zorgpact.models import Organisation
from zorgpact.site.api_urls import router
from zorgpact.tokens import create_token

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
LONG = "x" * 10_000
TEN_MB = 10 * 1024 * 1024


# --- Helpers ----------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _postgres_refuses_nul(db):
    """On SQLite, refuse a NUL in a query parameter as psycopg2 does on PostgreSQL (production)."""
    if connection.vendor == "postgresql":
        yield
        return

    def has_nul(value) -> bool:
        if isinstance(value, str):
            return "\x00" in value
        if isinstance(value, (list, tuple)):
            return any(has_nul(v) for v in value)
        return False

    def refuse_nul(execute, sql, params, many, context):
        if has_nul(params):
            raise ValueError("A string literal cannot contain NUL (0x00) characters.")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse_nul):
        yield


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hundreds of users and sign-ins: the production hasher's deliberate slowness is not what is tested here."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def explain(response) -> str:
    """For a failing assertion: the status and, for an unhandled exception, what was raised and where."""
    exc_info = getattr(response, "exc_info", None)
    if exc_info and exc_info[1] is not None:
        frames = [f for f in traceback.extract_tb(exc_info[2]) if not f.filename.startswith(str(ROOT / "tests"))]
        ours = [f for f in frames if f.filename.startswith(str(ROOT)) and "/.venv/" not in f.filename]
        # The project's own line if there is one, else the last library frame (not the standard library's).
        where = (ours or [f for f in frames if "site-packages/" in f.filename] or frames)[-1]
        raised = frames[-1]

        def short(frame):
            return f"{frame.filename.split('site-packages/')[-1].removeprefix(str(ROOT) + '/')}:{frame.lineno}"

        message = f"{exc_info[0].__name__}: {str(exc_info[1])[:120]}"
        return f"{response.status_code}: {message} at {short(where)} (raised in {short(raised)})"
    return f"{response.status_code}: {response.content[:200]!r}"


def page_client(user=None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def api_client(user=None, *, token=False) -> APIClient:
    client = APIClient()
    client.raise_request_exception = False
    if user is not None and token:
        _token, key = create_token(user=user, name="hostile")
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    elif user is not None:
        client.force_login(user)
    return client


def assert_no_server_error(response):
    assert response.status_code < 500, explain(response)
    assert b"Traceback (most recent call last)" not in response.content, explain(response)


def assert_json_4xx(response):
    assert 400 <= response.status_code < 500, explain(response)
    assert response["Content-Type"].startswith("application/json"), (response["Content-Type"], response.content[:200])
    json.loads(response.content)


@pytest.fixture
def content(db):
    """A little of everything, so lists render rows and facets rather than their empty state."""
    theme = ThemeFactory(slug="zorg-en-technologie", name="Zorg en technologie")
    pact = PactFactory(name="Zorgpact Zeeland", slug="zorgpact-zeeland")
    make_koploper("Huiskamer", themes=[theme], provinces=["ZE"], pact=pact)
    IndicatorFactory(action=ActionFactory(pact=pact, is_public=True))
    return pact


# --- 1. Query strings on every list ----------------------------------------------------------------


def hostile_queries(filters) -> dict[str, list[tuple[str, str]]]:
    """{attack: [(id, query string)]}: the same attacks for every list, plus each of its own filter parameters."""
    own = [f for f in filters if f != "q"]
    return {
        "nul-byte": [("q", "q=%00"), ("page", "page=%00")] + [(f, f"{f}=%00") for f in own],
        "invalid-utf8": [("q", "q=%FF%FE"), ("q-overlong", "q=%C0%AF%ED%A0%80")]
        + ([("every-filter", "&".join(f"{f}=%FF%FE" for f in own))] if own else []),
        "bad-page": [
            ("-1", "page=-1"),
            ("0", "page=0"),
            ("huge", "page=99999999999999999999999"),
            ("abc", "page=abc"),
            ("1.5", "page=1.5"),
            ("page_size-0", "page_size=0"),
            ("page_size-minus-1", "page_size=-1"),
            ("page_size-huge", "page_size=99999999999999999999999"),
        ],
        "unknown-filter-value": [
            ("theme", "theme=does-not-exist"),
            ("province", "province=xx"),
            ("ordering", "ordering=-password"),
            ("format", "format=xml"),
        ]
        + [(f, f"{f}=does-not-exist") for f in own],
        "long-value": [("q", "q=" + LONG)] + ([("every-filter", "&".join(f"{f}={LONG}" for f in own))] if own else []),
        "repeated-params": [
            ("mixed", "q=a&q=b&page=1&page=2&theme=x&theme=does-not-exist&province=ZE&province=xx"),
            ("every-filter-twice", "&".join(f"{f}=a&{f}=b" for f in ["q", *own])),
            ("1500-params", "&".join(["q=a"] * 1500)),
            ("unknown-param", "bestaat-niet=1"),
        ],
    }


ATTACKS = list(hostile_queries(["q"]))
VOLGSPOT_FILTERS = ["province", "theme", "van", "tot"]

# (path, filter parameters, role that may see it; None = anonymous)
PAGES = [
    ("/", [], None),
    ("/regionale-zorgpacten/", list(PactFilterSet.base_filters), None),
    ("/regionale-zorgpacten/export.csv", list(PactFilterSet.base_filters), None),
    ("/koplopers/", list(KoploperFilterSet.base_filters), None),
    ("/koplopers/export.csv", list(KoploperFilterSet.base_filters), None),
    ("/ruimte-in-de-regels/", list(CaseFilterSet.base_filters), None),
    ("/regelingen/", [], None),
    ("/zoeken/", ["q"], None),
    ("/themas/", [], None),
    ("/volgspot/", VOLGSPOT_FILTERS, "national_team"),
    ("/volgspot/csv/themes/", VOLGSPOT_FILTERS, "national_team"),
    ("/werkruimte/organisaties/", ["q"], "national_team"),
    ("/werkruimte/casussen/", ["status"], "national_team"),
    ("/werkruimte/casussen/gegevens/", ["email"], "national_team"),
    ("/werkruimte/kopgroep/", [], "national_team"),
]


def _api_filters(viewset) -> list[str]:
    from rest_framework.filters import OrderingFilter

    names = []
    if getattr(viewset, "filterset_class", None) is not None:
        names += list(viewset.filterset_class.base_filters)
    names += list(getattr(viewset, "filterset_fields", None) or [])
    if OrderingFilter in viewset.filter_backends:
        names.append("ordering")
    return names


# Every list endpoint the router knows, and the dashboard; the Volgspot ones need a signed-in reader.
API_LISTS = [
    (f"/api/v1/{prefix}/", _api_filters(viewset), "national_team" if prefix.startswith("volgspot") else None)
    for prefix, viewset, _basename in router.registry
] + [("/api/v1/volgspot/dashboard/", VOLGSPOT_FILTERS, "national_team")]


def _cases(endpoints):
    for path, filters, role in endpoints:
        for attack in ATTACKS:
            yield pytest.param(path, filters, role, attack, id=f"{path}-{attack}")


def _send_all(request, path, filters, role, attack, client_for):
    """Every query of this attack in turn; the failures of all of them at once, each with its cause."""
    user = request.getfixturevalue(role) if role else None
    client = client_for(user)
    for query_id, query in hostile_queries(filters)[attack]:
        yield query_id, client.get(f"{path}?{query}")


@pytest.mark.parametrize("path, filters, role, attack", list(_cases(PAGES)))
def test_list_pages_survive_hostile_query_strings(request, content, path, filters, role, attack):
    failures = []
    for query_id, response in _send_all(request, path, filters, role, attack, page_client):
        if response.status_code >= 500 or b"Traceback (most recent call last)" in response.content:
            failures.append(f"{attack}/{query_id}: {explain(response)}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("path, filters, role, attack", list(_cases(API_LISTS)))
def test_api_lists_survive_hostile_query_strings(request, content, path, filters, role, attack):
    failures = []
    for query_id, response in _send_all(request, path, filters, role, attack, api_client):
        if response.status_code >= 500:
            failures.append(f"{attack}/{query_id}: {explain(response)}")
        elif response.status_code >= 400:
            try:
                assert response["Content-Type"].startswith("application/json")
                json.loads(response.content)
            except (AssertionError, ValueError):
                failures.append(f"{attack}/{query_id}: {response.status_code} not JSON: {response.content[:100]!r}")
    assert not failures, "\n".join(failures)


# --- 2. Form posts ----------------------------------------------------------------------------------


def kopgroep_application():
    from tests.koplopers.test_application import application

    return application(
        started_year="2017",
        website="https://voorbeeld.test",
        themes="",
        provinces="",  # filled in by form_target: ids exist only in the database
    )


def case_report():
    return {
        "question": "Mag een docent in de wijk lesgeven?",
        "context": "Wij werken samen.",
        "organisation": "ROC",
        "name": "Anna",
        "email": "anna@voorbeeld.test",
        "consent": "on",
        "homepage": "",
    }


def pact_profile(pact):
    return {
        "region": "Testregio",
        "status": "active",
        "collaboration": "light",
        "ambition_text": "Meer handen.",
        "funding_text": "Regionaal.",
        "started_on": "2017-03-01",
        "provinces": "",
        "expected_version": str(pact.version),
    }


def new_action():
    return {
        "title": "Nieuwe actie",
        "description": "Wat we doen.",
        "status": "running",
        "starts_on": "2018-01-01",
        "is_public": "on",
        "order": "1",
    }


def counts():
    """Everything a form or the API might create."""
    return {
        model.__name__: model.objects.count()
        for model in (Koploper, KoploperPartner, Organisation, Case, Pact, Action, Measurement)
    }


def pact_state(pact):
    pact = Pact.objects.get(pk=pact.pk)
    return (pact.version, pact.region, pact.ambition_text, pact.funding_text, pact.status, pact.collaboration)


@pytest.fixture
def form_target(request, pact, coordinator):
    """(form, url, valid data, user, a snapshot of what a refused request must leave as it is)."""
    from zorgpact.models import Province

    pact.provinces.clear()
    province = str(Province.objects.get(code="ZE").pk)
    kind = request.param
    if kind == "kopgroep":
        theme = ThemeFactory(slug="zorg-en-technologie")
        data = {**kopgroep_application(), "themes": str(theme.pk), "provinces": province}
        return kind, "/koplopers/aanmelden/", data, None, counts
    if kind == "case-report":
        return kind, "/ruimte-in-de-regels/melden/", case_report(), None, counts
    if kind == "login":
        from django.contrib.sessions.models import Session

        coordinator.set_password("geheim-wachtwoord-123")
        coordinator.save()
        data = {"username": coordinator.email, "password": "geheim-wachtwoord-123"}
        user_model = type(coordinator)
        return (
            kind,
            "/account/login/",
            data,
            None,
            lambda: (Session.objects.count(), user_model.objects.get(pk=coordinator.pk).last_login),
        )
    if kind == "pact-profile":
        data = {**pact_profile(pact), "provinces": province}
        return kind, f"/werkruimte/pacten/{pact.slug}/profiel/", data, coordinator, lambda: (counts(), pact_state(pact))
    if kind == "add-action":
        return kind, f"/werkruimte/pacten/{pact.slug}/acties/nieuw/", new_action(), coordinator, counts
    raise AssertionError(kind)


FORMS = ["kopgroep", "case-report", "login", "pact-profile", "add-action"]
# The fields of each form, every one of which gets its NUL byte in turn. Not the checkboxes: any value there is
# simply "checked", nothing of it is stored.
CHECKBOXES = {"consent", "is_public", "builds_on_existing"}
FORM_FIELDS = {
    "kopgroep": [f for f in kopgroep_application() if f not in CHECKBOXES],
    "case-report": [f for f in case_report() if f not in CHECKBOXES],
    "login": ["username", "password"],
    "pact-profile": [
        "region",
        "status",
        "collaboration",
        "ambition_text",
        "funding_text",
        "started_on",
        "provinces",
        "expected_version",
        "phase",
        "lead",
        "themes",
    ],
    "add-action": [f for f in new_action() if f not in CHECKBOXES] + ["goal", "lead", "partners", "themes", "ends_on"],
}
# The first text field of each form, for invalid UTF-8.
TEXT_FIELD = {
    "kopgroep": "name",
    "case-report": "question",
    "login": "username",
    "pact-profile": "region",
    "add-action": "title",
}
# A text field each form stores without a length limit (or a long one), for the 10 MB body.
BIG_FIELD = {
    "kopgroep": "description",
    "case-report": "context",
    "login": "password",
    "pact-profile": "ambition_text",
    "add-action": "description",
}


@pytest.mark.parametrize("form_target", FORMS, indirect=True)
def test_valid_form_is_accepted_so_the_refusals_below_mean_something(form_target):
    _form, url, data, user, snapshot = form_target
    before = snapshot()
    response = page_client(user).post(url, data)
    assert response.status_code in (200, 302), explain(response)
    assert snapshot() != before, "the valid baseline saved nothing: the hostile cases would prove nothing"


def _nul_cases():
    for form in FORMS:
        for field in FORM_FIELDS[form]:
            yield pytest.param(form, field, id=f"{form}-{field}")


@pytest.mark.parametrize("form_target, field", list(_nul_cases()), indirect=["form_target"])
def test_nul_byte_in_a_form_field_saves_nothing(form_target, field):
    _form, url, data, user, snapshot = form_target
    before = snapshot()
    response = page_client(user).post(url, {**data, field: f"{data.get(field) or 'a'}\x00nul"})
    assert_no_server_error(response)
    assert snapshot() == before, f"saved with a NUL in {field!r} (status {response.status_code})"


def _raw(data: dict, field: str, value: bytes) -> bytes:
    body = urlencode({k: v for k, v in data.items() if k != field}).encode()
    return body + b"&" + field.encode() + b"=" + value


@pytest.mark.parametrize("form_target", FORMS, indirect=True)
@pytest.mark.parametrize(
    "value", [b"%FF%FE%ED%A0%80", b"\xff\xfe\xed\xa0\x80", b"caf\xe9"], ids=["escaped", "raw", "latin-1"]
)
def test_invalid_utf8_form_body_is_no_server_error(form_target, value):
    form, url, data, user, snapshot = form_target
    field = TEXT_FIELD[form]
    before = snapshot()
    response = page_client(user).generic(
        "POST", url, data=_raw(data, field, value), content_type="application/x-www-form-urlencoded"
    )
    assert_no_server_error(response)
    if response.status_code >= 400:
        assert snapshot() == before, f"refused with {response.status_code} yet saved"


@pytest.mark.parametrize("form_target", FORMS, indirect=True)
@pytest.mark.parametrize("encoding", ["urlencoded", "multipart"])
def test_ten_megabyte_form_body_is_refused_and_saves_nothing(form_target, encoding):
    form, url, data, user, snapshot = form_target
    big = {**data, BIG_FIELD[form]: "x" * TEN_MB}
    before = snapshot()
    client = page_client(user)
    if encoding == "urlencoded":
        body = urlencode(big).encode()
        response = client.generic("POST", url, data=body, content_type="application/x-www-form-urlencoded")
    else:
        response = client.post(url, big)
    assert_no_server_error(response)
    assert 400 <= response.status_code < 500, explain(response)
    assert snapshot() == before


# --- 3. API writes ----------------------------------------------------------------------------------


@pytest.fixture
def api_target(request, pact, coordinator):
    """(method, url, a valid JSON object, token client, snapshot)."""
    client = api_client(coordinator, token=True)
    action = ActionFactory(pact=pact, title="Praktijkroute", description="Oud.")
    if request.param == "create-action":
        body = {"pact": pact.slug, "title": "Nieuw", "description": "Wat.", "status": "running", "themes": []}
        return "post", "/api/v1/actions/", body, client, counts, "description"
    if request.param == "create-measurement":
        indicator = IndicatorFactory(action=action)
        body = {"indicator": indicator.pk, "measured_on": "2018-05-01", "value": "12.5", "note": "Telling."}
        return "post", "/api/v1/measurements/", body, client, counts, "note"
    if request.param == "patch-action":
        body = {"title": "Nieuw", "description": "Nieuw.", "version": 1}

        def snapshot():
            row = Action.objects.get(pk=action.pk)
            return counts(), row.title, row.description, row.version

        return "patch", f"/api/v1/actions/{action.pk}/", body, client, snapshot, "description"
    raise AssertionError(request.param)


API_TARGETS = ["create-action", "create-measurement", "patch-action"]


def send(client, method, url, raw: bytes | str, content_type="application/json"):
    return client.generic(method.upper(), url, raw, content_type=content_type)


@pytest.mark.parametrize("api_target", API_TARGETS, indirect=True)
def test_valid_api_write_is_accepted_so_the_refusals_below_mean_something(api_target):
    method, url, body, client, snapshot, _big = api_target
    before = snapshot()
    response = send(client, method, url, json.dumps(body))
    assert response.status_code in (200, 201), explain(response)
    assert snapshot() != before


def _api_nul_cases():
    fields = {
        "create-action": ["pact", "title", "description", "status", "themes"],
        "create-measurement": ["indicator", "measured_on", "value", "note"],
        "patch-action": ["title", "description", "version"],
    }
    for target, names in fields.items():
        for name in names:
            yield pytest.param(target, name, id=f"{target}-{name}")


@pytest.mark.parametrize("api_target, field", list(_api_nul_cases()), indirect=["api_target"])
def test_nul_in_an_api_field_is_json_4xx_and_saves_nothing(api_target, field):
    method, url, body, client, snapshot, _big = api_target
    value = ["zorg\x00"] if field == "themes" else f"{body[field]}\x00"
    before = snapshot()
    response = send(client, method, url, json.dumps({**body, field: value}))
    assert_json_4xx(response)
    assert snapshot() == before


def _bodies(body: dict, big_field: str) -> list[tuple[str, bytes]]:
    text = json.dumps(body)
    return [
        ("invalid-json", text[:-1].encode()),
        ("empty", b""),
        (
            "invalid-utf8",
            text.replace('"title": "Nieuw"', '"title": "Ni\xff\xfeuw"')
            .replace('"value": "12.5"', '"value": "1\xff2"')
            .encode("latin-1"),
        ),
        ("raw-nul-byte", text.replace("Nieuw", "Ni\x00euw").replace("12.5", "1\x002.5").encode()),
        ("lone-surrogate", json.dumps({**body, big_field: "\ud800"}).encode()),
        ("json-array", json.dumps([body]).encode()),
        ("json-string", b'"Nieuw"'),
        ("json-null", b"null"),
        ("deeply-nested", b'{"title": ' + b"[" * 5_000 + b"]" * 5_000 + b"}"),
        ("ten-megabytes", json.dumps({**body, big_field: "x" * TEN_MB}).encode()),
    ]


BODY_IDS = [name for name, _raw in _bodies({"title": "Nieuw"}, "title")]


@pytest.mark.parametrize("api_target", API_TARGETS, indirect=True)
@pytest.mark.parametrize("kind", BODY_IDS)
def test_hostile_api_body_is_json_4xx_and_saves_nothing(api_target, kind):
    method, url, body, client, snapshot, big_field = api_target
    raw = dict(_bodies(body, big_field))[kind]
    before = snapshot()
    response = send(client, method, url, raw)
    assert_json_4xx(response)
    assert snapshot() == before


@pytest.mark.parametrize("api_target", API_TARGETS, indirect=True)
def test_form_encoded_body_with_invalid_utf8_on_the_api_is_json_4xx(api_target):
    method, url, body, client, snapshot, _big = api_target
    before = snapshot()
    raw = b"title=Ni%FF%FEuw&" + urlencode({k: v for k, v in body.items() if k != "title"}).encode()
    response = send(client, method, url, raw, content_type="application/x-www-form-urlencoded")
    assert response.status_code < 500, explain(response)
    if response.status_code >= 400:
        assert_json_4xx(response)
        assert snapshot() == before


def test_nul_in_an_address_is_a_dutch_400_page_or_a_json_400(client):
    page = client.get("/koplopers/", {"pact": "a\x00b"})
    assert page.status_code == 400
    assert "niet is toegestaan" in page.content.decode()
    assert page["Content-Security-Policy"]  # the refusal keeps the security headers
    api = client.get("/api/v1/koplopers/", {"q": "\x00"})
    assert api.status_code == 400
    assert "NUL" in api.json()["detail"]


def test_oversized_form_body_is_a_dutch_400_page(client):
    response = client.post("/koplopers/aanmelden/", {"name": "x" * TEN_MB})
    assert response.status_code == 400
    assert "kan niet worden verwerkt" in response.content.decode()
