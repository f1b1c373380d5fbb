"""Duplicate articles: exact and near copies found with MinHash LSH (datasketch).

An article is a set of word 3-gram shingles; its MinHash signature (128 permutations) estimates
the Jaccard similarity of two articles' shingle sets, and locality-sensitive hashing finds the
candidates above the threshold without comparing against every stored article, so the time to
check one article stays near-constant as the store grows. A candidate is confirmed when the
estimated similarity is at least the threshold; the earlier article is the original.

Syndicated wire copy, re-scrapes and lightly edited copies share most shingles; a different
story on the same topic shares few.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from eventwire.model import Article
from eventwire.settings import check_threshold

NUM_PERM = 128
SCHEME = "affine32"  # datasketch's hashing scheme: 32-bit values, stored as UINTEGER[]
SHINGLE = 3  # words per shingle: chosen with bench/near_duplicates.py (3 finds word-edited copies 5 misses)
_WORD = re.compile(r"\w+", re.UNICODE)
# The LSH bands are tuned for at most this similarity; a higher threshold is applied when confirming a
# candidate. (datasketch cannot band 128 permutations for 0.99 or more, and above 0.9 its bands miss
# many true copies.)
LSH_MAX_THRESHOLD = 0.9


@dataclass(frozen=True, slots=True, kw_only=True)
class Duplicate:
    """An article that copies an earlier one: stored as a link, not extracted again."""

    article: Article
    original_id: str
    similarity: float  # estimated Jaccard similarity of their word 3-gram shingles


def shingles(text: str, *, size: int = SHINGLE) -> set[bytes]:
    """The article's word ``size``-grams (lower case), as bytes; short texts give one shingle."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(text: str) -> MinHash:
    """The MinHash signature of an article's text."""
    minhash = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    minhash.update_batch(list(shingles(text)))
    return minhash


class DuplicateIndex:
    """An LSH index of article signatures.

    Args:
        threshold: the estimated Jaccard similarity at or above which an article is a duplicate,
            above 0 and at most 1.

    Raises:
        ConfigError: ``threshold`` is out of range.
    """

    def __init__(self, *, threshold: float = 0.5):
        check_threshold(threshold)
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=min(threshold, LSH_MAX_THRESHOLD), num_perm=NUM_PERM)
        self._signatures: dict[str, MinHash] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def add(self, article_id: str, minhash: MinHash) -> None:
        """Index an article (a second add of the same id is ignored)."""
        if article_id in self._signatures:
            return
        self._lsh.insert(article_id, minhash)
        self._signatures[article_id] = minhash

    def add_hashvalues(self, article_id: str, hashvalues: np.ndarray) -> None:
        """Index an article from a stored signature."""
        self.add(article_id, MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME, hashvalues=hashvalues))

    def hashvalues(self, article_id: str) -> np.ndarray | None:
        """The stored signature of an indexed article, for the store."""
        minhash = self._signatures.get(article_id)
        return None if minhash is None else minhash.hashvalues

    def original_of(self, article_id: str, minhash: MinHash) -> tuple[str, float] | None:
        """The indexed article this one copies and their similarity, or None. The most similar
        candidate wins; the article itself is never its own original."""
        best: tuple[str, float] | None = None
        for candidate in self._lsh.query(minhash):
            if candidate == article_id:
                continue
            similarity = minhash.jaccard(self._signatures[candidate])
            if similarity >= self.threshold and (best is None or similarity > best[1]):
                best = (candidate, similarity)
        return best

    def check(self, article: Article) -> tuple[Duplicate | None, MinHash]:
        """Check an article against the index, then index it if it is original."""
        minhash = signature(article.text)
        found = self.original_of(article.id, minhash)
        if found is not None:
            return Duplicate(article=article, original_id=found[0], similarity=round(found[1], 3)), minhash
        self.add(article.id, minhash)
        return None, minhash
