"""Score event merging against ECB+ cross-document event coreference (Cybulska & Vossen, LREC 2014).

ECB+ holds 982 short news documents in 43 topics; each topic has two sub-topics, two different
real-world events of the same kind (``1_ecb`` and ``1_ecbplus``: two celebrities entering rehab in
different years). Every document is tokenised XML: ``token`` elements (``t_id``, ``sentence``),
then ``Markables`` (``ACTION_*`` and ``NEG_*`` are event mentions, anchored to tokens) and
``Relations`` (``CROSS_DOC_COREF`` and ``INTRA_DOC_COREF`` chains, named by their ``note``).
``ECBplus_coreference_sentences.csv`` lists the sentences whose coreference was annotated; only
those are scored, as the corpus README asks.

What is run: every document, its tokens joined back into text (one sentence per paragraph, no
publication date: the corpus gives none), is ingested in corpus order into a fresh store by
``eventwire.pipeline.ingest``, so events are coded and merged exactly as in use. A gold event
mention is *found* when an eventwire event's trigger overlaps its tokens; its system cluster is the
event's merged event.

What is reported:

- ``mention_recall``: the share of gold event mentions found (eventwire codes political events
  only; ECB+ annotates every action, from earthquakes to Oscar ceremonies);
- MUC, B-cubed and CEAF-e (entity-based) precision, recall and F1 and their mean, the CoNLL F1,
  over the gold mentions found (gold chains restricted to those mentions; a mention outside any
  chain is a singleton), with the same scores for the all-singletons baseline;
- ``doc_ari``: the adjusted Rand index of document clusters (two documents are linked when they
  share a merged event) against the gold sub-topics of ``doc_clusters.tsv``.
"""

from __future__ import annotations

import csv
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass
from math import comb
from pathlib import Path
from typing import Any, Hashable, Iterable, Mapping

from eventwire.errors import EvaluationError
from eventwire.evaluate.polnear import char_map
from eventwire.model import RawArticle

_NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", "%", ")", "]", "}", "''", "'s", "n't", "'re", "'ve", "'ll", "'d", "'m"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``"}


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldDocument:
    """One ECB+ document: its text rebuilt from tokens, and its gold event mentions."""

    name: str  # e.g. "1_10ecbplus"
    subtopic: str
    text: str
    mentions: tuple[tuple[str, int, int, str], ...]  # (mention id, start, end, gold chain) in the text


def _detokenise(tokens: list[tuple[str, int, str]]) -> tuple[str, dict[str, tuple[int, int]]]:
    """Join (t_id, sentence, text) tokens into text; return it and each token's character span."""
    parts: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    length, sentence, previous = 0, None, None
    for t_id, sent, word in tokens:
        if sentence is not None and sent != sentence:
            parts.append("\n\n")
            length += 2
        elif previous is not None and word not in _NO_SPACE_BEFORE and previous not in _NO_SPACE_AFTER:
            parts.append(" ")
            length += 1
        spans[t_id] = (length, length + len(word))
        parts.append(word)
        length += len(word)
        sentence, previous = sent, word
    return "".join(parts), spans


