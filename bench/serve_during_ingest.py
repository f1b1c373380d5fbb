"""Read latency of `eventwire serve` while `eventwire ingest` writes the same store, on 127.0.0.1.

Usage: python bench/serve_during_ingest.py [--events 100000] [--articles 200] [--batch-size 8]
       [--clients 2] [--db /tmp/serve-load.duckdb] [--reuse]

Builds a store of ``--events`` merged events as ``serve_load.py`` does (or, with ``--reuse``, takes
the one at ``--db``) and works on a copy of it. Writes ``--articles`` short stories of its own to a
folder. Starts ``eventwire serve`` on the copy, and ``--clients`` threads that read ``/api``, the
newest events and the newest articles in a loop, each on a keep-alive connection. It measures reads
for a few seconds with no writer, then runs ``eventwire ingest`` on the stories with batches of
``--batch-size`` into the same file, and measures the reads made meanwhile. Prints p50, p99 and
longest read latency in both phases, answers other than 200, reads that saw fewer articles than an
earlier read, and how long the ingest took with the server reading, against the same ingest into
another copy of the store with no server (but the reader flag a server keeps fresh), run in this
process to time how long the ingest held the file each time it opened it. Exits 1 if any read failed or went backwards.
"""

from __future__ import annotations

import argparse
import http.client
import json
import logging
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

PATHS = ("/api", "/api/events?limit=20&order=desc", "/api/articles?limit=20")
EVENTWIRE = str(Path(sys.executable).with_name("eventwire"))

ACTORS = ("Police", "The army", "Protesters", "Rebels", "The government", "Striking workers", "Militants",
          "Opposition supporters", "Border guards", "Students")  # fmt: skip
ACTS = ("attacked a convoy", "arrested dozens of demonstrators", "clashed with security forces",
        "fired on a checkpoint", "blocked the main road", "detained two journalists", "seized a radio station",
        "marched on the parliament", "shelled a market", "raided a university campus")  # fmt: skip
PLACES = ("Nairobi", "Kabul", "Lagos", "Caracas", "Mosul", "Dhaka", "Bogota", "Tunis", "Khartoum", "Quito")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WORDS = ("council", "harbour", "ministry", "province", "village", "airport", "bridge", "clinic", "district",
         "station", "market", "court", "school", "factory", "embassy", "stadium", "prison", "border")  # fmt: skip


def write_stories(folder: Path, count: int) -> None:
    """Write ``count`` short news stories as .txt files, each different enough not to be a copy."""
    rng = random.Random(7)
    for i in range(count):
        actor, act, place, day = rng.choice(ACTORS), rng.choice(ACTS), rng.choice(PLACES), rng.choice(DAYS)
        filler = " ".join(f"The {rng.choice(WORDS)} near the {rng.choice(WORDS)} was closed for {rng.randint(2, 90)} "
                          f"hours, said official {rng.randint(100, 999)}." for _ in range(4))  # fmt: skip
        text = (f"Report {i}: {actor} in {place}\nPublished: 2025-{1 + i % 12:02d}-{1 + i % 28:02d}\n"
                f"{actor} {act} in {place} on {day}, officials said.\n{filler}\n"
                f"At least {rng.randint(2, 60)} people were hurt, according to report number {5000 + i}.\n")  # fmt: skip
        (folder / f"report-{i:04d}.txt").write_text(text, encoding="utf-8")


class Reader(threading.Thread):
    """Read ``PATHS`` in turn until stopped; keep (start time, path, status, ms, articles seen)."""

    def __init__(self, port: int, offset: int) -> None:
        super().__init__(daemon=True)
        self.port, self.offset, self.stop, self.seen = port, offset, threading.Event(), []

    def run(self) -> None:
        con = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        n = self.offset
        while not self.stop.is_set():
            path = PATHS[n % len(PATHS)]
            n += 1
            start = time.monotonic()
            try:
                con.request("GET", path)
                response = con.getresponse()
                body = response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as exc:
                status, body = type(exc).__name__, b""
                con.close()
                con = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            took = (time.monotonic() - start) * 1000
            articles = json.loads(body)["articles"] if path == "/api" and status == 200 else None
            self.seen.append((start, path, status, took, articles))
        con.close()


