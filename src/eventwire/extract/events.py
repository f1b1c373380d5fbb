"""Events: who did what to whom, coded with PLOVER types, modes and CAMEO codes.

A trigger is a verb or noun of ``lexicons/events.tsv``. Its actors come from the dependency parse:
subjects and passive agents are sources; objects, passive subjects and the prepositions the lexicon
names are targets; a noun trigger takes the subject of the light verb that governs it ("the
militias announced a ceasefire") or, for verbs like "come under", gives it as the target. Each
event carries its status (occurred, planned, negated, hypothetical), the time expression and place
that govern it, the quote it is reported in, and the lexicon entry that produced it (``evidence``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable

from spacy.tokens import Doc, Token

from eventwire.cameo import cameo_context
from eventwire.extract.actors import ATTACK_NOUNS, HARM_WORDS, INSTRUMENTS, ActorMentions
from eventwire.extract.places import country_location, entry_location, location_of, resolve_dateline
from eventwire.extract.timex import to_event_date
from eventwire.gazetteer import Gazetteer
from eventwire.lexicon import EventLexicon, Lexicon, Trigger
from eventwire.model import Actor, Article, Event, Location, Place, Quote, Span, Timex, content_id
from eventwire.parse import doc_text, sentence_of, tokens_where

EXTRACTOR = "eventwire.events.v1"


def event_lexicon() -> EventLexicon:
    return Lexicon.load().events


def _is_statement(verb: Token, lex: EventLexicon) -> bool:
    """Whether a verb only makes a statement: "declined to comment", "expressed condolences"."""
    complements = lex.statements.get(verb.lemma_.lower())
    if complements is None or verb.pos_ not in ("VERB", "AUX"):
        return False
    if "*" in complements:
        return True
    for child in verb.children:
        if child.dep_ in ("dobj", "xcomp", "attr", "nsubjpass") and child.lemma_.lower() in complements:
            # "refused to respond to the demand" rejects the demand; "refused to respond" is no comment
            return not any(p.dep_ == "prep" and p.lower_ == "to" and any(
                o.dep_ == "pobj" and o.lemma_.lower() in _APPEALS for o in p.children) for p in child.children)
    return False


# What one can refuse to answer: refusing to respond to one of these rejects it.
_APPEALS = frozenset("demand request call appeal ultimatum offer proposal invitation plea".split())


# What a claim of responsibility is made with: "claimed/admitted/took responsibility for".
_CLAIMING = frozenset("claim admit accept take bear assume".split())


def _describes_noun_event(verb: Token, entry: Trigger | None, lex: EventLexicon) -> bool:
    """Whether a participle only describes the noun event it modifies: "an attack targeting a
    mall", "a raid aimed at the rebels" are one attack, not two."""
    if entry is None or verb.pos_ != "VERB" or verb.dep_ != "acl" or verb.tag_ not in ("VBG", "VBN"):
        return False
    noun_entry = _entry_for(verb.head, lex) if verb.head.pos_ == "NOUN" else None
    return noun_entry is not None and noun_entry.event_type == entry.event_type


def _claimed_by(noun: Token, actors: ActorMentions) -> tuple[Actor, ...]:
    """Who claims a noun event as theirs: "al-Shabab claimed responsibility for the attack" and
    "IS claimed the bombing" make them the attackers (a denial of responsibility names no one)."""
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() == "claim" and noun.head.pos_ in ("VERB", "AUX"):
        return _subjects(noun.head, actors)
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for" or prep.head.lemma_.lower() not in ("responsibility", "credit"):
        return ()
    claim = prep.head.head
    if prep.head.dep_ != "dobj" or claim.lemma_.lower() not in _CLAIMING or claim.pos_ not in ("VERB", "AUX"):
        return ()
    return _subjects(claim, actors)


def _under_statement(token: Token, statements: set[int]) -> bool:
    """Whether an event is mentioned inside a statement (not reported by "said")."""
    tok = token
    for _ in range(12):
        if tok.i in statements:
            return True
        if tok.head == tok:
            return False
        tok = tok.head
    return False


# Verbs whose complement clause is planned ("tasked X to expand") or only possible ("threatened to").
_PLANNING = frozenset(
    "plan intend aim prepare schedule set task order decide agree pledge promise vow vote expect "
    "offer undertake consent volunteer "
    "commit propose authorize authorise approve instruct direct".split()
)
_POSSIBLE = frozenset(
    "threaten warn want hope seek try attempt urge call ask demand pressure push consider "
    "need wish press encourage implore beg appeal request like".split()
)
# Verbs of wanting: their subject's own act that they govern is an intention, as CAMEO codes "X
# wants to help Y" (033) or "wants to attack Y" (138); "wants Y to" is a request.
_DESIRE = frozenset("want wish hope seek aim".split())


def _desires(verb: Token) -> bool:
    """Whether a verb states what its subject wants: "wants", "seeks", "would like"."""
    lemma = verb.lemma_.lower()
    return lemma in _DESIRE or lemma == "like" and any(c.dep_ == "aux" and c.lower_ == "would" for c in verb.children)


_REPORTING = frozenset("say announce tell add state declare confirm report insist pledge promise vow".split())
_OFFERING = frozenset("offer promise pledge propose vow plan intend".split())
_READY = frozenset("willing ready prepared determined set poised keen eager committed".split())
_INTENT_VERBS = frozenset("vow pledge promise swear plan intend decide agree offer commit undertake consent".split())
# Verbs of allegation: what their clause says someone did is claimed, not reported as fact.
_ALLEGING = frozenset("allege accuse charge claim".split())
# Verbs of arrest and punishment: the offence they give as their grounds is what is charged.
_PUNISHING = frozenset("arrest detain jail imprison sentence convict charge indict prosecute try fine punish".split())
_MODAL_POSSIBLE = frozenset({"could", "might", "may", "would", "should", "must", "can"})
_MODAL_FUTURE = frozenset({"will", "shall", "'ll", "wo"})
_OBJECT_CONTROL = frozenset(
    "task order urge ask tell force allow invite instruct direct press persuade pressure help "
    "encourage implore beg want like".split()
)
# Appeals made through a preposition: "called on Iran to", "appealed to the rebels to".
_APPEAL_PREPS = {"call": ("on", "upon"), "appeal": ("to",)}
_SOURCE_PREPS = ("by",)
_PARTICIPANTS_OF = frozenset({"CONSULT", "PROTEST", "AGREE"})  # "a meeting of ministers"
_CLAUSE_DEPS = frozenset({"xcomp", "ccomp", "advcl", "acl", "relcl", "pcomp", "conj"})


def verb_lemmas(token: Token) -> tuple[str, ...]:
    """The lemma of a verb, then guesses from its form for when the lemmatiser errs ("staged" ->
    "stag"): regular -ed, -ing and -s endings undone."""
    lemma, form = token.lemma_.lower(), token.lower_
    guesses = [lemma]
    if form.endswith("ied"):
        guesses.append(form[:-3] + "y")
    elif form.endswith("ed"):
        guesses += [form[:-1], form[:-2]]
    elif form.endswith("ing"):
        guesses += [form[:-3], form[:-3] + "e"]
    elif form.endswith("es"):
        guesses += [form[:-1], form[:-2]]
    return tuple(dict.fromkeys(guesses))


def _entry_for(token: Token, lex: EventLexicon) -> Trigger | None:
    if token.pos_ == "VERB":
        particles = [c.lower_ for c in token.children if c.dep_ in ("prt", "prep")] + [
            "for" for c in token.children if c.dep_ == "advcl" and _for_clause(c)
        ]  # "pushed for Iran to resume talks": the preposition is parsed as the clause's marker  # fmt: skip
        lemmas = verb_lemmas(token)
        entry = next((e for lemma in lemmas for prt in particles
                      if (e := lex.triggers.get((f"{lemma} {prt}", "VERB")))), None) or next(
            (e for lemma in lemmas if (e := lex.triggers.get((lemma, "VERB")))), None)  # fmt: skip
        if entry is None and any(lemma in ("launch", "lob") for lemma in lemmas) and any(
            c.dep_ == "dobj" and c.lemma_.lower() in _PROJECTILES for c in token.children
        ):  # "launched rockets at the town"; launching a campaign or a website is no attack  # fmt: skip
            return Trigger(lemma="launch", pos="VERB", event_type="ASSAULT", mode="heavy-weapons", cameo="194",
                           target_preps=("at", "on", "into", "against"))  # fmt: skip
        if entry is None and "hold" in lemmas and token.dep_ != "acl" and _as_captives(token):
            # "held the villagers as human shields", "are holding two engineers hostage": hostage-taking;
            # not "the sailors, held captive for a year, were freed", which describes the captives
            return Trigger(lemma="hold", pos="VERB", event_type="ASSAULT", mode="abduct", cameo="181", target_preps=())
        if entry is not None and entry.lemma == "call":
            return _call_sense(token, entry)
        if entry is not None and entry.lemma in _OBJECT_SENSES:
            heads = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
            objects = {c.lemma_.lower() for c in heads} | {  # "700 kg of medicine"
                g.lemma_.lower() for c in heads for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                for g in p.children if g.dep_ == "pobj"
            }  # fmt: skip
            for words, sense in _OBJECT_SENSES[entry.lemma]:
                if objects & words:
                    return Trigger(lemma=entry.lemma, pos="VERB", event_type=sense[0], mode=sense[1],
                                   cameo=sense[2], target_preps=entry.target_preps)  # fmt: skip
        if entry is not None and entry.lemma == "open" and not any(c.dep_ in ("dobj", "nsubjpass") for c in token.children):
            return None  # "the Games open on Friday": opening nothing to anyone is no act
        if entry is not None and entry.lemma == "block":
            objects = {c.lemma_.lower() for c in token.children if c.dep_ == "dobj"}
            if not objects & _THOROUGHFARES:  # "blocked a resolution" is a rejection, not a road block
                return Trigger(lemma="block", pos="VERB", event_type="REJECT", mode=None, cameo="120", target_preps=())
        return entry
    if token.pos_ in ("NOUN", "PROPN") and token.ent_type_ not in ("DATE", "PERSON", "GPE", "ORG"):
        compounds = [c.lower_ for c in token.lefts if c.dep_ in ("compound", "amod")]  # "air strike", "ethnic cleansing"
        for word in compounds[-1:]:
            entry = lex.triggers.get((f"{word} {token.lemma_.lower()}", "NOUN"))
            if entry:
                return entry
        return lex.triggers.get((token.lower_, "NOUN")) or lex.triggers.get((token.lemma_.lower(), "NOUN"))
    return None


_CAPTIVES = frozenset({"hostage", "hostages", "captive", "captives", "shield", "shields"})


def _as_captives(verb: Token) -> bool:
    """Whether a verb holds someone hostage: "holding civilians as shields", "held them hostage",
    "are holding hostages"; not "the sailors, held captive for a year", said of the captives."""
    held = any(c.dep_ == "dobj" and c.lower_ not in _CAPTIVES for c in verb.children)
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "as":
            if held and any(g.dep_ == "pobj" and g.lower_ in _CAPTIVES for g in child.children):
                return True
        elif child.lower_ in _CAPTIVES and child.dep_ == "dobj":
            if child.tag_ == "NNS":
                return True
        elif child.lower_ in _CAPTIVES and child.dep_ in ("oprd", "xcomp", "npadvmod", "advmod", "ccomp") and held:
            return True
    return False


# Nouns that measure out an event named after "of": "two days of talks", "a wave of attacks".
_MEASURES = frozenset("hour day week month year round series wave spate string campaign dozen hundred thousand score "
                      "number couple handful".split())  # "launched dozens of attacks"  # fmt: skip


