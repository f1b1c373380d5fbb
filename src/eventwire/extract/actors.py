"""Actors: who takes part in events, resolved to canonical names with country and sector.

``ActorLexicon`` holds the project's own lexicons (``lexicons/*.tsv``: countries and demonyms,
organisations and armed groups, sector nouns, titles) plus a user's extra file. ``find_actors``
indexes one parsed article: lexicon matches, named people with the titles the text gives them, and
the mentions that refer back to them ("he", "Stoltenberg", "the alliance", "the secretary
general"). Its ``actors_for(token)`` turns the noun phrase headed by a token into actors.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Iterable

import pycountry
import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span as SpacySpan, Token

from eventwire.errors import ConfigError
from eventwire.model import Actor, Article, Place, Span

EXTRACTOR = "eventwire.actors.v1"


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon entry: what a matched phrase stands for."""

    name: str
    country: str | None
    sector: str | None
    kind: str  # country | capital | demonym | organisation | group
    descriptors: tuple[str, ...] = ()


def _rows(text: str, *, columns: int, origin: str) -> list[list[str]]:
    rows = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) < columns:
            raise ConfigError(f"{origin}:{lineno}: expected {columns} tab-separated columns, got {len(cells)}")
        rows.append(cells)
    return rows


def _lexicon_text(name: str) -> str:
    return resources.files("eventwire.lexicons").joinpath(name).read_text(encoding="utf-8")


@dataclass(slots=True)
class ActorLexicon:
    """The actor lexicons, loaded once; see ``lexicons/README.md`` for their formats."""

    phrases: dict[str, Entry] = field(default_factory=dict)  # case-insensitive phrases
    acronyms: dict[str, Entry] = field(default_factory=dict)  # case-sensitive phrases
    sectors: dict[str, tuple[str, str]] = field(default_factory=dict)  # noun lemma -> (sector, kind)
    roles: dict[str, str] = field(default_factory=dict)  # title -> sector
    country_names: dict[str, str] = field(default_factory=dict)  # ISO3 -> display name
    _matchers: dict[int, tuple[PhraseMatcher, PhraseMatcher]] = field(default_factory=dict)

    @classmethod
    def load(cls, *, user_file: str | Path | None = None) -> ActorLexicon:
        """Load the bundled lexicons and, optionally, a user's TSV of extra actors.

        The user file has the columns of ``organisations.tsv``: alias, name, country, sector, kind,
        descriptors. Its entries override bundled ones with the same alias.

        Raises:
            ConfigError: a lexicon file is malformed or the user file cannot be read.
        """
        return _load_lexicon(str(user_file) if user_file else None)

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

    def entry(self, alias: str) -> Entry | None:
        """Return the entry of an alias as matched (acronyms exactly, others in any case)."""
        return self.acronyms.get(alias) or self.phrases.get(alias.lower())

    def country_name(self, iso3: str | None) -> str | None:
        """Return the display name of a country code."""
        return self.country_names.get(iso3 or "", iso3)


