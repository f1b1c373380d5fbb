"""Events: who did what to whom, coded with PLOVER types, modes and CAMEO codes.

``find_events`` codes one parsed article in stages; each stage is a module, and each decision in
it an ordered tuple of named rules (``extract/rules.py``) whose names go into the event's
``rules``:

====================  ==========================================================================
stage                 module: the decision (its rule tuple)
====================  ==========================================================================
triggers              ``triggers``: which words name an event, in which sense (VERB_SENSES,
                      NOUN_SENSES); ``guards``: which are no event of their own (VERB_GUARDS,
                      NOUN_GUARDS, ARGUMENT_GUARDS)
arguments             ``sources``: who does a verb's act (SOURCE_RULES); ``targets``: to whom
                      (TARGET_FALLBACKS, CLAUSE_TARGETS); ``nouns``: the arguments of a noun
                      (NOUN_STEPS); ``coding``: readings the arguments change (RECODINGS)
derived events       ``derived``: demands, appeals and accusations made by what is said of acts
one fact, one event   ``folding``: echoes, result clauses and topics folded in (FOLDS), dedupe
when and where        ``anchoring``: the time expression and place the clause governs
fall-back actors      ``fallbacks``: the participants CAMEO prescribes when none is named (FALLBACKS)
status                ``status``: occurred, planned, negated, hypothetical (STATUS_RULES, CLIMB_RULES)
coding                ``coding``: intentions, refusals and demands as PLOVER reads them (CODE_RULES)
the record            ``assemble``: date, location, confidence, evidence
====================  ==========================================================================

The coding knowledge is in ``lexicons/``: the triggers (``events.tsv``), light verbs, statements,
the senses rules pick (``senses.tsv``, ``object_senses.tsv``), the codebook's intents and endings
(``codings.tsv``) and the word classes the rules test (``words.tsv``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from spacy.tokens import Doc, Token

from eventwire.extract.events import anchoring, derived, folding, guards, triggers
from eventwire.extract.events.assemble import event
from eventwire.extract.events.coding import Reading, recode
from eventwire.extract.events.context import Context, Draft
from eventwire.extract.events.nouns import noun_arguments
from eventwire.extract.events.sources import attack_cause, claimed_by, sources_of
from eventwire.extract.events.syntax import under
from eventwire.extract.events.targets import Act, objects_of, targets_of
from eventwire.extract.rules import first
from eventwire.gazetteer import Gazetteer
from eventwire.lexicon import Lexicon, Trigger
from eventwire.model import Actor, Article, Event, Place, Quote, Timex
from eventwire.parse import tokens_where

__all__ = ["find_events", "locate"]


def find_events(
    doc: Doc, *, article: Article, actors, lexicon: Lexicon, timexes: Iterable[Timex] = (),
    places: Iterable[Place] = (), quotes: Iterable[Quote] = (), gazetteer: Gazetteer | None = None,
) -> tuple[Event, ...]:  # fmt: skip
    """Code the events of one parsed article."""
    words = lexicon.words
    candidates = tokens_where(doc, pos=("VERB", "NOUN", "PROPN"))
    ctx = Context(doc=doc, actors=actors, lexicon=lexicon, words=words, readings=triggers.read(lexicon, candidates),
                  harm_words=words["attack-nouns"] | words["instruments"])  # fmt: skip
    verbs = tokens_where(doc, pos=("VERB", "AUX"))
    statements = {t.i for t in verbs if triggers.is_statement(t, ctx)}
    drafts = [d for token in candidates if token.i not in statements and (d := _draft(token, ctx)) is not None]
    drafts += derived.demands(verbs, drafts, ctx)
    drafts += derived.appeals(verbs, drafts, ctx)
    for fold in folding.FOLDS:
        drafts = fold(drafts, ctx)
    drafts += derived.accusations(drafts, ctx)
    anchoring.attach(drafts, ctx, timexes=timexes, places=places)
    events = [event(d, ctx=ctx, article=article, quotes=quotes, gazetteer=gazetteer,
                    background=under(d.token, statements)) for d in drafts]  # fmt: skip
    for n, draft in enumerate(drafts):
        if draft.reported is not None:
            # the accusation stands beside the attack it reports, never in front of it
            reported = events[next(m for m, d in enumerate(drafts) if d is draft.reported)]
            events[n] = replace(events[n], confidence=round(max(0.05, min(events[n].confidence,
                                                                          reported.confidence - 0.05)), 2))  # fmt: skip
    return folding.dedupe(events)


def _draft(token: Token, ctx: Context) -> Draft | None:
    """The draft event of a trigger word, or None if it is no event where it stands."""
    entry = ctx.trigger(token)
    if entry is None:
        return None
    if token.pos_ == "VERB":
        return _verb_draft(token, entry, ctx)
    return _noun_draft(token, entry, ctx)


def _verb_draft(token: Token, entry: Trigger, ctx: Context) -> Draft | None:
    if first(guards.VERB_GUARDS, guards.Candidate(token, entry, ctx)) is not None:
        return None
    rules = [f"sense:{name}"] if (name := triggers.verb_sense_rule(ctx, token)) else []
    sources, source_rule = sources_of(token, ctx)
    if not sources and entry.event_type == "ASSAULT" and (sources := attack_cause(token, ctx)):
        source_rule = "attack-cause"  # "were killed in Turkish artillery fire"
    if entry.mode == "explosives" and _by_projectile(token, ctx):
        # "blown up by a missile": fired from a launcher, not a planted bomb (CAMEO 194, not 183)
        entry = triggers.Word(token, entry, ctx.lexicon).sense("blown-up-by-projectile")
        rules.append("sense:blown-up-by-projectile")
    targets, target_rule = targets_of(Act(token, entry, ctx, sources))
    if entry.lemma == "receive" and entry.event_type == "AID":
        # "received weapons from X": X gives the aid, the subject gets it
        givers = tuple(a for c in token.children if c.dep_ == "prep" and c.lower_ == "from"
                       for obj in c.children if obj.dep_ == "pobj" for a in ctx.actors.actors_for(obj))  # fmt: skip
        sources, targets = givers, sources
        source_rule, target_rule = "giver-of-what-is-received" if givers else None, "receiver" if targets else None
    if first(guards.ARGUMENT_GUARDS, guards.Arguments(token, sources, targets)) is not None:
        return None
    rules += [f"source:{source_rule}"] if source_rule else []
    rules += [f"target:{target_rule}"] if target_rule else []
    return Draft(token, token, entry, sources, targets, None, rules=rules)


def _by_projectile(verb: Token, ctx: Context) -> bool:
    """Whether a verb's "by" or "with" names a missile, rocket or shell as what did it."""
    projectiles = ctx.words["projectiles"]
    return any(g.dep_ == "pobj" and g.lemma_.lower() in projectiles for c in verb.children
               if c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ in ("by", "with") for g in c.children)  # fmt: skip


