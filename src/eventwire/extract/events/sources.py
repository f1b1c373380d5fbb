"""Sources: who does what a verb says.

``SOURCE_RULES`` are asked in order and the first that applies decides (it may decide that no one
is named). Most follow the subject through the clauses a verb depends on: the subject of "wants"
is who would act in "wants to help", the object of "urged" in "urged Kenya to arrest them".
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from eventwire.extract.events.context import Context
from eventwire.extract.events.syntax import (
    active_after_passive, bare_infinitive, governor, harmed_by_split_noun, infinitive, participle_clause,
    punished_for, reduced_relative, split_attack_noun, verbless_root,
)  # fmt: skip
from eventwire.extract.rules import first, rule
from eventwire.model import Actor

Actors = tuple[Actor, ...]


@dataclass(frozen=True, slots=True)
class Verb:
    """A verb whose sources are sought, and how many clauses up the search has gone."""

    verb: Token
    ctx: Context
    depth: int = 0


def subjects(verb: Token, ctx: Context, *, depth: int = 0) -> Actors:
    """The sources of a verb (see ``SOURCE_RULES``)."""
    found = first(SOURCE_RULES, Verb(verb, ctx, depth))
    return found[0] if found is not None else ()


def sources_of(verb: Token, ctx: Context) -> tuple[Actors, str | None]:
    """The sources of a verb and the name of the rule that found them (None if none were)."""
    found = first(SOURCE_RULES, Verb(verb, ctx))
    return (found[0], found[1] if found[0] else None) if found is not None else ((), None)


@rule("split-attack-noun", example="Seven villagers died in Russian shelling on Monday.")
def _split_attack_noun(case: Verb) -> Actors | None:
    """An attack noun the parser made a participle is done by whoever its cause names."""
    if split_attack_noun(case.verb, words=case.ctx.words) is None:
        return None
    return attack_cause(harmed_by_split_noun(case.verb), case.ctx)


@rule("reduced-relative", example="The reporters detained for insulting the governor were freed by the new junta.")
def _reduced_relative(case: Verb) -> Actors | None:
    """In a reduced passive relative the noun was acted on: only its "by" names who acted."""
    if reduced_relative(case.verb) is None:
        return None
    return tuple(a for c in case.verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"
                 for a in case.ctx.actors.actors_for(g))  # fmt: skip


@rule("subject", example="Ethiopian troops killed three farmers.")
def _subject(case: Verb) -> Actors | None:
    """The verb's subject, or its passive agent ("by"), whichever comes first."""
    actors = case.ctx.actors
    for child in case.verb.children:
        if child.dep_ == "nsubj" and child.tag_ == "VBG" and (inner := [g for g in child.children if g.dep_ == "nsubj"]):
            return actors.actors_for(inner[0])  # "The Red Cross operating in Iraq said": a misparse
        if child.dep_ in ("nsubj", "csubj"):
            found = actors.actors_for(child)
            if not found and child.lemma_.lower() in case.ctx.words["documents"]:
                found = issuer(child, case.ctx)
            return found
        if child.dep_ == "agent":
            objs = [g for g in child.children if g.dep_ == "pobj"]
            if objs:
                return actors.actors_for(objs[0])
    return None


@rule("stative-passive", example="Chile is opposed to the plan.")
def _stative_passive(case: Verb) -> Actors | None:
    """A passive that states its subject's own stance is the subject's (parsed as a passive, as an
    adjective complement of "is", or with the subject hung on "is")."""
    verb = case.verb
    if verb.lemma_.lower() not in case.ctx.words["stative-passives"] or verb.tag_ != "VBN":
        return None
    holders = [verb.head if verb.dep_ == "acomp" and verb.head.lemma_ == "be" else verb]
    holders += [c for c in holders[0].children if c.dep_ in ("aux", "auxpass") and c.lemma_ == "be"]
    for child in (c for holder in holders for c in holder.children):
        if child.dep_ in ("nsubjpass", "nsubj"):
            return case.ctx.actors.actors_for(child)
    return None


