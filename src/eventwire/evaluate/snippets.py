"""Score whether a news snippet reports political violence, protest, cooperation or none of these.

The gold (``bench/snippets/violence.jsonl``, written by the project) is one JSON object per line:
``{"id", "text", "published", "label"}``, one to three sentences each, ``label`` one of

- ``violence``: armed attacks, bombings, shelling, killings by an armed or state actor,
  abductions, security forces' force against protesters;
- ``protest``: demonstrations, strikes, riots (a violent demonstration is a protest);
- ``cooperation``: agreements, aid, talks;
- ``none``: natural disasters, accidents, fires, epidemics, ordinary crime with no political
  actor, sport; many of them with the words of violence ("a gas explosion killed four").

Each snippet goes through the whole pipeline, and its events give it one predicted class, the most
severe they show: ``violence`` if any event is an ASSAULT or a COERCE, else ``protest`` if any is a
PROTEST, else ``cooperation`` if any is an AGREE, CONSULT, SUPPORT, CONCEDE, COOPERATE, AID or
RETREAT, else ``none``. Every event counts, whatever its status: the question is what the text is
about.

Metrics: ``accuracy``, ``per_class`` precision, recall, F1 and support, ``confusion``
{gold: {predicted: count}}, ``macro_f1``, ``violence_precision`` (of the snippets predicted
violent, the share that are) and ``errors``, the snippets classed wrongly with their events.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.errors import EvaluationError
from eventwire.evaluate.plover import classification_scores
from eventwire.model import Event, RawArticle

CLASSES = ("violence", "protest", "cooperation", "none")
# Each class and the event types that show it, most severe first.
_CLASS_TYPES = (
    ("violence", frozenset({"ASSAULT", "COERCE"})),
    ("protest", frozenset({"PROTEST"})),
    ("cooperation", frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Snippet:
    """One labelled snippet."""

    id: str
    text: str
    published: dt.date
    label: str


def read(path: Path) -> list[Snippet]:
    """Read a snippet file.

    Raises:
        EvaluationError: the file cannot be read, a line is not a snippet (the message names the
            line and what to fix), or two snippets share an id.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"cannot read snippets from {path}: {exc}") from exc
    snippets: list[Snippet] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvaluationError(f"{where}: not JSON ({exc.msg}); one snippet per line") from exc
        if not isinstance(record, dict):
            raise EvaluationError(f"{where}: not a JSON object")
        snippet_id, text, label = record.get("id"), record.get("text"), record.get("label")
        if not isinstance(snippet_id, str) or not snippet_id:
            raise EvaluationError(f"{where}: no \"id\"")
        if snippet_id in seen:
            raise EvaluationError(f"{where}: the id {snippet_id!r} is used twice")
        if not isinstance(text, str) or not text.strip():
            raise EvaluationError(f"{where} ({snippet_id}): no \"text\"")
        if label not in CLASSES:
            raise EvaluationError(f"{where} ({snippet_id}): label {label!r}; expected one of {', '.join(CLASSES)}")
        try:
            published = dt.date.fromisoformat(record.get("published"))
        except (TypeError, ValueError):
            raise EvaluationError(f"{where} ({snippet_id}): \"published\" must be YYYY-MM-DD") from None
        seen.add(snippet_id)
        snippets.append(Snippet(id=snippet_id, text=text, published=published, label=label))
    if not snippets:
        raise EvaluationError(f"{path} holds no snippets")
    return snippets


def predicted_class(events: Iterable[Event]) -> str:
    """Return the most severe class the events show (see the module docstring)."""
    types = {e.event_type for e in events}
    for name, shown_by in _CLASS_TYPES:
        if types & shown_by:
            return name
    return "none"


def score(snippets: Iterable[Snippet], events: Mapping[str, Iterable[Event]]) -> dict[str, Any]:
    """Score the classes predicted from each snippet's events (by snippet id)."""
    snippets = list(snippets)
    coded = {s.id: list(events.get(s.id, ())) for s in snippets}
    pairs = [(s.label, predicted_class(coded[s.id])) for s in snippets]
    scores = classification_scores(pairs, labels=CLASSES)
    confusion = {g: {p: scores["confusion"].get(g, {}).get(p, 0) for p in CLASSES} for g in CLASSES}
    return {
        "accuracy": scores["accuracy"],
        "macro_f1": scores["macro_f1"],
        "violence_precision": scores["per_class"]["violence"]["precision"],
        "per_class": scores["per_class"],
        "confusion": confusion,
        "snippets": len(snippets),
        "errors": [{"id": s.id, "label": s.label, "predicted": p, "text": s.text,
                    "events": [f"{e.event_type} {e.status} {e.trigger.text!r}" for e in coded[s.id]]}
                   for s, (_, p) in zip(snippets, pairs) if p != s.label],
    }  # fmt: skip


def evaluate(path: Path, *, settings) -> dict[str, Any]:
    """Score the pipeline on the snippet file at ``path``.

    Raises:
        EvaluationError: the file cannot be read, or the pipeline refused a snippet.
    """
    from eventwire.evaluate.articles import extract_all

    snippets = read(path)
    raws = [RawArticle(id=s.id, text=s.text, published=s.published, source=str(path)) for s in snippets]
    extractions = extract_all(raws, settings=settings)
    return score(snippets, {k: x.events for k, x in extractions.items()})


def render(metrics: Mapping[str, Any], *, verbose: bool = False) -> str:
    """Return the confusion matrix and per-class scores as text; ``verbose`` lists the errors."""
    m = metrics
    width = max(len(c) for c in CLASSES) + 2
    lines = [f"{m['snippets']} snippets, accuracy {m['accuracy']:.3f}, macro-F1 {m['macro_f1']:.3f}, "
             f"violence precision {m['violence_precision']:.3f}", "",
             "gold \\ predicted".ljust(18) + "".join(c.rjust(width) for c in CLASSES)]  # fmt: skip
    for gold in CLASSES:
        lines.append(gold.ljust(18) + "".join(str(m["confusion"][gold][p]).rjust(width) for p in CLASSES))
    lines += ["", f"{'class':<14}{'precision':>10}{'recall':>8}{'F1':>8}{'support':>9}"]
    for name in CLASSES:
        row = m["per_class"][name]
        lines.append(f"{name:<14}{row['precision']:>10.3f}{row['recall']:>8.3f}{row['f1']:>8.3f}{row['support']:>9}")
    lines += ["", f"{len(m['errors'])} snippets classed wrongly" + (":" if verbose else " (-v lists them)")]
    if verbose:
        for e in m["errors"]:
            lines.append(f"  {e['id']}  {e['label']} -> {e['predicted']}  [{', '.join(e['events']) or 'no event'}]  "
                         f"{e['text']}")  # fmt: skip
    return "\n".join(lines)
