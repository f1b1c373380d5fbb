"""Targets: whom or what a verb's act is done to.

A verb's targets are first its own arguments: its objects, its passive subject, its indirect
object and the prepositions its lexicon entry names (``direct_objects``). When it has none, the
``TARGET_FALLBACKS`` are asked in order (the first that applies decides), and then the clauses it
governs (``CLAUSE_TARGETS``, asked for each clause in turn until one names someone): "demanded that
the US cancel" is addressed to the US, "threatened to break relations with Russia" is against Russia.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from eventwire.extract.events.context import Context
from eventwire.extract.events.sources import victims
from eventwire.extract.events.syntax import (
    for_clause, harmed_by_split_noun, infinitive, passive, reduced_relative, split_attack_noun, verbless_root,
)  # fmt: skip
from eventwire.extract.rules import first, rule
from eventwire.lexicon import Trigger
from eventwire.model import Actor

Actors = tuple[Actor, ...]
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "dative", "conj"})


@dataclass(frozen=True, slots=True)
class Act:
    """A verb whose targets are sought: its trigger, its sources, and the clause depth."""

    verb: Token
    trigger: Trigger
    ctx: Context
    sources: Actors = ()
    depth: int = 0


def objects_of(verb: Token, trigger: Trigger, ctx: Context, sources: Actors = (), *, depth: int = 0) -> Actors:
    """The targets of a verb (see the module docstring)."""
    return targets_of(Act(verb, trigger, ctx, sources, depth))[0]


def targets_of(act: Act) -> tuple[Actors, str | None]:
    """The targets of a verb and the name of the rule that found them (None if none were)."""
    found = direct_objects(act)
    if found:
        return found, "object"
    if not act.depth:
        decided = first(TARGET_FALLBACKS, act)
        if decided is not None and decided[0]:
            return decided
    if act.depth >= 2:
        return (), None
    for child in act.verb.children:
        decided = first(CLAUSE_TARGETS, (act, child))
        if decided is not None and decided[0]:
            return decided
    return (), None


def direct_objects(act: Act) -> Actors:
    """The verb's objects, passive subject, indirect object and the prepositions its entry names.

    Troops a source withdraws, deploys or sends ("withdrew its troops from Iraq") are what moves,
    not the target: the target is where they go or leave.
    """
    verb, trigger, ctx = act.verb, act.trigger, act.ctx
    out: list[Actor] = []
    own = {a.country for a in act.sources} | {None}
    is_passive = passive(verb)
    for child in verb.children:
        if child.dep_ == "dative" and child.pos_ == "ADP":  # "gave permission to Russia"
            out.extend(a for obj in child.children if obj.dep_ == "pobj" for a in ctx.actors.actors_for(obj))
        elif child.dep_ in ("dobj", "dative", "nsubjpass", "attr") and not (child.dep_ == "attr" and not is_passive):
            found = ctx.actors.actors_for(child)
            if act.depth and child.dep_ == "dobj" and not any(a.sector for a in found):
                found = actor_inside(child, ctx) or found  # "to protest the government's decision"
            if child.dep_ == "dobj" and trigger.event_type in ctx.words["types-moving-own-forces"]:
                found = tuple(a for a in found if not (a.sector == "MIL" and a.country in own))
            if not found and child.dep_ == "dobj":
                found = actor_inside(child, ctx)
            out.extend(found)
        elif child.dep_ == "prep" and child.lower_ in trigger.target_preps:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    out.extend(ctx.actors.actors_for(obj))
    return tuple(out)


@rule("victims-of-split-noun", example="Seven villagers died in Russian shelling on Monday.")
def _victims_of_split_noun(act: Act) -> Actors | None:
    """The victims of the harm an attack noun (misparsed as a participle) caused are its targets."""
    if split_attack_noun(act.verb, words=act.ctx.words) is None:
        return None
    return victims(harmed_by_split_noun(act.verb), act.ctx) or None


@rule("reduced-relative", example="The reporters detained for insulting the governor were freed by the new junta.")
def _reduced_relative(act: Act) -> Actors | None:
    """In "The prisoners detained ... were freed" they were detained, and they were freed."""
    verb = act.verb
    relative = reduced_relative(verb)
    if relative is None and verb.head != verb:
        found = reduced_relative(verb.head)
        relative = found if found and found[1] == verb and passive(verb) else None
    return act.ctx.actors.actors_for(relative[0]) if relative is not None else None


@rule("described-by-participle", example="Villagers abducted by the militia were found alive.")
def _described_by_participle(act: Act) -> Actors | None:
    """The noun a passive participle modifies is what it was done to, when the noun has a role of
    its own in the sentence and the act is material or its doer is named ("officials accused of
    graft" only describes them)."""
    verb, trigger, ctx = act.verb, act.trigger, act.ctx
    if verb.tag_ not in ("VBN", "VBD") or verb.dep_ != "acl" or verb.head.pos_ not in ("NOUN", "PROPN"):
        return None
    if verb.head.dep_ not in _ARGUMENT_DEPS or verbless_root(verb) is not None:
        return None
    if trigger.event_type not in ctx.words["types-done-to"] and not any(c.dep_ == "agent" for c in verb.children):
        return None
    return ctx.actors.actors_for(verb.head)


@rule("shared-passive-subject", example="Two journalists were arrested and later released.")
def _shared_passive_subject(act: Act) -> Actors | None:
    """A passive joined to another shares its subject: "were arrested and later released"."""
    verb = act.verb
    if verb.dep_ != "conj" or verb.tag_ != "VBN" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    if not (passive(verb) or any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.head.children)):
        return None
    return tuple(a for c in verb.head.children if c.dep_ in ("nsubjpass", "nsubj") for a in act.ctx.actors.actors_for(c))


