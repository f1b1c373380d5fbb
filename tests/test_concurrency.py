"""`eventwire serve` keeps answering while `ingest` and `watch` write to its store.

DuckDB lets one process write a file and no other process open it meanwhile. So: a writer holds the
file only while it writes one batch (one transaction) and lets go of it while it extracts the next;
a writer that finds the file held waits for it and leaves a flag beside it; the server sees the flag
and lets go of the file as soon as the requests under way are done; requests that come while the
writer holds the file wait for it, up to ``busy_wait`` seconds, then get 503 ``store_busy`` with
``Retry-After``. This test runs the real processes against one file, with a client reading in a
loop, and checks what the client saw.
"""

from __future__ import annotations

import functools
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from news_pages import STORIES, page, rss
from test_crash_safety import _write_corpus

EVENTWIRE = str(Path(sys.executable).with_name("eventwire"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class Reader(threading.Thread):
    """Read ``/api`` and a page of events in a loop; keep every answer and how long it took."""

    def __init__(self, port: int) -> None:
        super().__init__(daemon=True)
        self.port, self.stop, self.seen = port, threading.Event(), []

    def run(self) -> None:
        con = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        paths = ["/api", "/api/events?limit=5&order=desc"]
        n = 0
        while not self.stop.is_set():
            path = paths[n % 2]
            n += 1
            start = time.monotonic()
            con.request("GET", path)
            response = con.getresponse()
            body = response.read()
            self.seen.append((path, response.status, {k.lower(): v for k, v in response.getheaders()}, body, time.monotonic() - start))
            time.sleep(0.02)
        con.close()


def test_serve_answers_every_read_while_ingest_and_watch_write_its_store(tmp_path, web_db):
    import duckdb

    db = tmp_path / "shared.duckdb"
    shutil.copy(web_db, db)
    with duckdb.connect(str(db), read_only=True) as con:
        base_ids = {r[0] for r in con.execute("SELECT id FROM articles").fetchall()}
        base_mentions = con.execute("SELECT count(*) FROM events").fetchone()[0]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _write_corpus(corpus, n=30)
    site = tmp_path / "site"
    (site / "news").mkdir(parents=True)
    for key in STORIES:
        (site / "news" / f"{key}.html").write_text(page(key), encoding="utf-8")
    handler = functools.partial(QuietHandler, directory=str(site))
    pages = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=pages.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{pages.server_address[1]}"
    (site / "rss.xml").write_text(rss(base, list(STORIES)), encoding="utf-8")
    (tmp_path / "feeds.txt").write_text(base + "/rss.xml\n", encoding="utf-8")

    port = free_port()
    server = subprocess.Popen([EVENTWIRE, "serve", "--db", str(db), "--port", str(port)], stderr=subprocess.PIPE, text=True)
    reader = Reader(port)
    try:
        assert "serving" in server.stderr.readline()
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.05)
        reader.start()
        time.sleep(0.5)
        env = {**os.environ, "EVENTWIRE_FETCH_DELAY": "0", "EVENTWIRE_BATCH_SIZE": "2"}
        ingest = subprocess.run([EVENTWIRE, "ingest", str(corpus), "--db", str(db)], env=env,
                                capture_output=True, text=True, timeout=300)  # fmt: skip
        assert ingest.returncode == 0, ingest.stderr
        time.sleep(0.5)
        watch = subprocess.run([EVENTWIRE, "watch", str(tmp_path / "feeds.txt"), "--db", str(db), "--once"], env=env,
                               capture_output=True, text=True, timeout=300)  # fmt: skip
        assert watch.returncode == 0, watch.stderr
        assert "skipping" not in watch.stderr
        time.sleep(1.0)
    finally:
        reader.stop.set()
        reader.join(timeout=60)
        server.terminate()
        server.wait(timeout=30)
        pages.shutdown()

    # What a reader may see: the store before the runs, then after each of their batches, in order.
    with duckdb.connect(str(db), read_only=True) as con:
        batches = con.execute(
            "SELECT a.ingested_at, count(DISTINCT a.id), count(e.id) FROM articles a "
            "LEFT JOIN events e ON e.article_id = a.id WHERE a.id NOT IN (SELECT unnest(?)) "
            "GROUP BY a.ingested_at ORDER BY a.ingested_at", [sorted(base_ids)],
        ).fetchall()  # fmt: skip
    states = [(len(base_ids), base_mentions)]
    for _, articles, mentions in batches:
        states.append((states[-1][0] + articles, states[-1][1] + mentions))
    assert len(batches) >= 15  # 30 stories, a copy and the feed's pages, two to a batch

    seen = reader.seen
    assert len(seen) > 20
    snapshots = []
    for path, status, headers, body, _ in seen:
        assert status == 200, (path, status, body)
        if path == "/api":
            info = json.loads(body)
            assert info["events"] <= info["mentions"]
            snapshots.append((info["articles"], info["mentions"]))
    positions = [states.index(s) if s in states else None for s in snapshots]
    assert None not in positions, f"a read saw a half-written batch: {snapshots[positions.index(None)]} not in {states}"
    assert positions == sorted(positions), "a read saw fewer articles than an earlier one"
    assert positions[-1] == len(states) - 1 and len(set(positions)) > 3, positions  # reads came between batches
    longest = max(took for *_, took in seen)
    assert longest < 5, longest  # a read waits for one batch to be written, not for the run
    print(f"\n{len(seen)} reads, all 200, {len(set(positions))} of {len(states)} store states seen, "
          f"longest wait {longest:.2f} s")


# -- the pieces: a writer waits for the file and says so; the server heeds it ----------------------


def _hold(path: Path, seconds: float) -> subprocess.Popen:
    """Hold ``path`` open for writing in another process for ``seconds``; return once it is held."""
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); "
                               "print('held', flush=True); time.sleep(float(sys.argv[2]))", str(path), str(seconds)],
                              stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert holder.stdout.readline() == "held\n"
    return holder


