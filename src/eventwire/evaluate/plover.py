"""Score event coding on the PLOVER gold standard records (``plover-gsr/PLOVER_GSR_CAMEO.json``).

The file is a JSON array of records, one coded event each, made from the example sentences of the
CAMEO manual. It predates the current PLOVER names; ``read`` converts them:

    ============  ===========  ==========================================
    in the file   scored as    gold mode
    ============  ===========  ==========================================
    DEMAND        REQUEST      as coded
    DISAPPROVE    ACCUSE       ``disapprove`` or ``allege``
    INVESTIGATE   ACCUSE       ``investigate``
    FIGHT         ASSAULT      as coded
    DOCUMENT      (skipped: documentation of the file, not an event)
    ============  ===========  ==========================================

and renames the modes that have changed since (``_MODE_ALIASES``: ``strike-hun`` -> ``hunger``,
``demo-org`` -> ``demo``, ``host`` -> ``visit``, ...). System modes go through the same table.
Gold actor codes are normalised too: misspelt country codes fixed (``JAP`` -> ``JPN``), codes that
are neither ISO 3166 alpha-3 nor an organisation code read as "no country", sectors cut to three
letters (``CVLalb`` -> ``CVL``) and ``***`` read as "no sector".

Metrics (``evaluate``):

- Each distinct sentence is coded once. A sentence with *k* gold records is compared with the
  system's *k* most confident events, paired one-to-one so that as many event types agree as
  possible; for the usual *k* = 1 a record is compared with the system's **main event**, the one
  with the highest ``confidence`` (the first of equals). ``accuracy`` is the share of records
  whose paired event has the gold type; a record left without an event is wrong (predicted class
  ``NONE``). ``any_match_accuracy`` counts a record right if *any* event of its sentence has the
  gold type.
- ``per_class`` precision, recall, F1 and support over the paired (record, event) types;
  ``macro_f1`` is the mean F1 over the classes that occur in the gold data.
- ``source`` / ``target``: a record's actors are right when the paired event's actors match the
  gold actors one-to-one (same number of actors). An actor is (country, sector): country an ISO
  3166 alpha-3 code, or ``IGO``/``NGO``/``IMG`` for organisations without a country (a system
  actor with no country and such a sector counts as that code). ``accuracy`` needs both right,
  where a gold actor without a sector accepts any system sector (the gold data leaves the sector
  out for, e.g., "Israel"), but not the reverse: a gold ``IGOMIL`` (NATO troops) or ``IGOGOV``
  needs the organisation actor's ``agent`` (MIL, GOV); ``country_accuracy`` ignores sectors. Both are over all records (no
  event = wrong); ``accuracy_when_type_correct`` only over records whose type is right. No gold
  target and no system target is a match.
- ``mode``: over the records that have a gold mode and whose type is right, the share whose
  paired event has an acceptable mode.

The module also holds the helpers the other event scorers share: :func:`code_all` (batched calls
of the coder), :func:`main_event`, :func:`actor_key`, :func:`count_matches` and
:func:`classification_scores`.
"""

from __future__ import annotations

import json
import pathlib
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import pycountry

from eventwire.errors import EvaluationError
from eventwire.model import EVENT_TYPES, Actor, Event

Coder = Callable[[list[str]], list[list[Event]]]
BATCH_SIZE = 256
NO_EVENT = "NONE"

# Organisation codes that stand in the country slot of a CAMEO/PLOVER actor code.
ORG_CODES = frozenset({"IGO", "NGO", "IMG", "MNC"})

# Old PLOVER event names in the gold file -> (current type, acceptable modes or None = as coded).
_EVENT_NAMES: dict[str, tuple[str, frozenset[str] | None]] = {
    "DEMAND": ("REQUEST", None),
    "DISAPPROVE": ("ACCUSE", frozenset({"disapprove", "allege"})),
    "INVESTIGATE": ("ACCUSE", frozenset({"investigate"})),
    "FIGHT": ("ASSAULT", None),
}
_SKIPPED_EVENTS = frozenset({"DOCUMENT"})

# Modes of the 2016 gold file renamed in the current codebook (NGEC's PLOVER codebook); "other"
# means "none of the modes apply".
_MODE_ALIASES: dict[str, str | None] = {
    "strike-hun": "hunger", "strike-gen": "strike", "demo-org": "demo", "demo-spon": "demo",
    "riot-spon": "riot", "host": "visit", "detain": "arrest", "confiscate": "seize", "other": None,
}  # fmt: skip

