"""Measure duplicate-article detection on the BBC corpus beside the checkout.

Usage: python bench/duplicates.py [--corpus ../shared/benchmarks/bbc-news-fulltext] [--threshold 0.5]

Prints how many exact-duplicate pairs the corpus holds (same text after eventwire's cleaning),
how many of them are found, how many other (near-duplicate) pairs are linked, and the time to check
one article against the index.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from eventwire.clean import normalise
from eventwire.dedup import DuplicateIndex
from eventwire.model import Article


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "bbc-news-fulltext")  # fmt: skip
    parser.add_argument("--threshold", type=float, default=0.5)
    args = parser.parse_args()
    texts: dict[str, str] = {}
    for path in sorted(args.corpus.rglob("*.txt")):
        try:
            texts[str(path.relative_to(args.corpus))] = normalise(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            continue  # eventwire rejects non-UTF-8 files too
    by_text: dict[str, list[str]] = {}
    for name, text in texts.items():
        by_text.setdefault(text, []).append(name)
    exact = {tuple(sorted(names)) for names in by_text.values() if len(names) == 2}
    index = DuplicateIndex(threshold=args.threshold)
    started = time.perf_counter()
    links = []
    for name, text in texts.items():
        copy, _ = index.check(Article(id=name, text=text, content_hash=name))
        if copy is not None:
            links.append((copy.original_id, name, copy.similarity))
    per_article = (time.perf_counter() - started) / len(texts) * 1000
    found = {tuple(sorted((a, b))) for a, b, _ in links}
    print(f"articles: {len(texts)}; threshold {args.threshold}")
    print(f"exact-duplicate pairs in the corpus: {len(exact)}; found: {len(exact & found)}")
    print(f"other pairs linked as near duplicates: {len(found - exact)}")
    print(f"time to check one article: {per_article:.2f} ms")


if __name__ == "__main__":
    main()
