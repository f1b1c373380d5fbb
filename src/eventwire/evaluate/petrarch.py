"""Score event coding on PETRARCH-2's validation records (``PETR2_GSR_validation.xml``).

Each ``<Sentence>`` has a ``<Text>``, a dependency parse, and one ``<EventCoding sourcecode=
targetcode= eventcode=>`` per expected event, or ``<EventCoding noevents="True"/>``. The file is
not well-formed XML (opening tags closed with ``/>``, ``#`` comment lines), so it is read with
patterns, not an XML parser. A sentence with an empty ``<Text>`` gets its text from the parse.

**Actor codes.** A CAMEO actor code is a three-letter primary code (ISO 3166 alpha-3, ``IGO``,
``NGO``, ``IMG``, or ``---`` for unknown) followed by three-letter codes for regions, organisations,
religions and sectors: ``IRQGOVMIL``, ``PSEGZACVL``, ``IGOUNOMIL``. It is compared as (country,
sector), the sector being the first of the following codes that is a sector (``SECTORS``):
``IRQGOVMIL`` -> (IRQ, GOV), ``PSEGZACVL`` -> (PSE, CVL), ``IGOEUREEC`` -> (IGO, none),
``---REB`` -> (unknown, REB). A system actor is ``Actor.country`` + ``Actor.sector``, as for the
PLOVER scorer (no country and sector ``IGO`` is ``IGO``, with the actor's ``agent`` as its sector):
so ``USAGOV`` is Actor(country="USA", sector="GOV") and ``IGOUNOMIL`` Actor(sector="IGO",
agent="MIL"). A gold code without a sector (``USA``) accepts any sector. A gold ``---`` country
accepts any country: PETRARCH writes ``---`` when it finds an agent (``~LEG``, ``~REB``) but no
country actor to put in front of it (the agent code is appended to the actor code, PETRARCH
dictionary formats), so ``---LEG`` says "a legislature, country not found", as ``USA`` says "a
sector not found"; the sector must still match, and a bare ``---`` (no actor found) accepts any
actor, or none. A gold ``IGO`` code with a sector (``IGOUNOMIL``) needs that agent.

**System triples.** An event whose status is ``hypothetical`` gives none: eventwire keeps the act
that a threat threatens, a request asks for or an "if" clause supposes as an event of its own with
that status, beside the verbal act it belongs to (THREATEN, REQUEST), and says it did not happen;
PETRARCH codes "X threatened to attack Y" once, as the threat (138). Every other event gives one
(source, target, root) triple per pair of its source and target actors; a missing side is unknown
(``---``). An event with two or more sources and no target (PLOVER codes "A and B met" that way)
gives the ordered pairs of its sources, as CAMEO codes reciprocal events. A pair in which neither
actor has a country or a sector gives no triple ("The release of the mayor", no actor named): CAMEO
has no code for it, and PETRARCH codes an event only when it finds an actor code for one side (no
gold triple in the validation or unit-test records has ``---`` on both sides). The root is the
first two digits of ``Event.cameo``, or, without a valid code, of ``plover_default_cameo(event_type,
mode=mode)``. Gold and system triples that are identical once reduced to (country, sector) keys
count once per sentence (gold ``ISR PSECVL 190`` and ``ISR PSEGZACVL 190`` are one triple); for
the country-level scores, once reduced to countries.

**Metrics.** Triples are matched one-to-one within each sentence (root equal, both actors
matching): ``precision`` = matched / system triples, ``recall`` = matched / gold triples, ``f1``;
``country`` repeats them ignoring sectors. ``per_class`` gives the same per CAMEO root.
``root_accuracy``: of the sentences with gold events, the share whose main event (highest
confidence, hypothetical events left out as above) has one of the gold roots (no event = wrong); ``root_any_match_accuracy`` accepts any
of the sentence's events. ``noevent_accuracy``: of the sentences coded ``noevents``, the share the
system leaves without events.
"""

from __future__ import annotations

import html
import pathlib
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from eventwire.cameo import cameo_root, plover_default_cameo
from eventwire.errors import EvaluationError
from eventwire.evaluate.plover import (
    BATCH_SIZE,
    Coder,
    actor_key,
    code_all,
    count_matches,
    f1_score,
    main_event,
)
from eventwire.model import Event

# CAMEO agent (role) codes that are sectors; other three-letter codes after the primary code name
# regions (GZA), organisations (UNO, EEC, HMS), religions (MUS, CHR) or ethnic groups.
SECTORS = frozenset({
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "LEG", "SPY", "UAF", "INS", "SEP", "BUS",
    "CVL", "CRM", "EDU", "ELI", "HLH", "HRI", "LAB", "MED", "REF", "AGR", "DEV", "ENV", "MOD",
    "RAD", "ACT",
})  # fmt: skip

Key = tuple[str | None, str | None]  # (country, sector)
Triple = tuple[Key, Key, str]  # (source, target, CAMEO root)

