"""Loads the demo data; idempotent: a second run changes no counts.

Real pacts, koplopers, cases and schemes carry only what the published sources state, each with its source;
the fictional Oefenregio fills every screen and says it is fictional.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from koplopers.constants import KoploperStatus
from koplopers.models import Koploper, KoploperPartner, ResultFigure
from pacts.models import Action, Pact, Participation
from regels.constants import CaseStatus
from regels.models import Case, Scheme
from volgspot.models import ProgressReport

from . import demo_data
from .demo_accounts import DEMO_ACCOUNTS
from .demo_oefenregio import PACT_SLUG as OEFENREGIO_SLUG
from .demo_oefenregio import load_oefenregio
from .models import Organisation, Province, Theme, User
from .permissions import needs_second_factor

# Which demo account coordinates what (DESIGN.md §5). The Zeeland coordinator also keeps the fictional
# Oefenregio, so the workspace shows a full agenda, sessions and agreements.
COORDINATES = {
    "coordinator@zeeland.demo": {"pacts": ["zorgpact-zeeland", OEFENREGIO_SLUG]},
    "coordinator@rotterdam.demo": {"pacts": ["zorgpact-rotterdam"]},
    "koploper@huiskamer.demo": {"koplopers": ["de-zeeuwse-huiskamer"]},
}


def _date(value: str | None):
    return datetime.date.fromisoformat(value) if value else None


def _themes(slugs):
    return Theme.objects.filter(slug__in=slugs or [])


def _provinces(codes):
    return Province.objects.filter(code__in=codes or [])


@transaction.atomic
def load_demo_data() -> dict[str, int]:
    for theme in demo_data.THEMES:
        Theme.objects.update_or_create(slug=theme["slug"], defaults={k: v for k, v in theme.items() if k != "slug"})
    for org in demo_data.ORGANISATIONS:
        fields = {k: v for k, v in org.items() if k not in ("name", "province")}
        fields["province"] = Province.objects.filter(code=org.get("province")).first()
        Organisation.objects.update_or_create(name=org["name"], defaults=fields)
    _load_pacts()
    _load_koplopers()
    _load_schemes_and_cases()
    oefenregio = load_oefenregio()
    # A finished report to download from the start (built by the worker, or in-process on the embedded default).
    # The same inputs reuse the report already there, so a second run adds none.
    from volgspot.services import request_report

    request_report(scope="pact", pact=oefenregio, period_start=datetime.date(2016, 1, 1), period_end=datetime.date(2018, 12, 31), user=None)
    if settings.DEBUG:
        create_demo_accounts()
    return {
        "themes": Theme.objects.count(),
        "organisations": Organisation.objects.count(),
        "pacts": Pact.objects.count(),
        "actions": Action.objects.count(),
        "koplopers": Koploper.objects.count(),
        "cases": Case.objects.count(),
        "schemes": Scheme.objects.count(),
        "progress reports": ProgressReport.objects.count(),
        "users": User.objects.count(),
    }


def _load_pacts() -> None:
    for data in demo_data.PACTS:
        lead = Organisation.objects.filter(name=data.get("lead")).first() if data.get("lead") else None
        pact, _ = Pact.objects.update_or_create(
            slug=slugify(data["name"]),
            defaults={
                "name": data["name"], "source": data["source"], "region": data.get("region", ""),
                "ambition_text": data.get("ambition_text", ""), "started_on": _date(data.get("started_on")), "lead": lead,
            },
        )
        pact.provinces.set(_provinces(data.get("provinces")))
        partners = list(data.get("partners", [])) + ([data["lead"]] if data.get("lead") else [])
        for name in partners:
            Participation.objects.get_or_create(
                pact=pact, organisation=Organisation.objects.get(name=name),
                defaults={"role": "lead" if name == data.get("lead") else "member"},
            )
        for order, action in enumerate(data.get("actions", [])):
            saved, _ = Action.objects.update_or_create(
                pact=pact, title=action["title"],
                defaults={
                    "description": action["description"], "status": "running", "is_public": True, "order": order,
                    "starts_on": _date(action.get("starts_on")), "source": data["source"],
                },
            )
            saved.themes.set(_themes([action["theme"]] if action.get("theme") else []))


def _load_koplopers() -> None:
    for data in demo_data.KOPLOPERS:
        pact = Pact.objects.filter(name=data.get("pact")).first() if data.get("pact") else None
        koploper, _ = Koploper.objects.update_or_create(
            slug=slugify(data["name"]),
            defaults={
                "name": data["name"], "status": KoploperStatus.KOPLOPER, "source": data["source"],
                "summary": data.get("summary", ""), "started_year": data.get("started_year"), "pact": pact,
                "results_text": data.get("results_text", ""),
            },
        )
        koploper.themes.set(_themes(data.get("themes")))
        koploper.provinces.set(_provinces(data.get("provinces")))
        for name in data.get("partners", []):
            KoploperPartner.objects.get_or_create(koploper=koploper, organisation=Organisation.objects.get(name=name))
        for figure in data.get("results", []):
            ResultFigure.objects.update_or_create(
                koploper=koploper, label=figure["label"],
                defaults={"value": figure["value"], "unit": figure.get("unit", ""), "source": data["source"]},
            )


def _load_schemes_and_cases() -> None:
    for data in demo_data.SCHEMES:
        Scheme.objects.update_or_create(
            slug=slugify(data["name"]),
            defaults={
                "name": data["name"], "kind": data["kind"], "ministry": data["ministry"], "source": data["source"],
                "summary": data.get("summary", ""), "eligibility": data.get("eligibility", ""),
                "budget_text": data.get("budget_text", ""), "starts_on": _date(data.get("starts_on")),
                "ends_on": _date(data.get("ends_on")),
            },
        )
    for data in demo_data.CASES:
        case, _ = Case.objects.update_or_create(
            slug=slugify(data["title"]),
            defaults={
                "title": data["title"], "question": data["question"], "answer": data.get("answer", ""),
                # the public version: a source's case is published text already, there is no reporter to protect
                "public_question": data["question"], "public_context": data.get("context", ""),
                "public_text": data.get("answer", ""), "outcome": data["outcome"], "topic": data["topic"],
                "ministry_ocw": "OCW" in data["ministries"], "ministry_vws": "VWS" in data["ministries"],
                "ministry_szw": "SZW" in data["ministries"], "status": CaseStatus.PUBLISHED, "source": data["source"],
            },
        )
        case.themes.set(_themes(data.get("themes")))
        case.schemes.set(Scheme.objects.filter(name__in=data.get("schemes", [])))
        case.koplopers.set(Koploper.objects.filter(name__in=data.get("koplopers", [])))


def create_demo_accounts() -> None:
    if not settings.DEBUG:
        raise RuntimeError("Demo accounts are only created when DEBUG is on.")
    for email, name, _role, extra in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(email=email, defaults={"name": name, **extra})
        if created:
            user.set_password(settings.DEMO_PASSWORD)
            user.save(update_fields=["password"])
        for slug in COORDINATES.get(email, {}).get("pacts", []):
            Pact.objects.get(slug=slug).coordinators.add(user)
        for slug in COORDINATES.get(email, {}).get("koplopers", []):
            Koploper.objects.get(slug=slug).coordinators.add(user)
        if needs_second_factor(user):
            # Staff sign in with a second factor; the demo's app key is public (README), like the demo password.
            TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "demo", "key": demo_totp_key()})


def demo_totp_key() -> str:
    """The hex key of the demo staff accounts' authenticator app (settings.DEMO_TOTP_SECRET is its base32 form)."""
    from base64 import b32decode

    return b32decode(settings.DEMO_TOTP_SECRET).hex()


def demo_totp_code() -> str:
    """The code an app with the demo key shows now (DEBUG only, like the demo accounts)."""
    if not settings.DEBUG:
        raise RuntimeError("Demo codes are only given when DEBUG is on.")
    device = TOTPDevice(key=demo_totp_key())
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"
