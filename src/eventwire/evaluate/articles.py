"""Score whole articles: each event right in every part at once, on the project's own article set.

The gold (``bench/articles/*.jsonl``, written and coded by hand as ``notes/articles-guide.md`` of
the project describes) is one JSON object per line, one article each: ``id``, ``title``,
``published`` (YYYY-MM-DD), ``text`` and ``events``. A gold event has a PLOVER ``type``, a
``status``, the ``sentence`` that states it (an exact substring of ``text``) and its ``trigger``
(an exact substring of the sentence), ``source`` and ``target`` lists of actors ``{name, country,
sector}``, a ``date`` (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or null), a ``place`` ``{name,
country}`` or null, and ``alternatives``: other readings the codebook allows (``type``,
``status``, ``source``, ``target``, ``date``, ``place``) and ``mention``, the other sentences
(with their triggers) that report the same act.

Each article goes through the whole pipeline (``published`` as its date, its title and text), and
its gold sentences are found in the cleaned text the event spans point into: the sentence as the
cleaner normalises it, then without a dateline at its start, then as a sequence of words (white
space and punctuation aside). A sentence found nowhere is an error, as the score would be wrong.

Per article, gold events and predicted events are paired:

- a predicted event is *found* for a gold event when its ``sentence`` span overlaps an occurrence
  of the gold sentence (or of one of its mentions), its trigger shares a word with that sentence's
  gold trigger (compared by stem, and through the model's irregular forms when it is given:
  "attacked" matches "attack", "struck" matches "strike"), and its type is the gold type or an
  alternative one;
- a found event is *right* when its source and its target are allowed (the gold list or an
  alternative one: the same number of actors, matched one to one; an actor matches on country and
  sector, null equal to null, except that a gold actor with neither is matched by name, one
  containing the other, case-insensitive), its date is allowed at the gold's precision (gold
  ``2025-03`` accepts any day of March 2025 and the month itself, not the year 2025; gold null
  accepts any date, or none, that does not begin after ``published`` for an occurred act, and
  anything for others), its place is in the gold place's country (gold null accepts anything; the
  alternative places are accepted too) and its status is the gold one or an alternative;
- one predicted event pairs with at most one gold event and one gold event with at most one
  predicted event, chosen to maximise the right pairs, then the found ones (an assignment problem,
  solved exactly). A second prediction of a paired gold event's act is a false positive: the gold
  holds each act once, and so should the output of one article.

Metrics (``summarise``): precision, recall and F1 of found and of right (strict) pairs over all
predicted and all gold events; the accuracy of each attribute over the found pairs (``type`` is
1.0 by construction); per type its counts and F1s (a paired prediction counts under the type of
its gold event, which may differ by an alternative, an unpaired one under its own); the predicted
events in sentences that hold no gold event at all; and, to read the errors, the gold events
missed and the found pairs that are wrong, with what is wrong.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.clean import normalise, split_dateline
from eventwire.errors import EvaluationError
from eventwire.evaluate.plover import count_matches, f1_score
from eventwire.model import EVENT_TYPES, STATUSES, Actor, Event, Extraction, RawArticle

ATTRIBUTES = ("type", "source", "target", "date", "place", "status")
ALTERNATIVE_KEYS = ("type", "status", "source", "target", "date", "place", "mention")
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_CODE = re.compile(r"[A-Z]{3}")
# Words of a trigger that name no act of their own ("blew up", "called off", "set fire to").
_FUNCTION_WORDS = frozenset("a an the of to up off out down on in into over at by for with from".split())
_LETTERS = re.compile(r"[^\W\d_]+")

Words = Callable[[str], frozenset[str]]


# -- the gold -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldActor:
    """A gold source or target actor."""

    name: str
    country: str | None  # ISO 3166 alpha-3, or None
    sector: str | None  # a PLOVER/CAMEO sector code, or None (a state as such)


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldPlace:
    """Where a gold event happened."""

    name: str
    country: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """A sentence that reports a gold event, and the word in it that names the act."""

    sentence: str
    trigger: str


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldEvent:
    """One coded act of a gold article, with the other readings its gold allows.

    Each attribute holds its accepted values, the gold's own first: ``types[0]`` is the gold type,
    ``sources[0]`` the gold source list, and so on; ``mentions[0]`` is the gold sentence.
    """

    id: str  # "<article id>#<n>", n counting from 1 in the file's order
    types: tuple[str, ...]
    statuses: tuple[str, ...]
    mentions: tuple[Mention, ...]
    sources: tuple[tuple[GoldActor, ...], ...]
    targets: tuple[tuple[GoldActor, ...], ...]
    dates: tuple[str | None, ...]
    places: tuple[GoldPlace | None, ...]
    note: str | None = None

    @property
    def type(self) -> str:
        return self.types[0]

    @property
    def status(self) -> str:
        return self.statuses[0]


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldArticle:
    """One gold article: what goes into the pipeline, and the events a careful coder records."""

    id: str
    title: str | None
    published: dt.date
    text: str
    events: tuple[GoldEvent, ...]
    origin: str = ""  # "file:line", for messages


def gold_files(path: Path) -> list[Path]:
    """Return ``path`` if it is a file, else every ``*.jsonl`` file in it, sorted by name.

    Raises:
        EvaluationError: the path does not exist, or the folder holds no ``.jsonl`` file.
    """
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*.jsonl"))
        if not files:
            raise EvaluationError(f"{path} holds no *.jsonl file; give a gold file, or a folder of them")
        return files
    if not path.is_file():
        raise EvaluationError(f"no gold file or folder at {path}")
    return [path]


def read(path: Path) -> list[GoldArticle]:
    """Read the gold articles of a ``.jsonl`` file, or of every ``*.jsonl`` in a folder (sorted).

    Raises:
        EvaluationError: a file cannot be read, a line is not a gold article as the format above
            describes (the message names the file, the line and what to fix), or two articles
            share an id.
    """
    articles: list[GoldArticle] = []
    seen: dict[str, str] = {}
    for file in gold_files(path):
        try:
            lines = file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise EvaluationError(f"cannot read gold articles from {file}: {exc}") from exc
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{file}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvaluationError(f"{where}: not JSON ({exc.msg} at column {exc.colno}); "
                                      "one article per line") from exc
            article = _read_article(record, where=where)
            if article.id in seen:
                raise EvaluationError(f"{where}: the id {article.id!r} is also the id of the article at "
                                      f"{seen[article.id]}; ids must be unique")  # fmt: skip
            seen[article.id] = where
            articles.append(article)
    return articles


def _read_article(record: Any, *, where: str) -> GoldArticle:
    if not isinstance(record, dict):
        raise EvaluationError(f"{where}: not a JSON object; one article per line")
    article_id = record.get("id")
    if not isinstance(article_id, str) or not article_id.strip():
        raise EvaluationError(f"{where}: no \"id\"")
    where = f"{where} ({article_id})"
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise EvaluationError(f"{where}: no \"text\"")
    title = record.get("title")
    if title is not None and not isinstance(title, str):
        raise EvaluationError(f"{where}: \"title\" must be a string")
    published = _date(record.get("published"), where=f"{where}: \"published\"")
    events = record.get("events")
    if not isinstance(events, list):
        raise EvaluationError(f"{where}: \"events\" must be a list (an empty one when the article has none)")
    return GoldArticle(
        id=article_id, title=title, published=published, text=text, origin=where,
        events=tuple(_read_event(e, text=text, id=f"{article_id}#{n}", where=f"{where}, event {n}")
                     for n, e in enumerate(events, 1)),
    )  # fmt: skip


def _date(value: Any, *, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise EvaluationError(f"{where} must be a date, YYYY-MM-DD, not {value!r}") from None


def _read_event(event: Any, *, text: str, id: str, where: str) -> GoldEvent:
    if not isinstance(event, dict):
        raise EvaluationError(f"{where}: not a JSON object")
    alternatives = event.get("alternatives") or {}
    if not isinstance(alternatives, dict):
        raise EvaluationError(f"{where}: \"alternatives\" must be an object")
    unknown = sorted(set(alternatives) - set(ALTERNATIVE_KEYS))
    if unknown:
        raise EvaluationError(f"{where}: unknown alternatives {', '.join(unknown)}; "
                              f"expected {', '.join(ALTERNATIVE_KEYS)}")  # fmt: skip

    def listed(key: str) -> list[Any]:
        values = alternatives.get(key, [])
        if not isinstance(values, list):
            raise EvaluationError(f"{where}: alternatives.{key} must be a list")
        return values

    types = [_choice(event.get("type"), EVENT_TYPES, where=f"{where}: type")]
    types += [_choice(t, EVENT_TYPES, where=f"{where}: alternatives.type") for t in listed("type")]
    statuses = [_choice(event.get("status"), STATUSES, where=f"{where}: status")]
    statuses += [_choice(s, STATUSES, where=f"{where}: alternatives.status") for s in listed("status")]
    mentions = [_mention(event, text=text, where=where)]
    mentions += [_mention(m, text=text, where=f"{where}: alternatives.mention") for m in listed("mention")]
    sources = [_actors(event.get("source"), where=f"{where}: source")]
    sources += [_actors(a, where=f"{where}: alternatives.source") for a in listed("source")]
    targets = [_actors(event.get("target"), where=f"{where}: target")]
    targets += [_actors(a, where=f"{where}: alternatives.target") for a in listed("target")]
    dates = [_gold_date(event.get("date"), where=f"{where}: date")]
    dates += [_gold_date(d, where=f"{where}: alternatives.date") for d in listed("date")]
    places = [_place(event.get("place"), where=f"{where}: place")]
    places += [_place(p, where=f"{where}: alternatives.place") for p in listed("place")]
    note = event.get("note")
    return GoldEvent(
        id=id, types=tuple(types), statuses=tuple(statuses), mentions=tuple(mentions), sources=tuple(sources),
        targets=tuple(targets), dates=tuple(dates), places=tuple(places), note=note if isinstance(note, str) else None,
    )  # fmt: skip


def _choice(value: Any, allowed: Sequence[str], *, where: str) -> str:
    if value not in allowed:
        raise EvaluationError(f"{where} is {value!r}; expected one of {', '.join(allowed)}")
    return value


def _mention(value: Any, *, text: str, where: str) -> Mention:
    if not isinstance(value, dict):
        raise EvaluationError(f"{where}: expected an object with \"sentence\" and \"trigger\"")
    sentence, trigger = value.get("sentence"), value.get("trigger")
    if not isinstance(sentence, str) or not sentence.strip() or sentence not in text:
        raise EvaluationError(f"{where}: the sentence {sentence!r} is not in the text; copy it character for character")
    if not isinstance(trigger, str) or not trigger.strip() or trigger not in sentence:
        raise EvaluationError(f"{where}: the trigger {trigger!r} is not in its sentence {sentence!r}")
    return Mention(sentence=sentence, trigger=trigger)


def _actors(value: Any, *, where: str) -> tuple[GoldActor, ...]:
    if not isinstance(value, list):
        raise EvaluationError(f"{where} must be a list of actors ([] when the text names none)")
    actors = []
    for actor in value:
        if not isinstance(actor, dict) or set(actor) != {"name", "country", "sector"}:
            raise EvaluationError(f"{where}: {actor!r} is not an actor {{\"name\", \"country\", \"sector\"}}")
        name, country, sector = actor["name"], actor["country"], actor["sector"]
        if not isinstance(name, str) or not name.strip():
            raise EvaluationError(f"{where}: an actor has no name: {actor!r}")
        for key, code in (("country", country), ("sector", sector)):
            if code is not None and not (isinstance(code, str) and _CODE.fullmatch(code)):
                raise EvaluationError(f"{where}: the {key} of {name!r} is {code!r}; expected three capital "
                                      "letters or null")  # fmt: skip
        actors.append(GoldActor(name=name, country=country, sector=sector))
    return tuple(actors)


def _gold_date(value: Any, *, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _DATE.fullmatch(value) or _start(value) is None:
        raise EvaluationError(f"{where} is {value!r}; expected YYYY-MM-DD, YYYY-MM, YYYY or null")
    return value


def _place(value: Any, *, where: str) -> GoldPlace | None:
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != {"name", "country"}:
        raise EvaluationError(f"{where}: {value!r} is not a place {{\"name\", \"country\"}} or null")
    country = value["country"]
    if country is not None and not (isinstance(country, str) and _CODE.fullmatch(country)):
        raise EvaluationError(f"{where}: the country of {value['name']!r} is {country!r}; expected ISO alpha-3 or null")
    return GoldPlace(name=str(value["name"]), country=country)


# -- where the gold sentences are in the cleaned text ---------------------------------------------


def locate(sentence: str, cleaned: str, *, where: str = "") -> tuple[tuple[int, int], ...]:
    """Return every ``(start, end)`` of a gold sentence in the cleaned text of its article.

    Tried in turn: the sentence normalised as the cleaner normalises text; the same without a
    dateline at its start (the cleaner cuts it from the article); the sentence's words in order,
    whatever the white space and punctuation between them.

    Raises:
        EvaluationError: the sentence is in none of these forms in the cleaned text.
    """
    wanted = normalise(sentence)
    candidates = [wanted]
    dateline, rest = split_dateline(wanted)
    if dateline is not None:
        candidates.append(rest)
    for candidate in candidates:
        found = _occurrences(candidate, cleaned)
        if found:
            return found
    found = _word_occurrences(rest if dateline is not None else wanted, cleaned)
    if found:
        return found
    raise EvaluationError(f"{where}: the gold sentence {sentence!r} is not in the article's cleaned text. "
                          "Cleaning cuts the dateline and every paragraph that repeats an earlier one: give "
                          "the sentence of the first occurrence")  # fmt: skip


def _occurrences(needle: str, haystack: str) -> tuple[tuple[int, int], ...]:
    found, start = [], haystack.find(needle) if needle else -1
    while start >= 0:
        found.append((start, start + len(needle)))
        start = haystack.find(needle, start + 1)
    return tuple(found)


def _words(text: str) -> list[tuple[str, int, int]]:
    return [(m.group().casefold(), m.start(), m.end())
            for m in re.finditer(r"\w+", unicodedata.normalize("NFKC", text))]  # fmt: skip


def _word_occurrences(needle: str, haystack: str) -> tuple[tuple[int, int], ...]:
    # NFKC can change lengths, so positions are those of the normalised haystack; the cleaner has
    # already applied NFKC to it, so they are the same there.
    wanted = [w for w, _, _ in _words(needle)]
    words = _words(haystack)
    if not wanted:
        return ()
    return tuple((words[i][1], words[i + len(wanted) - 1][2]) for i in range(len(words) - len(wanted) + 1)
                 if [w for w, _, _ in words[i:i + len(wanted)]] == wanted)  # fmt: skip


# -- comparing one predicted event with one gold event --------------------------------------------


def stem(word: str) -> str:
    """Return a crude stem of an English word, enough to tell "attacked" and "attack" apart from "army"."""
    w = word.casefold()
    if len(w) <= 3:
        return w
    if w.endswith(("ies", "ied")):
        w = w[:-3] + "y"
    elif w.endswith(("eed", "ees")):
        w = w[:-1]  # agreed, frees: the e belongs to the word
    elif w.endswith("ing") and _has_vowel(w[:-3]) and len(w) > 5:
        w = w[:-3]
    elif w.endswith("ed") and _has_vowel(w[:-2]) and len(w) > 4:
        w = w[:-2]
    elif w.endswith("es") and w[:-2].endswith(("s", "x", "z", "ch", "sh")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]  # stopped -> stopp -> stop
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]  # seize and seized, both seiz
    return w


def _has_vowel(text: str) -> bool:
    return any(c in "aeiouy" for c in text)


def stems(trigger: str) -> frozenset[str]:
    """Return the stems of a trigger's words, leaving out particles and articles."""
    return frozenset(stem(w) for w in _LETTERS.findall(trigger) if w.casefold() not in _FUNCTION_WORDS)


