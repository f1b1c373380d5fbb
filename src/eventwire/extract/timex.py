"""Find time expressions in an article and normalise them to TimeML TIMEX3 values.

Recognition is a grammar of precompiled regular expressions over the text; the spaCy parse is used
only to vet ambiguous words ("May" the modal, "June" the name) and to decide, from the tense of the
clause an expression belongs to, whether an underspecified date ("Friday", "in January", "Oct. 23")
lies before or after the publication date. Extents follow the TempEval-3 (TimeML) guidelines:
modifiers ("last", "early", "about", "ago") are inside, prepositions ("on", "in", "for") outside.

Each rule is a pattern and a normaliser. Where matches overlap the longest wins; the survivors are
normalised in text order, relative to ``article.published`` (the document creation time, DCT)
and, for anaphoric expressions ("the next day", "a year earlier", "the quarter"), to what the
article mentioned before. Without a publication date the parts that depend on it are left as
``X`` (``XXXX-01``, ``XXXX-WXX-5``). Values follow TimeML/ISO 8601: weeks are ISO weeks
(``2020-W09``), decades ``199``, durations ``P3Y``/``PT48H``, vague ones ``PXY``.

    find_timexes(doc, article=...)  -> (Timex, ...)  sorted by start
    to_event_date("2020-01")        -> ("2020-01", "month")
"""

from __future__ import annotations

import bisect
import calendar
import functools
import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from re import _constants as re_constants, _parser as re_parser  # noqa: PLC2701 - see first_character_gate
from typing import Any

from spacy.tokens import Doc, Token

from eventwire.model import Article, Timex
from eventwire.parse import doc_text

# ---------------------------------------------------------------------------------------------
# Lexicon

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
    "sunday": 7, "mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4, "fri": 5,
}  # fmt: skip
_SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_SEASON_MONTHS = {"SP": (3, 4, 5), "SU": (6, 7, 8), "FA": (9, 10, 11), "WI": (12, 1, 2)}
_PARTS_OF_DAY = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
    "midday": "MI",
}
_ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}
_VAGUE_NUMBERS = (
    "few",
    "several",
    "many",
    "some",
    "a few",
    "a number of",
    "numerous",
    "a couple",
    "couple of",
    "dozens of",
    "hundreds of",
    "a lot of",
)
# unit -> (ISO 8601 duration designator, multiplier); decades and centuries count in years
_UNITS = {
    "second": ("TS", 1), "minute": ("TM", 1), "hour": ("TH", 1), "day": ("D", 1),
    "week": ("W", 1), "fortnight": ("W", 2), "month": ("M", 1), "quarter": ("Q", 1),
    "year": ("Y", 1), "decade": ("Y", 10), "century": ("Y", 100), "millennium": ("Y", 1000),
}  # fmt: skip
_SET_ADVERBS = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W",
    "monthly": "P1M", "quarterly": "P3M", "yearly": "P1Y", "annually": "P1Y", "semiannually": "P6M",
}  # fmt: skip
_REFS = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "just now": "PRESENT_REF",
    "currently": "PRESENT_REF", "current": "PRESENT_REF", "presently": "PRESENT_REF",
    "at present": "PRESENT_REF", "the present": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "recently": "PAST_REF", "lately": "PAST_REF", "formerly": "PAST_REF", "the past": "PAST_REF",
    "more recently": "PAST_REF", "most recently": "PAST_REF",
    "soon": "FUTURE_REF", "the future": "FUTURE_REF", "the foreseeable future": "FUTURE_REF",
    "the near future": "FUTURE_REF", "the not-too-distant future": "FUTURE_REF",
    "the distant future": "FUTURE_REF", "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF", "someday": "FUTURE_REF", "a later date": "FUTURE_REF",
    "later date": "FUTURE_REF", "as soon as possible": "FUTURE_REF",
}  # fmt: skip

# Heads whose infinitive complement lies in the future: "is set to", "plans to", "is going to".
_FUTURE_HEADS = frozenset(
    "plan set schedule slate expect intend go due hope aim prepare promise vow pledge threaten "
    "propose decide agree seek want try mean likely poise".split()
)
# "set" plans only with an infinitive ("is set to meet"): "the record set on Aug. 6" lies behind
_PLANNED_PARTICIPLES = _FUTURE_HEADS - {"set"}
# nor is it a scheduling verb: "set Friday as the deadline" may be past or future
_SCHEDULING_VERBS = frozenset("plan schedule slate reschedule postpone".split())
_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "’ll"})
_PERFECT_AUX = frozenset({"has", "have", "'ve", "’ve"})

# ---------------------------------------------------------------------------------------------
# Grammar pieces. Every rule is compiled case-insensitively; names that are also common words
# (May, March, the seasons) are vetted against the parse afterwards.


def _alternation(words: object) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))  # type: ignore[attr-defined]


_S = r"(?:[^\S\n]+\n?|\n)[^\S\n]*"  # whitespace within one paragraph
_B = r"(?<![\w$£€'’-])"  # word start
_E = r"(?![\w]|-\w|/\d|[.,]\d)"  # word end
_MONTH_FULL = _alternation(n for n in _MONTHS if len(n) > 4 or n in ("may", "june", "july"))
_MONTH_ABBR = _alternation(n for n in _MONTHS if len(n) <= 4 and n not in ("may", "june", "july"))
_MONTH = rf"(?P<month>(?:{_MONTH_FULL})|(?:{_MONTH_ABBR})(?:\.|(?=\s+\d)))"
_WEEKDAY_FULL = _alternation(n for n in _WEEKDAYS if len(n) > 5)
_WEEKDAY_ABBR = _alternation(n for n in _WEEKDAYS if len(n) <= 5)
_WEEKDAY = rf"(?:{_WEEKDAY_FULL}|(?:{_WEEKDAY_ABBR})\.)"
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_PART = rf"(?P<part>{_alternation(_PARTS_OF_DAY)})"
_SEASON = rf"(?P<season>{_alternation(_SEASONS)})"
_DIGIT_WORD = rf"(?:{_alternation(w for w, v in _ONES.items() if 0 < v < 10)})"
_TENS_WORD = rf"(?:{_alternation(_TENS)})"
_TEEN_WORD = rf"(?:{_alternation(w for w, v in _ONES.items() if v >= 10)})"
_NUM_WORD = rf"(?:{_TENS_WORD}(?:[-\s]{_DIGIT_WORD})?|{_alternation(_ONES)})"
# a year in digits, or spoken: "nineteen ninety-four"
_YEAR = (
    rf"(?P<year>1[5-9]\d\d|20\d\d|(?:nineteen|eighteen)[\s-]+"
    rf"(?:{_TENS_WORD}(?:[\s-]+{_DIGIT_WORD})?|{_TEEN_WORD}))"
)
_NUM = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?(?:\s+1/2)?"
    rf"|(?:(?:a|one|two|three|four|five|six|seven|eight|nine)\s+)?hundred(?:\s+(?:and\s+)?{_NUM_WORD})?"
    rf"|{_NUM_WORD}(?:\s+and\s+a\s+half)?|a\s+dozen|a\s+couple\s+of|a\s+couple|couple\s+of|"
    rf"half\s+an?|an?(?:\s+and\s+a\s+half)?)"
)
_VAGUE = rf"(?:{_alternation(_VAGUE_NUMBERS)})"
_UNIT_WORDS = (
    "seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?|"
    "century|centuries|millennium|millennia"
)
_UNIT = rf"(?P<unit>{_UNIT_WORDS})"
_UNIT_SINGULAR = (
    "second|minute|hour|day|week|fortnight|month|quarter|year|decade|century|millennium"
)
_DURATION_ADJ = (
    r"(?:(?:more|additional|full|straight|consecutive|trading|business|working|calendar|extra|"
    r"further|long|entire|whole)\s+)?"
)
# Modifiers inside a duration's extent (TimeML's "mod"): "about two years", "more than a week".
# "over" and "under" count only right before the number: "over the past year" is a preposition.
_MOD_WORDS = (
    r"about|around|approximately|roughly|nearly|almost|some|more\s+than|less\s+than|fewer\s+than|"
    r"at\s+least|at\s+most|no\s+more\s+than|no\s+less\s+than|not\s+more\s+than|up\s+to|"
    r"well\s+over|the\s+better\s+part\s+of"
)
_MOD_OUTER = rf"(?:(?:{_MOD_WORDS})\s+)?"
_MOD = rf"(?:(?:{_MOD_WORDS}|over|under)\s+)?"
_EARLY = (
    r"(?P<early>(?:(?:early|earlier|late|later|mid)(?:-|\s+)|"
    r"the\s+(?:end|beginning|start|middle|close|first\s+half|second\s+half|turn)\s+of\s+)?)"
)
_TZ = r"(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET|CEST)"


# ---------------------------------------------------------------------------------------------
# Value arithmetic


def _ymd(d: dt.date) -> str:
    return d.isoformat()


