"""Events made from what a sentence says of other acts, not from a trigger word of their own.

``DERIVATIONS`` run in order over the sentence's verbs once the trigger events are drafted:

- a demand: "X said Y must (or should) do Z" is X's REQUEST to Y, when Z is no trigger itself;
- an appeal: "X wants Y to do Z" is X's appeal to Y (CAMEO 020), as "X asked Y to do Z" is;
- an accusation: "Ghana said Togolese troops shelled its border posts" is also Ghana's
  accusation of Togo (ACCUSE, CAMEO 112); it runs after the folding of drafts (see ``folding``).
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.extract.events.context import Context, Draft
from eventwire.extract.events.sources import subjects
from eventwire.extract.events.status import status_of
from eventwire.extract.events.syntax import desires
from eventwire.model import Actor


def demands(verbs: list[Token], drafts: list[Draft], ctx: Context) -> list[Draft]:
    """ "X said Y must (or should) do Z" is X's demand on Y, whatever Z is: a REQUEST, for clauses
    whose verb is no trigger of its own."""
    taken = {d.token.i for d in drafts}
    words = ctx.words
    out = []
    for verb in verbs:
        if verb.i in taken or verb.dep_ != "ccomp":
            continue
        auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
        if not auxes & words["deontic"] or verb.head.lemma_.lower() not in words["demand-reporting-derived"]:
            continue
        entry = ctx.lexicon.events.sense("demand").of(lemma=verb.lemma_.lower(), pos="VERB")
        out.append(Draft(verb, verb, entry, subjects(verb, ctx), (), None, rules=["derived:demand"]))
    return out


def appeals(verbs: list[Token], drafts: list[Draft], ctx: Context) -> list[Draft]:
    """ "X wants Y to do Z", "X would like Y to do Z" is X's appeal to Y (CAMEO 02), as "X asked Y
    to do Z" is; Z stays Y's hypothetical act. "X wants to do Z" (no Y) is X's intention, coded on Z."""
    taken = {d.token.i for d in drafts}
    out = []
    for verb in verbs:
        if verb.i in taken or verb.pos_ != "VERB" or not desires(verb, words=ctx.words):
            continue
        if any(c.dep_ == "neg" for c in verb.children):
            continue  # "does not want Y to": no appeal is made
        addressee = _addressee(verb)
        targets = ctx.actors.actors_for(addressee) if addressee is not None else ()
        if not targets:
            continue
        entry = ctx.lexicon.events.sense("appeal").of(lemma=verb.lemma_.lower(), pos="VERB")
        out.append(Draft(verb, verb, entry, subjects(verb, ctx), targets, None, rules=["derived:appeal"],
                         evidence=f"appeal: '{verb.lemma_}' with an addressee and a to-infinitive"))  # fmt: skip
    return out


def _addressee(verb: Token) -> Token | None:
    """Whom "wants" asks to act: "wants [Y to attack]" or "wants Y [to attack]"."""
    for child in verb.children:
        infinitive = any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children)
        addressee = None
        if child.dep_ == "ccomp" and infinitive:  # parsed "wants [Y to attack]"
            addressee = next((g for g in child.children if g.dep_ == "nsubj"), None)
        elif child.dep_ == "xcomp" and infinitive:  # parsed "wants Y [to attack]"
            addressee = next((g for g in verb.children if g.dep_ in ("dobj", "dative")), None)
        if addressee is not None:
            return addressee
    return None


