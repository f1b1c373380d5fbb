"""Measure how fast WARC archives are read into articles (trafilatura's extraction, no NLP).

Usage: python bench/warc_read.py [--pages 1000] [--gzip]

Writes a WARC of made-up news pages (with requests, images and errors between them, as in a crawl)
to a temporary directory, reads it with ``eventwire.ingest.read_inputs`` and prints pages per second.
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.ingest import read_inputs
from eventwire.model import RawArticle

PLACES = ["Goma", "Nairobi", "Dakar", "Niamey", "Mosul", "Aleppo", "Kharkiv", "Juba"]
ACTORS = ["Rebels", "Police", "Soldiers", "Protesters", "Militants", "Riot police"]
VERBS = ["attacked a convoy", "arrested dozens of people", "blocked the main road", "set fire to a depot"]


def _page(i: int) -> bytes:
    place, actor, verb = PLACES[i % len(PLACES)], ACTORS[i % len(ACTORS)], VERBS[i % len(VERBS)]
    paragraphs = "".join(
        f"<p>{actor} {verb} near {place} on Monday, officials said in report number {i}-{n}. Witnesses "
        f"described the scene to reporters and the authorities promised an inquiry within a week.</p>"
        for n in range(6)
    )  # fmt: skip
    return (f"<html><head><title>Report {i} from {place}</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>Report {i} from {place}</h1>{paragraphs}</article>"
            f"<footer>Example News</footer></body></html>").encode()  # fmt: skip


def write(path: Path, *, pages: int, gzip: bool) -> None:
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for i in range(pages):
            url = f"https://news.example/{i}.html"
            request = StatusAndHeaders(f"GET /{i}.html HTTP/1.1", [("Host", "news.example")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(_page(i)),
                                                          http_headers=headers))  # fmt: skip
            if i % 5 == 0:
                image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(f"https://news.example/{i}.png", "response",
                                                              payload=io.BytesIO(bytes(2048)), http_headers=image))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--gzip", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("bench.warc.gz" if args.gzip else "bench.warc")
        write(path, pages=args.pages, gzip=args.gzip)
        size = path.stat().st_size
        started = time.perf_counter()
        articles = sum(isinstance(item, RawArticle) for item in read_inputs([str(path)]))
        seconds = time.perf_counter() - started
    print(f"{articles:,} of {args.pages:,} pages read from a {size / 1e6:.1f} MB {'gzipped ' if args.gzip else ''}"
          f"WARC in {seconds:.1f}s: {articles / seconds:,.0f} pages/s")  # fmt: skip


if __name__ == "__main__":
    main()