def _ym(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _week(d: dt.date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + n
    return index // 12, index % 12 + 1


def _add_to_date(d: dt.date, unit: str, n: int) -> dt.date:
    if unit == "D":
        return d + dt.timedelta(days=n)
    if unit == "W":
        return d + dt.timedelta(weeks=n)
    months = {"M": 1, "Q": 3, "Y": 12}[unit] * n
    year, month = _add_months(d.year, d.month, months)
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _at_granularity(d: dt.date, unit: str) -> str:
    """Return the value of ``d`` at the granularity of ``unit`` (``2020-W43`` for weeks)."""
    if unit in ("TS", "TM", "TH", "D"):
        return _ymd(d)
    if unit == "W":
        return _week(d)
    if unit == "M":
        return _ym(d.year, d.month)
    if unit == "Q":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    return f"{d.year:04d}"


def _duration(n: float | None, unit: str) -> str:
    """Return the ISO 8601 duration of ``n`` (None: unknown) ``unit`` (a key of ``_UNITS``)."""
    designator, multiplier = _UNITS[unit]
    time = "T" if designator.startswith("T") else ""
    letter = designator[-1]
    if n is None:
        return f"P{time}X{ {10: 'E', 100: 'C', 1000: 'L'}.get(multiplier, letter) }"
    n = n * multiplier
    if n == int(n):
        return f"P{time}{int(n)}{letter}"
    whole, fraction = int(n), n - int(n)
    # a fraction goes to the next smaller unit when that is exact ("2 1/2 years" -> P2Y6M)
    smaller = {"Y": ("M", 12, ""), "D": ("H", 24, "T"), "TH": ("M", 60, ""), "TM": ("S", 60, "")}
    if designator in smaller:
        small, factor, sep = smaller[designator]
        parts = f"{whole}{letter}" if whole else ""
        return f"P{time}{parts}{sep}{round(fraction * factor)}{small}"
    return f"P{time}{n:g}{letter}"


def _number(text: str) -> float | None:
    """Parse a number written in digits or words ("48", "twenty-four", "a", "5 1/2")."""
    text = text.lower().strip()
    half = 0.0
    if text.endswith(("1/2", "and a half")):
        half = 0.5
        text = re.sub(r"\s*(?:1/2|and a half)$", "", text)
    if text in ("a", "an", "one"):
        return 1 + half
    if text in ("half a", "half an"):
        return 0.5
    if text in ("a couple of", "a couple", "couple of"):
        return 2
    if text == "a dozen":
        return 12
    digits = text.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", digits):
        return float(digits) + half
    total = 0
    for word in re.split(r"[\s-]+", text):
        if word in _ONES:
            total += _ONES[word]
        elif word in _TENS:
            total += _TENS[word]
        elif word == "hundred":
            total = max(total, 1) * 100
        elif word not in ("and", "a"):
            return None
    return total + half


def _year_number(text: str) -> int:
    """Parse a year in digits or spoken ("nineteen ninety-four")."""
    if text.isdigit():
        return int(text)
    century, _, rest = text.lower().partition(" ") if " " in text else text.lower().partition("-")
    return (1900 if century == "nineteen" else 1800) + int(_number(rest.strip()) or 0)


def _unit_key(word: str) -> str:
    """Return the ``_UNITS`` key of a unit word ("centuries" -> "century")."""
    word = word.lower()
    if word.startswith("centur"):
        return "century"
    if word.startswith("millenni"):
        return "millennium"
    return word.removesuffix("s")


# ---------------------------------------------------------------------------------------------
# Context: the parse, the reference date, and what the article has mentioned so far


@dataclass(slots=True)
class _Context:
    doc: Doc
    dct: dt.date | None
    # what the article mentioned last, for "the next day", "a year earlier", "the quarter"
    last_day: dt.date | None = None
    last_month: tuple[int, int] | None = None
    last_year: int | None = None
    last_quarter: tuple[int, int] | None = None
    # the first quarter named: in a financial report, the one reported on ("the quarter",
    # "a year earlier"), however many others it is compared with
    topic_quarter: tuple[int, int] | None = None
    keep_reference: bool = False  # set by a rule whose value must not become the reference
    _tense_cache: dict[tuple[int, int], int] = field(default_factory=dict)

    def direction(self, start: int, end: int) -> int:
        """Return -1 if the clause of ``[start, end)`` is in the past, +1 future, 0 unknown."""
        key = (start, end)
        if key not in self._tense_cache:
            self._tense_cache[key] = _clause_direction(self.doc, start, end)
        return self._tense_cache[key]

    @property
    def anchor(self) -> dt.date | None:
        return self.last_day or self.dct


# Dependencies by which a time expression modifies the verb of its clause (rather than being one of
# its arguments, as in "has set Nov. 10 as the deadline", or part of a noun phrase).
_ADJUNCT_DEPS = frozenset(
    {"npadvmod", "advmod", "tmod", "obl", "nmod:tmod", "attr", "pobj", "prep"}
)
_PRESENT_DIRECTION = 1  # "The talks resume Monday", "The rights expire Nov. 21"


def _governing_verb(doc: Doc, start: int, end: int) -> Token | None:
    """Return the verb the expression ``[start, end)`` is an adjunct of, or None.

    The expression must reach the verb through adjunct relations and prepositions only; through a
    noun or adjective ("payable Dec. 1", "the Jan. 14 deadline") the clause's tense says nothing
    about the date.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    while token.dep_ == "conj" and token.head != token:  # "Friday and Thursday"
        token = token.head
    for _ in range(6):
        if token.dep_ not in _ADJUNCT_DEPS or token.head == token:
            return None
        head = token.head
        if head.pos_ in ("VERB", "AUX"):
            return head
        if head.pos_ != "ADP":
            return None
        token = head
    return None


_DEADLINE_WORDS = frozenset({"by", "until", "till", "through", "effective"})


def _clause_direction(doc: Doc, start: int, end: int) -> int:
    """Return -1 if the expression's clause is in the past, +1 in the future, 0 if unknown.

    When the verb says nothing, a deadline ("by February", "effective June 1") looks ahead.
    """
    verb = _governing_verb(doc, start, end)
    span = doc.char_span(start, end, alignment_mode="expand")
    before = doc[span.start - 1].lower_ if span is not None and span.start > 0 else ""
    if before in ("until", "till") and verb is not None and _is_present_perfect(verb):
        # "has given them until Tuesday"; but "has fallen 2% this year through Oct. 19"
        return 1
    return _verb_direction(verb) or (1 if before in _DEADLINE_WORDS else 0)


def _is_present_perfect(verb: Token) -> bool:
    return verb.tag_ == "VBN" and any(
        c.lower_ in _PERFECT_AUX for c in verb.children if c.dep_ == "aux"
    )


def _verb_direction(verb: Token | None) -> int:
    """Return the time direction of a verb's tense, aspect and auxiliaries (see above)."""
    for _ in range(4):
        if verb is None:
            return 0
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        words = {a.lower_ for a in auxes}
        perfect = verb.tag_ == "VBN" and bool(words & (_PERFECT_AUX | {"had"}))
        if words & _FUTURE_AUX or verb.lemma_ in _SCHEDULING_VERBS:
            return (
                1  # "will meet Friday"; "planned a rally on Saturday", "has scheduled it Thursday"
            )
        if "to" in words:
            # an infinitive: planned ("is set to meet") or as its governing clause; a plan in the
            # past perfect is over ("had been due to expire Friday")
            head = verb.head
            if head == verb:
                return 0
            clause = head if head.pos_ in ("VERB", "AUX") else head.head  # "had been due to"
            if any(c.lower_ == "had" for c in clause.children if c.dep_ in ("aux", "auxpass")):
                return -1
            if head.lemma_ in _FUTURE_HEADS or head.lower_ in ("going", "about"):
                return 1
            verb = head if head.pos_ in ("VERB", "AUX") else None
            continue
        if any(a.tag_ == "MD" for a in auxes):
            # "could not be reached Friday", "would not comment Monday": a past attempt
            negated = any(c.dep_ == "neg" for c in verb.children)
            return -1 if perfect or (negated and words & {"could", "would"}) else 1
        if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes) or perfect:
            return -1
        if verb.tag_ == "VBN" and not auxes:
            # "the injunction issued Thursday"; "a vote scheduled for Friday"
            return 1 if verb.lemma_ in _PLANNED_PARTICIPLES else -1
        if verb.tag_ in ("VBZ", "VBP") or words & {"is", "are", "am", "'s", "'re"}:
            return _PRESENT_DIRECTION
        return 0
    return 0


# ---------------------------------------------------------------------------------------------
# Resolution of underspecified dates against the DCT


def _pick(candidates: list[dt.date], dct: dt.date, direction: int) -> dt.date:
    """Choose the date a partial date ("Friday", "Oct. 23", "January") refers to.

    A future clause takes the first candidate on or after the DCT, a past clause the last on or
    before it, unless that is half a year back and the next one within two months ("the offer was
    extended to Nov. 20", written on Nov. 2). Without a tense the nearer one wins, with the past
    counting half as far: news reports more than it announces.
    """
    before = max((c for c in candidates if c <= dct), default=None)
    after = min((c for c in candidates if c >= dct), default=None)
    if before is None or after is None:
        return before or after  # type: ignore[return-value]
    back, ahead = (dct - before).days, (after - dct).days
    if direction < 0:
        return after if back > 180 and ahead <= 60 else before
    if direction > 0:
        return after
    return after if 2 * ahead < back else before


def _month_day(ctx: _Context, month: int, day: int, direction: int) -> str | None:
    if ctx.dct is None:
        return f"XXXX-{month:02d}-{day:02d}"
    candidates = []
    for year in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    chosen = _pick(candidates, ctx.dct, direction)
    return _ymd(chosen)


def _month_only(ctx: _Context, month: int, direction: int) -> str:
    if ctx.dct is None:
        return f"XXXX-{month:02d}"
    candidates = [dt.date(y, month, 1) for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)]
    first = ctx.dct.replace(day=1)
    chosen = _pick(candidates, first, direction)
    return _ym(chosen.year, chosen.month)


