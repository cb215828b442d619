"""Facts from the published sources (../shared/REFERENCE.md and seeds), kept in the project.

Every statement about a real organisation carries a citation C(document, locator, *evidence terms): the seed file
or public address, the section it is in, and the names and figures it rests on (never the source's sentences).
tests/demo/test_citations.py checks each against the documents. What no source states is left out: the loader
stores it as unknown (null), shown as "niet bekend". The fictional Oefenregio is labelled as such.
"""

from zorgpact.sources import (  # noqa: F401 (the loader and the tests read them from here too)
    CASE_PROGRAMME_FIGURES,
    PROGRAMME_FIGURES,
    REF_CASES,
    REF_FIGURES,
    REF_KOPLOPERS,
    REF_PACTS,
    S000,
    S001,
    S002,
    S003,
    S004,
    SEED_MEETING,
    SEED_NEW_PACTS,
    SEED_PACTS_CLOSING,
    SEED_PROGRAMME,
    SEED_THEMES_CLOSING,
    SRC_KOPGROEP,
    SRC_REGELS,
    SRC_UTRECHTZORG,
    SRC_ZORGPACT_NL,
    C,
)

THEMES = [
    {
        "name": "Leren in de praktijk",
        "slug": "leren-in-de-praktijk",
        "insights": "De werkplek is de leerplek bij uitstek: studenten en docenten op de werkvloer helpen ook de werkenden leren. Docenten doen meer dan coachen: zij stellen vragen, leggen verbindingen en maken de omgeving leerrijk.",
        "intro": "Opleiden op de plek waar de zorg wordt geleverd: werkplekleren, leerwerkplaatsen en "
        "wijkleerbedrijven waar studenten, docenten en zorgprofessionals samen leren.",
        "introduced_on": "2015-01-01",
        "source": f"{SEED_PROGRAMME}; {SEED_THEMES_CLOSING}",
    },
    {
        "name": "Permanent leren",
        "slug": "permanent-leren",
        "insights": "Werkenden leren het meest waar zij werken; kennisdeling tussen regio's leverde inzichten en producten op voor scholing van zittend personeel en zij-instromers.",
        "intro": "Blijven leren tijdens de loopbaan: scholing van zittende medewerkers en routes voor zij-instromers.",
        "introduced_on": "2015-01-01",
        "source": f"{SEED_PROGRAMME}; {SEED_THEMES_CLOSING}",
    },
    {
        "name": "Zorg en technologie",
        "slug": "zorg-en-technologie",
        "insights": "Of een technologische oplossing aanslaat, hangt vaak af van kleine dingen, zoals persoonlijk contact bij de invoering.",
        "intro": "Technologie in zorg en welzijn en wat dat vraagt van opleidingen en professionals.",
        "introduced_on": "2015-01-01",
        "source": f"{SEED_PROGRAMME}; {SEED_THEMES_CLOSING}",
    },
    {
        "name": "Toenemende opleidingseisen",
        "slug": "toenemende-opleidingseisen",
        "insights": "Zorgverleners van verschillende niveaus hebben elk hun eigen kennis en vaardigheden; de kunst is iedereen op de juiste plek en het juiste moment in te zetten.",
        "intro": "De zorgvraag wordt complexer; wat betekent dat voor het opleidingsniveau en de opleidingen?",
        "introduced_on": "2015-01-01",
        "source": f"{SEED_PROGRAMME}; {SEED_THEMES_CLOSING}",
    },
    {
        "name": "Vmbo zorg en welzijn",
        "slug": "vmbo-zorg-en-welzijn",
        "insights": "Het vmbo is het begin van de beroepskolom in zorg en welzijn; dit thema kwam er in het laatste jaar bij.",
        "intro": "Het vmbo als begin van de beroepskolom in zorg en welzijn; toegevoegd in het laatste jaar.",
        "introduced_on": "2018-09-01",
        "source": SEED_THEMES_CLOSING,
    },
]