@rule("too-deep", example="Kenya wants to try to agree to begin to attack the camps.")
def _too_deep(case: Verb) -> Actors | None:
    """Three clauses up without a subject: no one is named."""
    return () if case.depth >= 3 else None


def _controlled(case: Verb) -> bool:
    verb = case.verb
    return verb.dep_ == "xcomp" or verb.dep_ == "advcl" and infinitive(verb)


@rule("object-control", example="The UN urged Kenya to arrest the suspects.")
def _object_control(case: Verb) -> Actors | None:
    """The object of "urged", "asked", "ordered" does what their infinitive says."""
    head = case.verb.head
    if not _controlled(case) or head.lemma_.lower() not in case.ctx.words["object-control"]:
        return None
    objects = [c for c in head.children if c.dep_ in ("dobj", "dative")]
    return case.ctx.actors.actors_for(objects[0]) if objects else None


@rule("bare-infinitive", example="A Moroccan court jailed an Algerian student for helping young militants join a jihadist group in Mali.")
def _bare_infinitive(case: Verb) -> Actors | None:
    """The object of "help", "let", "make" does what the bare infinitive after it says."""
    controlled = bare_infinitive(case.verb, words=case.ctx.words)
    return case.ctx.actors.actors_for(controlled[1]) if controlled is not None else None


@rule("punished-for", example="A court convicted the commander of killing civilians.")
def _punished_for(case: Verb) -> Actors | None:
    """Who is charged or jailed for an act is said to have done it."""
    if case.verb.dep_ != "pcomp" or (punisher := punished_for(case.verb, words=case.ctx.words)) is None:
        return None
    punished = [c for c in punisher.children if c.dep_ in ("dobj", "nsubjpass")]
    if punished and (found := case.ctx.actors.actors_for(punished[0])):
        return found
    return None


@rule("appeal-addressee", example="The minister called on Iran to release the prisoners.")
def _appeal_addressee(case: Verb) -> Actors | None:
    """Who is called on or appealed to is who would do what the appeal asks."""
    head = case.verb.head
    lemma = head.lemma_.lower()
    preps = {p for pair in case.ctx.words["appeal-addressee-preps"] for v, p in [pair.split(":")] if v == lemma}
    if not _controlled(case) or not preps:
        return None
    addressees = [o for c in head.children if c.dep_ == "prep" and c.lower_ in preps
                  for o in c.children if o.dep_ == "pobj"]  # fmt: skip
    return case.ctx.actors.actors_for(addressees[0]) if addressees else None


@rule("raised-passive-subject", example="The minister is expected to attend the summit.")
def _raised_passive_subject(case: Verb) -> Actors | None:
    """The passive subject of the verb an infinitive completes does it, not that verb's agent."""
    verb, head = case.verb, case.verb.head
    if verb.dep_ != "xcomp" or not infinitive(verb) or head.pos_ not in ("VERB", "AUX"):
        return None
    raised = [c for c in head.children if c.dep_ == "nsubjpass"]
    return case.ctx.actors.actors_for(raised[0]) if raised else None


@rule("shared-passive-subject", example="The mayor was indicted by the court and will resign.")
def _shared_passive_subject(case: Verb) -> Actors | None:
    """An active verb joined to a passive one shares its subject, not its agent."""
    verb = case.verb
    if verb.dep_ != "conj" or not active_after_passive(verb):
        return None
    return tuple(a for c in verb.head.children if c.dep_ == "nsubjpass" for a in case.ctx.actors.actors_for(c))


@rule("purpose-of-noun", example="The rebels drew up a plan to attack the town.")
def _purpose_of_noun(case: Verb) -> Actors | None:
    """An infinitive on a noun is done by the noun, or by who takes part in what it names."""
    verb, head = case.verb, case.verb.head
    if verb.dep_ not in ("relcl", "acl") or not infinitive(verb) or head.pos_ not in ("NOUN", "PROPN") or head == verb:
        return None
    return _purpose_subjects(head, case)


