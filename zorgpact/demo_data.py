"""Facts from the published sources (../shared/REFERENCE.md and seeds), kept in the project.

Every record names its source. Nothing here is invented about real organisations; the fictional
Oefenregio is labelled as such.
"""

SEED_PROGRAMME = "Platform31, Zorgpact: samen op weg naar beter (2018)"
SEED_PACTS_CLOSING = "Slotsamenvatting Regionale Zorgpacten (2019)"
SEED_THEMES_CLOSING = "Slotsamenvatting thema's Zorgpact (2019)"
SEED_MEETING = "Verslag bijeenkomst regionale Zorgpacten met de staatssecretaris"
SEED_NEW_PACTS = "Portret nieuwe regionale Zorgpacten Flevoland en Haaglanden/Nieuwe Waterweg Noord"

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

SRC_ZORGPACT_NL = "zorgpact.nl"
SRC_KOPGROEP = "zorgpact.nl/kopgroep"
SRC_REGELS = "zorgpact.nl/ruimte-in-de-regels"

# Programme figures as the sources give them: historical facts, shown with their source, never used as counts.
PROGRAMME_FIGURES = [
    {"label": "Looptijd van het programma", "value": "2015–2019", "source": f"{SEED_PROGRAMME}; zorgpact.nl/over-zorgpact"},
    {"label": "Regionale Zorgpacten", "value": "17", "source": f"{SEED_PACTS_CLOSING} (16 eind 2017: {SEED_PROGRAMME})"},
    {"label": "Betrokken organisaties in de regionale pacten", "value": "ruim 1.100", "source": SEED_PACTS_CLOSING},
    {"label": "Acties op de actieagenda's", "value": "106", "source": SEED_PACTS_CLOSING},
    {"label": "Regio's met een Volgspotbijeenkomst eind 2017", "value": "15 van 16", "source": SEED_PROGRAMME},
    {"label": "Koplopers aan het eind", "value": "80", "source": f"{SEED_PROGRAMME}; {SRC_KOPGROEP}"},
    {"label": "Koplopers waarvan het concept elders is overgenomen", "value": "twee derde", "source": SEED_PROGRAMME},
    {"label": "Belemmeringen in Ruimte in de regels", "value": "ruim 70 (60 binnen de regels, 10 met een andere aanpak)", "source": SRC_REGELS},
    {"label": "Regelgeving aangepast na een melding", "value": "1 keer (Stagefonds)", "source": SEED_PROGRAMME},
    {"label": "Thema-sessies op de Landelijke Werkdagen", "value": "ruim 70", "source": SEED_THEMES_CLOSING},
]

# Organisations the sources name, with what the sources say about their place in the golden triangle.
ORGANISATIONS = [
    {"name": "Gemeente Rotterdam", "pillar": "government", "government_level": "gemeente", "municipality": "Rotterdam", "province": "ZH", "source": SEED_PACTS_CLOSING},
    {"name": "Utrechtzorg", "pillar": "care", "province": "UT", "source": SEED_PACTS_CLOSING},
    {"name": "ZorgpleinNoord", "pillar": "care", "source": f"{SEED_MEETING}; {SRC_ZORGPACT_NL}"},
    {"name": "Rijn IJssel", "pillar": "education", "education_level": "mbo", "province": "GE", "source": "utrechtzorg.net / partners"},
    {"name": "ROC Nijmegen", "pillar": "education", "education_level": "mbo", "province": "GE", "source": "utrechtzorg.net / partners"},
    {"name": "WZW", "pillar": "care", "province": "GE", "source": "utrechtzorg.net / partners"},
    {"name": "De Waalboog", "pillar": "care", "care_sector": "elderly", "province": "GE", "source": "utrechtzorg.net / partners"},
    {"name": "Hogeschool van Arnhem en Nijmegen", "pillar": "education", "education_level": "hbo", "province": "GE", "source": SEED_PROGRAMME},
    {"name": "MBO Amersfoort", "pillar": "education", "education_level": "mbo", "province": "UT", "source": SRC_REGELS},
    {"name": "Arcus College", "pillar": "education", "education_level": "mbo", "province": "LI", "source": SRC_REGELS},
    {"name": "Summa College", "pillar": "education", "education_level": "mbo", "province": "NB", "source": SRC_REGELS},
]

