"""Score the choice of an event's location on Halterman's event-location data.

``labeled_text.json`` holds sentences, each with one annotated verb and the tokens of the places
where its event happened (none, one or several). For each item, eventwire parses the sentence,
takes as candidates the toponyms it resolves (``find_places``) and spaCy's GPE, LOC and FAC
entities, and keeps those that :func:`eventwire.extract.events.locate` assigns to the verb.

Metrics, over the items with a gold verb: token ``precision`` and ``recall`` of location tokens
and their ``f1`` (Halterman 2019 reports token P and R "over 0.83" for a trained model);
``accuracy``, the share of items whose predicted set of location tokens equals the gold set
(items with no location count when the system gives none). They are given for the gold-standard
subset (``source: RELABEL``, the primary figures) and for all items (``all.*``).
"""

from __future__ import annotations

import json
import pathlib
from dataclasses import dataclass
from typing import Any

from spacy.language import Language

from eventwire.errors import EvaluationError
from eventwire.extract.events import locate
from eventwire.lexicon import Lexicon
from eventwire.extract.places import find_places
from eventwire.gazetteer import Gazetteer
from eventwire.model import Article

GOLD_SOURCE = "RELABEL"
_ENTITY_LABELS = ("GPE", "LOC", "FAC")


@dataclass(frozen=True, slots=True, kw_only=True)
class Item:
    """One sentence, its annotated verb (character span) and the characters of its locations."""

    text: str
    verb: tuple[int, int]
    locations: tuple[tuple[int, int], ...]
    gold: bool


def read(path: pathlib.Path) -> list[Item]:
    """Read ``labeled_text.json`` (or the folder holding it).

    Raises:
        EvaluationError: the file is missing or not the expected JSON.
    """
    file = path / "labeled_text.json" if path.is_dir() else path
    try:
        records = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"cannot read {file}: {exc}") from exc
    if not isinstance(records, list):
        raise EvaluationError(f"{file}: expected a JSON array of records")
    items = []
    for record in records:
        spans = record.get("spans") if isinstance(record, dict) else None
        if not spans or not isinstance(record.get("text"), str):
            continue
        tokens = record.get("tokens") or []
        verbs = [_chars(s, tokens) for s in spans if s.get("label") == "VERB"]
        if len(verbs) != 1:
            continue  # the scorer needs one event per item
        locations = tuple(_chars(s, tokens) for s in spans if s.get("label") == "LOCATION")
        items.append(Item(text=record["text"], verb=verbs[0], locations=locations,
                          gold=record.get("source") == GOLD_SOURCE))  # fmt: skip
    if not items:
        raise EvaluationError(f"{file} holds no items with an annotated verb")
    return items


def _chars(span: dict[str, Any], tokens: list[dict[str, Any]]) -> tuple[int, int]:
    """A span's character offsets, from its tokens where it has them: in the relabelled records
    ``start``/``end`` are sometimes token numbers, while ``token_start``/``token_end`` are right."""
    first, last = span.get("token_start"), span.get("token_end")
    if first is not None and last is not None and 0 <= first <= last < len(tokens):
        return tokens[first]["start"], tokens[last]["end"]
    return span["start"], span["end"]


def predict(items: list[Item], *, nlp: Language, gazetteer: Gazetteer, lexicon: Lexicon) -> list[tuple[tuple[int, int], ...]]:
    """Return, for each item, the character spans eventwire gives as its event's location."""
    out = []
    for item, doc in zip(items, nlp.pipe((i.text for i in items), batch_size=256), strict=True):
        verb = doc.char_span(*item.verb, alignment_mode="expand")
        if verb is None or not len(verb):
            out.append(())
            continue
        article = Article(id="item", text=item.text)
        candidates = {(p.start, p.end) for p in find_places(doc, article=article, gazetteer=gazetteer)}
        candidates |= {(e.start_char, e.end_char) for e in doc.ents if e.label_ in _ENTITY_LABELS}
        out.append(locate(doc, verb.root, sorted(candidates), lexicon=lexicon))
    return out


def _tokens(text: str, spans) -> set[int]:
    """The word positions (by character offset of each word's start) covered by ``spans``."""
    starts = set()
    for start, end in spans:
        pos = start
        for word in text[start:end].split():
            at = text.index(word, pos)
            starts.add(at)
            pos = at + len(word)
    return starts


def scores(items: list[Item], predicted: list[tuple[tuple[int, int], ...]]) -> dict[str, Any]:
    """Token precision, recall, F1 and exact-set accuracy of predicted locations."""
    tp = fp = fn = exact = 0
    for item, spans in zip(items, predicted, strict=True):
        gold = _tokens(item.text, item.locations)
        system = _tokens(item.text, spans)
        tp += len(gold & system)
        fp += len(system - gold)
        fn += len(gold - system)
        exact += gold == system
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "accuracy": exact / len(items), "n": len(items)}


def evaluate(path: pathlib.Path, *, nlp: Language, gazetteer: Gazetteer, lexicon: Lexicon) -> dict[str, Any]:
    """Score location choice on the gold subset (primary) and on every item (``all``)."""
    items = read(path)
    predicted = predict(items, nlp=nlp, gazetteer=gazetteer, lexicon=lexicon)
    gold = [(i, p) for i, p in zip(items, predicted, strict=True) if i.gold]
    metrics = scores([i for i, _ in gold], [p for _, p in gold]) if gold else {}
    metrics["all"] = scores(items, predicted)
    return metrics