# Country codes in the gold file that are not ISO 3166 alpha-3, and the ISO code they mean.
_COUNTRY_FIXES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
# Sector codes that are misspellings of another.
_SECTOR_FIXES = {"CIV": "CVL"}

T = TypeVar("T")
U = TypeVar("U")


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldActor:
    """A gold source or target actor: its text and normalised (country, sector)."""

    text: str
    country: str | None  # ISO 3166 alpha-3, an ORG_CODES code, or None if unknown
    sector: str | None  # a three-letter sector code, or None if the gold leaves it out


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldItem:
    """One PLOVER gold record: a sentence and the event coded from it."""

    id: str
    text: str
    event_type: str  # current PLOVER name
    original_event: str  # the name in the file (DEMAND, FIGHT, ...)
    modes: frozenset[str]  # acceptable modes; empty when the record codes none
    source: tuple[GoldActor, ...]
    target: tuple[GoldActor, ...]


def read(path: pathlib.Path) -> list[GoldItem]:
    """Read the PLOVER gold standard records, converting old event names and modes.

    Raises:
        EvaluationError: the file cannot be read, is not a JSON array of records, or a record has
            no text or an event name that is neither a PLOVER type nor a known old name.
    """
    path = pathlib.Path(path)
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EvaluationError(f"cannot read PLOVER gold file {path}: {exc}; point it at "
                              "plover-gsr/PLOVER_GSR_CAMEO.json") from exc  # fmt: skip
    if not isinstance(records, list):
        raise EvaluationError(f"{path} is not a JSON array of PLOVER records")
    items = []
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            raise EvaluationError(f"{path}: record {index} is not a JSON object")
        name = str(record.get("event", "")).strip().upper()
        if name in _SKIPPED_EVENTS:
            continue
        item = _read_record(record, name=name, where=f"{path}: record {record.get('id', index)}")
        items.append(item)
    return items


def _read_record(record: dict[str, Any], *, name: str, where: str) -> GoldItem:
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise EvaluationError(f"{where} has no text")
    if name in _EVENT_NAMES:
        event_type, fixed_modes = _EVENT_NAMES[name]
    elif name in EVENT_TYPES:
        event_type, fixed_modes = name, None
    else:
        raise EvaluationError(f"{where}: unknown event {name!r}; expected a PLOVER type or one of "
                              f"{', '.join(_EVENT_NAMES)}")  # fmt: skip
    if fixed_modes is not None:
        modes = fixed_modes
    else:
        mode = normalise_mode(record.get("mode"))
        modes = frozenset({mode}) if mode else frozenset()
    return GoldItem(
        id=str(record.get("id", "")), text=" ".join(text.split()), event_type=event_type,
        original_event=name, modes=modes, source=_gold_actors(record.get("source")),
        target=_gold_actors(record.get("target")),
    )  # fmt: skip


def _gold_actors(value: object) -> tuple[GoldActor, ...]:
    # A few records hold a string ("" or a context word) instead of a list: no actor.
    if not isinstance(value, list):
        return ()
    actors = []
    for entry in value:
        if isinstance(entry, dict):
            actors.append(GoldActor(text=str(entry.get("actorText", "")),
                                    country=gold_country(entry.get("code")),
                                    sector=gold_sector(entry.get("sector"))))  # fmt: skip
    return tuple(actors)


def gold_country(code: object) -> str | None:
    """Normalise a gold primary actor code to ISO alpha-3, an organisation code, or None.

    Known misspellings are fixed (``JAP`` -> ``JPN``); any other code that is neither ISO 3166
    alpha-3 nor in ``ORG_CODES`` (``---``, religious codes such as ``ISM``) means "no country".
    """
    if not isinstance(code, str):
        return None
    code = code.strip().upper()[:3]
    code = _COUNTRY_FIXES.get(code, code)
    if code in ORG_CODES or (len(code) == 3 and pycountry.countries.get(alpha_3=code)):
        return code
    return None


def gold_sector(sector: object) -> str | None:
    """Normalise a gold sector to its first three letters (``CVLalb`` -> ``CVL``; ``***``: None)."""
    if not isinstance(sector, str):
        return None
    head = sector.strip()[:3].upper()
    if len(head) != 3 or not head.isalpha():
        return None
    return _SECTOR_FIXES.get(head, head)


def normalise_mode(mode: object) -> str | None:
    """Lower-case a mode and rename the modes of the old codebook; empty or "other" is None."""
    if not isinstance(mode, str) or not mode.strip():
        return None
    mode = mode.strip().lower()
    return _MODE_ALIASES.get(mode, mode)


# --- helpers shared by the event scorers ------------------------------------------------------