# The regional pacts the sources name, with what they say of them (REFERENCE.md); unknown fields stay empty.
PACTS = [
    {"name": "Zorgpact Midden-Brabant", "provinces": ["NB"], "source": SEED_PACTS_CLOSING,
     "ambition_text": "Werkt met een Doelen Inspanningen Netwerk (DIN) om doelen, inspanningen en resultaten te verbinden."},
    {"name": "Zorgpact Zeeland", "provinces": ["ZE"], "source": SEED_PACTS_CLOSING,
     "actions": [{"title": "Praktijkroute ouderenzorg", "description": "Een praktijkroute in de ouderenzorg; de instroom van studenten groeide sterk.", "theme": "leren-in-de-praktijk"}]},
    {"name": "Zorgpact Kennemerland, Amstelland en Meerlanden", "provinces": ["NH"], "source": SEED_PACTS_CLOSING,
     "actions": [{"title": "Inclusieve arbeidsmarkt", "description": "Werken aan een inclusieve arbeidsmarkt in zorg en welzijn."}]},
    {"name": "Zorgpact Rotterdam", "provinces": ["ZH"], "source": f"{SEED_PROGRAMME}; {SEED_PACTS_CLOSING}", "lead": "Gemeente Rotterdam",
     "ambition_text": "Het enige pact met de gemeente als trekker; als zeventiende pact gestart begin 2017."},
    {"name": "Zorgpact Midden Nederland", "provinces": ["UT"], "source": f"{SEED_PACTS_CLOSING}; {SEED_THEMES_CLOSING}", "lead": "Utrechtzorg",
     "actions": [
         {"title": "Future Care Challenge", "description": "Een challenge rond de zorg van de toekomst.", "theme": "zorg-en-technologie"},
         {"title": "Handreiking wijkleerbedrijven", "description": "Een handreiking voor het opzetten van wijkleerbedrijven.", "theme": "leren-in-de-praktijk"},
     ]},
    {"name": "Zorgpact Noord", "provinces": ["GR", "DR"], "source": f"{SEED_MEETING}; {SRC_ZORGPACT_NL}", "lead": "ZorgpleinNoord",
     "region": "Groningen en Drenthe"},
    {"name": "Zorgpact Flevoland", "provinces": ["FL"], "source": SEED_NEW_PACTS, "started_on": "2016-10-01",
     "actions": [{"title": "Themabijeenkomsten 'contact maken'", "description": "Themabijeenkomsten over contact maken; de eerste in maart 2017.", "starts_on": "2017-03-01"}]},
    {"name": "Zorgpact Haaglanden/Nieuwe Waterweg Noord", "provinces": ["ZH"], "source": SEED_NEW_PACTS, "started_on": "2016-11-01",
     "actions": [{"title": "Zichtbaarheid van regionale initiatieven", "description": "Regionale initiatieven in zorg, welzijn en onderwijs zichtbaar maken."}]},
    {"name": "Zorgpact Stedendriehoek/Noord-Veluwe", "provinces": ["GE", "OV"], "source": SEED_THEMES_CLOSING,
     "actions": [{"title": "Tiendaags traject voor zij-instromers", "description": "Een traject van tien dagen dat zij-instromers voorbereidt op een bbl-opleiding.", "theme": "permanent-leren"}]},
    {"name": "Zorg- en Welzijnspact Midden- en Zuid-Gelderland", "provinces": ["GE"], "source": "utrechtzorg.net / partners",
     "partners": ["Rijn IJssel", "ROC Nijmegen", "WZW", "De Waalboog"]},
    {"name": "Zorgpact Achterhoek", "provinces": ["GE"], "source": SRC_ZORGPACT_NL},
    {"name": "Zorgpact Groot Amsterdam, Zaanstreek-Waterland en Noord-Holland Noord", "provinces": ["NH"], "source": SRC_ZORGPACT_NL, "started_on": "2016-06-09"},
    {"name": "Zorgpact Limburg", "provinces": ["LI"], "source": "zorgpactlimburg.nl"},
    {"name": "Zorg- en Welzijnspact West-Brabant", "provinces": ["NB"], "source": "west-brabant.eu",
     "ambition_text": "De samenwerking verliep in drie fasen."},
]

