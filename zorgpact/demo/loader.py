"""Loads the demo data. Idempotent: a second run changes no row and adds no history (tests/demo/test_demo_data.py).

Real pacts, koplopers, cases and organisations carry only what the published sources state, each statement with a
citation (zorgpact.core.citations); every other fact is unknown (null). The fictional Oefenregio fills every screen and
says it is fictional.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from koplopers.constants import KoploperStatus
from koplopers.models import Koploper, KoploperPartner, ResultFigure
from pacts.constants import PactStatus
from pacts.models import Action, Pact, Participation
from regels.constants import CaseStatus
from regels.models import Case, Scheme
from volgspot.models import ProgressReport
from zorgpact.core.citations import cite, keep_only
from zorgpact.demo import data as demo_data
from zorgpact.demo.accounts import DEMO_ACCOUNTS
from zorgpact.demo.oefenregio import PACT_SLUG as OEFENREGIO_SLUG
from zorgpact.demo.oefenregio import load_oefenregio
from zorgpact.demo.sync import set_m2m, sync
from zorgpact.models import Organisation, Province, Theme, User
from zorgpact.permissions import needs_second_factor

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


def cite_all(record, citations: list[dict]) -> None:
    keep = [
        cite(record, document=c["document"], locator=c["locator"], terms=c["terms"], fact=c["fact"], order=i)
        for i, c in enumerate(citations)
    ]
    keep_only(record, keep)


def source_of(citations: list[dict]) -> str:
    """The record's source line: its cited documents, in order, once each."""
    return "; ".join(dict.fromkeys(c["document"] for c in citations))[:300]


@transaction.atomic
def load_demo_data() -> dict[str, int]:
    for theme in demo_data.THEMES:
        fields = {k: v for k, v in theme.items() if k != "slug"}
        fields["introduced_on"] = _date(fields.get("introduced_on"))
        sync(Theme, {"slug": theme["slug"]}, fields)
    for org in demo_data.ORGANISATIONS:
        organisation = sync(
            Organisation,
            {"name": org["name"]},
            {
                "pillar": org.get("pillar"),
                "care_sector": org.get("care_sector", ""),
                "education_level": org.get("education_level", ""),
                "government_level": org.get("government_level", ""),
                "municipality": org.get("municipality", ""),
                "province": None,
                "source": source_of(org["cite"]),
            },
        )
        cite_all(organisation, org["cite"])
    _load_pacts()
    _load_koplopers()
    _load_schemes_and_cases()
    oefenregio = load_oefenregio()
    # A finished report to download from the start (built by the worker, or in-process on the embedded default).
    # The same inputs reuse the report already there, so a second run adds none.
    from volgspot.services import request_report

    request_report(
        scope="pact",
        pact=oefenregio,
        period_start=datetime.date(2016, 1, 1),
        period_end=datetime.date(2018, 12, 31),
        user=None,
    )
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
        citations = data["cite"] + [demo_data.RAAT]
        lead = Organisation.objects.get(name=data["lead"]) if data.get("lead") else None
        pact = sync(
            Pact,
            {"slug": slugify(data["name"])},
            {
                "name": data["name"],
                "source": source_of(citations),
                "region": data.get("region", ""),
                "ambition_text": data.get("ambition_text", ""),
                "started_on": _date(data.get("started_on")),
                "lead": lead,
                "status": PactStatus.MERGED_INTO_RAAT,
            },
            create_only={"partners_complete": None},
        )  # completeness is the coordinator's or the team's word, kept
        set_m2m(pact.provinces, _provinces(data.get("provinces")))
        cite_all(pact, citations)
        partners = list(data.get("partners", [])) + ([data["lead"]] if data.get("lead") else [])
        for name in partners:
            sync(
                Participation,
                {"pact": pact, "organisation": Organisation.objects.get(name=name)},
                {"role": "lead" if name == data.get("lead") else "member"},
            )
        for order, action in enumerate(data.get("actions", [])):
            saved = sync(
                Action,
                {"pact": pact, "title": action["title"]},
                {
                    "description": action["description"],
                    "status": action.get("status"),
                    "is_public": True,
                    "order": order,
                    "starts_on": _date(action.get("starts_on")),
                    "source": source_of(action["cite"]),
                },
            )
            set_m2m(saved.themes, _themes(action.get("themes")))
            cite_all(saved, action["cite"])