# The end of every real regional pact (issue 17): integrated into the RAATs of Werken in de Zorg.
RAAT = C(
    S003, "Hoe gaat het verder?", "Regionale Zorgpacten", "geïntegreerd", "RAAT's", "Werken in de Zorg", fact="status"
)

# Organisations the sources name. Their side of the golden triangle, sector, level and province only where a source
# states it; everything else is unknown (the name of a school or a town is not a source for its level or province).
ORGANISATIONS = [
    {
        "name": "Gemeente Rotterdam",
        "pillar": "government",
        "government_level": "gemeente",
        "municipality": "Rotterdam",
        "cite": [
            C(S003, "De mooiste verhalen uit de regio", "gemeente", "trekkersrol", "Zorgpact Rotterdam"),
            C(S001, "Gemeenten en het Zorgpact", "gemeente Rotterdam", "trekker"),
        ],
    },
    {"name": "Utrechtzorg", "cite": [C(SRC_UTRECHTZORG, REF_PACTS, "Zorgpact Midden Nederland", "Utrechtzorg")]},
    {"name": "ZorgpleinNoord", "cite": [C(SRC_ZORGPACT_NL, REF_PACTS, "Zorgpact Noord", "ZorgpleinNoord")]},
    {"name": "Rijn IJssel", "cite": [C(SRC_UTRECHTZORG, REF_PACTS, "Midden- en Zuid-Gelderland", "Rijn IJssel")]},
    {"name": "ROC Nijmegen", "cite": [C(SRC_UTRECHTZORG, REF_PACTS, "Midden- en Zuid-Gelderland", "ROC Nijmegen")]},
    {"name": "WZW", "cite": [C(SRC_UTRECHTZORG, REF_PACTS, "Midden- en Zuid-Gelderland", "WZW")]},
    {"name": "De Waalboog", "cite": [C(SRC_UTRECHTZORG, REF_PACTS, "Midden- en Zuid-Gelderland", "De Waalboog")]},
    {
        "name": "Hogeschool van Arnhem en Nijmegen",
        "cite": [C(S001, "Netwerkleren", "Zorgalliantie.nu", "Hogeschool van Arnhem en Nijmegen")],
    },
    {"name": "MBO Amersfoort", "cite": [C(SRC_KOPGROEP, REF_KOPLOPERS, "Leerbedrijf De Koperhorst", "MBO Amersfoort")]},
    {"name": "Arcus College", "cite": [C(SRC_REGELS, REF_CASES, "Arcus College", "begeleide onderwijstijd")]},
    {"name": "Summa College", "cite": [C(SRC_REGELS, REF_CASES, "Summa College", "Samen Slim Zorgen Thuis")]},
]

