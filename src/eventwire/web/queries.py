"""Every SQL query the web app runs, in one place; the event filters' conditions come from ``filters``,
which the command line and ``Store.events`` share.

The app shows merged events (``merged_events``: each real-world event once, with the counts of its
mentions and articles); each merged event's mentions are rows of ``events``, one per sentence that
reports it. Lists show a merged event with the trigger and sentence of its first mention.

Each function takes an open DuckDB connection (read-only unless it writes) and returns plain,
JSON-able Python values. User input only ever reaches SQL as a bound parameter; the few pieces
of SQL text that vary (sort direction, the grouping column) are picked from fixed tables.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from typing import Any, Iterator

import duckdb

from eventwire.errors import InputError
from eventwire.filters import EventFilter, contains, event_conditions

# Undated events sort last in both directions: as if dated after every event going forwards, and
# before every event going backwards.
_NO_DATE = {False: dt.date(9999, 12, 31), True: dt.date(1, 1, 1)}
_SORT_KEY = f"coalesce(date_start, DATE '{_NO_DATE[False].isoformat()}')"


def _sort_key(newest_first: bool) -> str:
    return f"coalesce(date_start, DATE '{_NO_DATE[newest_first].isoformat()}')"


# The columns of a merged event in lists, with its first mention's article, trigger and sentence.
_LIST_COLUMNS = (
    "m.id, m.event_type, m.mode, m.context, m.cameo, m.status, m.date, m.date_precision, m.date_start, "
    "m.date_end, m.source, m.target, m.location, m.confidence, m.mentions, m.articles, m.sources, "
    "m.first_mention_id, f.article_id, f.trigger, f.sentence"
)
_FIRST_MENTION = "LEFT JOIN events f ON f.id = m.first_mention_id"
_INTERVALS = {"day": "day", "month": "month", "year": "year"}
_GROUPS = {"type": "event_type", "country": "location.country", "status": "status"}


def _where(flt: EventFilter) -> tuple[str, list[Any]]:
    """Return the filter's SQL condition over ``merged_events`` (``TRUE`` if none) and its parameters."""
    conditions, params = event_conditions(flt, table="merged_events")
    return (" AND ".join(conditions) or "TRUE"), params


