"""Triggers: which words name an event, and in which sense.

A verb or noun of ``events.tsv`` is a trigger (a verb with its particle first: "hand over"; a noun
with its compound first: "air strike"). Then the sense rules may read it otherwise, in order, the
first that applies deciding: ``VERB_SENSES`` for verbs (they see the verb's objects), ``NOUN_SENSES``
for nouns (they see the noun's modifiers and governing verb). A sense rule returns the trigger to
code (a row of ``senses.tsv`` or ``object_senses.tsv``), or ``NO_EVENT`` when the word is no event
in this use. ``read`` looks every word up once per article.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from eventwire.extract.events.context import Context
from eventwire.extract.events.syntax import for_clause, governor, verb_lemmas
from eventwire.extract.rules import first, rule
from eventwire.lexicon import Lexicon, Trigger
from eventwire.parse import tokens_where

# What a sense rule returns when the word, as used here, names no event.
NO_EVENT = Trigger(lemma="", pos="", event_type="", mode=None, cameo=None, target_preps=())


@dataclass(frozen=True, slots=True)
class Word:
    """A candidate trigger as a sense rule sees it: the word, its lexicon entry (None when it has
    none), the lexicon, and (for a verb) its lemma and the guesses ``verb_lemmas`` adds."""

    token: Token
    entry: Trigger | None
    lexicon: Lexicon
    lemmas: tuple[str, ...] = ()

    def sense(self, name: str) -> Trigger:
        """This word read in the sense ``name`` of ``senses.tsv``."""
        entry = self.entry
        return self.lexicon.events.sense(name).of(
            lemma=entry.lemma if entry else self.token.lemma_.lower(), pos=entry.pos if entry else self.token.pos_,
            target_preps=entry.target_preps if entry else ())  # fmt: skip

    def modifiers(self) -> set[str]:
        """The compound, adjective and noun modifiers of the word, lower-cased."""
        return {c.lower_ for c in self.token.children if c.dep_ in ("compound", "amod", "nmod")}


# -- verbs ---------------------------------------------------------------------------------------


@rule("launch-projectile", example="The militia launched rockets at the town.")
def _launch_projectile(word: Word) -> Trigger | None:
    """Launching or lobbing a projectile is an attack with heavy weapons; launching a campaign is not."""
    words = word.lexicon.words
    if word.entry is not None or words["launching"].isdisjoint(word.lemmas):
        return None
    if any(c.dep_ == "dobj" and c.lemma_.lower() in words["projectiles"] for c in word.token.children):
        return word.lexicon.events.sense("launch-projectile").of(lemma="launch", pos="VERB")
    return None


@rule("hold-captive", example="Gunmen are holding twenty civilians as hostages in the hotel.")
def _hold_captive(word: Word) -> Trigger | None:
    """Holding people as hostages or shields is hostage-taking; a clause describing captives is not."""
    verb = word.token
    if word.entry is not None or word.lexicon.words["holding"].isdisjoint(word.lemmas) or verb.dep_ == "acl":
        return None
    return word.lexicon.events.sense("hold-captive").of(lemma="hold", pos="VERB") if _as_captives(word) else None


def _as_captives(word: Word) -> bool:
    """Whether a verb holds someone hostage: "holding civilians as shields", "held them hostage",
    "are holding hostages"; not "the sailors, held captive for a year", said of the captives."""
    verb, captives = word.token, word.lexicon.words["captives"]
    held = any(c.dep_ == "dobj" and c.lower_ not in captives for c in verb.children)
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "as":
            if held and any(g.dep_ == "pobj" and g.lower_ in captives for g in child.children):
                return True
        elif child.lower_ in captives and child.dep_ == "dobj":
            if child.tag_ == "NNS":
                return True
        elif child.lower_ in captives and child.dep_ in ("oprd", "xcomp", "npadvmod", "advmod", "ccomp") and held:
            return True
    return False


@rule("call-sense", example="The opposition called the president a liar.")
def _call_sense(word: Word) -> Trigger | None:
    """"Called on X to", "called for" are requests; "called X a liar" an accusation; "called X" a phone call."""
    if word.entry is None or word.entry.lemma != "call":
        return None
    verb = word.token
    if {c.lower_ for c in verb.children if c.dep_ in ("prt", "prep")} & {"on", "upon", "for"}:
        return None  # the request of events.tsv
    if any(c.dep_ in ("oprd", "ccomp") and c.pos_ in ("NOUN", "PROPN", "ADJ") for c in verb.children):
        return word.lexicon.events.sense("call-names").of(lemma="call", pos="VERB")
    if any(c.dep_ == "dobj" and c.pos_ in ("PROPN", "NOUN", "PRON") for c in verb.children):
        return word.lexicon.events.sense("call-phone").of(lemma="call", pos="VERB")
    return None


@rule("object-sense", example="The soldiers opened fire on the crowd.")
def _object_sense(word: Word) -> Trigger | None:
    """Some verbs are coded by their object (object_senses.tsv): "opened fire", "received weapons"."""
    entry = word.entry
    senses = word.lexicon.events.object_senses.get(entry.lemma) if entry is not None else None
    if not senses:
        return None
    heads = [c for c in word.token.children if c.dep_ in ("dobj", "nsubjpass")]
    objects = {c.lemma_.lower() for c in heads} | {  # "700 kg of medicine"
        g.lemma_.lower() for c in heads for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
        for g in p.children if g.dep_ == "pobj"
    }  # fmt: skip
    for words, (event_type, mode, cameo) in senses:
        if objects & words:
            return entry.recoded(event_type, mode, cameo)
    return None


@rule("needs-an-object", example="The new embassy will open on Friday.")
def _needs_an_object(word: Word) -> Trigger | None:
    """Opening nothing to anyone is no act."""
    if word.entry is None or word.entry.lemma not in word.lexicon.words["needs-an-object"]:
        return None
    return None if any(c.dep_ in ("dobj", "nsubjpass") for c in word.token.children) else NO_EVENT


@rule("block-decision", example="China blocked a resolution on the crisis.")
def _block_decision(word: Word) -> Trigger | None:
    """Blocking anything but a road or a crossing is a rejection, not a road block."""
    if word.entry is None or word.entry.lemma != "block":
        return None
    objects = {c.lemma_.lower() for c in word.token.children if c.dep_ == "dobj"}
    return None if objects & word.lexicon.words["thoroughfares"] else word.lexicon.events.sense("block-decision").of(
        lemma="block", pos="VERB")  # fmt: skip


VERB_SENSES = (_launch_projectile, _hold_captive, _call_sense, _object_sense, _needs_an_object, _block_decision)


# -- nouns ---------------------------------------------------------------------------------------


@rule("press-release", example="The ministry issued a press release on Monday.")
def _press_release(word: Word) -> Trigger | None:
    """A press release is a document, not anyone set free."""
    if word.entry.lemma == "release" and word.modifiers() & word.lexicon.words["news-release"]:
        return NO_EVENT
    return None


@rule("protest-strike", example="Teachers began an indefinite strike over pay.")
def _protest_strike(word: Word) -> Trigger | None:
    """A general or hunger strike, or one that is called or staged, is a protest, not an air strike."""
    noun, entry, words = word.token, word.entry, word.lexicon.words
    if noun.lemma_.lower() != "strike" or entry.event_type != "ASSAULT":
        return None
    modifiers = word.modifiers()
    governing, _ = governor(noun, words=words)
    if modifiers & words["protest-strike"] or (
        governing is not None and governing.lemma_.lower() in words["protest-strike-verbs"]
        and not modifiers & words["strike-weapons"]
    ):  # fmt: skip
        return word.sense("strike-hunger" if modifiers & words["hunger"] else "strike-boycott")
    return None


@rule("operation-kind", example="The army launched a military operation against the rebels.")
def _operation_kind(word: Word) -> Trigger | None:
    """A rescue or peacekeeping operation is aid; a military one, or one against someone, an attack; a surgical one nothing."""
    noun, words = word.token, word.lexicon.words
    if noun.lemma_.lower() != "operation":
        return None
    modifiers = word.modifiers()
    if modifiers & words["aid-operation"]:
        return word.lexicon.events.sense("operation-aid").of(lemma="operation", pos="NOUN")
    against = any(c.dep_ == "prep" and c.lower_ == "against" for c in noun.children)
    return word.entry if modifiers & words["military-operation"] or against else NO_EVENT


@rule("evidence-against", example="Investigators found evidence of fraud in the vote.")
def _evidence_against(word: Word) -> Trigger | None:
    """Evidence against someone accuses them; evidence of a leak accuses no one."""
    noun = word.token
    if noun.lemma_.lower() == "evidence" and not any(c.dep_ == "prep" and c.lower_ == "against" for c in noun.children):
        return NO_EVENT
    return None


@rule("military-pressure", example="The rebels retreated under military pressure.")
def _military_pressure(word: Word) -> Trigger | None:
    """Pressure to act is a demand; military or economic pressure is none."""
    if word.token.lemma_.lower() == "pressure" and word.modifiers() & word.lexicon.words["military-pressure"]:
        return NO_EVENT
    return None


@rule("phone-call", example="The two presidents held a phone call on Tuesday.")
def _phone_call(word: Word) -> Trigger | None:
    """A phone call is a consultation, not an appeal."""
    if word.token.lemma_.lower() == "call" and word.modifiers() & word.lexicon.words["phone"]:
        return word.lexicon.events.sense("phone-call").of(lemma="call", pos="NOUN")
    return None


@rule("peacekeeping-deployment", example="The deployment of peacekeepers to the border began in May.")
def _peacekeeping_deployment(word: Word) -> Trigger | None:
    """A deployment of peacekeepers is aid (CAMEO 074), not a mobilisation."""
    if word.entry.event_type == "MOBILIZE" and any("peacekeep" in t.lower_ for t in word.token.subtree):
        return word.sense("peacekeeping-deployment")
    return None


NOUN_SENSES = (_press_release, _protest_strike, _operation_kind, _evidence_against, _military_pressure,
               _phone_call, _peacekeeping_deployment)  # fmt: skip


# -- looking words up ----------------------------------------------------------------------------


def _verb_entry(token: Token, lemmas: tuple[str, ...], lexicon: Lexicon) -> Trigger | None:
    """The row of ``events.tsv`` a verb has, with its particle first ("hand over")."""
    triggers = lexicon.events.triggers
    particles = [c.lower_ for c in token.children if c.dep_ in ("prt", "prep")] + [
        "for" for c in token.children if c.dep_ == "advcl" and for_clause(c)
    ]  # "pushed for Iran to resume talks": the preposition is parsed as the clause's marker  # fmt: skip
    return next((e for lemma in lemmas for prt in particles if (e := triggers.get((f"{lemma} {prt}", "VERB")))),
                None) or next((e for lemma in lemmas if (e := triggers.get((lemma, "VERB")))), None)  # fmt: skip


def _noun_entry(token: Token, lexicon: Lexicon) -> Trigger | None:
    """The row of ``events.tsv`` a noun has, with its compound first ("air strike")."""
    if token.ent_type_ in ("DATE", "PERSON", "GPE", "ORG"):
        return None
    triggers = lexicon.events.triggers
    compounds = [c.lower_ for c in token.lefts if c.dep_ in ("compound", "amod")]  # "air strike", "ethnic cleansing"
    for word in compounds[-1:]:
        entry = triggers.get((f"{word} {token.lemma_.lower()}", "NOUN"))
        if entry:
            return entry
    return triggers.get((token.lower_, "NOUN")) or triggers.get((token.lemma_.lower(), "NOUN"))


def read(lexicon: Lexicon, tokens: list[Token]) -> dict[int, tuple[Trigger, str | None]]:
    """Look up every verb and noun of ``tokens`` once: token index -> its trigger and the verb
    sense rule that chose it (noun senses are chosen where a noun is coded, by ``noun_sense``)."""
    readings = {}
    for token in tokens:
        rule_name = None
        if token.pos_ == "VERB":
            lemmas = verb_lemmas(token)
            entry = _verb_entry(token, lemmas, lexicon)
            found = first(VERB_SENSES, Word(token, entry, lexicon, lemmas))
            if found is not None:
                entry, rule_name = found
                entry = None if entry is NO_EVENT else entry
        else:
            entry = _noun_entry(token, lexicon)
        if entry is not None:
            readings[token.i] = (entry, rule_name)
    return readings


def verb_sense_rule(ctx: Context, token: Token) -> str | None:
    """The name of the sense rule that chose a verb's reading, if one did."""
    found = ctx.readings.get(token.i)
    return found[1] if found is not None else None