def _governor(noun: Token) -> tuple[Token | None, bool]:
    """The verb that governs a noun as object or passive subject, or (second value True) through
    a preposition ("came under attack")."""
    tok = noun
    for _ in range(3):
        if tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN"):
            tok = tok.head  # "ended mediation efforts": the compound's head is the object
            continue
        if tok.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "conj") and tok.head.pos_ in ("VERB", "AUX"):
            return tok.head, False
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in _MEASURES:
            tok = tok.head.head  # "began a week of war games": the event stands where its measure does
            continue
        if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("VERB", "AUX"):
            return tok.head.head, True
        if tok.dep_ == "conj":
            tok = tok.head
            continue
        return None, False
    return None, False


def _subjects(verb: Token, actors: ActorMentions, *, depth: int = 0) -> tuple[Actor, ...]:
    """The sources of a verb: its subject, its passive agent, or those of the verb it depends on."""
    if _split_attack_noun(verb) is not None:
        return _attack_cause(verb.head if verb.head.pos_ in ("VERB", "AUX") else verb.head.head.head, actors)
    if _reduced_relative(verb) is not None:
        # "The prisoners detained for ... were freed": the noun was detained; only "by" names who did it
        return tuple(a for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"
                     for a in actors.actors_for(g))  # fmt: skip
    for child in verb.children:
        if child.dep_ == "nsubj" and child.tag_ == "VBG" and (inner := [g for g in child.children if g.dep_ == "nsubj"]):
            return actors.actors_for(inner[0])  # "The Red Cross operating in Iraq said": a misparse
        if child.dep_ in ("nsubj", "csubj"):
            found = actors.actors_for(child)
            if not found and child.lemma_.lower() in _DOCUMENTS:
                found = _issuer(child, actors)
            return found
        if child.dep_ == "agent":
            objs = [g for g in child.children if g.dep_ == "pobj"]
            if objs:
                return actors.actors_for(objs[0])
    if verb.lemma_.lower() in _STATIVE_PASSIVES and verb.tag_ == "VBN":
        # "Chile is opposed to the plan": a state of the subject's (parsed as a passive, as an
        # adjective complement of "is", or with the subject hung on "is")
        holders = [verb.head if verb.dep_ == "acomp" and verb.head.lemma_ == "be" else verb]
        holders += [c for c in holders[0].children if c.dep_ in ("aux", "auxpass") and c.lemma_ == "be"]
        for child in (c for holder in holders for c in holder.children):
            if child.dep_ in ("nsubjpass", "nsubj"):
                return actors.actors_for(child)
    if depth >= 3:
        return ()
    head = verb.head
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if (verb.dep_ == "xcomp" or verb.dep_ == "advcl" and infinitive) and head.lemma_.lower() in _OBJECT_CONTROL:
        objects = [c for c in head.children if c.dep_ in ("dobj", "dative")]
        if objects:
            return actors.actors_for(objects[0])
    if (controlled := _bare_infinitive(verb)) is not None:
        return actors.actors_for(controlled[1])  # "helping young fighters join a militia": the fighters join
    if verb.dep_ == "pcomp" and (punisher := _punished_for(verb)) is not None:
        # "charged two men with attacking a police station": the men are said to have attacked
        punished = [c for c in punisher.children if c.dep_ in ("dobj", "nsubjpass")]
        if punished and (found := actors.actors_for(punished[0])):
            return found
    if (verb.dep_ == "xcomp" or verb.dep_ == "advcl" and infinitive) and head.lemma_.lower() in _APPEAL_PREPS:
        # "called on Iran to release the prisoners": who is called on is who would release them
        addressees = [o for c in head.children if c.dep_ == "prep" and c.lower_ in _APPEAL_PREPS[head.lemma_.lower()]
                      for o in c.children if o.dep_ == "pobj"]  # fmt: skip
        if addressees:
            return actors.actors_for(addressees[0])
    if verb.dep_ == "xcomp" and infinitive and head.pos_ in ("VERB", "AUX"):
        # "The minister is expected to attend", "X was urged by Y to resign": the passive subject
        # of the verb the clause completes does it, not that verb's agent
        raised = [c for c in head.children if c.dep_ == "nsubjpass"]
        if raised:
            return actors.actors_for(raised[0])
    if verb.dep_ == "conj" and _active_after_passive(verb):
        # "was indicted by the court and will resign": who resigns is who was indicted
        return tuple(a for c in head.children if c.dep_ == "nsubjpass" for a in actors.actors_for(c))
    if verb.dep_ in ("relcl", "acl") and infinitive and head.pos_ in ("NOUN", "PROPN") and head != verb:
        return _purpose_subjects(head, actors, depth=depth)
    if verb.dep_ in ("xcomp", "conj", "advcl") and head.pos_ in ("VERB", "AUX") and head != verb:
        if verb.dep_ == "advcl" and not infinitive and not _participle_clause(verb):
            return ()
        if (found := _reduced_relative(head)) is not None and found[1] == verb:
            return ()  # the main verb of "The prisoners detained ... were freed": no agent named
        return _subjects(head, actors, depth=depth + 1)
    if verb.dep_ == "acl" and (root := _verbless_root(verb)) is not None:
        return actors.actors_for(root)
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.pos_ in ("NOUN", "PROPN"):
        # "troops firing on the crowd": the noun a participle modifies is its subject; "issued a
        # statement demanding ...": a document demands what its author does.
        found = actors.actors_for(head)
        if found or head.lemma_.lower() not in _DOCUMENTS:
            return found
        governor = head.head if head.dep_ in ("dobj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX") else None
        if governor is not None:
            return _subjects(governor, actors, depth=depth + 1)
    if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ in ("acomp", "xcomp", "conj") and head.head != head:
        return _subjects(head.head, actors, depth=depth + 1)  # "France is ready to contribute"
    return ()


# What a reduced passive relative carries: "detained by police", "jailed in 2019 for criticising".
_RELATIVE_DEPS = frozenset({"agent", "prep", "advmod", "npadvmod", "punct"})


_CAUSE_PREPS = frozenset({"in", "by", "from", "under", "during"})


def _attack_cause(verb: Token, actors: ActorMentions) -> tuple[Actor, ...]:
    """The attacker that a harm verb's cause names: "were killed in Turkish artillery fire",
    "wounded by Russian shelling", "killed in Israeli tank shelling" (where the parser may split
    the attack noun off as a participle). The cause is an attack noun or a weapon; who it belongs
    to, a country or a force, did it."""
    for child in verb.children:
        if child.dep_ != "agent" and not (child.dep_ == "prep" and child.lower_ in _CAUSE_PREPS):
            continue
        for obj in (g for g in child.children if g.dep_ == "pobj"):
            words = {obj.lemma_.lower(), obj.lower_} if obj.pos_ == "NOUN" else set()
            after = obj.nbor(1) if obj.i + 1 < len(obj.doc) else None
            if after is not None and after.tag_ == "VBG" and after.head in (verb, obj):
                words.add(after.lower_)  # "in Israeli tank | shelling", "by Russian | shelling"
            if not words & HARM_WORDS:
                continue
            found = tuple(a for a in actors.actors_for(obj) if a.country or a.organisation) or _users(obj, actors)
            country = None if found else actors.country_named(obj)
            if country:  # the nationality the parser made the object: "by Russian | shelling"
                name = actors.lexicon.country_name(country) or country
                span = Span(start=obj.idx, end=obj.idx + len(obj), text=obj.text)
                found = (Actor(text=obj.text, name=name, country=country, kind="country", span=span),)
            if found:
                return found
    return ()


# Verbs whose subject is the victim of the attack that caused them: "died in an air strike".
_DYING = frozenset({"die", "perish"})


def _victims(verb: Token, actors: ActorMentions) -> tuple[Actor, ...]:
    """Who died, when ``verb`` is a verb of dying: "Seven civilians died in the shelling"."""
    if verb.lemma_.lower() not in _DYING:
        return ()
    return tuple(a for c in verb.children if c.dep_ == "nsubj" for a in actors.actors_for(c))


def _users(weapon: Token, actors: ActorMentions) -> tuple[Actor, ...]:
    """Who fired a weapon, as a clause on it says: "a missile fired by separatist fighters", "a
    rocket believed to have been launched by the militia"."""
    if weapon.lemma_.lower() not in INSTRUMENTS:
        return ()
    for clause in (c for c in weapon.children if c.dep_ == "acl"):
        for verb in (clause, *(c for c in clause.children if c.dep_ == "xcomp")):
            for agent in (c for c in verb.children if c.dep_ == "agent"):
                found = tuple(a for obj in agent.children if obj.dep_ == "pobj" for a in actors.actors_for(obj))
                if found:
                    return found
    return ()


def _by_projectile(verb: Token) -> bool:
    """Whether a verb's "by" or "with" names a missile, rocket or shell as what did it."""
    return any(g.dep_ == "pobj" and g.lemma_.lower() in _PROJECTILES for c in verb.children
               if c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ in ("by", "with") for g in c.children)  # fmt: skip


def _fired_weapon(verb: Token) -> Token | None:
    """The weapon whose clause ``verb`` heads: "fired" in "a missile fired by the rebels", "a
    rocket believed to be fired by ..."."""
    clause = verb.head if verb.dep_ == "xcomp" else verb
    if clause.dep_ == "acl" and clause.head.pos_ == "NOUN" and clause.head.lemma_.lower() in INSTRUMENTS:
        return clause.head
    return None


def _split_attack_noun(verb: Token) -> Token | None:
    """The object before an attack noun that the parser took for a participle of its own: "died
    in Russian | shelling", "were killed in Israeli tank | shelling". Return the object."""
    if verb.tag_ != "VBG" or verb.i == 0 or verb.lower_ not in ATTACK_NOUNS:
        return None
    before = verb.nbor(-1)
    cause = before.dep_ == "pobj" and (before.head.dep_ == "agent" or before.head.lower_ in _CAUSE_PREPS)
    if not cause or verb.head not in (before.head.head, before):
        return None
    return None if any(c.dep_ in ("dobj", "nsubj", "nsubjpass") for c in verb.children) else before


def _reduced_relative(verb: Token) -> tuple[Token, Token] | None:
    """The noun and the main verb of a reduced passive relative the parser took for the main
    clause: in "The prisoners detained for criticising the king were freed", "detained" comes out
    as the main verb with "prisoners" as its subject and "were freed" as a clause of its own. The
    participle follows its noun directly, has no auxiliary or object of its own, and a later
    passive or auxiliary verb without a subject (and not coordinated with "and") is the real
    main verb."""
    if verb.tag_ not in ("VBN", "VBD") or verb.pos_ != "VERB":
        return None
    nouns = [c for c in verb.children if c.dep_ == "nsubj"]
    if len(nouns) != 1 or nouns[0].pos_ not in ("NOUN", "PROPN") or nouns[0].right_edge.i + 1 != verb.i:
        return None
    if any(c.dep_ not in _RELATIVE_DEPS and not (c.i > verb.i and c.dep_ in ("conj", "ccomp", "advcl"))
           for c in verb.children if c != nouns[0]):  # fmt: skip
        return None  # "The army prepared to resume shelling ...": an active verb with its complement
    for main in verb.children:
        if main.i > verb.i and main.dep_ in ("conj", "ccomp", "advcl") and main.pos_ in ("VERB", "AUX") and any(
            c.dep_ in ("aux", "auxpass") and c.i < main.i and c.lemma_ in ("be", "have") for c in main.children
        ) and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "mark") for c in main.children):  # fmt: skip
            return nouns[0], main
    return None


# Verbs whose object does what the bare infinitive after it says: "helped militants join", "let them go".
_BARE_CONTROL = frozenset("help let make have see watch hear".split())