def _noun_draft(token: Token, entry: Trigger, ctx: Context) -> Draft | None:
    if first(guards.NOUN_GUARDS, guards.Candidate(token, entry, ctx)) is not None:
        return None
    entry, sense_rule = triggers.noun_sense(ctx, token, entry)
    if entry is None:
        return None
    rules = [f"sense:{sense_rule}"] if sense_rule else []
    sources, targets, light, steps = noun_arguments(token, entry, ctx)
    rules += [f"arguments:{name}" for name in steps]
    if not sources and (sources := claimed_by(token, ctx)):
        rules.append("source:claimed-responsibility")
    described = [c for c in token.children if c.dep_ == "acl" and c.pos_ == "VERB"
                 and triggers.describes_noun_event(c, ctx.trigger(c), ctx)]  # fmt: skip
    if not targets and (targets := _described_targets(described, sources, ctx)):
        rules.append("target:describing-participle")  # "an attack targeting a mall"
    entry, recoded = recode(Reading(token, entry, sources, targets, light, ctx))
    rules += [f"sense:{name}" for name in recoded]
    if first(guards.ARGUMENT_GUARDS, guards.Arguments(token, sources, targets, light, bool(described))) is not None:
        return None
    return Draft(token, light or token, entry, sources, targets, light, rules=rules)


def _described_targets(described: list[Token], sources: tuple[Actor, ...], ctx: Context) -> tuple[Actor, ...]:
    """What the participles that describe a noun event name as its target ("targeting a mall")."""
    return tuple(a for c in described for a in objects_of(c, ctx.trigger(c), ctx, sources))


def locate(doc: Doc, trigger: Token, candidates: Iterable[tuple[int, int]], *, lexicon: Lexicon) -> tuple[tuple[int, int], ...]:
    """Choose, among candidate place spans (character offsets), where the event of ``trigger``
    happened; the rule ``find_events`` applies, exposed for evaluation and for callers with their
    own candidates."""
    return anchoring.locate(doc, trigger, candidates, words=lexicon.words)

