"""Score event coding on ConfliBERT's CAMEO pentacode sentences (``pentacode_train.tsv``).

Each line is a news sentence and its class (tab-separated, CSV quoting):

    0 make statement   1 verbal cooperation   2 material cooperation
    3 verbal conflict  4 material conflict

A coded sentence's class is that of its **main event** (highest ``confidence``, the first of
equals): from the root of its ``cameo`` code when it has a valid one, else from its PLOVER type.

    ============ ===== ===================================================================
    CAMEO root   class PLOVER type (used when the event has no CAMEO code)
    ============ ===== ===================================================================
    01, 02         0   REQUEST (see below); PLOVER has no type for statements
    03, 04, 05     1   AGREE, CONSULT, SUPPORT
    06, 07, 08     2   COOPERATE, AID, CONCEDE, RETREAT
    09 .. 13, 16   3   ACCUSE, REJECT, THREATEN, SANCTION
    14, 15, 17..20 4   PROTEST, MOBILIZE, COERCE, ASSAULT
    ============ ===== ===================================================================

Choices, checked against the gold data rather than assumed:

- **REQUEST -> 0.** PLOVER's REQUEST joins CAMEO 02 (appeal) and 10 (demand). In this data the
  appeals ("urged", "called on", "asked") are class 0 and more frequent than explicit demands, so
  a REQUEST without a CAMEO code is 0; one whose code has root 10 is 3.
- **SANCTION / root 16 -> 3.** The usual CAMEO grouping (GDELT's QuadClass, for one) puts 14-20
  in material conflict, but this data labels sanctions and expulsions (16x) verbal conflict, as
  PLOVER's own quad table does for SANCTION.
- **CONCEDE -> 2**, with its CAMEO root 08 (yield), although PLOVER's quad table files CONCEDE as
  verbal cooperation: the data labels eased restrictions and releases material cooperation.
- **No event -> 0.** A sentence the coder finds no event in is scored as a statement: that is what
  such news sentences mostly are (PLOVER does not code statements). So is a sentence whose events
  are all background mentions, with a confidence below ``MAIN_EVENT_CONFIDENCE`` (0.5): events in
  relative clauses, in things hoped or wished for, or inside a statement such as "expressed
  condolences over the attack" or "declined to comment on the talks".

Metrics: ``accuracy``; per-class precision, recall, F1 and support; ``macro_f1`` (mean F1 of the
classes present in the gold data: all five in the real file); ``confusion`` (rows gold, columns
predicted, in class order); ``any_match_accuracy`` (some event of the sentence has the gold class,
or there is none and the gold class is 0).
"""

from __future__ import annotations

import csv
import io
import pathlib
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from eventwire.cameo import cameo_root
from eventwire.errors import EvaluationError
from eventwire.evaluate.plover import BATCH_SIZE, Coder, classification_scores, code_all, main_event
from eventwire.model import Event

CLASSES: tuple[int, ...] = (0, 1, 2, 3, 4)
MAIN_EVENT_CONFIDENCE = 0.5  # below it, an event is a background mention, not the sentence's act
CLASS_NAMES: Mapping[int, str] = MappingProxyType({
    0: "make statement", 1: "verbal cooperation", 2: "material cooperation",
    3: "verbal conflict", 4: "material conflict",
})  # fmt: skip

ROOT_CLASS: Mapping[str, int] = MappingProxyType({
    "01": 0, "02": 0, "03": 1, "04": 1, "05": 1, "06": 2, "07": 2, "08": 2,
    "09": 3, "10": 3, "11": 3, "12": 3, "13": 3, "16": 3,
    "14": 4, "15": 4, "17": 4, "18": 4, "19": 4, "20": 4,
})  # fmt: skip

