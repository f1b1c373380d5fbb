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

=================  =============================================================================
module             what it holds
=================  =============================================================================
``vocabulary``     the words: months, weekdays, seasons, number words, units, set adverbs
``grammar``        the pattern pieces built from them (a month, a day, a year, a number, a unit)
``scanner``        how rules are compiled and run: first-character gates, the joint scan
``table``          ``RULES``: every rule, in the order in which they compete
``dates``          rules for explicit calendar dates ("March 3, 2021", "the 1990s")
``days``           rules for days and times of day ("yesterday", "last Friday", "10:30 a.m.")
``periods``        rules for weeks, months, years, seasons, holidays ("next month", "last spring")
``quarters``       rules for quarters and halves ("the third quarter", "the year-earlier period")
``durations``      rules for durations, offsets and sets ("three years", "two days ago", "weekly")
``references``     rules for "now", "recently", "soon" and "the next day", "that evening"
``vetting``        checks of a match shared by several kinds of rule
``values``         TIMEX3 values and calendar arithmetic
``tense``          whether a clause looks back or ahead (the governing verb and its tense)
``anchoring``      the reference date, what was mentioned before, picking among candidate dates
``event_dates``    ``to_event_date``: an event's date and precision from a TIMEX3 value
=================  =============================================================================
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc

from eventwire.extract.timex.anchoring import Context, remember
from eventwire.extract.timex.event_dates import to_event_date
from eventwire.extract.timex.scanner import TimexRule, match_extent, matches_at
from eventwire.extract.timex.table import RULES, rule_starts
from eventwire.model import Article, Timex
from eventwire.parse import doc_text

__all__ = ["find_timexes", "to_event_date"]


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    priority: tuple[int, int]
    rule: TimexRule
    match: re.Match[str]


def _candidates(doc: Doc) -> Iterator[_Candidate]:
    text = doc_text(doc)
    starts = rule_starts(text)
    for index, rule in enumerate(RULES):
        priority = (rule.rank, index)
        for m in matches_at(rule.scan or rule.pattern, text, starts):
            start, end = rule.extent(m) if rule.extent else match_extent(m)
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
        ctx = Context(doc=doc, dct=article.published)
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
                remember(ctx, result[1])
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
