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
        "intro": "Opleiden op de plek waar de zorg wordt geleverd: werkplekleren, leerwerkplaatsen en "
        "wijkleerbedrijven waar studenten, docenten en zorgprofessionals samen leren.",
        "introduced_on": "2015-01-01",
        "source": f"{SEED_PROGRAMME}; {SEED_THEMES_CLOSING}",
    },
    {
        "name": "Permanent leren",
        "slug": "permanent-leren",
        "intro": "Blijven leren tijdens de loopbaan: scholing van zittende medewerkers en routes voor zij-instromers.",
        "introduced_on": "2015-01-01",
        "source": f"{SEED_PROGRAMME}; {SEED_THEMES_CLOSING}",
    },
    {
        "name": "Zorg en technologie",
        "slug": "zorg-en-technologie",
        "intro": "Technologie in zorg en welzijn en wat dat vraagt van opleidingen en professionals.",
        "introduced_on": "2015-01-01",
        "source": f"{SEED_PROGRAMME}; {SEED_THEMES_CLOSING}",
    },
    {
        "name": "Toenemende opleidingseisen",
        "slug": "toenemende-opleidingseisen",
        "intro": "De zorgvraag wordt complexer; wat betekent dat voor het opleidingsniveau en de opleidingen?",
        "introduced_on": "2015-01-01",
        "source": f"{SEED_PROGRAMME}; {SEED_THEMES_CLOSING}",
    },
    {
        "name": "Vmbo zorg en welzijn",
        "slug": "vmbo-zorg-en-welzijn",
        "intro": "Het vmbo als begin van de beroepskolom in zorg en welzijn; toegevoegd in het laatste jaar.",
        "introduced_on": "2018-09-01",
        "source": SEED_THEMES_CLOSING,
    },
]
