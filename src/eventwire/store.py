"""The embedded event store: one DuckDB file.

Tables: ``articles``, ``events`` (one row per mention: an event as one article reports it),
``merged_events`` (each real-world event once, see ``merge``), ``quotes``, ``places``, ``timexes``,
``duplicates`` and ``signatures`` (duplicate articles), ``rejections``, ``runs``, ``feeds`` and
``fetched`` (what ``watch`` polled and fetched) and ``meta`` (the schema version). Ids are content
hashes, so writing the same records twice adds nothing. Each batch of articles is written in one transaction: a crash never leaves an article
half-written. The schema is versioned; ``MIGRATIONS`` brings an older file up to date on open.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import json
import logging
import os
import time
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from eventwire import merge
from eventwire.dedup import Duplicate, signature
from eventwire.errors import StoreError
from eventwire.filters import EventFilter, event_conditions
from eventwire.model import Article, Event, Extraction, Place, Rejection, Timex, content_id, to_dict

log = logging.getLogger(__name__)

_SPAN = 'STRUCT(start INTEGER, "end" INTEGER, text VARCHAR)'
# The actor struct as released tables first had it (migrations 1 to 6 create it), and as it is now.
_ACTOR_V1 = (
    f"STRUCT(text VARCHAR, name VARCHAR, country VARCHAR, sector VARCHAR, kind VARCHAR, "
    f"span {_SPAN}, role VARCHAR, organisation VARCHAR, patron VARCHAR)"
)
_ACTOR = _ACTOR_V1[:-1] + ", agent VARCHAR)"
_WITH_AGENT = "CASE WHEN {0} IS NULL THEN NULL ELSE struct_insert({0}, agent := NULL::VARCHAR) END"
_LOCATION = (
    "STRUCT(name VARCHAR, country VARCHAR, admin1 VARCHAR, lat DOUBLE, lon DOUBLE, "
    "geonameid BIGINT, precision VARCHAR, basis VARCHAR)"
)

# Each entry brings the schema from the previous version to this one. Never edit a released entry:
# append a new one.
MIGRATIONS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (1, (
        """CREATE TABLE articles (
            id VARCHAR PRIMARY KEY, content_hash VARCHAR NOT NULL, title VARCHAR, url VARCHAR,
            published DATE, dateline VARCHAR, source VARCHAR, removed_paragraphs INTEGER,
            text VARCHAR NOT NULL, run_id VARCHAR, ingested_at TIMESTAMP)""",
        f"""CREATE TABLE events (
            id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, event_type VARCHAR NOT NULL,
            mode VARCHAR, cameo VARCHAR, source {_ACTOR_V1}[], target {_ACTOR_V1}[],
            trigger {_SPAN}, sentence {_SPAN}, date VARCHAR, date_precision VARCHAR,
            date_basis VARCHAR, status VARCHAR, location {_LOCATION}, confidence DOUBLE,
            evidence VARCHAR, timex {_SPAN}, quote_id VARCHAR, speaker VARCHAR, extractor VARCHAR,
            date_start DATE, date_end DATE)""",
        f"""CREATE TABLE quotes (
            id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, kind VARCHAR, content {_SPAN},
            cue {_SPAN}, speaker {_ACTOR_V1}, extractor VARCHAR)""",
        """CREATE TABLE places (
            id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, text VARCHAR, start INTEGER,
            "end" INTEGER, name VARCHAR, geonameid BIGINT, lat DOUBLE, lon DOUBLE,
            country VARCHAR, admin1 VARCHAR, feature VARCHAR, population BIGINT)""",
        """CREATE TABLE timexes (
            id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, text VARCHAR, start INTEGER,
            "end" INTEGER, type VARCHAR, value VARCHAR)""",
        """CREATE TABLE rejections (
            id VARCHAR PRIMARY KEY, article_id VARCHAR, source VARCHAR, stage VARCHAR,
            reason VARCHAR, run_id VARCHAR, rejected_at TIMESTAMP)""",
        """CREATE TABLE runs (
            id VARCHAR PRIMARY KEY, started_at TIMESTAMP, finished_at TIMESTAMP,
            command VARCHAR, settings VARCHAR, versions VARCHAR, articles INTEGER,
            skipped INTEGER, events INTEGER, quotes INTEGER, rejections INTEGER)""",
        "CREATE INDEX events_article ON events(article_id)",
        "CREATE INDEX events_type ON events(event_type)",
    )),
    (2, (
        "ALTER TABLE events ADD COLUMN context VARCHAR",  # PLOVER context of the CAMEO code
    )),
    (3, (
        f"ALTER TABLE quotes ADD COLUMN parts {_SPAN}[]",  # the passages of a split quote
        f"ALTER TABLE quotes ADD COLUMN audience {_ACTOR_V1}",
        f"ALTER TABLE quotes ADD COLUMN place {_SPAN}",
    )),
    (4, (
        """CREATE TABLE duplicates (
            article_id VARCHAR PRIMARY KEY, original_id VARCHAR NOT NULL, similarity DOUBLE,
            run_id VARCHAR, detected_at TIMESTAMP)""",
        "CREATE TABLE signatures (article_id VARCHAR PRIMARY KEY, minhash UINTEGER[])",
        "ALTER TABLE runs ADD COLUMN duplicates INTEGER",
    )),
    (5, (
        # Mentions of one real-world event folded into one merged event (see ``merge``).
        "ALTER TABLE events ADD COLUMN merged_id VARCHAR",
        f"""CREATE TABLE merged_events (
            id VARCHAR PRIMARY KEY, event_type VARCHAR NOT NULL, mode VARCHAR, context VARCHAR,
            cameo VARCHAR, status VARCHAR, source {_ACTOR_V1}[], target {_ACTOR_V1}[], date VARCHAR,
            date_precision VARCHAR, date_basis VARCHAR, date_start DATE, date_end DATE,
            location {_LOCATION}, confidence DOUBLE, mentions INTEGER, articles INTEGER,
            sources INTEGER, first_mention_id VARCHAR, updated_at TIMESTAMP)""",
        "CREATE INDEX events_merged ON events(merged_id)",
        "CREATE INDEX merged_type ON merged_events(event_type)",
    )),
    (6, (
        """CREATE TABLE feeds (
            url VARCHAR PRIMARY KEY, etag VARCHAR, last_modified VARCHAR, last_polled TIMESTAMP,
            last_status INTEGER, last_error VARCHAR, failures INTEGER, entries INTEGER)""",
        """CREATE TABLE fetched (
            url VARCHAR PRIMARY KEY, feed_url VARCHAR, outcome VARCHAR, fetched_at TIMESTAMP)""",
    )),
    (7, (
        # actors gain ``agent``, the sector of an organisation's member; DuckDB alters a column
        # only with no index on its table
        "DROP INDEX events_article", "DROP INDEX events_type", "DROP INDEX events_merged",
        "DROP INDEX merged_type",
        *(f"ALTER TABLE {table} ALTER {column} SET DATA TYPE {_ACTOR}[] USING "
          f"list_transform({column}, lambda a: {_WITH_AGENT.format('a')})"
          for table in ("events", "merged_events") for column in ("source", "target")),
        *(f"ALTER TABLE quotes ALTER {column} SET DATA TYPE {_ACTOR} USING "
          f"{_WITH_AGENT.format(column)}" for column in ("speaker", "audience")),
        "CREATE INDEX events_article ON events(article_id)",
        "CREATE INDEX events_type ON events(event_type)",
        "CREATE INDEX events_merged ON events(merged_id)",
        "CREATE INDEX merged_type ON merged_events(event_type)",
    )),
    (8, (
        # the names of the coding rules that fired for an event; which coder coded an article
        # (``provenance``; NULL: an older one, or a copy, which has no records of its own), which
        # extractor found a place or a time expression, and how many stored articles a run coded again
        "ALTER TABLE events ADD COLUMN rules VARCHAR[]",
        "ALTER TABLE articles ADD COLUMN coder VARCHAR",
        "ALTER TABLE places ADD COLUMN extractor VARCHAR",
        "ALTER TABLE timexes ADD COLUMN extractor VARCHAR",
        "ALTER TABLE runs ADD COLUMN recoded INTEGER",
    )),
)  # fmt: skip
EVENT_COLUMNS = tuple(f.name for f in dataclasses.fields(Event)) + ("merged_id",)
MERGED_COLUMNS = (
    "id", "event_type", "mode", "context", "cameo", "status", "source", "target", "date",
    "date_precision", "date_basis", "location", "confidence", "mentions", "articles", "sources",
    "first_mention_id",
)  # fmt: skip
SCHEMA_VERSION = MIGRATIONS[-1][0]


def date_range(date: str | None, precision: str | None) -> tuple[dt.date | None, dt.date | None]:
    """Return the first and last day covered by an event date such as ``2020``, ``2020-01``."""
    if not date:
        return None, None
    try:
        if precision == "year" or len(date) == 4:
            year = int(date[:4])
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if precision == "month" or len(date) == 7:
            year, month = int(date[:4]), int(date[5:7])
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        day = dt.date.fromisoformat(date[:10])
        return day, day
    except ValueError:
        return None, None


class Store:
    """A DuckDB event store. Open it with ``eventwire.open(path)`` or ``Store(path)``.

    Query methods return pandas DataFrames; the ``*_arrow`` variants return Arrow tables.
    """

    def __init__(self, path: str | Path = "eventwire.duckdb", *, read_only: bool = False, lock_wait: float = 0.0):
        """Open the store; a writer kept out by another process's lock waits up to ``lock_wait`` seconds.

        While it waits it says so in a flag file beside the store (``writer_waiting``), which
        ``eventwire serve`` heeds by letting go of the file between requests.
        """
        self.path = str(path)
        self.read_only, self.lock_wait = read_only, lock_wait
        self._con: duckdb.DuckDBPyConnection | None = None
        self._opened_at = 0.0
        self._schemas: dict[str, pa.Schema] = {}  # of the tables, as read since the file was opened
        self._threads: int | None = None  # see limit_threads
        self._open()
        if not read_only:
            self.migrate()
        elif self.schema_version() != SCHEMA_VERSION:
            raise StoreError(f"{self.path} has schema version {self.schema_version()}, this "
                             f"eventwire needs {SCHEMA_VERSION}; open it once for writing to migrate")  # fmt: skip

    def _open(self) -> duckdb.DuckDBPyConnection:
        try:
            self._con = _connect(self.path, read_only=self.read_only, lock_wait=self.lock_wait)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        self._opened_at = time.monotonic()
        self._schemas.clear()  # another process may have migrated the file meanwhile
        if self._threads is not None:
            self._con.execute(f"SET threads = {self._threads}")
        return self._con

    @property
    def threads(self) -> int | None:
        """The DuckDB thread limit set by ``limit_threads`` (None: none)."""
        return self._threads

    def limit_threads(self, threads: int | None) -> None:
        """Run this store's queries on at most ``threads`` DuckDB threads (None: DuckDB's own choice,
        every core), now and whenever the file is opened again.

        Writers that parse between their batches use one: when DuckDB's worker threads go idle
        after a query, the process's free heap memory goes back to the system (``malloc_trim``),
        and spaCy's next batch takes it again page by page (some 150 page faults and 3 ms of
        kernel time per article, 4% of an ingest). A batch's small transaction gains nothing from
        more threads.
        """
        self._threads = None if threads is None else max(1, int(threads))
        if self._con is not None:
            self._con.execute("RESET threads" if self._threads is None else f"SET threads = {self._threads}")

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The connection to the file, opened again (waiting up to ``lock_wait``) after ``release``."""
        return self._con if self._con is not None else self._open()

    def release(self) -> None:
        """Let go of the file until the store is next used, so that other processes can open it.

        Writers (``ingest``, ``watch``) release the file between batches while a reader is active
        (``release_for_readers``): ``eventwire serve`` reads it while they extract the next batch.
        Never call it inside a transaction.
        """
        if self._con is not None:
            con, self._con = self._con, None
            con.close()
            log.debug("held %s for %.1f ms", self.path, 1000 * (time.monotonic() - self._opened_at))

    def release_for_readers(self) -> None:
        """Let go of the file if a reader (``eventwire serve``) is using the store (``reader_active``).

        Without one, the file stays open: closing it checkpoints the database, and opening it again
        for every batch would cost a long ingest several per cent of its time for nobody.
        """
        if self._con is not None and reader_active(self.path):
            self.release()

    def close(self) -> None:
        """Close the connection."""
        self.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema -------------------------------------------------------------------------------

    def schema_version(self) -> int:
        """Return the schema version of the file (0 for a new file)."""
        exists = self._scalar("SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'")
        if not exists:
            return 0
        value = self._scalar("SELECT value FROM meta WHERE key = 'schema_version'")
        return int(value) if value is not None else 0

    def _scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        """Run a query and return the first column of its first row (None if no row)."""
        rows = self.con.execute(sql, params or []).fetchall()
        return rows[0][0] if rows else None

    def migrate(self) -> None:
        """Bring the file's schema up to ``SCHEMA_VERSION``, one transaction per step."""
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError(f"{self.path} has schema version {current}, newer than this "
                             f"eventwire ({SCHEMA_VERSION}); upgrade eventwire")  # fmt: skip
        for version, statements in MIGRATIONS:
            if version <= current:
                continue
            self._schemas.clear()  # the step may change the tables
            try:
                self.con.execute("BEGIN")
                self.con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
                for sql in statements:
                    self.con.execute(sql)
                self.con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(version)])
                self.con.execute("COMMIT")
            except duckdb.Error as exc:
                self.con.execute("ROLLBACK")
                raise StoreError(f"migrating {self.path} to schema {version} failed: {exc}") from exc
            log.info("migrated %s to schema version %d", self.path, version)
            if version == 5 and current > 0:
                log.info("re-signed %d articles of %s", self.resign(), self.path)
                log.info("merged %d events of %s", self.remerge(), self.path)

    # -- writing ------------------------------------------------------------------------------

    def known_articles(self, ids: Iterable[str]) -> dict[str, str]:
        """Return ``{article id: content hash}`` for those of ``ids`` already stored."""
        ids = list(dict.fromkeys(ids))
        if not ids:
            return {}
        rows = self.con.execute(
            "SELECT id, content_hash FROM articles WHERE id IN (SELECT unnest(?))", [ids]
        ).fetchall()
        return dict(rows)

    def write_batch(
        self, extractions: Sequence[Extraction], rejections: Sequence[Rejection] = (), *,
        duplicates: Sequence[Duplicate] = (), signatures: dict[str, Any] | None = None,
        run_id: str | None = None, coder: str | None = None, recoding: bool = False,
    ) -> None:  # fmt: skip
        """Write a batch of extractions, rejections and duplicates in one transaction.

        An article whose id is stored with a different content hash is replaced, with all its
        records (its copies stay linked to it, now to its new text, unless it is now a copy itself:
        then they are linked to its original). One stored with the same hash is left as it is,
        unless ``coder`` (the version of the coder that made the extractions, see ``provenance``)
        is given and the article was stored by another (or by one that did not say): then its
        records are replaced, the article, its signature and its copies stay. With ``recoding``
        (``eventwire recode --all``) that is done whichever coder coded it. A duplicate is stored
        as its article and a link to its original, with no records of its own. ``signatures`` are
        the MinHash signatures of the extracted articles, for finding later duplicates.
        """
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        known = self.article_versions([x.article.id for x in extractions] + [d.article.id for d in duplicates])
        fresh = [x for x in extractions if known.get(x.article.id, (None,))[0] != x.article.content_hash]
        recoded = [x for x in extractions
                   if _recodable(known.get(x.article.id), x.article, coder=coder, always=recoding)]  # fmt: skip
        copies = [d for d in duplicates if known.get(d.article.id, (None,))[0] != d.article.content_hash]
        replaced = [x.article.id for x in fresh if x.article.id in known] + [d.article.id for d in copies if d.article.id in known]
        signatures = signatures or {}
        coded = fresh + recoded
        tables = {
            "articles": [_article_row(x.article, run_id=run_id, now=now, coder=coder) for x in fresh]
                        + [_article_row(d.article, run_id=run_id, now=now, coder=None) for d in copies],
            "duplicates": [{"article_id": d.article.id, "original_id": d.original_id, "similarity": d.similarity,
                            "run_id": run_id, "detected_at": now} for d in copies],
            "signatures": [{"article_id": x.article.id, "minhash": [int(v) for v in signatures[x.article.id]]}
                           for x in fresh if signatures.get(x.article.id) is not None],
            "events": [_event_row(e) for x in coded for e in x.events],
            "quotes": [to_dict(q) for x in coded for q in x.quotes],
            "places": [_span_row(p) for x in coded for p in x.places],
            "timexes": [_span_row(t) for x in coded for t in x.timexes],
            "rejections": [_rejection_row(r, run_id=run_id, now=now) for r in rejections],
        }
        recoded_ids = [x.article.id for x in recoded]
        # a recoded article keeps its signature, its copies and its place in the order of arrival
        # (``ingested_at``: merging goes by it); the rest of its row is the input's, as its records are
        updates = [[a.title, a.url, a.published, a.dateline, a.source, a.removed_paragraphs, coder, run_id, a.id]
                   for a in (x.article for x in recoded)]  # fmt: skip
        try:
            self.con.execute("BEGIN")
            touched: set[str] = set()
            if replaced:
                touched |= self._merged_ids_of(replaced)
                self._delete_rows(replaced)
            if recoded_ids:
                touched |= self._merged_ids_of(recoded_ids)
                self._delete_records(recoded_ids)
                self.con.executemany(
                    "UPDATE articles SET title = ?, url = ?, published = ?, dateline = ?, source = ?, "
                    "removed_paragraphs = ?, coder = ?, run_id = ? WHERE id = ?", updates,
                )  # fmt: skip
            assigned = self._assign_merged(tables["events"])
            for row in tables["events"]:
                row["merged_id"] = assigned[row["id"]]
            for table, rows in tables.items():
                self._insert(table, rows)
            if replaced:
                # an original replaced by a copy of another article hands its copies on to that one
                self.con.execute(
                    "UPDATE duplicates SET original_id = d.original_id FROM duplicates d "
                    "WHERE duplicates.original_id = d.article_id AND d.article_id IN (SELECT unnest(?))",
                    [replaced],
                )  # fmt: skip
            self._refresh_merged(touched | set(assigned.values()), now=now)
            self.con.execute("COMMIT")
        except (duckdb.Error, pa.ArrowException) as exc:
            self.con.execute("ROLLBACK")
            raise StoreError(f"writing to {self.path} failed, nothing of this batch was kept: {exc}") from exc

    def copies_of(self, article_ids: Sequence[str]) -> list[str]:
        """Return the ids of the stored copies (duplicates) of ``article_ids``."""
        rows = self.con.execute(
            "SELECT article_id FROM duplicates WHERE original_id IN (SELECT unnest(?)) ORDER BY article_id",
            [list(article_ids)],
        ).fetchall()
        return [r[0] for r in rows]

    def delete_articles(self, article_ids: Sequence[str]) -> int:
        """Delete articles with all their records in one transaction; return how many event mentions went.

        The stored copies of a deleted article go with it: a copy holds no records of its own, only
        its link to the original, and a link to an article no longer stored would mean nothing (ingest
        a copy again to have it extracted on its own). The merged events the articles mentioned are
        rebuilt from their other mentions, or dropped.
        """
        ids = list(dict.fromkeys(article_ids))
        try:
            self.con.execute("BEGIN")
            ids += [c for c in self.copies_of(ids) if c not in ids]
            removed = self._scalar("SELECT count(*) FROM events WHERE article_id IN (SELECT unnest(?))", [ids])
            touched = self._merged_ids_of(ids)
            self._delete_rows(ids)
            self._refresh_merged(touched, now=dt.datetime.now(dt.UTC).replace(tzinfo=None))
            self.con.execute("COMMIT")
        except duckdb.Error as exc:
            self.con.execute("ROLLBACK")
            raise StoreError(f"deleting from {self.path} failed, nothing was deleted: {exc}") from exc
        return removed

    def _delete_rows(self, article_ids: list[str]) -> None:
        """Delete articles and every record of theirs (inside the caller's transaction)."""
        for table in ("events", "quotes", "places", "timexes", "duplicates", "signatures", "articles"):
            column = "id" if table == "articles" else "article_id"
            self.con.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT unnest(?))", [article_ids])

    def _delete_records(self, article_ids: list[str]) -> None:
        """Delete what the coder made of articles, keeping the articles (inside the caller's transaction)."""
        for table in ("events", "quotes", "places", "timexes"):
            self.con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?))", [article_ids])

    # -- provenance (see ``provenance``) -------------------------------------------------------

    def article_versions(self, ids: Iterable[str]) -> dict[str, tuple[str, str | None, bool]]:
        """Return ``{article id: (content hash, coder, whether it is a copy)}`` for those of ``ids`` stored."""
        ids = list(dict.fromkeys(ids))
        if not ids:
            return {}
        rows = self.con.execute(
            "SELECT a.id, a.content_hash, a.coder, d.article_id IS NOT NULL FROM articles a "
            "LEFT JOIN duplicates d ON d.article_id = a.id WHERE a.id IN (SELECT unnest(?))", [ids],
        ).fetchall()  # fmt: skip
        return {article_id: (content_hash, coder, copy) for article_id, content_hash, coder, copy in rows}

    def article_coders(self) -> Iterator[tuple[str, str, str | None, bool]]:
        """Yield the id, content hash and coder of every stored article, and whether it is a copy."""
        result = self.con.execute(
            "SELECT a.id, a.content_hash, a.coder, d.article_id IS NOT NULL FROM articles a "
            "LEFT JOIN duplicates d ON d.article_id = a.id"
        )  # fmt: skip
        while rows := result.fetchmany(10_000):
            yield from rows

    def articles_to_recode(self, *, coder: str | None) -> list[str]:
        """Return the ids of the stored originals not coded by ``coder`` (None: all), in ingest order.

        Copies are left out: they hold no records, only their link to an original.
        """
        sql = ("SELECT a.id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM duplicates d WHERE d.article_id = a.id)"
               + (" AND a.coder IS DISTINCT FROM ?" if coder is not None else "")
               + " ORDER BY a.ingested_at, a.id")  # fmt: skip
        return [r[0] for r in self.con.execute(sql, [coder] if coder is not None else []).fetchall()]

    def stored_articles(self, ids: Sequence[str]) -> list[Article]:
        """Return the stored (cleaned) articles of ``ids``, in that order; ids not stored are left out."""
        rows = self.con.sql(
            "SELECT id, text, title, url, published, dateline, source, removed_paragraphs, content_hash "
            "FROM articles WHERE id IN (SELECT unnest(?))", params=[list(ids)],
        ).to_arrow_table().to_pylist()  # fmt: skip
        by_id = {r["id"]: r for r in rows}
        return [Article(**{**by_id[i], "removed_paragraphs": by_id[i]["removed_paragraphs"] or 0})
                for i in ids if i in by_id]  # fmt: skip

    # -- merged events (see ``merge``) ---------------------------------------------------------

    def _merged_ids_of(self, article_ids: list[str]) -> set[str]:
        rows = self.con.execute(
            "SELECT DISTINCT merged_id FROM events WHERE article_id IN (SELECT unnest(?)) AND merged_id IS NOT NULL",
            [article_ids],
        ).fetchall()
        return {r[0] for r in rows}

    def _assign_merged(self, rows: list[dict[str, Any]]) -> dict[str, str]:
        """Return ``{event id: merged id}`` for new event rows, joining stored merged events."""
        if not rows:
            return {}
        lag = merge.REPORTING_LAG + merge.SLACK
        probes = [{"event_type": r["event_type"], "status": r["status"],
                   "lo": merge.shift(r["date_start"], -lag), "hi": merge.shift(r["date_end"], lag)}
                  for r in rows if r.get("date_start") and r.get("date_end")]  # fmt: skip
        candidates: list[dict[str, Any]] = []
        if probes:
            probe = pa.Table.from_pylist(probes, schema=pa.schema([
                ("event_type", pa.string()), ("status", pa.string()), ("lo", pa.date32()), ("hi", pa.date32())]))  # fmt: skip
            self.con.register("_probe", probe)
            try:
                candidates = self.con.sql(
                    "SELECT * FROM merged_events WHERE id IN (SELECT m.id FROM merged_events m JOIN _probe p "
                    "ON m.event_type = p.event_type AND m.status = p.status "
                    "AND m.date_start <= p.hi AND m.date_end >= p.lo) ORDER BY id"
                ).to_arrow_table().to_pylist()
            finally:
                self.con.unregister("_probe")
        return merge.assign(rows, (merge.Sketch.of_merged(c) for c in candidates))

    def _refresh_merged(self, merged_ids: set[str], *, now: dt.datetime) -> None:
        """Rebuild the merged events ``merged_ids`` from their mentions; drop those left with none."""
        if not merged_ids:
            return
        ids = sorted(merged_ids)
        mentions = self.con.sql(
            "SELECT * FROM events WHERE merged_id IN (SELECT unnest(?)) ORDER BY article_id, trigger.start",
            params=[ids],
        ).to_arrow_table().to_pylist()
        article_ids = sorted({m["article_id"] for m in mentions})
        articles = {a["id"]: a for a in self.con.sql(
            "SELECT id, url, source FROM articles WHERE id IN (SELECT unnest(?))", params=[article_ids]
        ).to_arrow_table().to_pylist()}  # fmt: skip
        groups: dict[str, list[dict[str, Any]]] = {}
        for mention in mentions:
            groups.setdefault(mention["merged_id"], []).append(mention)
        self.con.execute("DELETE FROM merged_events WHERE id IN (SELECT unnest(?))", [ids])
        self._insert("merged_events", [merge.aggregate(k, v, articles, updated_at=now) for k, v in groups.items()])

    def resign(self) -> int:
        """Recompute the MinHash signature of every stored original article; return the count.

        Signatures depend on the shingling; a store written with another (schema < 5 used word
        5-grams) is re-signed on migration so that later copies are still found.
        """
        rows = self.con.execute(
            "SELECT s.article_id, a.text FROM signatures s JOIN articles a ON a.id = s.article_id"
        ).fetchall()
        fresh = [{"article_id": a, "minhash": [int(v) for v in signature(text).hashvalues]} for a, text in rows]
        self.con.execute("BEGIN")
        try:
            self.con.execute("DELETE FROM signatures")
            self._insert("signatures", fresh)
            self.con.execute("COMMIT")
        except duckdb.Error as exc:
            self.con.execute("ROLLBACK")
            raise StoreError(f"re-signing the articles of {self.path} failed: {exc}") from exc
        return len(fresh)

    def remerge(self) -> int:
        """Merge every stored event afresh, article by article in ingest order; return the count.

        Stores written before merged events existed (schema < 5) are merged this way on migration.
        """
        self.con.execute("BEGIN")
        try:
            self.con.execute("DELETE FROM merged_events")
            self.con.execute("UPDATE events SET merged_id = NULL")
            order = [r[0] for r in self.con.execute("SELECT id FROM articles ORDER BY ingested_at, id").fetchall()]
            now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
            for i in range(0, len(order), 200):
                chunk = order[i:i + 200]
                rows = self.con.sql(
                    "SELECT * FROM events WHERE article_id IN (SELECT unnest(?))", params=[chunk]
                ).to_arrow_table().to_pylist()
                rank = {a: n for n, a in enumerate(chunk)}
                rows.sort(key=lambda r: (rank[r["article_id"]], (r["trigger"] or {}).get("start") or 0, r["id"]))
                assigned = self._assign_merged(rows)
                if not assigned:
                    continue
                self.con.register("_assigned", pa.table({"id": list(assigned), "merged_id": list(assigned.values())}))
                try:
                    self.con.execute("UPDATE events SET merged_id = a.merged_id FROM _assigned a WHERE events.id = a.id")
                finally:
                    self.con.unregister("_assigned")
                self._refresh_merged(set(assigned.values()), now=now)
            self.con.execute("COMMIT")
        except duckdb.Error as exc:
            self.con.execute("ROLLBACK")
            raise StoreError(f"merging the events of {self.path} failed: {exc}") from exc
        return self._scalar("SELECT count(*) FROM merged_events")

    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        schema = self._schemas.get(table)
        if schema is None:
            schema = self._schemas[table] = self.con.sql(f"SELECT * FROM {table} LIMIT 0").to_arrow_table().schema
        batch = pa.Table.from_pylist(rows, schema=schema)  # keys the schema lacks are left out
        self.con.register("_batch", batch)
        try:
            self.con.execute(f"INSERT OR IGNORE INTO {table} SELECT * FROM _batch")
        finally:
            self.con.unregister("_batch")

    def start_run(self, *, command: str, settings: dict[str, Any], versions: dict[str, str]) -> str:
        """Record the start of a run and return its id."""
        started = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        run_id = content_id(command, started.isoformat(), length=12)
        self.con.execute(
            "INSERT INTO runs (id, started_at, command, settings, versions) VALUES (?, ?, ?, ?, ?)",
            [run_id, started, command, json.dumps(settings), json.dumps(versions)],
        )
        return run_id

    def finish_run(self, run_id: str, *, counts: dict[str, int]) -> None:
        """Record the end of a run and its counts."""
        self.con.execute(
            "UPDATE runs SET finished_at = ?, articles = ?, skipped = ?, duplicates = ?, events = ?, "
            "quotes = ?, rejections = ?, recoded = ? WHERE id = ?",
            [dt.datetime.now(dt.UTC).replace(tzinfo=None), counts.get("articles", 0),
             counts.get("skipped", 0), counts.get("duplicates", 0), counts.get("events", 0),
             counts.get("quotes", 0), counts.get("rejections", 0), counts.get("recoded", 0), run_id],
        )  # fmt: skip

    # -- feeds --------------------------------------------------------------------------------

    def feed_states(self, urls: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Return the stored state (``etag``, ``last_modified``, ``failures`` …) of each known feed."""
        rows = self.con.execute("SELECT * FROM feeds WHERE url IN (SELECT unnest(?))", [list(urls)])
        names = [d[0] for d in rows.description]
        return {row[0]: dict(zip(names, row)) for row in rows.fetchall()}

    def seen_urls(self, urls: Iterable[str]) -> dict[str, str]:
        """Return what became of those of ``urls`` already seen: fetched, stored, or rejected.

        The outcome is the one recorded when the page was fetched; for a page stored but not yet
        recorded (a run killed in between), it is read from the stored article or rejection.
        """
        urls = list(dict.fromkeys(urls))
        if not urls:
            return {}
        rows = self.con.execute(
            """WITH wanted AS (SELECT unnest(?) AS url)
            SELECT w.url, coalesce(
                f.outcome,
                (SELECT 'duplicate of ' || d.original_id FROM articles a JOIN duplicates d ON d.article_id = a.id
                 WHERE a.source = w.url OR a.url = w.url ORDER BY a.id LIMIT 1),
                (SELECT 'article' FROM articles a WHERE a.source = w.url OR a.url = w.url LIMIT 1),
                (SELECT 'rejected at ' || r.stage || ': ' || r.reason FROM rejections r WHERE r.source = w.url
                 ORDER BY r.rejected_at, r.id LIMIT 1)) AS outcome
            FROM wanted w LEFT JOIN fetched f ON f.url = w.url""", [urls],
        ).fetchall()  # fmt: skip
        return {url: outcome for url, outcome in rows if outcome is not None}

    def record_poll(self, *, feeds: Sequence[dict[str, Any]], fetched: Sequence[dict[str, Any]]) -> None:
        """Record, in one transaction, the new state of polled feeds and the pages fetched for them.

        A page's first recorded outcome is kept: recording the same poll twice changes nothing.
        """
        try:
            self.con.execute("BEGIN")
            for row in feeds:
                self.con.execute(
                    "INSERT OR REPLACE INTO feeds (url, etag, last_modified, last_polled, last_status, "
                    "last_error, failures, entries) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [row["url"], row.get("etag"), row.get("last_modified"), row.get("last_polled"),
                     row.get("last_status"), row.get("last_error"), row.get("failures", 0),
                     row.get("entries")],
                )  # fmt: skip
            self._insert("fetched", list(fetched))
            self.con.execute("COMMIT")
        except duckdb.Error as exc:
            self.con.execute("ROLLBACK")
            raise StoreError(f"writing feed state to {self.path} failed: {exc}") from exc

    def article_hashes(self) -> Iterator[tuple[str, str]]:
        """Yield the id and content hash of every stored article."""
        result = self.con.execute("SELECT id, content_hash FROM articles")
        while rows := result.fetchmany(10_000):
            yield from rows

    def signatures(self) -> Iterator[tuple[str, np.ndarray]]:
        """Yield the MinHash signature of every stored original article."""
        result = self.con.execute("SELECT article_id, minhash FROM signatures ORDER BY article_id")
        while rows := result.fetchmany(10_000):
            for article_id, minhash in rows:
                yield article_id, np.asarray(minhash, dtype=np.uint32)

    def duplicate_groups(self) -> list[dict[str, Any]]:
        """Return each original article with the duplicates linked to it."""
        rows = self.con.sql(
            "SELECT d.original_id, a.title AS original_title, list(d.article_id ORDER BY d.article_id) AS duplicates, "
            "min(d.similarity) AS min_similarity FROM duplicates d LEFT JOIN articles a ON a.id = d.original_id "
            "GROUP BY d.original_id, a.title ORDER BY d.original_id"
        ).to_arrow_table()
        return rows.to_pylist()

    # -- reading ------------------------------------------------------------------------------

    def events_arrow(self, where: EventFilter | None = None, *, limit: int | None = None, **filters: Any) -> pa.Table:
        """Return stored event mentions matching every given filter, oldest first, as Arrow.

        Each mention is one event as one article reports it; ``merged_id`` names the merged event
        it belongs to (see ``merged_events_arrow``).

        Args:
            where: the filter, or give its values as keywords, checked by ``EventFilter.of``:
                ``type`` (PLOVER types, comma-separated), ``status``, ``actor`` (text within a
                source or target name or text, case-insensitive), ``country`` (ISO alpha-3 of an
                actor or of the location), ``since``/``until`` (events whose date range overlaps),
                ``bbox`` (west, south, east, north), ``q`` (text within the sentence),
                ``article_id``, ``merged_id`` (the mentions of this merged event).

        Raises:
            InputError: a filter value that means nothing (an unknown type, a bad date).
        """
        conditions, params = event_conditions(_filter(where, filters), table="events")
        return self._select("events", EVENT_COLUMNS, conditions, params,
                            order="date_start NULLS LAST, article_id, trigger.start", limit=limit)  # fmt: skip

    def merged_events_arrow(
        self, where: EventFilter | None = None, *, limit: int | None = None, **filters: Any
    ) -> pa.Table:
        """Return merged events (each real-world event once, with its mention counts) as Arrow.

        Takes the filters of ``events_arrow``; ``article_id`` keeps the events that article
        mentions, ``q`` those with the text in the sentence of any of their mentions.
        """
        conditions, params = event_conditions(_filter(where, filters), table="merged_events")
        return self._select("merged_events", MERGED_COLUMNS, conditions, params, order="date_start NULLS LAST, id",
                            limit=limit)  # fmt: skip

    def _select(self, table: str, columns: Sequence[str], where: list[str], params: list[Any], *, order: str,
                limit: int | None) -> pa.Table:  # fmt: skip
        quoted = ", ".join(f'"{c}"' for c in columns)
        sql = f"SELECT {quoted} FROM {table}"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {order}"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return self.con.sql(sql, params=params).to_arrow_table()

    def merged_events(self, where: EventFilter | None = None, **filters: Any) -> pd.DataFrame:
        """Return merged events as a DataFrame; see ``merged_events_arrow`` for the filters."""
        return self.merged_events_arrow(where, **filters).to_pandas()

    def events(self, where: EventFilter | None = None, **filters: Any) -> pd.DataFrame:
        """Return stored event mentions as a DataFrame; see ``events_arrow`` for the filters."""
        return self.events_arrow(where, **filters).to_pandas()

    def table_arrow(self, name: str) -> pa.Table:
        """Return a whole table (articles, quotes, places, timexes, rejections, runs) as Arrow."""
        if name not in {"articles", "events", "merged_events", "quotes", "places", "timexes", "rejections", "runs",
                        "duplicates", "feeds", "fetched"}:
            raise StoreError(f"no table {name!r}")
        order = {"runs": "started_at", "rejections": "rejected_at, source", "articles": "id",
                 "merged_events": "id", "feeds": "url", "fetched": "url"}.get(name, "article_id")
        return self.con.sql(f"SELECT * FROM {name} ORDER BY {order}").to_arrow_table()

    def export_partitioned(self, table: str, directory: str | Path) -> int:
        """Write a table as Parquet files partitioned by date (``year=YYYY/month=MM/``); return the rows.

        ``table`` is named as ``eventwire export`` names it: ``events`` (merged events) and
        ``mentions`` go by their event date, articles by their publication date, quotes, places and
        time expressions by their article's, rejections by the day they were rejected; rows without
        a date go to ``year=undated/month=undated``. DuckDB, pandas, pyarrow and Spark read the
        directory directly (hive partitioning).

        Raises:
            StoreError: a table without dates, or ``directory`` exists and is not empty, or cannot
                be written.
        """
        dated = {"events": ("merged_events", MERGED_COLUMNS + ("date_start", "date_end"), "t.date_start"),
                 "mentions": ("events", EVENT_COLUMNS + ("date_start", "date_end"), "t.date_start"),
                 "articles": ("articles", None, "t.published"),
                 "rejections": ("rejections", None, "CAST(t.rejected_at AS DATE)"),
                 **{name: (name, None, "a.published") for name in ("quotes", "places", "timexes")}}  # fmt: skip
        if table not in dated:
            raise StoreError(f"{table} has no dates to partition by; export it to one file (--out FILE.parquet)")
        name, columns, day = dated[table]
        out = Path(directory)
        if out.exists() and (not out.is_dir() or any(out.iterdir())):
            raise StoreError(f"{out} exists and is not an empty directory; choose a new or empty one")
        selected = ", ".join(f't."{c}"' for c in (columns or self._columns(name)))
        source = f"{name} t" + (" LEFT JOIN articles a ON a.id = t.article_id" if day.startswith("a.") else "")
        sql = (f"SELECT {selected}, coalesce(strftime({day}, '%Y'), 'undated') AS year, "
               f"coalesce(strftime({day}, '%m'), 'undated') AS month FROM {source} ORDER BY year, month")  # fmt: skip
        rows = self._scalar(f"SELECT count(*) FROM {name}")
        try:
            self.con.execute(f"COPY ({sql}) TO '{_quoted(out)}' (FORMAT parquet, PARTITION_BY (year, month))")
        except duckdb.Error as exc:
            raise StoreError(f"cannot write {out}: {exc}") from exc
        return int(rows)

    def _columns(self, table: str) -> list[str]:
        return [r[0] for r in self.con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
            [table]).fetchall()]  # fmt: skip

    def articles(self) -> pd.DataFrame:
        """Return the stored articles."""
        return self.table_arrow("articles").to_pandas()

    def quotes(self) -> pd.DataFrame:
        """Return the stored quotes."""
        return self.table_arrow("quotes").to_pandas()

    def places(self) -> pd.DataFrame:
        """Return the stored resolved toponyms."""
        return self.table_arrow("places").to_pandas()

    def rejections(self) -> pd.DataFrame:
        """Return the stored rejections."""
        return self.table_arrow("rejections").to_pandas()

    def runs(self) -> pd.DataFrame:
        """Return the log of runs."""
        return self.table_arrow("runs").to_pandas()

    def counts(self) -> dict[str, int]:
        """Return the number of rows of each table."""
        names = ("articles", "events", "merged_events", "quotes", "places", "timexes", "rejections", "runs",
                 "duplicates")
        return {n: self._scalar(f"SELECT count(*) FROM {n}") for n in names}


# How long `eventwire ingest` and `watch` wait for a file another process holds (e.g. `serve`).
WRITER_LOCK_WAIT = 30.0
# A writer touches its flag every few tens of milliseconds; an older flag is left by a killed one.
_FLAG_FRESH = 2.0


def _flag(path: str) -> Path:
    return Path(path + ".write-wanted")


# A reader (`eventwire serve`) that used the store in this many seconds is still reading it.
READER_FRESH = 30.0


def _reader_flag(path: str) -> Path:
    return Path(path + ".read-wanted")


def mark_reader(path: str | Path) -> None:
    """Say, in a flag file beside the store, that a reader wants the file now or will soon."""
    try:
        _reader_flag(str(path)).write_text(str(os.getpid()), encoding="utf-8")
    except OSError as exc:  # a read-only directory: writers then keep the file between batches
        log.debug("cannot mark %s as read: %s", path, exc)


def reader_active(path: str | Path) -> bool:
    """Return whether a reader used or wanted the store at ``path`` in the last ``READER_FRESH`` seconds."""
    try:
        return time.time() - os.stat(_reader_flag(str(path))).st_mtime < READER_FRESH
    except OSError:
        return False


def writer_waiting(path: str | Path) -> bool:
    """Return whether a writer is waiting for the store file at ``path`` (a fresh flag beside it)."""
    try:
        return time.time() - os.stat(_flag(str(path))).st_mtime < _FLAG_FRESH
    except OSError:
        return False


def is_lock_conflict(exc: BaseException) -> bool:
    """Return whether a DuckDB error means another process holds the file."""
    return isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower()


def _connect(path: str, *, read_only: bool, lock_wait: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + lock_wait
    flag = None
    try:
        while True:
            try:
                return duckdb.connect(path, read_only=read_only)
            except duckdb.IOException as exc:
                if not is_lock_conflict(exc) or time.monotonic() >= deadline:
                    raise
            if not read_only:
                flag = _flag(path)
                flag.write_text(str(os.getpid()), encoding="utf-8")  # and so refresh its time
            time.sleep(0.03)
    finally:
        if flag is not None:
            flag.unlink(missing_ok=True)


def open(path: str | Path = "eventwire.duckdb", *, read_only: bool = False) -> Store:  # noqa: A001
    """Open (creating or migrating as needed) the event store at ``path``."""
    return Store(path, read_only=read_only)


def _filter(where: EventFilter | None, filters: dict[str, Any]) -> EventFilter:
    if where is not None and filters:
        raise TypeError("give an EventFilter or filter keywords, not both")
    return where if where is not None else EventFilter.of(**filters)


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def _recodable(stored: tuple[str, str | None, bool] | None, article: Article, *, coder: str | None,
               always: bool) -> bool:  # fmt: skip
    """Whether an article is stored with this text as an original whose records are to be replaced:
    coded by another coder than ``coder`` (a known one), or by any coder if ``always``."""
    if stored is None or stored[0] != article.content_hash or stored[2]:
        return False
    return always or (coder is not None and stored[1] != coder)


def _article_row(article: Article, *, run_id: str | None, now: dt.datetime, coder: str | None) -> dict[str, Any]:
    row = to_dict(article)
    row.update(published=article.published, run_id=run_id, ingested_at=now, coder=coder)
    return row


def _event_row(event: Event) -> dict[str, Any]:
    row = to_dict(event)
    row["date_start"], row["date_end"] = date_range(event.date, event.date_precision)
    return row


def _span_row(record: Place | Timex) -> dict[str, Any]:
    row = to_dict(record)
    row["id"] = content_id(record.article_id, record.start, record.end, type(record).__name__)
    return row


def _rejection_row(rejection: Rejection, *, run_id: str | None, now: dt.datetime) -> dict[str, Any]:
    row = to_dict(rejection)
    row.update(id=content_id(rejection.source, rejection.article_id, rejection.stage, rejection.reason),
               run_id=run_id, rejected_at=now)  # fmt: skip
    return row
