"""Event dates from TIMEX3 values: a calendar value at day, month or year precision."""

from __future__ import annotations

import datetime as dt
import re

from eventwire.extract.timex.values import ym, ymd

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
            return ymd(day), "day"
        return ym(day.year, day.month), "month"
    m = _PART_VALUE.fullmatch(value)
    if m:
        return m.group("y"), "year"
    return None