# The koplopers the sources name (REFERENCE.md). Partners only where a source names them.
KOPLOPERS = [
    {"name": "Evolva Werkplekleren", "source": SRC_KOPGROEP, "themes": ["leren-in-de-praktijk"]},
    {"name": "Zorgalliantie.nu", "source": SEED_PROGRAMME, "partners": ["Hogeschool van Arnhem en Nijmegen"], "provinces": ["GE"],
     "summary": "Een alliantie van dertig partijen met de Hogeschool van Arnhem en Nijmegen."},
    {"name": "NetwerkZON", "source": SEED_PROGRAMME, "started_year": 1997},
    {"name": "WijkLeerbedrijf Den Haag", "source": SEED_PROGRAMME, "provinces": ["ZH"], "themes": ["leren-in-de-praktijk"],
     "summary": "Een wijkleerbedrijf in de Schilderswijk."},
    {"name": "Praktijkroute Zorg", "source": SEED_THEMES_CLOSING, "themes": ["leren-in-de-praktijk"],
     "summary": "Een opleiding waarin studenten hun lessen en stage grotendeels in de zorglocatie volgen."},
    {"name": "GET-LAB Breda", "source": SEED_THEMES_CLOSING, "provinces": ["NB"], "themes": ["zorg-en-technologie"]},
    {"name": "Sparkcentres", "source": SEED_PROGRAMME, "themes": ["zorg-en-technologie"],
     "results": [{"label": "Studenten, docenten, onderzoekers en professionals betrokken", "value": 1000, "unit": "personen"}],
     "results_text": "Meer dan 1.000 studenten, docenten, onderzoekers en professionals doen mee."},
    {"name": "Zorgtrainingscentrum Zwolle", "source": SRC_KOPGROEP, "provinces": ["OV"]},
    {"name": "Care Academy Veluwe", "source": SRC_KOPGROEP, "provinces": ["GE"]},
    {"name": "Wijkleercentra", "source": SRC_KOPGROEP, "themes": ["leren-in-de-praktijk"]},
    {"name": "De Zeeuwse Huiskamer", "source": SEED_MEETING, "provinces": ["ZE"], "pact": "Zorgpact Zeeland"},
    {"name": "MakeHealth", "source": SEED_THEMES_CLOSING, "themes": ["zorg-en-technologie"]},
    {"name": "Zorgtechniek Limburg", "source": SRC_KOPGROEP, "provinces": ["LI"], "themes": ["zorg-en-technologie"]},
    {"name": "Expertisecentrum voor Innovatieve Zorg en Technologie", "source": SRC_KOPGROEP, "themes": ["zorg-en-technologie"]},
    {"name": "STRONG", "source": SRC_KOPGROEP, "provinces": ["ZH"], "summary": "Een koploper in Haaglanden."},
    {"name": "Ketenstage", "source": SRC_KOPGROEP, "provinces": ["GR"], "themes": ["leren-in-de-praktijk"]},
    {"name": "KeTJA", "source": SRC_KOPGROEP, "provinces": ["NH"], "summary": "Een koploper in Amsterdam."},
    {"name": "Leerbedrijf De Koperhorst", "source": f"{SRC_KOPGROEP}; {SRC_REGELS}", "provinces": ["UT"], "partners": ["MBO Amersfoort"],
     "summary": "Een leerbedrijf samen met MBO Amersfoort dat het hele jaar door stageplaatsen biedt."},
    {"name": "Friese Praktijkroute", "source": SRC_KOPGROEP, "provinces": ["FR"], "themes": ["leren-in-de-praktijk"]},
    {"name": "Zorgboulevard Roosendaal", "source": SRC_KOPGROEP, "provinces": ["NB"]},
    {"name": "Ontwikkeling leergang werkbegeleider 2.0", "source": SRC_KOPGROEP, "themes": ["permanent-leren"]},
    {"name": "Professioneel samenwerken in de wijk", "source": SRC_KOPGROEP},
    {"name": "All you can learn", "source": SRC_KOPGROEP, "themes": ["permanent-leren"]},
]

