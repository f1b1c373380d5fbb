"""Throughput and memory of the full pipeline against the raw spaCy pass, on the BBC corpus.

Usage: python bench/throughput.py [--corpus DIR] [--articles N] [--memory-articles N] [--quick]

Prints, from one run on one machine:
  1. the raw spaCy pass: the same model (tagger, parser, NER only) over the same cleaned texts,
     in words per second;
  2. the full pipeline (read, clean, duplicate check, parse, extract, write to a DuckDB store) on
     one worker and on two, in words and articles per second, its ratio to the raw pass, and the
     speed-up of two workers over one;
  3. memory: the peak RSS of each run, and the RSS of the whole process tree sampled every 1,000
     articles during an ingest of --memory-articles articles (the corpus cycled; each copy made
     distinct by numbering its sentences, and the near-duplicate threshold raised to 0.95,
     so every copy is extracted).

On a machine shared with other work, the wall-clock figures drop with the load; the CPU-second
figures (user + system time of the run's processes) show what the code costs regardless.

Each measurement runs in a fresh process, after the model is loaded (start-up is not timed; the
two-worker run does include starting its workers). Words are whitespace-separated tokens of the
cleaned texts. The corpus is read from ../shared/benchmarks/bbc-news-fulltext/ (not part of this
repository); the articles that copy others are left out of the throughput runs, so that both
passes parse the same texts.
"""

from __future__ import annotations

import argparse
import dataclasses
import multiprocessing
import os
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks" / "bbc-news-fulltext" / "bbc"


def corpus_files(corpus: Path, limit: int | None) -> list[str]:
    files = sorted(str(p) for p in corpus.glob("*/*.txt"))
    if not files:
        sys.exit(f"no .txt files under {corpus}; pass --corpus")
    return files[:limit] if limit else files


def unique_articles(files: list[str]):
    """The cleaned articles of ``files`` that copy no earlier one, with their raw inputs."""
    from eventwire.dedup import DuplicateIndex
    from eventwire.ingest import read_inputs
    from eventwire.model import Article
    from eventwire.pipeline import clean_all
    from eventwire.settings import Settings

    settings = Settings()
    raws = [r for r in read_inputs(files) if not hasattr(r, "stage")]
    index = DuplicateIndex(threshold=settings.near_duplicate_article)
    kept_raws, texts, seen = [], [], set()
    for raw, article in zip(raws, clean_all(raws, settings=settings)):
        if not isinstance(article, Article) or article.id in seen or index.check(article)[0] is not None:
            continue
        seen.add(article.id)
        kept_raws.append(raw)
        texts.append(article.text)
    return kept_raws, texts


def peak_rss_mib() -> tuple[float, float]:
    """Peak RSS (MiB) of this process and of its largest finished child (Linux: ru_maxrss in KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, child


def cpu_seconds() -> float:
    """CPU time (user + system) used so far by this process and its finished children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def tree_rss_mib() -> float:
    """Current RSS of this process and all its descendants, in MiB."""
    import psutil

    me = psutil.Process()
    total = me.memory_info().rss
    for child in me.children(recursive=True):
        try:
            total += child.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total / 2**20


def raw_spacy(files: list[str], batch_size: int) -> dict:
    import spacy

    from eventwire.settings import Settings

    _, texts = unique_articles(files)
    nlp = spacy.load(Settings().model, exclude=["senter", "attribute_ruler", "lemmatizer"])
    list(nlp.pipe(texts[:4]))  # warm up
    started, cpu = time.perf_counter(), cpu_seconds()
    for _doc in nlp.pipe(texts, batch_size=batch_size):
        pass
    seconds = time.perf_counter() - started
    return {"pipes": list(nlp.pipe_names), "articles": len(texts), "words": sum(len(t.split()) for t in texts),
            "seconds": seconds, "cpu": cpu_seconds() - cpu, "peak": peak_rss_mib()}  # fmt: skip


def full_pipeline(files: list[str], workers: int) -> dict:
    from eventwire import pipeline
    from eventwire.pipeline import Resources, ingest
    from eventwire.settings import Settings
    from eventwire.store import Store

    raws, texts = unique_articles(files)
    settings = Settings(workers=workers)
    Resources.load(settings)  # start-up is not what is measured
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.duckdb") as store:
        started, cpu = time.perf_counter(), cpu_seconds()
        summary = ingest(iter(raws), store=store, settings=settings)
        seconds = time.perf_counter() - started
    return {"cpu": cpu_seconds() - cpu, "articles": summary.articles, "rejections": summary.rejections, "duplicates": summary.duplicates,
            "words": sum(len(t.split()) for t in texts), "seconds": seconds, "peak": peak_rss_mib(),
            "pool": pipeline.POOL_MIN_ARTICLES <= len(raws) and workers > 1}  # fmt: skip


