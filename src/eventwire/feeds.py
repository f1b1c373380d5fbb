"""Fetch RSS/Atom feeds and the article pages they link to, politely.

``Fetcher`` is a small HTTP client for crawling news sites without hurting them: it sends a
User-Agent that names eventwire, waits ``fetch_delay`` seconds between two requests to the same host,
gives up on a connection or read after ``fetch_timeout`` seconds, retries connection errors,
timeouts and HTTP 5xx/429 ``fetch_retries`` times with exponential backoff, asks for feeds
conditionally (``If-None-Match`` / ``If-Modified-Since``), and refuses bodies over a size limit.
``parse_feed`` reads an RSS or Atom document (with feedparser) from bytes fetched that way, and
``fetch_article`` turns an article page into a ``RawArticle``.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from dataclasses import dataclass, replace
from importlib import metadata
from typing import Any, Mapping
from urllib.parse import urljoin, urlsplit

import feedparser
import urllib3

from eventwire.errors import FetchError, InputError
from eventwire.webpage import decode_html, html_article
from eventwire.model import RawArticle
from eventwire.settings import Settings

log = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_MAX_REDIRECTS = 5


class Stopped(Exception):
    """The fetcher was asked to stop while waiting; the request was not made."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Response:
    """A fetched URL: the final URL after redirects, the status (200 or 304), headers and body.

    ``headers`` is case-insensitive, as HTTP header names are.
    """

    url: str
    status: int
    headers: Mapping[str, str]
    body: bytes = b""


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedEntry:
    """One item of a feed: the article's URL, and the title and date the feed gives it."""

    url: str
    title: str | None = None
    published: dt.date | None = None


def user_agent(settings: Settings) -> str:
    """Return the User-Agent to send: the ``user_agent`` setting, else ``eventwire/VERSION``."""
    if settings.user_agent:
        return settings.user_agent
    try:
        version = metadata.version("eventwire")
    except metadata.PackageNotFoundError:
        version = "unknown"
    return f"eventwire/{version} (news event extraction; python-urllib3)"