def words_with(irregular: Mapping[str, Iterable[str]]) -> Words:
    """Return a ``words`` function that also knows irregular forms: ``{"struck": ["strike"], ...}``."""

    def words(trigger: str) -> frozenset[str]:
        found = set(stems(trigger))
        for w in _LETTERS.findall(trigger):
            for base in irregular.get(w.casefold(), ()):
                found.add(stem(base))
        return frozenset(found)

    return words


def _code(value: str | None) -> str | None:
    value = (value or "").strip().upper()
    return value or None


def actor_matches(gold: GoldActor, actor: Actor) -> bool:
    """Tell whether a predicted actor is the gold actor (see the module docstring)."""
    if gold.country is None and gold.sector is None:
        name = gold.name.casefold().strip()
        names = {n.casefold().strip() for n in (actor.name, actor.text) if n and n.strip()}
        return any(name in n or n in name for n in names)
    return (gold.country, gold.sector) == (_code(actor.country), _code(actor.sector))


def actors_allowed(options: Sequence[Sequence[GoldActor]], actors: Sequence[Actor]) -> bool:
    """Tell whether the predicted actors are one of the gold lists, one to one."""
    return any(len(gold) == len(actors) and count_matches(list(gold), list(actors), actor_matches) == len(gold)
               for gold in options)  # fmt: skip


