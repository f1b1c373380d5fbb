"""The arguments of a noun trigger ("the Russian attack on Kyiv", "NATO announced a ceasefire").

A noun's own modifiers come first: a possessor or nationality is its source, "of" and the
prepositions its entry names its target. Then the verb that governs it: a light verb gives its
subject as source ("the militias *announced* a ceasefire") or as target ("the town *came under*
attack"), and what else that verb names. ``NOUN_STEPS`` are applied in order, each that applies
changing the arguments found so far.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Token

from eventwire.extract.events.context import Context
from eventwire.extract.events.sources import subjects, victims
from eventwire.extract.events.syntax import governor
from eventwire.extract.events.targets import actor_inside, objects_of
from eventwire.extract.events.triggers import light_role
from eventwire.extract.rules import each, rule
from eventwire.lexicon import Trigger
from eventwire.model import Actor

Actors = tuple[Actor, ...]


@dataclass(frozen=True, slots=True)
class NounArguments:
    """The arguments of a noun trigger as the steps find them."""

    noun: Token
    trigger: Trigger
    ctx: Context
    governor: Token | None  # the verb that governs the noun
    through_prep: bool  # ... through a preposition ("came under attack")
    role: str | None  # the role the governor gives its subject, if it is a light verb
    sources: Actors = ()
    targets: Actors = ()
    kinds: Actors = ()  # "military aid": what kind of aid, not who gives it
    light: Token | None = None


def noun_arguments(noun: Token, trigger: Trigger, ctx: Context) -> tuple[Actors, Actors, Token | None, tuple[str, ...]]:
    """The sources, targets and light verb of a noun trigger, and the names of the steps that applied."""
    governing, through_prep = governor(noun, words=ctx.words)
    start = NounArguments(noun=noun, trigger=trigger, ctx=ctx, governor=governing, through_prep=through_prep,
                          role=light_role(governing, ctx) if governing is not None else None)  # fmt: skip
    found, fired = each(NOUN_STEPS, start)
    return found.sources or found.kinds, found.targets, found.light, fired


@rule("noun-modifiers", example="The Russian attack on Kyiv killed three.")
def _modifiers(case: NounArguments) -> NounArguments | None:
    """A possessor or a national modifier is the source; "of" and the entry's prepositions name the target."""
    noun, trigger, ctx = case.noun, case.trigger, case.ctx
    actors = ctx.actors
    sources: list[Actor] = []
    targets: list[Actor] = []
    kinds: list[Actor] = []
    children = list(noun.children)
    if noun.dep_ == "compound" and noun.head.pos_ in ("NOUN", "PROPN"):
        # "a mediation effort between X and Y": the prepositions hang on the compound's head
        children += [c for c in noun.head.children if c.dep_ == "prep"]
    for child in children:
        if child.dep_ == "poss":
            sources.extend(actors.actors_for(child))
        elif child.dep_ in ("compound", "amod", "nmod") and child.i < noun.i:
            if child.pos_ == "ADJ" and not actors.matched(child) and child.lower_ in ctx.lexicon.actors.roles:
                continue  # "a general strike" is not called by a general
            found = [a for a in actors.actors_for(child) if a.kind != "person" or child.ent_type_ == "PERSON"]
            if child.pos_ == "ADJ" and all(a.country is None and a.organisation is None for a in found):
                kinds.extend(found)  # "military aid" is a kind of aid: who gives it is said elsewhere
            else:
                sources.extend(found)
        elif (child.dep_ == "prep" and child.lower_ == "of"
              and trigger.event_type not in ctx.words["types-of-participants"]):  # fmt: skip
            for obj in child.children:  # "the release of the detainees": the detainees undergo it
                if obj.dep_ == "pobj":
                    targets.extend(actors.actors_for(obj))
        elif (child.dep_ == "prep" and child.lower_ in (*ctx.words["source-preps"], "from", "of")
              and child.lower_ not in trigger.target_preps):  # fmt: skip
            for obj in child.children:
                if obj.dep_ == "pobj":
                    sources.extend(actors.actors_for(obj))
        elif child.dep_ == "prep" and child.lower_ in trigger.target_preps:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    targets.extend(actors.actors_for(obj) or actor_inside(obj, ctx))
    if not sources and not targets and not kinds:
        return None
    return replace(case, sources=tuple(sources), targets=tuple(targets), kinds=tuple(kinds))


@rule("died-in", example="Seven civilians died in an air strike.")
def _died_in(case: NounArguments) -> NounArguments | None:
    """Those who died in an attack are its targets."""
    if case.targets or not case.through_prep or case.trigger.event_type != "ASSAULT":
        return None
    if case.noun.head.lower_ not in case.ctx.words["cause-preps"]:
        return None
    found = victims(case.governor, case.ctx)
    return replace(case, targets=case.targets + found) if found else None


@rule("acted-on", example="The US speeded up the withdrawal.")
def _acted_on(case: NounArguments) -> NounArguments | None:
    """Whoever acts on the event's noun does it; not who only watches it ("a group that tracks the war")."""
    governing, ctx = case.governor, case.ctx
    if case.role is not None or case.sources or governing is None or case.through_prep or case.noun.dep_ != "dobj":
        return None
    if ctx.trigger(governing) is not None or governing.lemma_.lower() in ctx.words["observing"]:
        return None
    found = subjects(governing, ctx)
    return replace(case, sources=found) if found else None


