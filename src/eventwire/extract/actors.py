"""Actors: who takes part in events, resolved to canonical names with country and sector.

``ActorLexicon`` holds the project's own lexicons (``lexicons/*.tsv``: countries and demonyms,
organisations and armed groups, sector nouns, titles) plus a user's extra file. ``find_actors``
indexes one parsed article: lexicon matches, named people with the titles the text gives them, and
the mentions that refer back to them ("he", "Stoltenberg", "the alliance", "the secretary
general"). Its ``actors_for(token)`` turns the noun phrase headed by a token into actors.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import Iterable

import spacy
from spacy.tokens import Doc, Span as SpacySpan, Token

from eventwire.lexicon import ActorLexicon, Entry, Lexicon
from eventwire.model import Actor, Article, Place, Span
from eventwire.parse import doc_text, sentence_of, tokens_where

EXTRACTOR = "eventwire.actors.v1"


@dataclass(slots=True)
class Person:
    """What the article says about one named person."""

    name: str
    role: str | None = None
    organisation: str | None = None
    country: str | None = None
    sector: str | None = None
    first: int = 0  # character offset of the first mention
    former: bool = False  # "former President X", "ousted leader X": no longer in office


_TITLE_WORDS = re.compile(r"^[A-Za-z.\-]+$")
_QUANTITIES = frozenset("thousands hundreds dozens scores millions tens number group crowd crowds members "
                        "member deployment contingent batch detachment".split())  # fmt: skip
_PERSONAL = {"he": "person", "she": "person", "him": "person", "her": "person", "his": "person"}
_NEUTER = {"it": "singular", "its": "singular", "they": "plural", "them": "plural", "their": "plural"}
_BACKED = frozenset({"backed", "sponsored", "supported", "funded", "aligned", "allied"})
_MEMBERS = frozenset("official leader spokesman spokeswoman spokesperson member representative delegate "
                     "delegation negotiator envoy".split())
_BODIES = frozenset("group movement faction wing organisation organization network front coalition alliance "
                    "militia party".split())
# People named by their relation to someone else: "opponents of X" are not X.
_RELATIONS = frozenset("opponent critic enemy foe rival adversary supporter ally partner victim relative family "
                       "friend neighbour neighbor member".split())
_SETTLEMENTS = frozenset("town village city hamlet neighbourhood neighborhood suburb home house".split())
_FACILITIES = frozenset("building base station post headquarters office barracks camp compound checkpoint "
                        "facility property premises residence house home school hospital".split())
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "LEG", "JUD"})
_PLACE_NOUNS = frozenset("city town village province region district county state capital port island "
                         "enclave territory area municipality".split())  # fmt: skip
# Words that put an office-holder out of office. CAMEO codes former officials as elites (ELI).
_FORMER = frozenset("former ousted deposed toppled overthrown exiled ex retired outgoing".split())
_MISSIONS = frozenset({"embassy", "consulate", "legation"})
_ENVOYS = frozenset("diplomat envoy ambassador delegate delegation negotiator emissary attache".split())
# Nouns of an armed attack: a nationality on one names the attacker ("Turkish shelling", "a Saudi
# air strike"), not the country the text is about.
ATTACK_NOUNS = frozenset("attack airstrike strike shelling fire gunfire bombardment bombing raid assault barrage "
                         "ambush offensive".split())  # fmt: skip
# Weapons and munitions: what an attacker uses, never an actor itself ("a Grad rocket", "the Buk
# missile"); a nationality on one names its user, as on an attack noun.
INSTRUMENTS = frozenset("missile rocket mortar shell bomb grenade bullet projectile landmine explosive weapon gun "
                        "rifle launcher".split())  # fmt: skip
HARM_WORDS = ATTACK_NOUNS | INSTRUMENTS
# Acts of taking people out of a place: "from X" after their object is the place, not their origin.
_REMOVALS = frozenset("withdraw withdrawal pull evacuate evacuation remove removal expel expulsion deport "
                      "deportation rescue release evict redeploy redeployment".split())  # fmt: skip
# Words that name who made or sold a weapon, not who uses it: "Russian-made", "US-supplied".
_MAKERS = frozenset("made built designed manufactured supplied produced".split())
_DEFAULT_SECTORS = frozenset({"GOV", "COP", "LEG", "JUD", "OPP", "CVL", "ACT", "EDU", "LAB", "PTY", "ELI"})
# Sectors of people who act where they live: a protest "in X" is by people of X.
_RESIDENT_SECTORS = frozenset({"CVL", "OPP", "ACT", "LAB", "EDU"})
_LEFT_DEPS = {"compound", "amod", "poss", "nmod", "npadvmod", "det", "nummod", "case", "punct"}


class ActorMentions:
    """The actors of one parsed article, and a resolver from tokens to actors."""

    def __init__(self, doc: Doc, *, article: Article, lexicon: Lexicon, places: Iterable[Place] = ()):
        self.doc = doc
        self.ents = doc.ents  # spaCy rebuilds the tuple each time it is read
        self.article = article
        self.lexicon: ActorLexicon = lexicon.actors
        self.places = {p.start: p for p in places if p.country and p.feature != "country"}
        self.matches: dict[int, tuple[SpacySpan, Entry]] = {}  # token index -> covering match
        self._resolving: set[int] = set()  # pronouns being resolved (guards against cycles)
        self._match(doc)
        self.people: list[Person] = []
        self._by_surname: dict[str, Person] = {}
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
        # A proper name that is a misspelt country or demonym ("Ethopia"), unless it is a person's
        # name or a place the gazetteer knows (the tagger often misses misspelt names as entities)
        for token in tokens_where(doc, pos=("PROPN",)):
            if (len(token) >= 6 and token.i not in self.matches
                    and token.ent_type_ != "PERSON" and (entry := self.lexicon.misspelt(token.text))
                    and self._place_country(token) is None):  # fmt: skip
                self.matches[token.i] = (doc[token.i : token.i + 1], entry)
        if "Air" in doc_text(doc):
            self._match_airlines(doc)

    def _match_airlines(self, doc: Doc) -> None:
        """Airlines are businesses (BUS) of the country their name gives: "Kenya Airways", "British
        Airways", "Malaysia Airlines", "Delta Air Lines", "Air India" (but not "Air Force": an "Air
        X" name needs a country in it)."""
        for token in doc:
            after_air = token.i > 0 and doc[token.i - 1].text == "Air"
            if token.text in _AIRLINE_WORDS or token.text == "Lines" and after_air:
                end = token.i + 1
                start = token.i - (token.text == "Lines")  # "Delta Air Lines"
                while start > 0 and _name_word(doc[start - 1]):
                    start -= 1
            elif (token.text == "Air" and token.i + 1 < len(doc) and _name_word(doc[token.i + 1])
                  and doc[token.i + 1].text != "Lines"):  # fmt: skip
                start, end = token.i, token.i + 2
                while end < len(doc) and _name_word(doc[end]) and doc[end].text not in _AIRLINE_WORDS:
                    end += 1
            else:
                continue
            if end - start < 2 or any(i in self.matches and self.matches[i][1].kind in ("organisation", "group",
                                                                                          "person")
                                      for i in range(start, end)):  # fmt: skip
                continue
            countries = {m[1].country for i in range(start, end) if (m := self.matches.get(i)) and m[1].country
                         and m[1].kind in ("country", "demonym", "capital")}  # fmt: skip
            if token.text == "Air" and len(countries) != 1:
                continue  # "Air Force", "Air Marshal"
            span = doc[start:end]
            entry = Entry(name=span.text, country=next(iter(countries)) if len(countries) == 1 else None,
                          sector="BUS", kind="organisation")  # fmt: skip
            for i in range(start, end):
                self.matches[i] = (span, entry)

    def _index_people(self, doc: Doc) -> None:
        by_surname: dict[str, Person] = {}
        for ent in doc.ents:
            tokens = [t for t in ent if t.text not in ("'s", "’s")]
            title, tokens = self._leading_title(tokens)
            titled = title is not None or self._title_right_before(ent)
            if ent.label_ != "PERSON" and not (titled and ent.label_ in ("ORG", "GPE", "NORP") and len(tokens) > 1 and all(
                t.pos_ == "PROPN" and t.i not in self.matches for t in tokens
            )):  # fmt: skip
                continue  # "Vice-President Moody Awori" is a person, whatever the tagger says
            known = self._known_person(tokens)
            if not tokens or (known is None and any(
                t.i in self.matches and self.matches[t.i][1].kind != "capital" for t in tokens
            )):  # fmt: skip
                continue
            name = known.name if known else doc_text(doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]
            surname = tokens[-1].text.lower()
            info = self._titles_before(ent)
            if title and not info["role"]:
                info["role"] = _title_case(title)
            if known is not None:
                info.update(country=known.country or info["country"], sector=known.sector)
            person = by_surname.get(surname)
            if person is None:
                person = Person(name=name, first=ent.start_char)
                by_surname[surname] = person
                self.people.append(person)
            elif len(name) > len(person.name) and known is None:
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
            if person.country is None and person.organisation is None and person.role:
                person.country = self.lexicon.role_countries.get(person.role.lower())
            if person.country is None and person.organisation is None and person.sector in _STATE_SECTORS:
                # "President Museveni banned Ugandan opposition candidates": an office-holder of no
                # stated country serves the one the text is about.
                person.country = self._context_country(person.first)
            if person.former and person.sector in _STATE_SECTORS:
                person.sector = "ELI"  # "former prime minister X": an elite, no longer the state
        self._by_surname = by_surname

    def _other_party(self, token: Token) -> bool:
        """Whether a country mention names a party other than the text's own country: "against
        Russia", "talks with Iran", "to Croatia and Ecuador" (but not "return to Chile"), "South
        African leader F.W. de Klerk", "the U.S. embassy" (an embassy stands in a country not its
        own)."""
        while token.dep_ == "conj" and token.head != token:
            token = token.head
        if token.dep_ == "pobj" and token.head.lower_ in ("against", "with", "to", "toward", "towards", "on"):
            # ... but one returns to one's own country: "refused to return to Kyrgyzstan"
            return not (token.head.lower_ == "to" and token.head.head.lemma_.lower() == "return")
        head = token.head
        return token.dep_ in ("amod", "compound", "nmod", "poss") and (
            head.ent_type_ == "PERSON" or self._role_of(head) is not None or head.lemma_.lower() in _MISSIONS
        )  # fmt: skip

    def _leader_country(self, token: Token, modifier: Token) -> str | None:
        """The country of a named office-holder who modifies a noun: "the Avril government", "the
        government of President Avril"."""
        if token.i != modifier.i or token.ent_type_ != "PERSON":
            return None
        person = self._by_surname.get(token.lower_)
        return person.country if person is not None and person.sector in _STATE_SECTORS else None

    def _abroad(self, token: Token) -> bool:
        """Whether a country mention is the nationality of armed forces ("Ethiopian troops") or of
        an attack ("Turkish shelling"), which often strike abroad: it does not tell where the text
        is."""
        if _attack_nationality(token):
            return True  # "killed by Iranian gunfire": the attacker's country, not the victims'
        if token.dep_ not in ("amod", "compound", "nmod", "poss"):
            return False
        key = self._sector_key(token.head)
        return key is not None and self.lexicon.sectors[key][0] == "MIL"

    def _leading_title(self, tokens: list[Token]) -> tuple[str | None, list[Token]]:
        """Split a title the tagger put inside a name: "Archbishop Desmond Tutu" is not a name."""
        doc = self.doc
        for n in range(min(len(tokens) - 1, 4), 0, -1):
            title = doc_text(doc)[tokens[0].idx : tokens[n - 1].idx + len(tokens[n - 1])].lower()
            if title in self.lexicon.roles:
                return title, tokens[n:]
        return None, tokens

    def _title_right_before(self, ent: SpacySpan) -> bool:
        """Whether a title stands right before a name: "Vice-President Moody Awori", where the
        tagger took the name for an organisation."""
        doc = self.doc
        sentence = sentence_of(doc, ent.start)
        for n in range(1, 5):
            start = ent.start - n
            if start < 0 or sentence_of(doc, start) is not sentence:
                break
            title = doc_text(doc)[doc[start].idx : doc[ent.start - 1].idx + len(doc[ent.start - 1])].lower()
            if title in self.lexicon.roles:
                return True
        return False

    def _known_person(self, tokens: list[Token]) -> Entry | None:
        """The lexicon entry (kind ``person``, e.g. from a user file) of a named person, if any."""
        for tok in tokens:
            match = self.matches.get(tok.i)
            if match and match[1].kind == "person":
                return match[1]
        return None

    def _context_country(self, offset: int, *, exclude: str | None = None) -> str | None:
        """The one country the sentence at ``offset`` names, else the article's most named one
        (``exclude`` not counted)."""
        sent = next((s for s in self.doc.sents if s.start_char <= offset < s.end_char), None)
        counts: dict[str, int] = {}
        in_sentence: set[str] = set()
        for i, (span, entry) in self.matches.items():
            if i != span.start or entry.kind not in ("country", "demonym", "capital") or not entry.country:
                continue
            if self._other_party(span.root) or self._abroad(span.root):
                continue
            counts[entry.country] = counts.get(entry.country, 0) + 1
            if sent is not None and sent.start <= i < sent.end:
                in_sentence.add(entry.country)
        for place in self.places.values():
            counts[place.country] = counts.get(place.country, 0) + 1
            if sent is not None and sent.start_char <= place.start < sent.end_char:
                in_sentence.add(place.country)
        in_sentence.discard(exclude)  # type: ignore[arg-type]
        counts.pop(exclude, None)  # type: ignore[arg-type]
        if len(in_sentence) == 1:
            return next(iter(in_sentence))
        if in_sentence:
            return None
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            return ranked[0][0]
        if not counts and sent is not None:
            # No country named at all: the one country of the national organisations the sentence
            # names ("President X conceded to the demands of <a rebel group of Y>").
            found = {entry.country for i, (span, entry) in self.matches.items()
                     if sent.start <= i < sent.end and entry.kind in ("organisation", "group")
                     and entry.country and entry.sector not in ("IGO", "NGO")} - {exclude}  # fmt: skip
            if len(found) == 1:
                return next(iter(found))
        return None

    def _titles_before(self, ent: SpacySpan) -> dict[str, str | bool | None]:
        """Read the titles, organisation and country written before (or in apposition to) a name."""
        doc = ent.doc
        start = ent.start
        words: list[Token] = []
        i = start - 1
        sentence = sentence_of(doc, start)
        while i >= 0 and start - i <= 8 and sentence_of(doc, i) is sentence:
            tok = doc[i]
            if tok.pos_ in ("PROPN", "NOUN", "ADJ") or tok.i in self.matches or tok.text in ("(", ")", "-") or (
                tok.dep_ == "amod" and tok.tag_ == "VBG"  # "Jordan's visiting King Abdullah"
            ) or tok.lower_ in _FORMER:  # "ousted President X"  # fmt: skip
                words.insert(0, tok)
                i -= 1
                continue
            nouns = ("PROPN", "NOUN")
            if tok.lower_ == "of" and i > 0 and doc[i - 1].pos_ in nouns and doc[i + 1].pos_ in nouns:
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
        # "King Hassan of Morocco", "President Obiang of Equatorial Guinea"
        after = ent.end
        if after + 1 < len(doc) and doc[after].lower_ == "of":
            obj = after + 1 + (doc[after + 1].lower_ == "the")
            if obj < len(doc) and (match := self.matches.get(obj)) and match[1].kind in ("country", "organisation"):
                words.extend(match[0])
        role = organisation = country = None
        text = " ".join(t.text.lower() for t in words if t.i not in self.matches or t.lower_ == "state")
        text = text.replace(" - ", "-")  # "Vice-President"
        for title in sorted(self.lexicon.roles, key=len, reverse=True):
            if title in text and re.search(rf"(?<![\w-]){re.escape(title)}(?![\w-])", text):
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
        former = role is not None and any(t.lower_ in _FORMER or t.lower_.startswith("ex-") for t in words)
        sector = None
        if role is None and organisation is None:
            # "Amina Diallo, Mali's best-known rights activist": a person-noun in apposition
            # gives the sector a title would
            keys = [self._sector_key(c) for c in ent.root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
            sector = next((self.lexicon.sectors[k][0] for k in keys if k), None)
        return {"role": _title_case(role) if role else None, "organisation": organisation,
                "country": country, "former": former, "sector": sector}  # fmt: skip

    # -- resolution ---------------------------------------------------------------------------

    def actors_for(self, token: Token) -> tuple[Actor, ...]:
        """Resolve the noun phrase headed by ``token`` and its conjuncts into actors."""
        if token.pos_ == "PRON" and _NEUTER.get(token.lower_) == "plural":
            found = self._antecedent_token(token)
            if found is not None and found[1].conjuncts:
                # "Obama and Putin said they will ...": "they" are both
                span = Span(start=token.idx, end=token.idx + len(token), text=token.text)
                self._resolving.add(token.i)
                try:
                    return tuple(replace(a, text=token.text, span=span) for a in self.actors_for(found[1]))
                finally:
                    self._resolving.discard(token.i)
        out: list[Actor] = []
        heads = [token, *token.conjuncts]
        if token.ent_type_ == "PERSON" and not token.conjuncts:
            # "Barack Obama and Vladimir Putin" parsed with "Barack" heading "Obama": the list
            # hangs on another word of the name
            for ent in self.ents:
                if ent.label_ == "PERSON" and ent.start <= token.i < ent.end:
                    heads += [c for t in ent if t != token for c in t.conjuncts if c.i >= ent.end]
                    break
        for child in token.children:
            # "The US, Russia, and Switzerland met": the parser hangs the list on an apposition
            if child.dep_ == "appos" and any(c.dep_ == "cc" for c in child.children):
                heads += [child, *child.conjuncts]
        for head in heads:
            if head.i < token.i and head != token:
                continue
            actor = self.actor_for(head)
            if (head != token and head.dep_ == "conj" and actor is not None and actor.country is None
                    and actor.organisation is None and actor.sector
                    and any(a.sector == actor.sector and a.country for a in out)
                    and not any(c.dep_ in ("amod", "compound", "poss", "nmod") for c in head.lefts)):  # fmt: skip
                continue  # "Israeli helicopters and tanks": one force, the adjective covers both
            for each in (actor, *self._coordinated_countries(head, actor)):
                if each is not None and all(a.name != each.name for a in out):
                    out.append(each)
        return tuple(out)

    def _coordinated_countries(self, token: Token, actor: Actor | None) -> list[Actor]:
        """The other countries of coordinated modifiers: "Hungarian and Romanian officials" are
        officials of Hungary and officials of Romania."""
        if actor is None or actor.country is None or actor.kind == "person" and token.tag_ not in ("NNS", "NNPS"):
            return []
        others: list[Actor] = []
        for child in token.lefts:
            match = self.matches.get(child.i)
            if child.dep_ not in ("amod", "compound", "nmod") or match is None or match[1].country != actor.country:
                continue
            for conj in child.conjuncts:
                found = self.matches.get(conj.i)
                if conj.i > child.i and found and found[1].kind in ("country", "demonym") and found[1].country:
                    country = found[1].country
                    name = actor.name.replace(self.lexicon.country_name(actor.country) or "\0", self.lexicon.country_name(country) or country)
                    others.append(replace(actor, country=country, name=name if name != actor.name else f"{actor.name} ({country})"))
        return others

    def actor_for(self, token: Token) -> Actor | None:
        """Resolve the noun phrase headed by ``token`` into one actor, or None."""
        if token.dep_ == "nsubj" and token.tag_ == "WDT" and token.head.dep_ == "relcl":
            token = token.head.head  # "Canada, which will ..." -> Canada
        if token.ent_type_ in ("DATE", "TIME"):
            # "met with President Bashar Tuesday": the parser made the name a modifier of the date
            names = [c for c in token.lefts if c.dep_ == "compound" and c.ent_type_ not in ("DATE", "TIME")]
            if not names:
                return None
            token = names[-1]
        actor = self._head_actor(token)
        if actor is None and token.pos_ in ("NOUN", "PROPN"):
            for child in token.children:  # "NATO member the United States"
                if child.dep_ == "appos" and child.i > token.i:
                    return self._head_actor(child)
        return actor

    def _head_actor(self, token: Token) -> Actor | None:
        lower = token.lower_
        if token.pos_ == "PRON":
            if lower in _PERSONAL:
                return self._person_actor(self._recent_person(token), token)
            if lower in _NEUTER:
                found = self._antecedent(token)
                if found is not None:
                    return replace(found, text=token.text,
                                   span=Span(start=token.idx, end=token.idx + len(token), text=token.text))  # fmt: skip
            return None
        span = self._phrase(token)
        place = self.places.get(token.idx) or next(
            (p for p in self.places.values() if p.start <= token.idx < p.end), None)  # fmt: skip
        if place is not None and token.i not in self.matches:
            # A town or region as a participant stands for its country: "shelled Avdiivka" -> UKR;
            # a town acted on stands for the people in it (CVL).
            seat = self.lexicon.entry(place.name)
            people = place.feature == "city" and token.dep_ != "nsubj" and not (seat and seat.kind == "capital")
            return self._actor(span, name=self.lexicon.country_name(place.country) or place.country,
                               country=place.country, sector="CVL" if people else None,
                               kind="country")  # fmt: skip
        if token.pos_ == "NOUN" and token.lemma_.lower() in INSTRUMENTS:
            return self._instrument_user(token, span)
        person = self._named_person(token)
        if person is not None:
            return self._person_actor(person, token, span=span)
        match = self.matches.get(token.i)
        if match is not None and match[1].kind == "person":
            entry = match[1]  # a person the lexicons know, named without a parse as one
            return self._actor(span, name=entry.name, country=entry.country, sector=entry.sector, kind="person")
        if match is not None and match[1].kind in ("organisation", "group", "country", "capital"):
            entry = match[1]
            if entry.kind == "capital" and token.head.dep_ == "prep" and token.head.lower_ in ("in", "at", "to", "from", "near"):
                return None  # "in Baghdad" is a place, not an actor
            return self._actor(span, name=entry.name, country=entry.country, sector=entry.sector,
                               kind=entry.kind if entry.kind != "capital" else "country", agent=entry.agent)  # fmt: skip
        if token.lemma_.lower() in _BODIES:  # "the Hizbollah group", "the UNITA militarist wing"
            for child in token.lefts:
                m = self.matches.get(child.i)
                if child.dep_ in ("compound", "nmod", "amod") and m is not None and m[1].kind in ("organisation", "group"):
                    return self._actor(span, name=m[1].name, country=m[1].country, sector=m[1].sector, kind=m[1].kind)
        if match is not None and match[1].kind == "demonym" and token.dep_ in ("amod", "compound", "nmod") and token.head.pos_ == "NOUN":
            entry = match[1]  # "Palestinian riots", "Israeli strike": the country acts
            return self._actor(span, name=entry.name, country=entry.country, sector=None, kind="country")
        if match is not None and match[1].kind == "demonym" and token.tag_ in ("NNS", "NNPS"):
            # "Iraqis"; "Bosnian Serbs" and "Albanians in southern Serbia" are of where they live.
            country = self._residence(token) or self._modifier_country(token, besides=match[0]) or self._origin(
                token, fled=False)  # "Kurds from Iraq"  # fmt: skip
            if country is None and any(c.lower_ == "ethnic" for c in token.lefts):
                # "ethnic Albanians" are a minority: of the country the text is about, not Albania
                country = self._context_country(token.idx, exclude=match[1].country)
            country = country or match[1].country
            return self._actor(span, name=f"{self.lexicon.country_name(country)} people", country=country,
                               sector="CVL", kind="group")  # fmt: skip
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
            body = self._sector_compound(token)
            if body is not None:  # "Israeli army bulldozers", "U.S. border patrol agents"
                return self._sector_actor(body, span, owner=token)
            # "Saddam Hussein's proposal", "a United Nations appeal", "the welfare of 2,000 Libyans":
            # the owner acts or is acted on. "Saddam's allies", "opponents of Y", "NATO member X" are
            # not their owner, but "EU partners" (the other members) stand for the body.
            related = token.lemma_.lower() in _RELATIONS
            for child in token.children:
                if child.pos_ == "PROPN" and (child.dep_ == "poss" and not related or child.dep_ == "compound" and (
                    not related or token.tag_ in ("NNS", "NNPS")
                )):  # fmt: skip
                    owner = self.actor_for(child)
                    if owner is not None and owner.kind in ("person", "organisation", "group"):
                        return owner
                if child.dep_ == "prep" and child.lower_ == "of" and not related:
                    for obj in child.children:
                        owner = self.actor_for(obj) if obj.dep_ == "pobj" else None
                        if owner is not None and owner.kind in ("person", "organisation", "group"):
                            return owner
            country, _ = self._country_of(token)
            if country and not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children):
                # "Iraqi towns", "Palestinian homes" acted on: the people who live there
                people = token.lemma_.lower() in _SETTLEMENTS and token.dep_ != "nsubj" and not any(
                    c.lower_ == "capital" for c in token.lefts
                )  # "the capital city of Algiers" is the seat of government  # fmt: skip
                return self._actor(span, name=self.lexicon.country_name(country) or country,
                                   country=country, sector="CVL" if people else None,
                                   kind="country")  # fmt: skip
        return self._named_entity(token)

    def _instrument_user(self, token: Token, span: SpacySpan) -> Actor | None:
        """A weapon is no actor, whatever its name ("a Grad rocket", "the Buk missile"); a group
        or a nationality on it names who uses it ("Hezbollah rockets", "Iranian missiles"), but
        not who made it ("Russian-made rockets")."""
        if any(t.lower_ in _MAKERS for t in token.lefts for t in t.subtree):
            return None
        for child in token.lefts:
            match = self.matches.get(child.i)
            if child.dep_ in ("compound", "poss", "nmod", "amod") and match and match[1].kind in (
                "organisation", "group"
            ):  # fmt: skip
                entry = match[1]
                return self._actor(span, name=entry.name, country=entry.country, sector=entry.sector,
                                   kind=entry.kind, agent=entry.agent)  # fmt: skip
        country, _ = self._country_of(token)
        if country is None:
            return None
        return self._actor(span, name=self.lexicon.country_name(country) or country, country=country, sector=None,
                           kind="country")  # fmt: skip

    def _sector_compound(self, token: Token) -> Token | None:
        """The organisation noun compounded into a noun that is no actor itself: "army" in
        "army bulldozers"."""
        if token.ent_type_ in ("ORG", "PERSON", "GPE", "NORP") or token.lemma_.lower() in _FACILITIES:
            return None  # "an army base", "government buildings" are what is attacked, not who
        for child in sorted(token.lefts, key=lambda t: -t.i):
            if child.dep_ != "compound":
                continue
            key = self._sector_key(child)
            if key is not None and self.lexicon.sectors[key][1] == "organisation":
                return child
        return None

    def _antecedent(self, pronoun: Token) -> Actor | None:
        """The actor "it", "they", "its" or "their" refers to (see ``_antecedent_token``)."""
        found = self._antecedent_token(pronoun)
        return found[0] if found is not None else None

    def _antecedent_token(self, pronoun: Token) -> tuple[Actor, Token] | None:
        """The actor "it", "they", "its" or "their" refers to, and the word that names it: the
        subject of the clause the pronoun's clause depends on ("Syria says it will ..."), else the
        nearest earlier subject of the same number in this sentence or the one before."""
        if pronoun.i in self._resolving:
            return None
        self._resolving.add(pronoun.i)
        try:
            plural = _NEUTER[pronoun.lower_] == "plural"
            tok = pronoun
            for _ in range(8):
                head = tok.head
                if head == tok:
                    break
                for child in head.children:
                    if child.dep_ in ("nsubj", "nsubjpass") and child.i < pronoun.i and pronoun not in child.subtree:
                        found = self._compatible(child, plural=plural)
                        if found is not None:
                            return found, child
                tok = head
            sent = sentence_of(self.doc, pronoun.i)
            first = sent.start
            if sent.start > 0:
                first = sentence_of(self.doc, sent.start - 1).start
            for deps in (("nsubj", "nsubjpass"), ("dobj", "pobj", "conj", "appos")):
                for i in range(pronoun.i - 1, first - 1, -1):
                    cand = self.doc[i]
                    if cand.dep_ in deps and cand.pos_ != "PRON":
                        found = self._compatible(cand, plural=plural)
                        if found is not None:
                            return found, cand
            return None
        finally:
            self._resolving.discard(pronoun.i)

    def _compatible(self, token: Token, *, plural: bool) -> Actor | None:
        """The actor of ``token`` if "it" (or "they", ``plural``) can refer to it."""
        if token.pos_ == "PRON":
            return None
        actor = self.actor_for(token)
        if actor is None:
            return None
        many = token.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in token.children)
        if plural:  # "the leaders ... they", "the militias ... they", "NATO ... they"
            return actor if many or actor.kind in ("organisation", "group") else None
        if actor.kind == "person":
            return None
        return actor if not many and actor.kind in ("country", "organisation", "group") else None

    def _possessor(self, pronoun: Token) -> Actor | None:
        """Whose "its", "their", "his" or "her" is."""
        if pronoun.lower_ in _NEUTER:
            return self._antecedent(pronoun)
        if pronoun.lower_ in _PERSONAL:
            return self._person_actor(self._recent_person(pronoun), pronoun)
        return None

    def _place_country(self, token: Token) -> str | None:
        place = self.places.get(token.idx) or next(
            (p for p in self.places.values() if p.start <= token.idx < p.end), None)  # fmt: skip
        return place.country if place is not None else None

    def matched(self, token: Token) -> bool:
        """Whether ``token`` is inside a phrase of the actor lexicons."""
        return token.i in self.matches

    def country_named(self, token: Token) -> str | None:
        """Return the country a single token names: a lexicon country, demonym or capital, or a
        place in it."""
        return self._token_country(token)

    def _token_country(self, token: Token) -> str | None:
        """The country a single token names: a lexicon country, demonym or capital, or a place."""
        match = self.matches.get(token.i)
        if match is not None:
            return match[1].country if match[1].kind in ("country", "demonym", "capital") else None
        return self._place_country(token)

    def _residence(self, token: Token) -> str | None:
        """The country of a phrase's "in X" or "of X": "rebels in Darfur", "Albanians of Serbia"."""
        preps = [c for c in token.children if c.dep_ == "prep"]
        for child in token.children:
            if child.dep_ == "acl" and child.lower_ in ("based", "operating", "stationed", "living"):
                preps += [c for c in child.children if c.dep_ == "prep"]  # "a group based in Trinidad"
        for child in preps:
            if child.lower_ in ("in", "of", "throughout", "across"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        country = self._token_country(obj)
                        if country:
                            return country
        return None

    def _origin(self, token: Token, *, fled: bool = True) -> str | None:
        """The country people come from: "exiles from Cuba", and (with ``fled``: CAMEO codes
        refugees by origin) "refugees fleeing Liberia", "refugees fleeing the war in Liberia"."""
        governor = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "of" else token.head
        if not fled and token.dep_ in ("dobj", "pobj") and governor.lemma_.lower() in _REMOVALS:
            return None  # "the withdrawal of troops from Panama": where they leave, not where they are from
        places = [o for c in token.children if c.dep_ == "prep" and c.lower_ == "from"
                  for o in c.children if o.dep_ == "pobj"]  # fmt: skip
        for child in token.children if fled else ():
            if child.dep_ == "acl" and child.lemma_.lower() in ("flee", "escape", "leave"):
                for obj in child.children:
                    if obj.dep_ == "dobj":
                        places.append(obj)
                        places += [o for c in obj.children if c.dep_ == "prep" and c.lower_ == "in"
                                   for o in c.children if o.dep_ == "pobj"]  # fmt: skip
                    elif obj.dep_ == "prep" and obj.lower_ in ("from", "in"):
                        places += [o for o in obj.children if o.dep_ == "pobj"]
        for place in places:
            country = self._token_country(place) or self._country_of(place)[0]
            if country:
                return country
        return None

    def _government_faced(self, token: Token) -> str | None:
        """The country of the one government a sentence sets rebels against: rebels rise against
        their own state ("Shona rebels' demands were accepted by the Mozambique government")."""
        found = set()
        for tok in sentence_of(self.doc, token.i):
            key = self._sector_key(tok) if tok.pos_ in ("NOUN", "PROPN") else None
            if key is not None and self.lexicon.sectors[key] == ("GOV", "organisation") and tok.lemma_.lower() not in (
                *_MISSIONS, "delegation"
            ):  # the state itself, not its envoys abroad  # fmt: skip
                country, patron = self._country_of(tok)
                if country and patron is None:
                    found.add(country)
        return next(iter(found)) if len(found) == 1 else None

    def _scene(self, token: Token) -> str | None:
        """The country where the subject of a clause acts: "protesters marched in Caracas",
        "thousands of people blocked streets in Hong Kong"."""
        while token.dep_ == "pobj" and token.head.lower_ == "of" and (
            token.head.head.lower_ in _QUANTITIES or token.head.head.like_num
        ):  # fmt: skip
            token = token.head.head
        if token.dep_ != "nsubj":
            return None
        verb = token.head
        for holder in (verb, *(c for c in verb.children if c.dep_ == "dobj")):
            for prep in holder.children:
                if prep.dep_ == "prep" and prep.lower_ in ("in", "across", "throughout"):
                    for obj in prep.children:
                        scene = obj.dep_ == "pobj" and not _attack_nationality(obj)  # not "died in Russian shelling"
                        country = self._token_country(obj) if scene else None
                        if country:
                            return country
        return None

    def _modifier_country(self, token: Token, *, besides: SpacySpan | None = None) -> str | None:
        """The country of an adjective or noun before ``token``: "Bosnian" in "Bosnian Serbs"."""
        for child in token.lefts:
            if child.dep_ in ("amod", "compound", "nmod") and (besides is None or not besides.start <= child.i < besides.end):
                country = self._token_country(child)
                if country:
                    return country
        return None

    def _named_entity(self, token: Token, *, compound: bool = False) -> Actor | None:
        """An organisation or group the lexicons do not know but the text names ("the Homeland
        Union", "Kurds"): kept under its own name, with a country if one is written in it, before
        it or after it ("in Iraq"), and a sector from a modifier ("the rebel Revolutionary United
        Front"). With ``compound``, ``token`` may be any word of the name ("AKK officials")."""
        ent = next((e for e in self.ents if e.start <= token.i < e.end), None)
        if ent is None or ent.label_ not in ("ORG", "NORP") or (ent.root.i != token.i and not compound):
            return None
        tokens = [t for t in ent if t.lower_ not in ("the", "'s", "’s")]
        if not tokens or (ent.label_ == "NORP" and ent.root.tag_ not in ("NNS", "NNPS")):
            return None
        text = doc_text(self.doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]
        root = ent.root
        country = next((m[1].country for t in ent if (m := self.matches.get(t.i)) and m[1].country), None)
        country = country or next((c for t in ent if (c := self._place_country(t))), None)
        country = country or self._modifier_country(root, besides=ent) or self._residence(root) or self._origin(
            root, fled=False)  # "Kurds from Iraq"  # fmt: skip
        # "the United Nations Emergency Relief Coordinator": a body inside a known organisation
        parent = next((m[1] for t in ent if (m := self.matches.get(t.i)) and m[1].kind == "organisation"), None)
        sector = parent.sector if parent is not None and parent.sector in ("IGO", "NGO") else None
        for child in root.lefts:
            if child.i < ent.start and child.dep_ in ("amod", "compound", "nmod"):
                key = self._sector_key(child)
                if key is not None:  # "the rebel Revolutionary United Front", "opposition Homeland Union"
                    sector = self.lexicon.sectors[key][0]
        if ent.label_ == "NORP":
            sector = sector or "CVL"  # "Kurds", "Iraqi Kurds": people of a community
        return Actor(text=text, name=text, country=country, sector=sector,
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
               patron: str | None = None, agent: str | None = None) -> Actor:  # fmt: skip
        if sector == "IGO" and agent is None and (kind == "person" or role):
            # an IGO's office-holders: the sector of their title ("envoy" GOV), else its executive
            agent = self.lexicon.roles.get(role.lower()) if role else None
            agent = agent if agent not in (None, "IGO") else "GOV"
        return Actor(
            text=span.text, name=name, country=country, sector=sector, kind=kind,
            span=Span(start=span.start_char, end=span.end_char, text=span.text), role=role,
            organisation=organisation, patron=patron, agent=agent if sector == "IGO" else None,
        )  # fmt: skip

    def _named_person(self, token: Token) -> Person | None:
        if token.ent_type_ != "PERSON" and not (token.pos_ == "PROPN" and token.lower_ in self._by_surname):
            return None
        ent_end = token
        if token.ent_type_ == "PERSON":
            ent = next((e for e in self.ents if e.start <= token.i < e.end), None)
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
        for ent in self.ents:
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
        "Iranian-backed", "its" (the country "it" is), "Darfur" (a place in Sudan)."""
        country = patron = None
        for child in token.children:
            if child.dep_ == "poss" and child.pos_ == "PRON":
                owner = self._possessor(child)
                country = country or (owner.country if owner is not None else None)
            elif child.dep_ in ("poss", "amod", "compound", "nmod", "npadvmod"):
                backed = child.lower_ in _BACKED
                for tok in child.subtree:
                    match = self.matches.get(tok.i)
                    found = None
                    if match and match[1].country and match[1].kind in ("country", "demonym", "capital", "organisation", "group"):
                        found = match[1].country
                    elif match and match[1].country and match[1].kind == "person" and tok.i == child.i:
                        found = match[1].country  # "the Bush administration", "Putin's government"
                    elif match is None and tok.pos_ == "PROPN":
                        found = self._place_country(tok) or self._leader_country(tok, child)
                    if found is None or (tok.i >= 2 and tok.nbor(-1).text == "-" and tok.nbor(-2).lower_ == "anti"):
                        continue  # "anti-Syria journalist" is not Syrian
                    pro = tok.i >= 2 and tok.nbor(-1).text == "-" and tok.nbor(-2).lower_ == "pro"  # "pro-Iranian"
                    if backed or pro or any(t.lower_ in _BACKED for t in tok.ancestors if token.i >= t.i > tok.i):
                        patron = patron or found
                    else:
                        country = country or found
            elif child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    match = self.matches.get(obj.i)
                    if obj.dep_ == "pobj" and match and match[1].country and match[1].kind != "group":
                        country = country or match[1].country
                    elif obj.dep_ == "pobj" and match is None:
                        country = country or self._place_country(obj) or self._leader_country(obj, obj)
                        if country is None and obj.lemma_.lower() in _PLACE_NOUNS:
                            country = self._country_of(obj)[0]  # "the mayor of the city of Kandahar"
        return country, patron

    def _sector_key(self, token: Token) -> str | None:
        """The sectors.tsv key of a noun: "aid worker" before "worker", lemma before form."""
        lemma = token.lemma_.lower()
        compounds = [c.lower_ for c in token.lefts if c.dep_ in ("compound", "amod")]
        forms = [lemma, token.lower_] + ([token.lower_[:-1]] if token.lower_.endswith("s") else [])  # "Rebels"
        # the nearest modifier first, then farther ones: "official Syrian newspaper"
        for key in [f"{word} {lemma}" for word in reversed(compounds)] + forms:
            if key in self.lexicon.sectors:
                return key
        return None

    def _sector_actor(self, token: Token, span: SpacySpan, *, owner: Token | None = None) -> Actor:
        """A sector noun ("Kenyan police", "militias", "officials of the Red Cross"); ``owner`` is
        the noun it is compounded into, whose modifiers count too ("Israeli army bulldozers")."""
        key = self._sector_key(token)
        lemma = key.split()[-1]
        sector, kind = self.lexicon.sectors[key]
        own_sector = sector
        country, patron = self._country_of(token)
        if owner is not None and country is None:
            country, patron = self._country_of(owner)
        organisation = None
        org_entry: Entry | None = None
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
                org_entry = entry
        if org_entry is not None and org_entry.sector == "BUS" and sector == "MIL" and kind == "group":
            # "a Kenya Airways jet": a company's aircraft or ship stands for the company, not a force
            return self._actor(span, name=org_entry.name, country=org_entry.country, sector="BUS",
                               kind="organisation")  # fmt: skip
        if organisation is None and country is None:
            for child in token.children:  # "NATO ... its forces"
                if child.dep_ == "poss" and child.pos_ == "PRON":
                    owner = self._possessor(child)
                    if owner is not None and owner.kind in ("organisation", "group"):
                        organisation, org_entry = owner.name, self.lexicon.entry(owner.name)
        if lemma in _MEMBERS:
            # "Red Cross officials", "leaders of the opposition coalition": the body speaks.
            body = self._member_of(token)
            if body is not None and org_entry is None:
                organisation = body.name if body.kind in ("organisation", "group") else organisation
                country = country or body.country
                if body.sector and body.kind != "country":
                    sector = body.sector
            elif org_entry is not None and org_entry.sector:
                sector = org_entry.sector
                country = country or org_entry.country
        agent = None
        if org_entry is not None and org_entry.sector == "IGO":
            sector = "IGO"  # "UN peacekeepers": an IGO's agents are coded IGO, as its officials are
            # ... with their own sector as CAMEO's secondary code (IGOUNOMIL), else the IGO's field
            agent = own_sector if own_sector not in ("IGO", "NGO", "IMG") else org_entry.agent
        if country is None and organisation is None:
            # "refugees fleeing the war in Liberia" are Liberian; "two dissidents from Laos" are
            # Laotian, wherever they are ("exiles from Cuba in Miami")
            country = self._origin(token, fled=sector == "REF")
        if country is None and organisation is None and sector != "REF" and (kind != "person" or token.tag_ in ("NNS", "NNPS")):
            country = self._residence(token)  # "rebels in Darfur", "security forces in Guinea"
        if country is None and organisation is None and patron is None and sector in _RESIDENT_SECTORS:
            country = self._scene(token)  # "people blocked streets in Hong Kong"
        if country is None and organisation is None and patron is None and sector == "REB":
            country = self._government_faced(token)  # "rebels demanded that Burundi's government ..."
        governments = sector == "MIL" and any(
            c.dep_ in ("compound", "amod", "nmod") and c.lemma_.lower() in ("government", "regime")
            and not (c.i >= 2 and c.nbor(-1).text == "-" and c.nbor(-2).lower_ in ("pro", "anti"))
            for c in token.lefts)  # fmt: skip
        if country is None and organisation is None and patron is None and (
                sector in _DEFAULT_SECTORS and lemma not in _ENVOYS or governments):  # fmt: skip
            # "the government", "protesters", "government forces": of the country the text is
            # about (not soldiers or envoys as such, who often serve abroad)
            country = self._context_country(token.idx)
        head_name = " ".join([*key.split()[:-1], token.lower_])
        ent = next((e for e in self.ents if e.root.i == token.i and e.label_ == "ORG"), None)
        if ent is not None and len(ent) > 1:
            name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text  # "Nigerian Union of Teachers"
        elif country:
            name = f"{self.lexicon.country_name(country)} {head_name}"
        elif organisation:
            name = f"{organisation} {head_name}"
        elif patron:
            name = f"{self.lexicon.country_name(patron)}-backed {head_name}"
        else:
            mods = [c.lower_ for c in token.lefts if c.dep_ == "amod" and c.pos_ == "ADJ"]
            name = " ".join([*mods[-1:], head_name])
        return self._actor(span, name=name, country=country, sector=sector, kind=kind,
                           organisation=organisation, patron=patron, agent=agent)  # fmt: skip

    def _member_of(self, token: Token) -> Actor | None:
        """The body a member noun belongs to: "officials of X", "X officials" (X not a country)."""
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "from", "for"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        found = self.actor_for(obj)
                        if found is not None and found.kind != "person":
                            return found
            elif child.dep_ == "compound" and child.ent_type_ == "ORG" and child.i not in self.matches:
                found = self._named_entity(child, compound=True)
                if found is not None:
                    return found
        return None

    def _role_of(self, token: Token) -> str | None:
        words = [c.lower_ for c in token.lefts if c.dep_ in ("compound", "amod") and c.i not in self.matches] + [token.lower_]
        # A title that goes on after "of": "the US Secretary of State", "Minister of Defence"
        after = [f"of {g.lower_}" for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                 for g in c.children if g.dep_ == "pobj" and not any(d.dep_ == "det" for d in g.children)]  # fmt: skip
        for n in range(len(words), 0, -1):
            title = " ".join(words[-n:])
            for longer in after:
                if f"{title} {longer}" in self.lexicon.roles:
                    return f"{title} {longer}"
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
        former = any(c.lower_ in _FORMER or c.lower_.startswith("ex-") for c in token.lefts)
        if country is None and organisation is None and role in self.lexicon.role_countries and not any(
            c.dep_ == "prep" and c.lower_ == "for" for c in token.children
        ):  # "the Secretary of State" is the US one; "Secretary of State for Wales" is not  # fmt: skip
            country = self.lexicon.role_countries[role]
        if country is None and organisation is None and sector in _DEFAULT_SECTORS and role.split()[-1] not in _ENVOYS:
            country = self._context_country(token.idx)  # "the prime minister": of the country the text is about
        if former and sector in _STATE_SECTORS:
            sector = "ELI"  # "the former defence minister"
        words = [c.lower_ for c in token.lefts if c.dep_ in ("compound", "amod") and c.i not in self.matches]
        title = " ".join([*words, token.lower_])
        if " of " in role and " of " not in title:
            title += role[role.index(" of ") :]  # "secretary of state"
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
        named = [(i, entry) for i, (_, entry) in self.matches.items() if lemma in entry.descriptors]
        before = [m for m in named if m[0] < token.i]  # the last one named before, else the next one
        chosen = max(before, key=lambda m: m[0]) if before else min(named, key=lambda m: m[0], default=None)
        return chosen[1] if chosen else None


_AIRLINE_WORDS = frozenset({"Airlines", "Airways", "Airline"})


def _name_word(token: Token) -> bool:
    """Whether a token can be part of a company's name: a capitalised word, not at the start of a
    sentence unless it is a proper noun."""
    return token.text[:1].isupper() and token.pos_ in ("PROPN", "ADJ", "NOUN") and (
        not token.is_sent_start or token.pos_ == "PROPN"
    ) and token.text.isalpha()  # fmt: skip


def _attack_nationality(token: Token) -> bool:
    """Whether a word is the nationality or owner of an attack or weapon: "Iranian gunfire",
    "Turkish mortar fire", or "Russian shelling" parsed with "shelling" as a verb of its own."""
    words = [token.head] if token.dep_ in ("amod", "compound", "nmod", "poss") else []
    if token.i + 1 < len(token.doc) and (token.nbor(1).pos_ == "NOUN" or token.nbor(1).tag_ == "VBG"):
        words.append(token.nbor(1))  # not "Russia attacked"
    return any(w.pos_ != "VERB" and w.lemma_.lower() in HARM_WORDS or w.lower_ in ATTACK_NOUNS
               for w in words)  # fmt: skip


@functools.lru_cache(maxsize=2)
def _tokenizer_for_lang(lang: str):
    return spacy.blank(lang).make_doc


def _tokenizer_for(doc: Doc):
    """Return a function that tokenises a phrase the way ``doc``'s language does."""
    return _tokenizer_for_lang(doc.lang_)


def _title_case(title: str) -> str:
    return " ".join("-".join(p if p.isupper() else p.capitalize() for p in w.split("-")) for w in title.split())


def find_actors(doc: Doc, *, article: Article, lexicon: Lexicon, places: Iterable[Place] = ()) -> ActorMentions:
    """Index the actors of one parsed article; resolved ``places`` stand for their countries."""
    return ActorMentions(doc, article=article, lexicon=lexicon, places=places)
