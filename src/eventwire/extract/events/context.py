"""What every rule of the event coder may ask about one article, and the draft of an event."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Mapping

from spacy.tokens import Doc, Token

from eventwire.lexicon import Lexicon, Trigger, WordClasses
from eventwire.model import Actor, Place, Span, Timex

if TYPE_CHECKING:
    from eventwire.extract.actors import ActorMentions


@dataclass(frozen=True, slots=True)
class Context:
    """One parsed article as the rules see it: its actors, the lexicon, and the trigger reading
    of each word, looked up once (``trigger(token)``; see ``triggers.read``)."""

    doc: Doc
    actors: ActorMentions
    lexicon: Lexicon
    words: WordClasses  # the lexicon's word classes (``words.tsv``)
    readings: Mapping[int, tuple[Trigger, str | None]]  # token index -> (trigger, sense rule that chose it)
    harm_words: frozenset[str]  # attack nouns and weapons

    def trigger(self, token: Token) -> Trigger | None:
        """How ``token`` is coded as a trigger, with its verb sense chosen, or None."""
        found = self.readings.get(token.i)
        return found[0] if found is not None else None

    def country_actor(self, text: str, country: str, *, start: int, end: int) -> Actor:
        """The country ``country`` as an actor named by the text at ``start:end``."""
        name = self.lexicon.country_name(country) or country
        return Actor(text=text, name=name, country=country, kind="country", span=Span(start=start, end=end, text=text))


@dataclass(slots=True)
class Draft:
    """An event being coded: its trigger word, the verb that carries it, its lexicon entry, its
    actors, and what the later stages attach and note. Only the coder's own stages change it."""

    token: Token
    verb: Token
    trigger: Trigger
    sources: tuple[Actor, ...]
    targets: tuple[Actor, ...]
    light: Token | None
    rules: list[str] = field(default_factory=list)  # the names of the rules that fired, in order
    timex: Timex | None = None
    place: Place | None = None
    sentence_places: tuple[Place, ...] = ()
    evidence: str | None = None  # for an event no lexicon entry gives: the rule that made it
    note: str = ""  # what a rule changed, for the evidence
    reported: Draft | None = None  # for an accusation: the attack it reports