@rule("preposition-is-no-light-verb", example="The minister announced the deal after a meeting with the rebels.")
def _preposition_is_no_light_verb(case: NounArguments) -> NounArguments | None:
    """A noun under a preposition is not what the verb carries ("announced after a meeting"), but
    "engaged in fighting", "participated in talks" are."""
    if case.role != "source" or not case.through_prep:
        return None
    if case.governor.lemma_.lower() in case.ctx.words["partake"] and case.noun.head.lower_ == "in":
        return None
    return replace(case, role=None)


@rule("undergoes-light-verb", example="Government buildings came under rocket attack.")
def _undergoes_light_verb(case: NounArguments) -> NounArguments | None:
    """The subject of "came under", "faced" is the target; "from" or "by" on the verb the source."""
    governing, ctx = case.governor, case.ctx
    if governing is None or case.role != "target":
        return None
    sources = case.sources
    if not sources:  # "received assurances from the government", "faced pressure from Congress"
        sources = tuple(a for c in governing.children if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by")
                        for obj in c.children if obj.dep_ == "pobj" for a in ctx.actors.actors_for(obj))  # fmt: skip
    return replace(case, light=governing, targets=subjects(governing, ctx) + case.targets, sources=sources)


@rule("light-verb-subject", example="The militias announced a ceasefire.")
def _light_verb_subject(case: NounArguments) -> NounArguments | None:
    """The subject of a light verb ("announced", "launched", "ended") does the noun's act; who
    commands it ("ordered patrols by the police") does it rather than who carries it out."""
    governing, ctx, noun = case.governor, case.ctx, case.noun
    if governing is None or case.role is None or case.role == "target":
        return None
    if case.sources and governing.lemma_.lower() not in ctx.words["commands"]:
        return replace(case, light=governing)
    commanders = subjects(governing, ctx)
    targets = case.targets
    if not targets and noun.dep_ == "dobj" and not (case.sources and commanders) and case.trigger.event_type != "CONSULT":
        # "expanded its mission in Iraq"; but "attended a summit in Geneva" names a venue: a
        # meeting's partners are given with "with" or "between"
        targets += actor_inside(noun, ctx)
    return replace(case, light=governing, sources=commanders or case.sources, targets=targets)


def _light(case: NounArguments) -> Token | None:
    return case.light if case.light is not None and not case.targets else None


@rule("light-verb-dative", example="Japan gave Tanzania a grant for new schools.")
def _light_verb_dative(case: NounArguments) -> NounArguments | None:
    """The indirect object of a light verb receives the act: "gave Tanzania a grant", "gave aid to Tanzania"."""
    if (light := _light(case)) is None:
        return None
    datives = [c for c in light.children if c.dep_ == "dative"]
    datives = [g for c in datives for g in ([c] if c.pos_ != "ADP" else [o for o in c.children if o.dep_ == "pobj"])]
    found = tuple(a for c in datives for a in case.ctx.actors.actors_for(c))
    return replace(case, targets=found) if found else None


@rule("engaged-in", example="The army engaged the rebels in a firefight.")
def _engaged_in(case: NounArguments) -> NounArguments | None:
    """Whom the source engages in a fight is its target."""
    if (light := _light(case)) is None or not case.through_prep or light.lemma_.lower() not in case.ctx.words["partake"]:
        return None
    found = tuple(a for c in light.children if c.dep_ == "dobj" for a in case.ctx.actors.actors_for(c))
    return replace(case, targets=found) if found else None


@rule("light-verb-preposition", example="Brussels imposed fresh sanctions this week on Minsk.")
def _light_verb_preposition(case: NounArguments) -> NounArguments | None:
    """The entry's preposition may hang on the light verb: "imposed sanctions on Iran"."""
    if (light := _light(case)) is None:
        return None
    found = tuple(a for child in light.children if child.dep_ == "prep" and child.lower_ in case.trigger.target_preps
                  for obj in child.children if obj.dep_ == "pobj" for a in case.ctx.actors.actors_for(obj))  # fmt: skip
    return replace(case, targets=found) if found else None


@rule("purpose-of-light-verb", example="Prisoners began a hunger strike to demand the release of their leader.")
def _purpose_of_light_verb(case: NounArguments) -> NounArguments | None:
    """A protest begun "to demand", or held "in protest against", is against whom that names."""
    if (light := _light(case)) is None or case.role != "source":
        return None
    ctx, noun = case.ctx, case.noun
    purposes = ctx.words["protest-purposes"]
    clauses = [c for c in (*noun.children, *light.children) if c.dep_ in ("advcl", "ccomp", "xcomp")
               and c.head.i == light.i or c.dep_ == "prep" and c.lower_ == "in"]  # fmt: skip
    complement = ctx.lexicon.events.sense("clause-complement").of(lemma="", pos="VERB")
    for clause in clauses:
        found: Actors = ()
        if clause.dep_ != "prep" and clause.lemma_.lower() in purposes:
            found = objects_of(clause, complement, ctx, case.sources, depth=1)
        elif clause.dep_ == "prep" and case.trigger.event_type == "PROTEST":
            found = tuple(a for obj in clause.children if obj.dep_ == "pobj" and obj.lemma_.lower() in purposes
                          for a in actor_inside(obj, ctx))  # "in protest against the curfew"  # fmt: skip
        if found:
            return replace(case, targets=found)
    return None


NOUN_STEPS = (
    _modifiers, _died_in, _acted_on, _preposition_is_no_light_verb, _undergoes_light_verb, _light_verb_subject,
    _light_verb_dative, _engaged_in, _light_verb_preposition, _purpose_of_light_verb,
)  # fmt: skip