def _purpose_subjects(noun: Token, case: Verb) -> Actors:
    """The sources of an infinitive that modifies a noun: the noun when it names an actor ("sent
    a team to investigate"), else whoever takes part in what the noun names ("gathered for a rally
    to protest", "drew up a plan to attack"), unless the governing verb is an event of its own,
    done to the noun by others ("banned a rally to protest")."""
    ctx = case.ctx
    found = ctx.actors.actors_for(noun)
    if found or case.depth >= 3:
        return found
    governing, _ = governor(noun, words=ctx.words)
    if governing is None or governing.lemma_.lower() in ctx.words["observing"] or ctx.trigger(governing) is not None:
        return ()
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in governing.children):
        return ()
    return subjects(governing, ctx, depth=case.depth + 1)


@rule("head-verb", example="The army prepared to resume shelling the town.")
def _head_verb(case: Verb) -> Actors | None:
    """A complement, conjunct or participle clause shares the subject of the verb it depends on."""
    verb, head = case.verb, case.verb.head
    if verb.dep_ not in ("xcomp", "conj", "advcl") or head.pos_ not in ("VERB", "AUX") or head == verb:
        return None
    if verb.dep_ == "advcl" and not infinitive(verb) and not participle_clause(verb):
        return ()
    if (found := reduced_relative(head)) is not None and found[1] == verb:
        return ()  # the main verb of "The prisoners detained ... were freed": no agent named
    return subjects(head, case.ctx, depth=case.depth + 1)


@rule("verbless-root", example="An official Egyptian newspaper called Sunday on Arab states to boycott the summit.")
def _verbless_root(case: Verb) -> Actors | None:
    """A main verb the parser hung on its subject's noun phrase has that noun as subject."""
    if case.verb.dep_ != "acl" or (root := verbless_root(case.verb)) is None:
        return None
    return case.ctx.actors.actors_for(root)


@rule("participle-of-noun", example="Troops firing on the crowd killed two people.")
def _participle_of_noun(case: Verb) -> Actors | None:
    """The noun an -ing participle modifies is its subject; a document's, its author."""
    verb, head, ctx = case.verb, case.verb.head, case.ctx
    if verb.dep_ != "acl" or verb.tag_ != "VBG" or head.pos_ not in ("NOUN", "PROPN"):
        return None
    found = ctx.actors.actors_for(head)
    if found or head.lemma_.lower() not in ctx.words["documents"]:
        return found
    governing = head.head if head.dep_ in ("dobj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX") else None
    return subjects(governing, ctx, depth=case.depth + 1) if governing is not None else None


@rule("ready-adjective", example="France is ready to contribute troops.")
def _ready_adjective(case: Verb) -> Actors | None:
    """An infinitive after "ready", "willing" is done by the subject of "is"."""
    verb, head = case.verb, case.verb.head
    if verb.dep_ != "xcomp" or head.pos_ != "ADJ" or head.dep_ not in ("acomp", "xcomp", "conj") or head.head == head:
        return None
    return subjects(head.head, case.ctx, depth=case.depth + 1)


SOURCE_RULES = (
    _split_attack_noun, _reduced_relative, _subject, _stative_passive, _too_deep, _object_control,
    _bare_infinitive, _punished_for, _appeal_addressee, _raised_passive_subject, _shared_passive_subject,
    _purpose_of_noun, _head_verb, _verbless_root, _participle_of_noun, _ready_adjective,
)  # fmt: skip


# -- who an attack is by, when no subject says ----------------------------------------------------