class Fetcher:
    """A polite HTTP client (see the module docstring). One per process; it is thread-safe.

    Args:
        stop: when set, waits (politeness delay, backoff) end at once with ``Stopped``.
    """

    def __init__(self, *, settings: Settings, stop: threading.Event | None = None):
        self.settings = settings
        self.stop = stop or threading.Event()
        timeout = urllib3.Timeout(connect=settings.fetch_timeout, read=settings.fetch_timeout)
        self._pool = urllib3.PoolManager(timeout=timeout, retries=False)
        self._agent = user_agent(settings)
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def get(self, url: str, *, max_bytes: int, etag: str | None = None,
            last_modified: str | None = None) -> Response:  # fmt: skip
        """Fetch ``url``, following redirects; a 304 comes back as a ``Response`` without body.

        Raises:
            FetchError: not an http(s) URL, an HTTP error, or retries exhausted, or a body over
                ``max_bytes``.
            Stopped: the stop event was set while waiting.
        """
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise FetchError(f"not an http(s) URL: {url!r}", source=url)
        headers = {"User-Agent": self._agent, "Accept-Encoding": "gzip, deflate"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        tries = max(self.settings.fetch_retries, 0) + 1
        problem, status = "", None
        for attempt in range(tries):
            if attempt:
                pause = self.settings.fetch_backoff * 2 ** (attempt - 1)
                log.info("retrying %s in %.1fs (%s)", url, pause, problem)
                if self.stop.wait(pause):
                    raise Stopped(url)
            try:
                return self._once(url, headers=headers, max_bytes=max_bytes)
            except _Retryable as exc:
                problem = exc.reason
                status = exc.status
        raise FetchError(f"{problem}, {tries} tries", source=url, status=status)

    def _once(self, url: str, *, headers: dict[str, str], max_bytes: int) -> Response:
        host = urlsplit(url).netloc.lower()
        self._wait_turn(host)
        retries = urllib3.Retry(total=None, connect=0, read=0, status=0, other=0, redirect=_MAX_REDIRECTS,
                                raise_on_redirect=True, raise_on_status=False)  # fmt: skip
        try:
            resp = self._pool.request("GET", url, headers=headers, preload_content=False, retries=retries)
            consumed = False
            try:
                status = resp.status
                final = _final_url(url, resp)
                if status == 304:
                    return Response(url=final, status=304, headers=urllib3.HTTPHeaderDict(resp.headers))
                if status in _RETRY_STATUSES:
                    raise _Retryable(f"HTTP {status}", status=status)
                if status != 200:
                    raise FetchError(f"HTTP {status} {resp.reason or ''}".rstrip(), source=url, status=status)
                declared = resp.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    raise FetchError(f"body of {int(declared):,} bytes is over the limit of {max_bytes:,}",
                                     source=url, status=status)  # fmt: skip
                body = resp.read(max_bytes + 1)
                if len(body) > max_bytes:
                    raise FetchError(f"body is over the limit of {max_bytes:,} bytes", source=url, status=status)
                consumed = True
                return Response(url=final, status=200, headers=urllib3.HTTPHeaderDict(resp.headers), body=body)
            finally:
                if not consumed:  # never hand a connection with unread bytes back to the pool
                    resp.close()
                resp.release_conn()
        except urllib3.exceptions.MaxRetryError as exc:
            if isinstance(exc.reason, urllib3.exceptions.ResponseError):  # too many redirects
                raise FetchError(f"more than {_MAX_REDIRECTS} redirects", source=url) from None
            raise _Retryable(_describe(exc.reason or exc)) from None
        except urllib3.exceptions.HTTPError as exc:  # a timeout or a broken connection mid-body
            raise _Retryable(_describe(exc)) from None
        finally:
            with self._lock:
                self._last[host] = time.monotonic()

    def _wait_turn(self, host: str) -> None:
        with self._lock:
            last = self._last.get(host)
        if last is None:
            return
        pause = last + self.settings.fetch_delay - time.monotonic()
        if pause > 0 and self.stop.wait(pause):
            raise Stopped(host)


def _final_url(url: str, resp: urllib3.BaseHTTPResponse) -> str:
    """Return the URL a response came from, after the redirects urllib3 followed."""
    for step in reversed(resp.retries.history if resp.retries else ()):
        if step.redirect_location:
            return urljoin(step.url or url, step.redirect_location)
    return url


class _Retryable(Exception):
    def __init__(self, reason: str, *, status: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.status = status


def _describe(exc: BaseException) -> str:
    if isinstance(exc, (urllib3.exceptions.TimeoutError, TimeoutError)):
        return "timed out"
    if isinstance(exc, urllib3.exceptions.NewConnectionError):
        return "cannot connect"
    if isinstance(exc, urllib3.exceptions.NameResolutionError):
        return "unknown host"
    return f"connection error ({type(exc).__name__})"


def parse_feed(data: bytes, *, url: str) -> tuple[FeedEntry, ...]:
    """Return the entries of an RSS or Atom feed, with links made absolute against ``url``.

    A feed with errors (bad XML) that still yields linked entries is read, and the errors logged.

    Raises:
        InputError: the bytes are not a readable feed.
    """
    parsed = feedparser.parse(data)
    problem = parsed.get("bozo_exception")
    entries = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        link = urljoin(url, link.strip())
        if urlsplit(link).scheme not in ("http", "https"):
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        entries.append(FeedEntry(url=link, title=(entry.get("title") or "").strip() or None,
                                 published=_stamp_date(stamp)))  # fmt: skip
    if problem is not None and not entries:
        raise InputError(f"not a readable RSS or Atom feed ({type(problem).__name__}: {problem})", source=url)
    if problem is not None:
        log.warning("feed %s is malformed (%s); read its %d linked entries anyway", url, problem, len(entries))
    elif not parsed.get("version") and not entries:
        raise InputError("not an RSS or Atom feed (no channel or feed element)", source=url)
    return tuple(entries)


def _stamp_date(stamp: Any) -> dt.date | None:
    """Return the day of a feedparser time struct; None for none, or for one outside the calendar."""
    if not stamp:
        return None
    try:
        # feedparser turns "0000-00-00" into year -1, month 11: a date no calendar has.
        return dt.date(*stamp[:3])
    except (ValueError, TypeError, OverflowError):
        return None


def fetch_article(entry: FeedEntry, *, fetcher: Fetcher) -> RawArticle:
    """Fetch an entry's page and extract its main text with trafilatura.

    The article's ``source`` is the entry's URL, its ``url`` the page's URL after redirects, its
    date the one the feed gives, else the one trafilatura finds in the page.

    Raises:
        InputError: the page cannot be fetched (``FetchError``), is not HTML, or has no text.
        Stopped: the fetcher was asked to stop.
    """
    resp = fetcher.get(entry.url, max_bytes=fetcher.settings.max_article_bytes)
    kind = resp.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if kind and kind not in HTML_TYPES:
        raise InputError(f"not an HTML page ({kind})", source=entry.url)
    html = decode_html(resp.body, content_type=resp.headers.get("Content-Type"))
    raw = html_article(html, source=entry.url, url=resp.url, published=entry.published, metadata_date_only=True)
    if raw.title is None and entry.title:
        raw = replace(raw, title=entry.title)
    return raw
