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

from eventwire.errors import InputError
from eventwire.ingest import decode_html, html_article, parse_date
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
            for record in records:
                offset = records.offset  # where this record starts (get_record_offset would consume it)
                source = f"{path}@{offset}"
                if record.format != "warc":
                    raise InputError(f"not a WARC record ({record.format.upper()} or plain text); "
                                     "only WARC 1.0/1.1 archives are read")  # fmt: skip
                if record.rec_type == "response":
                    responses += 1
                reason = _skip_reason(record)
                if reason is not None:
                    skipped[reason] += 1
                    _drain(record)
                    continue
                try:
                    item: RawArticle | Rejection = _article(record, source=source, max_bytes=max_bytes)
                    articles += 1
                except _Truncated:
                    raise
                except InputError as exc:
                    item = Rejection(article_id=None, source=source, stage="ingest", reason=exc.reason)
                yield item
            offset = records.offset
            if offset < size:
                raise InputError("truncated or malformed data after the last complete record" if offset
                                 else "not a WARC file: no record could be read")  # fmt: skip
        except InputError as exc:
            yield _broken(path, offset, exc.reason)
        except ArchiveLoadFailed as exc:
            yield _broken(path, offset, f"malformed WARC: {exc}")
        except (zlib.error, EOFError, OSError, ValueError) as exc:
            yield _broken(path, offset, f"corrupt data ({type(exc).__name__}: {exc})")
    by_reason = ", ".join(f"{n:,} {reason}" for reason, n in sorted(skipped.items(), key=lambda kv: (-kv[1], kv[0])))
    log.info("%s: %d responses, %d HTML articles, %d skipped%s", path, responses, articles,
             sum(skipped.values()), f" ({by_reason})" if by_reason else "")  # fmt: skip


def _broken(path: Path, offset: int, reason: str) -> Rejection:
    return Rejection(article_id=None, source=f"{path}@{offset}", stage="ingest",
                     reason=f"{reason} (at byte {offset:,}); the records before it were read")  # fmt: skip


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
    if record.raw_stream.limit > 0:
        raise _Truncated(f"truncated record: {record.raw_stream.limit:,} bytes missing")


def _article(record, *, source: str, max_bytes: int) -> RawArticle:
    stream = record.content_stream()
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"page is over the limit of {max_bytes:,} bytes; raise --max-article-bytes")
    if record.raw_stream.limit > 0:
        raise _Truncated(f"truncated record: {record.raw_stream.limit:,} bytes missing")
    url = record.rec_headers.get_header("WARC-Target-URI")
    html = decode_html(data, content_type=record.http_headers.get_header("Content-Type"))
    raw = html_article(html, source=source, url=url, metadata_date_only=True)
    if raw.published is None:
        raw = _with_date(raw, record.rec_headers.get_header("WARC-Date"))
    return raw


class _Truncated(InputError):
    """A record ends before its stated length: the archive is cut, not just this page."""


def _with_date(raw: RawArticle, warc_date: str | None) -> RawArticle:
    crawled = parse_date(warc_date, strict=False)
    return replace(raw, published=crawled) if isinstance(crawled, dt.date) else raw
