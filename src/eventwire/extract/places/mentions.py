"""A candidate mention of a place, and what the text around it says about it: whether it is part
of a longer name, a person's name, a compound, or in a locative phrase ("in Sinjar")."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from eventwire.extract.places.words import (
    CITY_WORD, FEATURE_WORDS, LOCATIVE, PLACE_LABELS, PLACE_NOUNS, QUALIFIERS,
)  # fmt: skip
from eventwire.gazetteer import Match, normalize
from eventwire.lexicon import bundled_text, read_table

@dataclass(slots=True)
class Mention:
    start: int  # token indices
    end: int
    start_char: int
    end_char: int
    key: str
    matches: tuple[Match, ...]
    label: str = ""
    admin_word: bool = False  # "Nineveh province", "Kano State"
    areal: bool = False  # "central Washington", "northern Syria"
    country_hint: str | None = None  # "the English city of Salisbury" -> GBR
    container: str | None = None  # the key of Y in "X, Y"


def capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and token.text[:1].isalpha()


def label_of(m: Mention, ent_of: dict[int, Span]) -> str:
    """Return the entity label that covers the mention ("GPE" for GPE and LOC), or ""."""
    labels = {ent_of[k].label_ for k in range(m.start, m.end) if k in ent_of}
    if labels & PLACE_LABELS:
        return "GPE"
    return min(labels) if labels else ""


def in_compound(doc: Doc, m: Mention) -> bool:
    """Tell whether a mention is hyphened to another capitalised word ("Asia-Pacific")."""
    if m.start > 1 and doc[m.start - 1].text == "-" and not doc[m.start - 2].whitespace_:
        return capitalised(doc[m.start - 2]) and not doc[m.start - 1].whitespace_
    if m.end + 1 < len(doc) and doc[m.end].text == "-" and not doc[m.end - 1].whitespace_:
        return capitalised(doc[m.end + 1]) and not doc[m.end].whitespace_
    return False


def modifier_of_name(doc: Doc, m: Mention) -> bool:
    """Tell whether a town's name is followed by another capitalised word that is no place:
    "Cambridge Analytica", "Erbil Governor" (but not a dateline: "LONDON Pope Francis ...")."""
    if m.end >= len(doc) or (m.start == 0 and doc[0].is_upper):
        return False
    nxt = doc[m.end]
    return (capitalised(nxt) and not nxt.is_sent_start and not nxt.is_upper
            and nxt.ent_type_ not in ("GPE", "LOC", "NORP", "DATE", "TIME")
            and normalize(nxt.text) not in demonyms())  # fmt: skip


def tail_of_unknown(doc: Doc, m: Mention, ent_of: dict[int, Span]) -> bool:
    """Tell whether the place entity around a mention has more capitalised words next to it."""
    ent = next(ent_of[k] for k in range(m.start, m.end) if k in ent_of)
    for k in (m.start - 1, m.end):
        if ent.start <= k < ent.end:
            token = doc[k]
            if (
                capitalised(token)
                and token.lower_ not in QUALIFIERS
                and token.lower_ != CITY_WORD
            ):
                return True
    return False


def inside_larger(span: Span, ent_of: dict[int, Span], labels: frozenset[str]) -> bool:
    for k in (span.start - 1, span.end):
        ent = ent_of.get(k)
        if (
            ent is not None
            and ent.label_ in labels
            and ent.start <= span.end
            and ent.end >= span.start
        ):
            return True
    return False


def inside_name(doc: Doc, m: Mention) -> bool:
    """Tell whether a mention is the tail of a longer capitalised name, or a possessor in one."""
    if m.start > 0:
        prev = doc[m.start - 1]
        sizable = m.matches[0].entry.population >= 50_000
        headline = prev.is_upper and doc[m.start : m.end].text.isupper()
        demonym = prev.ent_type_ == "NORP" or normalize(prev.text) in demonyms()
        if (capitalised(prev) and not prev.is_sent_start and not prev.is_stop and not headline
                and not (sizable and prev.lower_ in QUALIFIERS) and not demonym):  # fmt: skip
            return True
    if m.end + 1 < len(doc) and doc[m.end].lower_ in ("'s", "’s") and capitalised(doc[m.end + 1]):
        # "Eva's Village", "St. Peter's Basilica"; but "London's Heathrow" is London
        return m.label != "GPE" or doc[m.end + 1].lower_ in FEATURE_WORDS
    return False


def starts_sentence(token: Token) -> bool:
    if token.is_sent_start or token.i == 0:
        return True
    prev = token.doc[token.i - 1]
    return prev.is_punct and prev.text in {'"', "“", "‘", "'", "(", ":", "—", "-"}


def locative(doc: Doc, m: Mention) -> bool:
    """Tell whether the text around a mention says it is a place."""
    prev = doc[m.start - 1] if m.start > 0 else None
    if prev is not None and prev.lower_ in LOCATIVE:
        return True
    if (
        prev is not None
        and prev.lower_ == "of"
        and m.start > 1
        and doc[m.start - 2].lower_ in PLACE_NOUNS
    ):
        return True
    following = doc[m.end] if m.end < len(doc) else None
    if following is not None and following.lower_ in PLACE_NOUNS:
        return True
    if following is not None and following.text == "," and m.end + 1 < len(doc):
        return capitalised(doc[m.end + 1]) and doc[m.end + 1].ent_type_ in PLACE_LABELS
    return m.start == 0 and doc[m.start].is_upper


@functools.lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Map the demonyms of ``lexicons/countries.tsv`` ("Iraqi", "Americans") to their countries."""
    rows = read_table(bundled_text("countries.tsv"), columns=3, origin="countries.tsv")
    return {normalize(alias): iso3 for alias, iso3, kind, *_ in rows if kind == "demonym"}


def demonym_before(doc: Doc, i: int) -> str | None:
    """Return the country of "the <demonym> [adjective] city of" just before token ``i``."""
    k = i - 2 if i > 1 and doc[i - 1].lower_ == "of" else i - 1
    if k < 1 or doc[k].lower_ not in PLACE_NOUNS:
        return None
    for j in (k - 1, k - 2):
        if j >= 0 and doc[j].text[:1].isupper():
            return demonyms().get(normalize(doc[j].text))
    return None
