"""Read news articles out of WARC web archives (such as Common Crawl News), gzipped or not.

Every ``response`` record with HTTP status 200 and an HTML content type becomes a ``RawArticle``:
main text and title by trafilatura, ``url`` the record's ``WARC-Target-URI``, ``published`` the date
trafilatura finds in the page's metadata, else the date of the record's ``WARC-Date`` (when the page
was crawled). Every other record (requests, metadata, revisits, redirects, errors, images, PDFs …)
is skipped and counted; the counts are logged at the end of each file. A record whose page cannot be
read (no text, too large, bad encoding) is a ``Rejection``. A truncated or malformed archive yields a
``Rejection`` for the bad part and keeps every record before it.
"""

from __future__ import annotations

import datetime as dt
import logging
import zlib
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from eventwire.errors import InputError
from eventwire.webpage import decode_html, html_article, parse_date
from eventwire.model import RawArticle, Rejection

log = logging.getLogger(__name__)

_CHUNK = 1 << 16


def read_warc(path: Path, *, max_bytes: int = 2_000_000) -> Iterator[RawArticle | Rejection]:
    """Yield an article for every HTML page archived in the WARC file ``path``.

    Each item's ``source`` is ``PATH@OFFSET``, the byte offset of its record in the file.

    Args:
        max_bytes: a page larger than this (after content decoding) is rejected.
    """
    skipped: Counter[str] = Counter()
    responses = articles = 0
    size = path.stat().st_size
    with path.open("rb") as fh:
        records = ArchiveIterator(fh)
        offset = 0
        try:
            while (record := _warcio(next, records, None)) is not None:
                offset = records.offset  # where this record starts (get_record_offset would consume it)
                if record.format != "warc":
                    raise InputError(f"not a WARC record ({record.format.upper()} or plain text); "
                                     "only WARC 1.0/1.1 archives are read")  # fmt: skip
                if record.rec_type == "response":
                    responses += 1
                reason = _skip_reason(record)
                if reason is not None:
                    skipped[reason] += 1
                    _warcio(_drain, record)
                    continue
                try:
                    item: RawArticle | Rejection = _article(record, source=f"{path}@{offset}", max_bytes=max_bytes)
                    articles += 1
                except _Broken:
                    raise
                except InputError as exc:
                    item = Rejection(article_id=None, source=f"{path}@{offset}", stage="ingest", reason=exc.reason)
                yield item
            offset = records.offset
            if offset < size:
                raise InputError("truncated or malformed data after the last complete record" if offset
                                 else "not a WARC file: no record could be read")  # fmt: skip
        except InputError as exc:
            yield Rejection(article_id=None, source=f"{path}@{offset}", stage="ingest",
                            reason=f"{exc.reason} (at byte {offset:,}); the records before it were read")  # fmt: skip
    by_reason = ", ".join(f"{n:,} {reason}" for reason, n in sorted(skipped.items(), key=lambda kv: (-kv[1], kv[0])))
    log.info("%s: %d responses, %d HTML articles, %d skipped%s", path, responses, articles,
             sum(skipped.values()), f" ({by_reason})" if by_reason else "")  # fmt: skip


class _Broken(InputError):
    """The archive itself is cut or corrupt here, not just one page: nothing after it can be read."""


# What warcio and the decompressors raise on a malformed archive: besides their own exceptions,
# warcio's parser fails with Python's built-in ones on broken headers.
_WARCIO_ERRORS = (ArchiveLoadFailed, StatusAndHeadersParserException, zlib.error, EOFError, OSError,
                  ValueError, AttributeError, TypeError, IndexError, KeyError)  # fmt: skip


def _warcio(call, *args):
    """Run one warcio call, turning its failures on a malformed archive into ``_Broken``."""
    try:
        return call(*args)
    except _Broken:
        raise
    except ArchiveLoadFailed as exc:
        raise _Broken(f"malformed WARC: {exc}") from exc
    except _WARCIO_ERRORS as exc:
        raise _Broken(f"malformed or corrupt WARC ({type(exc).__name__}: {exc})") from exc


def _skip_reason(record) -> str | None:
    """Return why a record is not an article, or ``None`` when it is an HTML page."""
    if record.rec_type != "response":
        return f"{record.rec_type} records"
    if record.http_headers is None:
        return "non-HTTP responses"
    status = record.http_headers.get_statuscode()
    if status != "200":
        return f"HTTP {status}"
    kind = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if kind not in ("text/html", "application/xhtml+xml"):
        return f"{kind or 'untyped'} responses"
    return None


def _drain(record) -> None:
    """Read a skipped record to its end, so that a truncated one is noticed."""
    while record.raw_stream.read(_CHUNK):
        pass
    _check_complete(record)


def _check_complete(record) -> None:
    missing = getattr(record.raw_stream, "limit", 0)  # a LimitReader when the record states its length
    if missing > 0:
        raise _Broken(f"truncated record: {missing:,} bytes missing")


def _article(record, *, source: str, max_bytes: int) -> RawArticle:
    data = _warcio(lambda: record.content_stream().read(max_bytes + 1))
    if len(data) > max_bytes:
        raise InputError(f"page is over the limit of {max_bytes:,} bytes; raise --max-article-bytes")
    _check_complete(record)
    url = record.rec_headers.get_header("WARC-Target-URI")
    html = decode_html(data, content_type=record.http_headers.get_header("Content-Type"))
    raw = html_article(html, source=source, url=url, metadata_date_only=True)
    if raw.published is None:
        raw = _with_date(raw, record.rec_headers.get_header("WARC-Date"))
    return raw


def _with_date(raw: RawArticle, warc_date: str | None) -> RawArticle:
    crawled = parse_date(warc_date, strict=False)
    return replace(raw, published=crawled) if isinstance(crawled, dt.date) else raw
