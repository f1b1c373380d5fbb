"""Rules for explicit calendar dates: ISO and slashed dates, "March 3, 2021", "3 March", "June
2020", "last June", "1990", "the 1990s", "the nineties", "the 21st century"."""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc

from eventwire.extract.timex.anchoring import Context, resolve_month, resolve_month_day
from eventwire.extract.timex.grammar import DAY, EARLY, MONTH, S, WEEKDAY, YEAR, alternation
from eventwire.extract.timex.scanner import timex_rule
from eventwire.extract.timex.values import number, year_number, ym, ymd
from eventwire.extract.timex.vetting import capitalised, month_is_a_month, month_of


@timex_rule(
    "iso-date",
    r"(?P<year>1[5-9]\d\d|20\d\d)-(?P<mm>0[1-9]|1[0-2])-(?P<dd>[0-3]\d)"
    r"(?:T(?P<hh>[0-2]\d):(?P<mi>[0-5]\d))?",
)
def iso_date(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str] | None:
    try:
        d = dt.date(int(m.group("year")), int(m.group("mm")), int(m.group("dd")))
    except ValueError:
        return None
    if m.group("hh"):
        return "TIME", f"{ymd(d)}T{m.group('hh')}:{m.group('mi')}"
    return "DATE", ymd(d)


@timex_rule("slash-date", r"(?P<mm>1[0-2]|0?[1-9])/(?P<dd>[12]\d|3[01]|0?[1-9])/(?P<yy>\d{4}|\d\d)")
def slash_date(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str] | None:
    year = int(m.group("yy"))
    if year < 100:
        year += 1900 if year >= 30 else 2000
    try:
        d = dt.date(year, int(m.group("mm")), int(m.group("dd")))
    except ValueError:
        return None
    return "DATE", ymd(d)


def full_date(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str] | None:
    month, day = month_of(m), int(m.group("day"))
    if m.group("year"):
        try:
            d = dt.date(year_number(m.group("year")), month, day)
        except ValueError:
            return None
        value = ymd(d)
    else:
        value = resolve_month_day(ctx, month, day, ctx.direction(start, end))
        if value is None:
            return None
    return "DATE", value


_WEEKDAY_LEAD = rf"(?:{WEEKDAY},?{S})?"
month_day = timex_rule(
    "month-day",
    rf"{_WEEKDAY_LEAD}{MONTH}{S}{DAY}(?:(?:,{S}|{S}){YEAR})?",
    check=capitalised("month"),
)(full_date)
day_month = timex_rule(
    "day-month",
    rf"{_WEEKDAY_LEAD}(?:the{S})?{DAY}(?:{S}of)?{S}{MONTH}(?:,?{S}{YEAR})?",
    check=capitalised("month"),
)(full_date)


@timex_rule("month-year", rf"{EARLY}{MONTH}(?:,?{S}|{S}of{S}){YEAR}", check=capitalised("month"))
def month_year(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str]:
    return "DATE", ym(year_number(m.group("year")), month_of(m))


@timex_rule(
    "month-relative-year",
    rf"{EARLY}{MONTH}(?:{S}of)?{S}(?P<rel>this|last|next){S}year",
    check=capitalised("month"),
)
def month_relative_year(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str]:
    month = month_of(m)
    if ctx.dct is None:
        return "DATE", f"XXXX-{month:02d}"
    year = ctx.dct.year + {"this": 0, "last": -1, "next": 1}[m.group("rel").lower()]
    return "DATE", ym(year, month)


@timex_rule(
    "month",
    rf"{EARLY}(?:(?P<rel>last|next|this|this\s+past|this\s+coming){S})?{MONTH}(?!{S}\d)",
    check=month_is_a_month,
)
def month_rule(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str]:
    month = month_of(m)
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
        return "DATE", resolve_month(ctx, month, ctx.direction(start, end))
    return "DATE", ym(year, month)


def _year_is_a_date(m: re.Match[str], doc: Doc, start: int, end: int) -> bool:
    """Vet a bare four-digit number as a year: not a count of something or part of an amount."""
    text = m.string
    after = text[end : end + 12].lower()
    before = text[max(0, start - 4) : start]
    if re.match(r"\s*(?:%|percent|per\b|[-–]\d)", after):
        return False
    return not re.search(r"[$#£€]\s*$|No\.\s*$|\d[.,:]?$", before)


@timex_rule(
    "year",
    rf"{EARLY}(?:(?P<fiscal>fiscal|calendar|fiscal\s+year|calendar\s+year|the\s+year|"
    rf"the\s+fiscal\s+year|model\s+year){S})?{YEAR}",
    check=_year_is_a_date,
)
def year_rule(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str]:
    return "DATE", f"{year_number(m.group('year')):04d}"


@timex_rule(
    "decade",
    r"(?:the\s+)?(?P<early>(?:early|mid|late)(?:-|\s+))?"
    r"(?:(?P<century>1[5-9]|20)(?P<decade>\d)0|'(?P<short>\d)0)'?s",
)
def decade(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str]:
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


@timex_rule(
    "decade-words",
    rf"the\s+(?P<early>(?:early|mid|late)(?:-|\s+))?(?P<word>{alternation(_DECADE_WORDS)})",
)
def decade_words(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str]:
    return "DATE", f"19{_DECADE_WORDS[m.group('word').lower()]}"


@timex_rule(
    "century",
    r"(?:the\s+)?(?P<early>(?:early|mid|late)(?:-|\s+))?(?P<n>\d{1,2})(?:st|nd|rd|th)"
    r"[\s-]+century|the\s+(?P<w>nineteenth|twentieth|twenty-first|eighteenth)[\s-]+century",
)
def century_rule(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str]:
    words = {"eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21}
    n = int(m.group("n")) if m.group("n") else words[m.group("w").lower()]
    return "DATE", f"{n - 1:02d}"


@timex_rule(
    "year-two-thousand",
    r"the\s+year\s+two\s+thousand(?:\s+and)?(?:[\s-]+(?P<rest>one|two|three|"
    r"four|five|six|seven|eight|nine|ten))?",
)
def year_two_thousand(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str]:
    """ "the year two thousand": alone, "two thousand" is a number far more often than a year."""
    return "DATE", f"{2000 + int(number(m.group('rest') or 'zero') or 0):04d}"