def _bare_infinitive(verb: Token) -> tuple[Token, Token] | None:
    """The verb and object that control a bare infinitive the parser hung elsewhere as a
    conjunct: in "jailed a student for helping young fighters join a militia", "join" is parsed
    as a second verb of "jailed", with no "and" before it; it is what the fighters, the object
    of "helping", do."""
    if verb.dep_ != "conj" or verb.tag_ not in ("VB", "VBP") or verb.i == 0:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for c in verb.children):
        return None
    if any(t.dep_ in ("cc", "punct") for t in verb.doc[verb.head.i + 1 : verb.i] if t.head == verb.head):
        return None  # a real coordination: "jailed him and banned the group"
    tok = verb.doc[verb.i - 1]
    for _ in range(4):  # from the word before the verb up to the head of its noun phrase
        if tok.dep_ in ("amod", "compound", "nummod", "det", "poss", "nmod", "quantmod") and tok.head.i < verb.i:
            tok = tok.head
        else:
            break
    controller = tok.head
    if tok.dep_ == "dobj" and controller.i < tok.i and controller.lemma_.lower() in _BARE_CONTROL:
        return controller, tok
    return None


def _punished_for(clause: Token) -> Token | None:
    """The verb of arrest or punishment whose grounds a clause gives: "jailed a student for
    helping", "charged two men with attacking", "convicted the commander of killing" (the "of"
    parsed on the object)."""
    prep = clause.head
    if clause.dep_ != "pcomp" or prep.dep_ != "prep" or prep.lower_ not in ("for", "on", "over", "with", "of"):
        return None
    verb = prep.head
    if verb.dep_ in ("dobj", "nsubjpass") and prep.lower_ == "of":
        verb = verb.head
    return verb if verb.lemma_.lower() in _PUNISHING else None


def _verbless_root(verb: Token) -> Token | None:
    """The subject of a main verb the parser hung on its subject's noun phrase, leaving a sentence
    whose root is a noun: "An official newspaper called on the Arabs to unite", "Doctors from
    two aid groups donated and delivered medicine". Only a verb that acts on something (an
    object, or an infinitive it calls for) counts: "Three soldiers killed in an ambush" is a
    headline's passive."""
    root = verb.sent.root
    if root.pos_ not in ("NOUN", "PROPN") or verb.head != root and verb.head.head.head != root:
        return None
    clauses = [verb] + [c for c in verb.children if c.dep_ == "conj"]
    for clause in clauses:
        if any(c.dep_ in ("auxpass", "nsubj", "nsubjpass", "agent") for c in clause.children):
            return None
    active = any(c.dep_ in ("dobj", "dative") or c.dep_ in ("advcl", "xcomp") and any(
        g.dep_ == "aux" and g.lower_ == "to" for g in c.children) for clause in clauses for c in clause.children)  # fmt: skip
    return root if active else None


def _active_after_passive(verb: Token) -> bool:
    """Whether a subjectless active verb is coordinated with a passive one, so that they share the
    passive's subject, not its agent: "was arrested and fled"; not "was arrested and charged"."""
    head = verb.head
    if not any(c.dep_ == "nsubjpass" for c in head.children):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "auxpass") for c in verb.children):
        return False
    return verb.tag_ != "VBN" or any(c.dep_ == "aux" for c in verb.children)  # "and has resigned"


def _purpose_subjects(noun: Token, actors: ActorMentions, *, depth: int) -> tuple[Actor, ...]:
    """The sources of an infinitive that modifies a noun: the noun when it names an actor ("sent
    a team to investigate"), else whoever takes part in what the noun names ("gathered for a rally
    to protest", "drew up a plan to attack"), unless the governing verb is an event of its own,
    done to the noun by others ("banned a rally to protest")."""
    found = actors.actors_for(noun)
    if found or depth >= 3:
        return found
    governor, _ = _governor(noun)
    if governor is None or governor.lemma_.lower() in _OBSERVING or _entry_for(governor, event_lexicon()) is not None:
        return ()
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in governor.children):
        return ()
    return _subjects(governor, actors, depth=depth + 1)


# Passives that state the subject's own stance, not what others did to it ("were engaged in").
# Verbs whose subject watches or tells of an event named by their object, without taking part.
_OBSERVING = frozenset(
    "track monitor watch cover report witness document observe follow describe study record analyse "
    "analyze investigate discuss".split()
)
_STATIVE_PASSIVES = frozenset({"oppose", "commit", "determine", "dedicate", "resolve", "engage"})
# Light verbs of command: their subject is the source, whoever carries the order out ("by").
_COMMANDS = frozenset({"order", "authorize", "authorise", "command"})
# Light verbs that carry their event through "in": "engaged in fighting", "participated in talks".
_PARTAKE = frozenset({"engage", "participate"})
_DOCUMENTS = frozenset(
    "statement declaration resolution letter communique communiqué report note message petition "
    "memorandum decree ultimatum appeal motion proclamation manifesto".split()
)


def _issuer(document: Token, actors: ActorMentions) -> tuple[Actor, ...]:
    """Who speaks through a document that names no author: "a report released by the UN", or
    the country of where it was released ("a report released in the Rwandan capital")."""
    for clause in document.children:
        if clause.dep_ != "acl" or clause.lemma_.lower() not in ("release", "publish", "issue"):
            continue
        for prep in clause.children:
            for obj in (o for o in prep.children if o.dep_ == "pobj"):
                if prep.dep_ == "agent" or prep.lower_ == "by":
                    return actors.actors_for(obj)
                if prep.lower_ != "in":
                    continue
                country = actors.country_named(obj) or next(
                    (c for m in obj.children if m.dep_ in ("amod", "compound") and (c := actors.country_named(m))), None)
                if country:
                    name = actors.lexicon.country_name(country) or country
                    span = Span(start=obj.idx, end=obj.idx + len(obj), text=obj.text)
                    return (Actor(text=obj.text, name=name, country=country, kind="country", span=span),)
    return ()


def _participle_clause(verb: Token) -> bool:
    """Whether an adverbial clause is a bare -ing participle sharing its head's subject: "shelled
    the town, killing three"; not "after leaving", "while talks continued"."""
    if verb.tag_ != "VBG" or verb.i < verb.head.i:
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass", "mark", "expl") for c in verb.children)


_MOVES_OWN_FORCES = frozenset({"RETREAT", "MOBILIZE", "AID"})
# Where the target of a verb without one sits in the clause it governs.
_COMPLEMENT = Trigger(lemma="", pos="VERB", event_type="", mode=None, cameo=None,
                      target_preps=("with", "to", "against", "on", "into", "from", "in"))  # fmt: skip
_DONE_TO = frozenset({"ASSAULT", "COERCE", "RETREAT", "SANCTION"})
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "dative", "conj"})
_PROTEST_PURPOSES = frozenset({"protest", "demand", "denounce", "condemn", "oppose", "press", "show"})


def _objects_of(verb: Token, trigger: Trigger, actors: ActorMentions,
                sources: tuple[Actor, ...] = (), *, depth: int = 0) -> tuple[Actor, ...]:  # fmt: skip
    """The targets of a verb: its objects and the prepositional objects its lexicon entry names.

    Troops a source withdraws, deploys or sends ("withdrew its troops from Iraq") are what moves,
    not the target: the target is where they go or leave.
    """
    out: list[Actor] = []
    own = {a.country for a in sources} | {None}
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    for child in verb.children:
        if child.dep_ == "dative" and child.pos_ == "ADP":  # "gave permission to Russia"
            out.extend(a for obj in child.children if obj.dep_ == "pobj" for a in actors.actors_for(obj))
        elif child.dep_ in ("dobj", "dative", "nsubjpass", "attr") and not (child.dep_ == "attr" and not passive):
            found = actors.actors_for(child)
            if depth and child.dep_ == "dobj" and not any(a.sector for a in found):
                found = _actor_inside(child, actors) or found  # "to protest the government's decision"
            if child.dep_ == "dobj" and trigger.event_type in _MOVES_OWN_FORCES:
                found = tuple(a for a in found if not (a.sector == "MIL" and a.country in own))
            if not found and child.dep_ == "dobj":
                found = _actor_inside(child, actors)
            out.extend(found)
        elif child.dep_ == "prep" and child.lower_ in trigger.target_preps:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    out.extend(actors.actors_for(obj))
        elif child.dep_ == "prt" and child.lower_ in trigger.target_preps:
            continue
    if not out and not depth and _split_attack_noun(verb) is not None:
        out.extend(_victims(verb.head if verb.head.pos_ in ("VERB", "AUX") else verb.head.head.head, actors))
    relative = _reduced_relative(verb) if not out and not depth else None
    if relative is None and not out and not depth and verb.head != verb:
        relative = found if (found := _reduced_relative(verb.head)) and found[1] == verb and passive else None
    if relative is not None:
        # "The prisoners detained for ... were freed": they were detained, and they were freed
        out.extend(actors.actors_for(relative[0]))
    elif (not out and not depth and verb.tag_ in ("VBN", "VBD") and verb.dep_ == "acl"
          and verb.head.pos_ in ("NOUN", "PROPN") and verb.head.dep_ in _ARGUMENT_DEPS and _verbless_root(verb) is None
          and (trigger.event_type in _DONE_TO or any(c.dep_ == "agent" for c in verb.children))):  # fmt: skip
        # "villagers abducted by the militia were found", "there were ten soldiers killed": the
        # noun a passive participle modifies is what it was done to (when the noun has a role of
        # its own in the sentence: "..., a rights group protested" is no participle). Only a
        # material act or one whose doer is named: "officials accused of graft", "men sought in
        # the killing" only describe them.
        out.extend(actors.actors_for(verb.head))
    elif not out and not depth and verb.dep_ == "conj" and verb.tag_ == "VBN" and not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in verb.children
    ) and (passive or any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.head.children)):
        # "were arrested and later released": the passive shares the first verb's subject  # fmt: skip
        out.extend(a for c in verb.head.children if c.dep_ in ("nsubjpass", "nsubj") for a in actors.actors_for(c))
    if out or depth >= 2:
        return tuple(out)
    # No object of its own: the target is in the clause the verb governs. "demanded that the US
    # cancel" (whom the demand is addressed to), "alleged that Chad armed them" (who is accused),
    # "threatened to break relations with Russia" (whom the threatened act is against), "went on
    # strike to protest the ruling of the court".
    for child in verb.children:
        if (child.dep_ == "ccomp" or child.dep_ == "advcl" and _for_clause(child)) and child.pos_ in ("VERB", "AUX") and (
            trigger.event_type == "REQUEST" or trigger.mode == "allege"
            or trigger.lemma == "help" and not any(m.dep_ == "mark" for m in child.children)
        ):  # "alleged that France armed the militias": the one accused is the target; "helped
            # Somali troops retake the town": the one helped  # fmt: skip
            subjects = [g for g in child.children if g.dep_ in ("nsubj", "nsubjpass")]
            if subjects and subjects[0].pos_ != "PRON":
                out.extend(actors.actors_for(subjects[0]))
        elif child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX") or child.dep_ == "advcl" and any(
            g.dep_ == "aux" and g.lower_ == "to" for g in child.children
        ) and child.lemma_.lower() in _PROTEST_PURPOSES:  # fmt: skip
            out.extend(_objects_of(child, _COMPLEMENT, actors, sources, depth=depth + 1))
        elif child.dep_ == "prep" and child.lower_ == "in" and trigger.event_type == "PROTEST":
            for obj in child.children:  # "in protest against the curfew"
                if obj.dep_ == "pobj" and obj.lemma_.lower() in _PROTEST_PURPOSES:
                    out.extend(_actor_inside(obj, actors))
        if out:
            break
    return tuple(out)


def _for_clause(clause: Token) -> bool:
    """Whether a clause is "for X to do": "pressed for Iran to resume talks"; not "for the law to be
    changed", which asks no one named to act."""
    return any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children) and not any(
        c.dep_ in ("auxpass", "nsubjpass") for c in clause.children
    )  # fmt: skip


# Causes of death and damage that are no one's attack.
_MISHAPS = frozenset(
    "accident crash collision earthquake quake flood flooding storm cyclone hurricane typhoon tornado "
    "landslide mudslide avalanche tsunami eruption stampede outbreak epidemic disease illness drought "
    "heatwave lightning".split()
)