def read_document(path: Path, *, subtopic: str, selected: set[int] | None) -> GoldDocument:
    """Read one ECB+ XML file; keep the event mentions of the ``selected`` sentences."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise EvaluationError(f"cannot read {path}: {exc}") from exc
    tokens = [(t.get("t_id"), int(t.get("sentence")), t.text or "") for t in root.iter("token")]
    text, spans = _detokenise(tokens)
    sentence_of = {t_id: sent for t_id, sent, _ in tokens}
    chains: dict[str, str] = {}
    for kind in ("CROSS_DOC_COREF", "INTRA_DOC_COREF"):
        for relation in root.iter(kind):
            name = relation.get("note") or f"{path.stem}:{relation.get('r_id')}"
            for source in relation.iter("source"):
                chains.setdefault(source.get("m_id"), name if kind == "CROSS_DOC_COREF" else f"{path.stem}:{name}")
    mentions = []
    markables = root.find("Markables")
    for markable in markables if markables is not None else ():
        if not markable.tag.startswith(("ACTION", "NEG")):
            continue
        anchors = [a.get("t_id") for a in markable.iter("token_anchor") if a.get("t_id") in spans]
        if not anchors:
            continue  # a descriptor of an instance, not a mention in the text
        if selected is not None and sentence_of[anchors[0]] not in selected:
            continue
        m_id = markable.get("m_id")
        start, end = min(spans[a][0] for a in anchors), max(spans[a][1] for a in anchors)
        mentions.append((m_id, start, end, chains.get(m_id, f"{path.stem}:m{m_id}")))
    return GoldDocument(name=path.stem, subtopic=subtopic, text=text, mentions=tuple(mentions))


def read_corpus(path: Path) -> list[GoldDocument]:
    """Read the corpus at ``path`` (the folder holding ``ECB+/`` and ``doc_clusters.tsv``)."""
    clusters, sentences = path / "doc_clusters.tsv", path / "ECBplus_coreference_sentences.csv"
    if not clusters.is_file():
        raise EvaluationError(f"{path} has no doc_clusters.tsv; give the ecbplus folder")
    selected: dict[str, set[int]] = defaultdict(set)
    if sentences.is_file():
        with sentences.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                selected[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    docs = []
    with clusters.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            file = path / "ECB+" / row["path"]
            name = file.name.removesuffix(".xml")
            docs.append(read_document(file, subtopic=row["subtopic"],
                                      selected=selected.get(name, set()) if sentences.is_file() else None))  # fmt: skip
    return docs


# -- coreference metrics -----------------------------------------------------------------------


def _clusters(assignment: Mapping[Hashable, Hashable]) -> list[set[Hashable]]:
    out: dict[Hashable, set[Hashable]] = defaultdict(set)
    for item, cluster in assignment.items():
        out[cluster].add(item)
    return list(out.values())


def _prf(p_num: float, p_den: float, r_num: float, r_den: float) -> dict[str, float]:
    p = p_num / p_den if p_den else 0.0
    r = r_num / r_den if r_den else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def muc(key: list[set], response: list[set]) -> dict[str, float]:
    """MUC (Vilain et al. 1995): links shared by the two partitions."""

    def score(a: list[set], b: list[set]) -> tuple[int, int]:
        where = {m: i for i, c in enumerate(b) for m in c}
        num = sum(len(c) - len({where.get(m, ("alone", m)) for m in c}) for c in a)
        return num, sum(len(c) - 1 for c in a)

    r_num, r_den = score(key, response)
    p_num, p_den = score(response, key)
    return _prf(p_num, p_den, r_num, r_den)


def b_cubed(key: list[set], response: list[set]) -> dict[str, float]:
    """B-cubed (Bagga & Baldwin 1998): per-mention overlap of its two clusters."""
    key_of = {m: c for c in key for m in c}
    response_of = {m: c for c in response for m in c}
    mentions = list(key_of)
    shared = {m: len(key_of[m] & response_of[m]) for m in mentions}
    p = sum(shared[m] / len(response_of[m]) for m in mentions)
    r = sum(shared[m] / len(key_of[m]) for m in mentions)
    return _prf(p, len(mentions), r, len(mentions))


def ceaf_e(key: list[set], response: list[set]) -> dict[str, float]:
    """Entity-based CEAF (Luo 2005): the best one-to-one alignment of clusters by phi4."""
    from scipy.optimize import linear_sum_assignment

    if not key or not response:
        return _prf(0, 1, 0, 1)
    import numpy as np

    sim = np.zeros((len(key), len(response)))
    for i, k in enumerate(key):
        for j, r in enumerate(response):
            shared = len(k & r)
            if shared:
                sim[i, j] = 2 * shared / (len(k) + len(r))
    rows, cols = linear_sum_assignment(-sim)
    total = float(sim[rows, cols].sum())
    return _prf(total, len(response), total, len(key))


def coreference_scores(key: Mapping[Hashable, Hashable], response: Mapping[Hashable, Hashable]) -> dict[str, Any]:
    """Return MUC, B-cubed, CEAF-e and CoNLL F1 of ``response`` against ``key`` (same mentions)."""
    gold, system = _clusters(key), _clusters(response)
    out: dict[str, Any] = {"muc": muc(gold, system), "b_cubed": b_cubed(gold, system), "ceaf_e": ceaf_e(gold, system)}
    out["conll_f1"] = round(sum(out[m]["f1"] for m in ("muc", "b_cubed", "ceaf_e")) / 3, 4)
    return out


def adjusted_rand_index(labels_true: Iterable[Hashable], labels_pred: Iterable[Hashable]) -> float:
    """Return the adjusted Rand index (Hubert & Arabie 1985) of two labellings of the same items."""
    pairs = list(zip(labels_true, labels_pred, strict=True))
    n = len(pairs)
    if n < 2:
        return 1.0
    joint = sum(comb(c, 2) for c in Counter(pairs).values())
    a = sum(comb(c, 2) for c in Counter(t for t, _ in pairs).values())
    b = sum(comb(c, 2) for c in Counter(p for _, p in pairs).values())
    expected = a * b / comb(n, 2)
    best = (a + b) / 2
    return round((joint - expected) / (best - expected), 4) if best != expected else 1.0


# -- the run --------------------------------------------------------------------------------------


def evaluate(path: Path, *, settings, limit: int | None = None) -> dict[str, Any]:
    """Ingest the ECB+ documents into a fresh store and score its merged events."""
    from eventwire.pipeline import ingest
    from eventwire.store import Store

    docs = read_corpus(path)[:limit]
    raws = [RawArticle(id=d.name, text=d.text, source=d.name) for d in docs]
    with tempfile.TemporaryDirectory(prefix="eventwire-ecbplus-") as tmp, Store(Path(tmp) / "ecb.duckdb") as store:
        summary = ingest(raws, store=store, settings=settings, command="eval ecbplus")
        texts = dict(store.con.sql("SELECT id, text FROM articles").fetchall())
        events = store.con.sql(
            "SELECT article_id, trigger.start AS s, trigger.\"end\" AS e, merged_id FROM events"
        ).fetchall()
        copies = dict(store.con.sql("SELECT article_id, original_id FROM duplicates").fetchall())
    by_article: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for article_id, start, end, merged in events:
        by_article[article_id].append((start, end, merged))
    key: dict[tuple[str, str], str] = {}
    response: dict[tuple[str, str], str] = {}
    gold_total = 0
    doc_events: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        gold_total += len(doc.mentions)
        cleaned = texts.get(doc.name)
        if cleaned is None:  # rejected, or a copy of an earlier document (not extracted)
            continue
        mapping = char_map(doc.text, cleaned)
        for m_id, start, end, chain in doc.mentions:
            positions = [p for p in mapping[start:end] if p is not None]
            if not positions:
                continue
            lo, hi = min(positions), max(positions) + 1
            hits = [merged for s, e, merged in by_article[doc.name] if s < hi and lo < e]
            if hits:
                key[(doc.name, m_id)] = chain
                response[(doc.name, m_id)] = hits[0]
        doc_events[doc.name] = {merged for _, _, merged in by_article[doc.name]}
    # Documents sharing a merged event form one cluster (union-find); a copy joins its original.
    parent = {d.name: d.name for d in docs}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    owner: dict[str, str] = {}
    for name, merged_ids in doc_events.items():
        for merged in merged_ids:
            if merged in owner:
                parent[find(name)] = find(owner[merged])
            else:
                owner[merged] = name
    for copy, original in copies.items():
        if copy in parent and original in parent:
            parent[find(copy)] = find(original)
    singletons = {m: m for m in key}
    return {
        "documents": len(docs),
        "rejected": summary.rejections,
        "gold_mentions": gold_total,
        "mentions_found": len(key),
        "mention_recall": round(len(key) / gold_total, 4) if gold_total else 0.0,
        "merging": coreference_scores(key, response),
        "singleton_baseline": coreference_scores(key, singletons),
        "doc_ari": adjusted_rand_index([d.subtopic for d in docs], [find(d.name) for d in docs]),
        "doc_clusters": len({find(d.name) for d in docs}),
        "gold_doc_clusters": len({d.subtopic for d in docs}),
    }
