"""Rules for durations, offsets and sets: "three years", "about a week", "two days ago", "a year
earlier", "several months", "decades-long", "every other week", "$5 million a year", "weekly"."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from eventwire.extract.timex.anchoring import Context
from eventwire.extract.timex.grammar import (
    DURATION_ADJ, MOD, MOD_OUTER, MONTH_FULL, NUM, NUM_WORD, S, UNIT, UNIT_SINGULAR, VAGUE,
    alternation,
)  # fmt: skip
from eventwire.extract.timex.quarters import year_back
from eventwire.extract.timex.scanner import timex_rule
from eventwire.extract.timex.values import (
    add_to_date, at_granularity, duration, number, unit_key, ymd,
)  # fmt: skip
from eventwire.extract.timex.vetting import capitalised, drop_determiner, month_of
from eventwire.extract.timex.vocabulary import SET_ADVERBS, UNITS


# "ago" and "earlier" belong to the expression; "later", "after" and "before" are signals outside it
_TAIL = (
    r"(?:(?:\s+or\s+so)?\s+(?P<tail>ago|earlier|hence|from\s+now|back)"
    r"|\s+(?:in\s+a\s+row|running|or\s+so))?"
)


@timex_rule(
    "duration",
    rf"(?P<outer>{MOD_OUTER})(?:(?P<the>the|a|an|its|their|his|her|each\s+of\s+the)\s+)?"
    r"(?:(?P<rel>past|last|next|first|final|coming|previous|preceding|following|"
    r"remaining|latest|initial|same|prior|other|additional)\s+)?"
    rf"{MOD}(?P<num>{NUM})(?P<joint>-|\s+){DURATION_ADJ}{UNIT}"
    r"(?:\s+and\s+a\s+half)?(?P<adj>-long|(?:\s+|-)(?:period|span|stretch|spell))?"
    rf"{_TAIL}",
    extent=lambda m: drop_determiner(m, m.group("joint") == "-"),
)
def duration_rule(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str] | None:
    num_text = m.group("num")
    n = number(num_text)
    if n is None:
        return None
    text = m.group(0).lower()
    if text.rstrip().endswith("and a half"):
        n += 0.5
    unit = unit_key(m.group("unit"))
    tail = " ".join((m.group("tail") or "").lower().split())
    if not _plausible_duration(m, unit):
        return None
    if tail in ("ago", "back", "earlier", "hence", "from now"):
        return _offset(ctx, n, unit, tail)
    return "DURATION", duration(n, unit)


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


def _offset(ctx: Context, n: float, unit: str, tail: str) -> tuple[str, str]:
    """Resolve "two days ago" (from the DCT) and "a year earlier" (from what was mentioned last).

    The value has the granularity of the unit ("three weeks ago" is a week); a fraction counts in
    the next smaller unit ("two and a half years ago" is a month), and an offset of hours or
    minutes is the day it falls on.
    """
    sign = -1 if tail in ("ago", "back", "earlier") else 1
    designator, multiplier = UNITS[unit]
    steps = n * multiplier
    smaller = {"Y": ("M", 12), "Q": ("M", 3), "M": ("D", 30), "W": ("D", 7)}
    if steps != int(steps) and designator in smaller:
        designator, factor = smaller[designator]
        steps = round(steps * factor)
    if designator in ("TS", "TM", "TH") or steps != int(steps):
        base = ctx.dct
        return "DATE", "XXXX-XX-XX" if base is None else ymd(base)
    steps = int(steps)
    # "a year earlier" compares with what was just reported; "a year ago" too, in a quarterly report
    if (
        unit == "year"
        and steps == 1
        and (tail == "earlier" or (tail == "ago" and ctx.topic_quarter))
    ):
        return "DATE", year_back(ctx)
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
    shifted = add_to_date(base, designator, sign * steps)
    return "DATE", at_granularity(shifted, designator)


@timex_rule(
    "duration-range",
    rf"{MOD_OUTER}(?:the\s+(?:(?:past|last|next|coming|first)\s+)?)?(?P<num>{NUM_WORD}|\d+)"
    rf"\s+(?:to|or)\s+(?P<num2>{NUM_WORD}|\d+)(?:-|\s+){UNIT}",
)
def duration_range(
    m: re.Match[str], ctx: Context, start: int, end: int
) -> tuple[str, str] | None:
    low, high = number(m.group("num")), number(m.group("num2"))
    if low is None or high is None or low >= high:
        return None
    return "DURATION", duration(None, unit_key(m.group("unit")))


@timex_rule(
    "vague-adjective",
    r"(?P<vague>several|many|multi|decades|years|months|weeks|days|hours|day|year|week|month)"
    r"-(?P<unit>year|month|week|day|hour)?(?P<long>long|old)?",
)
def vague_adjective(
    m: re.Match[str], ctx: Context, start: int, end: int
) -> tuple[str, str] | None:
    """ "a decades-long dispute", "a several-year tenure", "a day-long meeting"."""
    vague, unit, tail = m.group("vague").lower(), m.group("unit"), m.group("long")
    if unit and not tail and vague in ("several", "many", "multi"):
        return "DURATION", duration(None, unit_key(unit))
    if tail == "long" and not unit:
        plural = vague.endswith("s")
        return "DURATION", duration(None if plural else 1, unit_key(vague))
    return None


@timex_rule(
    "vague-duration",
    rf"{MOD_OUTER}(?:the\s+)?(?:(?P<rel>past|last|next|coming|recent|previous|following|"
    rf"early|first|final|latter)\s+)?(?P<vague>{VAGUE}|recent|coming)\s+{UNIT}"
    rf"{_TAIL}",
)
def vague_duration(
    m: re.Match[str], ctx: Context, start: int, end: int
) -> tuple[str, str] | None:
    unit_word = m.group("unit").lower()
    if not unit_word.endswith("s") and unit_word not in ("centuries", "millennia"):
        return None
    tail = (m.group("tail") or "").lower()
    if tail in ("ago", "earlier", "back"):
        return "DATE", "PAST_REF"
    if tail in ("from now", "hence"):
        return "DATE", "FUTURE_REF"
    return "DURATION", duration(None, unit_key(unit_word))


@timex_rule(
    "bare-units",
    r"(?:for|over|in|within|lasting|lasted|after|took|take|takes|spent|spend|about|"
    r"nearly|almost)\s+(?P<x>(?:(?:many|several|some)\s+)?(?P<unit>years|months|weeks|days|"
    r"hours|minutes|decades|centuries)(?:\s+(?P<tail>ago|earlier))?)(?!\s+(?:of|old|to\s+come))",
)
def bare_units(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str] | None:
    if m.group("tail"):
        return "DATE", "PAST_REF"
    return "DURATION", duration(None, unit_key(m.group("unit")))


@timex_rule("units-ago", r"(?P<unit>years|months|weeks|days|decades)\s+(?P<tail>ago|earlier)")
def units_ago(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str]:
    return "DATE", "PAST_REF"


@timex_rule(
    "half-hour",
    r"(?:a\s+|an\s+)?half[\s-]+(?:an\s+)?hour|half\s+a\s+(?P<unit>day|year|month|century|decade)",
)
def half_hour(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str]:
    unit = m.group("unit")
    if unit is None:
        return "DURATION", "PT30M"
    return "DURATION", duration(0.5, unit_key(unit))


# --- sets -----------------------------------------------------------------------------------------


@timex_rule(
    "every",
    rf"(?:every|each|per)\s+(?:(?P<other>other)\s+)?(?:(?P<num>{NUM_WORD}|\d+)\s+)?"
    rf"(?P<unit>{UNIT_SINGULAR}|seconds|minutes|hours|days|weeks|months|years)",
)
def every(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str] | None:
    n = number(m.group("num")) if m.group("num") else 1
    if n is None:
        return None
    if m.group("other"):
        n *= 2
    return "SET", duration(n, unit_key(m.group("unit")))


@timex_rule("every-month", rf"(?:every|each){S}(?P<month>{MONTH_FULL})", check=capitalised("month"))
def every_month(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str]:
    return "SET", f"XXXX-{month_of(m):02d}"


def _after_a_quantity(m: re.Match[str], doc: Doc, start: int, end: int) -> bool:
    """Vet "a year" as a rate ("$5 million a year", "twice a week", "interviews a day")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    before = doc[span.start - 1]
    return before.tag_ in ("CD", "NNS", "NNPS") or before.lower_ in ("once", "twice", "%")


@timex_rule(
    "per-unit",
    r"(?:a|an|per)\s+(?P<unit>year|month|week|day|hour|quarter)(?![-\w])",
    check=_after_a_quantity,
    rank=10,
)
def per_unit(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str]:
    return "SET", duration(1, unit_key(m.group("unit")))


def _adverbial(m: re.Match[str], doc: Doc, start: int, end: int) -> bool:
    """Vet "quarterly": an adverb ("reports quarterly"), not the adjective of financial reporting
    ("the quarterly dividend"), which is about the report, not about time."""
    if m.group("word").lower() != "quarterly":
        return True
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is None or span.root.pos_ == "ADV"


@timex_rule("set-adverb", rf"(?P<word>{alternation(SET_ADVERBS)})", check=_adverbial)
def set_adverb(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str]:
    return "SET", SET_ADVERBS[m.group("word").lower()]