def _mishap(verb: Token) -> bool:
    """Whether what a verb of harm names as its cause is an accident or a disaster: "killed in a
    crash", "killed by the earthquake", "floods killed"."""
    for child in verb.children:
        causes = [child] if child.dep_ in ("nsubj", "csubj") else []
        if child.dep_ in ("agent", "prep") and child.lower_ in ("by", "in"):
            causes = [g for g in child.children if g.dep_ == "pobj"]
        if any(c.lemma_.lower() in _MISHAPS for c in causes):
            return True
    return False


def _actor_inside(phrase: Token, actors: ActorMentions, *, depth: int = 0) -> tuple[Actor, ...]:
    """An actor named inside a non-actor object: "its mission in Iraq" -> Iraq, "the court's
    ruling" -> the court, "an appeal by the UN" -> the UN, "sanctions against Iran" -> Iran."""
    for child in phrase.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            found = actors.actors_for(child)
            if found:
                return found
    for child in phrase.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "to", "for", "of", "with", "against", "on", "by", "from", "into"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    found = actors.actors_for(obj)
                    if depth < 2 and not any(a.sector for a in found):
                        # "against the government's decision": whose decision, not its country
                        found = _actor_inside(obj, actors, depth=depth + 1) or found
                    if found:
                        return found
    return ()


def _noun_arguments(noun: Token, trigger: Trigger, lex: EventLexicon, actors: ActorMentions
                    ) -> tuple[tuple[Actor, ...], tuple[Actor, ...], Token | None]:  # fmt: skip
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
            if child.pos_ == "ADJ" and child.i not in actors.matches and child.lower_ in actors.lexicon.roles:
                continue  # "a general strike" is not called by a general
            found = [a for a in actors.actors_for(child) if a.kind != "person" or child.ent_type_ == "PERSON"]
            if child.pos_ == "ADJ" and all(a.country is None and a.organisation is None for a in found):
                kinds.extend(found)  # "military aid" is a kind of aid: who gives it is said elsewhere
            else:
                sources.extend(found)
        elif child.dep_ == "prep" and child.lower_ == "of" and trigger.event_type not in _PARTICIPANTS_OF:
            for obj in child.children:  # "the release of the detainees": the detainees undergo it
                if obj.dep_ == "pobj":
                    targets.extend(actors.actors_for(obj))
        elif child.dep_ == "prep" and child.lower_ in _SOURCE_PREPS + ("from", "of") and child.lower_ not in trigger.target_preps:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    sources.extend(actors.actors_for(obj))
        elif child.dep_ == "prep" and child.lower_ in trigger.target_preps:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    found = actors.actors_for(obj) or _actor_inside(obj, actors)
                    targets.extend(found)
    governor, through_prep = _governor(noun)
    light = None
    role = light_role(governor, lex) if governor is not None else None
    if not targets and through_prep and trigger.event_type == "ASSAULT" and noun.head.lower_ in _CAUSE_PREPS:
        targets.extend(_victims(governor, actors))  # "Seven civilians died in an air strike"
    if (role is None and not sources and governor is not None and not through_prep and noun.dep_ == "dobj"
            and _entry_for(governor, lex) is None and governor.lemma_.lower() not in _OBSERVING):  # fmt: skip
        # "The US speeded up the withdrawal": whoever acts on the event's noun does it; not who
        # only watches it ("a group that tracks the war").
        sources = list(_subjects(governor, actors))
    if role == "source" and through_prep and not (governor.lemma_.lower() in _PARTAKE and noun.head.lower_ == "in"):
        role = None  # "announced after a meeting": the meeting is not what was announced
    if governor is not None and role is not None:
        light = governor
        if role == "target":
            targets = list(_subjects(governor, actors)) + targets
            if not sources:  # "received assurances from the government", "faced pressure from Congress"
                sources = [a for c in governor.children if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by")
                           for obj in c.children if obj.dep_ == "pobj" for a in actors.actors_for(obj)]  # fmt: skip
        elif not sources or governor.lemma_.lower() in _COMMANDS:  # "source" and "end"
            # "ordered patrols by the police": who orders mobilises, the police only carry it out
            commanders = list(_subjects(governor, actors))
            if not targets and noun.dep_ == "dobj" and not (sources and commanders) and trigger.event_type != "CONSULT":
                # "expanded its mission in Iraq"; but "attended a summit in Geneva" names a venue:
                # a meeting's partners are given with "with" or "between"
                targets.extend(_actor_inside(noun, actors))
            sources = commanders or sources
        if not targets:  # "gave Tanzania a grant", "gave aid to Tanzania": the indirect object
            datives = [c for c in governor.children if c.dep_ == "dative"]
            datives = [g for c in datives for g in ([c] if c.pos_ != "ADP" else
                                                    [o for o in c.children if o.dep_ == "pobj"])]  # fmt: skip
            targets.extend(a for c in datives for a in actors.actors_for(c))
        if not targets and through_prep and governor.lemma_.lower() in _PARTAKE:
            # "engaged the troops in a firefight": whom the source engages
            targets.extend(a for c in governor.children if c.dep_ == "dobj" for a in actors.actors_for(c))
        if not targets:  # "imposed sanctions on Iran": the preposition hangs on the light verb
            for child in governor.children:
                if child.dep_ == "prep" and child.lower_ in trigger.target_preps:
                    targets.extend(a for obj in child.children if obj.dep_ == "pobj"
                                   for a in actors.actors_for(obj))  # fmt: skip
        if not targets and role == "source":  # "began a hunger strike to demand the release of"
            clauses = [c for c in (*noun.children, *governor.children) if c.dep_ in ("advcl", "ccomp", "xcomp")
                       and c.head.i == governor.i or c.dep_ == "prep" and c.lower_ == "in"]  # fmt: skip
            for clause in clauses:
                if clause.dep_ != "prep" and clause.lemma_.lower() in _PROTEST_PURPOSES:
                    targets.extend(_objects_of(clause, _COMPLEMENT, actors, tuple(sources), depth=1))
                elif clause.dep_ == "prep" and trigger.event_type == "PROTEST":
                    for obj in clause.children:  # "in protest against the curfew"
                        if obj.dep_ == "pobj" and obj.lemma_.lower() in _PROTEST_PURPOSES:
                            targets.extend(_actor_inside(obj, actors))
                if targets:
                    break
    return tuple(sources or kinds), tuple(targets), light


def status_of(trigger: Token, verb: Token) -> str:
    """Decide whether the event occurred, is planned, negated or only hypothetical."""
    for tok in (trigger, verb):
        if any(c.dep_ == "neg" for c in tok.children) or any(
            c.dep_ == "det" and c.lower_ == "no" for c in tok.children
        ):
            return "negated"
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if verb.lemma_.lower() == "like":
        auxes.discard("would")  # "would like" says what one wants now, as "wants" does
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in verb.children):
        return "hypothetical"
    if "would" in auxes and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _REPORTING:
        return "planned"  # reported future: "said it would deploy"
    if auxes & _MODAL_POSSIBLE:
        return "hypothetical"
    if auxes & _MODAL_FUTURE or _going_to(verb):
        return "planned"
    if trigger.pos_ != "VERB" and verb != trigger and verb.lemma_.lower() in _OFFERING:
        return "planned"  # "offered concessions", "proposed talks"
    if trigger.pos_ != "VERB" and verb == trigger:
        governor, _ = _governor(trigger)
        if governor is not None and governor.lemma_.lower() in _POSSIBLE:
            return "hypothetical"  # "called for the release", "demanded talks"
        if governor is not None and governor.lemma_.lower() in _PLANNING:
            return "planned"
    clause = verb
    if (controlled := _bare_infinitive(verb)) is not None:
        clause = controlled[0]  # "helping fighters join": "join" stands or falls with "helping"
    if trigger.pos_ != "VERB" and verb == trigger:
        governor, through_prep = _governor(trigger)
        if governor is not None and not through_prep:
            # "will deepen their partnership", "seek to expand cooperation": a noun event takes the
            # status of the clause of the verb whose object it is
            governor_aux = {c.lower_ for c in governor.children if c.dep_ in ("aux", "auxpass")}
            if governor_aux & _MODAL_POSSIBLE:
                return "hypothetical"
            if governor_aux & _MODAL_FUTURE:
                return "planned"
            clause = governor
    for _ in range(4):
        if clause.dep_ not in _CLAUSE_DEPS or clause.head == clause:
            break
        parent = clause.head
        lemma = parent.lemma_.lower()
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
        complement = clause.dep_ in ("xcomp", "ccomp") or (clause.dep_ == "advcl" and infinitive)
        if clause.dep_ == "xcomp" and _desires(parent) and not any(c.dep_ in ("dobj", "dative")
                                                                   for c in parent.children):  # fmt: skip
            return "planned"  # "wants to help", "seeks to deepen ties": a stated intention (CAMEO 03, 13)
        if complement and lemma in _POSSIBLE:
            return "hypothetical"
        if clause.dep_ == "ccomp" and lemma in _ALLEGING:
            return "hypothetical"  # "alleged that the army helped plan killings": claimed, not reported as fact
        if clause.dep_ == "pcomp" and parent.dep_ == "prep" and parent.head.lemma_.lower() in _ALLEGING:
            return "hypothetical"  # "accused the army of looting"
        if clause.dep_ == "pcomp" and (punisher := _punished_for(clause)) is not None and punisher.pos_ == "VERB":
            # "jailed a student for helping militants", "charged with smuggling": the charge, not a
            # reported act; and so is what it governs ("helping militants join")
            return "hypothetical"
        if complement and lemma in _PLANNING:
            return "planned"
        if infinitive and parent.pos_ in ("NOUN", "PROPN"):
            return "hypothetical"  # "pressure to withdraw", "time to withdraw"
        if infinitive and parent.pos_ == "ADJ":
            # "willing to withdraw", "ready to talks" are stated intentions; "able to fight" is not.
            return "planned" if parent.lower_ in _READY else "hypothetical"
        if infinitive and clause.dep_ == "advcl":
            return "hypothetical"  # a purpose: "to give the US time"
        parent_aux = {c.lower_ for c in parent.children if c.dep_ in ("aux", "auxpass")}
        if clause.dep_ in ("xcomp", "conj") and parent_aux & _MODAL_FUTURE:
            return "planned"
        if any(c.dep_ == "neg" for c in parent.children) and clause.dep_ == "xcomp":
            return "negated"
        if clause.dep_ == "xcomp" and lemma in ("fail", "refuse", "decline"):
            return "negated"  # "failed to reach agreement", "refused to meet"
        if clause.dep_ not in ("xcomp", "conj") and not (clause.dep_ == "ccomp" and lemma in _OBJECT_CONTROL):
            break  # "helping militants join" is parsed as a clause, but "join" stands or falls with "helping"
        clause = parent
    return "occurred"


def _going_to(verb: Token) -> bool:
    head = verb.head
    return verb.dep_ == "xcomp" and head.lower_ == "going" and any(c.lower_ in ("is", "are", "am", "'s", "'re") for c in head.children)


def _anchor(token: Token, targets: dict[int, int], *, light: dict[int, int]) -> int | None:
    """Follow heads from ``token`` to the event it modifies; stop at the first other verb."""
    tok = token
    for _ in range(8):
        if tok.i in targets:
            return targets[tok.i]
        if tok.i in light:
            return light[tok.i]
        if tok.pos_ in ("VERB", "AUX") and tok != token:
            return None
        if tok.head == tok:
            return None
        tok = tok.head
    return None


def _span(doc: Doc, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=doc_text(doc)[start:end])


def _sentence_span(doc: Doc, sent) -> Span:
    """The sentence without the white space (a paragraph break) that spaCy keeps at its end."""
    text = doc_text(doc)[sent.start_char : sent.end_char]
    return _span(doc, sent.start_char, sent.start_char + len(text.rstrip()))


