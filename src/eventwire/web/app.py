"""The analyst's desk: an HTTP API and a web app over the event store.

``create_app`` builds a FastAPI application; ``eventwire serve`` runs it with uvicorn. The API is
read-only unless the app is built with ``allow_writes=True`` and a token, which write requests
send as ``Authorization: Bearer <token>``. Every error, including validation errors and unknown
routes, is answered with one JSON shape::

    {"error": {"status": 422, "code": "invalid_parameter", "message": "...", "detail": [...]}}

Connections: requests share one DuckDB connection (read-only unless writes are allowed), each
through its own cursor; the file is closed once no request has used it for ``idle_close`` seconds.
A writer in another process (``eventwire ingest``, ``watch``) holds the file only while it writes a
batch. When it wants the file it leaves a flag beside it (see ``store.writer_waiting``): the server
closes the file as soon as the requests under way are done, and new requests wait until the batch
is written, then read it whole. A request that waits ``busy_wait`` seconds (5 s) is answered 503
``store_busy`` with a ``Retry-After`` header.
"""

from __future__ import annotations

import csv
import datetime as dt
import hmac
import io
import logging
import threading
import time
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path
from typing import Any, AsyncIterator, Iterator, Literal

import duckdb
from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventwire.errors import ConfigError, InputError, StoreError
from eventwire.filters import EventFilter
from eventwire.model import EVENT_TYPES, STATUSES, RawArticle, to_dict
from eventwire.settings import Settings
from eventwire.store import READER_FRESH, SCHEMA_VERSION, is_lock_conflict, mark_reader, writer_waiting
from eventwire.web import queries
from eventwire.web.world import world_json

log = logging.getLogger(__name__)

STATIC = Path(str(resources.files("eventwire.web") / "static"))
# Room for the JSON around the largest article the pipeline accepts.
BODY_OVERHEAD = 64_000


class ApiError(Exception):
    """An error answered with the shared JSON shape."""

    def __init__(self, status: int, code: str, message: str, *, detail: Any = None,
                 headers: dict[str, str] | None = None):  # fmt: skip
        super().__init__(message)
        self.status, self.code, self.message, self.detail, self.headers = status, code, message, detail, headers


def _schema_version(con: duckdb.DuckDBPyConnection) -> int:
    try:
        row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except duckdb.CatalogException:
        return 0
    return int(row[0]) if row else 0