class Holds(logging.Handler):
    """Collect how long the store's file was held each time (``Store.release`` logs it)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.ms: list[float] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.msg.startswith("held "):
            self.ms.append(record.args[1])


def ingest_here(stories: Path, db: Path, batch_size: int) -> tuple[float, list[float]]:
    """Ingest in this process, with no server but its reader flag kept fresh (so the writer hands the
    file over between batches, as it does for a server); return the wall time and each hold (ms)."""
    from eventwire.ingest import read_inputs
    from eventwire.pipeline import ingest as run_ingest
    from eventwire.settings import Settings
    from eventwire.store import READER_FRESH, WRITER_LOCK_WAIT, Store, mark_reader

    holds = Holds()
    logger = logging.getLogger("eventwire.store")
    logger.addHandler(holds)
    logger.setLevel(logging.DEBUG)
    done = threading.Event()

    def heartbeat() -> None:
        while not done.is_set():
            mark_reader(db)
            done.wait(READER_FRESH / 3)

    threading.Thread(target=heartbeat, daemon=True).start()
    started = time.monotonic()
    try:
        with Store(db, lock_wait=WRITER_LOCK_WAIT) as store:
            settings = Settings(parse_batch_size=batch_size, write_batch_size=batch_size)
            run_ingest(read_inputs([str(stories)]), store=store, settings=settings)
    finally:
        done.set()
        logger.removeHandler(holds)
    return time.monotonic() - started, sorted(holds.ms)


def ingest(stories: Path, db: Path, batch_size: int) -> float:
    """Run ``eventwire ingest`` and return its wall time in seconds."""
    started = time.monotonic()
    sizes = ["--parse-batch-size", str(batch_size), "--write-batch-size", str(batch_size)]
    done = subprocess.run([EVENTWIRE, *sizes, "ingest", str(stories), "--db", str(db)], capture_output=True,
                          text=True)  # fmt: skip
    if done.returncode != 0:
        sys.exit(f"eventwire ingest failed: {done.stderr}")
    return time.monotonic() - started


def describe(reads: list[tuple]) -> str:
    ms = sorted(r[3] for r in reads)
    if not ms:
        return "no reads"
    p99 = ms[min(len(ms) - 1, round(0.99 * (len(ms) - 1)))]
    return f"{len(ms):>6,} reads  p50 {statistics.median(ms):7.1f} ms  p99 {p99:7.1f} ms  max {ms[-1]:7.1f} ms"


def main() -> None:
    from serve_latency import fresh_store
    from serve_load import start_server

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=200, help="Stories to ingest.")
    parser.add_argument("--batch-size", type=int, default=8, help="Articles per transaction of the ingest.")
    parser.add_argument("--clients", type=int, default=2, help="Reading client connections.")
    parser.add_argument("--idle-seconds", type=float, default=5.0, help="Reads measured before the ingest.")
    parser.add_argument("--db", type=Path, default=Path("/tmp/serve-load.duckdb"))
    parser.add_argument("--reuse", action="store_true", help="Use the store at --db as it is.")
    args = parser.parse_args()
    fresh_store(args.db, args.events, reuse=args.reuse)

    with tempfile.TemporaryDirectory() as tmp:
        work, alone, stories = Path(tmp) / "shared.duckdb", Path(tmp) / "alone.duckdb", Path(tmp) / "stories"
        shutil.copy(args.db, work)
        shutil.copy(args.db, alone)
        stories.mkdir()
        write_stories(stories, args.articles)
        without_server, holds = ingest_here(stories, alone, args.batch_size)

        proc, port = start_server(work)
        readers = [Reader(port, offset=i) for i in range(args.clients)]
        try:
            for reader in readers:
                reader.start()
            time.sleep(args.idle_seconds)
            begun = time.monotonic()
            with_server = ingest(stories, work, args.batch_size)
            ended = time.monotonic()
            time.sleep(1.0)
        finally:
            for reader in readers:
                reader.stop.set()
            for reader in readers:
                reader.join(timeout=120)
            proc.terminate()
            proc.wait(timeout=30)

    reads = [r for reader in readers for r in reader.seen]
    idle = [r for r in reads if r[0] < begun - 0.5]  # the first reads open the file and warm its cache
    during = [r for r in reads if begun <= r[0] < ended]
    failed = [r for r in reads if r[2] != 200]
    backwards = 0
    for reader in readers:
        counts = [r[4] for r in reader.seen if r[4] is not None]
        backwards += sum(1 for earlier, later in zip(counts, counts[1:]) if later < earlier)
    print(f"store: {args.db} ({args.events:,} merged events); {args.articles} stories in batches of "
          f"{args.batch_size}; {args.clients} reading clients on {', '.join(PATHS)}")
    print(f"reads, no writer:     {describe(idle)}")
    print(f"reads, during ingest: {describe(during)}")
    slowest = sorted(during, key=lambda r: -r[3])[:3]
    print("slowest reads during ingest: " + ", ".join(f"{r[1]} {r[3]:.0f} ms at {r[0] - begun:.1f} s" for r in slowest))
    print(f"answers other than 200: {len(failed)}; reads that saw fewer articles than an earlier one: {backwards}")
    print(f"ingest: {with_server:.1f} s with the server reading (eventwire ingest); {without_server:.1f} s with no "
          f"server (in this process), holding the file {len(holds)} times: median {statistics.median(holds):.0f} ms, "
          f"longest {holds[-1]:.0f} ms")  # fmt: skip
    sys.exit(1 if failed or backwards else 0)


if __name__ == "__main__":
    main()
