"""The one event filter, shared by ``eventwire events``, ``Store.events`` and the web API.

``EventFilter.of`` reads the filter values as a user gives them (strings, dates, a bounding box)
and checks them; ``event_conditions`` turns a filter into SQL conditions over the ``events``
(mentions) or ``merged_events`` table, with every value a bound parameter. Text filters match
case-insensitively within the text, and their ``%`` and ``_`` match themselves, not any text.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any, Iterable, Literal

from eventwire.errors import InputError
from eventwire.model import EVENT_TYPES, STATUSES

Table = Literal["events", "merged_events"]
BBox = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True, kw_only=True)
class EventFilter:
    """Which events to keep; every given value must hold (an empty filter keeps all).

    Build one with ``EventFilter.of``, which checks the values; the fields hold them checked and
    normalised (types and country upper-case, status lower-case).

    Args:
        types: PLOVER event types (any of them).
        status: occurred, planned, negated or hypothetical.
        actor: text within a source or target actor's name or text.
        country: ISO alpha-3 of a source or target actor, its patron, or the event's location.
        since, until: events whose date range overlaps ``[since, until]``.
        bbox: ``(west, south, east, north)`` in degrees; events located inside it (a box whose west
            is east of its east crosses the antimeridian).
        q: text within the sentence of the event (for a merged event: of any of its mentions).
        article_id: events mentioned by this article.
        merged_id: this merged event (for mentions: the mentions of it).
    """

    types: tuple[str, ...] = ()
    status: str | None = None
    actor: str | None = None
    country: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    bbox: BBox | None = None
    q: str | None = None
    article_id: str | None = None
    merged_id: str | None = None

    @classmethod
    def of(
        cls, *, type: str | Iterable[str] | None = None, status: str | None = None, actor: str | None = None,
        country: str | None = None, since: dt.date | str | None = None, until: dt.date | str | None = None,
        bbox: str | Iterable[float] | None = None, q: str | None = None, article_id: str | None = None,
        merged_id: str | None = None,
    ) -> EventFilter:  # fmt: skip
        """Check and normalise filter values as a user gives them; empty values filter nothing.

        Args:
            type: PLOVER types, comma-separated (``"ASSAULT,coerce"``) or as a sequence.
            since, until: dates, or ISO ``YYYY-MM-DD`` strings.
            bbox: ``"west,south,east,north"`` or four numbers.

        Raises:
            InputError: a value that means nothing; the message starts with the parameter's name.
        """
        since_day, until_day = _day(since, name="since"), _day(until, name="until")
        if since_day and until_day and since_day > until_day:
            raise InputError(f"since ({since_day}) is after until ({until_day})")
        if status and status.lower() not in STATUSES:
            raise InputError(f"status: must be one of {', '.join(STATUSES)}, got {status!r}")
        if country and not re.fullmatch(r"[A-Za-z]{3}", country):
            raise InputError(f"country: give an ISO alpha-3 code such as IRQ, got {country!r}")
        return cls(types=_types(type), status=status.lower() if status else None, actor=actor or None,
                   country=country.upper() if country else None, since=since_day, until=until_day,
                   bbox=_bbox(bbox), q=q or None, article_id=article_id or None,
                   merged_id=merged_id or None)  # fmt: skip


def event_conditions(flt: EventFilter, *, table: Table) -> tuple[list[str], list[Any]]:
    """Return the SQL conditions (to be joined with AND) and their parameters, in order.

    Args:
        table: ``events`` (one row per mention) or ``merged_events``; the conditions name its
            columns unqualified.
    """
    mentions = table == "events"
    where: list[str] = []
    params: list[Any] = []
    if flt.types:
        where.append("event_type IN (SELECT unnest(?))")
        params.append(list(flt.types))
    if flt.status:
        where.append("status = ?")
        params.append(flt.status)
    if flt.merged_id:
        where.append("merged_id = ?" if mentions else "id = ?")
        params.append(flt.merged_id)
    if flt.article_id:
        where.append("article_id = ?" if mentions else "id IN (SELECT merged_id FROM events WHERE article_id = ?)")
        params.append(flt.article_id)
    if flt.since:
        where.append("date_end >= ?")
        params.append(flt.since)
    if flt.until:
        where.append("date_start <= ?")
        params.append(flt.until)
    if flt.bbox:
        west, south, east, north = flt.bbox
        where.append("location.lat BETWEEN ? AND ?")
        params += [south, north]
        if west <= east:
            where.append("location.lon BETWEEN ? AND ?")
            params += [west, east]
        else:  # the box crosses the antimeridian
            where.append("(location.lon >= ? OR location.lon <= ?)")
            params += [west, east]
    if flt.q:
        sentence = "lower(sentence.text) LIKE ? ESCAPE '\\'"
        where.append(sentence if mentions else f"id IN (SELECT merged_id FROM events WHERE {sentence})")
        params.append(contains(flt.q))
    # The actor and country tests look inside lists of structs: they come last, so that they see
    # only the rows the cheaper tests above let through.
    if flt.actor:
        where.append("len(list_filter(list_concat(source, target), lambda a: "
                     "lower(a.name) LIKE ? ESCAPE '\\' OR lower(a.text) LIKE ? ESCAPE '\\')) > 0")  # fmt: skip
        params += [contains(flt.actor)] * 2
    if flt.country:
        where.append("(location.country = ? OR len(list_filter(list_concat(source, target), "
                     "lambda a: a.country = ? OR a.patron = ?)) > 0)")  # fmt: skip
        params += [flt.country] * 3
    return where, params


def contains(text: str) -> str:
    """Return the ``LIKE ... ESCAPE '\\'`` pattern of lower-cased text containing ``text`` literally."""
    return "%" + re.sub(r"([\\%_])", r"\\\1", text.lower()) + "%"


def _types(given: str | Iterable[str] | None) -> tuple[str, ...]:
    if not given:
        return ()
    parts = given.split(",") if isinstance(given, str) else list(given)
    types = tuple(dict.fromkeys(t.strip().upper() for t in parts if t and t.strip()))
    unknown = [t for t in types if t not in EVENT_TYPES]
    if unknown:
        raise InputError(f"type: unknown event type {', '.join(unknown)}; use one of {', '.join(EVENT_TYPES)}")
    return types


def _day(value: dt.date | str | None, *, name: str) -> dt.date | None:
    if not value:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:  # a day that does not exist, such as 2023-02-30
            pass
    raise InputError(f"{name}: give a day as YYYY-MM-DD, got {value!r}")


def _bbox(value: str | Iterable[float] | None) -> BBox | None:
    if value is None or value == "":
        return None
    try:
        numbers = [float(v) for v in (value.split(",") if isinstance(value, str) else value)]
    except (TypeError, ValueError):
        numbers = []
    if len(numbers) != 4:
        raise InputError("bbox: give four numbers west,south,east,north")
    west, south, east, north = numbers
    # NaN fails every comparison, so it is refused with the out-of-range values
    if not (all(math.isfinite(n) for n in numbers) and -180 <= west <= 180 and -180 <= east <= 180
            and -90 <= south <= north <= 90):  # fmt: skip
        raise InputError("bbox: longitudes within ±180, latitudes within ±90, south ≤ north")
    return (west, south, east, north)