def error_response(status: int, code: str, message: str, *, detail: Any = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:  # fmt: skip
    """Return the one JSON error shape."""
    body: dict[str, Any] = {"status": status, "code": code, "message": message}
    if detail is not None:
        body["detail"] = detail
    return JSONResponse({"error": body}, status_code=status, headers=headers)


BUSY = "the event store is being written by another process; try again in a moment"
# How often an open store checks whether a writer wants the file: a writer waits at most about this
# long for the server to let go of it once the requests under way are done.
WATCH_INTERVAL = 0.02


@dataclass(slots=True, kw_only=True)
class Desk:
    """What every request shares: the store, whether writes are allowed, the token.

    The store is opened when a request needs it and closed once no request has used it for
    ``idle_close`` seconds, or as soon as no request is using it while a writer waits for the file
    (``eventwire ingest``, ``watch``: see ``store.writer_waiting``). Each request reads through its own
    cursor of the one open database. While the server runs, and whenever a request comes, it
    refreshes a flag (``store.mark_reader``) that tells writers to let go of the file between
    their batches.
    """

    db_path: str
    allow_writes: bool
    token: str | None
    settings: Settings
    idle_close: float = 2.0
    busy_wait: float = 5.0
    extract_lock: threading.Lock = field(default_factory=threading.Lock)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _con: duckdb.DuckDBPyConnection | None = None
    _active: int = 0
    _last_used: float = 0.0
    _last_marked: float = -1e9
    _watcher: threading.Thread | None = None

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Lend a cursor of the open store for one request (read-only unless writes are allowed).

        A writer waiting for the file gets it first: new requests wait while it writes its batch, up
        to ``busy_wait`` seconds in all, and are then answered 503 ``store_busy``.
        """
        deadline = time.monotonic() + self.busy_wait
        while True:
            with self._lock:
                if time.monotonic() - self._last_marked >= 1.0:  # writers let go between batches while we read
                    mark_reader(self.db_path)
                    self._last_marked = time.monotonic()
                wanted = writer_waiting(self.db_path)
                if wanted and self._con is not None and self._active == 0:
                    self._close()
                late = time.monotonic() >= deadline
                if self._con is None and (not wanted or late):
                    self._con = self._try_open()
                    if self._con is not None:
                        self._watch()
                if self._con is not None and (not wanted or late):
                    self._active += 1
                    cursor = self._con.cursor()
                    break
                if late:
                    raise ApiError(503, "store_busy", BUSY, headers={"Retry-After": "2"})
            time.sleep(WATCH_INTERVAL)
        try:
            yield cursor
        finally:
            cursor.close()
            with self._lock:
                self._active -= 1
                self._last_used = time.monotonic()

    def _try_open(self) -> duckdb.DuckDBPyConnection | None:
        """Open the store; return None while another process holds it."""
        try:
            con = duckdb.connect(self.db_path, read_only=not self.allow_writes)
        except duckdb.IOException as exc:
            if is_lock_conflict(exc):
                return None
            raise ApiError(500, "store_unavailable", f"cannot open the event store: {exc}") from exc
        version = _schema_version(con)
        if version != SCHEMA_VERSION:
            con.close()
            raise ApiError(500, "store_outdated", f"{self.db_path} has schema version {version}, this "
                           f"eventwire needs {SCHEMA_VERSION}; `eventwire serve` migrates it on start")  # fmt: skip
        return con

    def _watch(self) -> None:
        """Start the thread that closes the open store when idle or wanted by a writer (lock held)."""
        self._last_used = time.monotonic()
        if self._watcher is None:
            self._watcher = threading.Thread(target=self._close_when_free, name="eventwire-store-watch", daemon=True)
            self._watcher.start()

    def _close_when_free(self) -> None:
        while True:
            time.sleep(WATCH_INTERVAL)
            with self._lock:
                if self._con is not None and self._active == 0:
                    idle = time.monotonic() - self._last_used >= self.idle_close
                    if idle or writer_waiting(self.db_path):
                        self._close()
                if self._con is None:
                    self._watcher = None
                    return

    def _close(self) -> None:
        if self._con is not None:
            con, self._con = self._con, None
            con.close()

    def is_open(self) -> bool:
        """Return whether the store file is open now."""
        with self._lock:
            return self._con is not None

    def close(self) -> None:
        """Close the store now (when the server stops)."""
        with self._lock:
            self._close()


class BodyLimit:
    """Refuse request bodies larger than ``max_bytes`` with 413, declared or streamed."""

    def __init__(self, app: Any, *, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        too_large = error_response(413, "body_too_large", f"request body is larger than {self.max_bytes:,} bytes")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await too_large(scope, receive, send)
            return
        if declared is not None:
            await self.app(scope, receive, send)
            return
        # No declared length (a chunked body): read it here, within the cap, and hand it on whole.
        messages, received = [], 0
        while True:
            message = await receive()
            messages.append(message)
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                await too_large(scope, receive, send)
                return
            if message["type"] != "http.request" or not message.get("more_body"):
                break

        async def replay() -> dict:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)


# -- request parameters ---------------------------------------------------------------------------


def event_filter(
    type: str | None = Query(None, description="PLOVER event types, comma-separated, e.g. ASSAULT,COERCE."),
    status: Literal["occurred", "planned", "negated", "hypothetical"] | None = Query(None),
    actor: str | None = Query(None, max_length=200, description="Text within a source or target actor's name."),
    country: str | None = Query(None, pattern=r"^[A-Za-z]{3}$",
                                description="ISO alpha-3 of an actor or of the event's location."),
    since: dt.date | None = Query(None, description="Events on or after this day (YYYY-MM-DD)."),
    until: dt.date | None = Query(None, description="Events on or before this day (YYYY-MM-DD)."),
    bbox: str | None = Query(None, description="west,south,east,north in degrees."),
    q: str | None = Query(None, max_length=200, description="Text within the event's sentence."),
    article_id: str | None = Query(None, max_length=100, description="Events mentioned by this article."),
) -> EventFilter:  # fmt: skip
    """Read and check the filters shared by the event endpoints (see ``filters.EventFilter``)."""
    try:
        return EventFilter.of(type=type, status=status, actor=actor, country=country, since=since, until=until,
                              bbox=bbox, q=q, article_id=article_id)  # fmt: skip
    except InputError as exc:
        raise ApiError(422, "invalid_parameter", exc.reason) from None


class AnalyseRequest(BaseModel):
    """An article to analyse."""

    text: str = Field(min_length=1, description="The article's text.")
    published: dt.date | None = Field(None, description="Its publication date; relative dates resolve against it.")
    title: str | None = Field(None, max_length=1000)
    save: bool = Field(False, description="Also store it (needs --allow-writes and the token).")


# -- highlights -----------------------------------------------------------------------------------


def mention_marks(mention: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the marks of a mention's sentence: trigger, actors, place and date, sentence-relative."""
    base = mention["sentence"]["start"]
    marks = []

    def add(span: dict[str, Any] | None, kind: str, label: str | None = None) -> None:
        if span and span.get("start") is not None:
            marks.append({"start": span["start"] - base, "end": span["end"] - base, "kind": kind,
                          "label": label or span.get("text")})  # fmt: skip

    add(mention["trigger"], "trigger", mention["event_type"])
    for role in ("source", "target"):
        for actor in mention.get(role) or []:
            add(actor.get("span"), role, actor.get("name"))
    location = mention.get("location") or {}
    for place in mention.get("places", []):
        if location and place["name"] == location.get("name"):
            add(place, "place", place["name"])
    add(mention.get("timex"), "date", mention.get("date"))
    return [m for m in marks if 0 <= m["start"] < m["end"] <= mention["sentence"]["end"] - base]


def article_marks(extraction: dict[str, Any]) -> list[dict[str, Any]]:
    """Return marks over a whole article: event triggers, places, dates and quotes."""
    marks = []
    for i, event in enumerate(extraction["events"]):
        marks.append({**_span(event["trigger"]), "kind": "trigger", "label": event["event_type"], "event": i})
        for role in ("source", "target"):
            for actor in event[role]:
                if actor.get("span"):
                    marks.append({**_span(actor["span"]), "kind": role, "label": actor["name"], "event": i})
    for place in extraction["places"]:
        marks.append({**_span(place), "kind": "place", "label": place["name"]})
    for timex in extraction["timexes"]:
        marks.append({**_span(timex), "kind": "date", "label": timex["value"]})
    for quote in extraction["quotes"]:
        speaker = (quote.get("speaker") or {}).get("name")
        marks.append({**_span(quote["content"]), "kind": "quote", "label": speaker})
    return marks


def _span(record: dict[str, Any]) -> dict[str, int]:
    return {"start": record["start"], "end": record["end"]}


# -- what the routes depend on --------------------------------------------------------------------


def get_desk(request: Request) -> Desk:
    """Return the desk of the app that received the request (set by ``create_app``)."""
    return request.app.state.desk


def db(desk: Desk = Depends(get_desk)) -> Iterator[duckdb.DuckDBPyConnection]:
    """Lend the request a cursor of the store, for as long as it runs."""
    with desk.connect() as con:
        yield con


def writer(request: Request, desk: Desk = Depends(get_desk)) -> None:
    """Refuse a write on a read-only server, or without the server's token."""
    if not desk.allow_writes:
        raise ApiError(403, "writes_disabled", "this server is read-only; start it with --allow-writes")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), desk.token.encode()):
        raise ApiError(401, "unauthorized", "send the server's token as 'Authorization: Bearer <token>'",
                       headers={"WWW-Authenticate": "Bearer"})  # fmt: skip


