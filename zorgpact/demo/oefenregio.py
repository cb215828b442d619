"""Zorgpact Oefenregio (fictief): a plainly fictional pact with a complete agenda, so every screen has data.

Everything here is synthetic and says so; nothing describes a real organisation. Values are computed, not
random, so every run gives the same data.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from pacts.constants import ActionStatus, PactStatus
from pacts.models import Action, Ambition, Goal, Indicator, Measurement, Pact, Participation
from volgspot.constants import AgreementStatus, SessionStatus
from volgspot.models import Agreement, AmbitionReview, VolgspotSession
from zorgpact.demo.sync import set_m2m, sync
from zorgpact.models import Organisation, Phase, Province, Theme

SOURCE = "Fictief voorbeeld (demodata), geen echte gegevens"
PACT_NAME = "Zorgpact Oefenregio (fictief)"
PACT_SLUG = "zorgpact-oefenregio-fictief"

ORGANISATIONS = [
    ("Voorbeeld-ROC Oefenregio (fictief)", {"pillar": "education", "education_level": "mbo"}, "lead"),
    ("Voorbeeld-vmbo Oefenregio (fictief)", {"pillar": "education", "education_level": "vmbo"}, "core"),
    ("Voorbeeld-hogeschool Oefenregio (fictief)", {"pillar": "education", "education_level": "hbo"}, "member"),
    ("Voorbeeld-zorggroep Oefenregio (fictief)", {"pillar": "care", "care_sector": "elderly"}, "core"),
    ("Voorbeeld-thuiszorg Oefenregio (fictief)", {"pillar": "care", "care_sector": "home"}, "member"),
    ("Gemeente Oefenstad (fictief)", {"pillar": "government", "government_level": "gemeente"}, "member"),
]

# ambition -> goals -> actions (title, status, theme slug, lead organisation index)
AGENDA = [
    (
        "Meer instroom in zorgopleidingen",
        [
            (
                "Meer vmbo-leerlingen kiezen zorg en welzijn",
                "Meer leerlingen stromen door naar een zorgopleiding.",
                ("students",),
                [
                    ("Doorlopende leerlijn vmbo-mbo zorg", "running", "vmbo-zorg-en-welzijn", 1),
                    ("Snuffelstages in de ouderenzorg", "done", "leren-in-de-praktijk", 3),
                ],
            ),
            (
                "Zij-instromers vinden hun weg naar de zorg",
                "Meer zij-instromers beginnen en blijven.",
                ("care_workers",),
                [
                    ("Oriëntatietraject voor zij-instromers", "running", "permanent-leren", 0),
                ],
            ),
        ],
    ),
    (
        "Leren in de praktijk als gewone route",
        [
            (
                "Een leerafdeling in elke grote zorglocatie",
                "Studenten leren waar de zorg gebeurt; cliënten merken meer aandacht.",
                ("students", "care_users"),
                [
                    ("Leerafdelingen ouderenzorg", "running", "leren-in-de-praktijk", 3),
                    ("Wijkleerbedrijf Oefenstad", "planned", "leren-in-de-praktijk", 4),
                ],
            ),
        ],
    ),
    (
        "Professionals blijven leren",
        [
            (
                "Zorgprofessionals werken vaardig met technologie",
                "Professionals gebruiken zorgtechnologie vaker en met vertrouwen.",
                ("care_workers", "care_users"),
                [
                    ("Zorgtechnologie-lab voor professionals", "running", "zorg-en-technologie", 2),
                    ("Opleiding werkbegeleiders", "done", "permanent-leren", 0),
                    ("Scholing digitale vaardigheden", "idea", "zorg-en-technologie", 4),
                ],
            ),
        ],
    ),
]

QUARTERS = [datetime.date(2017 + q // 4, 1 + 3 * (q % 4), 1) for q in range(8)]  # two years, quarterly


def _get(model, lookup: dict, defaults: dict, create_only: dict | None = None):
    return sync(model, lookup, defaults, create_only=create_only)


def load_oefenregio() -> Pact:
    organisations = []
    for name, fields, _role in ORGANISATIONS:
        organisations.append(_get(Organisation, {"name": name}, {**fields, "is_synthetic": True, "source": SOURCE}))
    pact = _get(
        Pact,
        {"slug": PACT_SLUG},
        {
            "name": PACT_NAME,
            "region": "Oefenregio (fictief)",
            "is_synthetic": True,
            "source": SOURCE,
            "phase": Phase.objects.get(order=3),
            "is_projecttrekker": True,
            "is_platform": True,
            "lead": organisations[0],
            "ambition_text": "Fictief voorbeeld: genoeg goed opgeleide mensen voor zorg en welzijn in de Oefenregio.",
            "started_on": datetime.date(2016, 9, 1),
            "builds_on_existing": True,
            "status": PactStatus.ACTIVE,
        },
        create_only={"partners_complete": True},
    )  # fictional: its list is complete, so every screen shows its gaps
    set_m2m(pact.provinces, [Province.objects.get(code="UT")])
    set_m2m(
        pact.themes, Theme.objects.filter(slug__in=["leren-in-de-praktijk", "permanent-leren", "zorg-en-technologie"])
    )
    for organisation, (_name, _fields, role) in zip(organisations, ORGANISATIONS, strict=True):
        _get(
            Participation,
            {"pact": pact, "organisation": organisation},
            {"role": role, "joined_on": datetime.date(2016, 9, 1)},
        )

    ambitions = []
    n_action = 0
    for a_order, (a_title, goals) in enumerate(AGENDA):
        ambition = _get(Ambition, {"pact": pact, "title": a_title}, {"order": a_order, "source": SOURCE})
        ambitions.append(ambition)
        for g_order, (g_title, effect, groups, actions) in enumerate(goals):
            goal = _get(
                Goal,
                {"ambition": ambition, "title": g_title},
                {
                    "order": g_order,
                    "intended_effect": effect,
                    # fictional: its target groups are part of the example, so they are stated
                    "target_groups": [g for g in ("students", "care_users", "care_workers") if g in groups] or None,
                },
            )
            effect_indicator = _get(
                Indicator,
                {"goal": goal, "name": f"Effect: {g_title.lower()}"},
                {
                    "kind": "effect",
                    "unit": "%",
                    "baseline": Decimal(40),
                    "target": Decimal(70),
                    "target_on": datetime.date(2019, 12, 31),
                    "direction": "up",
                    "rhythm": "quarterly",  # fictional, measured each quarter (QUARTERS)
                },
            )
            _measure(effect_indicator, start=40, step=3 + g_order)
            for title, status, theme, lead in actions:
                n_action += 1
                action = _get(
                    Action,
                    {"pact": pact, "title": title},
                    {
                        "goal": goal,
                        "status": status,
                        "lead": organisations[lead],
                        "is_public": True,
                        "order": n_action,
                        "starts_on": datetime.date(2017, 1, 1),
                        "ends_on": datetime.date(2019, 12, 31),
                        "source": SOURCE,
                        "description": f"Fictieve actie in de Oefenregio: {title.lower()}.",
                    },
                )
                set_m2m(action.themes, Theme.objects.filter(slug=theme))
                set_m2m(action.partners, organisations[:3])
                output = _get(
                    Indicator,
                    {"action": action, "name": f"Deelnemers {title.lower()}"},
                    {
                        "kind": "output",
                        "unit": "deelnemers",
                        "baseline": Decimal(0),
                        "target": Decimal(40 + 10 * n_action),
                        "target_on": datetime.date(2019, 12, 31),
                        "direction": "up",
                        "rhythm": "quarterly",
                    },
                )
                if status != ActionStatus.IDEA:
                    _measure(output, start=0, step=4 + n_action)
    _sessions(pact, ambitions, organisations)
    return pact


def _measure(indicator: Indicator, *, start: int, step: int) -> None:
    for q, day in enumerate(QUARTERS):
        _get(Measurement, {"indicator": indicator, "measured_on": day}, {"value": Decimal(start + step * q)})


def _sessions(pact: Pact, ambitions: list[Ambition], organisations: list[Organisation]) -> None:
    first = _get(
        VolgspotSession,
        {"pact": pact, "round": 1},
        {
            "held_on": datetime.date(2017, 6, 15),
            "status": SessionStatus.FINAL,
            "facilitator": "Voorbeeldbegeleider (fictief)",
            "phase": Phase.objects.get(order=2),
            "is_projecttrekker": True,
            "context": "Fictief: de regio kampt met krapte in de ouderenzorg.",
            "summary": "Fictief: de ambities passen nog; instroom groeit, begeleiding op de werkvloer blijft een zorg.",
            "finalised_at": timezone.make_aware(datetime.datetime(2017, 7, 1, 12, 0)),
        },
    )
    second = _get(
        VolgspotSession,
        {"pact": pact, "round": 2},
        {
            "held_on": datetime.date(2018, 6, 14),
            "status": SessionStatus.HELD,
            "facilitator": "Voorbeeldbegeleider (fictief)",
            "phase": Phase.objects.get(order=3),
            "is_projecttrekker": True,
            "is_platform": True,
            "context": "Fictief: nieuwe partners uit het vmbo sloten aan.",
            "summary": "Fictief: de uitvoering komt op gang.",
        },
    )
    for session in (first, second):
        set_m2m(session.participants, organisations)
    assessments = [("on_track", "attention", "on_track"), ("on_track", "on_track", "attention")]
    for session, marks in zip((first, second), assessments, strict=True):
        for ambition, mark in zip(ambitions, marks, strict=True):
            _get(
                AmbitionReview,
                {"session": session, "ambition": ambition},
                {
                    "still_fits": "Fictief: ja, de ambitie past nog bij de regio.",
                    "progress": "Fictief: de eerste resultaten zijn zichtbaar.",
                    "helps": "Fictief: korte lijnen tussen school en zorglocatie.",
                    "hinders": "Fictief: roosters van school en zorglocatie sluiten slecht aan.",
                    "next_steps": "Fictief: roosters samen plannen.",
                    "assessment": mark,
                    "effects_students": "Fictief: studenten voelen zich beter voorbereid.",
                    "effects_care_users": "Fictief: cliënten merken meer aandacht.",
                    "effects_care_workers": "Fictief: werkbegeleiders vragen om scholing.",
                },
            )
    today = timezone.localdate()
    _get(
        Agreement,
        {"session": first, "text": "Gezamenlijk rooster voor stages opstellen (fictief)"},
        {
            "owner_organisation": organisations[0],
            "owner_name": "Voorbeeldpersoon A",
            "due_on": datetime.date(2017, 12, 1),
            "status": AgreementStatus.DONE,
            "followed_up_in": second,
        },
    )
    _get(
        Agreement,
        {"session": first, "text": "Werkbegeleiders scholen in coachend begeleiden (fictief)"},
        {
            "owner_organisation": organisations[3],
            "owner_name": "Voorbeeldpersoon B",
            "due_on": datetime.date(2018, 3, 1),
            "status": AgreementStatus.OPEN,  # overdue: shows on the dashboards
        },
    )
    _get(
        Agreement,
        {"session": second, "text": "Vmbo-scholen aansluiten op de leerlijn (fictief)"},
        {
            "owner_organisation": organisations[1],
            "owner_name": "Voorbeeldpersoon C",
            "status": AgreementStatus.RUNNING,
        },
        create_only={"due_on": today + datetime.timedelta(days=14)},
    )  # due soon: shows in the workspace
    _get(
        Agreement,
        {"session": second, "text": "Gemeente betrekken bij het wijkleerbedrijf (fictief)"},
        {
            "owner_organisation": organisations[5],
            "owner_name": "Voorbeeldpersoon D",
            "status": AgreementStatus.OPEN,
        },
        create_only={"due_on": today + datetime.timedelta(days=90)},
    )