def _start(value: str) -> dt.date | None:
    """Return the first day of a ``YYYY[-MM[-DD]]`` period, or None if it is no such date."""
    parts = value.split("-")
    try:
        return dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def date_allowed(options: Sequence[str | None], predicted: str | None, *, occurred: bool,
                 published: dt.date) -> bool:  # fmt: skip
    """Tell whether a predicted date is allowed by one of the gold dates (see the module docstring)."""
    for gold in options:
        if gold is None:
            if not occurred or predicted is None:
                return True
            start = _start(predicted)
            if start is not None and start <= published:
                return True
        elif predicted is not None and (predicted == gold or predicted.startswith(gold + "-")):
            return True
    return False


def place_allowed(options: Sequence[GoldPlace | None], event: Event) -> bool:
    """Tell whether the event's place is in the country of one of the gold places (None: any)."""
    country = _code(event.location.country) if event.location is not None else None
    return any(p is None or p.country == country for p in options)


def judge(gold: GoldEvent, event: Event, *, published: dt.date) -> dict[str, bool]:
    """Return, for each attribute, whether a found event has it right."""
    return {
        "type": event.event_type in gold.types,
        "source": actors_allowed(gold.sources, event.source),
        "target": actors_allowed(gold.targets, event.target),
        "date": date_allowed(gold.dates, event.date, occurred=gold.status == "occurred", published=published),
        "place": place_allowed(gold.places, event),
        "status": event.status in gold.statuses,
    }