# -- API ------------------------------------------------------------------------------------------

api = APIRouter()


@api.get("/api", tags=["store"], summary="What the server holds and allows")
def info(con=Depends(db), desk: Desk = Depends(get_desk)) -> dict[str, Any]:
    first, last = queries.date_span(con, EventFilter())
    return {"version": metadata.version("eventwire"), "allow_writes": desk.allow_writes,
            **queries.overview(con), "first_date": first, "last_date": last,
            "event_types": list(EVENT_TYPES), "statuses": list(STATUSES)}  # fmt: skip


@api.get("/api/events", tags=["events"], summary="Events matching the filters, one page at a time",
         description="`total` counts every match; it is given on the first page (null on later ones).")
def list_events(
    flt: EventFilter = Depends(event_filter), limit: int = Query(50, ge=1, le=500),
    cursor: str | None = Query(None, max_length=200, description="next_cursor of the previous page."),
    order: Literal["asc", "desc"] = Query("asc", description="By date: oldest (asc) or newest (desc) first."),
    con=Depends(db),
) -> dict[str, Any]:  # fmt: skip
    try:
        rows, next_cursor, total = queries.list_events(con, flt, limit=limit, cursor=cursor,
                                                       newest_first=order == "desc")  # fmt: skip
    except InputError as exc:
        raise ApiError(422, "invalid_parameter", f"cursor: {exc}") from None
    return {"events": rows, "next_cursor": next_cursor, "total": total}