@dataclass(slots=True)
class _Draft:
    token: Token
    verb: Token
    trigger: Trigger
    sources: tuple[Actor, ...]
    targets: tuple[Actor, ...]
    light: Token | None
    timex: Timex | None = None
    place: Place | None = None
    sentence_places: tuple[Place, ...] = ()
    evidence: str | None = None  # for an event no lexicon entry gives: the rule that made it
    note: str = ""  # what a rule changed, for the evidence
    reported: _Draft | None = None  # for an accusation: the attack it reports


def find_events(
    doc: Doc, *, article: Article, actors: ActorMentions, timexes: Iterable[Timex] = (),
    places: Iterable[Place] = (), quotes: Iterable[Quote] = (), gazetteer: Gazetteer | None = None,
) -> tuple[Event, ...]:  # fmt: skip
    """Code the events of one parsed article."""
    lex = event_lexicon()
    drafts: list[_Draft] = []
    verbs = tokens_where(doc, pos=("VERB", "AUX"))
    statements = {t.i for t in verbs if _is_statement(t, lex)}
    for token in tokens_where(doc, pos=("VERB", "NOUN", "PROPN")):  # the only ones with an entry
        entry = _entry_for(token, lex)
        if entry is None or token.i in statements:
            continue
        if token.pos_ == "VERB":
            if _governs_noun_trigger(token, lex):
                continue  # "imposed sanctions": the noun is the event, the verb only carries it
            if _describes_noun_event(token, entry, lex):
                continue  # "an attack targeting a mall": the participle is the noun's own event
            if token.lemma_.lower() in _INTENT_VERBS and any(
                c.dep_ == "xcomp" and (_entry_for(c, lex) is not None or _governs_noun_trigger(c, lex))
                for c in token.children
            ):  # fmt: skip
                continue  # "vowed to fight": the intended act is coded, as an intent
            if _desires(token) and any(c.dep_ == "xcomp" for c in token.children) and not any(
                c.dep_ in ("dobj", "dative") for c in token.children
            ):  # fmt: skip
                continue  # "sought to deepen ties" asks no one: what it governs is an intention
            if entry.event_type == "ASSAULT" and _mishap(token):
                continue  # "killed in a road accident", "the earthquake killed": no one attacked
            if _split_attack_noun(token) is not None and any(
                (e := _entry_for(v, lex)) is not None and e.event_type == "ASSAULT"
                for v in (token.head, token.head.head.head)
            ):  # fmt: skip
                continue  # "killed by Russian | shelling": the cause of the killing, coded with it
            weapon = _fired_weapon(token) if entry.event_type == "ASSAULT" else None
            if weapon is not None and weapon.dep_ == "pobj" and (
                (e := _entry_for(weapon.head.head, lex)) is not None and e.event_type == "ASSAULT"
            ):  # fmt: skip
                continue  # "shot down by a missile fired by the rebels": one attack, coded on "shot down"
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)
            sources = _subjects(token, actors)
            if not sources and entry.event_type == "ASSAULT":
                sources = _attack_cause(token, actors)  # "were killed in Turkish artillery fire"
            if entry.mode == "explosives" and _by_projectile(token):
                # "blown up by a missile": fired from a launcher, not a planted bomb (CAMEO 194, not 183)
                entry = Trigger(lemma=entry.lemma, pos=entry.pos, event_type="ASSAULT", mode="heavy-weapons",
                                cameo="194", target_preps=entry.target_preps)  # fmt: skip
            targets = _objects_of(token, entry, actors, sources)
            if entry.lemma == "receive" and entry.event_type == "AID":
                # "received weapons from X": X gives the aid, the subject gets it
                givers = tuple(a for c in token.children if c.dep_ == "prep" and c.lower_ == "from"
                               for obj in c.children if obj.dep_ == "pobj" for a in actors.actors_for(obj))  # fmt: skip
                sources, targets = givers, sources
            has_arguments = any(c.dep_ in ("nsubj", "nsubjpass", "dobj", "agent", "ccomp") for c in token.children)
            if not sources and not targets and not passive and not has_arguments:
                continue
            drafts.append(_Draft(token, token, entry, sources, targets, None))
        else:
            if token.dep_ == "compound" and (whole := _entry_for(token.head, lex)) and whole.lemma.startswith(
                f"{token.lower_} "
            ):  # fmt: skip
                continue  # "war games": the compound is the event, not the war its first word names
            entry = _noun_sense(token, entry, lex)
            if entry is None:
                continue
            sources, targets, light = _noun_arguments(token, entry, lex, actors)
            if not sources:
                sources = _claimed_by(token, actors)
            described = [c for c in token.children if c.dep_ == "acl" and c.pos_ == "VERB"
                         and _describes_noun_event(c, _entry_for(c, lex), lex)]  # fmt: skip
            if not targets:  # "an attack targeting a mall": the participle names what it struck
                targets = tuple(a for c in described for a in _objects_of(c, _entry_for(c, lex), actors, sources))
            if entry.lemma in ("exercise", "drill", "war game") and len(sources) < 2 and not targets and not any(
                c.lower_ == "joint" for c in token.children
            ):  # fmt: skip
                # exercises held with no partner are a show of force (CAMEO 150), not cooperation (062)
                entry = Trigger(lemma=entry.lemma, pos=entry.pos, event_type="MOBILIZE", mode=None, cameo="150",
                                target_preps=())  # fmt: skip
            if light is not None and light_role(light, lex) == "end":
                entry = _ended(entry)
            elif light is not None and entry.event_type == "AGREE" and set(verb_lemmas(light)) & {"sign", "ratify"}:
                # Signing a formal agreement is SUPPORT (CAMEO 057); reaching one is AGREE.
                entry = Trigger(lemma=entry.lemma, pos=entry.pos, event_type="SUPPORT", mode=None, cameo="057",
                                target_preps=entry.target_preps)  # fmt: skip
            if not sources and not targets and light is None and not described:
                continue
            drafts.append(_Draft(token, light or token, entry, sources, targets, light))
    drafts += _demands(verbs, drafts, actors)
    drafts += _appeals(verbs, drafts, actors)
    drafts = _merge_echoes(drafts)
    drafts = _fold_results(drafts)
    drafts = _drop_topics(drafts)
    drafts += _accusations(drafts, actors)
    _attach(doc, drafts, timexes=timexes, places=places)
    events = [_event(d, doc=doc, article=article, quotes=quotes, gazetteer=gazetteer, actors=actors,
                     background=_under_statement(d.token, statements)) for d in drafts]  # fmt: skip
    for n, draft in enumerate(drafts):
        if draft.reported is not None:
            # the accusation stands beside the attack it reports, never in front of it
            reported = events[next(m for m, d in enumerate(drafts) if d is draft.reported)]
            events[n] = replace(events[n], confidence=round(max(0.05, min(events[n].confidence,
                                                                          reported.confidence - 0.05)), 2))  # fmt: skip
    return _dedupe(events)


# Nouns with two senses, told apart by their modifiers and governing verbs.
_PROTEST_STRIKE = frozenset(
    "general hunger labour labor nationwide national transport workers teachers doctors students "
    "indefinite open-ended warning sit-down".split()
)
_THOROUGHFARES = frozenset("road street bridge highway motorway traffic access entrance border crossing port railway route transport".split())
_PROTEST_STRIKE_VERBS = frozenset("call hold stage begin start continue end go threaten organise organize".split())


# What stopping an act amounts to: (type, mode, CAMEO).
_ENDED = {
    "CONSULT": ("SANCTION", "withdraw", "164"), "COOPERATE": ("SANCTION", "withdraw", "160"),
    "AID": ("SANCTION", "discontinue", "162"), "SUPPORT": ("SANCTION", "withdraw", "160"),
    "AGREE": ("SANCTION", "withdraw", "160"), "PROTEST": ("CONCEDE", None, "082"),
    "ASSAULT": ("RETREAT", "disarm", "087"), "SANCTION": ("RETREAT", "ease", "085"),
    "COERCE": ("CONCEDE", None, "081"), "MOBILIZE": ("RETREAT", "disarm", "087"),
}  # fmt: skip


def _ended(entry: Trigger) -> Trigger:
    """The act of stopping an event: "ended mediation", "called off the strike", "lifted the ban"."""
    if entry.event_type not in _ENDED:
        return entry
    event_type, mode, cameo = _ENDED[entry.event_type]
    return Trigger(lemma=entry.lemma, pos=entry.pos, event_type=event_type, mode=mode, cameo=cameo,
                   target_preps=entry.target_preps)  # fmt: skip


_GOODS = frozenset(
    "aid medicine medicines supplies food equipment vehicles tents money cash funds weapons arms "
    "ammunition grain fuel vaccines relief assistance".split()
)
# What artillery, rocket launchers and mortars fire (CAMEO 194), as opposed to small arms (193).
_PROJECTILES = frozenset("missile missiles rocket rockets mortar mortars shell shells artillery".split())
_ENVOYS = frozenset(
    "peacekeeper peacekeepers inspector inspectors observer observers monitor monitors ambassador "
    "envoy diplomat diplomats mission worker workers staff personnel".split()
)
# Verbs whose object decides what the act is: (object lemmas, (type, mode, CAMEO)).
_OBJECT_SENSES: dict[str, tuple[tuple[frozenset[str], tuple[str, str | None, str]], ...]] = {
    "open": ((frozenset({"fire"}), ("ASSAULT", "firearms", "193")),
             (frozenset({"investigation", "probe", "inquiry", "hearing", "case", "trial"}), ("ACCUSE", "investigate", "090")),
             (frozenset({"embassy", "consulate", "office", "mission"}), ("SUPPORT", None, "054"))),
    "fire": ((_PROJECTILES, ("ASSAULT", "heavy-weapons", "194")),),
    "hand over": ((_GOODS, ("AID", None, "070")),),
    "hand": ((_GOODS, ("AID", None, "070")),),
    "withdraw": ((_ENVOYS, ("SANCTION", "expel", "166")),),
    "pull": ((_ENVOYS, ("SANCTION", "expel", "166")),),
    "recall": ((_ENVOYS, ("SANCTION", "withdraw", "161")),),
    # CAMEO 0861/0862: letting peacekeepers or inspectors in is a concession of access, not a visit
    "receive": ((frozenset("weapon weapons arms ammunition".split()), ("AID", "military", "072")),
                (_GOODS, ("AID", None, "070")),
                (frozenset("peacekeeper peacekeepers".split()), ("RETREAT", "access", "0861")),
                (frozenset("inspector inspectors observer observers monitor monitors".split()),
                 ("RETREAT", "access", "0862"))),
    "accept": ((frozenset("plan proposal offer formula deal agreement accord invitation settlement "
                          "mediation ceasefire truce".split()), ("AGREE", None, "030")),),
}  # fmt: skip


def _call_sense(verb: Token, entry: Trigger) -> Trigger | None:
    """"Called on X to", "called for" are requests; "called X a liar" an accusation; "called X
    (to congratulate him)" a telephone call."""
    words = {c.lower_ for c in verb.children if c.dep_ in ("prt", "prep")}
    if words & {"on", "upon", "for"}:
        return entry
    if any(c.dep_ in ("oprd", "ccomp") and c.pos_ in ("NOUN", "PROPN", "ADJ") for c in verb.children):
        return Trigger(lemma="call", pos="VERB", event_type="ACCUSE", mode="disapprove", cameo="111", target_preps=())
    if any(c.dep_ == "dobj" and c.pos_ in ("PROPN", "NOUN", "PRON") for c in verb.children):
        return Trigger(lemma="call", pos="VERB", event_type="CONSULT", mode="phone", cameo="041", target_preps=())
    return entry


_MILITARY_OPERATION = frozenset("military offensive ground air counter-terrorism counterterrorism combat security joint".split())
_AID_OPERATION = frozenset("peacekeeping rescue relief humanitarian evacuation".split())