def code_all(
    texts: Sequence[str], *, code: Coder, batch_size: int = BATCH_SIZE
) -> list[list[Event]]:
    """Run the coder over ``texts`` in batches and return one list of events per text.

    Raises:
        EvaluationError: the coder returned a different number of results than it was given texts.
    """
    results: list[list[Event]] = []
    for start in range(0, len(texts), batch_size):
        batch = list(texts[start : start + batch_size])
        coded = code(batch)
        if len(coded) != len(batch):
            raise EvaluationError(f"the coder returned {len(coded)} results for {len(batch)} "
                                  "sentences; it must return one list of events per "
                                  "sentence")  # fmt: skip
        results.extend(list(events) for events in coded)
    return results


def by_confidence(events: Iterable[Event]) -> list[Event]:
    """Order events by decreasing confidence, keeping the coder's order among equals."""
    return sorted(events, key=lambda e: -e.confidence)


def main_event(events: Iterable[Event]) -> Event | None:
    """Return the event with the highest confidence (the first of equals), or None."""
    ranked = by_confidence(events)
    return ranked[0] if ranked else None


def actor_key(actor: Actor) -> tuple[str | None, str | None]:
    """Return a system actor's (country, sector) as gold actors are normalised.

    An actor with no country whose sector is an organisation code (``IGO``, ``NGO``, ...) takes
    that code as its country and its ``agent`` (the member's own sector) as its sector, as CAMEO
    codes do (``IGO`` for the UN, ``IGOMIL`` for UN peacekeepers).
    """
    country = (actor.country or "").strip().upper() or None
    sector = (actor.sector or "").strip().upper()[:3] or None
    if country is None and sector in ORG_CODES:
        return sector, (actor.agent or "").strip().upper()[:3] or None
    return country, sector


def actor_matches(gold: tuple[str | None, str | None], system: tuple[str | None, str | None], *,
                  sector: bool = True) -> bool:  # fmt: skip
    """Tell whether a system (country, sector) matches a gold one.

    The countries must be equal (None, "unknown", equals None). With ``sector``, a gold sector
    must also be equal; a gold actor without a sector accepts any. A gold organisation actor with
    a secondary code (``IGOMIL``) needs that sector too: the system actor's ``agent``.
    """
    if gold[0] != system[0]:
        return False
    return not sector or gold[1] is None or gold[1] == system[1]


def count_matches(left: Sequence[T], right: Sequence[U], matches: Callable[[T, U], bool]) -> int:
    """Return the size of a maximum one-to-one matching between ``left`` and ``right``."""
    partner: dict[int, int] = {}  # index in right -> index in left

    def augment(i: int, seen: set[int]) -> bool:
        for j, r in enumerate(right):
            if j in seen or not matches(left[i], r):
                continue
            seen.add(j)
            if j not in partner or augment(partner[j], seen):
                partner[j] = i
                return True
        return False

    return sum(augment(i, set()) for i in range(len(left)))


def classification_scores(pairs: Iterable[tuple[Hashable, Hashable]], *,
                          labels: Sequence[Hashable] | None = None) -> dict[str, Any]:  # fmt: skip
    """Score (gold, predicted) label pairs.

    Args:
        pairs: one (gold, predicted) pair per item.
        labels: the classes to report, in order; default: every label seen, gold ones first.

    Returns:
        ``accuracy``; ``macro_f1``, the mean F1 over the classes with gold support; ``per_class``
        {label: {precision, recall, f1, support}}; ``confusion`` {gold: {predicted: count}}; ``n``.
    """
    pairs = list(pairs)
    gold_counts = Counter(g for g, _ in pairs)
    predicted_counts = Counter(p for _, p in pairs)
    correct = Counter(g for g, p in pairs if g == p)
    confusion: dict[Hashable, Counter[Hashable]] = defaultdict(Counter)
    for g, p in pairs:
        confusion[g][p] += 1
    if labels is None:
        extra = set(predicted_counts) - set(gold_counts)
        labels = sorted(gold_counts, key=str) + sorted(extra, key=str)
    per_class = {}
    for label in labels:
        precision = _ratio(correct[label], predicted_counts[label])
        recall = _ratio(correct[label], gold_counts[label])
        per_class[label] = {"precision": precision, "recall": recall,
                            "f1": f1_score(precision, recall),
                            "support": gold_counts[label]}  # fmt: skip
    supported = [per_class[label]["f1"] for label in labels if gold_counts[label]]
    return {
        "accuracy": _ratio(sum(correct.values()), len(pairs)),
        "macro_f1": sum(supported) / len(supported) if supported else 0.0,
        "per_class": per_class,
        "confusion": {g: dict(confusion[g]) for g in labels if g in confusion},
        "n": len(pairs),
    }