TARGET_FALLBACKS = (_victims_of_split_noun, _reduced_relative, _described_by_participle, _shared_passive_subject)


@rule("addressee-of-clause", example="The rebels demanded that the US cancel the deal.")
def _addressee_of_clause(case: tuple[Act, Token]) -> Actors | None:
    """A demand is addressed to, and an allegation accuses, the subject of the clause it governs;
    help goes to the subject of the clause it helps ("helped Somali troops retake the town")."""
    act, child = case
    trigger = act.trigger
    if not (child.dep_ == "ccomp" or child.dep_ == "advcl" and for_clause(child)) or child.pos_ not in ("VERB", "AUX"):
        return None
    if not (trigger.event_type == "REQUEST" or trigger.mode == "allege"
            or trigger.lemma == "help" and not any(m.dep_ == "mark" for m in child.children)):  # fmt: skip
        return None
    subjects = [g for g in child.children if g.dep_ in ("nsubj", "nsubjpass")]
    return act.ctx.actors.actors_for(subjects[0]) if subjects and subjects[0].pos_ != "PRON" else ()


@rule("complement-clause", example="Russia threatened to break relations with Georgia.")
def _complement_clause(case: tuple[Act, Token]) -> Actors | None:
    """An act with no object of its own is against whom the act it governs is against."""
    act, child = case
    ctx = act.ctx
    purpose = child.dep_ == "advcl" and infinitive(child) and child.lemma_.lower() in ctx.words["protest-purposes"]
    if not (child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX") or purpose):
        return None
    complement = ctx.lexicon.events.sense("clause-complement").of(lemma="", pos="VERB")
    return objects_of(child, complement, ctx, act.sources, depth=act.depth + 1)


@rule("in-protest-against", example="Thousands marched in protest against the president's decree.")
def _in_protest_against(case: tuple[Act, Token]) -> Actors | None:
    """A protest "in protest against X" is against whom X names."""
    act, child = case
    if child.dep_ != "prep" or child.lower_ != "in" or act.trigger.event_type != "PROTEST":
        return None
    purposes = act.ctx.words["protest-purposes"]
    return tuple(a for obj in child.children if obj.dep_ == "pobj" and obj.lemma_.lower() in purposes
                 for a in actor_inside(obj, act.ctx))  # fmt: skip


CLAUSE_TARGETS = (_addressee_of_clause, _complement_clause, _in_protest_against)


def actor_inside(phrase: Token, ctx: Context, *, depth: int = 0) -> Actors:
    """An actor named inside a non-actor object: "its mission in Iraq" -> Iraq, "the court's
    ruling" -> the court, "an appeal by the UN" -> the UN, "sanctions against Iran" -> Iran."""
    for child in phrase.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            found = ctx.actors.actors_for(child)
            if found:
                return found
    for child in phrase.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "to", "for", "of", "with", "against", "on", "by", "from", "into"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    found = ctx.actors.actors_for(obj)
                    if depth < 2 and not any(a.sector for a in found):
                        # "against the government's decision": whose decision, not its country
                        found = actor_inside(obj, ctx, depth=depth + 1) or found
                    if found:
                        return found
    return ()
