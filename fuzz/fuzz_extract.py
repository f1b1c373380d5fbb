"""Fuzz the whole pipeline (clean, parse, extract) on any text: no crash, no hang, and every span
it reports is the text it points at; places and time expressions never overlap.

It loads spaCy and the gazetteer first (a few seconds), then runs some tens of inputs a second.
Run by hand, e.g. ``python fuzz/fuzz_extract.py -runs=20000 -seed=1 -max_len=2000``.
"""

import dataclasses
import datetime as dt
import logging
import sys

import atheris

with atheris.instrument_imports(include=["eventwire"]):
    from eventwire.model import Extraction, RawArticle, Rejection, Span
    from eventwire.pipeline import Resources, process
    from eventwire.settings import Settings

logging.disable(logging.CRITICAL)
SETTINGS = Settings()
RESOURCES = Resources.load(SETTINGS)
# Words that make the extractors work: actors, verbs, places, dates, quotes.
WORDS = ["police", "arrested", "protesters", "in", "Nairobi", "on", "Tuesday", "Russian", "forces", "shelled",
         "Kharkiv", "the", "army", "said", "killed", "three", "Jan.", "2024", "last", "week", '"', "“", "”",
         ",", ".", "\n\n", "told", "reporters", "Monday", "U.S.", "troops", "attacked", "Goma", "NAIROBI, Kenya —"]


def spans_of(record):
    if isinstance(record, Span):
        yield record
    elif dataclasses.is_dataclass(record):
        for f in dataclasses.fields(record):
            yield from spans_of(getattr(record, f.name))
    elif isinstance(record, (tuple, list)):
        for item in record:
            yield from spans_of(item)


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    pieces = []
    while fdp.remaining_bytes() and len(pieces) < 200:
        if fdp.ConsumeIntInRange(0, 3):
            pieces.append(WORDS[fdp.ConsumeIntInRange(0, len(WORDS) - 1)])
        else:
            pieces.append(fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 8)))
    published = dt.date(2024, 1, 1) + dt.timedelta(days=fdp.ConsumeIntInRange(-5000, 5000)) if fdp.ConsumeBool() else None
    raw = RawArticle(text=" ".join(pieces), published=published)
    (item,) = list(process([raw], settings=SETTINGS, resources=RESOURCES))
    if isinstance(item, Rejection):
        assert not item.reason.startswith("internal error"), item.reason
        return
    if not isinstance(item, Extraction):
        return
    text = item.article.text
    for span in spans_of(item):
        assert 0 <= span.start <= span.end <= len(text) and text[span.start:span.end] == span.text, span
    for kind in (item.places, item.timexes):
        ordered = sorted(kind, key=lambda r: (r.start, r.end))
        for a in ordered:
            assert text[a.start:a.end] == a.text, a
        for a, b in zip(ordered, ordered[1:]):
            assert a.end <= b.start, (a, b)


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