# The regional pacts the sources name (REFERENCE.md). Provinces only where the pact's name or a source names the
# province; status: integrated into the RAATs (RAAT); the partner list is never complete (nobody marked it so).
PACTS = [
    {
        "name": "Zorgpact Midden-Brabant",
        "provinces": ["NB"],
        "ambition_text": "Werkt met een Doelen Inspanningen Netwerk (DIN) om visies en doelen om te zetten in afspraken en acties.",
        "cite": [
            C(S003, "De mooiste verhalen uit de regio", "Zorgpact Midden-Brabant", "Doelen Inspanningen Netwerk", "DIN")
        ],
    },
    {
        "name": "Zorgpact Zeeland",
        "provinces": ["ZE"],
        "cite": [C(S003, "De mooiste verhalen uit de regio", "Zorgpact Zeeland")],
        "actions": [
            {
                "title": "Praktijkroute ouderenzorg",
                "status": "done",
                "description": "Een praktijkroute in de ouderenzorg, opgezet door het pact; de instroom van nieuwe studenten in de ouderenzorg groeide sterk.",
                "cite": [
                    C(
                        S003,
                        "De mooiste verhalen uit de regio",
                        "praktijkroute ouderenzorg",
                        "Zorgpact Zeeland",
                        "groei",
                        "instroom",
                    )
                ],
            }
        ],
    },
    {
        "name": "Zorgpact Kennemerland, Amstelland en Meerlanden",
        "cite": [C(S003, "De mooiste verhalen uit de regio", "Zorgpact Kennemerland, Amstelland en Meerlanden")],
        "actions": [
            {
                "title": "Inclusieve arbeidsmarkt",
                "description": "Werken aan een inclusieve arbeidsmarkt.",
                "cite": [
                    C(
                        S003,
                        "De mooiste verhalen uit de regio",
                        "Zorgpact Kennemerland, Amstelland en Meerlanden",
                        "inclusieve arbeidsmarkt",
                    )
                ],
            }
        ],
    },
    {
        "name": "Zorgpact Rotterdam",
        "lead": "Gemeente Rotterdam",
        "ambition_text": "Het enige regionale pact waarin de gemeente de trekker is; als zeventiende pact gestart begin 2017.",
        "cite": [
            C(
                S001,
                "Gemeenten en het Zorgpact",
                "Rotterdam",
                "enige regionale Zorgpact",
                "gemeente",
                "trekker",
                fact="lead",
            ),
            C(SRC_ZORGPACT_NL, REF_PACTS, "Zorgpact Rotterdam", "the 17th, started early 2017", fact="ambition_text"),
            C(S003, "De mooiste verhalen uit de regio", "gemeente", "trekkersrol", "Zorgpact Rotterdam", fact="lead"),
        ],
    },
    {
        "name": "Zorgpact Midden Nederland",
        "lead": "Utrechtzorg",
        "cite": [C(SRC_UTRECHTZORG, REF_PACTS, "Zorgpact Midden Nederland", "led by Utrechtzorg", fact="lead")],
        "actions": [
            {
                "title": "Future Care Challenge",
                "description": "Een challenge waarin studenten praktijkvragen oplossen.",
                "cite": [
                    C(
                        S003,
                        "De mooiste verhalen uit de regio",
                        "Zorgpact Midden Nederland",
                        "Future Care Challenge",
                        "studenten",
                        "praktijkvragen",
                    )
                ],
            },
            {
                "title": "Handreiking verduurzaming wijkleerbedrijven",
                "status": "done",
                "description": "Een handreiking om wijkleerbedrijven te verduurzamen, door het pact vrij beschikbaar gesteld.",
                "cite": [
                    C(
                        S004,
                        "Inspiratie uit gesprekken, voorbeelden, bezoeken en tools",
                        "Zorgpact Midden Nederland",
                        "handreiking",
                        "verduurzaming van wijkleerbedrijven",
                        "vrij beschikbaar",
                    )
                ],
            },
        ],
    },
    {
        "name": "Zorgpact Noord",
        "provinces": ["GR", "DR"],
        "lead": "ZorgpleinNoord",
        "region": "Groningen en Drenthe",
        "cite": [
            C(S000, "Olievlek", "Zorgpact Noord"),
            C(SRC_ZORGPACT_NL, REF_PACTS, "Zorgpact Noord", "Groningen and Drenthe", "ZorgpleinNoord", fact="lead"),
        ],
    },
    {
        "name": "Zorgpact Flevoland",
        "provinces": ["FL"],
        "started_on": "2016-10-01",
        "cite": [
            C(
                S002,
                "Nieuwe zorgpacten: 'Unieke kans om aan te sluiten'",
                "Sinds oktober",
                "Zorgpact Flevoland",
                fact="started_on",
            )
        ],
        "actions": [
            {
                "title": "Themabijeenkomsten 'contact maken'",
                "description": "Themabijeenkomsten over contact maken met cliënten; de eerste in maart 2017.",
                "starts_on": "2017-03-01",
                "cite": [
                    C(
                        S002,
                        "Ruimte voor maatwerk",
                        "Zorgpact Flevoland",
                        "themabijeenkomst",
                        "maart 2017",
                        "contact maken",
                    )
                ],
            }
        ],
    },
    {
        "name": "Zorgpact Haaglanden/Nieuwe Waterweg Noord",
        "started_on": "2016-11-01",
        "cite": [
            C(
                S002,
                "Nieuwe zorgpacten: 'Unieke kans om aan te sluiten'",
                "Sinds oktober",
                "Zorgpact Haaglanden/Nieuwe Waterweg Noord",
                "een maand later",
                fact="started_on",
            )
        ],
        "actions": [
            {
                "title": "Zichtbaarheid van regionale initiatieven",
                "description": "Regionale initiatieven zichtbaar maken en met elkaar verbinden.",
                "cite": [
                    C(
                        S002,
                        "Laat je zien!",
                        "Zorgpact Haaglanden/Nieuwe Waterweg Noord",
                        "zichtbaarheid",
                        "initiatieven",
                    )
                ],
            }
        ],
    },
    {
        "name": "Zorgpact Stedendriehoek/Noord-Veluwe",
        "cite": [
            C(S004, "Inspiratie uit gesprekken, voorbeelden, bezoeken en tools", "Zorgpact Stedendriehoek/Noord-Veluwe")
        ],
        "actions": [
            {
                "title": "Tiendaags traject voor zij-instromers",
                "description": "Een traject van tien dagen waarna zij-instromers in de zorg aan de slag kunnen en een bbl-opleiding kunnen volgen.",
                "cite": [
                    C(
                        S004,
                        "Inspiratie uit gesprekken, voorbeelden, bezoeken en tools",
                        "Zorgpact Stedendriehoek/Noord-Veluwe",
                        "10-daags traject",
                        "zij-instromers",
                        "BBL-opleiding",
                    )
                ],
            }
        ],
    },
    {
        "name": "Zorg- en Welzijnspact Midden- en Zuid-Gelderland",
        "provinces": ["GE"],
        "partners": ["Rijn IJssel", "ROC Nijmegen", "WZW", "De Waalboog"],
        "cite": [
            C(
                SRC_UTRECHTZORG,
                REF_PACTS,
                "Zorg- en Welzijnspact Midden- en Zuid-Gelderland",
                "Rijn IJssel",
                "ROC Nijmegen",
                "WZW",
                "De Waalboog",
                fact="partners",
            )
        ],
    },
    {"name": "Zorgpact Achterhoek", "cite": [C(SRC_ZORGPACT_NL, REF_PACTS, "Zorgpact Achterhoek")]},
    {
        "name": "Zorgpact Groot Amsterdam, Zaanstreek-Waterland en Noord-Holland Noord",
        "provinces": ["NH"],
        "started_on": "2016-06-09",
        "cite": [
            C(
                SRC_ZORGPACT_NL,
                REF_PACTS,
                "Zorgpact Groot Amsterdam, Zaanstreek-Waterland en Noord-Holland Noord",
                "signed 9 June 2016",
                fact="started_on",
            )
        ],
    },
    {"name": "Zorgpact Limburg", "provinces": ["LI"], "cite": [C("zorgpactlimburg.nl", REF_PACTS, "Zorgpact Limburg")]},
    {
        "name": "Zorg- en Welzijnspact West-Brabant",
        "provinces": ["NB"],
        "ambition_text": "De samenwerking verliep in drie fasen.",
        "cite": [C("west-brabant.eu", REF_PACTS, "Zorg- en Welzijnspact West-Brabant", "three phases")],
    },
]

