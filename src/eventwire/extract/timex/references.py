"""Rules for references to the present, past and future ("now", "recently", "soon") and for days
named by what the article mentioned before ("the next day", "that evening", "the day before")."""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc

from eventwire.extract.timex.anchoring import Context
from eventwire.extract.timex.grammar import alternation
from eventwire.extract.timex.scanner import timex_rule
from eventwire.extract.timex.values import ymd
from eventwire.extract.timex.vocabulary import PARTS_OF_DAY, REFS


def _not_a_connective(m: re.Match[str], doc: Doc, start: int, end: int) -> bool:
    """Reject "soon" in the connectives "as soon as" and "soon after", which relate two events."""
    if m.group("word").lower() != "soon":
        return True
    before, after = m.string[max(0, start - 3) : start].lower(), m.string[end : end + 12].lower()
    if before == "as " and not after.startswith(" as possible"):
        return False
    return not re.match(r"\s+(?:after|before|afterwards?|thereafter)\b", after)


@timex_rule("ref", rf"(?P<word>{alternation(REFS)})", check=_not_a_connective)
def ref(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str] | None:
    return "DATE", REFS[" ".join(m.group("word").lower().split())]


@timex_rule(
    "anaphoric-day",
    r"(?:(?P<mod>earlier|later)\s+)?(?:(?P<rel>the\s+next|the\s+following|the\s+previous|"
    r"the\s+preceding|the\s+same|that)\s+(?P<what>day|morning|afternoon|evening|night)"
    r"|the\s+(?P<what2>day|night)\s+(?P<rel2>before|after)(?=\s*[,.;:)'\"]|\s*$))",
)
def anaphoric_day(m: re.Match[str], ctx: Context, start: int, end: int) -> tuple[str, str]:
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
        day = ymd(d)
    if what != "day":
        return "TIME", f"{day}T{PARTS_OF_DAY[what]}"
    return "DATE", day
