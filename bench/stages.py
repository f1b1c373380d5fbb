"""Where one worker's time goes: CPU milliseconds per article for each stage of an ingest.

Usage: python bench/stages.py [--corpus DIR] [--articles N]

Runs the raw spaCy pass (tagger, parser, NER only) over the corpus, then an ingest on one worker
into a temporary DuckDB store with each stage timed by the CPU clock of the thread running it:
cleaning, the duplicate check, parsing (spaCy with eventwire's components), the extractors, and
writing to the store (with merging). Prints the per-article cost of each, what is left
(handing items along, opening the store), and the ratio the total gives against the raw pass.
Threads DuckDB starts itself are not counted: ``bench/throughput.py`` gives the wall-clock
figures. The corpus is read from ../shared/benchmarks/bbc-news-fulltext/ (not part of this
repository), without the articles that copy others.
"""

from __future__ import annotations

import argparse
import functools
import tempfile
import time
from pathlib import Path

from throughput import CORPUS, corpus_files, unique_articles


def timed(owner: object, name: str, totals: dict[str, float], label: str) -> None:
    """Wrap ``owner.name`` so that its thread CPU time adds up in ``totals[label]``."""
    function = getattr(owner, name)

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        started = time.thread_time()
        try:
            return function(*args, **kwargs)
        finally:
            totals[label] = totals.get(label, 0.0) + time.thread_time() - started

    setattr(owner, name, wrapper)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--articles", type=int, help="use the first N corpus files (default: all)")
    args = parser.parse_args()

    import spacy

    from eventwire import clean, dedup, pipeline
    from eventwire.settings import Settings
    from eventwire.store import Store

    raws, texts = unique_articles(corpus_files(args.corpus, args.articles))
    settings = Settings(workers=1)
    raw = spacy.load(settings.model, exclude=["senter", "attribute_ruler", "lemmatizer"])
    list(raw.pipe(texts[:4]))  # warm up
    started = time.thread_time()
    for _doc in raw.pipe(texts, batch_size=settings.parse_batch_size):
        pass
    raw_seconds = time.thread_time() - started
    del raw

    pipeline.Resources.load(settings)  # start-up is not what is measured
    totals: dict[str, float] = {}
    timed(clean, "clean", totals, "cleaning")
    timed(dedup.DuplicateIndex, "check", totals, "duplicate check")
    timed(pipeline, "extract_articles", totals, "parse + extract")
    timed(pipeline, "analyse", totals, "extractors")
    timed(Store, "write_batch", totals, "store and merge")
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "stages.duckdb") as store:
        started = time.thread_time()
        summary = pipeline.ingest(iter(raws), store=store, settings=settings)
        total = time.thread_time() - started
    n = summary.articles
    totals["spaCy (with eventwire's components)"] = totals.pop("parse + extract") - totals["extractors"]
    print(f"{n:,} articles, {sum(len(t.split()) for t in texts):,} words; CPU ms per article, one worker:")
    print(f"  raw spaCy pass (tagger, parser, NER only): {1000 * raw_seconds / n:6.1f}")
    print(f"  full pipeline:                             {1000 * total / n:6.1f} = {raw_seconds / total:.2f}x the raw pass")
    for label, seconds in sorted(totals.items(), key=lambda item: -item[1]):
        print(f"    {label + ':':38s} {1000 * seconds / n:6.1f}")
    print(f"    {'the rest:':38s} {1000 * (total - sum(totals.values())) / n:6.1f}")


if __name__ == "__main__":
    main()