_SENTENCE = re.compile(r"<Sentence\b([^>]*?)/?>(.*?)</Sentence>", re.DOTALL)
_ATTRIBUTE = re.compile(r'([\w:-]+)\s*=\s*"([^"]*)"')
_CODING = re.compile(r"<EventCoding\b([^>]*?)/?>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.DOTALL)
_PARSE = re.compile(r"<Parse>(.*?)</Parse>", re.DOTALL)


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldTriple:
    """One expected event: CAMEO source and target actor codes and event code."""

    source: str
    target: str
    cameo: str

    @property
    def root(self) -> str | None:
        """The two-digit CAMEO root of the event code."""
        return cameo_root(self.cameo)

    @property
    def source_key(self) -> Key:
        """The source actor as (country, sector)."""
        return parse_actor_code(self.source)

    @property
    def target_key(self) -> Key:
        """The target actor as (country, sector)."""
        return parse_actor_code(self.target)


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldItem:
    """One validation sentence and the events expected from it (none when ``triples`` is empty)."""

    id: str
    category: str
    text: str
    triples: tuple[GoldTriple, ...]


def parse_actor_code(code: str) -> Key:
    """Return a CAMEO actor code as (country, first sector): ``IRQGOVMIL`` -> ``("IRQ", "GOV")``.

    The country is None for ``---`` (unknown) or an empty code.
    """
    code = code.strip().upper()
    primary = code[:3]
    country = None if primary in ("", "---") or not primary.isalpha() else primary
    parts = (code[i : i + 3] for i in range(3, len(code), 3))
    sector = next((part for part in parts if part in SECTORS), None)
    return country, sector


def read(path: pathlib.Path) -> list[GoldItem]:
    """Read the validation records whose ``evaluate`` attribute is not "false".

    Raises:
        EvaluationError: the file cannot be read, has no ``<Sentence>`` records, or a record has
            an ``<EventCoding>`` without codes or neither text nor parse.
    """
    path = pathlib.Path(path)
    try:
        data = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"cannot read PETRARCH validation file {path}: {exc}; point it at "
                              "petrarch2-validation/PETR2_GSR_validation.xml") from exc  # fmt: skip
    items = []
    for index, match in enumerate(_SENTENCE.finditer(data)):
        attributes = dict(_ATTRIBUTE.findall(match.group(1)))
        if attributes.get("evaluate", "true").lower() == "false":
            continue
        sentence_id = attributes.get("id") or f"#{index}"
        where = f"{path}: sentence {sentence_id}"
        body = match.group(2)
        items.append(GoldItem(id=sentence_id, category=attributes.get("category", ""),
                              text=_sentence_text(body, where=where),
                              triples=tuple(_triples(body, where=where))))  # fmt: skip
    if not items:
        raise EvaluationError(f"{path} has no <Sentence> records; is it a PETRARCH validation "
                              "file?")  # fmt: skip
    return items


def _triples(body: str, *, where: str) -> Iterator[GoldTriple]:
    for coding in _CODING.finditer(body):
        attributes = dict(_ATTRIBUTE.findall(coding.group(1)))
        if attributes.get("noevents", "").lower() == "true":
            continue
        try:
            triple = GoldTriple(source=attributes["sourcecode"], target=attributes["targetcode"],
                                cameo=attributes["eventcode"])  # fmt: skip
        except KeyError as exc:
            raise EvaluationError(f"{where}: <EventCoding> lacks {exc.args[0]}") from None
        if triple.root is None:
            raise EvaluationError(f"{where}: {triple.cameo!r} is not a CAMEO event code")
        yield triple


def _sentence_text(body: str, *, where: str) -> str:
    text_match = _TEXT.search(body)
    text = html.unescape(text_match.group(1)) if text_match else ""
    # PTB-style quotes (``like this'') as plain double quotes.
    text = " ".join(text.replace("``", '"').replace("''", '"').split())
    if text:
        return text
    parse_match = _PARSE.search(body)
    if parse_match:
        text = _text_from_conllu(parse_match.group(1))
    if not text:
        raise EvaluationError(f"{where} has neither text nor parse")
    return text


def _text_from_conllu(parse: str) -> str:
    """Rebuild a sentence from CoNLL-U lines (FORM column, ``SpaceAfter=No`` in MISC)."""
    pieces = []
    for line in parse.strip().splitlines():
        columns = line.split("\t")
        if len(columns) < 10 or not columns[0].isdigit():
            continue
        pieces.append(html.unescape(columns[1]))
        if "SpaceAfter=No" not in columns[9]:
            pieces.append(" ")
    return "".join(pieces).strip()



def event_root(event: Event) -> str | None:
    """Return an event's CAMEO root: from ``cameo``, else from its PLOVER type and mode."""
    root = cameo_root(event.cameo)
    if root is None:
        root = cameo_root(plover_default_cameo(event.event_type, mode=event.mode))
    return root


def coded(events: list[Event]) -> list[Event]:
    """Return the events that PETRARCH would code: all but the hypothetical ones."""
    return [e for e in events if e.status != "hypothetical"]


