"""Web pages: decode their bytes and extract the article they carry (main text, title, date).

Shared by the readers of HTML files and JSON Lines (``ingest``), of web archives (``warc``) and of
fetched pages (``feeds``). Main text, title and date are trafilatura's.
"""

from __future__ import annotations

import datetime as dt
import logging
import re

import trafilatura

from eventwire.errors import InputError
from eventwire.model import RawArticle

log = logging.getLogger(__name__)

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


def decode_html(data: bytes, *, content_type: str | None = None) -> str:
    """Decode a web page by the charset its HTTP header or ``<meta>`` declares, else as UTF-8.

    Raises:
        InputError: binary data, or bytes that are not in the declared (or any known) encoding.
    """
    if b"\x00" in data[:8192]:
        raise InputError("binary data (NUL bytes), not a web page")
    declared = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type or "", re.IGNORECASE)
    meta = _CHARSET.search(data[:4096])
    for charset in (declared and declared.group(1), meta and meta.group(1).decode("ascii", "replace")):
        if not charset:
            continue
        try:
            return data.decode(charset)
        except LookupError:
            log.debug("unknown charset %r", charset)
        except UnicodeDecodeError as exc:
            raise InputError(f"not valid {charset} as the page declares (bad byte at offset {exc.start})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"page declares no charset and is not UTF-8 (bad byte at offset {exc.start})") from None


def html_article(
    html: str, *, source: str | None, published: dt.date | None = None, url: str | None = None,
    article_id: str | None = None, title: str | None = None, metadata_date_only: bool = False,
) -> RawArticle:  # fmt: skip
    """Extract an article's main text, title and date from an HTML page with trafilatura.

    Args:
        metadata_date_only: take the date only from the page's metadata (``<meta>``, JSON-LD,
            ``<time>``), not from guesses in its text such as a copyright year, so that a caller
            with a better fallback (a crawl or feed date) can use it.
    """
    if "<" not in html:
        raise InputError("not HTML: no markup found", source=source, article_id=article_id)
    date_params = {"extensive_search": False, "original_date": True} if metadata_date_only else None
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False, date_extraction_params=date_params)  # fmt: skip
    except (ValueError, TypeError, AttributeError) as exc:  # lxml and trafilatura's parse errors
        raise InputError(f"malformed HTML: {exc}", source=source, article_id=article_id) from exc
    if doc is None or not (doc.text or "").strip():
        raise InputError("no article text found in the HTML", source=source, article_id=article_id)
    body = doc.text
    found_title = title or doc.title
    if found_title and body.split("\n", 1)[0].strip() == found_title.strip():
        body = body.split("\n", 1)[1] if "\n" in body else ""
    return RawArticle(
        text=body, id=article_id, title=found_title, url=url or doc.url,
        published=published or parse_date(doc.date, strict=False), source=source,
    )  # fmt: skip


def parse_date(value: str | None, *, strict: bool, article_id: str | None = None) -> dt.date | None:
    """Parse an ISO 8601 date or timestamp; ``None`` for missing values.

    Raises:
        InputError: when ``strict`` and the value is not an ISO date.
    """
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        if strict:
            raise InputError(f"published must be an ISO date like 2020-10-23, got {value!r}",
                             article_id=article_id) from None  # fmt: skip
        log.debug("ignoring unparseable date %r", value)
        return None
