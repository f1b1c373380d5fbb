"""Time duplicate detection per article as the index grows (synthetic articles).

Usage: python bench/dedup_scale.py [--sizes 1000 10000 100000] [--probes 500]

Builds an index of N synthetic articles (random sentences over a 5,000-word vocabulary, about 250
words each), then times checking new articles — half of them light edits of indexed articles, half
new — and prints milliseconds per check for each N, with the duplicates found among the edits.
"""

from __future__ import annotations

import argparse
import random
import time

from eventwire.dedup import DuplicateIndex, signature


def synthetic(rng: random.Random, vocabulary: list[str], words: int = 250) -> str:
    return " ".join(rng.choice(vocabulary) for _ in range(words))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--probes", type=int, default=500)
    args = parser.parse_args()
    rng = random.Random(7)
    vocabulary = [f"w{n}" for n in range(5000)]
    index = DuplicateIndex()
    texts: list[str] = []
    for size in sorted(args.sizes):
        while len(texts) < size:
            text = synthetic(rng, vocabulary)
            texts.append(text)
            index.add(f"a{len(texts)}", signature(text))
        probes = []
        for n in range(args.probes):
            if n % 2:
                words = rng.choice(texts).split()
                words[rng.randrange(len(words))] = "edited"  # one changed word
                probes.append(" ".join(words))
            else:
                probes.append(synthetic(rng, vocabulary))
        started = time.perf_counter()
        found = sum(index.original_of(f"p{n}", signature(p)) is not None for n, p in enumerate(probes))
        per_check = (time.perf_counter() - started) / len(probes) * 1000
        print(f"{size:>7,} stored articles: {per_check:.2f} ms per article checked; "
              f"{found} of {args.probes // 2} edited copies found, "
              f"{args.probes - args.probes // 2} new articles checked")


if __name__ == "__main__":
    main()
