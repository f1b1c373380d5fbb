"""Rules for quarters and halves, as financial reports name them: "the third quarter of 2020",
"the latest quarter", "the year-earlier period", "the 1988 quarter"."""

from __future__ import annotations

import re


from eventwire.extract.timex.anchoring import Context, resolve_month_day
from eventwire.extract.timex.grammar import DAY, MONTH, S, YEAR
from eventwire.extract.timex.scanner import timex_rule
from eventwire.extract.timex.values import shift_quarter, year_number
from eventwire.extract.timex.vetting import drop_determiner, month_of
from eventwire.extract.timex.vocabulary import ORDINALS


_QUARTER_LEAD = (
    r"(?:(?P<the>the|its|their|this\s+year's|last\s+year's|next\s+year's|the\s+company's|"
    r"(?P<lead_year>1[5-9]\d\d|20\d\d)'s)\s+)?"
    r"(?:(?P<qmod>latest|current|recent|most\s+recent|same|year-earlier|year-ago|previous|"
    r"preceding|comparable|(?P<lead_fy>1[5-9]\d\d|20\d\d)|fiscal(?:\s+(?P<fy>1[5-9]\d\d|20\d\d))?"
    r"|fiscal-)[\s-]*)*"
)


@timex_rule(
    "quarter",
    rf"{_QUARTER_LEAD}(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|last|latter)"
    r"(?:[\s-]+fiscal)?(?P<joint>[\s-])(?P<qh>quarter|half)"
    rf"(?:(?:{S}of|,)?{S}(?:(?P<fiscal>fiscal{S})?{YEAR}|(?P<rel>this|last|next)\s+year"
    rf"|the\s+(?P<anaphor>year|fiscal\s+year)))?",
    extent=lambda m: drop_determiner(m, m.group("joint") == "-"),
)
def quarter(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str] | None:
    unit = "Q" if m.group("qh").lower() == "quarter" else "H"
    ordinal = m.group("ord").lower()
    if ordinal in ("last", "latter"):
        if unit == "Q":
            return None  # "the last quarter" is the-quarter's
        ordinal = "second"
    n = ORDINALS[ordinal]
    lead = m.group(0).lower()
    explicit = m.group("year") or m.group("fy") or m.group("lead_year") or m.group("lead_fy")
    if explicit:
        year: int | None = year_number(explicit)
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


@timex_rule(
    "the-quarter",
    r"(?P<x>(?P<the>the|this|last|next|that)\s+(?:(?P<qmod>latest|current|recent|most\s+recent|"
    r"same|just-ended|just-completed|year-earlier|year-ago|previous|comparable|"
    r"fiscal|prior|last|past)\s+)*(?P<what>quarter|period))"
    rf"(?:\s+end(?:ed|ing)\s+{MONTH}{S}{DAY}(?:,?{S}{YEAR})?)?",
)
def the_quarter(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str] | None:
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
            ended = f"{year_number(m.group('year')):04d}"
        else:
            ended = resolve_month_day(ctx, month_of(m), int(m.group("day")), -1) or "XXXX"
        return "DATE", f"{ended[:4]}-Q{(month_of(m) - 1) // 3 + 1}"
    if ctx.dct is None:
        return "DATE", "XXXX-QX"
    current = (ctx.dct.year, (ctx.dct.month - 1) // 3 + 1)
    completed = shift_quarter(current, -1)
    if re.search(r"\b(?:last|past)\b", mods) and the == "the":
        mods += " latest"
    if the == "this" and ctx.topic_quarter is not None:
        year, q = ctx.topic_quarter  # "This quarter's loss", in a report on the quarter
    elif the in ("this", "next", "last"):
        year, q = shift_quarter(current, {"this": 0, "next": 1, "last": -1}[the])
    elif "current" in mods:
        year, q = current
    elif "previous" in mods or "prior" in mods:
        year, q = shift_quarter(ctx.last_quarter or current, -1)
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


@timex_rule("year-quarter", rf"the\s+(?:fiscal\s+)?{YEAR}\s+(?P<what>quarter|period)")
def year_quarter(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str]:
    """ "the 1988 quarter": the quarter under discussion, in the year named."""
    year = year_number(m.group("year"))
    ctx.keep_reference = True
    if ctx.topic_quarter is not None:
        q = ctx.topic_quarter[1]
    elif ctx.dct is not None:
        q = shift_quarter((ctx.dct.year, (ctx.dct.month - 1) // 3 + 1), -1)[1]
    else:
        return "DATE", f"{year:04d}-QX"
    return "DATE", f"{year:04d}-Q{q}"


@timex_rule(
    "quarter-a-year-ago",
    r"the\s+(?:(?:same|corresponding|comparable|year-earlier|year-ago)\s+)?"
    r"(?:quarter|period)\s+(?:of\s+)?(?:a\s+year\s+(?:ago|earlier)|last\s+year|"
    r"the\s+previous\s+year|the\s+prior\s+year)|last\s+year's\s+(?:quarter|period)",
)
def quarter_a_year_ago(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str]:
    return "DATE", year_back(ctx)


@timex_rule(
    "year-earlier",
    r"(?:(?P<the>the)\s+)?year-(?:earlier|ago)(?:\s+(?P<what>quarter|period))?",
    extent=lambda m: drop_determiner(m, not m.group("what")),
)
def year_earlier(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str] | None:
    return "DATE", year_back(ctx)


def year_back(ctx: Context) -> str:
    """The value of "a year earlier" in a report: the quarter under discussion, else the year."""
    ctx.keep_reference = True
    if ctx.topic_quarter is not None:
        return f"{ctx.topic_quarter[0] - 1:04d}-Q{ctx.topic_quarter[1]}"
    if ctx.last_year is not None:
        return f"{ctx.last_year - 1:04d}"
    return "XXXX" if ctx.dct is None else f"{ctx.dct.year - 1:04d}"