def _load_koplopers() -> None:
    for data in demo_data.KOPLOPERS:
        koploper = sync(
            Koploper,
            {"slug": slugify(data["name"])},
            {
                "name": data["name"],
                "status": KoploperStatus.KOPLOPER,
                "source": source_of(data["cite"]),
                "summary": data.get("summary", ""),
                "started_year": data.get("started_year"),
                "pact": None,
                "results_text": data.get("results_text", ""),
            },
        )
        set_m2m(koploper.themes, _themes(data.get("themes")))
        set_m2m(koploper.provinces, _provinces(data.get("provinces")))
        cite_all(koploper, data["cite"])
        for name in data.get("partners", []):
            KoploperPartner.objects.get_or_create(koploper=koploper, organisation=Organisation.objects.get(name=name))
        for figure in data.get("results", []):
            sync(
                ResultFigure,
                {"koploper": koploper, "label": figure["label"]},
                {"value": figure["value"], "unit": figure.get("unit", ""), "source": source_of(data["cite"])},
            )


def _load_schemes_and_cases() -> None:
    for data in demo_data.SCHEMES:
        sync(
            Scheme,
            {"slug": slugify(data["name"])},
            {
                "name": data["name"],
                "kind": data["kind"],
                "ministry": data["ministry"],
                "source": data["source"],
                "summary": data.get("summary", ""),
                "eligibility": data.get("eligibility", ""),
                "budget_text": data.get("budget_text", ""),
                "starts_on": _date(data.get("starts_on")),
                "ends_on": _date(data.get("ends_on")),
            },
        )
    for data in demo_data.CASES:
        ministries = data["ministries"]
        flags = {
            f"ministry_{code.lower()}": (None if ministries is None else code in ministries)
            for code in ("OCW", "VWS", "SZW")
        }
        case = sync(
            Case,
            {"slug": slugify(data["title"])},
            {
                "title": data["title"],
                "question": data["question"],
                "answer": data.get("answer", ""),
                # the public version: a source's case is published text already, there is no reporter to protect
                "public_question": data["question"],
                "public_context": data.get("context", ""),
                "public_text": data.get("answer", ""),
                "outcome": data["outcome"],
                "topic": data["topic"],
                **flags,
                "status": CaseStatus.PUBLISHED,
                "source": source_of(data["cite"]),
            },
        )
        set_m2m(case.themes, _themes(data.get("themes")))
        set_m2m(case.schemes, Scheme.objects.filter(name__in=data.get("schemes", [])))
        set_m2m(case.koplopers, Koploper.objects.filter(name__in=data.get("koplopers", [])))
        cite_all(case, data["cite"])


def create_demo_accounts() -> None:
    if not settings.DEBUG:
        raise RuntimeError("Demo accounts are only created when DEBUG is on.")
    from django.contrib.auth.hashers import make_password

    # One hash for every demo account (the password is public and the same for all; hashing is deliberately slow).
    hashed = None
    for email, name, _role, extra in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(email=email, defaults={"name": name, **extra})
        if created:
            hashed = hashed or make_password(settings.DEMO_PASSWORD)
            user.password = hashed
            user.save(update_fields=["password"])
        for slug in COORDINATES.get(email, {}).get("pacts", []):
            Pact.objects.get(slug=slug).coordinators.add(user)
        for slug in COORDINATES.get(email, {}).get("koplopers", []):
            Koploper.objects.get(slug=slug).coordinators.add(user)
        if needs_second_factor(user):
            # Staff sign in with a second factor; the demo's app key is public (README), like the demo password.
            TOTPDevice.objects.get_or_create(
                user=user, confirmed=True, defaults={"name": "demo", "key": demo_totp_key()}
            )


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