@functools.lru_cache(maxsize=4)
def _load_lexicon(user_file: str | None) -> ActorLexicon:
    lex = ActorLexicon()
    for country in pycountry.countries:
        display = getattr(country, "common_name", None) or country.name
        lex.country_names[country.alpha_3] = display
        for alias in {country.name, display, getattr(country, "official_name", None)} - {None}:
            if "," not in alias:
                lex.add(alias, Entry(name=display, country=country.alpha_3, sector=None, kind="country"))
    lex.country_names["XKX"] = "Kosovo"
    for alias, iso3, kind in _rows(_lexicon_text("countries.tsv"), columns=3, origin="countries.tsv"):
        display = lex.country_names.get(iso3, alias)
        if kind == "name" and iso3 not in lex.country_names:
            lex.country_names[iso3] = alias
        sector = "GOV" if kind == "capital" else None
        lex.add(alias, Entry(name=lex.country_names.get(iso3, display), country=iso3, sector=sector,
                             kind={"name": "country"}.get(kind, kind)))  # fmt: skip
    # Short, familiar display names for countries whose ISO names are long.
    for iso3, name in (("USA", "United States"), ("GBR", "United Kingdom"), ("RUS", "Russia"),
                       ("IRN", "Iran"), ("SYR", "Syria"), ("TUR", "Turkey"), ("KOR", "South Korea"),
                       ("PRK", "North Korea"), ("VNM", "Vietnam"), ("COD", "DR Congo"),
                       ("TZA", "Tanzania"), ("BOL", "Bolivia"), ("VEN", "Venezuela"),
                       ("MDA", "Moldova"), ("LAO", "Laos"), ("PSE", "Palestine")):  # fmt: skip
        lex.country_names[iso3] = name
    for key, entry in list(lex.phrases.items()) + list(lex.acronyms.items()):
        if entry.country in lex.country_names and entry.kind in ("country", "capital", "demonym"):
            fixed = replace(entry, name=lex.country_names[entry.country])
            (lex.phrases if key in lex.phrases else lex.acronyms)[key] = fixed
    _add_organisations(lex, _lexicon_text("organisations.tsv"), origin="organisations.tsv")
    for lemma, sector, kind in _rows(_lexicon_text("sectors.tsv"), columns=3, origin="sectors.tsv"):
        lex.sectors[lemma] = (sector, kind)
    for title, sector in _rows(_lexicon_text("roles.tsv"), columns=2, origin="roles.tsv"):
        lex.roles[title] = sector
    if user_file:
        try:
            text = Path(user_file).read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot read user actor file {user_file}: {exc.strerror}") from exc
        _add_organisations(lex, text, origin=user_file)
    return lex


def _add_organisations(lex: ActorLexicon, text: str, *, origin: str) -> None:
    for cells in _rows(text, columns=5, origin=origin):
        alias, name, country, sector, kind = cells[:5]
        descriptors = tuple(d.strip() for d in cells[5].split(",") if d.strip()) if len(cells) > 5 else ()
        lex.add(alias, Entry(name=name, country=country or None, sector=sector or None, kind=kind,
                             descriptors=descriptors))  # fmt: skip


@dataclass(slots=True)
class Person:
    """What the article says about one named person."""

    name: str
    role: str | None = None
    organisation: str | None = None
    country: str | None = None
    sector: str | None = None
    first: int = 0  # character offset of the first mention


_TITLE_WORDS = re.compile(r"^[A-Za-z.\-]+$")
_QUANTITIES = frozenset("thousands hundreds dozens scores millions tens number group crowd crowds members".split())
_PERSONAL = {"he": "person", "she": "person", "him": "person", "her": "person", "his": "person"}
_LEFT_DEPS = {"compound", "amod", "poss", "nmod", "npadvmod", "det", "nummod", "case", "punct"}