@api.get("/api/events.csv", tags=["export"], summary="Every matching event as CSV")
def export_csv(flt: EventFilter = Depends(event_filter), desk: Desk = Depends(get_desk)) -> StreamingResponse:
    def lines(con: duckdb.DuckDBPyConnection) -> Iterator[str]:
        buf = io.StringIO()
        writer_ = csv.writer(buf)
        writer_.writerow(queries.CSV_COLUMNS)
        for row in queries.iter_csv_rows(con, flt):
            writer_.writerow(row)
            if buf.tell() > 64_000:
                yield buf.getvalue()
                buf.seek(0)
                buf.truncate()
        yield buf.getvalue()

    return _stream(desk, lines, media_type="text/csv; charset=utf-8", filename="events.csv")


@api.get("/api/events.geojson", tags=["export"], summary="Every matching located event as GeoJSON")
def export_geojson(flt: EventFilter = Depends(event_filter), desk: Desk = Depends(get_desk)) -> StreamingResponse:
    def chunks(con: duckdb.DuckDBPyConnection) -> Iterator[str]:
        parts = ['{"type":"FeatureCollection","features":[']
        size = 0
        for n, feature in enumerate(queries.iter_geojson_features(con, flt)):
            parts.append(("," if n else "") + feature)
            size += len(feature)
            if size > 64_000:  # each chunk costs a hop to a worker thread: send few, large ones
                yield "".join(parts)
                parts, size = [], 0
        parts.append("]}")
        yield "".join(parts)

    return _stream(desk, chunks, media_type="application/geo+json", filename="events.geojson")


@api.get("/api/events/{event_id}", tags=["events"], summary="One event, its mentions and their sentences")
def get_event(event_id: str, con=Depends(db)) -> dict[str, Any]:
    event = queries.get_event(con, event_id)
    if event is None:
        raise ApiError(404, "not_found", f"no event {event_id}")
    mentions = queries.mentions_of(con, event["id"])
    for mention in mentions:
        mention["marks"] = mention_marks(mention)
    article_ids = list(dict.fromkeys(m["article_id"] for m in mentions))
    quotes = [q for a in article_ids for q in queries.quotes(con, article_id=a, speaker=None, q=None, limit=500)]
    others = [e for a in article_ids[:1] for e in queries.events_of_article(con, a) if e["id"] != event["id"]]
    return {"event": event, "mentions": mentions, "quotes": quotes, "article_events": others}


@api.get("/api/counts", tags=["aggregates"], summary="Counts of events over time, by type, country or status")
def counts(
    flt: EventFilter = Depends(event_filter), interval: Literal["day", "month", "year"] = Query("month"),
    by: Literal["type", "country", "status"] = Query("type"), con=Depends(db),
) -> dict[str, Any]:  # fmt: skip
    return {"interval": interval, "by": by, "counts": queries.counts(con, flt, interval=interval, by=by)}


@api.get("/api/map", tags=["aggregates"], summary="Located events clustered on a grid")
def clusters(
    flt: EventFilter = Depends(event_filter),
    cell: float = Query(5.0, ge=0.01, le=90, description="Grid cell size in degrees."), con=Depends(db),
) -> dict[str, Any]:  # fmt: skip
    rows = queries.clusters(con, flt, cell=cell)
    return {"cell": cell, "clusters": rows, "events": sum(r["count"] for r in rows)}


@api.get("/api/actors", tags=["aggregates"], summary="Actors of the matching events, most frequent first")
def actors(
    flt: EventFilter = Depends(event_filter), name: str | None = Query(None, max_length=200),
    limit: int = Query(100, ge=1, le=1000), con=Depends(db),
) -> dict[str, Any]:  # fmt: skip
    return {"actors": queries.actors(con, flt, q=name, limit=limit)}


