"""Hostile input never crashes or hangs eventwire, and every span it reports points into the text.

Property tests (hypothesis) over the cleaners, the readers (text, HTML, JSONL, WARC files, feeds)
and the whole pipeline. Example counts stay small so the default run is quick; the coverage-guided
harnesses in ``fuzz/`` run the same checks for as long as one likes (see README, Reliability).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from eventwire.clean import clean, normalise
from eventwire.errors import InputError
from eventwire.feeds import parse_feed
from eventwire.ingest import read_inputs
from eventwire.model import Article, Extraction, RawArticle, Rejection, Span

SLOW = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]

# Text that looks like news as much as like noise: words, names, quotes, dates, numbers, markup,
# control characters and the odd character from elsewhere in Unicode.
_WORDS = ["police", "arrested", "protesters", "in", "Nairobi", "on", "Tuesday", "Russian", "forces", "shelled",
          "Kharkiv", "the", "army", "said", "killed", "3", "1,000", "Jan.", "2024-06-18", "last", "week", "\"",
          "'", "“", "”", "«", ",", ".", "?", "!", ";", ":", "—", "-", "(", ")", "\n", "\n\n", "\t", "\r", "\x00",
          "\x0b", "\x1f", "\u200b", "\ufeff", "\u2028", "é", "北京", "<p>", "&amp;", "NAIROBI, Kenya —", "By",
          "Reuters", "U.S.", "Mr.", "told", "reporters", "on", "Monday", "1999", "0", "99999", "30 February"]  # fmt: skip
news_text = st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=6)), min_size=1, max_size=80).map(" ".join)


def spans_of(record: object) -> list[Span]:
    """Return every Span inside a record, however deep."""
    found = []
    if isinstance(record, Span):
        found.append(record)
    elif dataclasses.is_dataclass(record):
        for f in dataclasses.fields(record):
            found.extend(spans_of(getattr(record, f.name)))
    elif isinstance(record, (tuple, list)):
        for item in record:
            found.extend(spans_of(item))
    return found


def check_extraction(extraction: Extraction) -> None:
    """Assert the invariants every extraction keeps: spans match the text, places and dates don't overlap."""
    text = extraction.article.text
    for span in spans_of(extraction):
        assert 0 <= span.start <= span.end <= len(text), span
        assert text[span.start:span.end] == span.text, span
    for kind in (extraction.places, extraction.timexes):
        for item in kind:
            assert 0 <= item.start < item.end <= len(text) and text[item.start:item.end] == item.text, item
        ordered = sorted(kind, key=lambda r: (r.start, r.end))
        for a, b in zip(ordered, ordered[1:]):
            assert a.end <= b.start, (a, b)


# -- cleaning ------------------------------------------------------------------------------------


@hsettings(max_examples=150, deadline=None)
@given(st.one_of(st.text(), news_text))
def test_normalise_and_clean_take_any_text(text):
    assert isinstance(normalise(text), str)
    try:
        article = clean(RawArticle(text=text, title=text[:40]))
    except InputError as exc:
        assert exc.reason
    else:
        assert article.text.strip() and article.id


# -- readers: arbitrary bytes in every kind of file ------------------------------------------------

SUFFIXES = [".txt", ".html", ".jsonl", ".warc", ".warc.gz"]


def _read_all(path: Path) -> list[RawArticle | Rejection]:
    return list(read_inputs([str(path)], max_bytes=50_000))


def _check_read(items: list) -> None:
    for item in items:
        assert isinstance(item, (RawArticle, Rejection)), item
        if isinstance(item, Rejection):
            assert item.reason and item.stage == "ingest"


