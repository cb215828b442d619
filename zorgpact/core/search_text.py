"""How a free-text query matches and is marked: the one rule for /zoeken/, the koplopers catalogue and the case library.

A query is its words (letters and digits, two or more). Every word must match, in any of the searched fields, in one
of its Dutch forms: "stages lopen" finds "Het hele jaar door stage lopen", "leren" finds "lerend" and "leert".

- PostgreSQL: the stored, GIN-indexed `search_vector` (filled with the Dutch configuration by the trigger of
  zorgpact.core.search_sql) against a tsquery in which each word is `to_tsquery('dutch', 'word:* | stem:*') ||
  to_tsquery('simple', 'stem:*')`: the word as typed and its Snowball stem, stemmed again by PostgreSQL's Dutch stemmer,
  and the Snowball stem as it is, all matched as prefixes, so the inflections and the compounds that start with the
  word are found (PostgreSQL's older Dutch stemmer leaves "stages" and "leert" as they are; the Snowball stemmer makes
  them "stage" and "leer", which find "stage" and "leert"). A word of `INSIDE_WORD_MIN` letters or more also matches
  inside a word of any searched field ("zorg" finds "Ouderenzorg": Dutch compounds put the word searched for last), by
  `icontains`, which the fields' GIN trigram indexes serve (`search_sql.trigram_indexes`).
- SQLite (the embedded default): the function `zp_match` registered on every SQLite connection applies the same rule
  in Python (`text_matches`): a word matches when its Snowball stem starts one of the stems of the text, or when a
  word of `INSIDE_WORD_MIN` letters or more occurs anywhere in it.

Only words reach the SQL: a query can never become tsquery syntax or a LIKE pattern.
"""

import re
import threading

import snowballstemmer
from django.contrib.postgres.search import SearchQuery
from django.db import connection, models
from django.db.backends.signals import connection_created
from django.db.models import BooleanField, F, Func, Q, Value
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

MAX_QUERY = 200
WORD = re.compile(r"[^\W_]+")
# A word shorter than this matches, and is marked, only at the start of a word: "wmo" or "ict" inside other words
# ("conflict") would be noise, and a trigram index cannot serve a search for fewer than three letters.
INSIDE_WORD_MIN = 4
# Marked after a stem: the rest of its word when that is an inflection's length ("lop" + "en" marks "lopen"), else
# only the stem ("zorg" inside "Zorgtechniek" marks "Zorg").
INFLECTION_TAIL = 3

# The Snowball Dutch stop list, as PostgreSQL's Dutch configuration drops it from every index: never a query word
# (on PostgreSQL it would match nothing, on SQLite nearly everything).
DUTCH_STOP_WORDS = frozenset(
    "de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om hem dan "
    "zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar naar heb hoe "
    "heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden toch al waren veel meer doen "
    "toen moet ben zonder kan hun dus alles onder ja eens hier wie werd altijd doch wordt wezen kunnen "
    "ons zelf tegen na reeds wil kon niets uw iemand geweest andere".split()
)

_local = threading.local()


def _stemmer():
    # A Snowball stemmer keeps state while it works: one per thread.
    if not hasattr(_local, "stemmer"):
        _local.stemmer = snowballstemmer.stemmer("dutch")
    return _local.stemmer


def clean_query(raw: str) -> str:
    return " ".join((raw or "").replace("\x00", " ").split())[:MAX_QUERY]


def query_words(query: str) -> list[str]:
    """The words of a query, lowercased, each once, in order; words of one letter and stop words are left out."""
    words = WORD.findall(clean_query(query).lower())
    return list(dict.fromkeys(w for w in words if len(w) >= 2 and w not in DUTCH_STOP_WORDS))


def stem(word: str) -> str:
    return _stemmer().stemWord(word.lower())


def word_forms(word: str) -> list[str]:
    """The forms a word is looked up by: as typed and its Snowball stem."""
    return list(dict.fromkeys([word.lower(), stem(word)]))


def tsquery_text(words: list[str]) -> str:
    """The `to_tsquery('dutch', ...)` text: every word required, each in any of its forms, as a prefix."""
    return " & ".join("(" + " | ".join(f"{form}:*" for form in word_forms(w)) + ")" for w in words)