def f1_score(precision: float, recall: float) -> float:
    """Return the harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


# --- scoring -----------------------------------------------------------------------------------


def pair_events(items: Sequence[GoldItem], events: Sequence[Event]) -> list[Event | None]:
    """Pair the gold records of one sentence with the system's most confident events.

    The ``len(items)`` most confident events are assigned one-to-one so that as many event types
    agree as possible; records left over get the remaining events in order of confidence, then
    None. For one record this is the main event.
    """
    top = by_confidence(events)[: len(items)]
    paired: list[Event | None] = [None] * len(items)
    free = list(range(len(top)))
    # Type agreement is an equivalence relation, so a greedy pass is a maximum matching.
    for i, item in enumerate(items):
        for j in free:
            if top[j].event_type == item.event_type:
                paired[i] = top[j]
                free.remove(j)
                break
    for i in range(len(items)):
        if paired[i] is None and free:
            paired[i] = top[free.pop(0)]
    return paired


def _actors_right(gold: tuple[GoldActor, ...], system: tuple[Actor, ...], *, sector: bool) -> bool:
    if len(gold) != len(system):
        return False
    gold_keys = [(a.country, a.sector) for a in gold]
    system_keys = [actor_key(a) for a in system]
    matched = count_matches(gold_keys, system_keys, lambda g, s: actor_matches(g, s, sector=sector))
    return matched == len(gold)


def evaluate(path: pathlib.Path, *, code: Coder, batch_size: int = BATCH_SIZE) -> dict[str, Any]:
    """Score a coder on the PLOVER gold standard records (see the module docstring).

    Args:
        path: ``plover-gsr/PLOVER_GSR_CAMEO.json``.
        code: takes a batch of sentences, returns the events coded from each.
        batch_size: sentences per call of ``code``.

    Returns:
        ``accuracy`` (main event), ``any_match_accuracy``, ``macro_f1``, ``per_class``,
        ``confusion``, ``no_event`` (records left without a paired event), ``source``, ``target``
        ({accuracy, country_accuracy, accuracy_when_type_correct}), ``mode`` ({accuracy, n}), ``n``
        (records) and ``sentences``.

    Raises:
        EvaluationError: the gold file cannot be read, or the coder misbehaves.
    """
    items = read(path)
    if not items:
        raise EvaluationError(f"{path} holds no PLOVER records to score")
    by_text: dict[str, list[GoldItem]] = defaultdict(list)
    for item in items:
        by_text[item.text].append(item)
    texts = list(by_text)
    coded = code_all(texts, code=code, batch_size=batch_size)

    pairs: list[tuple[str, str]] = []
    any_match = no_event = 0
    type_right = 0
    actor_counts: dict[str, Counter[str]] = {"source": Counter(), "target": Counter()}
    mode_n = mode_right = 0
    for text, events in zip(texts, coded, strict=True):
        group = by_text[text]
        types = {e.event_type for e in events}
        for item, event in zip(group, pair_events(group, events), strict=True):
            any_match += item.event_type in types
            if event is None:
                no_event += 1
                pairs.append((item.event_type, NO_EVENT))
                continue
            pairs.append((item.event_type, event.event_type))
            right_type = event.event_type == item.event_type
            type_right += right_type
            for role, gold, system in (("source", item.source, event.source),
                                       ("target", item.target, event.target)):  # fmt: skip
                full = _actors_right(gold, system, sector=True)
                actor_counts[role]["full"] += full
                actor_counts[role]["country"] += _actors_right(gold, system, sector=False)
                actor_counts[role]["full_type_right"] += full and right_type
            if item.modes and right_type:
                mode_n += 1
                mode_right += normalise_mode(event.mode) in item.modes

    scores = classification_scores(pairs)
    n = len(items)
    result: dict[str, Any] = {
        "accuracy": scores["accuracy"],
        "any_match_accuracy": _ratio(any_match, n),
        "macro_f1": scores["macro_f1"],
        "per_class": scores["per_class"],
        "confusion": scores["confusion"],
        "no_event": no_event,
        "n": n,
        "sentences": len(texts),
    }
    for role, counts in actor_counts.items():
        result[role] = {
            "accuracy": _ratio(counts["full"], n),
            "country_accuracy": _ratio(counts["country"], n),
            "accuracy_when_type_correct": _ratio(counts["full_type_right"], type_right),
        }
    result["mode"] = {"accuracy": _ratio(mode_right, mode_n), "n": mode_n}
    return result
