"""TIMEX3 values and the calendar arithmetic that makes them: dates at a granularity, ISO 8601
durations, numbers written in words, shifts by months and quarters."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from eventwire.extract.timex.vocabulary import ONES, TENS, UNITS


def ymd(d: dt.date) -> str:
    return d.isoformat()


def ym(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def iso_week(d: dt.date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + n
    return index // 12, index % 12 + 1


def add_to_date(d: dt.date, unit: str, n: int) -> dt.date:
    if unit == "D":
        return d + dt.timedelta(days=n)
    if unit == "W":
        return d + dt.timedelta(weeks=n)
    months = {"M": 1, "Q": 3, "Y": 12}[unit] * n
    year, month = add_months(d.year, d.month, months)
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def at_granularity(d: dt.date, unit: str) -> str:
    """Return the value of ``d`` at the granularity of ``unit`` (``2020-W43`` for weeks)."""
    if unit in ("TS", "TM", "TH", "D"):
        return ymd(d)
    if unit == "W":
        return iso_week(d)
    if unit == "M":
        return ym(d.year, d.month)
    if unit == "Q":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    return f"{d.year:04d}"


def duration(n: float | None, unit: str) -> str:
    """Return the ISO 8601 duration of ``n`` (None: unknown) ``unit`` (a key of ``UNITS``)."""
    designator, multiplier = UNITS[unit]
    time = "T" if designator.startswith("T") else ""
    letter = designator[-1]
    if n is None:
        return f"P{time}X{ {10: 'E', 100: 'C', 1000: 'L'}.get(multiplier, letter) }"
    n = n * multiplier
    if n == int(n):
        return f"P{time}{int(n)}{letter}"
    whole, fraction = int(n), n - int(n)
    # a fraction goes to the next smaller unit when that is exact ("2 1/2 years" -> P2Y6M)
    smaller = {"Y": ("M", 12, ""), "D": ("H", 24, "T"), "TH": ("M", 60, ""), "TM": ("S", 60, "")}
    if designator in smaller:
        small, factor, sep = smaller[designator]
        parts = f"{whole}{letter}" if whole else ""
        return f"P{time}{parts}{sep}{round(fraction * factor)}{small}"
    return f"P{time}{n:g}{letter}"


def number(text: str) -> float | None:
    """Parse a number written in digits or words ("48", "twenty-four", "a", "5 1/2")."""
    text = text.lower().strip()
    half = 0.0
    if text.endswith(("1/2", "and a half")):
        half = 0.5
        text = re.sub(r"\s*(?:1/2|and a half)$", "", text)
    if text in ("a", "an", "one"):
        return 1 + half
    if text in ("half a", "half an"):
        return 0.5
    if text in ("a couple of", "a couple", "couple of"):
        return 2
    if text == "a dozen":
        return 12
    digits = text.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", digits):
        return float(digits) + half
    total = 0
    for word in re.split(r"[\s-]+", text):
        if word in ONES:
            total += ONES[word]
        elif word in TENS:
            total += TENS[word]
        elif word == "hundred":
            total = max(total, 1) * 100
        elif word not in ("and", "a"):
            return None
    return total + half


def year_number(text: str) -> int:
    """Parse a year in digits or spoken ("nineteen ninety-four")."""
    if text.isdigit():
        return int(text)
    century, _, rest = text.lower().partition(" ") if " " in text else text.lower().partition("-")
    return (1900 if century == "nineteen" else 1800) + int(number(rest.strip()) or 0)


def unit_key(word: str) -> str:
    """Return the ``UNITS`` key of a unit word ("centuries" -> "century")."""
    word = word.lower()
    if word.startswith("centur"):
        return "century"
    if word.startswith("millenni"):
        return "millennium"
    return word.removesuffix("s")


def shift_quarter(quarter: tuple[int, int], n: int) -> tuple[int, int]:
    index = quarter[0] * 4 + quarter[1] - 1 + n
    return index // 4, index % 4 + 1