class ActorMentions:
    """The actors of one parsed article, and a resolver from tokens to actors."""

    def __init__(self, doc: Doc, *, article: Article, lexicon: ActorLexicon, places: Iterable[Place] = ()):
        self.doc = doc
        self.article = article
        self.lexicon = lexicon
        self.places = {p.start: p for p in places if p.country and p.feature != "country"}
        self.matches: dict[int, tuple[SpacySpan, Entry]] = {}  # token index -> covering match
        self._match(doc)
        self.people: list[Person] = []
        self._index_people(doc)

    # -- indexing -----------------------------------------------------------------------------

    def _match(self, doc: Doc) -> None:
        vocab = doc.vocab
        lower, exact = self.lexicon.matchers(vocab, _tokenizer_for(doc))
        found: list[tuple[int, int, Entry]] = []
        for matcher, lookup in ((lower, self.lexicon.phrases), (exact, self.lexicon.acronyms)):
            for match_id, start, end in matcher(doc):
                entry = lookup.get(vocab.strings[match_id])
                if entry is not None:
                    found.append((start, end, entry))
        # Longest match first; a token belongs to one match.
        for start, end, entry in sorted(found, key=lambda m: (-(m[1] - m[0]), m[0])):
            if any(i in self.matches for i in range(start, end)):
                continue
            span = doc[start:end]
            for i in range(start, end):
                self.matches[i] = (span, entry)

    def _index_people(self, doc: Doc) -> None:
        by_surname: dict[str, Person] = {}
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            tokens = [t for t in ent if t.text not in ("'s", "’s")]
            if not tokens or any(t.i in self.matches and self.matches[t.i][1].kind != "capital" for t in tokens):
                continue
            name = doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]
            surname = tokens[-1].text.lower()
            info = self._titles_before(ent)
            person = by_surname.get(surname)
            if person is None:
                person = Person(name=name, first=ent.start_char)
                by_surname[surname] = person
                self.people.append(person)
            elif len(name) > len(person.name):
                person.name = name
            for key, value in info.items():
                if value and not getattr(person, key):
                    setattr(person, key, value)
        for person in self.people:
            if person.sector is None and person.role:
                person.sector = self.lexicon.roles.get(person.role.lower())
            org = self.lexicon.entry(person.organisation) if person.organisation else None
            if org and org.sector == "IGO":
                person.sector = "IGO"
        self._by_surname = by_surname

    def _titles_before(self, ent: SpacySpan) -> dict[str, str | None]:
        """Read the titles, organisation and country written before (or in apposition to) a name."""
        doc = ent.doc
        start = ent.start
        words: list[Token] = []
        i = start - 1
        while i >= 0 and start - i <= 8 and doc[i].sent == ent.sent:
            tok = doc[i]
            if tok.pos_ in ("PROPN", "NOUN", "ADJ") or tok.i in self.matches or tok.text in ("(", ")", "-"):
                words.insert(0, tok)
                i -= 1
                continue
            if tok.lower_ == "of" and i > 0 and doc[i - 1].pos_ in ("PROPN", "NOUN") and doc[i + 1].pos_ == "PROPN":
                words.insert(0, tok)  # "Secretary of State", "Minister of Defence"
                i -= 1
                continue
            if tok.tag_ == "POS" and i > 0:  # "NATO's secretary general Jens Stoltenberg"
                words.insert(0, tok)
                i -= 1
                continue
            break
        # Apposition after the name: "Jens Stoltenberg, NATO's secretary general,"
        for child in ent.root.children:
            if child.dep_ == "appos":
                words.extend(t for t in child.subtree if t.pos_ not in ("DET", "PUNCT", "ADP"))
        role = organisation = country = None
        text = " ".join(t.text.lower() for t in words if t.i not in self.matches or t.lower_ == "state")
        for title in sorted(self.lexicon.roles, key=len, reverse=True):
            if re.search(rf"(?<![\w-]){re.escape(title)}(?![\w-])", text):
                role = title
                break
        for tok in words:
            match = self.matches.get(tok.i)
            if not match:
                continue
            entry = match[1]
            if entry.kind in ("country", "demonym", "capital"):
                country = country or entry.country
            elif organisation is None:
                organisation = entry.name
                country = country or entry.country
        return {"role": _title_case(role) if role else None, "organisation": organisation,
                "country": country}  # fmt: skip

    # -- resolution ---------------------------------------------------------------------------

    def actors_for(self, token: Token) -> tuple[Actor, ...]:
        """Resolve the noun phrase headed by ``token`` and its conjuncts into actors."""
        out: list[Actor] = []
        for head in (token, *token.conjuncts):
            if head.i < token.i and head is not token:
                continue
            actor = self.actor_for(head)
            if actor is not None and all(a.name != actor.name for a in out):
                out.append(actor)
        return tuple(out)

    def actor_for(self, token: Token) -> Actor | None:
        """Resolve the noun phrase headed by ``token`` into one actor, or None."""
        if token.dep_ == "nsubj" and token.tag_ == "WDT" and token.head.dep_ == "relcl":
            token = token.head.head  # "Canada, which will ..." -> Canada
        lower = token.lower_
        if token.pos_ == "PRON":
            if lower in _PERSONAL:
                return self._person_actor(self._recent_person(token), token)
            return None
        span = self._phrase(token)
        place = self.places.get(token.idx) or next(
            (p for p in self.places.values() if p.start <= token.idx < p.end), None)  # fmt: skip
        if place is not None and token.i not in self.matches:
            # A town or region as a participant stands for its country: "shelled Avdiivka" -> UKR.
            return self._actor(span, name=self.lexicon.country_name(place.country) or place.country,
                               country=place.country, sector=None, kind="country")  # fmt: skip
        person = self._named_person(token)
        if person is not None:
            return self._person_actor(person, token, span=span)
        match = self.matches.get(token.i)
        if match is not None and match[1].kind in ("organisation", "group", "country", "capital"):
            entry = match[1]
            if entry.kind == "capital" and token.head.dep_ == "prep" and token.head.lower_ in ("in", "at", "to", "from", "near"):
                return None  # "in Baghdad" is a place, not an actor
            return self._actor(span, name=entry.name, country=entry.country, sector=entry.sector,
                               kind=entry.kind if entry.kind != "capital" else "country")  # fmt: skip
        if match is not None and match[1].kind == "demonym" and token.dep_ in ("amod", "compound", "nmod") and token.head.pos_ == "NOUN":
            entry = match[1]  # "Palestinian riots", "Israeli strike": the country acts
            return self._actor(span, name=entry.name, country=entry.country, sector=None, kind="country")
        if match is not None and match[1].kind == "demonym" and token.tag_ in ("NNS", "NNPS"):
            entry = match[1]  # "Iraqis"
            return self._actor(span, name=f"{entry.name} people", country=entry.country, sector="CVL", kind="group")
        if lower in _QUANTITIES:
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    objs = [g for g in child.children if g.dep_ == "pobj"]
                    if objs:
                        return self.actor_for(objs[0])
        if self._sector_key(token) is not None:
            return self._sector_actor(token, span)
        role = self._role_of(token)
        if role is not None:
            return self._role_actor(token, span, role)
        described = self._described(token)
        if described is not None:
            return self._actor(span, name=described.name, country=described.country,
                               sector=described.sector, kind=described.kind)  # fmt: skip
        if token.pos_ == "NOUN":
            country, _ = self._country_of(token)
            if country and not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children):
                return self._actor(span, name=self.lexicon.country_name(country) or country,
                                   country=country, sector=None, kind="country")  # fmt: skip
        return self._named_entity(token)

    def _named_entity(self, token: Token) -> Actor | None:
        """An organisation or group the lexicons do not know but the text names ("the Homeland
        Union", "Kurds"): kept under its own name, with a country if one is written in it."""
        ent = next((e for e in self.doc.ents if e.start <= token.i < e.end), None)
        if ent is None or ent.label_ not in ("ORG", "NORP") or ent.root.i != token.i:
            return None
        tokens = [t for t in ent if t.lower_ not in ("the", "'s", "’s")]
        if not tokens or (ent.label_ == "NORP" and token.tag_ not in ("NNS", "NNPS")):
            return None
        text = self.doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]
        country = next((m[1].country for t in ent if (m := self.matches.get(t.i)) and m[1].country), None)
        return Actor(text=text, name=text, country=country, sector=None,
                     kind="group" if ent.label_ == "NORP" else "organisation",
                     span=Span(start=tokens[0].idx, end=tokens[-1].idx + len(tokens[-1]), text=text))  # fmt: skip

    def _phrase(self, token: Token) -> SpacySpan:
        """The noun phrase of ``token``: its left modifiers and itself (no relative clauses)."""
        start = token.i
        for child in token.lefts:
            if child.dep_ in _LEFT_DEPS or child.dep_ == "compound":
                start = min(start, child.left_edge.i)
        while start < token.i and (
            self.doc[start].lower_ in ("the", "a", "an", ",", "'s", "’s", "“", '"')
            or self.doc[start].ent_type_ in ("DATE", "TIME", "CARDINAL")
        ):  # fmt: skip
            start += 1
        end = token.i + 1
        match = self.matches.get(token.i)
        if match:
            start, end = min(start, match[0].start), max(end, match[0].end)
        return self.doc[start:end]

    def _actor(self, span: SpacySpan, *, name: str, country: str | None, sector: str | None,
               kind: str, role: str | None = None, organisation: str | None = None,
               patron: str | None = None) -> Actor:  # fmt: skip
        return Actor(
            text=span.text, name=name, country=country, sector=sector, kind=kind,
            span=Span(start=span.start_char, end=span.end_char, text=span.text), role=role,
            organisation=organisation, patron=patron,
        )  # fmt: skip

    def _named_person(self, token: Token) -> Person | None:
        if token.ent_type_ != "PERSON" and not (token.pos_ == "PROPN" and token.lower_ in self._by_surname):
            return None
        ent_end = token
        if token.ent_type_ == "PERSON":
            ent = next((e for e in self.doc.ents if e.start <= token.i < e.end), None)
            if ent is not None:
                ent_end = ent[-1]
        return self._by_surname.get(ent_end.lower_) or self._by_surname.get(token.lower_)

    def _person_actor(self, person: Person | None, token: Token, *, span: SpacySpan | None = None) -> Actor | None:
        if person is None:
            return None
        span = span if span is not None else self.doc[token.i : token.i + 1]
        return self._actor(span, name=person.name, country=person.country, sector=person.sector,
                           kind="person", role=person.role, organisation=person.organisation)  # fmt: skip

    def _recent_person(self, token: Token) -> Person | None:
        """The person a personal pronoun most likely refers to: the last person named as a subject
        before it, else the last person named."""
        last: tuple[int, Person] | None = None
        last_subject: tuple[int, Person] | None = None
        for ent in self.doc.ents:
            if ent.label_ != "PERSON" or ent.start_char >= token.idx:
                continue
            person = self._by_surname.get(ent[-1].lower_)
            if person is None:
                continue
            last = (ent.start_char, person)
            if any(t.dep_ in ("nsubj", "nsubjpass") for t in (ent.root, *ent.root.ancestors) if t.i <= ent.root.i + 8):
                if ent.root.dep_ in ("nsubj", "nsubjpass") or ent.root.head.dep_ in ("nsubj", "nsubjpass"):
                    last_subject = (ent.start_char, person)
        if last_subject is not None and token.dep_ in ("nsubj", "nsubjpass"):
            return last_subject[1]
        if last is None and len(self.people) == 1:
            return self.people[0]
        return last[1] if last else None

    def _country_of(self, token: Token) -> tuple[str | None, str | None]:
        """The country and patron that modify ``token``: "Iraq's", "Iraqi", "US", "of Iraq",
        "Iranian-backed"."""
        country = patron = None
        for child in token.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod", "npadvmod"):
                backed = child.lower_ in ("backed", "sponsored", "supported", "funded", "aligned", "allied")
                for tok in child.subtree:
                    match = self.matches.get(tok.i)
                    if match and match[1].country and match[1].kind in ("country", "demonym", "capital", "organisation", "group"):
                        if backed or any(t.lower_ in ("backed", "sponsored", "supported", "funded", "aligned") for t in tok.ancestors if t.i <= token.i and t.i > tok.i):
                            patron = patron or match[1].country
                        else:
                            country = country or match[1].country
            elif child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    match = self.matches.get(obj.i)
                    if obj.dep_ == "pobj" and match and match[1].country and match[1].kind != "group":
                        country = country or match[1].country
        return country, patron

    def _sector_key(self, token: Token) -> str | None:
        """The sectors.tsv key of a noun: "aid worker" before "worker", lemma before form."""
        lemma = token.lemma_.lower()
        compounds = [c.lower_ for c in token.lefts if c.dep_ in ("compound", "amod")]
        for key in ([f"{compounds[-1]} {lemma}"] if compounds else []) + [lemma, token.lower_]:
            if key in self.lexicon.sectors:
                return key
        return None

    def _sector_actor(self, token: Token, span: SpacySpan) -> Actor:
        key = self._sector_key(token)
        lemma = key.split()[-1]
        sector, kind = self.lexicon.sectors[key]
        country, patron = self._country_of(token)
        organisation = None
        for child in token.children:
            match = self.matches.get(child.i)
            if child.dep_ not in ("compound", "nmod", "poss", "amod") or not match:
                continue
            entry = match[1]
            if entry.kind == "group" and sector in ("REB", "UAF", "MIL", "SEP"):
                # "Houthi fighters", "al-Shabaab militants": the fighters are the group itself.
                return self._actor(span, name=entry.name, country=entry.country, sector=entry.sector,
                                   kind="group")  # fmt: skip
            if entry.kind in ("organisation", "group"):
                organisation = entry.name
        if lemma in ("force", "troop", "soldier") and not country and not organisation:
            for child in token.children:  # "foreign troops" has no country
                if child.lower_ in ("foreign", "international"):
                    organisation = None
        head_name = " ".join([*key.split()[:-1], token.lower_])
        if country:
            name = f"{self.lexicon.country_name(country)} {head_name}"
        elif organisation:
            name = f"{organisation} {head_name}"
        elif patron:
            name = f"{self.lexicon.country_name(patron)}-backed {head_name}"
        else:
            mods = [c.lower_ for c in token.lefts if c.dep_ == "amod" and c.pos_ == "ADJ"]
            name = " ".join([*mods[-1:], head_name])
        return self._actor(span, name=name, country=country, sector=sector, kind=kind,
                           organisation=organisation, patron=patron)  # fmt: skip

    def _role_of(self, token: Token) -> str | None:
        words = [c.lower_ for c in token.lefts if c.dep_ == "compound"] + [token.lower_]
        for n in range(len(words), 0, -1):
            title = " ".join(words[-n:])
            singular = title[:-1] if title.endswith("s") and title[:-1] in self.lexicon.roles else title
            if singular in self.lexicon.roles:
                return singular
        return None

    def _role_actor(self, token: Token, span: SpacySpan, role: str) -> Actor:
        """A title standing for a person ("the secretary general of the alliance") or a group of
        office-holders ("defence ministers")."""
        country, _ = self._country_of(token)
        organisation = None
        for tok in token.subtree:
            match = self.matches.get(tok.i)
            if match and match[1].kind in ("organisation", "group"):
                organisation = match[1].name
            elif tok.dep_ == "pobj" and tok.head.lower_ == "of":
                described = self._described(tok)
                if described is not None:
                    organisation = described.name
        if token.tag_ in ("NN", "NNP"):
            for person in self.people:
                if person.role and person.role.lower() == role and (
                    organisation is None or person.organisation == organisation
                ) and (country is None or person.country == country):  # fmt: skip
                    return self._person_actor(person, token, span=span)  # type: ignore[return-value]
        sector = self.lexicon.roles[role]
        if organisation and (entry := self.lexicon.entry(organisation)) and entry.sector == "IGO":
            sector = "IGO"
        words = [c.lower_ for c in token.lefts if c.dep_ in ("compound", "amod") and c.i not in self.matches]
        title = " ".join([*words, token.lower_])
        owner = self.lexicon.country_name(country) if country else organisation
        name = f"{owner} {title}" if owner else title
        return self._actor(span, name=name, country=country, sector=sector,
                           kind="person" if token.tag_ in ("NN", "NNP") else "group",
                           role=_title_case(role), organisation=organisation)  # fmt: skip

    def _described(self, token: Token) -> Entry | None:
        """An organisation referred to by a descriptor: "the alliance" after NATO was named."""
        lemma = token.lemma_.lower()
        has_the = any(c.lower_ == "the" for c in token.lefts)
        if not has_the:
            return None
        best: tuple[int, Entry] | None = None
        for i, (span, entry) in self.matches.items():
            if lemma in entry.descriptors and (best is None or abs(i - token.i) < abs(best[0] - token.i)):
                if i < token.i or best is None:
                    best = (i, entry)
        return best[1] if best else None


@functools.lru_cache(maxsize=2)
def _tokenizer_for_lang(lang: str):
    return spacy.blank(lang).make_doc


def _tokenizer_for(doc: Doc):
    """Return a function that tokenises a phrase the way ``doc``'s language does."""
    return _tokenizer_for_lang(doc.lang_)


def _title_case(title: str) -> str:
    return " ".join(w if w.isupper() else w.capitalize() for w in title.split())


def find_actors(doc: Doc, *, article: Article, lexicon: ActorLexicon, places: Iterable[Place] = ()) -> ActorMentions:
    """Index the actors of one parsed article; resolved ``places`` stand for their countries."""
    return ActorMentions(doc, article=article, lexicon=lexicon, places=places)
