"""Time the web API's main requests on a store of 100,000 events.

Usage: python bench/serve_latency.py [--events 100000] [--repeat 30] [--db /tmp/serve-bench.duckdb]

Builds the store by running the real pipeline on examples/ and the shared NATO example, then copies
those real event mentions in SQL until there are ``--events`` merged events, each copy a lone
mention of its own event, with another type, a date spread over ten years and a position moved up
to a few degrees. Then it sends each request
``--repeat`` times through the app in-process (a fresh read-only DuckDB connection per request, as
when serving) and prints p50 and p99 in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_EXAMPLE = ROOT.parent / "shared" / "examples" / "nato-iraq-training-mission.jsonl"

REQUESTS = (
    ("list, newest first", "/api/events?limit=50&order=desc"),
    ("list, type + year", "/api/events?limit=50&type=ASSAULT&since=2019-01-01&until=2019-12-31"),
    ("list, country + actor", "/api/events?limit=50&country=IRQ&actor=united"),
    ("list, sentence text", "/api/events?limit=50&q=drone"),
    ("list, bounding box", "/api/events?limit=50&bbox=40,30,50,40"),
    ("list, page via cursor", None),
    ("counts per month by type", "/api/counts?interval=month&by=type"),
    ("counts per day, filtered", "/api/counts?interval=day&type=PROTEST&since=2020-01-01&until=2020-12-31"),
    ("map clusters, world", "/api/map?cell=8"),
    ("map clusters, fine", "/api/map?cell=0.25&bbox=30,20,60,45"),
    ("one event", None),
    ("GeoJSON, one type", "/api/events.geojson?type=ASSAULT"),
    ("CSV, one country", "/api/events.csv?country=KEN"),
)


def build(path: Path, events: int) -> None:
    from eventwire.ingest import read_inputs
    from eventwire.pipeline import ingest
    from eventwire.settings import Settings
    from eventwire.store import Store

    settings = Settings()
    with Store(path) as store:
        ingest(read_inputs([str(ROOT / "examples"), str(SHARED_EXAMPLE)]), store=store, settings=settings)
        multiply(store, events)


def fresh_store(path: Path, events: int, *, reuse: bool) -> None:
    """Build the store at ``path`` anew (``build``), or, with ``reuse``, take it as it is."""
    if reuse:
        return
    path.unlink(missing_ok=True)
    started = time.perf_counter()
    build(path, events)
    print(f"built {path} in {time.perf_counter() - started:.1f}s", file=sys.stderr)


def multiply(store, events: int) -> None:
    """Copy the store's real mentions in SQL until it holds ``events`` merged events."""
    real = store.con.execute("SELECT count(*) FROM merged_events").fetchone()[0]
    mentions = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
    wanted = events - real
    copies = -(-wanted // mentions)
    # Each copy is a lone mention of its own merged event, with the merged event's id as
    # ``merge.merged_id`` derives it (a hash of the mention id).
    store.con.execute(
        """INSERT INTO events
        SELECT e.* REPLACE (
            substr(md5(e.id || ':' || r.i), 1, 16) AS id,
            substr(sha256('merged' || chr(31) || substr(md5(e.id || ':' || r.i), 1, 16)), 1, 16) AS merged_id,
            (['AGREE','CONSULT','SUPPORT','CONCEDE','COOPERATE','AID','RETREAT','REQUEST','ACCUSE',
              'REJECT','THREATEN','PROTEST','SANCTION','MOBILIZE','COERCE','ASSAULT'])
                [CAST(1 + hash(e.id, r.i, 'type') % 16 AS BIGINT)] AS event_type,
            strftime(DATE '2015-01-01' + CAST(hash(e.id, r.i, 'day') % 3650 AS INTEGER), '%Y-%m-%d') AS date,
            'day' AS date_precision,
            DATE '2015-01-01' + CAST(hash(e.id, r.i, 'day') % 3650 AS INTEGER) AS date_start,
            DATE '2015-01-01' + CAST(hash(e.id, r.i, 'day') % 3650 AS INTEGER) AS date_end,
            CASE WHEN e.location IS NULL THEN NULL ELSE struct_pack(
                name := e.location.name, country := e.location.country, admin1 := e.location.admin1,
                lat := least(89.0, greatest(-89.0, e.location.lat + (hash(e.id, r.i, 'lat') % 600) / 100.0 - 3)),
                lon := least(179.0, greatest(-179.0, e.location.lon + (hash(e.id, r.i, 'lon') % 600) / 100.0 - 3)),
                geonameid := e.location.geonameid, precision := e.location.precision,
                basis := e.location.basis) END AS location)
        FROM events e, range(?) r(i) ORDER BY r.i, e.id LIMIT ?""",
        [copies, wanted],
    )
    store.con.execute(
        """INSERT INTO merged_events
        SELECT merged_id, event_type, mode, context, cameo, status, source, target, date, date_precision,
               date_basis, date_start, date_end, location, confidence, 1, 1, 1, id, now()
        FROM events WHERE merged_id NOT IN (SELECT id FROM merged_events)"""
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--db", type=Path, default=Path("/tmp/serve-bench.duckdb"))
    args = parser.parse_args()
    if args.db.exists():
        args.db.unlink()
    started = time.perf_counter()
    build(args.db, args.events)
    print(f"built {args.db} in {time.perf_counter() - started:.1f}s", file=sys.stderr)

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
        from fastapi.testclient import TestClient
    from eventwire.web.app import create_app

    with TestClient(create_app(db_path=args.db)) as client:
        info = client.get("/api").json()
        first = client.get("/api/events", params={"limit": 50}).json()
        pages = [first["next_cursor"]]
        for _ in range(4):
            pages.append(client.get("/api/events", params={"limit": 50, "cursor": pages[-1]}).json()["next_cursor"])
        one = first["events"][0]["id"]
        print(f"{info['events']:,} events ({info['mentions']:,} mentions), {info['articles']:,} articles; "
              f"{args.repeat} requests each")
        print(f"{'request':<28} {'p50 ms':>8} {'p99 ms':>8} {'bytes':>10}")
        for name, url in REQUESTS:
            if name == "list, page via cursor":
                url = f"/api/events?limit=50&cursor={pages[-1]}"
            elif name == "one event":
                url = f"/api/events/{one}"
            times, size = [], 0
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200, response.text
                size = len(response.content)
            times.sort()
            p99 = times[min(len(times) - 1, round(0.99 * (len(times) - 1)))]
            print(f"{name:<28} {statistics.median(times):>8.1f} {p99:>8.1f} {size:>10,}")


if __name__ == "__main__":
    main()