def plain(value: Any) -> Any:
    """Turn query results into JSON-able values (dates as ISO strings)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    return plain(con.sql(sql, params=params).to_arrow_table().to_pylist())


# -- cursors --------------------------------------------------------------------------------------


def encode_cursor(row: dict[str, Any], *, newest_first: bool = False) -> str:
    """Return the opaque cursor that resumes a list after ``row``."""
    key = [row.get("date_start") or _NO_DATE[newest_first].isoformat(), row["id"]]
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[dt.date, str]:
    """Return the (sort date, id) a cursor stands for.

    Raises:
        InputError: the cursor was not made by ``encode_cursor``.
    """
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        day, event_id = json.loads(raw)
        return dt.date.fromisoformat(day), str(event_id)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError) as exc:
        raise InputError("cursor is not valid; use the next_cursor of a previous page") from exc


# -- events ---------------------------------------------------------------------------------------


def list_events(
    con: duckdb.DuckDBPyConnection, flt: EventFilter, *, limit: int, cursor: str | None = None,
    newest_first: bool = False,
) -> tuple[list[dict[str, Any]], str | None, int | None]:  # fmt: skip
    """Return one page of events, the cursor of the next page (None on the last page) and, on the
    first page only, how many events match in all.

    Pages are keyed on (date, id), so a page never repeats or skips an event even when events
    are added between requests.
    """
    where, params = _where(flt)
    op, order = ("<", "DESC") if newest_first else (">", "ASC")
    key = _sort_key(newest_first)
    if cursor:
        day, event_id = decode_cursor(cursor)
        where += f" AND ({key} {op} ? OR ({key} = ? AND id {op} ?))"
        params += [day, day, event_id]
    # Pick the page's ids on the narrow sort columns first, then read the wide rows of those alone.
    sql = (f"WITH page AS (SELECT id FROM merged_events WHERE {where} ORDER BY {key} {order}, id {order} LIMIT ?) "
           f"SELECT {_LIST_COLUMNS} FROM merged_events m {_FIRST_MENTION} JOIN page ON page.id = m.id "
           f"ORDER BY {key.replace('date_start', 'm.date_start')} {order}, m.id {order}")  # fmt: skip
    rows = _rows(con, sql, params + [limit + 1])
    matched = None
    if not cursor:
        flt_where, flt_params = _where(flt)
        matched = con.execute(f"SELECT count(*) FROM merged_events WHERE {flt_where}", flt_params).fetchone()[0]
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (encode_cursor(rows[-1], newest_first=newest_first) if more and rows else None), matched


CSV_COLUMNS = ("id", "event_type", "status", "date", "date_precision", "source", "target", "trigger",
               "location", "country", "lat", "lon", "confidence", "mentions", "articles", "article_id",
               "sentence")  # fmt: skip
_FLAT = (
    "m.id AS id, m.event_type AS event_type, m.status AS status, m.date AS date, "
    "m.date_precision AS date_precision, "
    "array_to_string(list_transform(m.source, lambda a: a.name), '; ') AS source, "
    "array_to_string(list_transform(m.target, lambda a: a.name), '; ') AS target, "
    "f.trigger.text AS trigger, m.location.name AS location, m.location.country AS country, "
    "m.location.lat AS lat, m.location.lon AS lon, m.confidence AS confidence, m.mentions AS mentions, "
    "m.articles AS articles, f.article_id AS article_id, f.sentence.text AS sentence, "
    "m.date_start AS date_start"
)


def iter_csv_rows(con: duckdb.DuckDBPyConnection, flt: EventFilter, *, chunk: int = 5_000) -> Iterator[tuple]:
    """Yield every matching event, oldest first, as a flat row of ``CSV_COLUMNS``."""
    where, params = _where(flt)
    columns = ", ".join(CSV_COLUMNS)
    result = con.execute(f"SELECT {columns} FROM (SELECT {_FLAT} FROM (SELECT * FROM merged_events WHERE {where}) m "
                         f"{_FIRST_MENTION}) ORDER BY {_SORT_KEY}, id", params)  # fmt: skip
    while rows := result.fetchmany(chunk):
        yield from rows


def iter_geojson_features(con: duckdb.DuckDBPyConnection, flt: EventFilter, *, chunk: int = 5_000) -> Iterator[str]:
    """Yield every matching located event, oldest first, as a GeoJSON Feature (JSON text)."""
    where, params = _where(flt)
    properties = ", ".join(f"'{c}': {c}" for c in CSV_COLUMNS if c not in ("lat", "lon"))
    sql = (f"SELECT to_json({{'type': 'Feature', 'id': id, "
           f"'geometry': {{'type': 'Point', 'coordinates': [lon, lat]}}, 'properties': {{{properties}}}}}) "
           f"FROM (SELECT {_FLAT} FROM (SELECT * FROM merged_events WHERE {where} AND location.lat IS NOT NULL "
           f"AND location.lon IS NOT NULL) m {_FIRST_MENTION}) ORDER BY {_SORT_KEY}, id")  # fmt: skip
    result = con.execute(sql, params)
    while rows := result.fetchmany(chunk):
        for (feature,) in rows:
            yield feature


def get_event(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """Return one merged event with every column, or None.

    The id of a mention finds the merged event it belongs to, so links to mentions keep working.
    """
    sql = ("SELECT * EXCLUDE (updated_at) FROM merged_events WHERE id = ? "
           "OR id = (SELECT any_value(merged_id) FROM events WHERE id = ?)")  # fmt: skip
    rows = _rows(con, sql, [event_id, event_id])
    return rows[0] if rows else None


def mentions_of(con: duckdb.DuckDBPyConnection, merged_id: str, *, limit: int = 200) -> list[dict[str, Any]]:
    """Return the mentions of a merged event, oldest article first, each with its article and the
    places and time expressions of its sentence."""
    mentions = _rows(con, "SELECT e.* FROM events e LEFT JOIN articles a ON a.id = e.article_id "
                          "WHERE e.merged_id = ? ORDER BY a.published NULLS LAST, e.article_id, e.trigger.start "
                          "LIMIT ?", [merged_id, limit])  # fmt: skip
    out = []
    for mention in mentions:
        sentence = mention["sentence"]
        places = _rows(con, 'SELECT text, start, "end", name, country, lat, lon FROM places '
                            'WHERE article_id = ? AND start >= ? AND "end" <= ? ORDER BY start',
                       [mention["article_id"], sentence["start"], sentence["end"]])  # fmt: skip
        timexes = _rows(con, 'SELECT text, start, "end", type, value FROM timexes '
                             'WHERE article_id = ? AND start >= ? AND "end" <= ? ORDER BY start',
                        [mention["article_id"], sentence["start"], sentence["end"]])  # fmt: skip
        article = _rows(con, "SELECT id, title, url, published, source FROM articles WHERE id = ?",
                        [mention["article_id"]])  # fmt: skip
        out.append({**mention, "article": article[0] if article else None, "places": places,
                    "timexes": timexes})  # fmt: skip
    return out


def events_of_article(con: duckdb.DuckDBPyConnection, article_id: str, *, limit: int = 500) -> list[dict[str, Any]]:
    """Return the events an article mentions, in text order: the merged event's id with the mention's
    type, status, trigger, date and place."""
    return _rows(con, "SELECT merged_id AS id, id AS mention_id, event_type, status, date, trigger, "
                      "location.name AS place FROM events WHERE article_id = ? ORDER BY trigger.start, id LIMIT ?",
                 [article_id, limit])  # fmt: skip


# -- aggregates -----------------------------------------------------------------------------------


def counts(
    con: duckdb.DuckDBPyConnection, flt: EventFilter, *, interval: str = "month", by: str = "type"
) -> list[dict[str, Any]]:
    """Return event counts per period (the first day of each) and group (type, country or status)."""
    unit, column = _INTERVALS[interval], _GROUPS[by]
    where, params = _where(flt)
    sql = (f"SELECT CAST(date_trunc('{unit}', date_start) AS DATE) AS period, {column} AS key, count(*) AS count "
           f"FROM merged_events WHERE {where} AND date_start IS NOT NULL GROUP BY ALL ORDER BY period, key")  # fmt: skip
    return _rows(con, sql, params)


def date_span(con: duckdb.DuckDBPyConnection, flt: EventFilter) -> tuple[str | None, str | None]:
    """Return the first and last event day of the filtered set."""
    where, params = _where(flt)
    first, last = con.execute(f"SELECT min(date_start), max(date_start) FROM merged_events WHERE {where}",
                              params).fetchone()  # fmt: skip
    return plain(first), plain(last)


def clusters(con: duckdb.DuckDBPyConnection, flt: EventFilter, *, cell: float) -> list[dict[str, Any]]:
    """Group located events into grid cells ``cell`` degrees wide.

    Each cluster has its mean position, its size, its most common type, the count per type, and
    the id of its event when it holds only one.
    """
    where, params = _where(flt)
    sql = (
        "SELECT avg(location.lat) AS lat, avg(location.lon) AS lon, count(*) AS count, "
        "mode(event_type) AS top_type, histogram(event_type) AS types, "
        "CASE WHEN count(*) = 1 THEN any_value(id) END AS event_id, "
        "CASE WHEN count(DISTINCT location.name) = 1 THEN any_value(location.name) END AS place "
        f"FROM merged_events WHERE {where} AND location.lat IS NOT NULL AND location.lon IS NOT NULL "
        "GROUP BY floor(location.lat / ?), floor(location.lon / ?) ORDER BY count DESC"
    )
    rows = _rows(con, sql, params + [cell, cell])
    for row in rows:
        types = row["types"]
        row["types"] = dict(types) if not isinstance(types, dict) else types
        row["lat"], row["lon"] = round(row["lat"], 5), round(row["lon"], 5)
    return rows


def actors(
    con: duckdb.DuckDBPyConnection, flt: EventFilter, *, q: str | None, limit: int
) -> list[dict[str, Any]]:
    """Return the actors of the filtered events with how often each is a source or a target."""
    where, params = _where(flt)
    name_filter, extra = "", []
    if q:
        name_filter = "WHERE lower(a.name) LIKE ? ESCAPE '\\'"
        extra = [contains(q)]
    sql = (
        "WITH roles AS ("
        f" SELECT unnest(source) AS a, 'source' AS role FROM merged_events WHERE {where}"
        f" UNION ALL SELECT unnest(target) AS a, 'target' AS role FROM merged_events WHERE {where})"
        " SELECT a.name AS name, any_value(a.country) AS country, any_value(a.kind) AS kind, "
        " count(*) FILTER (WHERE role = 'source') AS as_source, "
        " count(*) FILTER (WHERE role = 'target') AS as_target, count(*) AS events "
        f"FROM roles {name_filter} GROUP BY a.name ORDER BY events DESC, name LIMIT ?"
    )
    return _rows(con, sql, params + params + extra + [limit])


def quotes(
    con: duckdb.DuckDBPyConnection, *, article_id: str | None, speaker: str | None, q: str | None, limit: int
) -> list[dict[str, Any]]:
    """Return quotes, optionally of one article, by a speaker, or containing some text."""
    parts, params = [], []
    if article_id:
        parts.append("article_id = ?")
        params.append(article_id)
    if speaker:
        parts.append("lower(speaker.name) LIKE ? ESCAPE '\\'")
        params.append(contains(speaker))
    if q:
        parts.append("lower(content.text) LIKE ? ESCAPE '\\'")
        params.append(contains(q))
    where = " AND ".join(parts) or "TRUE"
    sql = (f"SELECT id, article_id, kind, content, cue, speaker, audience FROM quotes WHERE {where} "
           "ORDER BY article_id, content.start LIMIT ?")  # fmt: skip
    return _rows(con, sql, params + [limit])


def articles(con: duckdb.DuckDBPyConnection, *, q: str | None, limit: int) -> list[dict[str, Any]]:
    """Return stored articles (without their text) and how many event mentions each has."""
    where, params = "TRUE", []
    if q:
        where = "lower(coalesce(a.title, '')) LIKE ? ESCAPE '\\'"
        params.append(contains(q))
    sql = ("SELECT a.id, a.title, a.url, a.published, a.source, a.dateline, "
           "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events "
           f"FROM articles a WHERE {where} ORDER BY a.published DESC NULLS LAST, a.id LIMIT ?")  # fmt: skip
    return _rows(con, sql, params + [limit])


def get_article(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """Return one article with its text, or None."""
    rows = _rows(con, "SELECT id, title, url, published, dateline, source, text FROM articles WHERE id = ?",
                 [article_id])  # fmt: skip
    return rows[0] if rows else None


def overview(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Return the sizes of the store and the event types it holds."""
    (events, mentions, articles_, quotes_) = con.execute(
        "SELECT (SELECT count(*) FROM merged_events), (SELECT count(*) FROM events), "
        "(SELECT count(*) FROM articles), (SELECT count(*) FROM quotes)"
    ).fetchone()
    types = dict(con.execute("SELECT event_type, count(*) FROM merged_events GROUP BY 1 ORDER BY 1").fetchall())
    return {"events": events, "mentions": mentions, "articles": articles_, "quotes": quotes_, "types": types}
