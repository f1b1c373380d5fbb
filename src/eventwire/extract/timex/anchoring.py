"""Anchoring: the reference date, what the article mentioned before, and the choice of the date an
underspecified expression ("Friday", "Oct. 23", "in January", "last spring") refers to.

``Context`` is what the normalisers read: the parse, the publication date (the DCT), the day,
month, year and quarter the article mentioned last (for "the next day", "a year earlier", "the
quarter"), and the direction of a clause (``tense.py``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from eventwire.extract.timex.tense import clause_direction
from eventwire.extract.timex.values import shift_quarter, ym, ymd
from eventwire.extract.timex.vocabulary import SEASON_MONTHS


@dataclass(slots=True)
class Context:
    """What the normalisers of one article read, and what each leaves for the ones after it."""

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
            self._tense_cache[key] = clause_direction(self.doc, start, end)
        return self._tense_cache[key]

    @property
    def anchor(self) -> dt.date | None:
        return self.last_day or self.dct


def pick(candidates: list[dt.date], dct: dt.date, direction: int) -> dt.date:
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


def resolve_month_day(ctx: Context, month: int, day: int, direction: int) -> str | None:
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
    chosen = pick(candidates, ctx.dct, direction)
    return ymd(chosen)


def resolve_month(ctx: Context, month: int, direction: int) -> str:
    if ctx.dct is None:
        return f"XXXX-{month:02d}"
    candidates = [dt.date(y, month, 1) for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)]
    first = ctx.dct.replace(day=1)
    chosen = pick(candidates, first, direction)
    return ym(chosen.year, chosen.month)


def resolve_weekday(ctx: Context, weekday: int, relation: str, direction: int) -> dt.date | None:
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
    return pick([before, after], dct, direction)


def weekday_from(anchor: dt.date | None, weekday: int, step: int) -> dt.date | None:
    """The weekday (1 = Monday) strictly before (``step`` -1) or after (+1) ``anchor``: "the
    previous Friday" counts from the day the article spoke of last."""
    if anchor is None:
        return None
    days = (step * (weekday - anchor.isoweekday())) % 7 or 7
    return anchor + dt.timedelta(days=step * days)


def resolve_season(ctx: Context, season: str, relation: str, direction: int) -> str:
    if ctx.dct is None:
        return f"XXXX-{season}"
    dct = ctx.dct
    # a season "starts" at its first month; winter belongs to the year it starts in
    starts = [
        dt.date(y, SEASON_MONTHS[season][0], 1) for y in (dct.year - 1, dct.year, dct.year + 1)
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
        chosen = pick(starts, dct, direction)
    return f"{chosen.year:04d}-{season}"


_REFERENCE_VALUE = re.compile(
    r"(?P<y>\d{4})(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d))?|Q(?P<q>[1-4])))?(?:T.*)?"
)


def _is_reportable(ctx: Context, quarter: tuple[int, int]) -> bool:
    """Whether a report published at the DCT can be on ``quarter``: one of the last four.

    "The third quarter of 1984", in a report of 1989, is history the report mentions; it is not
    what "a year earlier" or "the quarter" compare with.
    """
    if ctx.dct is None:
        return True
    current = (ctx.dct.year, (ctx.dct.month - 1) // 3 + 1)
    return shift_quarter(current, -4) <= quarter <= current


def remember(ctx: Context, value: str) -> None:
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
