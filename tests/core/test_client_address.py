"""One client-address resolver (zorgpact.core.ratelimit.client_ip, settings.TRUSTED_PROXIES) behind the API throttles,
the form rate limits, django-axes and the audit log: a spoofed X-Forwarded-For changes nothing, and behind a
trusted proxy the real client is the one counted, locked out and logged."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from rest_framework.test import APIClient

from zorgpact.constants import AuditEventType as E
from zorgpact.core.ratelimit import client_ip, limit_reached
from zorgpact.models import AuditEvent

pytestmark = pytest.mark.django_db
PASSWORD = "geheim-wachtwoord-123"
PROXY = "10.0.0.2"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def low_api_limit(monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "rate", "3/minute", raising=False)


def test_spoofed_forwarded_for_does_not_dodge_the_api_throttle(low_api_limit, pact):
    api = APIClient()
    statuses = [
        api.get("/api/v1/pacts/", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}", REMOTE_ADDR="203.0.113.9").status_code
        for n in range(5)
    ]
    assert statuses == [200, 200, 200, 429, 429]


def test_spoofed_forwarded_for_does_not_dodge_the_form_limit():
    factory = RequestFactory()
    reached = [
        limit_reached(
            factory.post("/", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}", REMOTE_ADDR="203.0.113.9"), "test", limit=3
        )
        for n in range(5)
    ]
    assert reached == [False, False, False, True, True]


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        ([], "203.0.113.9", "198.51.100.1", "203.0.113.9"),  # no proxy configured: the header is the client's word
        ([PROXY], "203.0.113.9", "198.51.100.1", "203.0.113.9"),  # not from our proxy: ignored
        ([PROXY], PROXY, "203.0.113.7", "203.0.113.7"),  # from our proxy: the address it got the request from
        ([PROXY], PROXY, "198.51.100.1, 203.0.113.7", "203.0.113.7"),  # the client's own prefix is ignored
        (["10.0.0.0/8"], PROXY, "203.0.113.7, 10.1.1.1", "203.0.113.7"),  # two proxies of ours in a row
        ([PROXY], PROXY, "", PROXY),  # our proxy sent no header: all we know is the proxy
        ([PROXY], PROXY, "not-an-address", PROXY),
        (["2001:db8::1", "2001:db8::2"], "2001:db8::1", "2001:0db8:0:0:0:0:0:7, 2001:db8::2", "2001:db8::7"),
    ],
)
def test_client_address(settings, proxies, remote, forwarded, expected):
    settings.TRUSTED_PROXIES = proxies
    meta = {"REMOTE_ADDR": remote, **({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {})}
    assert client_ip(RequestFactory().get("/", **meta)) == expected


def test_behind_a_trusted_proxy_each_client_has_its_own_api_budget(settings, low_api_limit, pact):
    settings.TRUSTED_PROXIES = [PROXY]
    api = APIClient()

    def get(client_address):
        return api.get("/api/v1/pacts/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=client_address).status_code

    assert [get("203.0.113.7") for _ in range(4)] == [200, 200, 200, 429]
    assert get("203.0.113.8") == 200


def test_behind_a_trusted_proxy_lockout_and_audit_log_see_the_real_client(settings, client, coordinator):
    settings.TRUSTED_PROXIES = [PROXY]
    coordinator.set_password(PASSWORD)
    coordinator.save()
    attacker = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    for _ in range(5):
        client.post("/account/login/", {"username": coordinator.email, "password": "fout"}, **attacker)
    [locked] = AuditEvent.objects.filter(event=E.LOCKED_OUT)
    assert locked.ip_address == "203.0.113.7"
    assert set(AuditEvent.objects.filter(event=E.SIGN_IN_FAILED).values_list("ip_address", flat=True)) == {
        "203.0.113.7"
    }
    # The coordinator, at another address behind the same proxy, is not locked out by the attacker.
    response = client.post(
        "/account/login/",
        {"username": coordinator.email, "password": PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )
    assert response.status_code == 302
    signed_in = AuditEvent.objects.get(event=E.SIGNED_IN)
    assert signed_in.ip_address == "198.51.100.20"
