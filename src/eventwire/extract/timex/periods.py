"""Rules for weeks, months, years, seasons and holidays relative to the publication date: "this
week", "next month", "the previous year", "year-end", "the week of March 8", "the weekend",
"last spring", "Christmas"."""

from __future__ import annotations

import datetime as dt
import re


from eventwire.extract.timex.anchoring import Context, pick, resolve_season, resolve_weekday
from eventwire.extract.timex.scanner import timex_rule
import calendar
from eventwire.extract.timex.dates import full_date
from eventwire.extract.timex.grammar import DAY, EARLY, MONTH, S, SEASON, YEAR
from eventwire.extract.timex.values import (
    add_months, add_to_date, at_granularity, iso_week, year_number, ym, ymd,
)  # fmt: skip
from eventwire.extract.timex.vetting import capitalised, is_capitalised, is_title
from eventwire.extract.timex.vocabulary import SEASONS


@timex_rule(
    "relative-period",
    r"(?:(?P<mod>earlier|later|early|late|sometime|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of"
    r"|the\s+middle\s+of|the\s+rest\s+of|the\s+remainder\s+of)\s+)?"
    r"(?P<rel>this|last|next|the\s+past|the\s+last|the\s+coming|the\s+next|the\s+current"
    r"|the\s+previous|the\s+preceding|the\s+following|the\s+same|this\s+past|this\s+coming|that)"
    r"\s+(?P<period>week|weekend|month|year|decade|century|fiscal\s+year)(?:\s+or\s+so)?",
    check=lambda m, doc, start, end: not is_title(m.group("period")),
)
def relative_period(
    m: re.Match[str], ctx: Context, start: int, end: int
) -> tuple[str, str] | None:
    """ "this week", "next month", "the previous year": a period shifted from the DCT, or, when
    anaphoric, from what the article mentioned last."""
    rel = " ".join(m.group("rel").lower().split())
    period = m.group("period").lower().split()[-1]
    unit = _PERIOD_UNITS[period]
    if rel in ("the past", "the last", "the coming", "the next") and unit in ("E", "C"):
        return "DURATION", "P10Y" if unit == "E" else "P100Y"  # "over the past decade"
    anaphoric = rel not in _DCT_SHIFTS
    shift = _ANAPHORIC_SHIFTS[rel] if anaphoric else _DCT_SHIFTS[rel]
    base = ctx.anchor if anaphoric else ctx.dct
    if anaphoric and unit == "Y" and ctx.last_year is not None:
        return "DATE", f"{ctx.last_year + shift:04d}"
    if anaphoric and unit == "M" and ctx.last_month is not None:
        return "DATE", ym(*add_months(*ctx.last_month, shift))
    if base is None:
        return "DATE", _UNKNOWN_PERIODS[unit] + ("-WE" if period == "weekend" else "")
    if unit == "E":
        return "DATE", str(base.year // 10 + shift)
    if unit == "C":
        return "DATE", f"{base.year // 100 + shift:02d}"
    if period == "weekend":
        return "DATE", _weekend(base, shift)
    return "DATE", at_granularity(add_to_date(base, unit, shift), unit)


# a period's unit: "E" a decade, "C" a century (values "199", "19")
_PERIOD_UNITS = {
    "week": "W", "weekend": "W", "month": "M", "year": "Y", "quarter": "Q", "decade": "E",
    "century": "C",
}  # fmt: skip
# how far "next week", "this past year" lie from the DCT...
_DCT_SHIFTS = {
    "this": 0, "the current": 0, "last": -1, "this past": -1, "next": 1, "this coming": 1,
    "the past": -1, "the last": -1, "the coming": 1, "the next": 1,
}  # fmt: skip
# ...and "the following week", "that year" from what the article mentioned last
_ANAPHORIC_SHIFTS = {
    "the previous": -1, "the preceding": -1, "the following": 1, "the same": 0, "that": 0,
}  # fmt: skip
_UNKNOWN_PERIODS = {
    "W": "XXXX-WXX", "M": "XXXX-XX", "Y": "XXXX", "Q": "XXXX-QX", "E": "XXX", "C": "XX",
}  # fmt: skip


def _weekend(base: dt.date, shift: int) -> str:
    """Return the ISO week value of the weekend ``shift`` weeks from the one of ``base``'s week."""
    saturday = base + dt.timedelta(days=6 - base.isoweekday())
    if shift == 0 and base.isoweekday() <= 2:
        saturday -= dt.timedelta(days=7)  # early in the week, "this weekend" is the one just past
    return iso_week(saturday + dt.timedelta(weeks=shift)) + "-WE"


@timex_rule(
    "the-year-ended",
    r"the\s+(?:(?:fiscal|financial|latest|twelve|12)\s+)*year(?=\s+end(?:ed|ing)\b)",
)
def the_year_ended(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str]:
    return "DURATION", "P1Y"  # "the year ended Sept. 30": a year-long period, dated by its end


@timex_rule(
    "the-year",
    r"(?:for|of|in|during|throughout)\s+(?P<x>the\s+(?:(?:full|fiscal|whole|entire)\s+)?year)"
    r"(?![-\w]|\s+(?:before|after|ago|earlier|end(?:ed|ing)?|of|in\s+which|when|that)\b)",
)
def the_year(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str]:
    """ "for the full year": the year being reported on, the DCT's."""
    return "DATE", "XXXX" if ctx.dct is None else f"{ctx.dct.year:04d}"


@timex_rule(
    "year-end",
    r"(?:(?P<mod>around|about|by|at|before|after|since|until)\s+)?"
    r"(?P<x>(?:the\s+)?year(?:-|\s+|'s\s+)end|the\s+end\s+of\s+the\s+year)",
)
def year_end(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str]:
    if ctx.dct is None:
        return "DATE", "XXXX"
    since = (m.group("mod") or "").lower() == "since" or ctx.direction(start, end) < 0
    # in the first weeks of a year, "since year-end" is the end of the last one
    year = ctx.dct.year - 1 if since and ctx.dct.month <= 2 else ctx.dct.year
    return "DATE", f"{year:04d}"


@timex_rule(
    "end-of-period",
    r"(?P<mod>the\s+(?:end|beginning|start|middle|rest|remainder)\s+of|earlier\s+in|later\s+in)"
    r"\s+the\s+(?P<period>month|week)",
)
def end_of_period(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str]:
    if ctx.dct is None:
        return "DATE", "XXXX-XX" if m.group("period").lower() == "month" else "XXXX-WXX"
    unit = "M" if m.group("period").lower() == "month" else "W"
    return "DATE", at_granularity(ctx.dct, unit)


@timex_rule(
    "week-of",
    rf"the\s+week\s+of\s+{MONTH}{S}{DAY}(?:,?{S}{YEAR})?",
    check=capitalised("month"),
)
def week_of(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str] | None:
    value = full_date(m, ctx, start, end)
    if value is None or value[1].startswith("X"):
        return "DATE", "XXXX-WXX"
    return "DATE", iso_week(dt.date.fromisoformat(value[1]))


@timex_rule("the-weekend", r"(?:(?P<mod>early|late)\s+)?the\s+weekend")
def the_weekend(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str]:
    if ctx.dct is None:
        return "DATE", "XXXX-WXX-WE"
    saturday = resolve_weekday(ctx, 6, "", ctx.direction(start, end))
    return "DATE", iso_week(saturday) + "-WE"  # type: ignore[arg-type]


@timex_rule(
    "season",
    rf"{EARLY}(?:(?P<rel>this|last|next|this\s+past|this\s+coming|the|the\s+past|"
    rf"the\s+coming){S})?(?:(?P<mod2>early|late|mid)[\s-]+)?{SEASON}"
    rf"(?:(?:{S}of)?{S}{YEAR})?",
)
def season_rule(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str] | None:
    season = SEASONS[m.group("season").lower()]
    rel = " ".join((m.group("rel") or "").lower().split())
    if m.group("year"):
        return "DATE", f"{year_number(m.group('year')):04d}-{season}"
    if season == "FA" and rel in ("", "the"):
        return None  # "the fall of the wall", "a fall in prices"
    if rel == "" and not is_capitalised(m.group("season")) and not m.group("early"):
        return None
    if re.match(r"\s+(?:of|for)\s+(?:the\s+)?[A-Z]", m.string[end : end + 12]):
        return None  # "the Spring of Life"
    key = {"the past": "this past", "this coming": "next", "the coming": "next", "the": ""}.get(
        rel, rel
    )
    return "DATE", resolve_season(ctx, season, key, ctx.direction(start, end))


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


@timex_rule(
    "holiday",
    r"(?P<name>new\s+year's\s+(?:day|eve)|christmas(?:\s+(?:day|eve))?|easter(?:\s+sunday)?|"
    r"good\s+friday|thanksgiving(?:\s+day)?|labor\s+day|memorial\s+day|independence\s+day|"
    r"the\s+fourth\s+of\s+july|halloween|valentine's\s+day|boxing\s+day|bastille\s+day|"
    rf"martin\s+luther\s+king\s+day|election\s+day)(?:,?{S}{YEAR})?",
    check=capitalised("name"),
)
def holiday(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str] | None:
    name = " ".join(m.group("name").lower().split())
    if m.group("year"):
        d = _holiday_date(name, year_number(m.group("year")))
    elif ctx.dct is None:
        return None
    else:
        d = pick(
            [_holiday_date(name, y) for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)],
            ctx.dct,
            ctx.direction(start, end),
        )
    return "DATE", ymd(d)