# -- pairing --------------------------------------------------------------------------------------


def assign(weights: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    """Return the (row, column) pairs of positive weight of an assignment of maximum total weight.

    Each row and each column is used at most once. The Hungarian algorithm (shortest augmenting
    paths with potentials), exact for integer weights.
    """
    rows = len(weights)
    cols = len(weights[0]) if rows else 0
    if not rows or not cols:
        return []
    flipped = rows > cols
    w = [list(c) for c in zip(*weights)] if flipped else [list(r) for r in weights]
    n, m = len(w), len(w[0])
    u, v = [0] * (n + 1), [0] * (m + 1)
    owner, way = [0] * (m + 1), [0] * (m + 1)  # owner[j]: the row (from 1) column j is assigned to
    for i in range(1, n + 1):
        owner[0], j0 = i, 0
        least, used = [float("inf")] * (m + 1), [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = owner[j0], float("inf"), 0
            for j in range(1, m + 1):
                if not used[j]:
                    cost = -w[i0 - 1][j - 1] - u[i0] - v[j]
                    if cost < least[j]:
                        least[j], way[j] = cost, j0
                    if least[j] < delta:
                        delta, j1 = least[j], j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    least[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    pairs = [(owner[j] - 1, j - 1) for j in range(1, m + 1) if owner[j] and w[owner[j] - 1][j - 1] > 0]
    return sorted((c, r) for r, c in pairs) if flipped else sorted(pairs)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass(frozen=True, slots=True, kw_only=True)
class Pair:
    """A gold event and the predicted event found for it, with each attribute's verdict."""

    gold: GoldEvent
    event: Event
    verdicts: Mapping[str, bool]

    @property
    def right(self) -> bool:
        return all(self.verdicts.values())


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleScore:
    """One article's pairs, its gold events left without a prediction, and its unpaired predictions."""

    article: GoldArticle
    pairs: tuple[Pair, ...]
    missed: tuple[GoldEvent, ...]
    unpaired: tuple[Event, ...]  # predictions paired with no gold event
    no_gold_sentence: tuple[Event, ...]  # of those, the ones in no sentence of any gold event


def score_article(article: GoldArticle, *, text: str, events: Sequence[Event], words: Words = stems) -> ArticleScore:
    """Pair an article's gold events with the events predicted from it (see the module docstring).

    Args:
        article: the gold article.
        text: the article's cleaned text, which the events' spans point into.
        events: the predicted events.
        words: gives the comparable forms of a trigger's words (default: their stems).

    Raises:
        EvaluationError: a gold sentence is not in the cleaned text.
    """
    sites: list[list[tuple[tuple[int, int], frozenset[str]]]] = []  # per gold event: (span, trigger words)
    for gold in article.events:
        sites.append([(span, words(m.trigger)) for m in gold.mentions
                      for span in locate(m.sentence, text, where=f"{article.origin}, {gold.id}")])  # fmt: skip
    event_words = [words(e.trigger.text) for e in events]
    spans = [(e.sentence.start, e.sentence.end) for e in events]
    verdicts: dict[tuple[int, int], dict[str, bool]] = {}
    for i, gold in enumerate(article.events):
        for j, event in enumerate(events):
            if event.event_type not in gold.types:
                continue
            if any(_overlaps(spans[j], span) and event_words[j] & trigger for span, trigger in sites[i]):
                verdicts[i, j] = judge(gold, event, published=article.published)
    # Right pairs first, then found ones: a right pair outweighs any number of merely found ones.
    bonus = len(article.events) + len(events) + 1
    weights = [[(1 + bonus * all(verdicts[i, j].values())) if (i, j) in verdicts else 0 for j in range(len(events))]
               for i in range(len(article.events))]  # fmt: skip
    assigned = assign(weights)
    paired_gold = {i for i, _ in assigned}
    paired_events = {j for _, j in assigned}
    every_site = [span for s in sites for span, _ in s]
    unpaired = tuple(e for j, e in enumerate(events) if j not in paired_events)
    return ArticleScore(
        article=article,
        pairs=tuple(Pair(gold=article.events[i], event=events[j], verdicts=verdicts[i, j]) for i, j in assigned),
        missed=tuple(g for i, g in enumerate(article.events) if i not in paired_gold),
        unpaired=unpaired,
        no_gold_sentence=tuple(e for j, e in enumerate(events) if j not in paired_events
                               and not any(_overlaps(spans[j], s) for s in every_site)),
    )  # fmt: skip


# -- metrics --------------------------------------------------------------------------------------


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _prf(hits_p: int, predicted: int, hits_r: int, gold: int) -> dict[str, float]:
    precision, recall = _ratio(hits_p, predicted), _ratio(hits_r, gold)
    return {"precision": precision, "recall": recall, "f1": f1_score(precision, recall)}


def _event_row(article_id: str, event: Event) -> dict[str, Any]:
    return {"article": article_id, "trigger": event.trigger.text, "type": event.event_type,
            "status": event.status, "sentence": event.sentence.text}  # fmt: skip


def _shown_actors(actors: Iterable[Actor | GoldActor]) -> list[str]:
    return [f"{a.name} ({a.country or '-'}/{a.sector or '-'})" for a in actors]


def _wrong_row(pair: Pair) -> dict[str, Any]:
    g, e = pair.gold, pair.event
    place = e.location
    return {
        "article": g.id.split("#")[0], "gold": g.id, "type": g.type, "trigger": e.trigger.text,
        "sentence": e.sentence.text, "wrong": [a for a, ok in pair.verdicts.items() if not ok],
        "gold_values": {"source": _shown_actors(g.sources[0]), "target": _shown_actors(g.targets[0]),
                        "date": g.dates[0], "status": g.status,
                        "place": f"{g.places[0].name} ({g.places[0].country or '-'})" if g.places[0] else None},
        "predicted": {"source": _shown_actors(e.source), "target": _shown_actors(e.target), "date": e.date,
                      "place": f"{place.name} ({place.country or '-'})" if place else None, "status": e.status},
    }  # fmt: skip


def summarise(scores: Sequence[ArticleScore]) -> dict[str, Any]:
    """Return the metrics of a set of scored articles (see the module docstring)."""
    pairs = [p for s in scores for p in s.pairs]
    right = [p for p in pairs if p.right]
    gold_n = sum(len(s.article.events) for s in scores)
    predicted_n = sum(len(s.pairs) + len(s.unpaired) for s in scores)
    found = _prf(len(pairs), predicted_n, len(pairs), gold_n)
    strict = _prf(len(right), predicted_n, len(right), gold_n)

    gold_types = Counter(g.type for s in scores for g in s.article.events)
    # A paired prediction counts under the type of its gold event (it may have an alternative
    # type), an unpaired one under its own: each prediction is counted once.
    predicted_types = Counter(p.gold.type for p in pairs) + Counter(e.event_type for s in scores for e in s.unpaired)
    per_type = {}
    for t in sorted(set(gold_types) | set(predicted_types)):
        found_t = sum(p.gold.type == t for p in pairs)
        right_t = sum(p.gold.type == t for p in right)
        per_type[t] = {
            "gold": gold_types[t], "predicted": predicted_types[t], "found": found_t, "right": right_t,
            "found_f1": _prf(found_t, predicted_types[t], found_t, gold_types[t])["f1"],
            "strict_f1": _prf(right_t, predicted_types[t], right_t, gold_types[t])["f1"],
        }  # fmt: skip
    unmatched = [_event_row(s.article.id, e) for s in scores for e in s.no_gold_sentence]
    return {
        "articles": len(scores),
        "gold_events": gold_n,
        "predicted_events": predicted_n,
        "found_events": len(pairs),
        "right_events": len(right),
        "found_f1": found["f1"],
        "strict_f1": strict["f1"],
        "found": found,
        "strict": strict,
        "attribute_accuracy": {a: _ratio(sum(p.verdicts[a] for p in pairs), len(pairs)) for a in ATTRIBUTES},
        "per_type": per_type,
        "unmatched_count": len(unmatched),
        "unmatched_predictions": unmatched,
        "unpaired_in_gold_sentences": sum(len(s.unpaired) - len(s.no_gold_sentence) for s in scores),
        "missed": [{"article": s.article.id, "gold": g.id, "type": g.type, "trigger": g.mentions[0].trigger,
                    "sentence": g.mentions[0].sentence} for s in scores for g in s.missed],
        "wrong": [_wrong_row(p) for p in pairs if not p.right],
        "per_article": {s.article.id: {"gold": len(s.article.events), "predicted": len(s.pairs) + len(s.unpaired),
                                       "found": len(s.pairs), "right": sum(p.right for p in s.pairs)}
                        for s in scores},
    }  # fmt: skip


# -- running the pipeline -------------------------------------------------------------------------


def extract_all(raws: Sequence[RawArticle], *, settings) -> dict[str, Extraction]:
    """Run the whole pipeline over ``raws``, in batches; return each extraction by article id.

    Raises:
        EvaluationError: the pipeline refused an article (the reason is given).
    """
    from eventwire.pipeline import Resources, process

    resources = Resources.load(settings)
    out: dict[str, Extraction] = {}
    for item in process(raws, settings=settings, resources=resources):
        if not isinstance(item, Extraction):
            raise EvaluationError(f"article {getattr(item, 'article_id', None)} was not processed: "
                                  f"{getattr(item, 'reason', 'skipped')}; fix its text")  # fmt: skip
        out[item.article.id] = item
    return out


def model_words(nlp) -> Words:
    """Return a ``words`` function that also knows the irregular forms in the model's lemmatizer tables."""
    for name in ("eventwire_lemmas", "lemmatizer"):
        if name in nlp.pipe_names:
            pipe = nlp.get_pipe(name)
            lookups = getattr(getattr(pipe, "lemmatizer", pipe), "lookups", None)
            if lookups is not None and lookups.has_table("lemma_exc"):
                exceptions = lookups.get_table("lemma_exc")
                return words_with({form: lemmas for pos in ("verb", "noun") if pos in exceptions
                                   for form, lemmas in exceptions[pos].items()})  # fmt: skip
    return stems


def evaluate(path: Path, *, settings) -> dict[str, Any]:
    """Score the pipeline on the gold articles at ``path`` (a ``.jsonl`` file or a folder of them).

    Raises:
        EvaluationError: the gold cannot be read, the pipeline refused an article, or a gold
            sentence is not in its article's cleaned text.
    """
    from eventwire.pipeline import Resources

    articles = read(path)
    if not articles:
        raise EvaluationError(f"{path} holds no gold articles")
    raws = [RawArticle(id=a.id, title=a.title, text=a.text, published=a.published, source=a.origin)
            for a in articles]  # fmt: skip
    extractions = extract_all(raws, settings=settings)
    words = model_words(Resources.load(settings).nlp)
    scores = [score_article(a, text=extractions[a.id].article.text, events=extractions[a.id].events, words=words)
              for a in articles]  # fmt: skip
    return summarise(scores)


# -- the report -----------------------------------------------------------------------------------


def render(metrics: Mapping[str, Any], *, verbose: bool = False) -> str:
    """Return the metrics as a readable report; ``verbose`` lists the predictions in no gold
    sentence, the gold events missed and the found events with a wrong part."""
    m = metrics
    lines = [f"{m['articles']} articles, {m['gold_events']} gold events, {m['predicted_events']} predicted, "
             f"{m['found_events']} found, {m['right_events']} right in every part", "",
             f"{'':<28}{'precision':>10}{'recall':>8}{'F1':>8}"]  # fmt: skip
    for key, label in (("found", "found (type, trigger)"), ("strict", "right in every part")):
        row = m[key]
        lines.append(f"{label:<28}{row['precision']:>10.3f}{row['recall']:>8.3f}{row['f1']:>8.3f}")
    lines += ["", f"accuracy over the {m['found_events']} found events: "
              + ", ".join(f"{a} {v:.3f}" for a, v in m["attribute_accuracy"].items()), "",
              f"{'type':<12}{'gold':>6}{'pred':>6}{'found':>7}{'right':>7}{'found F1':>10}"
              f"{'strict F1':>11}"]  # fmt: skip
    for t, row in m["per_type"].items():
        lines.append(f"{t:<12}{row['gold']:>6}{row['predicted']:>6}{row['found']:>7}{row['right']:>7}"
                     f"{row['found_f1']:>10.3f}{row['strict_f1']:>11.3f}")  # fmt: skip
    lines += ["", f"{m['unmatched_count']} predicted events in sentences with no gold event"
              + ("" if verbose else " (-v lists them)")
              + f"; {m['unpaired_in_gold_sentences']} more unpaired in gold sentences"]  # fmt: skip
    if verbose:
        lines += [f"  {r['article']}  {r['type']} {r['status']}  {r['trigger']!r}  {r['sentence']}"
                  for r in m["unmatched_predictions"]]  # fmt: skip
        lines += ["", f"{len(m['missed'])} gold events not found:"]
        lines += [f"  {r['gold']}  {r['type']}  {r['trigger']!r}  {r['sentence']}" for r in m["missed"]]
        lines += ["", f"{len(m['wrong'])} found events wrong in some part:"]
        for r in m["wrong"]:
            lines.append(f"  {r['gold']}  {r['type']}  {r['trigger']!r}: " + "; ".join(
                f"{a} {r['predicted'][a]!r}, gold {r['gold_values'][a]!r}" for a in r["wrong"]))
    return "\n".join(lines)
