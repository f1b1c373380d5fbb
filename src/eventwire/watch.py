"""Poll news feeds and ingest the new articles they link to, round after round.

One round (``poll``): fetch each feed, conditionally (a feed that answers 304 costs nothing); read
its entries; drop the URLs already fetched, stored or rejected; fetch the new pages politely and run
them through ``pipeline.ingest`` (one store transaction per batch; exact and near duplicate texts
are not extracted again); then record, in one transaction, each feed's new state (ETag,
Last-Modified) and the outcome of each page. A feed's new ETag is recorded only after all its new
pages are stored, so a run killed at any point leaves a store that the next run completes to
exactly what an uninterrupted run gives: pages stored before the kill are recognised by their URL,
the rest are fetched again. A feed that is down or malformed is logged and tried again next round.
A page that cannot be fetched or read becomes a stored rejection (stage ``fetch``) and is not
fetched again.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence
from urllib.parse import urlsplit

from eventwire.dedup import Duplicate
from eventwire.errors import FetchError, InputError, StoreError
from eventwire.feeds import FeedEntry, Fetcher, Stopped, fetch_article, parse_feed
from eventwire.model import Extraction, RawArticle, Rejection
from eventwire.settings import Settings
from eventwire.store import WRITER_LOCK_WAIT, Store

log = logging.getLogger(__name__)


def read_feed_list(path: str | Path) -> list[str]:
    """Read a feeds file: one feed URL per line; blank lines and lines starting with ``#`` are ignored.

    Raises:
        InputError: the file cannot be read, a line is not an http(s) URL, or there is no feed.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read feeds file {path}: {exc}") from None
    feeds: list[str] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        url = line.strip()
        if not url or url.startswith("#"):
            continue
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise InputError(f"{path}:{lineno}: not an http(s) feed URL: {url!r}")
        if url not in feeds:
            feeds.append(url)
    if not feeds:
        raise InputError(f"{path} lists no feed; write one feed URL per line")
    return feeds


@dataclass(slots=True)
class PollSummary:
    """What one or more rounds did."""

    rounds: int = 0
    feeds: int = 0
    unchanged: int = 0  # answered 304 Not Modified
    failed: int = 0  # down or malformed, tried again next round
    new_pages: int = 0
    articles: int = 0
    duplicates: int = 0
    skipped: int = 0  # same text as a stored article
    rejections: int = 0
    events: int = 0
    stopped: bool = False
    rejected: list[Rejection] = field(default_factory=list)

    def add(self, other: PollSummary) -> None:
        """Add another summary's counts to this one."""
        for name in ("rounds", "feeds", "unchanged", "failed", "new_pages", "articles", "duplicates",
                     "skipped", "rejections", "events"):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.stopped = self.stopped or other.stopped

    def line(self) -> str:
        """Return a one-line account, e.g. for the end of ``eventwire watch``."""
        parts = [f"{self.rounds:,} round{'s' if self.rounds != 1 else ''}", f"{self.feeds:,} feeds polled"]
        if self.unchanged:
            parts.append(f"{self.unchanged:,} unchanged")
        if self.failed:
            parts.append(f"{self.failed:,} failed")
        parts += [f"{self.new_pages:,} new pages", f"{self.articles:,} articles", f"{self.events:,} events"]
        if self.duplicates or self.skipped:
            parts.append(f"{self.duplicates + self.skipped:,} duplicates")
        parts.append(f"{self.rejections:,} rejected")
        return ", ".join(parts)


