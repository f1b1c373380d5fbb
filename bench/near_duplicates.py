"""Measure near-duplicate detection by edit strength, on edited copies of BBC articles.

Usage: python bench/near_duplicates.py [--corpus ../shared/benchmarks/bbc-news-fulltext]
                                       [--originals 1000] [--threshold 0.5] [--seed 7]

The first ``--originals`` distinct articles (sorted by file name, every category) are indexed as
the store would index them. Each is then copied with one kind of edit, at several strengths, and
the copy is checked against the index:

- headline: the first line replaced;
- boilerplate: share buttons, a copyright line and a "related stories" block added around the text;
- reorder: the paragraphs shuffled;
- drop N%: that share of the paragraphs removed (at least one);
- words N%: that share of the words replaced by other words of the corpus;
- wire rewrite: headline, boilerplate, 10 % of words and one paragraph dropped, together.

For each edit it prints the recall (copies linked to their own original), the precision (links
that point to the right original) and the mean estimated similarity. The articles not indexed are
checked as well: any link they get is a different story taken for a copy, unless the corpus itself
holds a near copy of it (BBC has updated versions of some stories), so it is reported as a count.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from typing import Callable

from eventwire.clean import normalise
from eventwire.dedup import DuplicateIndex, signature

BOILERPLATE_TOP = "Share this article\nFacebook Twitter Email"
BOILERPLATE_END = ("Copyright 2005 Example News Ltd. All rights reserved.\nRelated stories\n"
                   "Markets close higher\nWeather warning for the weekend\nSign up for our newsletter")  # fmt: skip


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n") if p.strip()]


def headline(text: str, rng: random.Random, vocabulary: list[str]) -> str:
    paragraphs = _paragraphs(text)
    return "\n".join([" ".join(rng.choices(vocabulary, k=7)).capitalize()] + paragraphs[1:])


def boilerplate(text: str, rng: random.Random, vocabulary: list[str]) -> str:
    return f"{BOILERPLATE_TOP}\n{text}\n{BOILERPLATE_END}"


def reorder(text: str, rng: random.Random, vocabulary: list[str]) -> str:
    paragraphs = _paragraphs(text)
    rng.shuffle(paragraphs)
    return "\n".join(paragraphs)


def drop(share: float) -> Callable[[str, random.Random, list[str]], str]:
    def edit(text: str, rng: random.Random, vocabulary: list[str]) -> str:
        paragraphs = _paragraphs(text)
        n = max(1, round(len(paragraphs) * share)) if len(paragraphs) > 1 else 0
        gone = set(rng.sample(range(len(paragraphs)), n))
        return "\n".join(p for i, p in enumerate(paragraphs) if i not in gone)

    return edit


def words(share: float) -> Callable[[str, random.Random, list[str]], str]:
    def edit(text: str, rng: random.Random, vocabulary: list[str]) -> str:
        out = []
        for paragraph in _paragraphs(text):
            tokens = paragraph.split(" ")
            out.append(" ".join(rng.choice(vocabulary) if rng.random() < share else t for t in tokens))
        return "\n".join(out)

    return edit


def wire_rewrite(text: str, rng: random.Random, vocabulary: list[str]) -> str:
    for edit in (drop(0.0), words(0.10), headline, boilerplate):
        text = edit(text, rng, vocabulary)
    return text


EDITS: dict[str, Callable[[str, random.Random, list[str]], str]] = {
    "headline": headline, "boilerplate": boilerplate, "reorder": reorder,
    "drop 10%": drop(0.10), "drop 25%": drop(0.25), "drop 50%": drop(0.50),
    "words 5%": words(0.05), "words 10%": words(0.10), "words 20%": words(0.20), "words 30%": words(0.30),
    "wire rewrite": wire_rewrite,
}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "bbc-news-fulltext")  # fmt: skip
    parser.add_argument("--originals", type=int, default=1000)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    texts: dict[str, str] = {}
    for path in sorted(args.corpus.rglob("*.txt")):
        try:
            text = normalise(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            continue
        if text not in texts.values():
            texts[str(path.relative_to(args.corpus))] = text
    names = list(texts)
    originals, others = names[: args.originals], names[args.originals :]
    index = DuplicateIndex(threshold=args.threshold)
    for name in originals:
        index.add(name, signature(texts[name]))
    vocabulary = sorted({w for name in originals for w in texts[name].split() if w.isalpha()})
    print(f"{len(originals)} originals indexed, threshold {args.threshold}, seed {args.seed}")
    print(f"{'edit':<14} {'recall':>7} {'precision':>9} {'similarity':>10}")
    for label, edit in EDITS.items():
        rng = random.Random(f"{args.seed}:{label}")
        linked = right = 0
        similarity = 0.0
        for name in originals:
            copy = edit(texts[name], rng, vocabulary)
            found = index.original_of(f"copy:{name}", signature(copy))
            if found is not None:
                linked += 1
                right += found[0] == name
                similarity += found[1]
        recall = right / len(originals)
        precision = right / linked if linked else 1.0
        print(f"{label:<14} {recall:>7.3f} {precision:>9.3f} {similarity / max(linked, 1):>10.3f}")
    false = sum(index.original_of(name, signature(texts[name])) is not None for name in others)
    print(f"different articles ({len(others)}) linked to an indexed one: {false}")


if __name__ == "__main__":
    main()
