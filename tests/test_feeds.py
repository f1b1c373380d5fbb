"""Feeds and `eventwire watch`, against a real HTTP server on 127.0.0.1 serving pages the tests write."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.errors import FetchError, InputError
from eventwire.feeds import Fetcher, parse_feed
from eventwire.settings import Settings
from eventwire.store import Store
from eventwire.watch import poll, read_feed_list, watch

from news_pages import STORIES, atom, page, rss

FAST = Settings(fetch_delay=0.0, fetch_timeout=0.5, fetch_retries=1, fetch_backoff=0.05)


@dataclass(frozen=True)
class Reply:
    body: bytes = b""
    type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None
    delay: float = 0.0


class Site:
    """A small news site whose replies the test writes; it logs every request it gets."""

    def __init__(self) -> None:
        self.routes: dict[str, list[Reply]] = {}
        self.log: list[tuple[str, dict[str, str], int, float]] = []  # path, headers, status, time
        self.lock = threading.Lock()
        self.base = ""

    def serve(self, path: str, *replies: Reply) -> None:
        """Answer ``path`` with ``replies`` in turn, the last one for ever after."""
        with self.lock:
            self.routes[path] = list(replies)

    def page(self, path: str, key: str) -> None:
        self.serve(path, Reply(page(key).encode()))

    def hits(self, path: str) -> list[tuple[dict[str, str], int]]:
        with self.lock:
            return [(headers, status) for p, headers, status, _ in self.log if p == path]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep connections alive, as real servers do

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        site: Site = self.server.site
        with site.lock:
            replies = site.routes.get(self.path)
            reply = (replies.pop(0) if len(replies) > 1 else replies[0]) if replies else Reply(b"nothing here", status=404)
        unchanged = (reply.etag and self.headers.get("If-None-Match") == reply.etag) or (
            reply.last_modified and self.headers.get("If-Modified-Since") == reply.last_modified)
        status = 304 if unchanged else reply.status
        with site.lock:
            site.log.append((self.path, dict(self.headers), status, time.monotonic()))
        time.sleep(reply.delay)
        try:
            self.send_response(status)
            if reply.etag:
                self.send_header("ETag", reply.etag)
            if reply.last_modified:
                self.send_header("Last-Modified", reply.last_modified)
            if reply.location:
                self.send_header("Location", reply.location)
            if status == 304:
                self.end_headers()
                return
            self.send_header("Content-Type", reply.type)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting, as it should
            pass

    def log_message(self, *args) -> None:
        pass


@pytest.fixture()
def site():
    yield from _running_site()


@pytest.fixture(scope="module")
def module_site():
    yield from _running_site()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a client that hung up is no news
            super().handle_error(request, client_address)


def _running_site():
    server = _Server(("127.0.0.1", 0), _Handler)
    server.site = Site()
    server.site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.site
    server.shutdown()
    server.server_close()


# -- feeds and the fetcher ------------------------------------------------------------------------


def test_rss_and_atom_entries_have_absolute_links_titles_and_dates():
    entries = parse_feed(rss("http://news.test", ["goma", "nairobi"]).encode(), url="http://news.test/rss.xml")
    assert [(e.url, e.title, e.published) for e in entries] == [
        ("http://news.test/news/goma.html", STORIES["goma"][0], dt.date(2024, 5, 6)),
        ("http://news.test/news/nairobi.html", STORIES["nairobi"][0], dt.date(2024, 5, 7)),
    ]
    (entry,) = parse_feed(atom("http://wire.test", ["chad"]).encode(), url="http://wire.test/feeds/atom.xml")
    assert (entry.url, entry.published) == ("http://wire.test/feeds/news/chad.html", dt.date(2024, 5, 8))


@pytest.mark.parametrize("data", [b"this is { not a feed", b"<html><body><p>A web page</p></body></html>", b""])
def test_something_that_is_not_a_feed_is_refused_with_a_reason(data):
    with pytest.raises(InputError, match="not a readable RSS or Atom feed|not an RSS or Atom feed"):
        parse_feed(data, url="http://news.test/feed")


def test_feeds_file_skips_comments_and_blank_lines(tmp_path):
    path = tmp_path / "feeds.txt"
    path.write_text("# world news\nhttp://a.test/rss.xml\n\n  https://b.test/atom.xml  \nhttp://a.test/rss.xml\n")
    assert read_feed_list(path) == ["http://a.test/rss.xml", "https://b.test/atom.xml"]
    path.write_text("http://a.test/rss.xml\nftp://b.test/feed\n")
    with pytest.raises(InputError, match=r"feeds.txt:2: not an http\(s\) feed URL"):
        read_feed_list(path)


def test_fetcher_names_itself_and_retries_server_errors_with_backoff(site):
    site.serve("/flaky", Reply(status=503), Reply(status=500), Reply(b"<p>fine</p>"))
    settings = dataclasses.replace(FAST, fetch_retries=2, fetch_backoff=0.1)
    response = Fetcher(settings=settings).get(site.base + "/flaky", max_bytes=1000)
    assert response.body == b"<p>fine</p>"
    hits = [(h["User-Agent"], s) for h, s in site.hits("/flaky")]
    assert [s for _, s in hits] == [503, 500, 200]
    assert all(agent.startswith("eventwire/") for agent, _ in hits)
    times = [t for p, _, _, t in site.log if p == "/flaky"]
    assert times[1] - times[0] >= 0.1 and times[2] - times[1] >= 0.2  # the wait doubles


def test_response_headers_are_case_insensitive(site):
    site.serve("/a", Reply(b"<p>a</p>", etag='"x1"'))
    headers = Fetcher(settings=FAST).get(site.base + "/a", max_bytes=100).headers
    assert headers.get("etag") == headers.get("ETag") == '"x1"'
    assert headers["content-type"] == "text/html; charset=utf-8"


def test_fetcher_gives_up_on_errors_timeouts_and_oversized_bodies(site):
    site.serve("/down", Reply(status=500))
    site.serve("/slow", Reply(b"<p>late</p>", delay=1.5))
    site.serve("/big", Reply(b"x" * 5000))
    fetcher = Fetcher(settings=FAST)
    with pytest.raises(FetchError, match="HTTP 500, 2 tries") as down:
        fetcher.get(site.base + "/down", max_bytes=1000)
    assert down.value.status == 500
    with pytest.raises(FetchError, match="timed out, 2 tries"):
        fetcher.get(site.base + "/slow", max_bytes=1000)
    with pytest.raises(FetchError, match="over the limit of 1,000"):
        fetcher.get(site.base + "/big", max_bytes=1000)
    with pytest.raises(FetchError, match="HTTP 404"):
        fetcher.get(site.base + "/nowhere", max_bytes=1000)
    assert len(site.hits("/nowhere")) == 1  # a client error is not retried


def test_an_unread_body_does_not_spoil_the_next_request_on_the_connection(site):
    site.serve("/big", Reply(b"x" * 50_000))
    site.serve("/a", Reply(b"<p>a</p>"))
    fetcher = Fetcher(settings=FAST)
    with pytest.raises(FetchError, match="over the limit"):
        fetcher.get(site.base + "/big", max_bytes=100)
    assert fetcher.get(site.base + "/a", max_bytes=100).body == b"<p>a</p>"
    assert len(site.hits("/a")) == 1


def test_fetcher_waits_between_two_requests_to_one_host(site):
    site.serve("/a", Reply(b"a"))
    fetcher = Fetcher(settings=dataclasses.replace(FAST, fetch_delay=0.4))
    for _ in range(3):
        fetcher.get(site.base + "/a", max_bytes=10)
    times = [t for p, _, _, t in site.log if p == "/a"]
    assert min(b - a for a, b in itertools.pairwise(times)) >= 0.4


# -- watching: one scenario over three polls ------------------------------------------------------


@pytest.fixture(scope="module")
def polls(module_site, tmp_path_factory):
    """Poll a news site three times, changing it in between; return the summaries and the store path."""
    site = module_site
    base = site.base
    db = tmp_path_factory.mktemp("watch") / "news.duckdb"
    feeds = [f"{base}/rss.xml", f"{base}/feeds/atom.xml", f"{base}/down.xml", f"{base}/broken.xml"]
    troubles = [("Missing page", f"{base}/news/missing.html"), ("Slow page", f"{base}/news/slow.html"),
                ("Report", f"{base}/files/report.pdf")]  # fmt: skip
    site.serve("/rss.xml", Reply(rss(base, ["goma", "nairobi"], extra=troubles).encode(), type="application/rss+xml"))
    site.serve("/feeds/atom.xml", Reply(atom(base + "/feeds", ["chad"]).encode(), type="application/atom+xml", etag='"v1"'))
    site.serve("/down.xml", Reply(status=500), Reply(status=500),
               Reply(rss(base, ["dakar"]).encode(), type="application/rss+xml"))  # fmt: skip
    site.serve("/broken.xml", Reply(b"<rss><channel><item><title>Half", type="application/rss+xml"))
    for key in ("goma", "nairobi", "dakar"):
        site.page(f"/news/{key}.html", key)
    site.page("/feeds/news/chad.html", "chad")
    site.serve("/news/slow.html", Reply(page("goma").encode(), delay=1.5))
    site.serve("/files/report.pdf", Reply(b"%PDF-1.4 ...", type="application/pdf"))

    def run() -> dict:
        with Store(db) as store:
            summary = poll(feeds, store=store, settings=FAST, fetcher=Fetcher(settings=FAST))
            return {"summary": summary, "articles": store.articles(), "rejections": store.rejections(),
                    "feeds": store.table_arrow("feeds").to_pylist(), "fetched": store.table_arrow("fetched").to_pylist(),
                    "events": len(store.events()), "log": len(site.log)}  # fmt: skip

    first = run()
    # the second poll finds one new story in the RSS feed, and a copy of an old one under a new URL
    site.serve("/rss.xml", Reply(rss(base, ["goma", "nairobi", "dakar"], extra=troubles + [
        ("Convoy attack (copy)", f"{base}/news/goma-copy.html")]).encode(), type="application/rss+xml"))  # fmt: skip
    site.page("/news/goma-copy.html", "goma")
    second = run()
    third = run()
    return {"first": first, "second": second, "third": third, "site": site, "db": db}


def test_first_poll_stores_the_articles_of_every_readable_feed(polls):
    first = polls["first"]
    base = polls["site"].base
    articles = first["articles"].set_index("url")
    assert sorted(articles.index) == [f"{base}/feeds/news/chad.html", f"{base}/news/goma.html", f"{base}/news/nairobi.html"]
    assert articles.loc[f"{base}/news/goma.html", "published"] == dt.date(2024, 5, 6)
    assert "Rebels attacked a convoy near Goma on Monday" in articles.loc[f"{base}/news/goma.html", "text"]
    assert first["events"] > 0
    summary = first["summary"]
    assert (summary.feeds, summary.failed, summary.articles, summary.rejections) == (4, 2, 3, 3)


def test_pages_that_cannot_be_fetched_become_rejections_with_the_reason(polls):
    base = polls["site"].base
    rejections = polls["first"]["rejections"]
    reasons = dict(zip(rejections["source"], rejections["reason"]))
    assert reasons == {f"{base}/news/missing.html": "HTTP 404 Not Found",
                       f"{base}/news/slow.html": "timed out, 2 tries",
                       f"{base}/files/report.pdf": "not an HTML page (application/pdf)"}  # fmt: skip
    assert set(rejections["stage"]) == {"fetch"}


def test_a_feed_that_is_down_or_malformed_is_recorded_and_retried(polls):
    base = polls["site"].base
    first = {f["url"]: f for f in polls["first"]["feeds"]}
    assert (first[f"{base}/down.xml"]["last_status"], first[f"{base}/down.xml"]["failures"]) == (500, 1)
    assert "HTTP 500" in first[f"{base}/down.xml"]["last_error"]
    assert "not a readable RSS or Atom feed" in first[f"{base}/broken.xml"]["last_error"]
    second = {f["url"]: f for f in polls["second"]["feeds"]}
    assert (second[f"{base}/down.xml"]["last_status"], second[f"{base}/down.xml"]["failures"]) == (200, 0)
    assert second[f"{base}/broken.xml"]["failures"] == 2


def test_an_unchanged_feed_is_asked_conditionally_and_answers_304(polls):
    hits = polls["site"].hits("/feeds/atom.xml")
    assert [(h.get("If-None-Match"), status) for h, status in hits] == [(None, 200), ('"v1"', 304), ('"v1"', 304)]
    assert {f["url"]: f["etag"] for f in polls["second"]["feeds"]}[polls["site"].base + "/feeds/atom.xml"] == '"v1"'


def test_second_poll_ingests_only_the_new_story(polls):
    base = polls["site"].base
    second = polls["second"]
    new = set(second["articles"]["url"]) - set(polls["first"]["articles"]["url"])
    assert new == {f"{base}/news/dakar.html"}
    for path in ("/news/goma.html", "/news/missing.html", "/feeds/news/chad.html"):
        assert len(polls["site"].hits(path)) == 1, path
    assert len(polls["site"].hits("/news/slow.html")) == 2  # two tries in the first poll, none after
    assert len(polls["site"].hits("/news/dakar.html")) == 1  # listed by two feeds, fetched once


def test_a_copy_under_a_new_url_is_fetched_once_and_not_extracted_again(polls):
    base = polls["site"].base
    second = polls["second"]
    assert f"{base}/news/goma-copy.html" not in set(second["articles"]["url"])
    assert (second["summary"].articles, second["summary"].skipped) == (1, 1)
    outcome = {f["url"]: f["outcome"] for f in second["fetched"]}[f"{base}/news/goma-copy.html"]
    goma_id = second["articles"].set_index("url").loc[f"{base}/news/goma.html", "id"]
    assert outcome == f"same text as {goma_id}"
    assert len(polls["site"].hits("/news/goma-copy.html")) == 1


def test_a_redirected_page_keeps_the_feed_url_as_source_and_the_final_url(site, tmp_path):
    site.serve("/rss.xml", Reply(rss(site.base, [], extra=[("Moved", site.base + "/short/1")]).encode()))
    site.serve("/short/1", Reply(status=301, location="/news/chad.html"))
    site.page("/news/chad.html", "chad")
    with Store(tmp_path / "r.duckdb") as store:
        poll([site.base + "/rss.xml"], store=store, settings=FAST, fetcher=Fetcher(settings=FAST))
        (article,) = store.articles().to_dict("records")
        assert store.seen_urls([site.base + "/short/1"]) == {site.base + "/short/1": "article"}
    assert (article["source"], article["url"]) == (site.base + "/short/1", site.base + "/news/chad.html")


def test_a_feed_with_only_last_modified_is_asked_if_modified_since(site, tmp_path):
    stamp = "Wed, 08 May 2024 10:00:00 GMT"
    site.serve("/rss.xml", Reply(rss(site.base, ["dakar"]).encode(), last_modified=stamp))
    site.page("/news/dakar.html", "dakar")
    feeds = [site.base + "/rss.xml"]
    with Store(tmp_path / "lm.duckdb") as store:
        first = poll(feeds, store=store, settings=FAST, fetcher=Fetcher(settings=FAST))
        second = poll(feeds, store=store, settings=FAST, fetcher=Fetcher(settings=FAST))
        (state,) = store.table_arrow("feeds").to_pylist()
    assert [(h.get("If-Modified-Since"), status) for h, status in site.hits("/rss.xml")] == [(None, 200), (stamp, 304)]
    assert (first.articles, second.unchanged, second.new_pages) == (1, 1, 0)
    assert (state["last_modified"], state["etag"], state["last_status"]) == (stamp, None, 304)


def test_a_poll_with_nothing_new_fetches_no_page(polls):
    third = polls["third"]
    pages_requested = [p for p, *_ in polls["site"].log[polls["second"]["log"]:] if "/news/" in p or "/files/" in p]
    assert pages_requested == []
    assert (third["summary"].new_pages, len(third["articles"])) == (0, len(polls["second"]["articles"]))


def test_a_poll_killed_before_recording_its_state_is_completed_without_duplicates(site, tmp_path):
    """Forgetting the feed state (as a kill between the page batches and the state write would)
    makes the next poll fetch the feed again but store nothing twice."""
    site.serve("/rss.xml", Reply(rss(site.base, ["goma", "nairobi"], extra=[("Copy", site.base + "/copy")]).encode()))
    for key in ("goma", "nairobi"):
        site.page(f"/news/{key}.html", key)
    site.page("/copy", "goma")
    db = tmp_path / "k.duckdb"
    feeds = [site.base + "/rss.xml"]
    with Store(db) as store:
        poll(feeds, store=store, settings=FAST, fetcher=Fetcher(settings=FAST))
        before = {t: store.table_arrow(t).drop_columns(_volatile(t)).sort_by(_key(t)) for t in _TABLES}
        store.con.execute("DELETE FROM feeds")
        store.con.execute("DELETE FROM fetched")
        poll(feeds, store=store, settings=FAST, fetcher=Fetcher(settings=FAST))
        after = {t: store.table_arrow(t).drop_columns(_volatile(t)).sort_by(_key(t)) for t in _TABLES}
    assert after == before
    assert [p for p, *_ in site.log].count("/news/goma.html") == 1
    assert [p for p, *_ in site.log].count("/copy") == 2  # its text matched a stored one: only fetched marks it


_TABLES = ("articles", "events", "merged_events", "quotes", "places", "timexes", "rejections", "duplicates", "feeds",
           "fetched")  # fmt: skip


def _volatile(table: str) -> list[str]:
    return {"articles": ["run_id", "ingested_at"], "rejections": ["run_id", "rejected_at"],
            "duplicates": ["run_id", "detected_at"], "feeds": ["last_polled"], "fetched": ["fetched_at"],
            "merged_events": ["updated_at"]}.get(table, [])  # fmt: skip


def _key(table: str) -> str:
    return "url" if table in ("feeds", "fetched") else "id" if table != "duplicates" else "article_id"


def test_watch_skips_a_round_while_another_process_locks_the_store(site, tmp_path, caplog):
    site.serve("/rss.xml", Reply(rss(site.base, []).encode()))
    db = tmp_path / "locked.duckdb"
    stop = threading.Event()
    rounds = []
    locker = None

    def on_round(summary) -> None:
        nonlocal locker
        rounds.append(summary)
        if len(rounds) == 1:  # hold the file's lock for a while, as `eventwire events` would
            locker = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); "
                                       "print('locked', flush=True); time.sleep(1.0)", str(db)],
                                      stdout=subprocess.PIPE, text=True)  # fmt: skip
            assert locker.stdout.readline() == "locked\n"
        else:
            stop.set()

    try:
        watch([site.base + "/rss.xml"], db=db, settings=FAST, every=0.3, stop=stop, on_round=on_round)
    finally:
        if locker is not None:
            locker.wait(timeout=30)
    assert len(rounds) == 2
    assert any("skipping this round" in r.getMessage() for r in caplog.records)


# -- the command ----------------------------------------------------------------------------------


def test_watch_once_polls_and_prints_a_summary(site, tmp_path, monkeypatch):
    site.serve("/rss.xml", Reply(rss(site.base, ["nairobi"]).encode()))
    site.page("/news/nairobi.html", "nairobi")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# one feed\n{site.base}/rss.xml\n")
    db = tmp_path / "w.duckdb"
    monkeypatch.setenv("EVENTWIRE_FETCH_TIMEOUT", "2")
    result = CliRunner().invoke(main, ["watch", str(feeds), "--db", str(db), "--once", "--fetch-delay", "0"])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("1 round, 1 feeds polled, 1 new pages, 1 articles")
    with Store(db) as store:
        assert list(store.articles()["url"]) == [site.base + "/news/nairobi.html"]


def test_export_writes_the_state_of_the_feeds(site, tmp_path):
    site.serve("/rss.xml", Reply(status=404))
    db = tmp_path / "e.duckdb"
    with Store(db) as store:
        poll([site.base + "/rss.xml"], store=store, settings=FAST, fetcher=Fetcher(settings=FAST))
    out = tmp_path / "feeds.jsonl"
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--table", "feeds", "--format", "jsonl", "--out", str(out)])
    assert result.exit_code == 0, result.output
    (row,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert (row["url"], row["last_status"], row["last_error"], row["failures"]) == (
        site.base + "/rss.xml", 404, "HTTP 404 Not Found", 1)


@pytest.mark.parametrize("args, code, message", [
    (["--every", "10x"], 2, "not a duration like 30s, 15m or 1h"),
    (["--every", "0s"], 2, "must be more than zero"),
])  # fmt: skip
def test_watch_refuses_a_bad_interval(tmp_path, args, code, message):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("http://127.0.0.1:9/rss.xml\n")
    result = CliRunner().invoke(main, ["watch", str(feeds), *args])
    assert result.exit_code == code and message in result.output


def test_watch_refuses_a_feeds_file_without_feeds(tmp_path):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("# nothing yet\n\n")
    result = CliRunner().invoke(main, ["watch", str(feeds), "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {feeds} lists no feed; write one feed URL per line"


def _start_watch(feeds: Path, db: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "EVENTWIRE_FETCH_DELAY": "0", "EVENTWIRE_FETCH_TIMEOUT": "5"}
    eventwire = Path(sys.executable).with_name("eventwire")
    return subprocess.Popen([str(eventwire), "watch", str(feeds), "--db", str(db), *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip


def test_sigterm_between_polls_stops_watch_at_once(site, tmp_path):
    site.serve("/rss.xml", Reply(rss(site.base, ["nairobi"]).encode()))
    site.page("/news/nairobi.html", "nairobi")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(site.base + "/rss.xml\n")
    proc = _start_watch(feeds, tmp_path / "t.duckdb", "--every", "1h")
    watchdog = threading.Timer(120, proc.kill)  # never hang the suite
    watchdog.start()
    try:
        first_line = proc.stderr.readline()  # printed when the first poll is done
        started = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    finally:
        watchdog.cancel()
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert time.monotonic() - started < 10
    assert " 1 round, 1 feeds polled, 1 new pages, 1 articles" in first_line
    stopping, summary = err.splitlines()
    assert stopping == "SIGTERM: stopping after the current batch"
    assert summary.startswith("stopped: 1 round, 1 feeds polled, 1 new pages, 1 articles")


def test_ctrl_c_stops_watch_cleanly_keeping_what_it_fetched(site, tmp_path):
    keys = ["goma", "nairobi", "chad"]
    site.serve("/rss.xml", Reply(rss(site.base, keys).encode()))
    for key in keys[:-1]:
        site.page(f"/news/{key}.html", key)
    site.serve("/news/chad.html", Reply(page("chad").encode(), delay=1.0))  # Ctrl-C arrives during this one
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(site.base + "/rss.xml\n")
    db = tmp_path / "w.duckdb"
    proc = _start_watch(feeds, db, "--every", "1h")
    try:
        deadline = time.monotonic() + 120
        while not site.hits("/news/chad.html"):
            assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "SIGINT: stopping after the current batch" in err
    assert "stopped: 1 round, 1 feeds polled, 3 new pages, 3 articles" in err
    assert "Traceback" not in err
    with Store(db) as store:
        assert sorted(store.articles()["url"]) == sorted(f"{site.base}/news/{k}.html" for k in keys)
        (feed,) = store.table_arrow("feeds").to_pylist()
        assert feed["last_status"] == 200
        assert len(store.table_arrow("fetched")) == 3


def test_watch_killed_mid_poll_then_rerun_stores_what_an_uninterrupted_run_stores(site, tmp_path, monkeypatch):
    keys = ["goma", "nairobi", "chad", "dakar"]
    extra = [("Copy", site.base + "/copy"), ("Gone", site.base + "/gone"), ("Report", site.base + "/r.pdf")]
    site.serve("/rss.xml", Reply(rss(site.base, keys, extra=extra).encode(), etag='"e1"'))
    site.serve("/feeds/atom.xml", Reply(atom(site.base + "/feeds", ["chad"]).encode()))
    for key in keys:
        site.page(f"/news/{key}.html", key)
    site.page("/feeds/news/chad.html", "chad")
    site.page("/copy", "nairobi")
    site.serve("/r.pdf", Reply(b"%PDF-1.4", type="application/pdf"))
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{site.base}/rss.xml\n{site.base}/feeds/atom.xml\n")

    def run(db: Path, *, kill_at: str | None = None) -> None:
        seen_before = len(site.hits(kill_at)) if kill_at else 0
        proc = _start_watch(feeds, db, "--once", "--fetch-delay", "0")
        try:
            if kill_at is None:
                _, err = proc.communicate(timeout=120)
                assert proc.returncode == 0, err
                return
            deadline = time.monotonic() + 120
            while len(site.hits(kill_at)) == seen_before and time.monotonic() < deadline and proc.poll() is None:
                time.sleep(0.01)
            proc.kill()  # SIGKILL: no chance to clean up
            proc.wait(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()

    def contents(db: Path) -> dict:
        with Store(db) as store:
            return {t: store.table_arrow(t).drop_columns(_volatile(t)).sort_by(_key(t)).to_pylist() for t in _TABLES}

    run(tmp_path / "ref.duckdb")
    expected = contents(tmp_path / "ref.duckdb")
    killed = tmp_path / "killed.duckdb"
    monkeypatch.setenv("EVENTWIRE_BATCH_SIZE", "2")  # several store transactions per poll, to be killed between
    run(killed, kill_at="/news/dakar.html")
    partial = contents(killed)
    assert len(partial["articles"]) == 2 and partial["feeds"] == []  # killed between two batches
    run(killed)
    assert contents(killed) == expected
