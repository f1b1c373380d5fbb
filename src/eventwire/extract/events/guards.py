"""Guards: trigger words that are no event of their own where they stand.

A word of ``events.tsv`` is coded unless a guard says otherwise: ``VERB_GUARDS`` and
``NOUN_GUARDS`` are asked in order before the word's arguments are found (the first that applies
drops it), ``ARGUMENT_GUARDS`` after. Most keep one fact from being coded twice ("imposed
sanctions" is the sanctions; "vowed to fight" is the fight, as an intent); others keep what is no
political act out ("killed in a road accident").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from eventwire.extract.events.context import Context
from eventwire.extract.events.syntax import desires, fired_weapon, split_attack_noun
from eventwire.extract.events.triggers import describes_noun_event, governs_noun_trigger
from eventwire.extract.rules import rule
from eventwire.lexicon import Trigger
from eventwire.model import Actor


@dataclass(frozen=True, slots=True)
class Candidate:
    """A trigger word before its arguments are found."""

    token: Token
    entry: Trigger
    ctx: Context


@rule("light-verb", example="The EU imposed sanctions on Belarus.")
def _light_verb(case: Candidate) -> bool | None:
    """A light verb only carries the noun event it governs: the noun is the event."""
    return governs_noun_trigger(case.token, case.ctx) or None


@rule("describes-noun-event", example="Gunmen carried out an attack targeting a mall.")
def _describes(case: Candidate) -> bool | None:
    """A participle that describes an event noun of its own type is that noun's event."""
    return describes_noun_event(case.token, case.entry, case.ctx) or None


@rule("intent-verb", example="The rebels vowed to fight on.")
def _intent_verb(case: Candidate) -> bool | None:
    """A verb of intent is no event beside the act it governs: that act is coded, as an intent."""
    token, ctx = case.token, case.ctx
    if token.lemma_.lower() not in ctx.words["intent-verbs"]:
        return None
    return any(c.dep_ == "xcomp" and (ctx.trigger(c) is not None or governs_noun_trigger(c, ctx))
               for c in token.children) or None  # fmt: skip


@rule("desire-without-addressee", example="Kenya seeks to deepen its ties with Uganda.")
def _desire(case: Candidate) -> bool | None:
    """Wanting to act asks no one: what it governs is the subject's intention."""
    token = case.token
    if not desires(token, words=case.ctx.words) or not any(c.dep_ == "xcomp" for c in token.children):
        return None
    return not any(c.dep_ in ("dobj", "dative") for c in token.children) or None


@rule("mishap", example="Nine people were killed in a road accident.")
def _mishap(case: Candidate) -> bool | None:
    """Deaths and damage caused by an accident or a disaster are no one's attack."""
    if case.entry.event_type != "ASSAULT":
        return None
    mishaps = case.ctx.words["mishaps"]
    for child in case.token.children:
        causes = [child] if child.dep_ in ("nsubj", "csubj") else []
        if child.dep_ in ("agent", "prep") and child.lower_ in ("by", "in"):
            causes = [g for g in child.children if g.dep_ == "pobj"]
        if any(c.lemma_.lower() in mishaps for c in causes):
            return True
    return None


@rule("split-attack-noun", example="Five pilgrims were killed by Russian shelling in the east.")
def _split_attack_noun(case: Candidate) -> bool | None:
    """An attack noun the parser made a participle is the cause of the harm it hangs on, coded with it."""
    token, ctx = case.token, case.ctx
    if split_attack_noun(token, words=ctx.words) is None:
        return None
    return any((e := ctx.trigger(v)) is not None and e.event_type == "ASSAULT"
               for v in (token.head, token.head.head.head)) or None  # fmt: skip


@rule("weapon-of-an-attack", example="The plane was shot down by a missile fired by the rebels.")
def _weapon_of_an_attack(case: Candidate) -> bool | None:
    """Firing the weapon of an attack is that attack, coded on the attack's own verb."""
    if case.entry.event_type != "ASSAULT":
        return None
    weapon = fired_weapon(case.token, words=case.ctx.words)
    if weapon is None or weapon.dep_ != "pobj":
        return None
    entry = case.ctx.trigger(weapon.head.head)
    return (entry is not None and entry.event_type == "ASSAULT") or None


VERB_GUARDS = (_light_verb, _describes, _intent_verb, _desire, _mishap, _split_attack_noun, _weapon_of_an_attack)


@rule("part-of-a-compound", example="The navies began war games in the gulf.")
def _part_of_a_compound(case: Candidate) -> bool | None:
    """The first word of a compound trigger ("war" of "war games") is no event of its own."""
    token, ctx = case.token, case.ctx
    if token.dep_ != "compound":
        return None
    whole = ctx.trigger(token.head)
    return (whole is not None and whole.lemma.startswith(f"{token.lower_} ")) or None


NOUN_GUARDS = (_part_of_a_compound,)


@dataclass(frozen=True, slots=True)
class Arguments:
    """A trigger word with the arguments found for it."""

    token: Token
    sources: tuple[Actor, ...]
    targets: tuple[Actor, ...]
    light: Token | None = None
    described: bool = False  # a noun with a participle that describes it


@rule("verb-without-arguments", example="Protesting peacefully is a right.")
def _verb_without_arguments(case: Arguments) -> bool | None:
    """A verb with no actor, no subject, object or clause, and not passive, codes no one's act."""
    token = case.token
    if token.pos_ != "VERB" or case.sources or case.targets:
        return None
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children):
        return None
    return not any(c.dep_ in ("nsubj", "nsubjpass", "dobj", "agent", "ccomp") for c in token.children) or None


@rule("noun-without-participants", example="There was talk of a ceasefire.")
def _noun_without_participants(case: Arguments) -> bool | None:
    """A noun with no actor and no light verb or describing participle is only a topic."""
    if case.token.pos_ == "VERB" or case.sources or case.targets:
        return None
    return (case.light is None and not case.described) or None


ARGUMENT_GUARDS = (_verb_without_arguments, _noun_without_participants)