@api.get("/api/quotes", tags=["store"], summary="Quotes and their speakers")
def quotes(
    article_id: str | None = Query(None, max_length=100), speaker: str | None = Query(None, max_length=200),
    q: str | None = Query(None, max_length=200), limit: int = Query(100, ge=1, le=1000), con=Depends(db),
) -> dict[str, Any]:  # fmt: skip
    return {"quotes": queries.quotes(con, article_id=article_id, speaker=speaker, q=q, limit=limit)}


@api.get("/api/articles", tags=["store"], summary="Stored articles, newest first")
def articles(
    q: str | None = Query(None, max_length=200, description="Text within the title."),
    limit: int = Query(100, ge=1, le=1000), con=Depends(db),
) -> dict[str, Any]:  # fmt: skip
    return {"articles": queries.articles(con, q=q, limit=limit)}


@api.get("/api/articles/{article_id}", tags=["store"], summary="One article with its text and events")
def article(article_id: str, con=Depends(db)) -> dict[str, Any]:
    found = queries.get_article(con, article_id)
    if found is None:
        raise ApiError(404, "not_found", f"no article {article_id}")
    return {"article": found, "events": queries.events_of_article(con, article_id)}


@api.delete("/api/articles/{article_id}", tags=["writes"], summary="Delete an article, its records and its copies",
            dependencies=[Depends(writer)])  # fmt: skip
def delete_article(article_id: str, con=Depends(db), desk: Desk = Depends(get_desk)) -> dict[str, Any]:
    if queries.get_article(con, article_id) is None:
        raise ApiError(404, "not_found", f"no article {article_id}")
    with _write_store(desk) as store:
        copies = store.copies_of([article_id])
        removed = store.delete_articles([article_id])
    return {"deleted": article_id, "events": removed, "copies": copies}


@api.post("/api/analyse", tags=["analyse"], summary="Extract events, places, dates and quotes from a text")
def analyse(body: AnalyseRequest, request: Request, desk: Desk = Depends(get_desk)) -> dict[str, Any]:
    if body.save:
        writer(request, desk)
    return _analyse(desk, body)


@api.get("/api/world.json", tags=["map"], summary="Simplified country outlines (GeoJSON)")
def world() -> Response:
    return Response(world_json(), media_type="application/geo+json",
                    headers={"Cache-Control": "public, max-age=86400"})  # fmt: skip


# -- pages ----------------------------------------------------------------------------------------

pages = APIRouter(include_in_schema=False)


def _page(name: str) -> FileResponse:
    return FileResponse(STATIC / name, media_type="text/html")


@pages.get("/")
def index() -> FileResponse:
    return _page("index.html")


@pages.get("/events/{event_id}")
def event_page(event_id: str) -> FileResponse:
    return _page("event.html")


@pages.get("/analyse")
def analyse_page() -> FileResponse:
    return _page("analyse.html")


@pages.get("/api/docs")
def docs_page() -> FileResponse:
    return _page("docs.html")


# -- the app --------------------------------------------------------------------------------------


def _heartbeat(db_path: str, stop: threading.Event) -> None:
    """Keep the reader flag fresh while the server runs: writers then let go of the file between batches."""
    while not stop.is_set():
        mark_reader(db_path)
        stop.wait(READER_FRESH / 3)


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    desk: Desk = app.state.desk
    stop = threading.Event()
    threading.Thread(target=_heartbeat, args=(desk.db_path, stop), name="eventwire-reader-flag", daemon=True).start()
    yield
    stop.set()
    desk.close()


