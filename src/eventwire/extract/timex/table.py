"""The rule table: every rule of the grammar, in the order in which they compete.

Where matches overlap the longest wins; between matches of the same extent the lower ``rank``
wins, and then the rule listed first here. Moving a rule changes the output.
"""

from __future__ import annotations

import functools
import re

from eventwire.extract.timex import dates, days, durations, periods, quarters, references
from eventwire.extract.timex.scanner import TimexRule, folded, joint_pattern, starts_of

RULES: tuple[TimexRule, ...] = (
    # explicit calendar dates
    dates.iso_date,
    dates.slash_date,
    dates.month_day,
    dates.day_month,
    dates.month_year,
    dates.month_relative_year,
    dates.month_rule,
    dates.year_rule,
    dates.decade,
    dates.decade_words,
    dates.century_rule,
    dates.year_two_thousand,
    # days relative to the publication date
    days.day_word,
    days.day_before,
    days.this_part_of_day,
    days.weekday_rule,
    days.weekday_set,
    # weeks, months, years, seasons and holidays relative to it
    periods.relative_period,
    periods.the_year_ended,
    periods.the_year,
    periods.year_end,
    periods.end_of_period,
    periods.week_of,
    periods.the_weekend,
    periods.season_rule,
    periods.holiday,
    # quarters and halves (financial reporting)
    quarters.quarter,
    quarters.the_quarter,
    quarters.year_quarter,
    quarters.quarter_a_year_ago,
    quarters.year_earlier,
    # durations and offsets
    durations.duration_rule,
    durations.duration_range,
    durations.vague_adjective,
    durations.vague_duration,
    durations.bare_units,
    durations.units_ago,
    durations.half_hour,
    # sets
    durations.every,
    durations.every_month,
    durations.per_unit,
    durations.set_adverb,
    # times of day
    days.clock_time,
    days.clock_24,
    days.noon,
    # references to the present, past and future; days named by what came before
    references.ref,
    references.anaphoric_day,
)


@functools.cache
def _joint() -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    # made once: hashing a pattern this size (to look up its folded form) costs 30 microseconds
    joint = joint_pattern(RULES)
    return joint, folded(joint)


def rule_starts(text: str) -> list[int]:
    """Return the word starts of ``text`` where some rule of ``RULES`` may match."""
    joint, lowered = _joint()
    return starts_of(text, joint=joint, lowered=lowered)