def memory_run(files: list[str], count: int, workers: int) -> dict:
    from eventwire.ingest import read_inputs
    from eventwire.model import RawArticle
    from eventwire.pipeline import Resources, ingest
    from eventwire.settings import Settings
    from eventwire.store import Store

    originals = [r for r in read_inputs(files) if isinstance(r, RawArticle)]
    settings = Settings(workers=workers, near_duplicate_article=0.95)
    Resources.load(settings)
    samples: list[tuple[int, float]] = []

    def copies():
        for n in range(count):
            raw = originals[n % len(originals)]
            copy = n // len(originals)
            text = raw.text if copy == 0 else re.sub(r"\.(\s)", lambda m: f" ({copy}).{m.group(1)}", raw.text)
            yield dataclasses.replace(raw, text=text, id=None, source=f"{raw.source}#{copy}")

    def tick(item) -> None:
        tick.count += 1
        if tick.count % 1000 == 0:
            samples.append((tick.count, tree_rss_mib()))

    tick.count = 0
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "memory.duckdb") as store:
        started = time.perf_counter()
        summary = ingest(copies(), store=store, settings=settings, on_item=tick)
        seconds = time.perf_counter() - started
    return {"items": tick.count, "articles": summary.articles, "duplicates": summary.duplicates,
            "skipped": summary.skipped, "seconds": seconds, "samples": samples, "peak": peak_rss_mib()}  # fmt: skip


def _child(send, func, args) -> None:
    send.send(func(*args))
    send.close()


def in_child(func, *args) -> dict:
    """Run ``func(*args)`` in a fresh process, so that each run's peak memory is its own.

    Not a Pool worker: those are daemons, which may not start the pipeline's own workers.
    """
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(send, func, args))
    process.start()
    send.close()
    try:
        result = receive.recv()
    except EOFError:
        sys.exit(f"the measurement {func.__name__} failed (exit code {process.join() or process.exitcode})")
    process.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--articles", type=int, help="use the first N corpus files (default: all)")
    parser.add_argument("--memory-articles", type=int, default=10_000)
    parser.add_argument("--quick", action="store_true", help="300 articles, and 2,000 for memory")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # each figure as soon as it is measured
    if args.quick:
        args.articles, args.memory_articles = args.articles or 300, min(args.memory_articles, 2000)
    files = corpus_files(args.corpus, args.articles)
    print(f"corpus: {args.corpus} ({len(files):,} files); machine: {os.cpu_count()} cores, "
          f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB; Python {sys.version.split()[0]}")  # fmt: skip

    raw = in_child(raw_spacy, files, 32)
    raw_speed = raw["words"] / raw["seconds"]
    print(f"raw spaCy pass ({', '.join(raw['pipes'])}): {raw['articles']:,} articles, {raw['words']:,} words "
          f"in {raw['seconds']:.1f}s = {raw_speed:,.0f} words/s ({raw['words'] / raw['cpu']:,.0f} words per CPU-second); "
          f"peak RSS {raw['peak'][0]:,.0f} MiB")  # fmt: skip

    one = in_child(full_pipeline, files, 1)
    one_speed = one["words"] / one["seconds"]
    print(f"full pipeline, 1 worker: {one['articles']:,} articles in {one['seconds']:.1f}s = {one_speed:,.0f} words/s, "
          f"{one['articles'] / one['seconds']:.1f} articles/s; {one_speed / raw_speed:.2f}x the raw spaCy pass "
          f"(target >= 0.8; per CPU-second {one['words'] / one['cpu'] / (raw['words'] / raw['cpu']):.2f}x); "
          f"peak RSS {one['peak'][0]:,.0f} MiB")  # fmt: skip

    two = in_child(full_pipeline, files, 2)
    two_speed = two["words"] / two["seconds"]
    print(f"full pipeline, 2 workers: {two['articles']:,} articles in {two['seconds']:.1f}s = {two_speed:,.0f} words/s, "
          f"{two['articles'] / two['seconds']:.1f} articles/s; {two_speed / one_speed:.2f}x one worker (target >= 1.7; "
          f"CPU used {two['cpu']:.0f}s against {one['cpu']:.0f}s, workers' start included); "
          f"peak RSS {two['peak'][0]:,.0f} MiB parent + {two['peak'][1]:,.0f} MiB largest worker")  # fmt: skip
    if one["articles"] != two["articles"]:
        print(f"warning: 1 worker extracted {one['articles']} articles, 2 workers {two['articles']}")

    memory = in_child(memory_run, files, args.memory_articles, 2)
    series = ", ".join(f"{n:,}: {mib:,.0f}" for n, mib in memory["samples"])
    print(f"memory, {memory['items']:,} articles on 2 workers ({memory['articles']:,} extracted, "
          f"{memory['duplicates']:,} duplicates, {memory['skipped']:,} repeated) in {memory['seconds']:.0f}s: "
          f"RSS of all processes (MiB) after N articles: {series}; peak RSS {memory['peak'][0]:,.0f} MiB parent + "
          f"{memory['peak'][1]:,.0f} MiB largest worker")  # fmt: skip


if __name__ == "__main__":
    main()