def create_app(
    *, db_path: str | Path, allow_writes: bool = False, token: str | None = None, settings: Settings | None = None,
    idle_close: float = 2.0, busy_wait: float = 5.0,
) -> FastAPI:
    """Build the web app over the store at ``db_path``.

    The routes are the module's ``api`` and ``pages`` routers; each request finds the store, the
    settings and whether writes are allowed in ``app.state.desk`` (see ``get_desk``).

    Args:
        idle_close: seconds without a request after which the store file is closed (and free for
            another process to write).
        busy_wait: seconds a request waits for a store another process is writing before it is
            answered 503 ``store_busy``.

    Raises:
        StoreError: there is no store at ``db_path``.
        ConfigError: writes are allowed without a token.
    """
    if not Path(db_path).exists():
        raise StoreError(f"no database at {db_path}; create one with `eventwire ingest PATH --db {db_path}`")
    if allow_writes and not token:
        raise ConfigError("writes need a token: pass --token or set EVENTWIRE_TOKEN")
    settings = settings or Settings()
    app = FastAPI(
        lifespan=_lifespan,
        title="eventwire", version=metadata.version("eventwire"),
        description="Political events extracted from news text, each linked to the sentence it came from.",
        docs_url=None, redoc_url=None,  # their pages load scripts from a CDN; /api/docs is offline
    )  # fmt: skip
    app.state.desk = Desk(db_path=str(db_path), allow_writes=allow_writes, token=token, settings=settings,
                          idle_close=idle_close, busy_wait=busy_wait)  # fmt: skip
    app.add_middleware(BodyLimit, max_bytes=settings.max_article_bytes + BODY_OVERHEAD)
    _add_error_handlers(app)
    app.include_router(api)
    app.include_router(pages)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def _stream(desk: Desk, produce: Any, *, media_type: str, filename: str) -> StreamingResponse:
    """Stream ``produce(con)``; the connection is opened now (so a busy store is a 503) and closed at the end."""
    opened = desk.connect()
    con = opened.__enter__()

    def body() -> Iterator[str]:
        try:
            yield from produce(con)
        finally:
            opened.__exit__(None, None, None)

    return StreamingResponse(body(), media_type=media_type,
                             headers={"Content-Disposition": f'attachment; filename="{filename}"'})  # fmt: skip


def _analyse(desk: Desk, body: AnalyseRequest) -> dict[str, Any]:
    from eventwire import pipeline

    raw = RawArticle(text=body.text, title=body.title, published=body.published, source="web")
    # One spaCy pipeline per process, loaded on first use; it is not meant to be run from two threads.
    with desk.extract_lock:
        try:
            extraction = pipeline.extract(raw, settings=desk.settings)
        except InputError as exc:
            raise ApiError(422, "unprocessable_text", exc.reason) from None
        saved = None
        if body.save:
            with _write_store(desk) as store:
                summary = pipeline.ingest([raw], store=store, settings=desk.settings, command="serve analyse")
            saved = {"article_id": extraction.article.id, "events": summary.events,
                     "already_stored": summary.skipped > 0}  # fmt: skip
    result = {
        "article": to_dict(extraction.article),
        "events": [to_dict(e) for e in extraction.events],
        "places": [to_dict(p) for p in extraction.places],
        "timexes": [to_dict(t) for t in extraction.timexes],
        "quotes": [to_dict(q) for q in extraction.quotes],
    }
    result["marks"] = article_marks(result)
    result["saved"] = saved
    return result


@contextmanager
def _write_store(desk: Desk) -> Iterator[Any]:
    from eventwire.store import Store

    try:
        store = Store(desk.db_path, lock_wait=desk.busy_wait)
    except StoreError as exc:
        if "lock" in str(exc).lower():
            raise ApiError(503, "store_busy", BUSY, headers={"Retry-After": "2"}) from exc
        raise
    try:
        yield store
    finally:
        store.close()


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, detail=exc.detail, headers=exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400 and exc.detail == "There was an error parsing the body":
            # FastAPI's answer to a body that is not UTF-8 (bad JSON is already a 422): say what to fix.
            return error_response(422, "invalid_parameter", "body: not valid JSON in UTF-8")
        codes = {404: "not_found", 405: "method_not_allowed"}
        message = f"no route {request.url.path}" if exc.status_code == 404 else str(exc.detail)
        return error_response(exc.status_code, codes.get(exc.status_code, "http_error"), message,
                              headers=getattr(exc, "headers", None))  # fmt: skip

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        detail = [{"location": ".".join(str(p) for p in e.get("loc", ())), "message": e.get("msg"),
                   "type": e.get("type")} for e in exc.errors()]  # fmt: skip
        message = "; ".join(f"{d['location']}: {d['message']}" for d in detail)
        return error_response(422, "invalid_parameter", message, detail=detail)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        return error_response(500, "store_error", str(exc))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> JSONResponse:
        log.exception("%s %s failed", request.method, request.url.path)
        return error_response(500, "internal_error", f"internal error ({type(exc).__name__}); see the server log")
