"""The pieces the rules' patterns are written with: words from ``vocabulary.py`` as alternations,
and the recurring parts of a time expression (a month, a day, a year, a number, a unit, a
modifier).

Every rule is compiled case-insensitively, between ``B`` (a word start) and ``E`` (a word end);
names that are also common words (May, March, the seasons) are vetted against the parse
afterwards (``vetting.py``).
"""

from __future__ import annotations

import re

from eventwire.extract.timex.vocabulary import (
    MONTHS, ONES, PARTS_OF_DAY, SEASONS, TENS, VAGUE_NUMBERS, WEEKDAYS,
)  # fmt: skip


def alternation(words: object) -> str:
    """Return a regex alternation of ``words``, the longer first ("sept|sep")."""
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))  # type: ignore[attr-defined]


S = r"(?:[^\S\n]+\n?|\n)[^\S\n]*"  # whitespace within one paragraph
B = r"(?<![\w$£€'’-])"  # word start
E = r"(?![\w]|-\w|/\d|[.,]\d)"  # word end
MONTH_FULL = alternation(n for n in MONTHS if len(n) > 4 or n in ("may", "june", "july"))
MONTH_ABBR = alternation(n for n in MONTHS if len(n) <= 4 and n not in ("may", "june", "july"))
MONTH = rf"(?P<month>(?:{MONTH_FULL})|(?:{MONTH_ABBR})(?:\.|(?=\s+\d)))"
WEEKDAY_FULL = alternation(n for n in WEEKDAYS if len(n) > 5)
WEEKDAY_ABBR = alternation(n for n in WEEKDAYS if len(n) <= 5)
WEEKDAY = rf"(?:{WEEKDAY_FULL}|(?:{WEEKDAY_ABBR})\.)"
DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
PART = rf"(?P<part>{alternation(PARTS_OF_DAY)})"
SEASON = rf"(?P<season>{alternation(SEASONS)})"
DIGIT_WORD = rf"(?:{alternation(w for w, v in ONES.items() if 0 < v < 10)})"
TENS_WORD = rf"(?:{alternation(TENS)})"
TEEN_WORD = rf"(?:{alternation(w for w, v in ONES.items() if v >= 10)})"
NUM_WORD = rf"(?:{TENS_WORD}(?:[-\s]{DIGIT_WORD})?|{alternation(ONES)})"
# a year in digits, or spoken: "nineteen ninety-four"
YEAR = (
    rf"(?P<year>1[5-9]\d\d|20\d\d|(?:nineteen|eighteen)[\s-]+"
    rf"(?:{TENS_WORD}(?:[\s-]+{DIGIT_WORD})?|{TEEN_WORD}))"
)
NUM = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?(?:\s+1/2)?"
    rf"|(?:(?:a|one|two|three|four|five|six|seven|eight|nine)\s+)?hundred(?:\s+(?:and\s+)?{NUM_WORD})?"
    rf"|{NUM_WORD}(?:\s+and\s+a\s+half)?|a\s+dozen|a\s+couple\s+of|a\s+couple|couple\s+of|"
    rf"half\s+an?|an?(?:\s+and\s+a\s+half)?)"
)
VAGUE = rf"(?:{alternation(VAGUE_NUMBERS)})"
UNIT_WORDS = (
    "seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?|"
    "century|centuries|millennium|millennia"
)
UNIT = rf"(?P<unit>{UNIT_WORDS})"
UNIT_SINGULAR = (
    "second|minute|hour|day|week|fortnight|month|quarter|year|decade|century|millennium"
)
DURATION_ADJ = (
    r"(?:(?:more|additional|full|straight|consecutive|trading|business|working|calendar|extra|"
    r"further|long|entire|whole)\s+)?"
)
# Modifiers inside a duration's extent (TimeML's "mod"): "about two years", "more than a week".
# "over" and "under" count only right before the number: "over the past year" is a preposition.
MOD_WORDS = (
    r"about|around|approximately|roughly|nearly|almost|some|more\s+than|less\s+than|fewer\s+than|"
    r"at\s+least|at\s+most|no\s+more\s+than|no\s+less\s+than|not\s+more\s+than|up\s+to|"
    r"well\s+over|the\s+better\s+part\s+of"
)
MOD_OUTER = rf"(?:(?:{MOD_WORDS})\s+)?"
MOD = rf"(?:(?:{MOD_WORDS}|over|under)\s+)?"
EARLY = (
    r"(?P<early>(?:(?:early|earlier|late|later|mid)(?:-|\s+)|"
    r"the\s+(?:end|beginning|start|middle|close|first\s+half|second\s+half|turn)\s+of\s+)?)"
)
TZ = r"(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET|CEST)"
