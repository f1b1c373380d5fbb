"""One fact, one event: drafts and events that repeat another are folded into it.

``FOLDS`` run in order over an article's drafts: a noun that echoes its verb ("killed ... in a
drone strike"), an attack's "-ing" result clause ("shelled the town, killing eight"), a noun
event that is only what another act is about ("lifted the sanctions"). Each fold names itself in
the evidence of the draft it folds into. ``dedupe`` then keeps one event per fact among the coded
events.
"""

from __future__ import annotations

from eventwire.extract.events.context import Context, Draft
from eventwire.extract.events.syntax import attached, participle_clause
from eventwire.model import Event


def merge_echoes(drafts: list[Draft], ctx: Context) -> list[Draft]:
    """Drop a noun trigger that only echoes a verb trigger of the same type governing it
    ("killed ... in a drone strike"); the verb keeps the noun's actors where it had none."""
    keep: list[Draft] = []
    verbs = [d for d in drafts if d.token.pos_ == "VERB"]
    for draft in drafts:
        if draft.token.pos_ != "VERB":
            owner = next((v for v in verbs if v.trigger.event_type == draft.trigger.event_type
                          and attached(draft.token, v.token) and draft.light is None), None)  # fmt: skip
            if owner is not None:
                owner.sources = owner.sources or draft.sources
                owner.targets = owner.targets or draft.targets
                owner.rules.append("fold:echo")
                continue
        keep.append(draft)
    return keep


def fold_results(drafts: list[Draft], ctx: Context) -> list[Draft]:
    """Fold an attack's participial result clause into the attack: in "rebels shelled the town,
    killing eight people" the killing is what the shelling did, one fact, not a second attack.
    The attack keeps its own targets; the killed become its targets only when it has none."""
    attacks = {d.token.i: d for d in drafts if d.token.pos_ == "VERB" and d.trigger.event_type == "ASSAULT"}
    keep = []
    for draft in drafts:
        verb = draft.token
        owner = attacks.get(verb.head.i) if verb.dep_ == "advcl" and verb.pos_ == "VERB" else None
        if (owner is None or owner is draft or draft.trigger.event_type != "ASSAULT"
                or not participle_clause(verb) or draft.sources and owner.sources
                and {a.name for a in draft.sources} != {a.name for a in owner.sources}):  # fmt: skip
            keep.append(draft)
            continue
        owner.targets = owner.targets or draft.targets
        owner.note += f"; result clause '{verb.text}' ({draft.trigger.evidence}) folded in"
        owner.rules.append("fold:result-clause")
    return keep


def drop_topics(drafts: list[Draft], ctx: Context) -> list[Draft]:
    """Drop a noun trigger that is only what another event acts on and names no one who did it:
    "endorsed an agreement with the EU", "lifted the sanctions on Iran" are one act each, not an
    agreement or sanctions besides."""
    verbs = {d.token.i for d in drafts if d.token.pos_ == "VERB"}
    return [
        d for d in drafts
        if d.token.pos_ == "VERB" or d.light is not None or d.sources
        or not (d.token.dep_ == "dobj" and d.token.head.i in verbs)
    ]  # fmt: skip


FOLDS = (merge_echoes, fold_results, drop_topics)


def dedupe(events: list[Event]) -> tuple[Event, ...]:
    """Keep one event per fact: same type, mode, status, actors and date count once ("kidnapped
    ... and exploded bombs" are two), and an event with no actor at all adds nothing beside one of
    the same type in its sentence."""
    best: dict[tuple, Event] = {}
    order: list[tuple] = []
    for event in events:
        key = (
            event.event_type, event.mode, event.status, tuple(sorted(a.name for a in event.source)),
            tuple(sorted(a.name for a in event.target)), event.date if event.date_basis == "text" else None,
        )  # fmt: skip
        if key not in best:
            best[key] = event
            order.append(key)
        elif event.confidence > best[key].confidence:
            best[key] = event
    kept = [best[k] for k in order]
    return tuple(
        e for e in kept
        if e.source or e.target or not any(
            o is not e and o.event_type == e.event_type and o.sentence == e.sentence and (o.source or o.target)
            for o in kept
        )
    )  # fmt: skip