# The koplopers the sources name (REFERENCE.md). Themes, provinces, partners and figures only where a source gives them.
KOPLOPERS = [
    {
        "name": "Evolva Werkplekleren",
        "themes": ["permanent-leren"],
        "cite": [
            C(
                S004,
                "Inspiratie uit gesprekken, voorbeelden, bezoeken en tools",
                "Permanent Leren",
                "Evolva Werkplekleren",
                fact="themes",
            ),
            C(S000, "Olievlek", "Evolva Werkplekleren"),
        ],
    },
    {
        "name": "Zorgalliantie.nu",
        "partners": ["Hogeschool van Arnhem en Nijmegen"],
        "summary": "Een koplopernetwerk van dertig partijen uit wonen, welzijn en zorg, samen met de Hogeschool van Arnhem en Nijmegen.",
        "cite": [
            C(
                S001,
                "Netwerkleren",
                "Zorgalliantie.nu",
                "dertig partijen",
                "wonen, welzijn en zorg",
                "Hogeschool van Arnhem en Nijmegen",
            )
        ],
    },
    {
        "name": "NetwerkZON",
        "started_year": 1997,
        "cite": [C(S001, "Organiseren op basis van wederkerigheid", "NetwerkZon", "1997", fact="started_year")],
    },
    {
        "name": "WijkLeerbedrijf Den Haag",
        "summary": "Een wijkleerbedrijf in de Schilderswijk.",
        "cite": [
            C(S001, "Impact WijkLeerbedrijf", "WijkLeerbedrijf Den Haag"),
            C(SRC_KOPGROEP, REF_KOPLOPERS, "WijkLeerbedrijf Den Haag", "Schilderswijk", fact="summary"),
        ],
    },
    {
        "name": "Praktijkroute Zorg",
        "themes": ["leren-in-de-praktijk"],
        "summary": "Een opleiding waarin studenten hun lessen en stage grotendeels in de zorglocatie volgen.",
        "cite": [
            C(
                S004,
                "Inspiratie uit gesprekken, voorbeelden, bezoeken en tools",
                "Praktijkroute Zorg",
                "leren in de praktijk",
                "lessen en stage",
                "zorglocatie",
            )
        ],
    },
    {
        "name": "GET-LAB Breda",
        "themes": ["zorg-en-technologie"],
        "summary": "Een werkplaats in Breda waar studenten, docenten en professionals zorgtechnologie ervaren.",
        "cite": [
            C(
                S004,
                "Inspiratie uit gesprekken, voorbeelden, bezoeken en tools",
                "GET-LAB",
                "Breda",
                "werkplaats",
                "zorgtechnologie",
            )
        ],
    },
    {
        "name": "Sparkcentres",
        "results": [
            {"label": "Studenten, docenten, onderzoekers en professionals betrokken", "value": 1000, "unit": "personen"}
        ],
        "results_text": "Meer dan 1.000 studenten, docenten, onderzoekers en professionals werken interprofessioneel samen.",
        "cite": [
            C(
                S004,
                "Inspiratie uit gesprekken, voorbeelden, bezoeken en tools",
                "Sparkcentres",
                "meer dan 1.000",
                "studenten, docenten, onderzoekers en professionals",
                "interprofessioneel",
                fact="results",
            )
        ],
    },
    {
        "name": "Zorgtrainingscentrum Zwolle",
        "cite": [
            C(S004, "Inspiratie uit gesprekken, voorbeelden, bezoeken en tools", "Zorgtrainingscentrum Zwolle", "vmbo")
        ],
    },
    {
        "name": "Care Academy Veluwe",
        "themes": ["leren-in-de-praktijk"],
        "cite": [
            C(
                S004,
                "Inspiratie uit gesprekken, voorbeelden, bezoeken en tools",
                "Care Academy Veluwe",
                "leren in de praktijk",
                fact="themes",
            )
        ],
    },
    {
        "name": "Wijkleercentra",
        "themes": ["leren-in-de-praktijk"],
        "cite": [
            C(
                S004,
                "Inspiratie uit gesprekken, voorbeelden, bezoeken en tools",
                "Wijkleercentra",
                "leren in de praktijk",
                fact="themes",
            )
        ],
    },
    {
        "name": "De Zeeuwse Huiskamer",
        "themes": ["leren-in-de-praktijk"],
        "cite": [
            C(
                S004,
                "Inspiratie uit gesprekken, voorbeelden, bezoeken en tools",
                "Zeeuwse Huiskamer",
                "leren in de praktijk",
                fact="themes",
            )
        ],
    },
    {
        "name": "MakeHealth",
        "themes": ["zorg-en-technologie"],
        "cite": [
            C(
                S004,
                "Inspiratie uit gesprekken, voorbeelden, bezoeken en tools",
                "MakeHealth",
                "zorgtechnologie",
                fact="themes",
            )
        ],
    },
    {
        "name": "Zorgtechniek Limburg",
        "themes": ["zorg-en-technologie"],
        "cite": [
            C(
                S004,
                "Inspiratie uit gesprekken, voorbeelden, bezoeken en tools",
                "Zorgtechniek Limburg",
                "zorgtechnologie",
                fact="themes",
            )
        ],
    },
    {
        "name": "Expertisecentrum voor Innovatieve Zorg en Technologie",
        "themes": ["zorg-en-technologie"],
        "cite": [
            C(
                S004,
                "Inspiratie uit gesprekken, voorbeelden, bezoeken en tools",
                "Expertisecentrum voor Innovatieve Zorg en Technologie",
                "zorgtechnologie",
                fact="themes",
            )
        ],
    },
    {
        "name": "STRONG",
        "summary": "Een koploper in Haaglanden.",
        "cite": [C(SRC_KOPGROEP, REF_KOPLOPERS, "STRONG (Haaglanden)", fact="summary")],
    },
    {
        "name": "Ketenstage",
        "summary": "Een koploper in Groningen.",
        "cite": [C(SRC_KOPGROEP, REF_KOPLOPERS, "Ketenstage (Groningen)", fact="summary")],
    },
    {
        "name": "KeTJA",
        "summary": "Een koploper in Amsterdam.",
        "cite": [C(SRC_KOPGROEP, REF_KOPLOPERS, "KeTJA (Amsterdam)", fact="summary")],
    },
    {
        "name": "Leerbedrijf De Koperhorst",
        "partners": ["MBO Amersfoort"],
        "summary": "Een leerbedrijf samen met MBO Amersfoort dat het hele jaar door stageplaatsen biedt.",
        "cite": [
            C(SRC_KOPGROEP, REF_KOPLOPERS, "Leerbedrijf De Koperhorst", "with MBO Amersfoort", fact="partners"),
            C(SRC_REGELS, REF_CASES, "De Koperhorst", "internships all year round", fact="summary"),
        ],
    },
    {"name": "Friese Praktijkroute", "cite": [C(SRC_KOPGROEP, REF_KOPLOPERS, "Friese Praktijkroute")]},
    {"name": "Zorgboulevard Roosendaal", "cite": [C(SRC_KOPGROEP, REF_KOPLOPERS, "Zorgboulevard Roosendaal")]},
    {
        "name": "Ontwikkeling leergang werkbegeleider 2.0",
        "cite": [C(SRC_KOPGROEP, REF_KOPLOPERS, "Ontwikkeling leergang werkbegeleider 2.0")],
    },
    {
        "name": "Professioneel samenwerken in de wijk",
        "cite": [C(SRC_KOPGROEP, REF_KOPLOPERS, "Professioneel samenwerken in de wijk")],
    },
    {"name": "All you can learn", "cite": [C(SRC_KOPGROEP, REF_KOPLOPERS, "All you can learn")]},
]

