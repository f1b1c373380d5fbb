"""The coders' knowledge, read from ``lexicons/*.tsv`` into one object that is passed in.

``Lexicon.load`` reads every table the actor and event coders use, plus a user's extra actor and
trigger rows, once per process; the extractors receive the result with the other heavy objects
(``pipeline.Resources``) and never read a file themselves. See ``lexicons/README.md`` for the
tables' columns.

    Lexicon
    ├── actors: ActorLexicon   countries, demonyms, capitals, organisations, people, sectors, titles
    ├── events: EventLexicon   triggers, light verbs, statements, senses, object senses, codings
    └── words: WordClasses     named classes of words the rules test (``words.tsv``)

``version`` is a hash of every table read, user files included: what the coders know is part of
what their output depends on.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Iterator, Mapping

import pycountry
from spacy.matcher import PhraseMatcher

from eventwire.errors import ConfigError


def read_table(text: str, *, columns: int, origin: str) -> list[list[str]]:
    """Split a lexicon table into rows of stripped cells, skipping blank and ``#`` lines.

    Raises:
        ConfigError: a row has fewer than ``columns`` cells.
    """
    rows = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) < columns:
            raise ConfigError(f"{origin}:{lineno}: expected {columns} tab-separated columns, got {len(cells)}")
        rows.append(cells)
    return rows


def bundled_text(name: str) -> str:
    """Return the text of one bundled lexicon table."""
    return resources.files("eventwire.lexicons").joinpath(name).read_text(encoding="utf-8")


def _user_text(path: str, *, what: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read user {what} file {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"user {what} file {path} is not UTF-8 text: {exc.reason}") from exc


# -- actors ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Entry:
    """One actor lexicon entry: what a matched phrase stands for."""

    name: str
    country: str | None
    sector: str | None
    kind: str  # country | capital | demonym | organisation | group | person
    descriptors: tuple[str, ...] = ()
    agent: str | None = None  # an IGO's own field, as CAMEO codes it: NATO MIL, the WHO HLH


@dataclass(slots=True)
class ActorLexicon:
    """The actor tables: phrases to entries, sector nouns, titles and country display names."""

    phrases: dict[str, Entry] = field(default_factory=dict)  # case-insensitive phrases
    acronyms: dict[str, Entry] = field(default_factory=dict)  # case-sensitive phrases
    sectors: dict[str, tuple[str, str]] = field(default_factory=dict)  # noun lemma -> (sector, kind)
    roles: dict[str, str] = field(default_factory=dict)  # title -> sector
    role_countries: dict[str, str] = field(default_factory=dict)  # title -> the country it implies
    country_names: dict[str, str] = field(default_factory=dict)  # ISO3 -> display name
    _matchers: dict[int, tuple[PhraseMatcher, PhraseMatcher]] = field(default_factory=dict)
    _misspelt_index: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def add(self, alias: str, entry: Entry) -> None:
        """Add one alias; all-capital aliases (acronyms) match case-sensitively."""
        letters = [c for c in alias if c.isalpha()]
        if letters and all(c.isupper() for c in letters) and len(letters) <= 6:
            self.acronyms[alias] = entry
        else:
            self.phrases[alias.lower()] = entry

    def matchers(self, nlp_vocab, make_doc) -> tuple[PhraseMatcher, PhraseMatcher]:
        """Return phrase matchers (case-insensitive, case-sensitive) for a pipeline's vocab."""
        key = id(nlp_vocab)
        if key not in self._matchers:
            lower = PhraseMatcher(nlp_vocab, attr="LOWER")
            exact = PhraseMatcher(nlp_vocab, attr="ORTH")
            for alias in self.phrases:
                lower.add(alias, [make_doc(alias)])
            for alias in self.acronyms:
                exact.add(alias, [make_doc(alias)])
            self._matchers[key] = (lower, exact)
        return self._matchers[key]

    def _misspellings(self) -> dict[str, tuple[str, ...]]:
        """One-word country names and demonyms by their forms with one letter dropped (and as
        they are), for finding a name written with one letter wrong, missing or extra."""
        if not self._misspelt_index:
            index: dict[str, set[str]] = {}
            for key, entry in self.phrases.items():
                if entry.kind in ("country", "demonym") and len(key) >= 5 and key.isalpha():
                    for form in {key} | {key[:i] + key[i + 1 :] for i in range(1, len(key))}:
                        index.setdefault(form, set()).add(key)
            self._misspelt_index.update((form, tuple(sorted(keys))) for form, keys in index.items())
        return self._misspelt_index

    def misspelt(self, word: str) -> Entry | None:
        """Return the country or demonym an unknown capitalised word of six letters or more
        misspells by one letter ("Ethopia", "Phillippines"), if all it may misspell are of one
        country; the first letter must be right."""
        lower = word.lower()
        if len(lower) < 6 or not lower.isalpha() or not word[0].isupper() or lower in self.phrases:
            return None
        forms = {lower} | {lower[:i] + lower[i + 1 :] for i in range(1, len(lower))}
        index = self._misspellings()
        keys = sorted({k for form in forms for k in index.get(form, ()) if _one_edit(lower, k)})
        countries = {self.phrases[k].country for k in keys}
        return self.phrases[keys[0]] if len(countries) == 1 else None

    def entry(self, alias: str) -> Entry | None:
        """Return the entry of an alias as matched (acronyms exactly, others in any case)."""
        return self.acronyms.get(alias) or self.phrases.get(alias.lower())

    def country_name(self, iso3: str | None) -> str | None:
        """Return the display name of a country code."""
        return self.country_names.get(iso3 or "", iso3)


