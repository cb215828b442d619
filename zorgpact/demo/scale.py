"""Synthetic data at N times the size of the real programme, for load tests and query budgets.

Everything is plainly labelled ("Voorbeeldorganisatie 17", "(synthetisch)") and marked is_synthetic; no real names.
Rows are written with bulk_create: generating 100× the programme row by row would take far too long. That skips
django-simple-history on purpose — this is generated data, not an edit by a person, so it has no history.

Each run adds a new set ("set 2", "set 3", …) next to what is there: it never collides with earlier runs and
never changes data that people entered.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction

from koplopers.constants import KoploperStatus
from koplopers.models import Adoption, Koploper, KoploperPartner, ResultFigure
from pacts.constants import ActionStatus
from pacts.models import Action, Ambition, Goal, Indicator, Measurement, Pact, Participation
from regels.constants import CaseStatus
from regels.models import Case, Scheme
from volgspot.constants import AgreementStatus, SessionStatus
from volgspot.models import Agreement, AmbitionReview, VolgspotSession
from zorgpact.constants import SCHOOL_LEVELS, CareSector, GovernmentLevel, Pillar
from zorgpact.core.pagecache import bump_after_commit
from zorgpact.models import Organisation, Phase, Province, Theme

# The real programme, per unit of scale (REFERENCE.md: 17 pacts, 1,100+ organisations, 106 actions, ~80 koplopers,
# ~70 cases of which 60 within the rules and 10 with a regional approach, one rule changed).
PER_UNIT = {"pacts": 17, "organisations": 1100, "actions": 106, "koplopers": 80, "cases": 70, "schemes": 3}
PARTNERS_PER_PACT = 60
SOURCE = "Synthetische schaaldata (generate_scale_data)"
BATCH = 1000
QUARTERS = [datetime.date(2016 + q // 4, 1 + 3 * (q % 4), 1) for q in range(8)]


def next_set_number() -> int:
    return Pact.objects.filter(is_synthetic=True, source=SOURCE).count() // PER_UNIT["pacts"] + 1


@transaction.atomic
def generate_scale_data(*, scale: int, seed: int = 2015) -> dict[str, int]:
    if scale < 1:
        raise ValueError("scale must be at least 1")
    rnd = random.Random(seed)
    label = f"set {next_set_number()}"
    provinces = list(Province.objects.all())
    phases = list(Phase.objects.order_by("order"))
    themes = list(Theme.objects.all()) or [
        Theme.objects.create(
            name=f"Voorbeeldthema {i} (synthetisch, {label})",
            slug=f"voorbeeldthema-{i}-{label.replace(' ', '-')}",
            source=SOURCE,
        )
        for i in range(1, 6)
    ]
    tag = label.replace(" ", "-")
    counts: dict[str, int] = {}

    # Organisations: spread over the golden triangle like a regional pact (mostly care and education).
    pillars = [Pillar.CARE] * 5 + [Pillar.EDUCATION] * 3 + [Pillar.GOVERNMENT] + [Pillar.OTHER]
    levels = list(SCHOOL_LEVELS)
    organisations = []
    for i in range(1, PER_UNIT["organisations"] * scale + 1):
        pillar = pillars[i % len(pillars)]
        organisations.append(
            Organisation(
                name=f"Voorbeeldorganisatie {i} ({label})",
                pillar=pillar,
                is_synthetic=True,
                source=SOURCE,
                province=provinces[i % len(provinces)],
                care_sector=CareSector.values[i % (len(CareSector.values) - 1)] if pillar == Pillar.CARE else "",
                education_level=levels[i % 3] if pillar == Pillar.EDUCATION else "",
                government_level=GovernmentLevel.MUNICIPALITY if pillar == Pillar.GOVERNMENT else "",
            )
        )
    organisations = Organisation.objects.bulk_create(organisations, batch_size=BATCH)
    by_pillar = {p: [o for o in organisations if o.pillar == p] for p in Pillar.values}
    counts["organisations"] = len(organisations)

    pacts = Pact.objects.bulk_create(
        [
            Pact(
                name=f"Voorbeeldpact {i} (synthetisch, {label})",
                slug=f"voorbeeldpact-{i}-{tag}",
                is_synthetic=True,
                source=SOURCE,
                region=f"Voorbeeldregio {i}",
                phase=phases[i % len(phases)],
                is_projecttrekker=i % 2 == 0,
                is_platform=i % 3 == 0,
                is_podium=i % 5 == 0,
                lead=organisations[(i * 7) % len(organisations)],
                ambition_text="Synthetische ambitie voor belastingtests.",
            )
            for i in range(1, PER_UNIT["pacts"] * scale + 1)
        ],
        batch_size=BATCH,
    )
    counts["pacts"] = len(pacts)
    _m2m(Pact.provinces.through, "pact", "province", [(p, provinces[i % len(provinces)]) for i, p in enumerate(pacts)])
    _m2m(
        Pact.themes.through,
        "pact",
        "theme",
        [(p, t) for i, p in enumerate(pacts) for t in rnd.sample(themes, min(2, len(themes)))],
    )

    participations = []
    for pact in pacts:
        chosen = {pact.lead_id: pact.lead}
        while len(chosen) < PARTNERS_PER_PACT:
            o = organisations[rnd.randrange(len(organisations))]
            chosen[o.pk] = o
        participations += [
            Participation(pact=pact, organisation=o, role="lead" if o.pk == pact.lead_id else "member")
            for o in chosen.values()
        ]
    counts["participations"] = len(Participation.objects.bulk_create(participations, batch_size=BATCH))

    ambitions = Ambition.objects.bulk_create(
        [
            Ambition(pact=p, title=f"Voorbeeldambitie {n} (synthetisch)", order=n, source=SOURCE)
            for p in pacts
            for n in range(1, 4)
        ],
        batch_size=BATCH,
    )
    goals = Goal.objects.bulk_create(
        [
            Goal(
                ambition=a,
                title=f"Voorbeelddoel {n} (synthetisch)",
                order=n,
                target_groups=["students", "care_users"] if n == 1 else ["care_users", "care_workers"],
                intended_effect="Synthetisch beoogd effect.",
            )
            for a in ambitions
            for n in (1, 2)
        ],
        batch_size=BATCH,
    )
    goals_by_pact: dict[int, list[Goal]] = {}
    for g in goals:
        goals_by_pact.setdefault(g.ambition.pact_id, []).append(g)
    counts["goals"] = len(goals)

    statuses = [
        ActionStatus.IDEA,
        ActionStatus.PLANNED,
        ActionStatus.RUNNING,
        ActionStatus.RUNNING,
        ActionStatus.RUNNING,
        ActionStatus.DONE,
        ActionStatus.STOPPED,
    ]
    actions = Action.objects.bulk_create(
        [
            Action(
                pact=pacts[i % len(pacts)],
                goal=goals_by_pact[pacts[i % len(pacts)].pk][i % 6],
                title=f"Voorbeeldactie {i + 1} (synthetisch)",
                status=statuses[i % len(statuses)],
                is_public=i % 10 != 0,
                order=i,
                source=SOURCE,
                starts_on=datetime.date(2016, 1 + i % 12, 1),
                ends_on=datetime.date(2019, 1 + i % 12, 1),
                lead=pacts[i % len(pacts)].lead,
            )
            for i in range(PER_UNIT["actions"] * scale)
        ],
        batch_size=BATCH,
    )
    counts["actions"] = len(actions)
    _m2m(Action.themes.through, "action", "theme", [(a, themes[i % len(themes)]) for i, a in enumerate(actions)])

    indicators = [
        Indicator(
            action=a,
            kind="output",
            name=f"Voorbeeldindicator {n} (synthetisch)",
            unit="deelnemers",
            baseline=Decimal(0),
            target=Decimal(40 + 10 * n),
            target_on=datetime.date(2019, 12, 31),
            direction="up",
        )
        for a in actions
        for n in (1, 2)
    ] + [
        Indicator(
            goal=g,
            kind="effect",
            name="Voorbeeldeffect (synthetisch)",
            unit="%",
            baseline=Decimal(40),
            target=Decimal(70),
            target_on=datetime.date(2019, 12, 31),
            direction="up",
        )
        for g in goals[::4]
    ]
    indicators = Indicator.objects.bulk_create(indicators, batch_size=BATCH)
    counts["indicators"] = len(indicators)
    measurements = [
        Measurement(indicator=ind, measured_on=day, value=Decimal(int(ind.baseline) + q * rnd.randint(1, 6)))
        for ind in indicators
        for q, day in enumerate(QUARTERS)
    ]
    counts["measurements"] = len(Measurement.objects.bulk_create(measurements, batch_size=BATCH))

    sessions = VolgspotSession.objects.bulk_create(
        [
            VolgspotSession(
                pact=p,
                round=r,
                held_on=datetime.date(2016 + r, 6, 1),
                status=SessionStatus.FINAL if r == 1 else SessionStatus.HELD,
                phase=phases[min(r, len(phases) - 1)],
                facilitator="Voorbeeldbegeleider (synthetisch)",
            )
            for p in pacts
            for r in (1, 2)
        ],
        batch_size=BATCH,
    )
    ambitions_by_pact: dict[int, list[Ambition]] = {}
    for a in ambitions:
        ambitions_by_pact.setdefault(a.pact_id, []).append(a)
    marks = ["on_track", "on_track", "attention", "behind"]
    counts["reviews"] = len(
        AmbitionReview.objects.bulk_create(
            [
                AmbitionReview(
                    session=s, ambition=a, assessment=marks[(s.pk + a.pk) % 4], progress="Synthetische voortgang."
                )
                for s in sessions
                for a in ambitions_by_pact[s.pact_id]
            ],
            batch_size=BATCH,
        )
    )
    agreement_status = [AgreementStatus.OPEN, AgreementStatus.RUNNING, AgreementStatus.DONE, AgreementStatus.DROPPED]
    counts["agreements"] = len(
        Agreement.objects.bulk_create(
            [
                Agreement(
                    session=s,
                    text=f"Voorbeeldafspraak {n} (synthetisch)",
                    status=agreement_status[(s.pk + n) % 4],
                    due_on=s.held_on + datetime.timedelta(days=90 * n),
                    owner_name="Voorbeeldpersoon",
                )
                for s in sessions
                for n in (1, 2)
            ],
            batch_size=BATCH,
        )
    )

    koplopers = Koploper.objects.bulk_create(
        [
            Koploper(
                name=f"Voorbeeldkoploper {i} ({label})",
                slug=f"voorbeeldkoploper-{i}-{tag}",
                status=KoploperStatus.KOPLOPER,
                is_synthetic=True,
                source=SOURCE,
                summary="Synthetische koploper voor belastingtests.",
                started_year=2010 + i % 9,
                pact=pacts[i % len(pacts)] if i % 3 else None,
                sustain_joint_agenda=i % 2 == 0,
                sustain_regular_offer=i % 5 == 0,
            )
            for i in range(1, PER_UNIT["koplopers"] * scale + 1)
        ],
        batch_size=BATCH,
    )
    counts["koplopers"] = len(koplopers)
    _m2m(Koploper.themes.through, "koploper", "theme", [(k, themes[i % len(themes)]) for i, k in enumerate(koplopers)])
    _m2m(
        Koploper.provinces.through,
        "koploper",
        "province",
        [(k, provinces[i % len(provinces)]) for i, k in enumerate(koplopers)],
    )
    schools = [o for o in by_pillar[Pillar.EDUCATION] if o.education_level]
    partners = []
    for i, k in enumerate(koplopers):  # every koploper meets the partnership rule: a school and a care partner
        partners += [
            KoploperPartner(koploper=k, organisation=schools[i % len(schools)], role="initiator"),
            KoploperPartner(koploper=k, organisation=by_pillar[Pillar.CARE][i % len(by_pillar[Pillar.CARE])]),
            KoploperPartner(
                koploper=k, organisation=by_pillar[Pillar.GOVERNMENT][i % len(by_pillar[Pillar.GOVERNMENT])]
            ),
        ]
    KoploperPartner.objects.bulk_create(partners, batch_size=BATCH)
    ResultFigure.objects.bulk_create(
        [
            ResultFigure(
                koploper=k, label="Studenten (synthetisch)", value=Decimal(10 + i % 90), year=2018, source=SOURCE
            )
            for i, k in enumerate(koplopers)
        ],
        batch_size=BATCH,
    )
    adoptions = [
        Adoption(koploper=k, pact=pacts[(i + 1) % len(pacts)], year=2016 + i % 4)
        for i, k in enumerate(koplopers)
        if i % 3 != 0  # two thirds taken over elsewhere
    ]
    counts["adoptions"] = len(Adoption.objects.bulk_create(adoptions, batch_size=BATCH))

    schemes = Scheme.objects.bulk_create(
        [
            Scheme(
                name=f"Voorbeeldregeling {i} ({label})",
                slug=f"voorbeeldregeling-{i}-{tag}",
                kind=["subsidy", "fund", "regulation"][i % 3],
                ministry=["OCW", "VWS", "SZW"][i % 3],
                summary="Synthetische regeling.",
                source=SOURCE,
            )
            for i in range(1, PER_UNIT["schemes"] * scale + 1)
        ],
        batch_size=BATCH,
    )
    counts["schemes"] = len(schemes)
    outcomes = ["within_rules"] * 59 + ["regional_approach"] * 10 + ["rule_changed"]
    topics = ["education_time", "cao", "teaching", "internships", "funding", "privacy", "care_law", "other"]
    cases = Case.objects.bulk_create(
        [
            Case(
                title=f"Voorbeeldcasus {i} (synthetisch)",
                slug=f"voorbeeldcasus-{i}-{tag}",
                question="Synthetische vraag voor belastingtests.",
                public_question="Synthetische vraag voor belastingtests.",
                answer="Synthetisch antwoord.",
                public_text="Synthetisch antwoord.",
                outcome=outcomes[i % 70],
                topic=topics[i % len(topics)],
                ministry_ocw=i % 3 == 0,
                ministry_vws=i % 3 == 1,
                ministry_szw=i % 3 == 2,
                status=CaseStatus.PUBLISHED,
                source=SOURCE,
            )
            for i in range(PER_UNIT["cases"] * scale)
        ],
        batch_size=BATCH,
    )
    counts["cases"] = len(cases)
    _m2m(Case.themes.through, "case", "theme", [(c, themes[i % len(themes)]) for i, c in enumerate(cases)])
    bump_after_commit()  # bulk_create sends no signals: cached pages show the new data once it is committed
    return counts


def _m2m(through, left: str, right: str, pairs) -> None:
    through.objects.bulk_create(
        [through(**{f"{left}_id": a.pk, f"{right}_id": b.pk}) for a, b in pairs],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
