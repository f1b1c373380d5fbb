"""Fall-back actors: the participants CAMEO prescribes when the text names none.

``FALLBACKS`` are applied in order, each that applies filling in a source or target the text
leaves out, and each saying so in the event's evidence (a fall-back is never mistaken for a named
actor): an attack by no one named is by unidentified armed actors of the country where it happened;
a protest against no one named is against that state.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from eventwire.extract.events.context import Context, Draft
from eventwire.extract.events.syntax import first_person_subject, passive_or_subjectless
from eventwire.extract.rules import each, rule
from eventwire.model import Actor, Location, Place, Quote

Actors = tuple[Actor, ...]


@dataclass(frozen=True, slots=True)
class Parties:
    """An event's participants as the fall-backs complete them."""

    draft: Draft
    ctx: Context
    sources: Actors
    targets: Actors
    location: Location | None
    quote: Quote | None
    where: str | None  # the country of the place the clause or sentence gives, if any
    placed_target: bool = False  # the target is only the state where it happened
    notes: str = ""

    def at(self, place: Place) -> Actors:
        """The state a place is in, as a participant named by the place's words."""
        return (self.ctx.country_actor(place.text, place.country, start=place.start, end=place.end),)

    @property
    def scene(self) -> Place | None:
        """The place of the clause, else the first of the sentence."""
        draft = self.draft
        return draft.place or (draft.sentence_places[0] if draft.sentence_places else None)


def complete(draft: Draft, *, ctx: Context, sources: Actors, targets: Actors, location: Location | None,
             quote: Quote | None) -> tuple[Parties, tuple[str, ...]]:  # fmt: skip
    """Apply ``FALLBACKS`` to an event's actors; return them and the names of the rules that applied."""
    where = location.country if location is not None and location.basis in ("clause", "sentence") else None
    start = Parties(draft=draft, ctx=ctx, sources=sources, targets=targets, location=location, quote=quote, where=where)
    return each(FALLBACKS, start)


@rule("speaker-is-source", example="“We will attack the camps,” the minister said.")
def _speaker_is_source(case: Parties) -> Parties | None:
    """A quoted "we" or "I" is the quote's speaker."""
    quote = case.quote
    if case.sources or quote is None or quote.speaker is None:
        return None
    if not first_person_subject(case.draft.verb, words=case.ctx.words):
        return None
    return replace(case, sources=(quote.speaker,))


@rule("visit-host", example="The king arrived in Amman on a state visit.")
def _visit_host(case: Parties) -> Parties | None:
    """The country visited is the host of a visit that names none."""
    place = case.draft.place
    if case.targets or case.draft.trigger.mode != "visit" or place is None or not place.country:
        return None
    return replace(case, targets=case.at(place))


@rule("unidentified-attackers", example="A roadside bomb killed four soldiers near Kirkuk.")
def _unidentified_attackers(case: Parties) -> Parties | None:
    """An attack whose perpetrator the text does not name is coded, as CAMEO does, to unidentified
    armed actors (UAF) of the country where it happened, which may be written in the subject."""
    verb = case.draft.verb
    if case.sources or case.draft.trigger.event_type != "ASSAULT" or not passive_or_subjectless(verb):
        return None
    where = case.where or _cause_country(case)
    if not where:
        return None
    actor = Actor(text="", name=f"unidentified armed actors ({where})", country=where, sector="UAF", kind="group")
    return replace(case, sources=(actor,), where=where,
                   notes="; perpetrator not named: unidentified armed actors where it happened")  # fmt: skip


def _cause_country(case: Parties) -> str | None:
    """The country of a place named in the subject or agent of a clause: "a car bomb near Mosul"."""
    for child in case.draft.verb.children:
        if child.dep_ in ("nsubj", "agent"):
            for tok in child.subtree:
                if tok.i != child.i and (country := case.ctx.actors.country_named(tok)):
                    return country
    return None


@rule("arresting-state", example="A journalist was arrested in Lebanon on Friday.")
def _arresting_state(case: Parties) -> Parties | None:
    """Only the state arrests: an arrest by no one named is by the authorities where it happened."""
    verb, where = case.draft.verb, case.where
    if case.sources or not where or case.draft.trigger.mode != "arrest" or verb.pos_ != "VERB":
        return None
    if not passive_or_subjectless(verb):
        return None
    name = case.ctx.lexicon.country_name(where) or where
    actor = Actor(text="", name=f"{name} authorities", country=where, sector="GOV", kind="organisation")
    return replace(case, sources=(actor,), notes="; arresting authority not named: the state where it happened")


@rule("protest-against-state", example="Thousands of students demonstrated in Dhaka.")
def _protest_against_state(case: Parties) -> Parties | None:
    """A protest against no one named is against the state where it happens, as CAMEO and PLOVER code it."""
    scene = case.scene
    if case.targets or case.draft.trigger.event_type != "PROTEST" or scene is None or not scene.country:
        return None
    return replace(case, targets=case.at(scene), notes=case.notes + "; no target named: the state where it happened")


@rule("attack-against-state", example="Militants have launched dozens of attacks in northern Niger.")
def _attack_against_state(case: Parties) -> Parties | None:
    """An attack on no one named is against the state where it happens (the text does not name it:
    it adds no confidence)."""
    scene = case.scene
    if case.targets or case.draft.trigger.event_type != "ASSAULT" or scene is None or not scene.country:
        return None
    return replace(case, targets=case.at(scene), placed_target=True,
                   notes=case.notes + "; no target named: the state where it happened")  # fmt: skip


@rule("show-of-force-abroad", example="Russia held military exercises in Alaska.")
def _show_of_force_abroad(case: Parties) -> Parties | None:
    """A show of force in another state's territory is directed at that state."""
    place = case.draft.place
    if case.targets or case.draft.trigger.cameo != "150" or not case.sources or place is None or not place.country:
        return None
    if place.country in {a.country for a in case.sources}:
        return None
    return replace(case, targets=case.at(place),
                   notes=case.notes + "; no target named: the state where the force was shown")  # fmt: skip


FALLBACKS = (_speaker_is_source, _visit_host, _unidentified_attackers, _arresting_state, _protest_against_state,
             _attack_against_state, _show_of_force_abroad)  # fmt: skip