def poll(
    feeds: Sequence[str], *, store: Store, settings: Settings, fetcher: Fetcher,
    on_item: Callable[[Any], None] | None = None,
) -> PollSummary:  # fmt: skip
    """Poll every feed once and ingest the new pages they link to (see the module docstring).

    Stops early, keeping what was fetched, when ``fetcher.stop`` is set.
    """
    stop = fetcher.stop
    summary = PollSummary(rounds=1)
    now = _now()
    states = store.feed_states(feeds)
    store.release()  # the feeds are fetched with the file free for `serve` to read
    done_rows: list[dict[str, Any]] = []  # feed states to record whatever happens to the pages
    held_rows: dict[str, dict[str, Any]] = {}  # recorded only once all the feed's new pages are stored
    links: dict[str, tuple[str, FeedEntry]] = {}
    for feed in feeds:
        if stop.is_set():
            summary.stopped = True
            break
        state = states.get(feed, {})
        row = {"url": feed, "etag": state.get("etag"), "last_modified": state.get("last_modified"),
               "last_polled": now, "failures": state.get("failures") or 0, "entries": state.get("entries")}  # fmt: skip
        try:
            resp = fetcher.get(feed, max_bytes=settings.max_feed_bytes, etag=row["etag"],
                               last_modified=row["last_modified"])  # fmt: skip
            if resp.status == 304:
                summary.feeds += 1
                summary.unchanged += 1
                done_rows.append({**row, "last_status": 304, "last_error": None, "failures": 0})
                continue
            entries = parse_feed(resp.body, url=resp.url)
        except Stopped:
            summary.stopped = True
            break
        except InputError as exc:
            summary.feeds += 1
            status = exc.status if isinstance(exc, FetchError) else 200
            log.warning("feed %s: %s; trying again next round", feed, exc.reason)
            summary.failed += 1
            done_rows.append({**row, "last_status": status, "last_error": exc.reason, "failures": row["failures"] + 1})
            continue
        except Exception as exc:  # noqa: BLE001 - one feed that trips a bug must not stop the others
            log.exception("reading feed %s failed", feed)
            summary.feeds += 1
            summary.failed += 1
            done_rows.append({**row, "last_status": None, "last_error": f"internal error ({type(exc).__name__}: {exc})",
                              "failures": row["failures"] + 1})  # fmt: skip
            continue
        summary.feeds += 1
        held_rows[feed] = {**row, "etag": resp.headers.get("ETag"), "last_modified": resp.headers.get("Last-Modified"),
                           "last_status": 200, "last_error": None, "failures": 0, "entries": len(entries)}  # fmt: skip
        for entry in entries:
            links.setdefault(entry.url, (feed, entry))
    seen = store.seen_urls(links)
    store.release()
    new = [(url, feed, entry) for url, (feed, entry) in links.items() if url not in seen]
    fetched: list[dict[str, Any]] = [  # already recorded ones are kept as they are
        {"url": url, "feed_url": feed, "outcome": seen[url], "fetched_at": now}
        for url, (feed, _) in links.items() if url in seen
    ]  # fmt: skip
    outcomes: dict[str, str] = {}
    attempted: list[tuple[str, str]] = []

    def pages() -> Iterator[RawArticle | Rejection]:
        for url, feed, entry in new:
            if stop.is_set():
                summary.stopped = True
                return
            try:
                item: RawArticle | Rejection = fetch_article(entry, fetcher=fetcher)
            except Stopped:
                summary.stopped = True
                return
            except InputError as exc:
                item = Rejection(article_id=None, source=url, stage="fetch", reason=exc.reason)
            except Exception as exc:  # noqa: BLE001 - one page that trips a bug must not stop the watch
                log.exception("fetching %s failed", url)
                item = Rejection(article_id=None, source=url, stage="fetch",
                                 reason=f"internal error ({type(exc).__name__}: {exc}); please report it with this page")  # fmt: skip
            attempted.append((url, feed))
            summary.new_pages += 1
            yield item

    def note(item: Any) -> None:
        _count(summary, item, outcomes)
        if on_item:
            on_item(item)

    if new:
        from eventwire.pipeline import ingest

        ingest(pages(), store=store, settings=settings, command="watch", on_item=note)
    # every page yielded above is now stored: record it, and the state of each feed all of whose
    # new pages were attempted
    fetched += [{"url": url, "feed_url": feed, "outcome": outcomes.get(url, "stored"), "fetched_at": now}
                for url, feed in attempted]  # fmt: skip
    done = set(attempted)
    unfinished = {feed for url, feed, _ in new if (url, feed) not in done}
    complete = [row for feed, row in held_rows.items() if feed not in unfinished]
    store.record_poll(feeds=done_rows + complete, fetched=fetched)
    return summary


def _count(summary: PollSummary, item: Any, outcomes: dict[str, str]) -> None:
    if isinstance(item, Extraction):
        summary.articles += 1
        summary.events += len(item.events)
        outcomes[item.article.source or ""] = "article"
    elif isinstance(item, Duplicate):
        summary.duplicates += 1
        outcomes[item.article.source or ""] = f"duplicate of {item.original_id}"
    elif isinstance(item, Rejection):
        summary.rejections += 1
        summary.rejected.append(item)
        outcomes[item.source or ""] = f"rejected at {item.stage}: {item.reason}"
    else:  # an Article whose text is already stored
        summary.skipped += 1
        outcomes[item.source or ""] = f"same text as {item.id}"


def watch(
    feeds: Sequence[str], *, db: str | Path, settings: Settings, every: float, once: bool = False,
    stop: threading.Event | None = None, on_round: Callable[[PollSummary], None] | None = None,
    on_item: Callable[[Any], None] | None = None,
) -> PollSummary:  # fmt: skip
    """Poll ``feeds`` every ``every`` seconds until ``stop`` is set (or once), storing into ``db``.

    The store is open only while a round reads or writes it (one batch at a time), so other
    commands can read it in between.
    """
    stop = stop or threading.Event()
    fetcher = Fetcher(settings=settings, stop=stop)
    total = PollSummary()
    while not stop.is_set():
        try:
            store = Store(db, lock_wait=min(WRITER_LOCK_WAIT, every))
        except StoreError as exc:
            if total.rounds == 0:  # a store that cannot be opened at all is the user's to fix
                raise
            # e.g. another process holds the file's lock for a moment: the next round will do
            log.warning("%s; skipping this round", exc)
        else:
            store.lock_wait = WRITER_LOCK_WAIT  # the round opens it again after each batch
            with store:
                summary = poll(feeds, store=store, settings=settings, fetcher=fetcher, on_item=on_item)
            total.add(summary)
            if on_round:
                on_round(summary)
        if once or stop.wait(every):
            break
    total.stopped = stop.is_set()
    return total


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
