"""The sources the portal cites, and the programme's published figures as they give them.

Facts, not demo data: the home page and the Ruimte in de regels page show these figures with their source, and the
demo loader (zorgpact/demo/data.py) cites the same documents. A citation C(document, locator, *evidence terms) names
the seed file or public address, the section, and the names and figures it rests on (never the source's sentences);
tests/demo/test_citations.py checks each against the documents.
"""

S000 = "000_083e355c98f1d7b0.txt"  # meeting of the regional pacts with the state secretary
S001 = "001_29e8fc3af63d526e.txt"  # Platform31, Zorgpact: samen op weg naar beter (2018)
S002 = "002_19717e10075b9618.txt"  # portrait of the new pacts Flevoland and Haaglanden/Nieuwe Waterweg Noord
S003 = "003_a79b878802dfc0b0.txt"  # closing summary of the regional pacts
S004 = "004_1bb0aa331bb873b0.txt"  # closing summary of the themes


def C(document: str, locator: str, *terms: str, fact: str = "") -> dict:
    """A citation: `terms` must stand together in one paragraph of `document` (a web address: its row in
    REFERENCE.md, which records what that public page says)."""
    return {"document": document, "locator": locator, "terms": list(terms), "fact": fact}


SEED_PROGRAMME = "Platform31, Zorgpact: samen op weg naar beter (2018)"
SEED_PACTS_CLOSING = "Slotsamenvatting Regionale Zorgpacten (2019)"
SEED_THEMES_CLOSING = "Slotsamenvatting thema's Zorgpact (2019)"
SEED_MEETING = "Verslag bijeenkomst regionale Zorgpacten met de staatssecretaris"
SEED_NEW_PACTS = "Portret nieuwe regionale Zorgpacten Flevoland en Haaglanden/Nieuwe Waterweg Noord"

SRC_ZORGPACT_NL = "zorgpact.nl"
SRC_KOPGROEP = "zorgpact.nl/kopgroep"
SRC_REGELS = "zorgpact.nl/ruimte-in-de-regels"
SRC_UTRECHTZORG = "utrechtzorg.net"
# A public web page has no locator we know of (its facts are recorded in REFERENCE.md, where the test finds them).
REF_PACTS = REF_KOPLOPERS = REF_FIGURES = REF_CASES = ""

# Programme figures as the sources give them: historical facts, shown with their source, never used as counts.
PROGRAMME_FIGURES = [
    {
        "key": "period",
        "label": "Looptijd van het programma",
        "value": "2015–2019",
        "cite": C(SRC_ZORGPACT_NL, REF_FIGURES, "programme period", "2015–2019"),
    },
    {
        "key": "pacts",
        "label": "Regionale Zorgpacten",
        "value": "17",
        "cite": C(S003, "1.100 organisaties, 106 acties", "17 Regionale Zorgpacten"),
    },
    {
        "key": "organisations",
        "label": "Betrokken organisaties in de regionale pacten",
        "value": "ruim 1.100",
        "cite": C(S003, "1.100 organisaties, 106 acties", "meer dan 1.100 organisaties"),
    },
    {
        "key": "actions",
        "label": "Acties op de actieagenda's",
        "value": "106",
        "cite": C(S003, "1.100 organisaties, 106 acties", "106 acties"),
    },
    {
        "key": "volgspot",
        "label": "Regio's met een Volgspotbijeenkomst eind 2017",
        "value": "15 van 16",
        "cite": C(S001, "Volgspot", "Eind 2017", "15 van de 16", "Volgspotbijeenkomst"),
    },
    {
        "key": "koplopers",
        "label": "Koplopers aan het eind",
        "value": "80",
        "cite": C(SRC_KOPGROEP, REF_FIGURES, "koplopers over time", "80 at the end"),
    },
    {
        "key": "adopted",
        "label": "Koplopers waarvan het concept elders is overgenomen",
        "value": "twee derde",
        "cite": C(S001, "Hoe zien koplopers eruit?", "twee derde"),
    },
    {
        "key": "cases",
        "label": "Belemmeringen in Ruimte in de regels",
        "value": "ruim 70 (60 binnen de regels, 10 met een andere aanpak)",
        "cite": C(
            SRC_REGELS,
            REF_FIGURES,
            "Ruimte in de regels obstacles",
            "ruim 70",
            "60 solved within the existing rules",
            "10 by a different approach",
        ),
    },
    {
        "key": "rule_changed",
        "label": "Regelgeving aangepast na een melding",
        "value": "1 keer (Stagefonds)",
        "cite": C(S001, "Ruimte in de regels", "Eenmaal", "verruimd", "Stagefonds"),
    },
    {
        "key": "sessions",
        "label": "Thema-sessies op de Landelijke Werkdagen",
        "value": "ruim 70",
        "cite": C(S004, "Netwerkvorming en productontwikkeling", "Landelijke Werkdagen", "meer dan 70", "themasessies"),
    },
]
# The case library's headline: the programme's figures from the source, beside the portal's own count.
CASE_PROGRAMME_FIGURES = {"total": "ruim 70", "within_rules": 60, "cite": PROGRAMME_FIGURES[7]["cite"]}


for _figure in PROGRAMME_FIGURES + [CASE_PROGRAMME_FIGURES]:
    _figure["source"] = _figure["cite"]["document"]
