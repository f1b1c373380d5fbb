"""Fuzz the readers: any bytes as a text, HTML, JSONL or WARC file, or as a feed, give articles or
rejections, never a crash or a hang.

Run by hand, e.g. ``python fuzz/fuzz_readers.py -runs=100000 -seed=1`` (libFuzzer flags; a crash
is written to ``crash-<sha1>`` and replayed with ``python fuzz/fuzz_readers.py crash-<sha1>``).
"""

import gzip
import logging
import os
import sys
import tempfile

import atheris

with atheris.instrument_imports(include=["eventwire"]):
    import eventwire.warc  # noqa: F401 - imported lazily by ingest; instrument it too
    from eventwire.errors import InputError
    from eventwire.feeds import parse_feed
    from eventwire.ingest import read_inputs
    from eventwire.model import RawArticle, Rejection

logging.disable(logging.CRITICAL)  # malformed inputs are logged by design; keep the fuzzer's output readable
WORKDIR = tempfile.mkdtemp(prefix="fuzz-readers-")
SUFFIXES = (".txt", ".html", ".jsonl", ".warc", ".warc.gz")


def _warc(body: bytes, *, declared: int | None) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
    length = len(http) if declared is None else declared
    return (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x.example/a\r\n"
            b"WARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
            b"Content-Length: %d\r\n\r\n" % length) + http + b"\r\n\r\n"


def _feed(fdp: atheris.FuzzedDataProvider) -> None:
    if fdp.ConsumeBool():
        data = fdp.ConsumeBytes(fdp.remaining_bytes())
    else:
        parts = [fdp.ConsumeUnicodeNoSurrogates(40) for _ in range(3)]
        data = (f'<?xml version="1.0"?><rss version="2.0"><channel><item><title>{parts[0]}</title>'
                f"<link>{parts[1]}</link><pubDate>{parts[2]}</pubDate></item></channel></rss>").encode()
    try:
        entries = parse_feed(data, url="http://feeds.example/rss.xml")
    except InputError as exc:
        assert exc.reason
    else:
        assert all(e.url.startswith(("http://", "https://")) for e in entries)


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    kind = fdp.ConsumeIntInRange(0, len(SUFFIXES))
    if kind == len(SUFFIXES):
        _feed(fdp)
        return
    suffix = SUFFIXES[kind]
    wrap = fdp.ConsumeIntInRange(0, 2)
    declared = fdp.ConsumeIntInRange(0, 4096) if wrap == 2 else None
    body = fdp.ConsumeBytes(fdp.remaining_bytes())
    if suffix.startswith(".warc") and wrap:
        body = _warc(body, declared=declared)
    if suffix == ".warc.gz" and wrap:
        body = gzip.compress(body)
    path = os.path.join(WORKDIR, "input" + suffix)
    with open(path, "wb") as fh:
        fh.write(body)
    for item in read_inputs([path], max_bytes=50_000):
        assert isinstance(item, (RawArticle, Rejection)), item
        if isinstance(item, Rejection):
            assert item.reason, item
        else:
            assert item.text is None or isinstance(item.text, str)


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