def _one_edit(a: str, b: str) -> bool:
    """Whether two different words are one substitution, insertion or deletion apart."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    i = next((n for n, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[i + 1 :] == shorter[i:]


def _actor_lexicon(user_text: str | None, user_origin: str) -> ActorLexicon:
    lex = ActorLexicon()
    for country in pycountry.countries:
        display = getattr(country, "common_name", None) or country.name
        lex.country_names[country.alpha_3] = display
        for alias in {country.name, display, getattr(country, "official_name", None)} - {None}:
            if "," not in alias:
                lex.add(alias, Entry(name=display, country=country.alpha_3, sector=None, kind="country"))
    rows = read_table(bundled_text("countries.tsv"), columns=3, origin="countries.tsv")
    for alias, iso3, kind in (r[:3] for r in rows if r[2] != "display"):
        display = lex.country_names.get(iso3, alias)
        if kind == "name" and iso3 not in lex.country_names:
            lex.country_names[iso3] = alias
        sector = "GOV" if kind == "capital" else None
        lex.add(alias, Entry(name=lex.country_names.get(iso3, display), country=iso3, sector=sector,
                             kind={"name": "country"}.get(kind, kind)))  # fmt: skip
    # the short, familiar names of countries whose ISO names are long ("United States")
    lex.country_names.update((r[1], r[0]) for r in rows if r[2] == "display")
    for key, entry in list(lex.phrases.items()) + list(lex.acronyms.items()):
        if entry.country in lex.country_names and entry.kind in ("country", "capital", "demonym"):
            fixed = replace(entry, name=lex.country_names[entry.country])
            (lex.phrases if key in lex.phrases else lex.acronyms)[key] = fixed
    # Plurals of demonyms in -n and -i ("Algerians", "Saudis"), unless listed or taken.
    for key, entry in list(lex.phrases.items()):
        if entry.kind == "demonym" and key[-1:] in ("n", "i") and f"{key}s" not in lex.phrases:
            lex.phrases[f"{key}s"] = entry
    _add_organisations(lex, bundled_text("organisations.tsv"), origin="organisations.tsv")
    _add_organisations(lex, bundled_text("people.tsv"), origin="people.tsv")
    for lemma, sector, kind in (r[:3] for r in read_table(bundled_text("sectors.tsv"), columns=3, origin="sectors.tsv")):
        lex.sectors[lemma] = (sector, kind)
    for cells in read_table(bundled_text("roles.tsv"), columns=2, origin="roles.tsv"):
        lex.roles[cells[0]] = cells[1]
        if len(cells) > 2 and cells[2]:
            lex.role_countries[cells[0]] = cells[2]  # "secretary of state": the US office
    if user_text is not None:
        _add_organisations(lex, user_text, origin=user_origin)
    return lex


def _add_organisations(lex: ActorLexicon, text: str, *, origin: str) -> None:
    for cells in read_table(text, columns=5, origin=origin):
        alias, name, country, sector, kind = cells[:5]
        descriptors = tuple(d.strip() for d in cells[5].split(",") if d.strip()) if len(cells) > 5 else ()
        agent = cells[6] if len(cells) > 6 and cells[6] else None
        lex.add(alias, Entry(name=name, country=country or None, sector=sector or None, kind=kind,
                             descriptors=descriptors, agent=agent))  # fmt: skip


# -- events ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Trigger:
    """How a trigger word is coded: one row of ``events.tsv`` or of ``senses.tsv``."""

    lemma: str
    pos: str  # VERB | NOUN
    event_type: str
    mode: str | None
    cameo: str | None
    target_preps: tuple[str, ...]

    @property
    def evidence(self) -> str:
        """Name the entry, for the ``evidence`` field."""
        return f"events.tsv:{self.lemma}/{self.pos}"

    def recoded(self, event_type: str, mode: str | None, cameo: str | None) -> Trigger:
        """The same word coded as another act (its target prepositions kept)."""
        return replace(self, event_type=event_type, mode=mode, cameo=cameo)


@dataclass(frozen=True, slots=True)
class Sense:
    """A reading of a trigger word that a rule picks (``senses.tsv``): how it is then coded."""

    name: str
    lemma: str | None  # None: the word's own
    event_type: str
    mode: str | None
    cameo: str | None
    target_preps: tuple[str, ...] | None  # None: the word's own

    def of(self, *, lemma: str, pos: str, target_preps: tuple[str, ...] = ()) -> Trigger:
        """The trigger of a word read in this sense."""
        return Trigger(lemma=self.lemma if self.lemma is not None else lemma, pos=pos, event_type=self.event_type,
                       mode=self.mode, cameo=self.cameo,
                       target_preps=self.target_preps if self.target_preps is not None else target_preps)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Coding:
    """How the codebook codes a PLOVER type intended, threatened, refused, demanded or ended
    (``codings.tsv``): CAMEO codes, and the (type, mode, CAMEO) of ending it."""

    intended: str | None
    threatened: str | None
    refused: str | None
    demanded: str | None
    ended: tuple[str, str | None, str] | None


@dataclass(frozen=True, slots=True)
class EventLexicon:
    """The event tables.

    ``triggers``: (lemma, pos) -> how the word is coded (``events.tsv`` and a user's rows);
    ``light_verbs``: lemma -> the role a light verb gives its subject (``light_verbs.tsv``);
    ``statements``: verb lemma -> the complements that make it a statement (``statements.tsv``);
    ``senses``: the readings rules pick (``senses.tsv``); ``object_senses``: verb -> (objects,
    (type, mode, CAMEO)) in order (``object_senses.tsv``); ``codings``: type -> its intended,
    threatened, refused, demanded and ended codes (``codings.tsv``).
    """

    triggers: dict[tuple[str, str], Trigger]
    light_verbs: dict[str, str]
    statements: dict[str, frozenset[str]]
    senses: dict[str, Sense]
    object_senses: dict[str, tuple[tuple[frozenset[str], tuple[str, str | None, str]], ...]]
    codings: dict[str, Coding]

    def sense(self, name: str) -> Sense:
        """Return the sense ``name`` of ``senses.tsv``.

        Raises:
            ConfigError: there is no such sense.
        """
        try:
            return self.senses[name]
        except KeyError:
            raise ConfigError(f"senses.tsv has no sense {name!r}") from None


def _trigger_rows(text: str, *, origin: str) -> Iterator[Trigger]:
    for cells in read_table(text, columns=5, origin=origin):
        lemma, pos, event_type, mode, cameo = cells[:5]
        preps = tuple(p for p in (cells[5].split(",") if len(cells) > 5 else ()) if p)
        yield Trigger(lemma=lemma, pos=pos, event_type=event_type, mode=mode or None, cameo=cameo or None,
                      target_preps=preps)  # fmt: skip


def _none(cell: str) -> str | None:
    return None if cell == "-" else cell


def _senses(text: str) -> dict[str, Sense]:
    senses = {}
    for name, lemma, event_type, mode, cameo, preps in (r[:6] for r in read_table(text, columns=6, origin="senses.tsv")):
        senses[name] = Sense(
            name=name, lemma=None if lemma == "*" else "" if lemma == "-" else lemma,
            event_type="" if event_type == "-" else event_type, mode=_none(mode), cameo=_none(cameo),
            target_preps=None if preps == "*" else () if preps == "-" else tuple(preps.split(",")),
        )  # fmt: skip
    return senses


def _object_senses(text: str, words: WordClasses) -> dict[str, tuple[tuple[frozenset[str], tuple[str, str | None, str]], ...]]:
    out: dict[str, list] = {}
    for verb, objects, event_type, mode, cameo in (r[:5] for r in read_table(text, columns=5, origin="object_senses.tsv")):
        found: set[str] = set()
        for word in objects.split():
            found |= words[word[1:]] if word.startswith("@") else {word}
        out.setdefault(verb, []).append((frozenset(found), (event_type, _none(mode), cameo)))
    return {verb: tuple(rows) for verb, rows in out.items()}


def _codings(text: str) -> dict[str, Coding]:
    codings = {}
    for event_type, intended, threatened, refused, demanded, ended in (
        r[:6] for r in read_table(text, columns=6, origin="codings.tsv")
    ):  # fmt: skip
        end = ended.split() if ended != "-" else None
        codings[event_type] = Coding(intended=_none(intended), threatened=_none(threatened), refused=_none(refused),
                                     demanded=_none(demanded), ended=(end[0], _none(end[1]), end[2]) if end else None)  # fmt: skip
    return codings


def _event_lexicon(user_text: str | None, user_origin: str, words: WordClasses) -> EventLexicon:
    triggers: dict[tuple[str, str], Trigger] = {}
    for trigger in _trigger_rows(bundled_text("events.tsv"), origin="events.tsv"):
        if (trigger.lemma, trigger.pos) in triggers:
            raise ConfigError(f"events.tsv: {trigger.lemma}/{trigger.pos} is listed twice")
        triggers[(trigger.lemma, trigger.pos)] = trigger
    if user_text is not None:  # a user's rows add words, or recode the bundled ones
        triggers.update(((t.lemma, t.pos), t) for t in _trigger_rows(user_text, origin=user_origin))
    light = {r[0]: r[1] for r in read_table(bundled_text("light_verbs.tsv"), columns=2, origin="light_verbs.tsv")}
    statements = {
        r[0]: frozenset(c.strip() for c in r[1].split(","))
        for r in read_table(bundled_text("statements.tsv"), columns=3, origin="statements.tsv")
    }  # fmt: skip
    return EventLexicon(triggers=triggers, light_verbs=light, statements=statements,
                        senses=_senses(bundled_text("senses.tsv")),
                        object_senses=_object_senses(bundled_text("object_senses.tsv"), words),
                        codings=_codings(bundled_text("codings.tsv")))  # fmt: skip


# -- word classes --------------------------------------------------------------------------------


class WordClasses(dict[str, frozenset[str]]):
    """Named classes of words the coding rules test, from ``words.tsv``: ``words["planning"]``.

    A dict, looked up thousands of times per article; asking for a class that is not there is a
    ``ConfigError``.
    """

    @property
    def classes(self) -> Mapping[str, frozenset[str]]:
        """Every class by name."""
        return self

    def __missing__(self, name: str) -> frozenset[str]:
        raise ConfigError(f"words.tsv has no word class {name!r}")


def _word_classes(text: str) -> WordClasses:
    classes = WordClasses()
    for name, words, *_ in read_table(text, columns=2, origin="words.tsv"):
        if name in classes:
            raise ConfigError(f"words.tsv: the word class {name!r} is listed twice")
        classes[name] = frozenset(words.split())
    return classes


# -- all of it -----------------------------------------------------------------------------------

# Every bundled table the actor and event coders read (their version hashes these).
TABLES = ("countries.tsv", "organisations.tsv", "people.tsv", "sectors.tsv", "roles.tsv", "events.tsv",
          "light_verbs.tsv", "statements.tsv", "senses.tsv", "object_senses.tsv", "codings.tsv",
          "words.tsv")  # fmt: skip


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything the actor and event coders know; see the module docstring."""

    actors: ActorLexicon
    events: EventLexicon
    words: WordClasses
    version: str  # a hash of every table read, user files included

    @classmethod
    def load(cls, *, user_actors: str | Path | None = None, user_triggers: str | Path | None = None) -> Lexicon:
        """Load the bundled tables and, optionally, a user's extra actor and trigger rows.

        The user actor file has the columns of ``organisations.tsv`` (its entries override bundled
        ones with the same alias); the user trigger file those of ``events.tsv`` (its rows add
        words, or override the bundled row of the same lemma and part of speech).

        Raises:
            ConfigError: a table is malformed or a user file cannot be read.
        """
        return _load(str(user_actors) if user_actors else None, str(user_triggers) if user_triggers else None)

    def country_name(self, iso3: str | None) -> str | None:
        """Return the display name of a country code."""
        return self.actors.country_name(iso3)


@functools.lru_cache(maxsize=4)
def _load(user_actors: str | None, user_triggers: str | None) -> Lexicon:
    actor_text = _user_text(user_actors, what="actor") if user_actors else None
    trigger_text = _user_text(user_triggers, what="trigger") if user_triggers else None
    digest = hashlib.sha256()
    for text in [bundled_text(name) for name in TABLES] + [actor_text or "", trigger_text or ""]:
        digest.update(hashlib.sha256(text.encode("utf-8")).digest())
    words = _word_classes(bundled_text("words.tsv"))
    return Lexicon(
        actors=_actor_lexicon(actor_text, user_actors or ""),
        events=_event_lexicon(trigger_text, user_triggers or "", words),
        words=words,
        version=digest.hexdigest()[:12],
    )