def _noun_sense(noun: Token, entry: Trigger, lex: EventLexicon) -> Trigger | None:
    """Pick the sense of an ambiguous noun: a general or hunger strike is a protest, an air strike
    an assault; a deployment of peacekeepers is aid."""
    modifiers = {c.lower_ for c in noun.children if c.dep_ in ("compound", "amod", "nmod")}
    if entry.lemma == "release" and modifiers & {"press", "news"}:
        return None  # "a press release" is a document, not anyone set free
    if noun.lemma_.lower() == "strike" and entry.event_type == "ASSAULT":
        governor, _ = _governor(noun)
        if modifiers & _PROTEST_STRIKE or (
            governor is not None and governor.lemma_.lower() in _PROTEST_STRIKE_VERBS and not modifiers & {"air", "drone", "missile", "military"}
        ):  # fmt: skip
            mode = "hunger" if "hunger" in modifiers else "boycott"
            return Trigger(lemma=entry.lemma, pos=entry.pos, event_type="PROTEST", mode=mode,
                           cameo="142" if mode == "hunger" else "143", target_preps=("against",))  # fmt: skip
    if noun.lemma_.lower() == "operation":
        if modifiers & _AID_OPERATION:
            return Trigger(lemma="operation", pos="NOUN", event_type="AID", mode="peacekeeping", cameo="074", target_preps=("in",))
        against = any(c.dep_ == "prep" and c.lower_ == "against" for c in noun.children)
        return entry if modifiers & _MILITARY_OPERATION or against else None  # "surgical operations"
    if noun.lemma_.lower() == "evidence" and not any(c.dep_ == "prep" and c.lower_ == "against" for c in noun.children):
        return None  # "evidence against X" accuses X; "evidence of a leak" accuses no one
    if noun.lemma_.lower() == "pressure" and modifiers & {"military", "economic", "financial", "air", "water", "blood"}:
        return None  # a demand is pressure someone is under to act; military pressure is not one
    if noun.lemma_.lower() == "call" and modifiers & {"phone", "telephone"}:
        return Trigger(lemma="call", pos="NOUN", event_type="CONSULT", mode="phone", cameo="041", target_preps=("with",))
    if entry.event_type == "MOBILIZE" and any("peacekeep" in t.lower_ for t in noun.subtree):
        return Trigger(lemma=entry.lemma, pos=entry.pos, event_type="AID", mode="peacekeeping",
                       cameo="074", target_preps=entry.target_preps)  # fmt: skip
    return entry


def light_role(verb: Token, lex: EventLexicon) -> str | None:
    """The role a light verb gives its subject, for the verb with its particle first ("call off")."""
    lemmas = verb_lemmas(verb)
    for child in verb.children:
        for lemma in lemmas:
            if child.dep_ == "prt" and (role := lex.light_verbs.get(f"{lemma} {child.lower_}")):
                return role
    return next((role for lemma in lemmas if (role := lex.light_verbs.get(lemma))), None)


def _demands(verbs: list[Token], drafts: list[_Draft], actors: ActorMentions) -> list[_Draft]:
    """ "X said Y must (or should) do Z" is X's demand on Y, whatever Z is: a REQUEST, for clauses
    whose verb is no trigger of its own."""
    taken = {d.token.i for d in drafts}
    out = []
    for verb in verbs:
        if verb.i in taken or verb.dep_ != "ccomp":
            continue
        auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
        if not auxes & _DEONTIC or verb.head.lemma_.lower() not in _REPORTING | {"insist", "reiterate", "warn", "conclude"}:
            continue
        entry = Trigger(lemma=verb.lemma_.lower(), pos="VERB", event_type="REQUEST", mode=None, cameo="100",
                        target_preps=())  # fmt: skip
        out.append(_Draft(verb, verb, entry, _subjects(verb, actors), (), None))
    return out


def _appeals(verbs: list[Token], drafts: list[_Draft], actors: ActorMentions) -> list[_Draft]:
    """ "X wants Y to do Z", "X would like Y to do Z" is X's appeal to Y (CAMEO 02), as "X asked Y
    to do Z" is; Z stays Y's hypothetical act. "X wants to do Z" (no Y) is X's intention, coded on Z."""
    taken = {d.token.i for d in drafts}
    out = []
    for verb in verbs:
        if verb.i in taken or verb.pos_ != "VERB" or not _desires(verb) or any(c.dep_ == "neg" for c in verb.children):
            continue  # "does not want Y to": no appeal is made
        addressee = None
        for child in verb.children:
            infinitive = any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children)
            if child.dep_ == "ccomp" and infinitive:  # parsed "wants [Y to attack]"
                addressee = next((g for g in child.children if g.dep_ == "nsubj"), None)
            elif child.dep_ == "xcomp" and infinitive:  # parsed "wants Y [to attack]"
                addressee = next((g for g in verb.children if g.dep_ in ("dobj", "dative")), None)
            if addressee is not None:
                break
        targets = actors.actors_for(addressee) if addressee is not None else ()
        if not targets:
            continue
        entry = Trigger(lemma=verb.lemma_.lower(), pos="VERB", event_type="REQUEST", mode=None, cameo="020",
                        target_preps=())  # fmt: skip
        out.append(_Draft(verb, verb, entry, _subjects(verb, actors), targets, None,
                          evidence=f"appeal: '{verb.lemma_}' with an addressee and a to-infinitive"))  # fmt: skip
    return out


def _governs_noun_trigger(verb: Token, lex: EventLexicon) -> bool:
    if light_role(verb, lex) is None:
        return False
    return any(c.dep_ == "dobj" and _entry_for(c, lex) is not None for c in verb.children)


def _merge_echoes(drafts: list[_Draft]) -> list[_Draft]:
    """Drop a noun trigger that only echoes a verb trigger of the same type governing it
    ("killed ... in a drone strike"); the verb keeps the noun's actors where it had none."""
    keep: list[_Draft] = []
    verbs = [d for d in drafts if d.token.pos_ == "VERB"]
    for draft in drafts:
        if draft.token.pos_ != "VERB":
            owner = next((v for v in verbs if v.trigger.event_type == draft.trigger.event_type
                          and _attached(draft.token, v.token) and draft.light is None), None)  # fmt: skip
            if owner is not None:
                owner.sources = owner.sources or draft.sources
                owner.targets = owner.targets or draft.targets
                continue
        keep.append(draft)
    return keep


def _fold_results(drafts: list[_Draft]) -> list[_Draft]:
    """Fold an attack's participial result clause into the attack: in "rebels shelled the town,
    killing eight people" the killing is what the shelling did, one fact, not a second attack.
    The attack keeps its own targets; the killed become its targets only when it has none."""
    attacks = {d.token.i: d for d in drafts if d.token.pos_ == "VERB" and d.trigger.event_type == "ASSAULT"}
    keep = []
    for draft in drafts:
        verb = draft.token
        owner = attacks.get(verb.head.i) if verb.dep_ == "advcl" and verb.pos_ == "VERB" else None
        if (owner is None or owner is draft or draft.trigger.event_type != "ASSAULT"
                or not _participle_clause(verb) or draft.sources and owner.sources
                and {a.name for a in draft.sources} != {a.name for a in owner.sources}):  # fmt: skip
            keep.append(draft)
            continue
        owner.targets = owner.targets or draft.targets
        owner.note += f"; result clause '{verb.text}' ({draft.trigger.evidence}) folded in"
    return keep