SCHEMES = [
    {"name": "Regionaal investeringsfonds mbo", "kind": "fund", "ministry": "OCW", "source": SEED_PROGRAMME,
     "summary": "Fonds voor publiek-private samenwerking in het mbo.", "budget_text": "€125 miljoen in 2014–2018; 16 aanvragen in zorg en welzijn gehonoreerd tot en met 2017",
     "starts_on": "2014-01-01", "ends_on": "2018-12-31"},
    {"name": "SectorplanPlus", "kind": "subsidy", "ministry": "VWS", "source": SEED_PROGRAMME},
    {"name": "Stagefonds Zorg", "kind": "fund", "ministry": "VWS", "source": SEED_PROGRAMME,
     "eligibility": "Ook wijkleerbedrijven met een zorgcontract met de gemeente kunnen er gebruik van maken."},
]

CASES = [
    {"title": "Onderwijsprogramma verplaatsen naar de praktijk", "topic": "education_time", "ministries": ["OCW"], "outcome": "within_rules",
     "question": "Kan ik het onderwijsprogramma verplaatsen naar de praktijk, hoeveel ruimte is daarvoor binnen regelgeving over onderwijstijd?",
     "answer": "Arcus College bleef met begeleide onderwijstijd in de praktijk binnen de bestaande regels.",
     "source": f"{SEED_PROGRAMME}; {SRC_REGELS}", "themes": ["leren-in-de-praktijk"]},
    {"title": "De cao bij werken voor twee zorginstellingen", "topic": "cao", "ministries": ["SZW"], "outcome": "open",
     "question": "Hoe zit het met de cao als mijn medewerkers voor mij en voor een andere zorginstelling gaan werken?", "source": SEED_PROGRAMME},
    {"title": "Experts uit de praktijk als docent", "topic": "teaching", "ministries": ["OCW"], "outcome": "open",
     "question": "Mogen we experts uit de praktijk inzetten als docent?", "source": SEED_PROGRAMME},
    {"title": "Stagefonds voor wijkleerbedrijven met een zorgcontract", "topic": "funding", "ministries": ["VWS"], "outcome": "rule_changed",
     "question": "Kunnen wijkleerbedrijven met een zorgcontract met de gemeente gebruikmaken van het Stagefonds?",
     "answer": "De regeling is verruimd: wijkleerbedrijven met een zorgcontract met de gemeente kunnen nu gebruikmaken van het Stagefonds.",
     "source": SEED_PROGRAMME, "schemes": ["Stagefonds Zorg"], "themes": ["leren-in-de-praktijk"]},
    {"title": "Het hele jaar door stage lopen", "topic": "internships", "ministries": ["OCW"], "outcome": "open",
     "question": "Kan een leerbedrijf het hele jaar door stageplaatsen bieden?", "answer": "De Koperhorst biedt het hele jaar door stageplaatsen.",
     "source": SRC_REGELS, "koplopers": ["Leerbedrijf De Koperhorst"]},
    {"title": "Samen Slim Zorgen Thuis", "topic": "other", "ministries": [], "outcome": "open",
     "question": "Casus van Summa College: Samen Slim Zorgen Thuis.", "source": SRC_REGELS},
]