def word_query(word: str) -> SearchQuery:
    """One word as typed and as its Snowball stem, stemmed by PostgreSQL's Dutch configuration, and the Snowball stem
    once more unstemmed ('simple'): PostgreSQL keeps "leert" as it is, and "leer:*" finds it."""
    return SearchQuery(tsquery_text([word]), config="dutch", search_type="raw") | SearchQuery(
        f"{stem(word)}:*", config="simple", search_type="raw"
    )


def search_query(query: str) -> SearchQuery:
    """Every word required, each in its forms (`word_query`): the index part of the match, and what ranks a hit."""
    combined = None
    for word in query_words(query):
        either = word_query(word)
        combined = either if combined is None else combined & either
    return combined


def text_matches(query: str, *texts: str | None) -> bool:
    """The rule on SQLite (and the reference for PostgreSQL's): every word of the query, in one of its forms, in one of
    the texts — its stem at the start of one of the texts' stems, or the word itself anywhere."""
    words = query_words(query)
    if not words:
        return False
    text = " ".join(t for t in texts if t).lower()
    stems = [stem(w) for w in WORD.findall(text)]
    return all((len(w) >= INSIDE_WORD_MIN and w in text) or any(s.startswith(stem(w)) for s in stems) for w in words)


def matching(queryset, query: str, fields: list[str], *, vector: str = "search_vector"):
    """The objects of `queryset` the query matches, in `fields` (SQLite) or in the stored index (PostgreSQL)."""
    words = query_words(query)
    if not words:
        return queryset.none()
    if connection.vendor == "postgresql":
        condition = Q()
        for word in words:
            either = Q(**{vector: word_query(word)})
            if len(word) >= INSIDE_WORD_MIN:
                for name in fields:
                    either |= Q(**{f"{name}__icontains": word})
            condition &= either
        return queryset.filter(condition)
    matched = Func(Value(query), *[F(name) for name in fields], function="zp_match", output_field=BooleanField())
    return queryset.filter(Q(matched))


def highlight(text: str | None, query: str) -> SafeString:
    """The text, escaped, with what the query matched marked — inside words too ("zorg" in "Ouderenzorg"), and
    inflected forms ("stages" marks "stage", "lopen" marks "lopen" and "loopt").

    The raw text is split at the matches and every piece is escaped on its own, so user content never becomes
    markup and a query word can never cut into an escaped entity (a search for "amp" leaves "&amp;" whole).
    """
    text = text or ""
    terms = sorted({form for w in query_words(query) for form in _marked_forms(w)}, key=len, reverse=True)
    if not terms:
        return escape(text)
    alternatives = [
        (re.escape(t) if len(t) >= INSIDE_WORD_MIN else r"(?<!\w)" + re.escape(t))
        + rf"(?:\w{{1,{INFLECTION_TAIL}}}(?!\w))?"
        for t in terms
    ]
    pattern = re.compile("|".join(alternatives), re.IGNORECASE)
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces += [escape(text[last : match.start()]), format_html("<mark>{}</mark>", match.group())]
        last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))


def _marked_forms(word: str) -> list[str]:
    # The stem as the text spells it: Snowball gives "loop" for "lopen", the text says "lop"; undo a doubled vowel.
    forms = word_forms(word)
    return forms + [re.sub(r"([aeou])\1(?=[^aeiou]$)", r"\1", s) for s in forms]


def snippet(text: str | None, query: str, length: int = 220) -> str:
    """A piece of the text around the first match (the whole start when nothing is found)."""
    text = text or ""
    lower = text.lower()
    positions = [p for f in {f for w in query_words(query) for f in _marked_forms(w)} if (p := lower.find(f)) >= 0]
    start = max(min(positions) - 60, 0) if positions else 0
    piece = text[start : start + length]
    return ("…" if start else "") + piece + ("…" if start + length < len(text) else "")


def register_sqlite_functions(sqlite_connection) -> None:
    sqlite_connection.create_function("zp_match", -1, _zp_match, deterministic=True)


def _zp_match(query, *texts) -> int:
    return int(text_matches(query or "", *(str(t) if t is not None else None for t in texts)))


def _on_connection(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        register_sqlite_functions(connection.connection)


def connect() -> None:
    connection_created.connect(_on_connection, dispatch_uid="zorgpact-search-text")


class SearchableQuerySet(models.QuerySet):
    """A QuerySet whose model has a search index: `search_fields` are the columns its trigger indexes (the app's search
    migration), searched as such on SQLite."""

    search_fields: tuple[str, ...] = ()

    def matching(self, text: str):
        return matching(self, text, list(self.search_fields))