def _weekday(ctx: _Context, weekday: int, relation: str, direction: int) -> dt.date | None:
    """Resolve a weekday (1 = Monday): ``relation`` is last, next, this or ''."""
    if ctx.dct is None:
        return None
    dct = ctx.dct
    offset = weekday - dct.isoweekday()
    before = dct + dt.timedelta(days=offset if offset <= 0 else offset - 7)
    after = dct + dt.timedelta(days=offset if offset >= 0 else offset + 7)
    if relation == "last":
        return before if before < dct else before - dt.timedelta(days=7)
    if relation == "next":
        return after if after > dct else after + dt.timedelta(days=7)
    if relation == "this":
        return dct + dt.timedelta(days=offset)
    return _pick([before, after], dct, direction)


def _weekday_from(anchor: dt.date | None, weekday: int, step: int) -> dt.date | None:
    """The weekday (1 = Monday) strictly before (``step`` -1) or after (+1) ``anchor``: "the
    previous Friday" counts from the day the article spoke of last."""
    if anchor is None:
        return None
    days = (step * (weekday - anchor.isoweekday())) % 7 or 7
    return anchor + dt.timedelta(days=step * days)


def _season(ctx: _Context, season: str, relation: str, direction: int) -> str:
    if ctx.dct is None:
        return f"XXXX-{season}"
    dct = ctx.dct
    # a season "starts" at its first month; winter belongs to the year it starts in
    starts = [
        dt.date(y, _SEASON_MONTHS[season][0], 1) for y in (dct.year - 1, dct.year, dct.year + 1)
    ]
    current = [s for s in starts if s <= dct] or starts[:1]
    if relation == "this":
        chosen = starts[1]
    elif relation == "last":
        chosen = starts[0]  # "last spring" is the spring of last year, even in the autumn
    elif relation == "this past":
        chosen = max(current)
    elif relation == "next":
        chosen = min(s for s in starts if s > dct)
    else:
        chosen = _pick(starts, dct, direction)
    return f"{chosen.year:04d}-{season}"


# ---------------------------------------------------------------------------------------------
# Rules