def noun_sense(ctx: Context, noun: Token, entry: Trigger) -> tuple[Trigger | None, str | None]:
    """The sense of a noun trigger where it is coded (None: no event), and the rule that chose it."""
    found = first(NOUN_SENSES, Word(noun, entry, ctx.lexicon))
    if found is None:
        return entry, None
    return (None if found[0] is NO_EVENT else found[0]), found[1]


def light_role(verb: Token, ctx: Context) -> str | None:
    """The role a light verb gives its subject, for the verb with its particle first ("call off")."""
    light_verbs = ctx.lexicon.events.light_verbs
    lemmas = verb_lemmas(verb)
    for child in verb.children:
        for lemma in lemmas:
            if child.dep_ == "prt" and (role := light_verbs.get(f"{lemma} {child.lower_}")):
                return role
    return next((role for lemma in lemmas if (role := light_verbs.get(lemma))), None)


def governs_noun_trigger(verb: Token, ctx: Context) -> bool:
    """Whether a light verb only carries the noun event that is its object ("imposed sanctions")."""
    if light_role(verb, ctx) is None:
        return False
    return any(c.dep_ == "dobj" and ctx.trigger(c) is not None for c in verb.children)


def describes_noun_event(verb: Token, entry: Trigger | None, ctx: Context) -> bool:
    """Whether a participle only describes the noun event it modifies: "an attack targeting a
    mall", "a raid aimed at the rebels" are one attack, not two."""
    if entry is None or verb.pos_ != "VERB" or verb.dep_ != "acl" or verb.tag_ not in ("VBG", "VBN"):
        return False
    noun_entry = ctx.trigger(verb.head) if verb.head.pos_ == "NOUN" else None
    return noun_entry is not None and noun_entry.event_type == entry.event_type


def is_statement(verb: Token, ctx: Context) -> bool:
    """Whether a verb only makes a statement: "declined to comment", "expressed condolences"."""
    complements = ctx.lexicon.events.statements.get(verb.lemma_.lower())
    if complements is None or verb.pos_ not in ("VERB", "AUX"):
        return False
    if "*" in complements:
        return True
    appeals = ctx.words["appeal-nouns"]
    for child in verb.children:
        if child.dep_ in ("dobj", "xcomp", "attr", "nsubjpass") and child.lemma_.lower() in complements:
            # "refused to respond to the demand" rejects the demand; "refused to respond" is no comment
            return not any(p.dep_ == "prep" and p.lower_ == "to" and any(
                o.dep_ == "pobj" and o.lemma_.lower() in appeals for o in p.children) for p in child.children)
    return False