def system_triples(event: Event) -> set[Triple]:
    """Return the (source, target, root) triples of a coded event (see the module docstring)."""
    root = event_root(event)
    if root is None or event.status == "hypothetical":
        return set()
    unknown: Key = (None, None)
    sources = [actor_key(a) for a in event.source]
    targets = [actor_key(a) for a in event.target]
    if len(sources) >= 2 and not targets:
        pairs = [(s, t) for i, s in enumerate(sources) for j, t in enumerate(sources) if i != j]
    else:
        pairs = [(s, t) for s in sources or [unknown] for t in targets or [unknown]]
    return {(s, t, root) for s, t in pairs if s != unknown or t != unknown}


def gold_triples(item: GoldItem) -> list[Triple]:
    """Return a gold sentence's triples as (source, target, root) keys, each once."""
    return list(dict.fromkeys((g.source_key, g.target_key, g.root or "") for g in item.triples))


def gold_actor_matches(gold: Key, system: Key, *, sector: bool = True) -> bool:
    """Tell whether a system (country, sector) matches a gold one: a gold ``---`` country (None)
    accepts any country, a gold code without a sector any sector (see the module docstring)."""
    if gold[0] is not None and gold[0] != system[0]:
        return False
    if gold[0] is None and gold[1] is None:
        return True  # a bare "---": no actor found
    return not sector or gold[1] is None or gold[1] == system[1]


def _triple_matches(gold: Triple, system: Triple, *, sector: bool) -> bool:
    return (gold[2] == system[2] and gold_actor_matches(gold[0], system[0], sector=sector)
            and gold_actor_matches(gold[1], system[1], sector=sector))  # fmt: skip


def _with_sectors(gold: Triple, system: Triple) -> bool:
    return _triple_matches(gold, system, sector=True)


def _without_sectors(gold: Triple, system: Triple) -> bool:
    return _triple_matches(gold, system, sector=False)


def _countries(triples: list[Triple]) -> list[Triple]:
    return list(dict.fromkeys(((s[0], None), (t[0], None), r) for s, t, r in triples))


def _prf(matched: int, predicted: int, gold: int) -> dict[str, float]:
    precision = matched / predicted if predicted else 0.0
    recall = matched / gold if gold else 0.0
    return {"precision": precision, "recall": recall, "f1": f1_score(precision, recall)}


def evaluate(path: pathlib.Path, *, code: Coder, batch_size: int = BATCH_SIZE) -> dict[str, Any]:
    """Score a coder on the PETRARCH-2 validation records (see the module docstring).

    Args:
        path: ``petrarch2-validation/PETR2_GSR_validation.xml``.
        code: takes a batch of sentences, returns the events coded from each.
        batch_size: sentences per call of ``code``.

    Returns:
        ``precision``, ``recall``, ``f1`` of triples; ``country`` (the same, sectors ignored);
        ``per_class`` {root: {precision, recall, f1, support}}; ``root_accuracy``,
        ``root_any_match_accuracy``, ``noevent_accuracy``; counts ``n`` (sentences),
        ``gold_triples``, ``system_triples``.

    Raises:
        EvaluationError: the gold file cannot be read, or the coder misbehaves.
    """
    items = read(path)
    coded_events = code_all([item.text for item in items], code=code, batch_size=batch_size)
    matched: Counter[str] = Counter()  # per root, sectors compared
    gold_per_root: Counter[str] = Counter()
    system_per_root: Counter[str] = Counter()
    country: Counter[str] = Counter()  # matched, gold, system, sectors ignored
    root_n = root_right = root_any = noevent_n = noevent_right = 0
    for item, events in zip(items, coded_events, strict=True):
        events = coded(events)
        gold = gold_triples(item)
        system = sorted({t for e in events for t in system_triples(e)}, key=repr)
        gold_per_root.update(t[2] for t in gold)
        system_per_root.update(t[2] for t in system)
        for root in {t[2] for t in gold}:
            matched[root] += count_matches([t for t in gold if t[2] == root],
                                           [t for t in system if t[2] == root], _with_sectors)
        gold_countries, system_countries = _countries(gold), _countries(system)
        country["matched"] += count_matches(gold_countries, system_countries, _without_sectors)
        country["gold"] += len(gold_countries)
        country["system"] += len(system_countries)
        if not gold:
            noevent_n += 1
            noevent_right += not events
            continue
        gold_roots = {t[2] for t in gold}
        root_n += 1
        main = main_event(events)
        root_right += main is not None and event_root(main) in gold_roots
        root_any += any(event_root(e) in gold_roots for e in events)

    gold_total = sum(gold_per_root.values())
    system_total = sum(system_per_root.values())
    per_class = {}
    for root in sorted(set(gold_per_root) | set(system_per_root)):
        scores = _prf(matched[root], system_per_root[root], gold_per_root[root])
        per_class[root] = {**scores, "support": gold_per_root[root]}
    return {
        **_prf(sum(matched.values()), system_total, gold_total),
        "country": _prf(country["matched"], country["system"], country["gold"]),
        "per_class": per_class,
        "root_accuracy": root_right / root_n if root_n else 0.0,
        "root_any_match_accuracy": root_any / root_n if root_n else 0.0,
        "noevent_accuracy": noevent_right / noevent_n if noevent_n else 0.0,
        "n": len(items),
        "gold_triples": gold_total,
        "system_triples": system_total,
    }