def test_a_writer_waits_for_a_held_store_and_flags_that_it_waits(tmp_path):
    from eventwire.errors import StoreError
    from eventwire.store import Store, writer_waiting

    path = tmp_path / "held.duckdb"
    Store(path).close()
    holder = _hold(path, 1.5)
    try:
        with pytest.raises(StoreError, match="lock"):
            Store(path, lock_wait=0.2)  # gives up after its wait, with DuckDB's reason
        assert not writer_waiting(path)
        seen = []
        watcher = threading.Thread(target=lambda: [seen.append(writer_waiting(path)) or time.sleep(0.05)
                                                   for _ in range(20)])  # fmt: skip
        watcher.start()
        start = time.monotonic()
        with Store(path, lock_wait=30) as store:
            waited = time.monotonic() - start
            assert store.schema_version() > 0
        watcher.join()
    finally:
        holder.wait(timeout=30)
    assert 0.5 < waited < 10
    assert any(seen), "the waiting writer left no flag"
    assert not writer_waiting(path)  # and took it away once in


def test_a_released_store_is_free_for_another_process_and_opens_again_on_use(tmp_path):
    from eventwire.store import Store

    path = tmp_path / "r.duckdb"
    read = [sys.executable, "-c", "import duckdb, sys; "
            "print(duckdb.connect(sys.argv[1], read_only=True).execute('SELECT count(*) FROM runs').fetchone()[0])", str(path)]  # fmt: skip
    with Store(path) as store:
        store.start_run(command="test", settings={}, versions={})
        held = subprocess.run(read, capture_output=True, text=True)
        assert held.returncode != 0 and "lock" in held.stderr.lower()  # held: no other process may open it
        store.release()
        opened = subprocess.run(read, capture_output=True, text=True)
        assert opened.returncode == 0 and opened.stdout.strip() == "1", opened.stderr
        assert store.counts()["runs"] == 1  # opened again for this use


def test_a_flag_left_by_a_killed_writer_goes_stale(tmp_path):
    from eventwire.store import writer_waiting

    path = tmp_path / "s.duckdb"
    flag = Path(str(path) + ".write-wanted")
    flag.write_text("12345", encoding="utf-8")
    assert writer_waiting(path)
    old = time.time() - 60
    os.utime(flag, (old, old))
    assert not writer_waiting(path)


def test_the_server_lets_go_of_the_store_while_a_writer_waits(tmp_path, web_db, settings):
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
        from fastapi.testclient import TestClient

    from eventwire.web.app import create_app

    path = tmp_path / "w.duckdb"
    shutil.copy(web_db, path)
    flag = Path(str(path) + ".write-wanted")
    with TestClient(create_app(db_path=path, settings=settings, idle_close=60, busy_wait=0.3)) as client:
        assert client.get("/api").status_code == 200
        assert client.app.state.desk.is_open()  # kept open between requests ...
        flag.write_text("1", encoding="utf-8")
        start = time.monotonic()
        response = client.get("/api")  # ... until a writer waits: then given up, and the request waits
        took = time.monotonic() - start
        assert response.status_code == 200 and 0.25 < took < 5  # the writer never came: read after the wait
        flag.unlink()
        client.app.state.desk.close()
        holder = _hold(path, 1.0)  # a writer holds the file: requests wait busy_wait, then 503
        try:
            response = client.get("/api")
            assert response.status_code == 503 and response.json()["error"]["code"] == "store_busy"
            assert response.headers["retry-after"] == "2"
        finally:
            holder.wait(timeout=30)
        assert client.get("/api").status_code == 200


def test_the_events_page_waits_out_a_busy_store_instead_of_showing_an_error(tmp_path, web_db, settings):
    from playwright.sync_api import sync_playwright
    from test_web_browser import ARGS, CHROMIUM, serving

    from eventwire.web.app import create_app

    path = tmp_path / "busy.duckdb"
    shutil.copy(web_db, path)
    busy_answers = []
    with serving(create_app(db_path=path, settings=settings, busy_wait=0.2)) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        holder = _hold(path, 2.5)  # as `eventwire ingest` would, for a few seconds
        try:
            page = browser.new_page()
            page.on("response", lambda r: busy_answers.append(r.url) if r.status == 503 else None)
            page.goto(f"{base}/")
            page.wait_for_function("document.body.dataset.ready", timeout=60_000)
            assert page.query_selector(".error") is None, page.inner_text(".error")
            assert page.query_selector_all("#event-rows tr"), "no events listed"
        finally:
            holder.wait(timeout=30)
            browser.close()
    assert busy_answers, "the store was never busy: the test proved nothing"
