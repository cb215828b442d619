from pathlib import Path

import polib
from django.test import Client

PO = Path(__file__).resolve().parents[2] / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def test_every_ui_string_has_a_dutch_translation():
    catalogue = polib.pofile(str(PO))
    untranslated = [e.msgid for e in catalogue if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    assert untranslated == [], "run `make messages` and translate: " + "; ".join(untranslated[:10])


def test_pages_are_dutch_by_default_and_english_on_request(db):
    client = Client()
    assert "Regionale Zorgpacten" in client.get("/regionale-zorgpacten/").text
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Regional pacts" in client.get("/regionale-zorgpacten/").text