# Verbs by which a speaker reports what another did; what they report of an attack accuses.
_CLAIMING = frozenset("say claim report state announce add insist confirm tell allege".split())
_STATE_SECTORS = frozenset({None, "GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
_ARMED_SECTORS = frozenset({"REB", "UAF", "INS", "SEP"})
_UNNAMED_ROLES = frozenset({"spokesman", "spokeswoman", "spokesperson", "official", "source"})


def _accuser(actor: Actor) -> bool:
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
        return actor.sector in _ARMED_SECTORS
    return (actor.kind == "person" and actor.country is not None and actor.role is not None
            and actor.role.lower() not in _UNNAMED_ROLES)  # fmt: skip


def _named(actor: Actor) -> bool:
    """Whether an actor is someone in particular: a state, an organisation, or a group with a
    country or a name of its own ("Hamas"); not "gunmen" or "rebels"."""
    return bool(actor.text) and (actor.country is not None or actor.kind in ("country", "organisation")
                                 or actor.name[:1].isupper())  # fmt: skip


def _same_side(a: Actor, b: Actor) -> bool:
    """Whether two actors are one party: the same name, or one state and its organs."""
    if a.name == b.name:
        return True
    return (a.country is not None and a.country == b.country
            and a.sector in _STATE_SECTORS and b.sector in _STATE_SECTORS)  # fmt: skip


def _accusations(drafts: list[_Draft], actors: ActorMentions) -> list[_Draft]:
    """Add the accusation a report of another's attack makes: "Ghana said Togolese troops shelled
    its border posts" is Ghana's attack report and Ghana's accusation of Togo (ACCUSE, CAMEO 112);
    "said a rocket was fired at it from Togo" accuses Togo. A claim about one's own act accuses
    no one; so does what the media, unnamed officials or witnesses report."""
    taken = {d.token.i for d in drafts}
    found: dict[int, _Draft] = {}
    for draft in drafts:
        if draft.trigger.event_type != "ASSAULT" or draft.verb.pos_ != "VERB" or draft.reported is not None:
            continue
        clause = draft.verb
        while clause.dep_ == "conj" and clause.head != clause:
            clause = clause.head  # "said that ISIL had attacked Iraq and taken Mosul"
        speaker_verb = clause.head
        if clause.dep_ != "ccomp" or speaker_verb.lemma_.lower() not in _CLAIMING or speaker_verb.i in taken:
            continue
        status = status_of(draft.token, draft.verb)
        alleged = speaker_verb.lemma_.lower() in _ALLEGING and not {c.lower_ for c in draft.verb.children} & _MODAL_POSSIBLE
        if status != "occurred" and not (status == "hypothetical" and alleged):
            continue  # "said B could attack", "said B did not attack": no one is accused of anything
        speakers = tuple(a for a in _subjects(speaker_verb, actors) if _accuser(a))
        perpetrators = tuple(a for a in draft.sources if _named(a))
        if not draft.sources and any(c.dep_ in ("nsubjpass", "auxpass") for c in draft.verb.children):
            perpetrators = _origin(draft.verb, actors)  # "a rocket was fired at it from Togo"
        perpetrators = tuple(p for p in perpetrators if not any(_same_side(p, s) for s in speakers))
        if not speakers or not perpetrators:
            continue
        accusation = found.get(speaker_verb.i)
        if accusation is None:
            entry = Trigger(lemma=speaker_verb.lemma_.lower(), pos="VERB", event_type="ACCUSE", mode="allege",
                            cameo="112", target_preps=())  # fmt: skip
            accusation = found[speaker_verb.i] = _Draft(
                speaker_verb, speaker_verb, entry, speakers, (), None, reported=draft,
                evidence=f"accusation: '{speaker_verb.lemma_}' reports another's attack")  # fmt: skip
        accusation.targets += tuple(p for p in perpetrators if p.name not in {t.name for t in accusation.targets})
        accusation.note += f"; the attack reported: '{draft.token.text}' ({draft.trigger.evidence})"
    return list(found.values())


def _origin(verb: Token, actors: ActorMentions) -> tuple[Actor, ...]:
    """The country an attack came from: "was fired at it from the Gaza Strip"."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "from":
            continue
        for obj in (o for o in prep.children if o.dep_ == "pobj"):
            country = next((c for tok in obj.subtree if (c := actors.country_named(tok))), None)
            if country:
                name = actors.lexicon.country_name(country) or country
                span = Span(start=obj.idx, end=obj.idx + len(obj), text=obj.text)
                return (Actor(text=obj.text, name=name, country=country, kind="country", span=span),)
    return ()


def _drop_topics(drafts: list[_Draft]) -> list[_Draft]:
    """Drop a noun trigger that is only what another event acts on and names no one who did it:
    "endorsed an agreement with the EU", "lifted the sanctions on Iran" are one act each, not an
    agreement or sanctions besides."""
    verbs = {d.token.i for d in drafts if d.token.pos_ == "VERB"}
    return [
        d for d in drafts
        if d.token.pos_ == "VERB" or d.light is not None or d.sources
        or not (d.token.dep_ == "dobj" and d.token.head.i in verbs)
    ]  # fmt: skip


def _attached(noun: Token, verb: Token) -> bool:
    """Whether ``noun`` is the verb's object or subject ("the shelling killed"), or the object of
    one of its prepositions or of its "by" ("killed by gunfire")."""
    if noun.head == verb and noun.dep_ in ("dobj", "npadvmod", "nsubj"):
        return True
    return noun.dep_ == "pobj" and noun.head.dep_ in ("prep", "agent") and noun.head.head == verb


_LOCATIVE = frozenset({"in", "at", "near", "outside", "across", "inside", "into", "from", "on", "around", "throughout"})


def _locative(root: Token) -> bool:
    return root.dep_ == "pobj" and root.head.lower_ in _LOCATIVE


def _attach(doc: Doc, drafts: list[_Draft], *, timexes: Iterable[Timex], places: Iterable[Place]) -> None:
    """Give each draft the time expression and place its clause governs."""
    by_token = {d.token.i: n for n, d in enumerate(drafts)}
    by_light = {d.light.i: n for n, d in enumerate(drafts) if d.light is not None}
    # A noun echoed into a verb ("in a drone strike") routes to that verb.
    echo_heads = {}
    for n, d in enumerate(drafts):
        for tok in d.token.subtree:
            if tok.i not in by_token and _attached(tok, d.token) and _entry_for(tok, event_lexicon()):
                echo_heads.setdefault(tok.i, n)
    targets = {**echo_heads, **by_token}
    for timex in timexes:
        if to_event_date(timex.value) is None:
            continue
        root = _root_of(doc, timex.start, timex.end)
        if root is None:
            continue
        n = _anchor(root, targets, light=by_light)
        if n is not None and drafts[n].timex is None:
            drafts[n].timex = timex
    resolved = [p for p in places if p.lat is not None]
    by_span = {(p.start, p.end): p for p in resolved}
    for n, draft in enumerate(drafts):
        anchors = [draft.token] + ([draft.light] if draft.light is not None else [])
        anchors += [doc[i] for i, m in echo_heads.items() if m == n]
        governed, in_sentence = _locate(doc, anchors, list(by_span))
        if governed:  # the most precise of the places the clause governs
            draft.place = min((by_span[g] for g in governed), key=_precision_rank)
        draft.sentence_places = tuple(by_span[s] for s in in_sentence)


_FEATURE_RANK = {"city": 0, "admin1": 1, "region": 2, "country": 3}


def _precision_rank(place: Place) -> tuple[int, int, int]:
    return _FEATURE_RANK.get(place.feature or "", 1), place.population or 0, place.start


def locate(doc: Doc, trigger: Token, candidates: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Choose, among candidate place spans (character offsets), where the event of ``trigger``
    happened; the rule ``find_events`` applies, exposed for evaluation and for callers with their
    own candidates (see ``_locate``)."""
    governed, in_sentence = _locate(doc, [trigger], list(candidates))
    return tuple(governed or in_sentence)


_LOCATIVE_PREPS = frozenset(
    "in at near outside across inside into on around throughout within along off north south east "
    "west northeast northwest southeast southwest over from".split()
)
_PATH_DEPS = frozenset({"pobj", "prep", "compound", "conj", "appos", "nmod", "amod", "npadvmod", "dobj",
                        "poss", "nummod", "quantmod", "advmod", "pcomp", "acomp", "oprd"})  # fmt: skip


def _place_path(root: Token, anchors: list[Token]) -> tuple[list[Token], Token | None]:
    """Climb from a place to the word it locates. Return the nouns and prepositions passed and the
    anchor reached, or (path, None) when the place does not locate any anchor: it is reached through
    a subject, a clause of its own, or a preposition that does not locate ("sent to Kyiv")."""
    tok, path, locative, modifier = root, [], False, False
    for _ in range(12):
        head, dep = tok.head, tok.dep_
        if head == tok or dep not in _PATH_DEPS:
            return path, None
        modifier = modifier or (dep in ("compound", "amod", "nmod", "poss") and not locative)
        if dep == "prep":
            word = tok.lower_
            if word == "from" and head not in anchors:
                return path, None  # "a driver from Abidjan" names an origin, not where it happened
            if word in _LOCATIVE_PREPS:
                locative = True
            elif word != "of" and not locative:
                return path, None  # "sent to Kyiv"; but "during the offensive in Afghanistan" locates
        if head in anchors:
            # An object locates only when it is the place itself ("captured Kidal", "the town of
            # Kidal"), not when the place modifies it ("gave the US time").
            located = locative or (dep in ("dobj", "npadvmod") and not modifier)
            return (path, head) if located else (path, None)
        if head.pos_ in ("VERB", "AUX"):
            return path, None
        if dep != "conj":
            path.append(head)
        tok = head
    return path, None


def _host(root: Token) -> Token:
    """The noun a place name modifies or belongs to: "al-Tijara neighbourhood", "town of Bakwa"."""
    tok = root
    if tok.dep_ in ("compound", "nmod", "poss", "amod"):
        return tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ == "of":
        return tok.head.head
    return tok


def _locate(doc: Doc, anchors: list[Token], candidates: list[tuple[int, int]]
            ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:  # fmt: skip
    """The candidate places an event's clause governs ("killed ... in Baghdad", "captured the town
    of Bakwa"), most specific first, and the sentence's places that locate the clauses above it."""
    governed: list[tuple[tuple[int, int], Token, list[Token]]] = []
    in_sentence: list[tuple[int, int]] = []
    sentence = sentence_of(doc, anchors[0].i)
    above = set(anchors[0].ancestors)
    for span in candidates:
        root = _root_of(doc, *span)
        if root is None or not (sentence.start_char <= span[0] < sentence.end_char):
            continue
        path, reached = _place_path(root, anchors)
        if reached is not None:
            governed.append((span, root, path))
        elif above and _place_path(root, list(above))[1] is not None:
            in_sentence.append(span)
    # A place that only narrows another ("in al-Tijara neighbourhood in central Damascus") gives
    # way to the more specific one.
    specific = [
        span for span, root, path in governed
        if not any(other != root and _host(other) in path and len(path) > len(other_path)
                   for _, other, other_path in governed)
    ]  # fmt: skip
    return specific, in_sentence


def _root_of(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _event(draft: _Draft, *, doc: Doc, article: Article, quotes: Iterable[Quote],
           gazetteer: Gazetteer | None, actors: ActorMentions, background: bool = False) -> Event:  # fmt: skip
    token, entry = draft.token, draft.trigger
    sent = sentence_of(doc, token.i)
    sources = draft.sources
    targets = tuple(t for t in draft.targets if all(t.name != s.name for s in sources))
    date = precision = basis = None
    if draft.timex is not None and (parsed := to_event_date(draft.timex.value)):
        date, precision = parsed
        basis = "text"
    elif article.published is not None:
        date, precision, basis = article.published.isoformat(), "day", "published"
    location = _location(draft, doc=doc, article=article, gazetteer=gazetteer)
    quote = next((q for q in quotes if q.kind != "stance" and any(p.start <= token.idx < p.end for p in (q.parts or (q.content,)))), None)
    trigger_span = _span(doc, token.idx, token.idx + len(token))
    if not sources and quote is not None and quote.speaker is not None and _first_person_subject(draft.verb):
        sources = (quote.speaker,)  # "“We will attack the camps,” the minister said"
    if not targets and entry.mode == "visit" and draft.place is not None and draft.place.country:
        # "arrived in Amman on a visit": the host country is the target
        name = actors.lexicon.country_name(draft.place.country) or draft.place.country
        targets = (Actor(text=draft.place.text, name=name, country=draft.place.country, kind="country",
                         span=Span(start=draft.place.start, end=draft.place.end, text=draft.place.text)),)  # fmt: skip
    unattributed = ""
    where = location.country if location is not None and location.basis in ("clause", "sentence") else None
    if not sources and entry.event_type == "ASSAULT" and _passive_or_subjectless(draft.verb):
        # A bombing or attack whose perpetrator the text does not name is coded, as CAMEO does,
        # to unidentified armed actors (UAF) of the country where it happened, which may be
        # written in the subject: "a bomb near Kirkuk killed".
        where = where or _cause_country(draft.verb, actors)
    if not sources and where and entry.event_type == "ASSAULT" and _passive_or_subjectless(draft.verb):
        sources = (Actor(text="", name=f"unidentified armed actors ({where})",
                         country=where, sector="UAF", kind="group"),)  # fmt: skip
        unattributed = "; perpetrator not named: unidentified armed actors where it happened"
    if (not sources and where and entry.mode == "arrest" and draft.verb.pos_ == "VERB"
            and _passive_or_subjectless(draft.verb)):  # fmt: skip
        # "was arrested in Lebanon": only the state arrests; its police or courts, unnamed
        name = actors.lexicon.country_name(where) or where
        sources = (Actor(text="", name=f"{name} authorities", country=where, sector="GOV", kind="organisation"),)
        unattributed = "; arresting authority not named: the state where it happened"
    protest_place = draft.place or (draft.sentence_places[0] if draft.sentence_places else None)
    if not targets and entry.event_type == "PROTEST" and protest_place is not None and protest_place.country:
        # A protest that names no one it is against is against the state where it happens, as
        # CAMEO and PLOVER code it: "demonstrated in Kirkuk" targets Iraq.
        name = actors.lexicon.country_name(protest_place.country) or protest_place.country
        targets = (Actor(text=protest_place.text, name=name, country=protest_place.country, kind="country",
                         span=Span(start=protest_place.start, end=protest_place.end, text=protest_place.text)),)  # fmt: skip
        unattributed += "; no target named: the state where it happened"
    placed_target = not targets and entry.event_type == "ASSAULT" and protest_place is not None and bool(
        protest_place.country)  # fmt: skip
    if placed_target:
        # An attack that names no one it is against is against the state where it happens, as
        # for protests: "launched dozens of attacks in northern Mali" targets Mali. The text does
        # not name it, so it adds no confidence.
        name = actors.lexicon.country_name(protest_place.country) or protest_place.country
        targets = (Actor(text=protest_place.text, name=name, country=protest_place.country, kind="country",
                         span=Span(start=protest_place.start, end=protest_place.end, text=protest_place.text)),)  # fmt: skip
        unattributed += "; no target named: the state where it happened"
    place = draft.place
    if (not targets and entry.cameo == "150" and sources and place is not None and place.country
            and place.country not in {a.country for a in sources}):  # fmt: skip
        # A show of force in another state's territory is directed at that state: "Russia held
        # military exercises in Alaska" targets the United States.
        name = actors.lexicon.country_name(place.country) or place.country
        targets = (Actor(text=place.text, name=name, country=place.country, kind="country",
                         span=Span(start=place.start, end=place.end, text=place.text)),)  # fmt: skip
        unattributed += "; no target named: the state where the force was shown"
    status = status_of(token, draft.verb)
    coded = _code(entry, status=status, verb=draft.verb, sources=sources, targets=targets, actors=actors)
    coded = _reciprocal(coded, draft, actors)
    depth = _clause_depth(draft.verb if draft.light is not None else token)
    if token.pos_ != "VERB" and draft.light is None:
        governor, _ = _governor(token)
        if governor is not None and _entry_for(governor, event_lexicon()) is not None:
            depth += 1  # a noun event that another event's predicate takes ("rejected his call for talks")
    # An event the sentence asserts in its main clause starts above 0.5, with or without named
    # actors; each clause down, and a mention inside a statement, takes it below.
    confidence = 0.55 + 0.15 * bool(coded.sources) + 0.1 * (bool(coded.targets) and not placed_target)
    confidence += 0.05 * (token.pos_ == "VERB")
    confidence += 0.05 * (basis == "text") - 0.2 * min(depth, 3) - 0.35 * background
    evidence = draft.evidence or entry.evidence
    evidence += f" via light verb '{draft.light.lemma_}'" if draft.light is not None else ""
    if background:
        evidence += "; mentioned inside a statement"
    if token.pos_ != "VERB" and coded.sources and coded.sources == _claimed_by(token, actors):
        evidence += "; source: who claimed responsibility for it"
    if coded.note:
        evidence += f"; {coded.note}"
    evidence += unattributed + draft.note
    return Event(
        id=content_id(article.id, coded.event_type, token.idx, len(token)),
        article_id=article.id, event_type=coded.event_type, mode=coded.mode,
        context=cameo_context(coded.cameo), cameo=coded.cameo,
        source=coded.sources, target=coded.targets, trigger=trigger_span,
        sentence=_sentence_span(doc, sent), date=date, date_precision=precision,
        date_basis=basis, status=coded.status, location=location,
        confidence=round(max(0.05, min(confidence, 0.95)), 2), evidence=evidence,
        timex=Span(start=draft.timex.start, end=draft.timex.end, text=draft.timex.text) if draft.timex else None,
        quote_id=quote.id if quote else None,
        speaker=quote.speaker.name if quote and quote.speaker else None, extractor=EXTRACTOR,
    )  # fmt: skip


# Consultations that CAMEO and PLOVER code reciprocally: talks, meetings and calls (not visits,
# hosting or mediation, which have a direction).
_RECIPROCAL_CAMEO = frozenset({"040", "041", "046"})


def _reciprocal(coded: _Coded, draft: _Draft, actors: ActorMentions) -> _Coded:
    """Make the partner of talks a co-source: "X held talks with Y", "X telephoned Y" are X and Y
    consulting each other, coded as PLOVER codes "X and Y met" (two sources, no target). A
    partner named as a plain object ("X met Y") stays the target, and so does the one X "met
    with" or "held a meeting with", as the PLOVER gold codes a meeting with someone: X's act
    towards Y. "X and Y met" keeps its two sources."""
    if coded.event_type != "CONSULT" or coded.cameo not in _RECIPROCAL_CAMEO or not coded.sources:
        return coded
    if draft.token.lemma_.lower() in ("meet", "meeting"):
        return coded
    partners: list[Actor] = []
    for word in (draft.token, draft.light):
        if word is None:
            continue
        for child in word.children:
            if child.dep_ == "prep" and child.lower_ == "with":
                partners += [a for obj in child.children if obj.dep_ == "pobj" for a in actors.actors_for(obj)]
            elif child.dep_ == "dobj" and coded.cameo == "041" and word.pos_ == "VERB":
                partners += actors.actors_for(child)
    names = {a.name for a in partners}
    moved = tuple(t for t in coded.targets if t.name in names)
    if not moved:
        return coded
    return replace(coded, sources=coded.sources + moved, targets=tuple(t for t in coded.targets if t.name not in names),
                   note=(coded.note + "; " if coded.note else "") + "reciprocal consultation")


def _first_person_subject(verb: Token) -> bool:
    """Whether the clause of ``verb`` (or the clause it depends on) has "we" or "I" as subject."""
    for tok in (verb, verb.head):
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("we", "i") for c in tok.children):
            return True
        if any(c.dep_ == "poss" and c.lower_ in ("our", "my") for c in tok.children if c.dep_ == "nsubj"):
            return True
    return any(c.dep_ == "nsubj" and any(g.dep_ == "poss" and g.lower_ in ("our", "my") for g in c.children)
               for c in verb.children)  # fmt: skip


def _passive_or_subjectless(verb: Token) -> bool:
    """Whether a clause names no agent: a passive without "by" or "by" a thing ("by a roadside
    bomb"), or a noun event ("a bombing")."""
    if verb.pos_ != "VERB":
        return True
    for child in verb.children:
        if child.dep_ == "agent" and not all(g.pos_ == "NOUN" for g in child.children if g.dep_ == "pobj"):
            return False
    return not any(c.dep_ in ("nsubj", "csubj") and c.pos_ in ("PRON", "PROPN") for c in verb.children)


def _cause_country(verb: Token, actors: ActorMentions) -> str | None:
    """The country of a place named in the subject or agent of a clause: "a car bomb near Mosul"."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "agent"):
            for tok in child.subtree:
                if tok.i != child.i and (country := actors.country_named(tok)):
                    return country
    return None


def _clause_depth(token: Token) -> int:
    """How many clauses down from its sentence's main clause an event is. A clause reported by
    "said" does not count: the reported event is the news."""
    depth = 0
    tok = token
    if (controlled := _bare_infinitive(token)) is not None:
        depth, tok = 1, controlled[0]  # "helping fighters join", misparsed as a conjunct of the main verb
    for _ in range(12):
        if tok.head == tok:
            break
        if tok.dep_ in ("xcomp", "advcl", "acl", "relcl", "pcomp", "csubj"):
            depth += 1
        elif tok.dep_ == "ccomp" and tok.head.lemma_.lower() not in _REPORTING:
            depth += 1
        elif tok.dep_ == "pobj" and tok.pos_ != "VERB":
            depth += 1
        tok = tok.head
    return depth


@dataclass(frozen=True, slots=True)
class _Coded:
    event_type: str
    mode: str | None
    cameo: str | None
    status: str
    sources: tuple[Actor, ...]
    targets: tuple[Actor, ...]
    note: str = ""


_COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
_MATERIAL_CONFLICT = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"})
# CAMEO codes of an intent to do, a refusal of, or a demand for, each kind of act.
_INTENT_CAMEO = {"CONSULT": "036", "SUPPORT": "032", "COOPERATE": "031", "AID": "033",
                 "CONCEDE": "035", "RETREAT": "035", "AGREE": "030"}  # fmt: skip
_THREAT_CAMEO = {"ASSAULT": "138", "COERCE": "132", "SANCTION": "1312", "MOBILIZE": "138", "PROTEST": "133"}
_REJECT_CAMEO = {"CONSULT": "125", "SUPPORT": "120", "COOPERATE": "121", "AID": "122",
                 "CONCEDE": "124", "RETREAT": "124", "AGREE": "120"}  # fmt: skip
_REQUEST_CAMEO = {"CONSULT": "106", "SUPPORT": "102", "COOPERATE": "101", "AID": "103",
                  "CONCEDE": "105", "RETREAT": "105", "AGREE": "100"}  # fmt: skip
_DEONTIC = frozenset({"must", "should"})
_PROTESTERS = frozenset("protester protesters protestor protestors demonstrator demonstrators rioter rioters mob "
                        "marchers".split())  # fmt: skip
# Acts of protesters that CAMEO codes as a riot: destroying property, beating, unarmed attacks; not
# the use of firearms or heavy weapons (19x), which is fighting.
_RIOT_ACTS = frozenset({"1712", "180", "190", "1711", "182", "1821"})


_CONFLICT_WORDS = frozenset(
    "sanction sanctions embargo arrest arrests punishment prosecution investigation boycott strike "
    "mobilize mobilise protest rally march action pressure expulsion ban".split()
)


def _asks_for_conflict(verb: Token) -> bool:
    """Whether a request asks for sanctions, arrests, protest or other pressure on someone. Asking
    the addressee to act ("asked Japan to attack", "urged Kenya to arrest them") is an appeal for
    its cooperation (CAMEO 021x), not a demand: the verb the request governs does not count, though
    the pressure it names does ("urged the UN to impose sanctions")."""
    lex = event_lexicon()
    for tok in verb.subtree:
        if tok == verb or tok.i < verb.i:
            continue
        if tok.head == verb and tok.dep_ in ("xcomp", "ccomp") and tok.pos_ == "VERB":
            continue
        entry = _entry_for(tok, lex)
        if entry is not None and entry.event_type in _MATERIAL_CONFLICT | {"ACCUSE", "THREATEN", "SANCTION", "PROTEST"}:
            return True
        if tok.lemma_.lower() in _CONFLICT_WORDS and tok.pos_ in ("NOUN", "VERB"):
            return True
    return False


def _code(entry: Trigger, *, status: str, verb: Token, sources: tuple[Actor, ...],
          targets: tuple[Actor, ...], actors: ActorMentions) -> _Coded:  # fmt: skip
    """Apply the PLOVER codebook's reading of intentions, refusals and demands.

    What an actor says it will do is a verbal act: an intent to cooperate is AGREE ("will send
    aid"), an intent to use force or pressure is THREATEN ("will impose a curfew"), a refusal to
    cooperate is REJECT ("will not accept refugees"), and "X said Y must ..." is X's REQUEST to Y.
    The status keeps what the text says of the underlying act.
    """
    kind = entry.event_type
    if kind in ("ASSAULT", "COERCE") and entry.cameo in _RIOT_ACTS and sources and all(
        (a.text.lower().split() or [""])[-1] in _PROTESTERS for a in sources
    ):  # fmt: skip
        # Destruction and beatings by protesters are a violent protest (CAMEO 145), not an attack
        return _Coded("PROTEST", "riot", "145", status, sources, targets, "violence by protesters")
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    head = verb.head
    if auxes & _DEONTIC and verb.dep_ == "ccomp" and head.lemma_.lower() in _REPORTING | {"insist", "reiterate", "warn"}:
        requester = _subjects(head, actors)
        return _Coded("REQUEST", None, _REQUEST_CAMEO.get(kind, "100"), "occurred", requester,
                      sources or targets, f"demand that {kind} happen")  # fmt: skip
    if kind == "REQUEST" and (entry.cameo or "").startswith("02") and _asks_for_conflict(verb):
        # Calling for sanctions, arrests or a mobilisation against someone is a demand (CAMEO 10).
        return _Coded(kind, entry.mode, "100", status, sources, targets, "a demand for conflict")
    conditional = any(c.dep_ == "advcl" and any(m.lower_ in ("unless", "until") for m in c.children if m.dep_ == "mark")
                      for c in verb.children)  # fmt: skip
    if status == "planned" and conditional:
        # "will withdraw its force unless ..." states a condition: a threat (CAMEO 13).
        return _Coded("THREATEN", None, "130", status, sources, targets, f"conditional intent to {kind}")
    if status == "planned" and kind in _COOPERATIVE and kind != "AGREE":
        return _Coded("AGREE", None, _INTENT_CAMEO[kind], status, sources, targets, f"intent to {kind}")
    if status == "planned" and kind in _MATERIAL_CONFLICT:
        return _Coded("THREATEN", None, _THREAT_CAMEO[kind], status, sources, targets, f"intent to {kind}")
    if status == "negated" and kind in _COOPERATIVE and (auxes & _MODAL_FUTURE or verb.dep_ == "xcomp" or "would" in auxes):
        return _Coded("REJECT", None, _REJECT_CAMEO[kind], status, sources, targets, f"refusal to {kind}")
    return _Coded(kind, entry.mode, entry.cameo, status, sources, targets)


def _location(draft: _Draft, *, doc: Doc, article: Article, gazetteer: Gazetteer | None) -> Location | None:
    """The place of the event's clause, else of its sentence, else the dateline, else the country
    of its actors."""
    if draft.place is not None:
        return location_of(draft.place, basis="clause")
    if draft.sentence_places:
        return location_of(draft.sentence_places[0], basis="sentence")
    if gazetteer is None:
        return None
    if article.dateline:
        resolved = resolve_dateline(article.dateline, gazetteer=gazetteer)
        if resolved:
            return entry_location(resolved[0], basis="dateline")
    for actor in (*draft.sources, *draft.targets):
        if actor.country:
            found = country_location(actor.country, gazetteer=gazetteer, basis="actor")
            if found is not None:
                return found
    return None


def _dedupe(events: list[Event]) -> tuple[Event, ...]:
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