@dataclass(frozen=True, slots=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    normalise: Callable[[re.Match[str], _Context, int, int], tuple[str, str] | None]
    # vets a match against the parse before it competes with other matches
    check: Callable[[re.Match[str], Doc, int, int], bool] | None = None
    # breaks ties between matches of the same extent: lower wins
    rank: int = 50
    # the extent of a match, when it is not the whole match or its ``x`` group
    extent: Callable[[re.Match[str]], tuple[int, int]] | None = None
    # ``pattern`` as the text is scanned with: the same matches, found faster
    scan: re.Pattern[str] | None = None


_RULES: list[_Rule] = []


def _rule(
    name: str,
    pattern: str,
    *,
    check: Callable | None = None,
    rank: int = 50,
    extent: Callable | None = None,
) -> Callable[[Callable], Callable]:
    """Register the decorated function as the normaliser of the words ``pattern`` matches."""
    compiled = re.compile(_B + pattern + _E, re.IGNORECASE)
    if _refers_back(re_parser.parse(compiled.pattern, compiled.flags)):
        raise ValueError(f"timex rule {name}: no back-references, as the rules are scanned together")

    def register(function: Callable) -> Callable:
        _RULES.append(_Rule(name, compiled, function, check, rank, extent, first_character_gate(compiled)))
        return function

    return register


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


def _rule_starts(text: str) -> list[int]:
    """The word starts of ``text`` where some rule may match: every one where one does.

    Most texts are scanned lower-cased, with ``_any_rule`` made case-sensitive (``_folded``),
    which Python's engine runs twice as fast as a case-insensitive pattern. Lower-casing only
    widens what that pattern finds, as long as no character of the text is one the engine's
    case-insensitive matching equates with an ASCII letter ("ſ" with "s", the Kelvin sign with
    "k"); texts with one of those are scanned as they are.
    """
    folded = _folded(_any_rule())
    if folded is not None and _ascii_lookalikes().search(text) is None:
        lowered = text.lower()
        if len(lowered) == len(text):
            return [m.start() for m in folded.finditer(lowered)]
    return [m.start() for m in _any_rule().finditer(text)]


@functools.cache
def _ascii_lookalikes() -> re.Pattern[str]:
    """A class of the non-ASCII characters that IGNORECASE matches with an ASCII letter."""
    letter = re.compile("[a-z]", re.IGNORECASE)
    found = [chr(n) for n in range(0x80, 0x10000) if letter.fullmatch(chr(n))]
    return re.compile("[" + "".join(re.escape(c) for c in found) + "]")


@functools.cache
def _folded(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
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


def _extent(m: re.Match[str]) -> tuple[int, int]:
    """The extent of a match: its ``x`` group when the pattern matched context around it."""
    if "x" in m.re.groupindex and m.group("x") is not None:
        return m.span("x")
    return m.span()


_POSSESSIVES = frozenset({"its", "their", "his", "her", "our", "the company's"})


def _drop_determiner(m: re.Match[str], attributive: bool) -> tuple[int, int]:
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


def _month_of(m: re.Match[str]) -> int:
    return _MONTHS[m.group("month").lower().rstrip(".")]


def _is_capitalised(text: str) -> bool:
    return text[:1].isupper()


def _month_is_a_month(m: re.Match[str], doc: Doc, start: int, end: int) -> bool:
    """Vet a bare month name: capitalised, and not the modal "May" or a person's name."""
    word = m.group("month")
    if not _is_capitalised(word):
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


def _is_title(word: str) -> bool:
    """A capitalised common word ("This Week", a programme) names something; it is no date."""
    return word[:1].isupper() and not word.isupper()


def _capitalised(group: str) -> Callable:
    def check(m: re.Match[str], doc: Doc, start: int, end: int) -> bool:
        return _is_capitalised(m.group(group))

    return check


# --- explicit calendar dates -------------------------------------------------------------------


@_rule(
    "iso-date",
    r"(?P<year>1[5-9]\d\d|20\d\d)-(?P<mm>0[1-9]|1[0-2])-(?P<dd>[0-3]\d)"
    r"(?:T(?P<hh>[0-2]\d):(?P<mi>[0-5]\d))?",
)
def _iso_date(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str] | None:
    try:
        d = dt.date(int(m.group("year")), int(m.group("mm")), int(m.group("dd")))
    except ValueError:
        return None
    if m.group("hh"):
        return "TIME", f"{_ymd(d)}T{m.group('hh')}:{m.group('mi')}"
    return "DATE", _ymd(d)


@_rule("slash-date", r"(?P<mm>1[0-2]|0?[1-9])/(?P<dd>[12]\d|3[01]|0?[1-9])/(?P<yy>\d{4}|\d\d)")
def _slash_date(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str] | None:
    year = int(m.group("yy"))
    if year < 100:
        year += 1900 if year >= 30 else 2000
    try:
        d = dt.date(year, int(m.group("mm")), int(m.group("dd")))
    except ValueError:
        return None
    return "DATE", _ymd(d)


def _full_date(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str] | None:
    month, day = _month_of(m), int(m.group("day"))
    if m.group("year"):
        try:
            d = dt.date(_year_number(m.group("year")), month, day)
        except ValueError:
            return None
        value = _ymd(d)
    else:
        value = _month_day(ctx, month, day, ctx.direction(start, end))
        if value is None:
            return None
    return "DATE", value


_WEEKDAY_LEAD = rf"(?:{_WEEKDAY},?{_S})?"
_rule(
    "month-day",
    rf"{_WEEKDAY_LEAD}{_MONTH}{_S}{_DAY}(?:(?:,{_S}|{_S}){_YEAR})?",
    check=_capitalised("month"),
)(_full_date)
_rule(
    "day-month",
    rf"{_WEEKDAY_LEAD}(?:the{_S})?{_DAY}(?:{_S}of)?{_S}{_MONTH}(?:,?{_S}{_YEAR})?",
    check=_capitalised("month"),
)(_full_date)


@_rule("month-year", rf"{_EARLY}{_MONTH}(?:,?{_S}|{_S}of{_S}){_YEAR}", check=_capitalised("month"))
def _month_year(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str]:
    return "DATE", _ym(_year_number(m.group("year")), _month_of(m))


@_rule(
    "month-relative-year",
    rf"{_EARLY}{_MONTH}(?:{_S}of)?{_S}(?P<rel>this|last|next){_S}year",
    check=_capitalised("month"),
)
def _month_relative_year(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str]:
    month = _month_of(m)
    if ctx.dct is None:
        return "DATE", f"XXXX-{month:02d}"
    year = ctx.dct.year + {"this": 0, "last": -1, "next": 1}[m.group("rel").lower()]
    return "DATE", _ym(year, month)


@_rule(
    "month",
    rf"{_EARLY}(?:(?P<rel>last|next|this|this\s+past|this\s+coming){_S})?{_MONTH}(?!{_S}\d)",
    check=_month_is_a_month,
)
def _month(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str]:
    month = _month_of(m)
    relation = (m.group("rel") or "").lower().split()
    if ctx.dct is None:
        return "DATE", f"XXXX-{month:02d}"
    if relation == ["last"]:
        # "last June" is the June before this one; in June or July that is last year's
        year = ctx.dct.year if month < ctx.dct.month - 1 else ctx.dct.year - 1
    elif relation == ["this", "past"]:
        year = ctx.dct.year if month < ctx.dct.month else ctx.dct.year - 1
    elif relation[:1] == ["next"] or relation == ["this", "coming"]:
        year = ctx.dct.year if month > ctx.dct.month else ctx.dct.year + 1
    elif relation == ["this"]:
        year = ctx.dct.year
    else:
        return "DATE", _month_only(ctx, month, ctx.direction(start, end))
    return "DATE", _ym(year, month)


def _year_is_a_date(m: re.Match[str], doc: Doc, start: int, end: int) -> bool:
    """Vet a bare four-digit number as a year: not a count of something or part of an amount."""
    text = m.string
    after = text[end : end + 12].lower()
    before = text[max(0, start - 4) : start]
    if re.match(r"\s*(?:%|percent|per\b|[-–]\d)", after):
        return False
    return not re.search(r"[$#£€]\s*$|No\.\s*$|\d[.,:]?$", before)


@_rule(
    "year",
    rf"{_EARLY}(?:(?P<fiscal>fiscal|calendar|fiscal\s+year|calendar\s+year|the\s+year|"
    rf"the\s+fiscal\s+year|model\s+year){_S})?{_YEAR}",
    check=_year_is_a_date,
)
def _year(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str]:
    return "DATE", f"{_year_number(m.group('year')):04d}"


@_rule(
    "decade",
    r"(?:the\s+)?(?P<early>(?:early|mid|late)(?:-|\s+))?"
    r"(?:(?P<century>1[5-9]|20)(?P<decade>\d)0|'(?P<short>\d)0)'?s",
)
def _decade(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str]:
    if m.group("short"):
        century = "19" if m.group("short") != "0" and m.group("short") != "1" else "20"
        return "DATE", century + m.group("short")
    return "DATE", m.group("century") + m.group("decade")


_DECADE_WORDS = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}


@_rule(
    "decade-words",
    rf"the\s+(?P<early>(?:early|mid|late)(?:-|\s+))?(?P<word>{_alternation(_DECADE_WORDS)})",
)
def _decade_words(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str]:
    return "DATE", f"19{_DECADE_WORDS[m.group('word').lower()]}"


@_rule(
    "century",
    r"(?:the\s+)?(?P<early>(?:early|mid|late)(?:-|\s+))?(?P<n>\d{1,2})(?:st|nd|rd|th)"
    r"[\s-]+century|the\s+(?P<w>nineteenth|twentieth|twenty-first|eighteenth)[\s-]+century",
)
def _century(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str]:
    words = {"eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21}
    n = int(m.group("n")) if m.group("n") else words[m.group("w").lower()]
    return "DATE", f"{n - 1:02d}"


@_rule(
    "year-two-thousand",
    r"the\s+year\s+two\s+thousand(?:\s+and)?(?:[\s-]+(?P<rest>one|two|three|"
    r"four|five|six|seven|eight|nine|ten))?",
)
def _year_two_thousand(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str]:
    """ "the year two thousand": alone, "two thousand" is a number far more often than a year."""
    return "DATE", f"{2000 + int(_number(m.group('rest') or 'zero') or 0):04d}"


# --- days relative to the DCT --------------------------------------------------------------------

_DAY_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}


@_rule(
    "day-word",
    r"(?:(?P<mod>early|earlier|late|later)\s+)?(?P<word>today|yesterday|tomorrow|tonight)"
    rf"(?:{_S}(?P<part>morning|afternoon|evening|night))?",
)
def _day_word(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str]:
    word = m.group("word").lower()
    part = _PARTS_OF_DAY.get((m.group("part") or "").lower())
    if word == "tonight":
        part = "NI"
    if ctx.dct is None:
        day = "XXXX-XX-XX"
    else:
        day = _ymd(ctx.dct + dt.timedelta(days=_DAY_WORDS[word]))
    return ("TIME", f"{day}T{part}") if part else ("DATE", day)


@_rule("day-before", r"the\s+day\s+(?P<rel>before|after)\s+(?P<word>yesterday|tomorrow)")
def _day_before(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str]:
    if ctx.dct is None:
        return "DATE", "XXXX-XX-XX"
    days = _DAY_WORDS[m.group("word").lower()] + (-1 if m.group("rel").lower() == "before" else 1)
    return "DATE", _ymd(ctx.dct + dt.timedelta(days=days))


@_rule(
    "this-part-of-day",
    r"(?:(?P<mod>early|earlier|late|later)\s+)?(?P<rel>this|last|this\s+past)"
    r"\s+(?P<part>morning|afternoon|evening|night)",
)
def _this_part(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str]:
    part = _PARTS_OF_DAY[m.group("part").lower()]
    back = 1 if m.group("rel").lower() == "last" else 0
    if ctx.dct is None:
        return "TIME", f"XXXX-XX-XXT{part}"
    return "TIME", f"{_ymd(ctx.dct - dt.timedelta(days=back))}T{part}"


@_rule(
    "weekday",
    rf"(?:(?P<mod>early|earlier|late|later)\s+)?"
    rf"(?:(?P<rel>last|next|this|this\s+past|this\s+coming|past|coming|the\s+previous|"
    rf"the\s+preceding|the\s+following){_S})?(?P<weekday>{_WEEKDAY})(?:{_S}{_PART})?",
    check=_capitalised("weekday"),
)
def _weekday_rule(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str]:
    weekday = _WEEKDAYS[m.group("weekday").lower().rstrip(".")]
    relation = (m.group("rel") or "").lower().split()
    relation_key = {
        "this past": "last",
        "past": "last",
        "this coming": "next",
        "coming": "next",
    }.get(" ".join(relation), " ".join(relation))
    part = _PARTS_OF_DAY.get((m.group("part") or "").lower())
    if relation[:1] == ["the"]:
        day = _weekday_from(ctx.anchor, weekday, -1 if relation[1] != "following" else 1)
    else:
        day = _weekday(ctx, weekday, relation_key, ctx.direction(start, end))
    value = f"XXXX-WXX-{weekday}" if day is None else _ymd(day)
    return ("TIME", f"{value}T{part}") if part else ("DATE", value)


def _repeated_weekday(m: re.Match[str], doc: Doc, start: int, end: int) -> bool:
    plural = m.group("plural") or (m.group("part") and m.group(0).endswith("s"))
    return bool(m.group("every") or plural) and _is_capitalised(m.group("weekday"))


@_rule(
    "weekday-set",
    rf"(?:(?P<every>every|each){_S})?(?P<weekday>{_WEEKDAY_FULL})(?P<plural>s)?"
    rf"(?:{_S}{_PART}s?)?",
    check=_repeated_weekday,
)
def _weekday_set(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str]:
    """ "every Thursday", "on Mondays", "Tuesday nights"."""
    value = f"XXXX-WXX-{_WEEKDAYS[m.group('weekday').lower()]}"
    part = _PARTS_OF_DAY.get((m.group("part") or "").lower())
    return "SET", f"{value}T{part}" if part else value


# --- weeks, months, years relative to the DCT --------------------------------------------------


@_rule(
    "relative-period",
    r"(?:(?P<mod>earlier|later|early|late|sometime|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of"
    r"|the\s+middle\s+of|the\s+rest\s+of|the\s+remainder\s+of)\s+)?"
    r"(?P<rel>this|last|next|the\s+past|the\s+last|the\s+coming|the\s+next|the\s+current"
    r"|the\s+previous|the\s+preceding|the\s+following|the\s+same|this\s+past|this\s+coming|that)"
    r"\s+(?P<period>week|weekend|month|year|decade|century|fiscal\s+year)(?:\s+or\s+so)?",
    check=lambda m, doc, start, end: not _is_title(m.group("period")),
)
def _relative_period(
    m: re.Match[str], ctx: _Context, start: int, end: int
) -> tuple[str, str] | None:
    rel = " ".join(m.group("rel").lower().split())
    period = m.group("period").lower().split()[-1]
    unit = {
        "week": "W",
        "weekend": "W",
        "month": "M",
        "year": "Y",
        "quarter": "Q",
        "decade": "E",
        "century": "C",
    }[period]
    if rel in ("the past", "the last", "the coming", "the next") and unit in ("E", "C"):
        return "DURATION", "P10Y" if unit == "E" else "P100Y"  # "over the past decade"
    shift = {
        "this": 0,
        "the current": 0,
        "last": -1,
        "this past": -1,
        "next": 1,
        "this coming": 1,
        "the past": -1,
        "the last": -1,
        "the coming": 1,
        "the next": 1,
    }.get(rel)
    anaphoric = shift is None
    if anaphoric:
        shift = {
            "the previous": -1,
            "the preceding": -1,
            "the following": 1,
            "the same": 0,
            "that": 0,
        }[rel]
    base = ctx.anchor if anaphoric else ctx.dct
    if anaphoric and unit == "Y" and ctx.last_year is not None:
        return "DATE", f"{ctx.last_year + shift:04d}"
    if anaphoric and unit == "M" and ctx.last_month is not None:
        return "DATE", _ym(*_add_months(*ctx.last_month, shift))
    if base is None:
        return "DATE", {
            "W": "XXXX-WXX",
            "M": "XXXX-XX",
            "Y": "XXXX",
            "Q": "XXXX-QX",
            "E": "XXX",
            "C": "XX",
        }[unit] + ("-WE" if period == "weekend" else "")
    if unit == "E":
        return "DATE", str(base.year // 10 + shift)
    if unit == "C":
        return "DATE", f"{base.year // 100 + shift:02d}"
    if period == "weekend":
        saturday = base + dt.timedelta(days=6 - base.isoweekday())
        if shift == 0 and base.isoweekday() <= 2:
            saturday -= dt.timedelta(
                days=7
            )  # early in the week, "this weekend" is the one just past
        return "DATE", _week(saturday + dt.timedelta(weeks=shift)) + "-WE"
    shifted = _add_to_date(base, unit, shift)
    return "DATE", _at_granularity(shifted, unit)


@_rule(
    "the-year-ended",
    r"the\s+(?:(?:fiscal|financial|latest|twelve|12)\s+)*year(?=\s+end(?:ed|ing)\b)",
)
def _the_year_ended(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str]:
    return "DURATION", "P1Y"  # "the year ended Sept. 30": a year-long period, dated by its end


@_rule(
    "the-year",
    r"(?:for|of|in|during|throughout)\s+(?P<x>the\s+(?:(?:full|fiscal|whole|entire)\s+)?year)"
    r"(?![-\w]|\s+(?:before|after|ago|earlier|end(?:ed|ing)?|of|in\s+which|when|that)\b)",
)
def _the_year(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str]:
    """ "for the full year": the year being reported on, the DCT's."""
    return "DATE", "XXXX" if ctx.dct is None else f"{ctx.dct.year:04d}"


@_rule(
    "year-end",
    r"(?:(?P<mod>around|about|by|at|before|after|since|until)\s+)?"
    r"(?P<x>(?:the\s+)?year(?:-|\s+|'s\s+)end|the\s+end\s+of\s+the\s+year)",
)
def _year_end(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str]:
    if ctx.dct is None:
        return "DATE", "XXXX"
    since = (m.group("mod") or "").lower() == "since" or ctx.direction(start, end) < 0
    # in the first weeks of a year, "since year-end" is the end of the last one
    year = ctx.dct.year - 1 if since and ctx.dct.month <= 2 else ctx.dct.year
    return "DATE", f"{year:04d}"


@_rule(
    "end-of-period",
    r"(?P<mod>the\s+(?:end|beginning|start|middle|rest|remainder)\s+of|earlier\s+in|later\s+in)"
    r"\s+the\s+(?P<period>month|week)",
)
def _end_of_period(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str]:
    if ctx.dct is None:
        return "DATE", "XXXX-XX" if m.group("period").lower() == "month" else "XXXX-WXX"
    unit = "M" if m.group("period").lower() == "month" else "W"
    return "DATE", _at_granularity(ctx.dct, unit)


@_rule(
    "week-of",
    rf"the\s+week\s+of\s+{_MONTH}{_S}{_DAY}(?:,?{_S}{_YEAR})?",
    check=_capitalised("month"),
)
def _week_of(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str] | None:
    value = _full_date(m, ctx, start, end)
    if value is None or value[1].startswith("X"):
        return "DATE", "XXXX-WXX"
    return "DATE", _week(dt.date.fromisoformat(value[1]))


@_rule("the-weekend", r"(?:(?P<mod>early|late)\s+)?the\s+weekend")
def _the_weekend(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str]:
    if ctx.dct is None:
        return "DATE", "XXXX-WXX-WE"
    saturday = _weekday(ctx, 6, "", ctx.direction(start, end))
    return "DATE", _week(saturday) + "-WE"  # type: ignore[arg-type]


@_rule(
    "season",
    rf"{_EARLY}(?:(?P<rel>this|last|next|this\s+past|this\s+coming|the|the\s+past|"
    rf"the\s+coming){_S})?(?:(?P<mod2>early|late|mid)[\s-]+)?{_SEASON}"
    rf"(?:(?:{_S}of)?{_S}{_YEAR})?",
)
def _season_rule(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str] | None:
    season = _SEASONS[m.group("season").lower()]
    rel = " ".join((m.group("rel") or "").lower().split())
    if m.group("year"):
        return "DATE", f"{_year_number(m.group('year')):04d}-{season}"
    if season == "FA" and rel in ("", "the"):
        return None  # "the fall of the wall", "a fall in prices"
    if rel == "" and not _is_capitalised(m.group("season")) and not m.group("early"):
        return None
    if re.match(r"\s+(?:of|for)\s+(?:the\s+)?[A-Z]", m.string[end : end + 12]):
        return None  # "the Spring of Life"
    key = {"the past": "this past", "this coming": "next", "the coming": "next", "the": ""}.get(
        rel, rel
    )
    return "DATE", _season(ctx, season, key, ctx.direction(start, end))


_HOLIDAYS = {
    "new year's day": (1, 1), "new year's eve": (12, 31), "christmas": (12, 25),
    "christmas day": (12, 25), "christmas eve": (12, 24), "independence day": (7, 4),
    "the fourth of july": (7, 4), "halloween": (10, 31), "valentine's day": (2, 14),
    "boxing day": (12, 26), "may day": (5, 1), "bastille day": (7, 14),
}  # fmt: skip


def _easter(year: int) -> dt.date:
    """Return Western Easter Sunday of ``year`` (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's name
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _holiday_date(name: str, year: int) -> dt.date:
    if name in _HOLIDAYS:
        return dt.date(year, *_HOLIDAYS[name])
    if name.startswith("easter"):
        return _easter(year)
    if name.startswith("good friday"):
        return _easter(year) - dt.timedelta(days=2)
    if name == "election day":  # the Tuesday after the first Monday of November
        first_monday = next(d for d in range(1, 8) if dt.date(year, 11, d).isoweekday() == 1)
        return dt.date(year, 11, first_monday + 1)
    weekday_rules = {
        "thanksgiving": (11, 4, 4),
        "labor day": (9, 1, 1),
        "memorial day": (5, 1, -1),
        "martin luther king day": (1, 1, 3),
    }
    key = "thanksgiving" if name.startswith("thanksgiving") else name
    month, weekday, nth = weekday_rules[key]
    days = [
        d
        for d in range(1, calendar.monthrange(year, month)[1] + 1)
        if dt.date(year, month, d).isoweekday() == weekday
    ]
    return dt.date(year, month, days[nth - 1] if nth > 0 else days[nth])


@_rule(
    "holiday",
    r"(?P<name>new\s+year's\s+(?:day|eve)|christmas(?:\s+(?:day|eve))?|easter(?:\s+sunday)?|"
    r"good\s+friday|thanksgiving(?:\s+day)?|labor\s+day|memorial\s+day|independence\s+day|"
    r"the\s+fourth\s+of\s+july|halloween|valentine's\s+day|boxing\s+day|bastille\s+day|"
    rf"martin\s+luther\s+king\s+day|election\s+day)(?:,?{_S}{_YEAR})?",
    check=_capitalised("name"),
)
def _holiday(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str] | None:
    name = " ".join(m.group("name").lower().split())
    if m.group("year"):
        d = _holiday_date(name, _year_number(m.group("year")))
    elif ctx.dct is None:
        return None
    else:
        d = _pick(
            [_holiday_date(name, y) for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)],
            ctx.dct,
            ctx.direction(start, end),
        )
    return "DATE", _ymd(d)


# --- quarters and halves (financial reporting) --------------------------------------------------

_QUARTER_LEAD = (
    r"(?:(?P<the>the|its|their|this\s+year's|last\s+year's|next\s+year's|the\s+company's|"
    r"(?P<lead_year>1[5-9]\d\d|20\d\d)'s)\s+)?"
    r"(?:(?P<qmod>latest|current|recent|most\s+recent|same|year-earlier|year-ago|previous|"
    r"preceding|comparable|(?P<lead_fy>1[5-9]\d\d|20\d\d)|fiscal(?:\s+(?P<fy>1[5-9]\d\d|20\d\d))?"
    r"|fiscal-)[\s-]*)*"
)


@_rule(
    "quarter",
    rf"{_QUARTER_LEAD}(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|last|latter)"
    r"(?:[\s-]+fiscal)?(?P<joint>[\s-])(?P<qh>quarter|half)"
    rf"(?:(?:{_S}of|,)?{_S}(?:(?P<fiscal>fiscal{_S})?{_YEAR}|(?P<rel>this|last|next)\s+year"
    rf"|the\s+(?P<anaphor>year|fiscal\s+year)))?",
    extent=lambda m: _drop_determiner(m, m.group("joint") == "-"),
)
def _quarter(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str] | None:
    unit = "Q" if m.group("qh").lower() == "quarter" else "H"
    ordinal = m.group("ord").lower()
    if ordinal in ("last", "latter"):
        if unit == "Q":
            return None  # "the last quarter" is the-quarter's
        ordinal = "second"
    n = _ORDINALS[ordinal]
    lead = m.group(0).lower()
    explicit = m.group("year") or m.group("fy") or m.group("lead_year") or m.group("lead_fy")
    if explicit:
        year: int | None = _year_number(explicit)
    elif m.group("rel") or "last year's" in lead or "next year's" in lead or "this year's" in lead:
        rel = (m.group("rel") or lead.split("year's")[0].split()[-1]).lower()
        year = None if ctx.dct is None else ctx.dct.year + {"this": 0, "last": -1, "next": 1}[rel]
    elif ctx.dct is None:
        year = None
    else:
        # a report is on a quarter that is over: one not begun yet is last year's, unless planned
        current = (ctx.dct.month - 1) // (3 if unit == "Q" else 6) + 1
        year = ctx.dct.year
        if n > current and ctx.direction(start, end) <= 0:
            year -= 1
    if "year-earlier" in lead or "year-ago" in lead:
        year = None if year is None else year - 1
        ctx.keep_reference = True
    return "DATE", f"{'XXXX' if year is None else f'{year:04d}'}-{unit}{n}"


@_rule(
    "the-quarter",
    r"(?P<x>(?P<the>the|this|last|next|that)\s+(?:(?P<qmod>latest|current|recent|most\s+recent|"
    r"same|just-ended|just-completed|year-earlier|year-ago|previous|comparable|"
    r"fiscal|prior|last|past)\s+)*(?P<what>quarter|period))"
    rf"(?:\s+end(?:ed|ing)\s+{_MONTH}{_S}{_DAY}(?:,?{_S}{_YEAR})?)?",
)
def _the_quarter(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str] | None:
    what = m.group("what").lower()
    mods = m.group("x").lower()
    the = m.group("the").lower()
    if what == "period" and not any(
        w in mods for w in ("latest", "year-earlier", "year-ago", "comparable", "recent", "current")
    ):
        return None  # "the period" refers to many things
    if m.group("month") and not re.search("year-(?:earlier|ago)|comparable|previous|prior", mods):
        # "the quarter ended Sept. 30": the calendar quarter that ends then
        if m.group("year"):
            ended = f"{_year_number(m.group('year')):04d}"
        else:
            ended = _month_day(ctx, _month_of(m), int(m.group("day")), -1) or "XXXX"
        return "DATE", f"{ended[:4]}-Q{(_month_of(m) - 1) // 3 + 1}"
    if ctx.dct is None:
        return "DATE", "XXXX-QX"
    current = (ctx.dct.year, (ctx.dct.month - 1) // 3 + 1)
    completed = _shift_quarter(current, -1)
    if re.search(r"\b(?:last|past)\b", mods) and the == "the":
        mods += " latest"
    if the == "this" and ctx.topic_quarter is not None:
        year, q = ctx.topic_quarter  # "This quarter's loss", in a report on the quarter
    elif the in ("this", "next", "last"):
        year, q = _shift_quarter(current, {"this": 0, "next": 1, "last": -1}[the])
    elif "current" in mods:
        year, q = current
    elif "previous" in mods or "prior" in mods:
        year, q = _shift_quarter(ctx.last_quarter or current, -1)
    elif "latest" in mods or "recent" in mods or "just" in mods:
        topic = ctx.topic_quarter
        year, q = topic if topic and topic <= completed else completed
    elif the == "that" or "same" in mods:
        year, q = ctx.last_quarter or completed
    else:
        year, q = ctx.topic_quarter or completed
    if "year-earlier" in mods or "year-ago" in mods or "comparable" in mods:
        ctx.keep_reference = True
        return "DATE", f"{year - 1:04d}-Q{q}"
    return "DATE", f"{year:04d}-Q{q}"


def _shift_quarter(quarter: tuple[int, int], n: int) -> tuple[int, int]:
    index = quarter[0] * 4 + quarter[1] - 1 + n
    return index // 4, index % 4 + 1


@_rule("year-quarter", rf"the\s+(?:fiscal\s+)?{_YEAR}\s+(?P<what>quarter|period)")
def _year_quarter(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str]:
    """ "the 1988 quarter": the quarter under discussion, in the year named."""
    year = _year_number(m.group("year"))
    ctx.keep_reference = True
    if ctx.topic_quarter is not None:
        q = ctx.topic_quarter[1]
    elif ctx.dct is not None:
        q = _shift_quarter((ctx.dct.year, (ctx.dct.month - 1) // 3 + 1), -1)[1]
    else:
        return "DATE", f"{year:04d}-QX"
    return "DATE", f"{year:04d}-Q{q}"


@_rule(
    "quarter-a-year-ago",
    r"the\s+(?:(?:same|corresponding|comparable|year-earlier|year-ago)\s+)?"
    r"(?:quarter|period)\s+(?:of\s+)?(?:a\s+year\s+(?:ago|earlier)|last\s+year|"
    r"the\s+previous\s+year|the\s+prior\s+year)|last\s+year's\s+(?:quarter|period)",
)
def _quarter_a_year_ago(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str]:
    return "DATE", _year_back(ctx)


@_rule(
    "year-earlier",
    r"(?:(?P<the>the)\s+)?year-(?:earlier|ago)(?:\s+(?P<what>quarter|period))?",
    extent=lambda m: _drop_determiner(m, not m.group("what")),
)
def _year_earlier(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str] | None:
    return "DATE", _year_back(ctx)


def _year_back(ctx: _Context) -> str:
    """The value of "a year earlier" in a report: the quarter under discussion, else the year."""
    ctx.keep_reference = True
    if ctx.topic_quarter is not None:
        return f"{ctx.topic_quarter[0] - 1:04d}-Q{ctx.topic_quarter[1]}"
    if ctx.last_year is not None:
        return f"{ctx.last_year - 1:04d}"
    return "XXXX" if ctx.dct is None else f"{ctx.dct.year - 1:04d}"


# --- durations and offsets -----------------------------------------------------------------------

# "ago" and "earlier" belong to the expression; "later", "after" and "before" are signals outside it
_TAIL = (
    r"(?:(?:\s+or\s+so)?\s+(?P<tail>ago|earlier|hence|from\s+now|back)"
    r"|\s+(?:in\s+a\s+row|running|or\s+so))?"
)


@_rule(
    "duration",
    rf"(?P<outer>{_MOD_OUTER})(?:(?P<the>the|a|an|its|their|his|her|each\s+of\s+the)\s+)?"
    r"(?:(?P<rel>past|last|next|first|final|coming|previous|preceding|following|"
    r"remaining|latest|initial|same|prior|other|additional)\s+)?"
    rf"{_MOD}(?P<num>{_NUM})(?P<joint>-|\s+){_DURATION_ADJ}{_UNIT}"
    r"(?:\s+and\s+a\s+half)?(?P<adj>-long|(?:\s+|-)(?:period|span|stretch|spell))?"
    rf"{_TAIL}",
    extent=lambda m: _drop_determiner(m, m.group("joint") == "-"),
)
def _duration_rule(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str] | None:
    num_text = m.group("num")
    n = _number(num_text)
    if n is None:
        return None
    text = m.group(0).lower()
    if text.rstrip().endswith("and a half"):
        n += 0.5
    unit = _unit_key(m.group("unit"))
    tail = " ".join((m.group("tail") or "").lower().split())
    if not _plausible_duration(m, unit):
        return None
    if tail in ("ago", "back", "earlier", "hence", "from now"):
        return _offset(ctx, n, unit, tail)
    return "DURATION", _duration(n, unit)


def _plausible_duration(m: re.Match[str], unit: str) -> bool:
    """Reject ages ("52 years old"), ordinals ("a second time") and fractions ("a quarter of")."""
    after = m.string[m.end() : m.end() + 8].lower()
    if unit == "year" and re.match(r"[\s-]+old\b", after):
        return False
    words = m.group("num").lower()
    if unit == "second" and words in ("a", "an"):
        return False
    return not (
        unit == "quarter"
        and (
            re.match(r"\s+of\b", after)
            or ("-" in m.group(0) and m.group("unit").lower().endswith("s"))
        )
    )


def _offset(ctx: _Context, n: float, unit: str, tail: str) -> tuple[str, str]:
    """Resolve "two days ago" (from the DCT) and "a year earlier" (from what was mentioned last).

    The value has the granularity of the unit ("three weeks ago" is a week); a fraction counts in
    the next smaller unit ("two and a half years ago" is a month), and an offset of hours or
    minutes is the day it falls on.
    """
    sign = -1 if tail in ("ago", "back", "earlier") else 1
    designator, multiplier = _UNITS[unit]
    steps = n * multiplier
    smaller = {"Y": ("M", 12), "Q": ("M", 3), "M": ("D", 30), "W": ("D", 7)}
    if steps != int(steps) and designator in smaller:
        designator, factor = smaller[designator]
        steps = round(steps * factor)
    if designator in ("TS", "TM", "TH") or steps != int(steps):
        base = ctx.dct
        return "DATE", "XXXX-XX-XX" if base is None else _ymd(base)
    steps = int(steps)
    # "a year earlier" compares with what was just reported; "a year ago" too, in a quarterly report
    if (
        unit == "year"
        and steps == 1
        and (tail == "earlier" or (tail == "ago" and ctx.topic_quarter))
    ):
        return "DATE", _year_back(ctx)
    from_dct = tail in ("ago", "hence", "from now", "back")
    base = ctx.dct if from_dct else ctx.anchor
    if base is None:
        return "DATE", {
            "D": "XXXX-XX-XX",
            "W": "XXXX-WXX",
            "M": "XXXX-XX",
            "Q": "XXXX-QX",
            "Y": "XXXX",
        }[designator]
    shifted = _add_to_date(base, designator, sign * steps)
    return "DATE", _at_granularity(shifted, designator)


@_rule(
    "duration-range",
    rf"{_MOD_OUTER}(?:the\s+(?:(?:past|last|next|coming|first)\s+)?)?(?P<num>{_NUM_WORD}|\d+)"
    rf"\s+(?:to|or)\s+(?P<num2>{_NUM_WORD}|\d+)(?:-|\s+){_UNIT}",
)
def _duration_range(
    m: re.Match[str], ctx: _Context, start: int, end: int
) -> tuple[str, str] | None:
    low, high = _number(m.group("num")), _number(m.group("num2"))
    if low is None or high is None or low >= high:
        return None
    return "DURATION", _duration(None, _unit_key(m.group("unit")))


@_rule(
    "vague-adjective",
    r"(?P<vague>several|many|multi|decades|years|months|weeks|days|hours|day|year|week|month)"
    r"-(?P<unit>year|month|week|day|hour)?(?P<long>long|old)?",
)
def _vague_adjective(
    m: re.Match[str], ctx: _Context, start: int, end: int
) -> tuple[str, str] | None:
    """ "a decades-long dispute", "a several-year tenure", "a day-long meeting"."""
    vague, unit, tail = m.group("vague").lower(), m.group("unit"), m.group("long")
    if unit and not tail and vague in ("several", "many", "multi"):
        return "DURATION", _duration(None, _unit_key(unit))
    if tail == "long" and not unit:
        plural = vague.endswith("s")
        return "DURATION", _duration(None if plural else 1, _unit_key(vague))
    return None


@_rule(
    "vague-duration",
    rf"{_MOD_OUTER}(?:the\s+)?(?:(?P<rel>past|last|next|coming|recent|previous|following|"
    rf"early|first|final|latter)\s+)?(?P<vague>{_VAGUE}|recent|coming)\s+{_UNIT}"
    rf"{_TAIL}",
)
def _vague_duration(
    m: re.Match[str], ctx: _Context, start: int, end: int
) -> tuple[str, str] | None:
    unit_word = m.group("unit").lower()
    if not unit_word.endswith("s") and unit_word not in ("centuries", "millennia"):
        return None
    tail = (m.group("tail") or "").lower()
    if tail in ("ago", "earlier", "back"):
        return "DATE", "PAST_REF"
    if tail in ("from now", "hence"):
        return "DATE", "FUTURE_REF"
    return "DURATION", _duration(None, _unit_key(unit_word))


@_rule(
    "bare-units",
    r"(?:for|over|in|within|lasting|lasted|after|took|take|takes|spent|spend|about|"
    r"nearly|almost)\s+(?P<x>(?:(?:many|several|some)\s+)?(?P<unit>years|months|weeks|days|"
    r"hours|minutes|decades|centuries)(?:\s+(?P<tail>ago|earlier))?)(?!\s+(?:of|old|to\s+come))",
)
def _bare_units(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str] | None:
    if m.group("tail"):
        return "DATE", "PAST_REF"
    return "DURATION", _duration(None, _unit_key(m.group("unit")))


@_rule("units-ago", r"(?P<unit>years|months|weeks|days|decades)\s+(?P<tail>ago|earlier)")
def _units_ago(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str]:
    return "DATE", "PAST_REF"


@_rule(
    "half-hour",
    r"(?:a\s+|an\s+)?half[\s-]+(?:an\s+)?hour|half\s+a\s+(?P<unit>day|year|month|century|decade)",
)
def _half(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str]:
    unit = m.group("unit")
    if unit is None:
        return "DURATION", "PT30M"
    return "DURATION", _duration(0.5, _unit_key(unit))


# --- sets -----------------------------------------------------------------------------------------


@_rule(
    "every",
    rf"(?:every|each|per)\s+(?:(?P<other>other)\s+)?(?:(?P<num>{_NUM_WORD}|\d+)\s+)?"
    rf"(?P<unit>{_UNIT_SINGULAR}|seconds|minutes|hours|days|weeks|months|years)",
)
def _every(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str] | None:
    n = _number(m.group("num")) if m.group("num") else 1
    if n is None:
        return None
    if m.group("other"):
        n *= 2
    return "SET", _duration(n, _unit_key(m.group("unit")))


@_rule("every-month", rf"(?:every|each){_S}(?P<month>{_MONTH_FULL})", check=_capitalised("month"))
def _every_month(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str]:
    return "SET", f"XXXX-{_month_of(m):02d}"


def _after_a_quantity(m: re.Match[str], doc: Doc, start: int, end: int) -> bool:
    """Vet "a year" as a rate ("$5 million a year", "twice a week", "interviews a day")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    before = doc[span.start - 1]
    return before.tag_ in ("CD", "NNS", "NNPS") or before.lower_ in ("once", "twice", "%")


@_rule(
    "per-unit",
    r"(?:a|an|per)\s+(?P<unit>year|month|week|day|hour|quarter)(?![-\w])",
    check=_after_a_quantity,
    rank=10,
)
def _per_unit(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str]:
    return "SET", _duration(1, _unit_key(m.group("unit")))


def _adverbial(m: re.Match[str], doc: Doc, start: int, end: int) -> bool:
    """Vet "quarterly": an adverb ("reports quarterly"), not the adjective of financial reporting
    ("the quarterly dividend"), which is about the report, not about time."""
    if m.group("word").lower() != "quarterly":
        return True
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is None or span.root.pos_ == "ADV"


@_rule("set-adverb", rf"(?P<word>{_alternation(_SET_ADVERBS)})", check=_adverbial)
def _set_adverb(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str]:
    return "SET", _SET_ADVERBS[m.group("word").lower()]


# --- times of day ---------------------------------------------------------------------------------

_DAY_AFTER_TIME = (
    rf"(?:,?{_S}(?:(?P<day_word>today|yesterday|tomorrow|tonight)|(?P<weekday>{_WEEKDAY})"
    rf"|(?P<month>{_MONTH_FULL}|(?:{_MONTH_ABBR})\.?){_S}(?P<day>[12]\d|3[01]|0?[1-9])))?"
)


@_rule(
    "clock-time",
    r"(?:(?P<mod>about|around|approximately|roughly|shortly\s+(?:before|after)|"
    r"just\s+(?:before|after))\s+)?"
    r"(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*"
    r"(?P<ampm>a\.\s?m\.?|p\.\s?m\.?|am\b|pm\b|o'clock)"
    rf"(?:{_S}(?P<tz>{_TZ}|local\s+time))?{_DAY_AFTER_TIME}",
)
def _clock_time(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str] | None:
    hour, minute = int(m.group("h")), int(m.group("mi") or 0)
    ampm = m.group("ampm").lower().replace(" ", "")
    if hour > 12 and not ampm.startswith("o"):
        return None
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    return "TIME", f"{_day_of_time(m, ctx, start, end)}T{hour:02d}:{minute:02d}"


@_rule(
    "clock-24", rf"(?P<h>[01]\d|2[0-3]):?(?P<mi>[0-5]\d){_S}(?P<tz>(?-i:{_TZ})){_DAY_AFTER_TIME}"
)
def _clock_24(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str]:
    return "TIME", f"{_day_of_time(m, ctx, start, end)}T{m.group('h')}:{m.group('mi')}"


@_rule(
    "noon",
    rf"(?:(?P<mod>about|around|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?"
    rf"(?P<word>noon|midnight|midday){_DAY_AFTER_TIME}",
)
def _noon(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str]:
    time = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}[m.group("word").lower()]
    return "TIME", f"{_day_of_time(m, ctx, start, end)}T{time}"


def _day_of_time(m: re.Match[str], ctx: _Context, start: int, end: int) -> str:
    """The day a clock time is on: the day named after it, else the DCT."""
    if m.group("day_word"):
        if ctx.dct is None:
            return "XXXX-XX-XX"
        return _ymd(ctx.dct + dt.timedelta(days=_DAY_WORDS[m.group("day_word").lower()]))
    if m.group("weekday"):
        day = _weekday(
            ctx, _WEEKDAYS[m.group("weekday").lower().rstrip(".")], "", ctx.direction(start, end)
        )
        return "XXXX-XX-XX" if day is None else _ymd(day)
    if m.group("month"):
        value = _month_day(
            ctx,
            _MONTHS[m.group("month").lower().rstrip(".")],
            int(m.group("day")),
            ctx.direction(start, end),
        )
        return value or "XXXX-XX-XX"
    anchor = ctx.anchor
    return "XXXX-XX-XX" if anchor is None else _ymd(anchor)


# --- references to the present, past and future ---------------------------------------------------


def _not_a_connective(m: re.Match[str], doc: Doc, start: int, end: int) -> bool:
    """Reject "soon" in the connectives "as soon as" and "soon after", which relate two events."""
    if m.group("word").lower() != "soon":
        return True
    before, after = m.string[max(0, start - 3) : start].lower(), m.string[end : end + 12].lower()
    if before == "as " and not after.startswith(" as possible"):
        return False
    return not re.match(r"\s+(?:after|before|afterwards?|thereafter)\b", after)


@_rule("ref", rf"(?P<word>{_alternation(_REFS)})", check=_not_a_connective)
def _ref(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str] | None:
    return "DATE", _REFS[" ".join(m.group("word").lower().split())]


@_rule(
    "anaphoric-day",
    r"(?:(?P<mod>earlier|later)\s+)?(?:(?P<rel>the\s+next|the\s+following|the\s+previous|"
    r"the\s+preceding|the\s+same|that)\s+(?P<what>day|morning|afternoon|evening|night)"
    r"|the\s+(?P<what2>day|night)\s+(?P<rel2>before|after)(?=\s*[,.;:)'\"]|\s*$))",
)
def _anaphoric_day(m: re.Match[str], ctx: _Context, start: int, end: int) -> tuple[str, str]:
    rel = " ".join((m.group("rel") or m.group("rel2")).lower().split())
    shift = {
        "the next": 1,
        "the following": 1,
        "after": 1,
        "the previous": -1,
        "the preceding": -1,
        "before": -1,
        "the same": 0,
        "that": 0,
    }[rel]
    what = (m.group("what") or m.group("what2")).lower()
    base = ctx.anchor
    if base is None:
        day = "XXXX-XX-XX"
    else:
        d = base + dt.timedelta(days=shift)
        day = _ymd(d)
    if what != "day":
        return "TIME", f"{day}T{_PARTS_OF_DAY[what]}"
    return "DATE", day


# ---------------------------------------------------------------------------------------------
# Driver


@functools.cache
def _any_rule() -> re.Pattern[str]:
    """One pattern that holds (as a lookahead) at each word start where some rule matches.

    Scanning the text once with it, then trying each rule only at the starts it found, gives what
    scanning the text with each rule would (see ``_scan``) in 60% of the time: the engine tries
    the rules at each word start in one go instead of walking the text once per rule. Every
    rule starts with the word-start test ``_B`` (``_rule`` puts it there), which is made once for
    all. Group names are dropped, as two rules may use the same one; no rule refers back to a group.
    """
    alternatives = []
    for rule in _RULES:
        scan, own = (rule.scan or rule.pattern).pattern, rule.pattern.pattern
        gate = scan[: len(scan) - len(own)]  # the first-character lookahead, if any
        alternatives.append(gate + re.sub(r"\(\?P<\w+>", "(?:", own.removeprefix(_B)))  # _B: tested once, first
    return re.compile(_B + "(?=" + "|".join(alternatives) + ")", re.IGNORECASE)


def _scan(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
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


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    priority: tuple[int, int]
    rule: _Rule
    match: re.Match[str]


def _candidates(doc: Doc) -> Iterator[_Candidate]:
    text = doc_text(doc)
    starts = _rule_starts(text)
    for index, rule in enumerate(_RULES):
        priority = (rule.rank, index)
        for m in _scan(rule.scan or rule.pattern, text, starts):
            start, end = rule.extent(m) if rule.extent else _extent(m)
            if start == end:
                continue
            if rule.check is not None and not rule.check(m, doc, start, end):
                continue
            yield _Candidate(start, end, priority, rule, m)


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep the longest of overlapping candidates (ties: the earlier, then the earlier rule)."""
    chosen: list[_Candidate] = []
    starts: list[int] = []  # of the chosen, which never overlap: sorted starts and their ends
    ends: list[int] = []
    for c in sorted(candidates, key=lambda c: (c.start - c.end, c.start, c.priority)):
        i = bisect.bisect_right(starts, c.start)
        if (i and ends[i - 1] > c.start) or (i < len(starts) and starts[i] < c.end):
            continue
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


_REFERENCE_VALUE = re.compile(
    r"(?P<y>\d{4})(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d))?|Q(?P<q>[1-4])))?(?:T.*)?"
)


def _is_reportable(ctx: _Context, quarter: tuple[int, int]) -> bool:
    """Whether a report published at the DCT can be on ``quarter``: one of the last four.

    "The third quarter of 1984", in a report of 1989, is history the report mentions; it is not
    what "a year earlier" or "the quarter" compare with.
    """
    if ctx.dct is None:
        return True
    current = (ctx.dct.year, (ctx.dct.month - 1) // 3 + 1)
    return _shift_quarter(current, -4) <= quarter <= current


def _remember(ctx: _Context, value: str) -> None:
    """Make a calendar value the reference for the anaphoric expressions after it."""
    m = _REFERENCE_VALUE.fullmatch(value)
    if m is None:
        return
    year = int(m.group("y"))
    ctx.last_year = year
    if m.group("q"):
        ctx.last_quarter = (year, int(m.group("q")))
        if ctx.topic_quarter is None and _is_reportable(ctx, ctx.last_quarter):
            ctx.topic_quarter = ctx.last_quarter
    if m.group("m"):
        ctx.last_month = (year, int(m.group("m")))
    if m.group("d"):
        try:
            ctx.last_day = dt.date(year, int(m.group("m")), int(m.group("d")))
        except ValueError:
            pass


def find_timexes(doc: Doc, *, article: Article) -> tuple[Timex, ...]:
    """Return the time expressions of ``article`` with their TIMEX3 type and value.

    Args:
        doc: the spaCy parse of ``article.text``.
        article: the article; ``published`` is the reference date, ``id`` goes into each record.

    Returns:
        The expressions, sorted by start, with ``text == article.text[start:end]``.
    """
    text = article.text
    pool = list(_candidates(doc))
    out: list[Timex] = []
    rejected: set[tuple[int, int, tuple[int, int]]] = set()
    while True:
        selected = _select([c for c in pool if (c.start, c.end, c.priority) not in rejected])
        ctx = _Context(doc=doc, dct=article.published)
        out = []
        failed = False
        for c in selected:
            try:
                result = c.rule.normalise(c.match, ctx, c.start, c.end)
            except (ValueError, OverflowError):  # "2000 years earlier" than 2000: no calendar date
                result = None
            if result is None:
                rejected.add((c.start, c.end, c.priority))
                failed = True
                continue
            if not ctx.keep_reference:
                _remember(ctx, result[1])
            ctx.keep_reference = False
            out.append(
                Timex(
                    article_id=article.id,
                    text=text[c.start : c.end],
                    start=c.start,
                    end=c.end,
                    type=result[0],
                    value=result[1],
                )
            )
        if not failed:
            return tuple(out)


# ---------------------------------------------------------------------------------------------
# Event dates

_DATE_VALUE = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d\d)(?:-(?P<d>\d\d))?)?(?:T.*)?")
_WEEK_VALUE = re.compile(r"(?P<y>\d{4})-W(?P<w>\d\d?)(?:-(?P<wd>[1-7]))?(?:-WE)?")
_PART_VALUE = re.compile(r"(?P<y>\d{4})-(?P<part>Q[1-4]|H[12]|SP|SU|FA|WI)")


def to_event_date(value: str) -> tuple[str, str] | None:
    """Turn a TIMEX3 DATE (or TIME) value into an event date and its precision.

    Day, month and year values keep their precision (``2020-01-15`` -> day, ``2020-01`` ->
    month, ``2020`` -> year; a time is cut to its day). A week becomes the month of its Thursday
    (the day that decides which year an ISO week belongs to), since a week cannot be written at
    day precision without inventing a day; a week with a weekday (``2020-W43-5``) is that day. A
    quarter, half or season is coarser than a month and becomes its year. Anything not anchored to
    the calendar (``PRESENT_REF``, ``XXXX-01``, durations, sets) gives None.
    """
    value = value.strip()
    m = _DATE_VALUE.fullmatch(value)
    if m:
        if m.group("d"):
            try:
                dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            except ValueError:
                return None
            return f"{m.group('y')}-{m.group('m')}-{m.group('d')}", "day"
        if m.group("m"):
            return (
                (f"{m.group('y')}-{m.group('m')}", "month")
                if 1 <= int(m.group("m")) <= 12
                else None
            )
        return m.group("y"), "year"
    m = _WEEK_VALUE.fullmatch(value)
    if m:
        try:
            day = dt.date.fromisocalendar(
                int(m.group("y")), int(m.group("w")), int(m.group("wd") or 4)
            )
        except ValueError:
            return None
        if m.group("wd"):
            return _ymd(day), "day"
        return _ym(day.year, day.month), "month"
    m = _PART_VALUE.fullmatch(value)
    if m:
        return m.group("y"), "year"
    return None
