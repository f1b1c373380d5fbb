"""Score the time-expression extractor on TempEval-3 Task A (TIMEX3 recognition and normalisation).

The gold data are TimeML ``.tml`` files (TimeBank and AQUAINT, as cleaned for TempEval-3). Each
file's document creation time (the ``TIMEX3`` with ``functionInDocument="CREATION_TIME"``) is the
article's publication date, and the text of its ``TEXT`` element is the article text; gold offsets
are taken in that text.

The scores follow the official TempEval-3 scorer (``TE3-evaluation.py``, entity part):

- *strict* match: a predicted and a gold expression have the same extent; *relaxed* match: they
  overlap. Recall counts gold expressions with a match, precision counts predicted ones with a
  match, each over its own total.
- *type/value accuracy*: of the gold expressions that have a relaxed match, the share whose matched
  prediction (the one with the same extent, else the one that overlaps most) has the same type / the
  identical value string. Like the official scorer (``g.value == s.value``), values are not
  normalised: ``2000-W7`` in the gold does not match the ISO ``2000-W07``, nor ``T24`` ``T24:00``.
- *type/value F1*: the relaxed-match F1 times the type/value accuracy; the official scorer's
  "Attribute F1", and the figure TempEval-3 ranks normalisation by.

The official scorer matches on tokens; matching on characters gives the same pairs except where an
expression starts or ends inside a token, which the gold extents never do.
"""

from __future__ import annotations

import datetime as dt
import io
import pathlib
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

from eventwire.errors import EvaluationError
from eventwire.extract.timex import find_timexes
from eventwire.model import Article, Timex


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldTimex:
    """A gold TIMEX3 in the text of a TimeML document."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldDocument:
    """A TimeML document: its text, creation date and gold time expressions."""

    id: str
    text: str
    published: dt.date | None
    timexes: tuple[GoldTimex, ...]


@dataclass(slots=True)
class _Counts:
    gold: int = 0
    predicted: int = 0
    strict_gold: int = 0  # gold expressions with a strict match
    relaxed_gold: int = 0
    strict_predicted: int = 0  # predicted expressions with a strict match
    relaxed_predicted: int = 0
    type_correct: int = 0
    value_correct: int = 0

    def add(self, other: _Counts) -> None:
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def read_tml(path: pathlib.Path) -> GoldDocument:
    """Read a TimeML file into its text, creation date and gold time expressions.

    Raises:
        EvaluationError: the file cannot be read, is not XML or has no ``TEXT`` element.
    """
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise EvaluationError(
            f"cannot read TimeML file {path}: {exc}; check that it is a TempEval-3 .tml file"
        ) from exc
    text_element = root.find("TEXT")
    if text_element is None:
        raise EvaluationError(f"{path} has no TEXT element; is it a TimeML document?")
    text = io.StringIO()
    timexes: list[GoldTimex] = []
    _walk(text_element, text, timexes)
    docid = root.findtext("DOCID") or path.stem
    return GoldDocument(
        id=docid.strip(),
        text=text.getvalue(),
        published=_creation_date(root, path),
        timexes=tuple(timexes),
    )


def _walk(element: ET.Element, text: io.StringIO, timexes: list[GoldTimex]) -> None:
    """Write ``element``'s text to ``text`` and record the TIMEX3 elements inside it."""
    offset = text.tell()  # in characters, for a StringIO
    if element.tag == "TIMEX3":
        content = "".join(element.itertext())
        timexes.append(
            GoldTimex(
                start=offset,
                end=offset + len(content),
                text=content,
                type=element.get("type", ""),
                value=element.get("value", ""),
            )
        )
        text.write(content)
    else:
        text.write(element.text or "")
        for child in element:
            _walk(child, text, timexes)
            text.write(child.tail or "")


def _creation_date(root: ET.Element, path: pathlib.Path) -> dt.date | None:
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            value = timex.get("value", "")
            try:
                return dt.date.fromisoformat(value[:10])
            except ValueError as exc:
                raise EvaluationError(
                    f"{path}: creation time {value!r} is not an ISO date"
                ) from exc
    return None


def _score_document(gold: GoldDocument, predicted: tuple[Timex, ...]) -> _Counts:
    """Count the matches between a document's gold and predicted time expressions."""
    counts = _Counts(gold=len(gold.timexes), predicted=len(predicted))
    for g in gold.timexes:
        overlapping = [p for p in predicted if p.start < g.end and g.start < p.end]
        if not overlapping:
            continue
        counts.relaxed_gold += 1
        best = max(
            overlapping,
            key=lambda p: (
                (p.start, p.end) == (g.start, g.end),
                min(p.end, g.end) - max(p.start, g.start),
            ),
        )
        counts.strict_gold += (best.start, best.end) == (g.start, g.end)
        counts.type_correct += best.type == g.type
        counts.value_correct += best.value == g.value
    for p in predicted:
        overlapping = [g for g in gold.timexes if p.start < g.end and g.start < p.end]
        counts.relaxed_predicted += bool(overlapping)
        counts.strict_predicted += any((g.start, g.end) == (p.start, p.end) for g in overlapping)
    return counts


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def evaluate(path: pathlib.Path, *, nlp: Any) -> dict[str, Any]:
    """Score :func:`find_timexes` on the TimeML files under ``path`` (TempEval-3 Task A).

    Args:
        path: a ``.tml`` file or a folder searched recursively for them, such as
            ``benchmarks/tempeval3/TBAQ-cleaned``.
        nlp: the loaded spaCy pipeline.

    Returns:
        ``strict_*`` and ``relaxed_*`` precision, recall and F1, ``type_accuracy``,
        ``value_accuracy``, ``type_f1``, ``value_f1`` (see the module docstring), and the numbers of
        ``documents``, ``gold`` and ``predicted`` expressions.

    Raises:
        EvaluationError: there is no ``.tml`` file under ``path``, or one cannot be read.
    """
    path = pathlib.Path(path)
    files = [path] if path.is_file() else sorted(path.rglob("*.tml"))
    if not files:
        raise EvaluationError(f"no .tml files under {path}; point it at the TBAQ-cleaned folder")
    documents = [read_tml(f) for f in files]
    total = _Counts()
    texts = (d.text for d in documents)
    for document, doc in zip(documents, nlp.pipe(texts), strict=True):
        article = Article(id=document.id, text=document.text, published=document.published)
        total.add(_score_document(document, find_timexes(doc, article=article)))
    strict_p = _ratio(total.strict_predicted, total.predicted)
    strict_r = _ratio(total.strict_gold, total.gold)
    relaxed_p = _ratio(total.relaxed_predicted, total.predicted)
    relaxed_r = _ratio(total.relaxed_gold, total.gold)
    relaxed_f1 = _f1(relaxed_p, relaxed_r)
    type_accuracy = _ratio(total.type_correct, total.relaxed_gold)
    value_accuracy = _ratio(total.value_correct, total.relaxed_gold)
    return {
        "strict_f1": _f1(strict_p, strict_r),
        "relaxed_f1": relaxed_f1,
        "strict_precision": strict_p,
        "strict_recall": strict_r,
        "relaxed_precision": relaxed_p,
        "relaxed_recall": relaxed_r,
        "type_accuracy": type_accuracy,
        "value_accuracy": value_accuracy,
        "type_f1": relaxed_f1 * type_accuracy,
        "value_f1": relaxed_f1 * value_accuracy,
        "documents": len(documents),
        "gold": total.gold,
        "predicted": total.predicted,
    }
