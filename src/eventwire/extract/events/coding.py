"""Coding: the PLOVER type, mode and CAMEO code an event gets, once its arguments and status are known.

Three decisions, each an ordered tuple:

- ``RECODINGS`` change the reading of a trigger by what its arguments show (each that applies, in
  order): exercises held with no partner are a show of force; "ended talks" is a break in them.
- ``CODE_RULES`` apply the codebook's reading of intentions, refusals and demands (the first that
  applies decides; ``codings.tsv`` holds the codes): "will send aid" is AGREE (intent to AID, 033),
  "will impose a curfew" THREATEN, "will not accept refugees" REJECT, "X said Y must" X's REQUEST.
- ``reciprocal`` makes talks a consultation of both sides, as PLOVER codes "A and B met".
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Token

from eventwire.extract.events.context import Context
from eventwire.extract.events.sources import subjects
from eventwire.extract.events.syntax import verb_lemmas
from eventwire.extract.events.triggers import light_role
from eventwire.extract.rules import each, first, rule
from eventwire.lexicon import Trigger
from eventwire.model import Actor

Actors = tuple[Actor, ...]


# -- recodings by the arguments found --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reading:
    """A trigger with the arguments found for it."""

    token: Token
    entry: Trigger
    sources: Actors
    targets: Actors
    light: Token | None
    ctx: Context


@rule("exercise-alone", example="Russia held military exercises near the border.")
def _exercise_alone(case: Reading) -> Reading | None:
    """Exercises held with no partner are a show of force (CAMEO 150), not military cooperation (062)."""
    entry, words = case.entry, case.ctx.words
    if entry.lemma.replace(" ", "-") not in words["exercises"] or len(case.sources) >= 2 or case.targets:
        return None
    if any(c.lower_ in words["joint"] for c in case.token.children):
        return None
    return replace(case, entry=case.ctx.lexicon.events.sense("exercise-alone").of(lemma=entry.lemma, pos=entry.pos))


@rule("ended", example="The government ended mediation efforts with the rebels.")
def _ended(case: Reading) -> Reading | None:
    """Stopping an act is coded as its ending (codings.tsv): "called off the strike", "lifted the ban"."""
    if case.light is None or light_role(case.light, case.ctx) != "end":
        return None
    coding = case.ctx.lexicon.events.codings.get(case.entry.event_type)
    return replace(case, entry=case.entry.recoded(*coding.ended)) if coding is not None and coding.ended else None


@rule("signed-agreement", example="The two governments signed a peace agreement.")
def _signed_agreement(case: Reading) -> Reading | None:
    """Signing a formal agreement is SUPPORT (CAMEO 057); reaching one is AGREE."""
    light, ctx = case.light, case.ctx
    if light is None or case.entry.event_type != "AGREE" or light_role(light, ctx) == "end":
        return None
    if not set(verb_lemmas(light)) & ctx.words["signing"]:
        return None
    entry = ctx.lexicon.events.sense("signed-agreement").of(lemma=case.entry.lemma, pos=case.entry.pos,
                                                             target_preps=case.entry.target_preps)  # fmt: skip
    return replace(case, entry=entry)


RECODINGS = (_exercise_alone, _ended, _signed_agreement)


def recode(case: Reading) -> tuple[Trigger, tuple[str, ...]]:
    """Apply ``RECODINGS`` in turn; return the trigger and the names of the rules that applied."""
    found, fired = each(RECODINGS, case)
    return found.entry, fired


# -- the codebook's reading of what is said ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Coded:
    """An event's code: type, mode, CAMEO, status and actors, with what the coding changed."""

    event_type: str
    mode: str | None
    cameo: str | None
    status: str
    sources: Actors
    targets: Actors
    note: str = ""


@dataclass(frozen=True, slots=True)
class Act:
    """An event to code: its entry, status, verb and actors."""

    entry: Trigger
    status: str
    verb: Token
    sources: Actors
    targets: Actors
    ctx: Context

    @property
    def auxes(self) -> set[str]:
        return {c.lower_ for c in self.verb.children if c.dep_ in ("aux", "auxpass")}

    def kinds(self, which: str) -> set[str]:
        """The types ``codings.tsv`` gives an ``intended`` or ``threatened`` code."""
        return {t for t, c in self.ctx.lexicon.events.codings.items() if getattr(c, which)}


@rule("riot", example="Rioters burned a police station in Dhaka.")
def _riot(act: Act) -> Coded | None:
    """Destruction and beatings by protesters are a violent protest (CAMEO 145), not an attack."""
    entry, words = act.entry, act.ctx.words
    if entry.event_type not in ("ASSAULT", "COERCE") or entry.cameo not in words["riot-cameo"] or not act.sources:
        return None
    if not all((a.text.lower().split() or [""])[-1] in words["protesters"] for a in act.sources):
        return None
    return Coded("PROTEST", "riot", "145", act.status, act.sources, act.targets, "violence by protesters")


@rule("reported-demand", example="The minister said Iraq must release the prisoners.")
def _reported_demand(act: Act) -> Coded | None:
    """"X said Y must (or should) do Z" is X's request that Y do Z."""
    verb, words = act.verb, act.ctx.words
    if not act.auxes & words["deontic"] or verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in words["demand-reporting"]:
        return None
    coding = act.ctx.lexicon.events.codings.get(act.entry.event_type)
    kind = act.entry.event_type
    return Coded("REQUEST", None, (coding.demanded if coding else None) or "100", "occurred",
                 subjects(verb.head, act.ctx), act.sources or act.targets, f"demand that {kind} happen")  # fmt: skip