def _warc_like(body: bytes) -> bytes:
    """A WARC response record around ``body`` (with its declared length possibly wrong)."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    return (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x.example/a\r\n"
            b"WARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
            b"Content-Length: %d\r\n\r\n" % len(http)) + http + b"\r\n\r\n"  # fmt: skip


reader_bytes = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    news_text.map(lambda t: f"<html><head><title>{t[:20]}</title></head><body><p>{t}</p></body></html>".encode(
        "utf-8", "surrogatepass")),
    st.lists(st.one_of(news_text.map(lambda t: '{"text": %s}' % json.dumps(t)),
                       st.text(max_size=40)), max_size=4).map(lambda ls: "\n".join(ls).encode("utf-8", "surrogatepass")),
    st.binary(max_size=200).map(_warc_like),
)  # fmt: skip


@hsettings(max_examples=120, deadline=None, suppress_health_check=SLOW)
@given(data=reader_bytes, suffix=st.sampled_from(SUFFIXES), gz=st.booleans())
def test_readers_take_any_bytes_in_any_kind_of_file(tmp_path, data, suffix, gz):
    if suffix == ".warc.gz" and gz:
        data = gzip.compress(data)
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    _check_read(_read_all(path))


@hsettings(max_examples=120, deadline=None)
@given(st.one_of(st.binary(max_size=500), st.text(max_size=300).map(lambda t: f"<rss><channel><item>{t}".encode()),
                 news_text.map(
    lambda t: f'<?xml version="1.0"?><rss version="2.0"><channel><item><title>{t}</title>'
              f"<link>{t[:30]}</link><pubDate>{t[-30:]}</pubDate></item></channel></rss>".encode("utf-8", "surrogatepass"))))
def test_feed_parser_takes_any_bytes(data):
    try:
        entries = parse_feed(data, url="http://feeds.example/rss.xml")
    except InputError as exc:
        assert exc.reason
    else:
        assert all(e.url.startswith(("http://", "https://")) for e in entries)


ABSURD_DATES = ["0000-00-00", "0000-01-01", "Mon, 01 Jan 0000 00:00:00 GMT", "99999-01-01", "1900-02-30",
                "Fri, 31 Dec 9999 23:59:59 +1400", "Sat, 31 Dec 9999 23:59:59 -1200", "-0001-01-01", "2024-13-45"]


@pytest.mark.parametrize("tag", ["pubDate", "updated"])
@pytest.mark.parametrize("date", ABSURD_DATES)
def test_a_feed_entry_with_a_date_outside_the_calendar_is_read_without_its_date(date, tag):
    # Regression: "0000-00-00" made feedparser give year -1 and parse_feed raise ValueError.
    data = (f'<?xml version="1.0"?><rss version="2.0"><channel><item><title>Arrests</title>'
            f"<link>http://news.example/a</link><{tag}>{date}</{tag}></item></channel></rss>").encode()
    (entry,) = parse_feed(data, url="http://news.example/rss.xml")
    assert entry.url == "http://news.example/a"
    assert entry.published is None or 1 <= entry.published.year <= 9999


@hsettings(max_examples=60, deadline=None)
@given(date=st.one_of(st.sampled_from(ABSURD_DATES), st.from_regex(r"\A-?[0-9]{1,5}-[0-9]{1,2}-[0-9]{1,2}\Z")),
       tag=st.sampled_from(["pubDate", "updated", "published", "dc:date"]))
def test_any_date_string_in_a_feed_is_a_date_or_none(date, tag):
    data = (f'<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><item>'
            f"<link>http://news.example/a</link><{tag}>{date}</{tag}></item></channel></rss>").encode()
    (entry,) = parse_feed(data, url="http://news.example/rss.xml")
    assert entry.published is None or 1 <= entry.published.year <= 9999


# -- the whole pipeline ----------------------------------------------------------------------------


@hsettings(max_examples=60, deadline=None, suppress_health_check=SLOW)
@given(text=news_text, published=st.one_of(st.none(), st.dates()))
def test_pipeline_never_raises_and_every_span_points_into_the_text(resources, settings, text, published):
    from eventwire.pipeline import process

    (item,) = list(process([RawArticle(text=text, published=published)], settings=settings, resources=resources))
    if isinstance(item, Rejection):
        assert not item.reason.startswith("internal error"), item.reason  # a bug, not bad input
    else:
        assert isinstance(item, (Extraction, Article))
        if isinstance(item, Extraction):
            check_extraction(item)


@pytest.mark.parametrize("text", [
    "Police arrested 40 protesters in Nairobi on Tuesday.\x00\x0b\x1f They said 'no'.",
    "\ufeff\u200bRussian forces shelled Kharkiv on 30 February 99999, officials said.",
    "“” « » \"\" '' ( ) — the army killed 3 in Goma on Jan. 0, 0000.",
])  # fmt: skip
def test_pipeline_survives_control_characters_and_impossible_dates(resources, settings, text):
    from eventwire.pipeline import process

    (item,) = list(process([RawArticle(text=text, published=None)], settings=settings, resources=resources))
    if isinstance(item, Rejection):
        assert not item.reason.startswith("internal error"), item.reason
    else:
        check_extraction(item)


CALENDAR_ENDS = [
    (dt.date(1, 1, 1), "Police arrested ten men in Nairobi yesterday, officials said on Monday."),
    (dt.date(1, 1, 2), "Rebels attacked a convoy near Goma last year and shelled the town two days ago, a spokesman said."),
    (dt.date(9999, 12, 31), "Soldiers will attack the rebel camp in Kidal tomorrow, the army said on Friday."),
    (dt.date(9999, 12, 30), "Protesters marched in Dakar today and plan to return next month, organisers told reporters."),
]  # fmt: skip


def test_articles_dated_at_the_ends_of_the_calendar_are_stored_and_merged(tmp_path, settings):
    # Regression: merging shifted the dates of an event dated 0001-01-01 or 9999-12-31 by a few
    # days, out of the calendar, and the OverflowError failed the whole batch.
    from eventwire.pipeline import ingest
    from eventwire.store import Store

    raws = [RawArticle(text=text, published=day, id=f"end-{i}") for i, (day, text) in enumerate(CALENDAR_ENDS)]
    with Store(tmp_path / "ends.duckdb") as store:
        first = ingest(raws, store=store, settings=settings, command="test")
        assert first.articles == len(raws) and first.events > 0 and first.rejections == 0
        again = ingest(raws, store=store, settings=settings, command="test")
        assert again.events == 0
        dates = store.con.execute("SELECT min(date_start), max(date_end) FROM events").fetchone()
    assert dates[0].year == 1 and dates[1].year == 9999