def attack_cause(verb: Token, ctx: Context) -> Actors:
    """The attacker that a harm verb's cause names: "were killed in Turkish artillery fire",
    "wounded by Russian shelling", "killed in Israeli tank shelling" (where the parser may split
    the attack noun off as a participle). The cause is an attack noun or a weapon; who it belongs
    to, a country or a force, did it."""
    for child in verb.children:
        if child.dep_ != "agent" and not (child.dep_ == "prep" and child.lower_ in ctx.words["cause-preps"]):
            continue
        for obj in (g for g in child.children if g.dep_ == "pobj"):
            words = {obj.lemma_.lower(), obj.lower_} if obj.pos_ == "NOUN" else set()
            after = obj.nbor(1) if obj.i + 1 < len(obj.doc) else None
            if after is not None and after.tag_ == "VBG" and after.head in (verb, obj):
                words.add(after.lower_)  # "in Israeli tank | shelling", "by Russian | shelling"
            if not words & ctx.harm_words:
                continue
            found = tuple(a for a in ctx.actors.actors_for(obj) if a.country or a.organisation) or _users(obj, ctx)
            country = None if found else ctx.actors.country_named(obj)
            if country:  # the nationality the parser made the object: "by Russian | shelling"
                found = (ctx.country_actor(obj.text, country, start=obj.idx, end=obj.idx + len(obj)),)
            if found:
                return found
    return ()


def _users(weapon: Token, ctx: Context) -> Actors:
    """Who fired a weapon, as a clause on it says: "a missile fired by separatist fighters", "a
    rocket believed to have been launched by the militia"."""
    if weapon.lemma_.lower() not in ctx.words["instruments"]:
        return ()
    for clause in (c for c in weapon.children if c.dep_ == "acl"):
        for verb in (clause, *(c for c in clause.children if c.dep_ == "xcomp")):
            for agent in (c for c in verb.children if c.dep_ == "agent"):
                found = tuple(a for obj in agent.children if obj.dep_ == "pobj" for a in ctx.actors.actors_for(obj))
                if found:
                    return found
    return ()


def victims(verb: Token, ctx: Context) -> Actors:
    """Who died, when ``verb`` is a verb of dying: "Seven civilians died in the shelling"."""
    if verb.lemma_.lower() not in ctx.words["dying"]:
        return ()
    return tuple(a for c in verb.children if c.dep_ == "nsubj" for a in ctx.actors.actors_for(c))


def issuer(document: Token, ctx: Context) -> Actors:
    """Who speaks through a document that names no author: "a report released by the UN", or
    the country of where it was released ("a report released in the Rwandan capital")."""
    for clause in document.children:
        if clause.dep_ != "acl" or clause.lemma_.lower() not in ctx.words["releasing"]:
            continue
        for prep in clause.children:
            for obj in (o for o in prep.children if o.dep_ == "pobj"):
                if prep.dep_ == "agent" or prep.lower_ == "by":
                    return ctx.actors.actors_for(obj)
                if prep.lower_ != "in":
                    continue
                country = ctx.actors.country_named(obj) or next(
                    (c for m in obj.children if m.dep_ in ("amod", "compound") and (c := ctx.actors.country_named(m))),
                    None)  # fmt: skip
                if country:
                    return (ctx.country_actor(obj.text, country, start=obj.idx, end=obj.idx + len(obj)),)
    return ()


def claimed_by(noun: Token, ctx: Context) -> Actors:
    """Who claims a noun event as theirs: "al-Shabab claimed (admitted, took) responsibility for the
    attack" and "IS claimed the bombing" make them the attackers (a denial names no one)."""
    words = ctx.words
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in words["claim-verbs"] and noun.head.pos_ in ("VERB", "AUX"):
        return subjects(noun.head, ctx)
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for" or prep.head.lemma_.lower() not in words["responsibility"]:
        return ()
    claim = prep.head.head
    if prep.head.dep_ != "dobj" or claim.lemma_.lower() not in words["responsibility-verbs"] or claim.pos_ not in ("VERB", "AUX"):
        return ()
    return subjects(claim, ctx)
