"""Every citation of the demo data rests on its source: all evidence terms stand together in one paragraph of the
cited document (../shared/seeds/<file>, or for a public address its row in ../shared/REFERENCE.md, which records
what that page says). Case, whitespace and typographic quotes are normalised. Issue 17, point 2."""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings

from zorgpact.demo import data as demo_data
from zorgpact.models import Citation

# The repository's sibling folder; ZORGPACT_SHARED_DIR points elsewhere (a git worktree one level deeper).
SHARED = Path(os.environ.get("ZORGPACT_SHARED_DIR") or Path(settings.BASE_DIR).parent / "shared")
QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "„": '"', "–": "-", "\u00a0": " "})


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(QUOTES)).strip().lower()


def seed_paragraphs(text: str) -> list[str]:
    return [normalise(p) for p in re.split(r"\n\s*\n", text) if p.strip()]


def markdown_paragraphs(text: str) -> list[str]:
    """REFERENCE.md: each table row and each list item is a paragraph of its own; other text by blank lines."""
    paragraphs, current = [], []
    for line in text.splitlines():
        starts_new = not line.strip() or line.lstrip().startswith(("|", "- ", "#"))
        if starts_new and current:
            paragraphs.append(" ".join(current))
            current = []
        if line.strip():
            current.append(line)
        if line.lstrip().startswith(("|", "#")):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return [normalise(p) for p in paragraphs]


def load_documents() -> dict[str, list[str]]:
    if not SHARED.is_dir():
        pytest.skip(f"the source documents are not here: {SHARED} is absent (a clone without ../shared)")
    documents = {path.name: seed_paragraphs(path.read_text()) for path in (SHARED / "seeds").glob("*.txt")}
    documents["REFERENCE.md"] = markdown_paragraphs((SHARED / "REFERENCE.md").read_text())
    return documents


def problem(documents: dict, *, document: str, locator: str, terms: list[str]) -> str | None:
    """Why this citation does not rest on its document, or None when it does."""
    if not terms:
        return "no evidence terms"
    wanted = [normalise(t) for t in terms]
    if document.endswith(".txt"):
        if document not in documents:
            return f"document {document} is not among the seeds"
        paragraphs = documents[document]
        if locator and not any(normalise(locator) in p for p in paragraphs):
            return f"locator {locator!r} is not in {document}"
    else:  # a public address: its facts as REFERENCE.md records them, in a paragraph that names the address
        paragraphs = [p for p in documents["REFERENCE.md"] if normalise(document) in p]
        if not paragraphs:
            return f"REFERENCE.md has no paragraph naming {document}"
    if not any(all(t in p for t in wanted) for p in paragraphs):
        missing = max(paragraphs, key=lambda p: sum(t in p for t in wanted))
        return f"terms {terms} are not together in one paragraph (best has {[t for t in wanted if t in missing]})"
    return None


def all_data_citations():
    """Every citation the loader writes, with the record it is about."""
    for group in ("ORGANISATIONS", "PACTS", "KOPLOPERS", "CASES"):
        for item in getattr(demo_data, group):
            name = item.get("name") or item.get("title")
            for c in item.get("cite", []):
                yield f"{group} {name}", c
            for action in item.get("actions", []):
                for c in action["cite"]:
                    yield f"action {name} / {action['title']}", c
    yield "every real pact's status", demo_data.RAAT
    for figure in demo_data.PROGRAMME_FIGURES:
        yield f"programme figure {figure['label']}", figure["cite"]


def test_every_demo_citation_rests_on_its_document():
    documents = load_documents()
    failures = [
        f"{record}: {why}"
        for record, c in all_data_citations()
        if (why := problem(documents, document=c["document"], locator=c["locator"], terms=c["terms"]))
    ]
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_every_stored_citation_rests_on_its_document_and_every_real_record_has_one():
    from koplopers.models import Koploper
    from pacts.models import Action, Pact
    from regels.models import Case
    from zorgpact.demo.loader import load_demo_data
    from zorgpact.models import Organisation

    documents = load_documents()
    load_demo_data()
    failures = [
        f"{c.content_type.model} {c.record}: {why}"
        for c in Citation.objects.select_related("content_type")
        if (why := problem(documents, document=c.document, locator=c.locator, terms=c.evidence_terms))
    ]
    assert not failures, "\n".join(failures)
    for queryset in (
        Pact.objects.filter(is_synthetic=False),
        Action.objects.filter(pact__is_synthetic=False),
        Koploper.objects.filter(is_synthetic=False),
        Case.objects.all(),
        Organisation.objects.filter(is_synthetic=False),
    ):
        uncited = [str(r) for r in queryset if not r.citations.exists()]
        assert not uncited, f"{queryset.model.__name__} without a citation: {uncited}"


@pytest.mark.parametrize("change", ["changed", "moved"])
def test_the_check_fails_when_a_term_is_changed_or_moved(change):
    documents = load_documents()
    good = {
        "document": demo_data.S003,
        "locator": "De mooiste verhalen uit de regio",
        "terms": ["Zorgpact Midden-Brabant", "Doelen Inspanningen Netwerk", "DIN"],
    }
    assert problem(documents, **good) is None
    # "106" is in the same document, but in another paragraph than Midden-Brabant's DIN.
    bad = {
        **good,
        "terms": [
            "Zorgpact Midden-Brabant",
            "Doelen Inspanningen Netwerk",
            "DIN-model" if change == "changed" else "106",
        ],
    }
    assert "not together in one paragraph" in problem(documents, **bad)


def test_normalising_covers_case_whitespace_and_typographic_quotes():
    documents = load_documents()
    # The source writes "RAAT’s" with a typographic apostrophe and splits nothing; the term uses a plain one, in capitals.
    assert (
        problem(
            documents,
            document=demo_data.S003,
            locator="hoe gaat het verder?",
            terms=["REGIONALE   zorgpacten", "RAAT's"],
        )
        is None
    )
    # "10-daags" follows two spaces in the source.
    assert problem(documents, document=demo_data.S004, locator="", terms=["startte een 10-daags traject"]) is None


def test_a_web_address_is_checked_against_its_row_in_the_reference():
    documents = load_documents()
    assert (
        problem(documents, document="utrechtzorg.net", locator="", terms=["Zorgpact Midden Nederland", "Utrechtzorg"])
        is None
    )
    # Achterhoek's row does not name Utrechtzorg.
    assert (
        problem(documents, document="zorgpact.nl", locator="", terms=["Zorgpact Achterhoek", "Utrechtzorg"]) is not None
    )
