"""Read articles from files, directories, JSON Lines and stdin.

``read_inputs`` yields a ``RawArticle`` for every article it can read and a ``Rejection`` for every
one it cannot, so that one bad file never stops a batch:

- ``.txt``: the first non-empty line is the title, the rest the body;
- ``.html`` / ``.htm``: main text, title and publication date by trafilatura;
- ``.jsonl`` / ``.ndjson``: one article per line, ``{"id"?, "url"?, "title"?, "published"?,
  "text" | "html"}``;
- ``.warc`` / ``.warc.gz``: every HTML page archived in it (see ``warc``);
- a directory: every file of those kinds below it, in sorted order;
- ``-``: standard input, sniffed as JSON Lines, HTML or text.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from eventwire.errors import InputError
from eventwire.model import RawArticle, Rejection
from eventwire.warc import read_warc
from eventwire.webpage import html_article, parse_date

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
WARC_SUFFIXES = (".warc", ".warc.gz")


def read_inputs(
    paths: Iterable[str], *, published: dt.date | None = None, url: str | None = None,
    max_bytes: int = 2_000_000, stdin: BinaryIO | None = None,
) -> Iterator[RawArticle | Rejection]:  # fmt: skip
    """Yield the articles (or rejections) found in ``paths``.

    Args:
        paths: files, directories, or ``-`` for standard input.
        published: publication date for inputs that carry none (single files, stdin).
        url: URL for inputs that carry none.
        max_bytes: an article (a file, or one JSON line) larger than this is rejected.
        stdin: the stream ``-`` reads (default: ``sys.stdin.buffer``).
    """
    for name in paths:
        if name == "-":
            data = (stdin or sys.stdin.buffer).read()
            yield from _read_bytes(data, source="-", kind=_sniff(data), published=published,
                                   url=url, max_bytes=max_bytes)  # fmt: skip
            continue
        path = Path(name)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                known = child.suffix.lower() in KNOWN_SUFFIXES or _is_warc(child)
                if known and not child.name.startswith("."):
                    yield from _read_file(child, published=published, url=url, max_bytes=max_bytes)
        elif path.exists():
            yield from _read_file(path, published=published, url=url, max_bytes=max_bytes)
        else:
            yield Rejection(article_id=None, source=name, stage="ingest",
                            reason="no such file or directory")  # fmt: skip


def _read_file(
    path: Path, *, published: dt.date | None, url: str | None, max_bytes: int
) -> Iterator[RawArticle | Rejection]:
    if _is_warc(path):
        try:
            yield from read_warc(path, max_bytes=max_bytes)
        except OSError as exc:
            yield Rejection(article_id=None, source=str(path), stage="ingest", reason=f"cannot read: {exc.strerror}")
        return
    suffix = path.suffix.lower()
    kind = "jsonl" if suffix in JSONL_SUFFIXES else "html" if suffix in HTML_SUFFIXES else "text"
    try:
        size = path.stat().st_size
        if kind != "jsonl" and size > max_bytes:
            raise InputError(f"file is {size:,} bytes, over the limit of {max_bytes:,}; "
                             "split it or raise --max-article-bytes")  # fmt: skip
        if kind == "jsonl":
            yield from _read_jsonl_stream(path, published=published, max_bytes=max_bytes)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Rejection(article_id=None, source=str(path), stage="ingest", reason=f"cannot read: {exc.strerror}")
        return
    except InputError as exc:
        yield Rejection(article_id=None, source=str(path), stage="ingest", reason=exc.reason)
        return
    yield from _read_bytes(data, source=str(path), kind=kind, published=published, url=url,
                           max_bytes=max_bytes)  # fmt: skip


def _read_bytes(
    data: bytes, *, source: str, kind: str, published: dt.date | None, url: str | None,
    max_bytes: int,
) -> Iterator[RawArticle | Rejection]:  # fmt: skip
    try:
        if kind == "jsonl":
            for lineno, line in enumerate(data.splitlines(), start=1):
                yield _jsonl_line(line, lineno=lineno, source=source, published=published,
                                  max_bytes=max_bytes)  # fmt: skip
            return
        if len(data) > max_bytes:
            raise InputError(f"input is {len(data):,} bytes, over the limit of {max_bytes:,}; "
                             "split it or raise --max-article-bytes")  # fmt: skip
        text = decode(data)
        if kind == "html":
            yield html_article(text, source=source, published=published, url=url)
        else:
            yield text_article(text, source=source, published=published, url=url)
    except InputError as exc:
        yield Rejection(article_id=exc.article_id, source=source, stage="ingest", reason=exc.reason)


def _read_jsonl_stream(
    path: Path, *, published: dt.date | None, max_bytes: int
) -> Iterator[RawArticle | Rejection]:
    source = str(path)
    with path.open("rb") as fh:
        for lineno, line in enumerate(fh, start=1):
            yield _jsonl_line(line, lineno=lineno, source=source, published=published,
                              max_bytes=max_bytes)  # fmt: skip


def _jsonl_line(
    line: bytes, *, lineno: int, source: str, published: dt.date | None, max_bytes: int
) -> RawArticle | Rejection:
    where = f"{source}:{lineno}"
    if not line.strip():
        return Rejection(article_id=None, source=where, stage="ingest", reason="empty line")
    try:
        if len(line) > max_bytes:
            raise InputError(f"line is {len(line):,} bytes, over the limit of {max_bytes:,}")
        return json_article(decode(line), source=where, published=published)
    except InputError as exc:
        return Rejection(article_id=exc.article_id, source=where, stage="ingest", reason=exc.reason)


def _is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def decode(data: bytes) -> str:
    """Decode UTF-8 bytes, refusing binary data and other encodings with a clear reason."""
    if b"\x00" in data[:8192]:
        raise InputError("binary data (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (bad byte at offset {exc.start}); re-encode it, e.g. "
                         "`iconv -f latin1 -t utf-8`")  # fmt: skip
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    if sample and controls / len(sample) > 0.05:
        raise InputError("binary data (control characters), not text")
    return text


_DATE_LINE = re.compile(r"^\s*(?:published|date)\s*:\s*(\d{4}-\d{2}-\d{2})\s*$", re.IGNORECASE | re.MULTILINE)


def text_article(
    text: str, *, source: str | None, published: dt.date | None = None, url: str | None = None
) -> RawArticle:
    """Make an article of plain text whose first non-empty line is the title.

    A line ``Published: YYYY-MM-DD`` right after the title gives the publication date (a date
    given on the command line wins).
    """
    lines = text.lstrip().split("\n", 1)
    title = lines[0].strip() or None
    body = lines[1] if len(lines) > 1 else ""
    if not body.strip():  # a one-line text is a body without a title
        title, body = None, text
    stated = _DATE_LINE.match(body.lstrip("\n"))
    if stated and title is not None:
        body = body.lstrip("\n")[stated.end():]
        published = published or parse_date(stated.group(1), strict=True)
    return RawArticle(text=body, title=title, url=url, published=published, source=source)


def json_article(line: str, *, source: str | None, published: dt.date | None = None) -> RawArticle:
    """Make an article of one JSON object with ``text`` or ``html``."""
    try:
        obj = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise InputError(f"malformed JSON: {exc}") from None
    if not isinstance(obj, dict):
        raise InputError("a JSON line must be an object with a \"text\" or \"html\" field")
    article_id = obj.get("id")
    article_id = None if article_id in (None, "") else str(article_id)
    for key in ("title", "url", "text", "html", "published"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            raise InputError(f"field {key!r} must be a string", article_id=article_id)
    date = parse_date(obj.get("published"), strict=True, article_id=article_id) or published
    if obj.get("text") is not None:
        return RawArticle(text=obj["text"], id=article_id, title=obj.get("title"),
                          url=obj.get("url"), published=date, source=source)  # fmt: skip
    if obj.get("html") is not None:
        return html_article(obj["html"], source=source, published=date, url=obj.get("url"),
                            article_id=article_id, title=obj.get("title"))  # fmt: skip
    raise InputError("a JSON line needs a \"text\" or \"html\" field", article_id=article_id)


def _sniff(data: bytes) -> str:
    head = data.lstrip()[:1]
    if head == b"{":
        return "jsonl"
    if head == b"<":
        return "html"
    return "text"
