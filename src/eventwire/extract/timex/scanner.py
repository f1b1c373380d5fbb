"""The scanner: how the rules' patterns are compiled and run over a text, fast and with the same
matches as running each pattern over the whole text.

Each rule is compiled case-insensitively between a word start and a word end, led by a lookahead
for the characters its matches can start with (``first_character_gate``). One joint pattern of
all the rules (``joint_pattern``) finds, in one pass over the lower-cased text, the word starts
where some rule may match (``starts_of``); each rule is then tried only there (``matches_at``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from re import _constants as re_constants, _parser as re_parser  # noqa: PLC2701 - see first_character_gate
from typing import Any

from spacy.tokens import Doc

from eventwire.extract.timex.anchoring import Context
from eventwire.extract.timex.grammar import B, E


@dataclass(frozen=True, slots=True)
class TimexRule:
    """A pattern, the normaliser of what it matches, and how its matches compete with others'."""

    name: str
    pattern: re.Pattern[str]
    normalise: Callable[[re.Match[str], Context, int, int], tuple[str, str] | None]
    # vets a match against the parse before it competes with other matches
    check: Callable[[re.Match[str], Doc, int, int], bool] | None = None
    # breaks ties between matches of the same extent: lower wins
    rank: int = 50
    # the extent of a match, when it is not the whole match or its ``x`` group
    extent: Callable[[re.Match[str]], tuple[int, int]] | None = None
    # ``pattern`` as the text is scanned with: the same matches, found faster
    scan: re.Pattern[str] | None = None


def timex_rule(
    name: str,
    pattern: str,
    *,
    check: Callable | None = None,
    rank: int = 50,
    extent: Callable | None = None,
) -> Callable[[Callable], TimexRule]:
    """Make the decorated function the normaliser of the words ``pattern`` matches, as a rule.

    The rule takes part once ``table.RULES`` lists it; its place there breaks ties.

    Raises:
        ValueError: the pattern refers back to a group, which the joint scan cannot keep.
    """
    compiled = re.compile(B + pattern + E, re.IGNORECASE)
    if _refers_back(re_parser.parse(compiled.pattern, compiled.flags)):
        raise ValueError(f"timex rule {name}: no back-references, as the rules are scanned together")

    def make(function: Callable) -> TimexRule:
        return TimexRule(name, compiled, function, check, rank, extent, first_character_gate(compiled))

    return make


