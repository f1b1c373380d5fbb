"""The data model: a few frozen, typed records.

Every extracted record carries the id of its article and spans into the article's *cleaned* text,
with the invariant ``article.text[span.start:span.end] == span.text``.

    Article ──┬── Event   (trigger, sentence: Span; source/target: Actor; location: Location)
              ├── Quote   (content, cue: Span; speaker: Actor)
              ├── Place   (a resolved toponym; text/start/end are its span)
              └── Timex   (a TIMEX3 time expression; text/start/end are its span)
    Rejection  an input that could not be processed, with the stage and the reason

``to_dict`` turns any record into plain JSON-able values, ``from_dict`` rebuilds it from them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import types
import typing
from dataclasses import dataclass
from typing import Any, Literal, Mapping, TypeVar

from eventwire.errors import InputError

EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
STATUSES: tuple[str, ...] = ("occurred", "planned", "negated", "hypothetical")
PRECISIONS: tuple[str, ...] = ("day", "month", "year")

Status = Literal["occurred", "planned", "negated", "hypothetical"]


def content_id(*parts: object, length: int = 16) -> str:
    """Return a short, stable hash id of ``parts`` (so that re-running an input upserts)."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return digest.hexdigest()[:length]


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    """A piece of the cleaned article text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """Cut the span ``[start, end)`` out of ``text``."""
        return cls(start=start, end=end, text=text[start:end])


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One cleaned news article, ready for parsing."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    dateline: str | None = None
    source: str | None = None  # the file (or "-") it was read from
    removed_paragraphs: int = 0  # repeated paragraphs dropped by cleaning
    content_hash: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class RawArticle:
    """An article as read from its source, before cleaning."""

    text: str | None = None
    html: str | None = None
    id: str | None = None
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    """A participant of an event, or the speaker of a quote.

    ``kind`` is one of ``country``, ``organisation``, ``person``, ``group``; ``sector`` a
    PLOVER/CAMEO sector code (GOV, MIL, REB, LEG, JUD, IGO, PTY, CVL, MED, BUS, ...).
    """

    text: str
    name: str
    country: str | None = None
    sector: str | None = None
    kind: str = "group"
    span: Span | None = None
    role: str | None = None  # for people: "Secretary General", "Prime Minister", ...
    organisation: str | None = None  # for people and bodies: the organisation they belong to
    patron: str | None = None  # ISO alpha-3 of a state that backs the actor ("Iranian-backed")
    # for members of an international organisation (sector IGO): their own sector, as CAMEO's
    # secondary code has it ("UN peacekeepers" MIL, "the UN Secretary-General" GOV: IGOUNOMIL)
    agent: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Location:
    """Where an event happened, with how it was decided (``basis``) and how precise it is."""

    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    precision: str = "city"  # point | city | admin1 | country
    basis: str = "clause"  # clause | sentence | dateline | actor


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """A toponym in the text and its resolution in the gazetteer."""

    article_id: str
    text: str
    start: int
    end: int
    name: str
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO 3166 alpha-3
    admin1: str | None = None
    feature: str | None = None  # country | admin1 | city | region
    population: int | None = None
    extractor: str = ""  # the version of the place extractor that found it


@dataclass(frozen=True, slots=True, kw_only=True)
class Timex:
    """A time expression and its TimeML TIMEX3 value (``2020-01``, ``P3D``, ``PRESENT_REF``)."""

    article_id: str
    text: str
    start: int
    end: int
    type: str  # DATE | TIME | DURATION | SET
    value: str
    extractor: str = ""  # the version of the time-expression extractor that found it


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    """A direct or indirect quote and who said it."""

    id: str
    article_id: str
    kind: str  # direct | indirect | stance ("praised the plan": an attitude towards an object)
    content: Span  # from the first quoted passage to the last
    cue: Span | None = None
    speaker: Actor | None = None
    parts: tuple[Span, ...] = ()  # the quoted passages, when the attribution splits the quote
    audience: Actor | None = None  # "told *reporters*"
    place: Span | None = None  # "told reporters *in Brussels*"
    extractor: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """One coded event: who did what to whom, where and when, with its evidence."""

    id: str
    article_id: str
    event_type: str
    mode: str | None
    context: str | None = None  # PLOVER context of the CAMEO code ("military", "economic", ...)
    cameo: str | None
    source: tuple[Actor, ...]
    target: tuple[Actor, ...]
    trigger: Span
    sentence: Span
    date: str | None
    date_precision: str | None
    date_basis: str | None  # text | published
    status: str
    location: Location | None
    confidence: float
    evidence: str  # the lexicon entry that produced the event, and what the rules changed, in words
    rules: tuple[str, ...] = ()  # the names of the coding rules that fired, in order
    timex: Span | None = None  # the time expression that dates the event
    quote_id: str | None = None  # set when the event is reported inside a quote
    speaker: str | None = None  # canonical name of who reported it, if anyone
    extractor: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Rejection:
    """An input that was not processed, and why."""

    article_id: str | None
    source: str | None
    stage: str  # ingest | clean | parse | extract | store
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    places: tuple[Place, ...] = ()
    timexes: tuple[Timex, ...] = ()


def to_dict(record: Any) -> dict[str, Any]:
    """Serialise a record to plain JSON-able values (dates as ISO strings)."""
    return _jsonable(record)


def _jsonable(value: Any) -> Any:
    # what ``dataclasses.asdict`` gives, then made JSON-able, in one pass: asdict deep-copies every
    # value, which cost more than the rest of writing a batch to the store
    kind = type(value)
    names = _FIELD_NAMES.get(kind)
    if names is None:
        names = _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(kind)) if dataclasses.is_dataclass(kind) else False
    if names is not False:
        return {name: _jsonable(getattr(value, name)) for name in names}
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


_FIELD_NAMES: dict[type, tuple[str, ...] | bool] = {}  # False: not a dataclass


R = TypeVar("R")


def from_dict(cls: type[R], data: Mapping[str, Any]) -> R:
    """Rebuild a record of type ``cls`` from its plain dict, as ``to_dict`` (or JSON of it) gives it.

    Nested records are rebuilt from their dicts, tuples from lists and dates from ISO strings, so
    that ``from_dict(type(r), to_dict(r)) == r`` for every record ``r``. Fields the dict leaves out
    take their defaults.

    Raises:
        InputError: a key that is not a field, a required field missing, or a value that cannot be
            one of its field (a date that is not ISO, a list for a record).
    """
    if not dataclasses.is_dataclass(cls):
        raise TypeError(f"{cls!r} is not a record type")
    return _rebuilt(cls, data, where=cls.__name__)


def _rebuilt(kind: Any, value: Any, *, where: str) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [k for k in typing.get_args(kind) if k is not type(None)]
        return _rebuilt(options[0], value, where=where) if len(options) == 1 else value
    if origin is tuple:
        if not isinstance(value, (list, tuple)):
            raise _bad(where, "a list", value)
        item_kind = typing.get_args(kind)[0]
        return tuple(_rebuilt(item_kind, v, where=f"{where}[{n}]") for n, v in enumerate(value))
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        if not isinstance(value, Mapping):
            raise _bad(where, f"an object ({kind.__name__})", value)
        hints = _hints(kind)
        unknown = sorted(set(value) - set(hints))
        if unknown:
            raise InputError(f"{where}: no field {', '.join(map(repr, unknown))} in {kind.__name__}")
        fields = {name: _rebuilt(hints[name], v, where=f"{where}.{name}") for name, v in value.items()}
        try:
            return kind(**fields)
        except TypeError as exc:  # a required field is missing
            raise InputError(f"{where}: {exc}") from None
    if kind is dt.date and not isinstance(value, dt.date):
        try:
            return dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise _bad(where, "an ISO date (YYYY-MM-DD)", value) from None
    return value


def _bad(where: str, expected: str, value: Any) -> InputError:
    return InputError(f"{where}: expected {expected}, got {value!r:.80}")


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        hints = typing.get_type_hints(cls)
        _HINTS[cls] = {f.name: hints[f.name] for f in dataclasses.fields(cls)}
    return _HINTS[cls]