@rule("demand-for-conflict", example="The opposition urged the UN to impose sanctions on the junta.")
def _demand_for_conflict(act: Act) -> Coded | None:
    """Calling for sanctions, arrests or a mobilisation against someone is a demand (CAMEO 10)."""
    entry = act.entry
    if entry.event_type != "REQUEST" or not (entry.cameo or "").startswith("02") or not _asks_for_conflict(act):
        return None
    return Coded(entry.event_type, entry.mode, "100", act.status, act.sources, act.targets, "a demand for conflict")


def _asks_for_conflict(act: Act) -> bool:
    """Whether a request asks for sanctions, arrests, protest or other pressure on someone. Asking
    the addressee to act ("asked Japan to attack", "urged Kenya to arrest them") is an appeal for
    its cooperation (CAMEO 021x), not a demand: the verb the request governs does not count, though
    the pressure it names does ("urged the UN to impose sanctions")."""
    verb, ctx = act.verb, act.ctx
    conflict, words = ctx.words["types-demanded-as-conflict"], ctx.words["conflict-words"]
    for tok in verb.subtree:
        if tok == verb or tok.i < verb.i:
            continue
        if tok.head == verb and tok.dep_ in ("xcomp", "ccomp") and tok.pos_ == "VERB":
            continue
        entry = ctx.trigger(tok)
        if entry is not None and entry.event_type in conflict:
            return True
        if tok.lemma_.lower() in words and tok.pos_ in ("NOUN", "VERB"):
            return True
    return False


@rule("conditional-threat", example="The US will withdraw its force unless the attacks stop.")
def _conditional_threat(act: Act) -> Coded | None:
    """A plan on a condition ("will withdraw unless ...") is a threat (CAMEO 13)."""
    if act.status != "planned":
        return None
    marks = act.ctx.words["condition-until"]
    if not any(c.dep_ == "advcl" and any(m.lower_ in marks for m in c.children if m.dep_ == "mark")
               for c in act.verb.children):  # fmt: skip
        return None
    return Coded("THREATEN", None, "130", act.status, act.sources, act.targets, f"conditional intent to {act.entry.event_type}")


@rule("intent-to-cooperate", example="Germany will send tanks to Ukraine.")
def _intent_to_cooperate(act: Act) -> Coded | None:
    """What an actor says it will do to cooperate is AGREE, with the intended act's CAMEO code."""
    kind = act.entry.event_type
    if act.status != "planned" or kind not in act.kinds("intended") or kind == "AGREE":
        return None
    return Coded("AGREE", None, act.ctx.lexicon.events.codings[kind].intended, act.status, act.sources, act.targets,
                 f"intent to {kind}")  # fmt: skip


@rule("intent-to-coerce", example="The government will impose a curfew.")
def _intent_to_coerce(act: Act) -> Coded | None:
    """What an actor says it will do by force or pressure is THREATEN."""
    kind = act.entry.event_type
    if act.status != "planned" or kind not in act.kinds("threatened"):
        return None
    return Coded("THREATEN", None, act.ctx.lexicon.events.codings[kind].threatened, act.status, act.sources,
                 act.targets, f"intent to {kind}")  # fmt: skip


@rule("refusal", example="Syria will not accept refugees.")
def _refusal(act: Act) -> Coded | None:
    """Saying one will not cooperate is REJECT."""
    kind, auxes = act.entry.event_type, act.auxes
    if act.status != "negated" or kind not in act.kinds("intended"):
        return None
    if not (auxes & act.ctx.words["modal-future"] or act.verb.dep_ == "xcomp" or "would" in auxes):
        return None
    return Coded("REJECT", None, act.ctx.lexicon.events.codings[kind].refused, act.status, act.sources, act.targets,
                 f"refusal to {kind}")  # fmt: skip


CODE_RULES = (_riot, _reported_demand, _demand_for_conflict, _conditional_threat, _intent_to_cooperate,
              _intent_to_coerce, _refusal)  # fmt: skip


def code(act: Act) -> tuple[Coded, str | None]:
    """The code of an event (see ``CODE_RULES``), and the rule that gave it (None: its entry's)."""
    found = first(CODE_RULES, act)
    if found is not None:
        return found
    entry = act.entry
    return Coded(entry.event_type, entry.mode, entry.cameo, act.status, act.sources, act.targets), None


def reciprocal(coded: Coded, *, token: Token, light: Token | None, ctx: Context) -> Coded | None:
    """Make the partner of talks a co-source: "X held talks with Y", "X telephoned Y" are X and Y
    consulting each other, coded as PLOVER codes "X and Y met" (two sources, no target). A
    partner named as a plain object ("X met Y") stays the target, and so does the one X "met
    with" or "held a meeting with", as the PLOVER gold codes a meeting with someone: X's act
    towards Y. "X and Y met" keeps its two sources. None when nothing changes."""
    if coded.event_type != "CONSULT" or coded.cameo not in ctx.words["reciprocal-cameo"] or not coded.sources:
        return None
    if token.lemma_.lower() in ctx.words["meeting-words"]:
        return None
    partners: list[Actor] = []
    for word in (token, light):
        if word is None:
            continue
        for child in word.children:
            if child.dep_ == "prep" and child.lower_ == "with":
                partners += [a for obj in child.children if obj.dep_ == "pobj" for a in ctx.actors.actors_for(obj)]
            elif child.dep_ == "dobj" and coded.cameo == "041" and word.pos_ == "VERB":
                partners += ctx.actors.actors_for(child)
    names = {a.name for a in partners}
    moved = tuple(t for t in coded.targets if t.name in names)
    if not moved:
        return None
    return replace(coded, sources=coded.sources + moved, targets=tuple(t for t in coded.targets if t.name not in names),
                   note=(coded.note + "; " if coded.note else "") + "reciprocal consultation")  # fmt: skip