def first_character_gate(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """Return ``pattern`` led by a lookahead for the characters its matches can start with.

    Forty-odd patterns each scan every article, and Python's engine tries each one at every word
    start, walking its alternatives ("about|around|...", "january|february|..."); the lookahead
    turns most of those tries into one character test. It only rules out starts where no match
    can begin, so the matches are the same (and so are the groups). A pattern whose first
    character cannot be worked out, or that can match nothing, is returned as it is.
    """
    chars, nullable = _first_characters(re_parser.parse(pattern.pattern, pattern.flags))
    if chars is None or nullable or not chars:
        return pattern
    # case-insensitive whatever the pattern's flags: a wider gate is still a correct one
    return re.compile(f"(?=(?i:[{''.join(dict.fromkeys(chars))}]))" + pattern.pattern, pattern.flags)


def starts_of(text: str, *, joint: re.Pattern[str], lowered: re.Pattern[str] | None) -> list[int]:
    """Return the word starts of ``text`` where some rule may match: every one where one does.

    ``joint`` is the ``joint_pattern`` of the rules, ``lowered`` its ``folded`` form. Most texts
    are scanned lower-cased with ``lowered``, a case-sensitive pattern, which Python's engine
    runs twice as fast as a case-insensitive one. Lower-casing only widens what it finds, as long as no character of the text is one the engine's
    case-insensitive matching equates with an ASCII letter ("ſ" with "s", the Kelvin sign with
    "k"); texts with one of those are scanned as they are.
    """
    if lowered is not None and _ascii_lookalikes().search(text) is None:
        lowered_text = text.lower()
        if len(lowered_text) == len(text):
            return [m.start() for m in lowered.finditer(lowered_text)]
    return [m.start() for m in joint.finditer(text)]


@functools.cache
def _ascii_lookalikes() -> re.Pattern[str]:
    """A class of the non-ASCII characters that IGNORECASE matches with an ASCII letter."""
    letter = re.compile("[a-z]", re.IGNORECASE)
    found = [chr(n) for n in range(0x80, 0x10000) if letter.fullmatch(chr(n))]
    return re.compile("[" + "".join(re.escape(c) for c in found) + "]")


@functools.cache
def folded(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """``pattern`` as a case-sensitive one for lower-case text: its ASCII letters lowered (not
    those of escapes: ``\\S`` is not ``\\s``), and its case-sensitive groups made plain ones,
    which finds at least what the original finds in the same text, whatever its case. None for
    a pattern this cannot be sure of: one with named characters or groups, or a capital next to
    a hyphen, which may bound a class range ("[A-z]" lowered would lose "[" to "_")."""
    source, out, i = pattern.pattern, [], 0
    if "\\N{" in source or "(?P" in source or re.search("[A-Z]-|-[A-Z]", source):
        return None
    while i < len(source):
        if source[i] == "\\":
            out.append(source[i : i + 2])  # an escape: "\\S", "\\d"; hex digits after "\\x" may be lowered
            i += 2
        elif source.startswith(("(?i:", "(?-i:"), i):
            out.append("(?:")
            i = source.index(":", i) + 1
        else:
            out.append(source[i].lower() if source[i].isascii() else source[i])
            i += 1
    return re.compile("".join(out), pattern.flags & ~re.IGNORECASE)


def _refers_back(node: Any) -> bool:
    """Whether a parsed regex holds a back-reference or a conditional on a group."""
    if isinstance(node, re_parser.SubPattern):
        return any(op in (re_constants.GROUPREF, re_constants.GROUPREF_EXISTS) or _refers_back(av) for op, av in node)
    return isinstance(node, (tuple, list)) and any(_refers_back(part) for part in node)


_CATEGORIES = {
    re_constants.CATEGORY_DIGIT: r"\d", re_constants.CATEGORY_SPACE: r"\s", re_constants.CATEGORY_WORD: r"\w",
}  # fmt: skip


def _first_characters(items: Iterable[tuple[Any, Any]]) -> tuple[list[str] | None, bool]:
    """The character-class items a sequence of parsed regex items can start with (None: any
    character), and whether the sequence can match the empty string."""
    chars: list[str] = []
    for op, av in items:
        first, nullable = _first_of_item(op, av)
        if first is None:
            return None, False
        chars += first
        if not nullable:
            return chars, False
    return chars, True


def _first_of_item(op: Any, av: Any) -> tuple[list[str] | None, bool]:
    c = re_constants
    if op is c.LITERAL:
        return [re.escape(chr(av))], False
    if op is c.IN:
        chars = []
        for item_op, item in av:
            if item_op is c.LITERAL:
                chars.append(re.escape(chr(item)))
            elif item_op is c.RANGE:
                chars.append(f"{re.escape(chr(item[0]))}-{re.escape(chr(item[1]))}")
            elif item_op is c.CATEGORY and item in _CATEGORIES:
                chars.append(_CATEGORIES[item])
            else:  # a negated class or another category: any character
                return None, False
        return chars, False
    if op is c.BRANCH:
        chars, nullable = [], False
        for alternative in av[1]:
            first, empty = _first_characters(alternative)
            if first is None:
                return None, False
            chars, nullable = chars + first, nullable or empty
        return chars, nullable
    if op is c.SUBPATTERN:
        return _first_characters(av[3])
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        first, empty = _first_characters(av[2])
        return first, av[0] == 0 or empty
    if op in (c.ASSERT, c.ASSERT_NOT, c.AT):  # zero-width: the next item says what comes first
        return [], True
    return None, False  # any character, a back-reference, a conditional: no gate


def match_extent(m: re.Match[str]) -> tuple[int, int]:
    """The extent of a match: its ``x`` group when the pattern matched context around it."""
    if "x" in m.re.groupindex and m.group("x") is not None:
        return m.span("x")
    return m.span()


def joint_pattern(rules: Iterable[TimexRule]) -> re.Pattern[str]:
    """Return a pattern that holds (a lookahead) at each word start where one of ``rules`` matches.

    Scanning the text once with it, then trying each rule only at the starts it found, gives what
    scanning the text with each rule would (see ``matches_at``) in 60% of the time: the engine
    tries the rules at each word start in one go instead of walking the text once per rule.
    Every rule starts with the word-start test ``B`` (``timex_rule`` puts it there), which is
    made once for all. Group names are dropped, as two rules may use the same one; no rule refers
    back to a group.
    """
    alternatives = []
    for rule in rules:
        gated, own = (rule.scan or rule.pattern).pattern, rule.pattern.pattern
        gate = gated[: len(gated) - len(own)]  # the first-character lookahead, if any
        alternatives.append(gate + re.sub(r"\(\?P<\w+>", "(?:", own.removeprefix(B)))  # B: tested once, first
    return re.compile(B + "(?=" + "|".join(alternatives) + ")", re.IGNORECASE)


def matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` yields, trying ``pattern`` only at ``starts``.

    ``starts`` must hold every position where ``pattern`` matches, in order; finditer takes the
    leftmost match at or after the end of the previous one, and so does this. Rules never match
    the empty string (each has a first-character gate), so a match always moves past its start.
    """
    end = 0
    match = pattern.match
    for start in starts:
        if start < end:
            continue
        m = match(text, start)
        if m is not None:
            yield m
            end = m.end()
