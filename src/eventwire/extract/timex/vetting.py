"""Checks that a match is a time expression, and the parts of its extent, shared by the rules of
several kinds: capitalised names, months that are not the modal "May", determiners that belong
to the noun phrase rather than to the expression."""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc

from eventwire.extract.timex.vocabulary import MONTHS


_POSSESSIVES = frozenset({"its", "their", "his", "her", "our", "the company's"})


def drop_determiner(m: re.Match[str], attributive: bool) -> tuple[int, int]:
    """Leave out a possessive, and the article of an attributive expression ("a two-year term",
    "the third-quarter loss"): they belong to the noun phrase, not to the time expression."""
    the = m.group("the")
    if (
        the
        and m.start("the") == m.start()
        and (
            " ".join(the.lower().split()) in _POSSESSIVES
            or (attributive and the.lower() in ("a", "an", "the"))
            or (the.lower() in ("a", "an") and (m.group("num") or "").lower() not in ("a", "an"))
        )
    ):
        start = m.end("the")
        while m.string[start].isspace():
            start += 1
        return start, m.end()
    return m.span()


def month_of(m: re.Match[str]) -> int:
    return MONTHS[m.group("month").lower().rstrip(".")]


def is_capitalised(text: str) -> bool:
    return text[:1].isupper()


def month_is_a_month(m: re.Match[str], doc: Doc, start: int, end: int) -> bool:
    """Vet a bare month name: capitalised, and not the modal "May" or a person's name."""
    word = m.group("month")
    if not is_capitalised(word):
        return False
    span = doc.char_span(m.start("month"), m.end("month"), alignment_mode="expand")
    if span is None:
        return True
    token = span[0]
    if token.tag_ == "MD" or token.ent_type_ in ("PERSON", "ORG"):
        return False
    if re.match(r"\s+(?:of|for)\s+(?:the\s+)?[A-Z]", m.string[m.end() : m.end() + 12]):
        return False  # "the March for Life", "the Spring of Nations"
    return not (token.lower_ in ("march", "may") and token.pos_ in ("VERB", "AUX"))


def is_title(word: str) -> bool:
    """A capitalised common word ("This Week", a programme) names something; it is no date."""
    return word[:1].isupper() and not word.isupper()


def capitalised(group: str) -> Callable:
    def check(m: re.Match[str], doc: Doc, start: int, end: int) -> bool:
        return is_capitalised(m.group(group))

    return check
