"""Status: whether an event occurred, is planned, negated or only hypothetical.

Two ordered tuples decide it. ``STATUS_RULES`` look at the event's own clause: a negation, a
condition, a modal, the verb a noun event is the object of ("called for talks"). When none
applies, the search climbs from the event's clause to the clauses above it, asking
``CLIMB_RULES`` at each step: "threatened [to attack]" makes the attack hypothetical, "plans [to
send]" planned, "refused [to meet]" negated. A climb rule may also stop the climb (``STOP``).
Nothing found: ``occurred``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from eventwire.extract.events.context import Context
from eventwire.extract.events.syntax import (
    CLAUSE_DEPS, auxiliaries, bare_infinitive, desires, going_to, governor, infinitive, punished_for,
)  # fmt: skip
from eventwire.extract.rules import first, rule

STOP = "stop"  # a climb rule's answer: the clauses above say nothing of this event


@dataclass(frozen=True, slots=True)
class Clause:
    """An event's trigger word and the verb that carries it (the same word for a verb trigger)."""

    trigger: Token
    verb: Token
    ctx: Context

    @property
    def noun_governed(self) -> bool:
        """Whether the event is a noun trigger with no light verb: its governor tells its status."""
        return self.trigger.pos_ != "VERB" and self.verb == self.trigger


def status_of(trigger: Token, verb: Token, ctx: Context) -> tuple[str, str | None]:
    """The status of an event and the name of the rule that decided it (None: it occurred)."""
    case = Clause(trigger, verb, ctx)
    found = first(STATUS_RULES, case)
    if found is not None:
        return found
    clause = _climb_start(case)
    for _ in range(4):
        if clause.dep_ not in CLAUSE_DEPS or clause.head == clause:
            break
        found = first(CLIMB_RULES, Step(clause, clause.head, ctx))
        if found is not None:
            return ("occurred", None) if found[0] == STOP else found
        clause = clause.head
    return "occurred", None


def _climb_start(case: Clause) -> Token:
    """The clause the climb starts from: the verb's, the controlling verb's for a bare infinitive
    ("helping fighters join": "join" stands or falls with "helping"), or, for a noun event, the
    clause of the verb whose object it is."""
    words = case.ctx.words
    if case.noun_governed:
        governing, through_prep = governor(case.trigger, words=words)
        if governing is not None and not through_prep:
            return governing
    controlled = bare_infinitive(case.verb, words=words)
    return controlled[0] if controlled is not None else case.verb


def _verb_auxiliaries(case: Clause) -> set[str]:
    auxes = {c.lower_ for c in case.verb.children if c.dep_ in ("aux", "auxpass")}
    if case.verb.lemma_.lower() == "like":
        auxes.discard("would")  # "would like" says what one wants now, as "wants" does
    return auxes