TYPE_CLASS: Mapping[str, int] = MappingProxyType({
    "REQUEST": 0, "AGREE": 1, "CONSULT": 1, "SUPPORT": 1,
    "COOPERATE": 2, "AID": 2, "CONCEDE": 2, "RETREAT": 2,
    "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "SANCTION": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
})  # fmt: skip
NO_EVENT_CLASS = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldItem:
    """One gold sentence and its pentacode class."""

    id: str  # the line number in the file
    text: str
    label: int


def read(path: pathlib.Path) -> list[GoldItem]:
    """Read the pentacode TSV: ``sentence <TAB> class`` per line, CSV quoting.

    Raises:
        EvaluationError: the file cannot be read, or a line lacks a sentence or a class 0-4.
    """
    path = pathlib.Path(path)
    try:
        data = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"cannot read pentacode file {path}: {exc}; point it at "
                              "conflibert-cameo/pentacode_train.tsv") from exc  # fmt: skip
    items = []
    reader = csv.reader(io.StringIO(data, newline=""), delimiter="\t")
    for row in reader:
        where = f"{path}:{reader.line_num}"
        if not row or not any(cell.strip() for cell in row):
            continue
        if len(row) != 2:
            raise EvaluationError(f"{where}: expected 2 tab-separated fields (sentence, class), "
                                  f"got {len(row)}")  # fmt: skip
        text, label = row[0].strip(), row[1].strip()
        if not text or label not in {str(c) for c in CLASSES}:
            raise EvaluationError(f"{where}: expected a sentence and a class 0-4, got {label!r}")
        items.append(GoldItem(id=str(reader.line_num), text=text, label=int(label)))
    return items


def event_class(event: Event | None) -> int:
    """Return the pentacode class of a coded event (see the module docstring); None is class 0.

    Raises:
        EvaluationError: the event has neither a CAMEO code of a known root nor a PLOVER type.
    """
    if event is None:
        return NO_EVENT_CLASS
    root = cameo_root(event.cameo)
    if root is not None and root in ROOT_CLASS:
        return ROOT_CLASS[root]
    if event.event_type in TYPE_CLASS:
        return TYPE_CLASS[event.event_type]
    raise EvaluationError(f"event {event.id} has type {event.event_type!r} and CAMEO code "
                          f"{event.cameo!r}: neither gives a pentacode class")  # fmt: skip


def evaluate(path: pathlib.Path, *, code: Coder, batch_size: int = BATCH_SIZE) -> dict[str, Any]:
    """Score a coder on the pentacode sentences (see the module docstring).

    Args:
        path: ``conflibert-cameo/pentacode_train.tsv``.
        code: takes a batch of sentences, returns the events coded from each.
        batch_size: sentences per call of ``code``.

    Returns:
        ``accuracy``, ``macro_f1``, ``any_match_accuracy``, ``per_class`` {0..4: {precision,
        recall, f1, support}}, ``confusion`` (a 5 x 5 list, rows gold), ``labels``, ``no_event``
        (sentences without an event) and ``n``.

    Raises:
        EvaluationError: the gold file cannot be read or is empty, or the coder misbehaves.
    """
    items = read(path)
    if not items:
        raise EvaluationError(f"{path} holds no sentences to score")
    coded = code_all([item.text for item in items], code=code, batch_size=batch_size)
    pairs = []
    any_match = 0
    for item, events in zip(items, coded, strict=True):
        main = main_event(events)
        if main is not None and main.confidence < MAIN_EVENT_CONFIDENCE:
            main = None
        pairs.append((item.label, event_class(main)))
        classes = {event_class(e) for e in events} or {NO_EVENT_CLASS}
        any_match += item.label in classes
    scores = classification_scores(pairs, labels=CLASSES)
    confusion = [[scores["confusion"].get(g, {}).get(p, 0) for p in CLASSES] for g in CLASSES]
    return {
        "accuracy": scores["accuracy"],
        "macro_f1": scores["macro_f1"],
        "any_match_accuracy": any_match / len(items),
        "per_class": scores["per_class"],
        "confusion": confusion,
        "labels": list(CLASSES),
        "no_event": sum(1 for events in coded if not events),
        "n": len(items),
    }
