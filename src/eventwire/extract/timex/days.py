"""Rules for days and times of day: "today", "tomorrow night", "the day before yesterday", "this
morning", "last Friday", "every Thursday", "10:30 a.m.", "0900 GMT", "noon on Monday"."""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc

from eventwire.extract.timex.anchoring import (
    Context, resolve_month_day, resolve_weekday, weekday_from,
)  # fmt: skip
from eventwire.extract.timex.grammar import (
    MONTH_ABBR, MONTH_FULL, PART, S, TZ, WEEKDAY, WEEKDAY_FULL,
)  # fmt: skip
from eventwire.extract.timex.scanner import timex_rule
from eventwire.extract.timex.values import ymd
from eventwire.extract.timex.vetting import capitalised, is_capitalised
from eventwire.extract.timex.vocabulary import MONTHS, PARTS_OF_DAY, WEEKDAYS


_DAY_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}


@timex_rule(
    "day-word",
    r"(?:(?P<mod>early|earlier|late|later)\s+)?(?P<word>today|yesterday|tomorrow|tonight)"
    rf"(?:{S}(?P<part>morning|afternoon|evening|night))?",
)
def day_word(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str]:
    word = m.group("word").lower()
    part = PARTS_OF_DAY.get((m.group("part") or "").lower())
    if word == "tonight":
        part = "NI"
    if ctx.dct is None:
        day = "XXXX-XX-XX"
    else:
        day = ymd(ctx.dct + dt.timedelta(days=_DAY_WORDS[word]))
    return ("TIME", f"{day}T{part}") if part else ("DATE", day)


@timex_rule("day-before", r"the\s+day\s+(?P<rel>before|after)\s+(?P<word>yesterday|tomorrow)")
def day_before(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str]:
    if ctx.dct is None:
        return "DATE", "XXXX-XX-XX"
    days = _DAY_WORDS[m.group("word").lower()] + (-1 if m.group("rel").lower() == "before" else 1)
    return "DATE", ymd(ctx.dct + dt.timedelta(days=days))


@timex_rule(
    "this-part-of-day",
    r"(?:(?P<mod>early|earlier|late|later)\s+)?(?P<rel>this|last|this\s+past)"
    r"\s+(?P<part>morning|afternoon|evening|night)",
)
def this_part_of_day(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str]:
    part = PARTS_OF_DAY[m.group("part").lower()]
    back = 1 if m.group("rel").lower() == "last" else 0
    if ctx.dct is None:
        return "TIME", f"XXXX-XX-XXT{part}"
    return "TIME", f"{ymd(ctx.dct - dt.timedelta(days=back))}T{part}"


@timex_rule(
    "weekday",
    rf"(?:(?P<mod>early|earlier|late|later)\s+)?"
    rf"(?:(?P<rel>last|next|this|this\s+past|this\s+coming|past|coming|the\s+previous|"
    rf"the\s+preceding|the\s+following){S})?(?P<weekday>{WEEKDAY})(?:{S}{PART})?",
    check=capitalised("weekday"),
)
def weekday_rule(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str]:
    weekday = WEEKDAYS[m.group("weekday").lower().rstrip(".")]
    relation = (m.group("rel") or "").lower().split()
    relation_key = {
        "this past": "last",
        "past": "last",
        "this coming": "next",
        "coming": "next",
    }.get(" ".join(relation), " ".join(relation))
    part = PARTS_OF_DAY.get((m.group("part") or "").lower())
    if relation[:1] == ["the"]:
        day = weekday_from(ctx.anchor, weekday, -1 if relation[1] != "following" else 1)
    else:
        day = resolve_weekday(ctx, weekday, relation_key, ctx.direction(start, end))
    value = f"XXXX-WXX-{weekday}" if day is None else ymd(day)
    return ("TIME", f"{value}T{part}") if part else ("DATE", value)


def _repeated_weekday(m: re.Match[str], doc: Doc, start: int, end: int) -> bool:
    plural = m.group("plural") or (m.group("part") and m.group(0).endswith("s"))
    return bool(m.group("every") or plural) and is_capitalised(m.group("weekday"))


@timex_rule(
    "weekday-set",
    rf"(?:(?P<every>every|each){S})?(?P<weekday>{WEEKDAY_FULL})(?P<plural>s)?"
    rf"(?:{S}{PART}s?)?",
    check=_repeated_weekday,
)
def weekday_set(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str]:
    """ "every Thursday", "on Mondays", "Tuesday nights"."""
    value = f"XXXX-WXX-{WEEKDAYS[m.group('weekday').lower()]}"
    part = PARTS_OF_DAY.get((m.group("part") or "").lower())
    return "SET", f"{value}T{part}" if part else value


_DAY_AFTER_TIME = (
    rf"(?:,?{S}(?:(?P<day_word>today|yesterday|tomorrow|tonight)|(?P<weekday>{WEEKDAY})"
    rf"|(?P<month>{MONTH_FULL}|(?:{MONTH_ABBR})\.?){S}(?P<day>[12]\d|3[01]|0?[1-9])))?"
)


@timex_rule(
    "clock-time",
    r"(?:(?P<mod>about|around|approximately|roughly|shortly\s+(?:before|after)|"
    r"just\s+(?:before|after))\s+)?"
    r"(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*"
    r"(?P<ampm>a\.\s?m\.?|p\.\s?m\.?|am\b|pm\b|o'clock)"
    rf"(?:{S}(?P<tz>{TZ}|local\s+time))?{_DAY_AFTER_TIME}",
)
def clock_time(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str] | None:
    hour, minute = int(m.group("h")), int(m.group("mi") or 0)
    ampm = m.group("ampm").lower().replace(" ", "")
    if hour > 12 and not ampm.startswith("o"):
        return None
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    return "TIME", f"{_day_of_time(m, ctx, start, end)}T{hour:02d}:{minute:02d}"


@timex_rule(
    "clock-24", rf"(?P<h>[01]\d|2[0-3]):?(?P<mi>[0-5]\d){S}(?P<tz>(?-i:{TZ})){_DAY_AFTER_TIME}"
)
def clock_24(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str]:
    return "TIME", f"{_day_of_time(m, ctx, start, end)}T{m.group('h')}:{m.group('mi')}"


@timex_rule(
    "noon",
    rf"(?:(?P<mod>about|around|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?"
    rf"(?P<word>noon|midnight|midday){_DAY_AFTER_TIME}",
)
def noon(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str]:
    time = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}[m.group("word").lower()]
    return "TIME", f"{_day_of_time(m, ctx, start, end)}T{time}"


def _day_of_time(m: re.Match[str], ctx: Context, start: int, end: int) -> str:
    """The day a clock time is on: the day named after it, else the DCT."""
    if m.group("day_word"):
        if ctx.dct is None:
            return "XXXX-XX-XX"
        return ymd(ctx.dct + dt.timedelta(days=_DAY_WORDS[m.group("day_word").lower()]))
    if m.group("weekday"):
        day = resolve_weekday(
            ctx, WEEKDAYS[m.group("weekday").lower().rstrip(".")], "", ctx.direction(start, end)
        )
        return "XXXX-XX-XX" if day is None else ymd(day)
    if m.group("month"):
        value = resolve_month_day(
            ctx,
            MONTHS[m.group("month").lower().rstrip(".")],
            int(m.group("day")),
            ctx.direction(start, end),
        )
        return value or "XXXX-XX-XX"
    anchor = ctx.anchor
    return "XXXX-XX-XX" if anchor is None else ymd(anchor)