SCHEMES = [
    {
        "name": "Regionaal investeringsfonds mbo",
        "kind": "fund",
        "ministry": "OCW",
        "source": S001,
        "summary": "Fonds voor publiek-private samenwerking in het mbo.",
        "budget_text": "€125 miljoen in 2014–2018; 16 aanvragen in zorg en welzijn gehonoreerd tot en met 2017",
        "starts_on": "2014-01-01",
        "ends_on": "2018-12-31",
    },
    {"name": "SectorplanPlus", "kind": "subsidy", "ministry": "VWS", "source": S001},
    {
        "name": "Stagefonds Zorg",
        "kind": "fund",
        "ministry": "VWS",
        "source": S001,
        "eligibility": "Ook wijkleerbedrijven met een zorgcontract met de gemeente kunnen er gebruik van maken.",
    },
]

# Cases: outcome and ministries only where a source states them (None: not known).
CASES = [
    {
        "title": "Onderwijsprogramma verplaatsen naar de praktijk",
        "topic": "education_time",
        "ministries": None,
        "outcome": "within_rules",
        "question": "Kan ik het onderwijsprogramma verplaatsen naar de praktijk, hoeveel ruimte is daarvoor binnen regelgeving over onderwijstijd?",
        "answer": "Arcus College bleef met begeleide onderwijstijd binnen de bestaande regels.",
        "source": f"{S001}; {SRC_REGELS}",
        "themes": ["leren-in-de-praktijk"],
        "cite": [
            C(
                S001,
                "Ruimte in de regels",
                "onderwijsprogramma verplaatsen naar de praktijk",
                "onderwijstijd",
                fact="question",
            ),
            C(SRC_REGELS, REF_CASES, "Arcus College", "within the rules", "begeleide onderwijstijd", fact="outcome"),
        ],
    },
    {
        "title": "De cao bij werken voor twee zorginstellingen",
        "topic": "cao",
        "ministries": None,
        "outcome": None,
        "question": "Hoe zit het met de cao als mijn medewerkers voor mij en voor een andere zorginstelling gaan werken?",
        "source": S001,
        "cite": [C(S001, "Ruimte in de regels", "CAO", "andere zorginstelling", fact="question")],
    },
    {
        "title": "Experts uit de praktijk als docent",
        "topic": "teaching",
        "ministries": None,
        "outcome": None,
        "question": "Mogen we experts uit de praktijk inzetten als docent?",
        "source": S001,
        "cite": [C(S001, "Ruimte in de regels", "experts uit de praktijk", "docent", fact="question")],
    },
    {
        "title": "Stagefonds voor wijkleerbedrijven met een zorgcontract",
        "topic": "funding",
        "ministries": None,
        "outcome": "rule_changed",
        "question": "Kunnen wijkleerbedrijven met een zorgcontract met de gemeente gebruikmaken van het Stagefonds?",
        "answer": "De regeling is verruimd: wijkleerbedrijven met een zorgcontract met de gemeente kunnen nu gebruikmaken van het Stagefonds.",
        "source": S001,
        "schemes": ["Stagefonds Zorg"],
        "themes": ["leren-in-de-praktijk"],
        "cite": [
            C(
                S001,
                "Ruimte in de regels",
                "Eenmaal",
                "verruimd",
                "wijkleerbedrijven",
                "zorgcontract",
                "gemeente",
                "Stagefonds",
                fact="outcome",
            )
        ],
    },
    {
        "title": "Het hele jaar door stage lopen",
        "topic": "internships",
        "ministries": None,
        "outcome": None,
        "question": "",
        "answer": "De Koperhorst biedt het hele jaar door stageplaatsen.",
        "source": SRC_REGELS,
        "koplopers": ["Leerbedrijf De Koperhorst"],
        "cite": [C(SRC_REGELS, REF_CASES, "De Koperhorst", "internships all year round", fact="answer")],
    },
    {
        "title": "Samen Slim Zorgen Thuis",
        "topic": "",
        "ministries": None,
        "outcome": None,
        "question": "",
        "source": SRC_REGELS,
        "cite": [C(SRC_REGELS, REF_CASES, "Summa College", "Samen Slim Zorgen Thuis")],
    },
]