@rule("negation", example="Police did not arrest the protesters.")
def _negation(case: Clause) -> str | None:
    """A "not", "never" or "no" on the trigger or its verb negates the event."""
    for tok in (case.trigger, case.verb):
        if any(c.dep_ == "neg" or c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
            return "negated"
    return None


@rule("condition", example="The army will withdraw if the rebels disarm.")
def _condition(case: Clause) -> str | None:
    """An event in an "if", "unless" or "whether" clause is hypothetical."""
    marks = case.ctx.words["condition-marks"]
    return "hypothetical" if any(c.dep_ == "mark" and c.lower_ in marks for c in case.verb.children) else None


@rule("reported-future", example="The minister said Russia would deploy more troops.")
def _reported_future(case: Clause) -> str | None:
    """"Said it would deploy" is a reported plan."""
    verb = case.verb
    if "would" in _verb_auxiliaries(case) and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in case.ctx.words["reporting"]:
        return "planned"
    return None


@rule("modal-possible", example="The government could impose sanctions on Iran.")
def _modal_possible(case: Clause) -> str | None:
    """"Could", "may", "would", "must" leave the act possible."""
    return "hypothetical" if _verb_auxiliaries(case) & case.ctx.words["modal-possible"] else None


@rule("modal-future", example="The army will withdraw its troops next month.")
def _modal_future(case: Clause) -> str | None:
    """"Will", "shall" and "is going to" plan the act."""
    words = case.ctx.words
    return "planned" if _verb_auxiliaries(case) & words["modal-future"] or going_to(case.verb, words=words) else None


@rule("offered", example="The government offered concessions to the strikers.")
def _offered(case: Clause) -> str | None:
    """A noun event offered or proposed ("offered concessions", "proposed talks") is planned."""
    trigger, verb = case.trigger, case.verb
    if trigger.pos_ != "VERB" and verb != trigger and verb.lemma_.lower() in case.ctx.words["offering"]:
        return "planned"
    return None


@rule("governed-noun", example="The opposition called for the release of the prisoners.")
def _governed_noun(case: Clause) -> str | None:
    """A noun event that is only called for or demanded is hypothetical; one planned or agreed, planned."""
    if not case.noun_governed:
        return None
    words = case.ctx.words
    governing, _ = governor(case.trigger, words=words)
    if governing is not None and governing.lemma_.lower() in words["possible"]:
        return "hypothetical"
    if governing is not None and governing.lemma_.lower() in words["planning"]:
        return "planned"
    return None


@rule("governor-modal", example="Kenya will review its sanctions on Somalia.")
def _governor_modal(case: Clause) -> str | None:
    """A noun event takes the modal of the verb whose object it is ("will deepen their partnership")."""
    if not case.noun_governed:
        return None
    words = case.ctx.words
    governing, through_prep = governor(case.trigger, words=words)
    if governing is None or through_prep:
        return None
    auxes = auxiliaries(governing)
    if auxes & words["modal-possible"]:
        return "hypothetical"
    return "planned" if auxes & words["modal-future"] else None


STATUS_RULES = (_negation, _condition, _reported_future, _modal_possible, _modal_future, _offered, _governed_noun,
                _governor_modal)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Step:
    """One step of the climb: a clause and the word it depends on."""

    clause: Token
    parent: Token
    ctx: Context

    @property
    def complement(self) -> bool:
        """Whether the clause completes its parent (an object clause or a "to"-infinitive)."""
        return self.clause.dep_ in ("xcomp", "ccomp") or (self.clause.dep_ == "advcl" and infinitive(self.clause))

    @property
    def lemma(self) -> str:
        return self.parent.lemma_.lower()


@rule("wanted", example="Kenya wants to help Somalia.")
def _wanted(step: Step) -> str | None:
    """What its subject wants to do is a stated intention (CAMEO 03, 13): "wants to help"."""
    if step.clause.dep_ == "xcomp" and desires(step.parent, words=step.ctx.words) and not any(
        c.dep_ in ("dobj", "dative") for c in step.parent.children
    ):  # fmt: skip
        return "planned"
    return None


@rule("only-possible", example="The rebels threatened to attack the capital.")
def _only_possible(step: Step) -> str | None:
    """What is threatened, sought, urged or asked for is only possible."""
    return "hypothetical" if step.complement and step.lemma in step.ctx.words["possible"] else None


@rule("alleged", example="The minister alleged that the army had armed the militias.")
def _alleged(step: Step) -> str | None:
    """What an allegation says someone did is claimed, not reported as fact: "alleged that", "accused X of"."""
    clause, parent, alleging = step.clause, step.parent, step.ctx.words["alleging"]
    if clause.dep_ == "ccomp" and step.lemma in alleging:
        return "hypothetical"
    if clause.dep_ == "pcomp" and parent.dep_ == "prep" and parent.head.lemma_.lower() in alleging:
        return "hypothetical"  # "accused the army of looting"
    return None


@rule("charged-with", example="The court jailed a student for helping militants.")
def _charged_with(step: Step) -> str | None:
    """The act someone is jailed, charged or convicted for is charged, not reported."""
    clause = step.clause
    if clause.dep_ == "pcomp" and (punisher := punished_for(clause, words=step.ctx.words)) is not None:
        return "hypothetical" if punisher.pos_ == "VERB" else None
    return None


@rule("planned-by", example="Germany plans to send air defence systems to Ukraine.")
def _planned_by(step: Step) -> str | None:
    """What is planned, agreed, ordered or promised is planned."""
    return "planned" if step.complement and step.lemma in step.ctx.words["planning"] else None


@rule("purpose-of-noun", example="The rebels face pressure to release the hostages.")
def _purpose_of_noun(step: Step) -> str | None:
    """An infinitive on a noun ("pressure to withdraw", "time to withdraw") is only possible."""
    return "hypothetical" if infinitive(step.clause) and step.parent.pos_ in ("NOUN", "PROPN") else None


@rule("ready-to", example="France is ready to withdraw its troops.")
def _ready_to(step: Step) -> str | None:
    """"Willing", "ready to" state an intention; "able to fight" leaves it possible."""
    if infinitive(step.clause) and step.parent.pos_ == "ADJ":
        return "planned" if step.parent.lower_ in step.ctx.words["ready"] else "hypothetical"
    return None


@rule("purpose-clause", example="Kenya sent envoys to negotiate a ceasefire with the rebels.")
def _purpose_clause(step: Step) -> str | None:
    """A purpose ("to give the US time") is only possible."""
    return "hypothetical" if infinitive(step.clause) and step.clause.dep_ == "advcl" else None


@rule("future-parent", example="The army will enter the town and arrest the leaders.")
def _future_parent(step: Step) -> str | None:
    """A complement or conjunct of a verb with "will" is planned."""
    if step.clause.dep_ in ("xcomp", "conj") and auxiliaries(step.parent) & step.ctx.words["modal-future"]:
        return "planned"
    return None


@rule("negated-parent", example="The rebels did not dare to attack the base.")
def _negated_parent(step: Step) -> str | None:
    """The complement of a negated verb is negated."""
    if step.clause.dep_ == "xcomp" and any(c.dep_ == "neg" for c in step.parent.children):
        return "negated"
    return None


@rule("failed-to", example="The negotiators failed to reach agreement.")
def _failed_to(step: Step) -> str | None:
    """What one fails, refuses or declines to do is negated."""
    return "negated" if step.clause.dep_ == "xcomp" and step.lemma in step.ctx.words["failing"] else None


@rule("other-clause", example="Police arrested the men who attacked the bus.")
def _other_clause(step: Step) -> str | None:
    """Only complements and conjuncts stand or fall with the clause above them (and "helping
    militants join", parsed as a clause)."""
    clause = step.clause
    if clause.dep_ not in ("xcomp", "conj") and not (clause.dep_ == "ccomp" and step.lemma in step.ctx.words["object-control"]):
        return STOP
    return None


CLIMB_RULES = (_wanted, _only_possible, _alleged, _charged_with, _planned_by, _purpose_of_noun, _ready_to,
               _purpose_clause, _future_parent, _negated_parent, _failed_to, _other_clause)  # fmt: skip