def accusations(drafts: list[Draft], ctx: Context) -> list[Draft]:
    """Add the accusation a report of another's attack makes: "Ghana said Togolese troops shelled
    its border posts" is Ghana's attack report and Ghana's accusation of Togo (ACCUSE, CAMEO 112);
    "said a rocket was fired at it from Togo" accuses Togo. A claim about one's own act accuses
    no one; so does what the media, unnamed officials or witnesses report."""
    taken = {d.token.i for d in drafts}
    words = ctx.words
    found: dict[int, Draft] = {}
    for draft in drafts:
        if draft.trigger.event_type != "ASSAULT" or draft.verb.pos_ != "VERB" or draft.reported is not None:
            continue
        clause = draft.verb
        while clause.dep_ == "conj" and clause.head != clause:
            clause = clause.head  # "said that ISIL had attacked Iraq and taken Mosul"
        speaker_verb = clause.head
        if clause.dep_ != "ccomp" or speaker_verb.lemma_.lower() not in words["reported-claims"] or speaker_verb.i in taken:
            continue
        status, _ = status_of(draft.token, draft.verb, ctx)
        alleged = speaker_verb.lemma_.lower() in words["alleging"] and not (
            {c.lower_ for c in draft.verb.children} & words["modal-possible"])  # fmt: skip
        if status != "occurred" and not (status == "hypothetical" and alleged):
            continue  # "said B could attack", "said B did not attack": no one is accused of anything
        speakers = tuple(a for a in subjects(speaker_verb, ctx) if _accuser(a, ctx))
        perpetrators = tuple(a for a in draft.sources if _named(a))
        if not draft.sources and any(c.dep_ in ("nsubjpass", "auxpass") for c in draft.verb.children):
            perpetrators = _origin(draft.verb, ctx)  # "a rocket was fired at it from Togo"
        perpetrators = tuple(p for p in perpetrators if not any(_same_side(p, s, ctx) for s in speakers))
        if not speakers or not perpetrators:
            continue
        accusation = found.get(speaker_verb.i)
        if accusation is None:
            entry = ctx.lexicon.events.sense("accusation").of(lemma=speaker_verb.lemma_.lower(), pos="VERB")
            accusation = found[speaker_verb.i] = Draft(
                speaker_verb, speaker_verb, entry, speakers, (), None, reported=draft, rules=["derived:accusation"],
                evidence=f"accusation: '{speaker_verb.lemma_}' reports another's attack")  # fmt: skip
        accusation.targets += tuple(p for p in perpetrators if p.name not in {t.name for t in accusation.targets})
        accusation.note += f"; the attack reported: '{draft.token.text}' ({draft.trigger.evidence})"
    return list(found.values())


def _accuser(actor: Actor, ctx: Context) -> bool:
    """Whether a speaker's report of another's attack is an accusation (CAMEO 112): a state, a
    government or its named office-holders, a party, an armed group, an organisation with a
    country or an IGO; not the media, unnamed officials, witnesses or sources."""
    if actor.sector == "MED":
        return False
    if actor.kind == "country":
        return True
    if actor.kind == "organisation":
        return actor.country is not None or actor.sector == "IGO"
    if actor.kind == "group":
        return actor.sector in ctx.words["armed-sectors"]
    return (actor.kind == "person" and actor.country is not None and actor.role is not None
            and actor.role.lower() not in ctx.words["unnamed-roles"])  # fmt: skip


def _named(actor: Actor) -> bool:
    """Whether an actor is someone in particular: a state, an organisation, or a group with a
    country or a name of its own ("Hamas"); not "gunmen" or "rebels"."""
    return bool(actor.text) and (actor.country is not None or actor.kind in ("country", "organisation")
                                 or actor.name[:1].isupper())  # fmt: skip


def _same_side(a: Actor, b: Actor, ctx: Context) -> bool:
    """Whether two actors are one party: the same name, or one state and its organs."""
    if a.name == b.name:
        return True
    state = ctx.words["state-sectors"]
    return (a.country is not None and a.country == b.country
            and (a.sector is None or a.sector in state) and (b.sector is None or b.sector in state))  # fmt: skip


def _origin(verb: Token, ctx: Context) -> tuple[Actor, ...]:
    """The country an attack came from: "was fired at it from the Gaza Strip"."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "from":
            continue
        for obj in (o for o in prep.children if o.dep_ == "pobj"):
            country = next((c for tok in obj.subtree if (c := ctx.actors.country_named(tok))), None)
            if country:
                return (ctx.country_actor(obj.text, country, start=obj.idx, end=obj.idx + len(obj)),)
    return ()
