"""Readings of the dependency parse that several decisions share.

Pure functions of the parse (and of the word classes they name); no coding knowledge beyond that.
Several undo a misparse of the small English model: each says which.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.lexicon import WordClasses

CLAUSE_DEPS = frozenset({"xcomp", "ccomp", "advcl", "acl", "relcl", "pcomp", "conj"})
# What a reduced passive relative carries: "detained by police", "jailed in 2019 for criticising".
_RELATIVE_DEPS = frozenset({"agent", "prep", "advmod", "npadvmod", "punct"})


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


def infinitive(verb: Token) -> bool:
    """Whether a verb is a "to"-infinitive."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def passive(verb: Token) -> bool:
    """Whether a verb is passive (it has a passive subject or auxiliary)."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def auxiliaries(verb: Token) -> set[str]:
    """The auxiliaries of a verb, lower-cased ("will", "would", "has")."""
    return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}


def desires(verb: Token, *, words: WordClasses) -> bool:
    """Whether a verb states what its subject wants: "wants", "seeks", "would like"."""
    lemma = verb.lemma_.lower()
    return lemma in words["desire"] or lemma == "like" and any(c.dep_ == "aux" and c.lower_ == "would" for c in verb.children)


def going_to(verb: Token, *, words: WordClasses) -> bool:
    """Whether a verb is the infinitive of "is going to"."""
    head = verb.head
    return verb.dep_ == "xcomp" and head.lower_ == "going" and any(c.lower_ in words["be-forms"] for c in head.children)


def governor(noun: Token, *, words: WordClasses) -> tuple[Token | None, bool]:
    """The verb that governs a noun as object or passive subject, or (second value True) through
    a preposition ("came under attack")."""
    tok = noun
    for _ in range(3):
        if tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN"):
            tok = tok.head  # "ended mediation efforts": the compound's head is the object
            continue
        if tok.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "conj") and tok.head.pos_ in ("VERB", "AUX"):
            return tok.head, False
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in words["measures"]:
            tok = tok.head.head  # "began a week of war games": the event stands where its measure does
            continue
        if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("VERB", "AUX"):
            return tok.head.head, True
        if tok.dep_ == "conj":
            tok = tok.head
            continue
        return None, False
    return None, False


def attached(noun: Token, verb: Token) -> bool:
    """Whether ``noun`` is the verb's object or subject ("the shelling killed"), or the object of
    one of its prepositions or of its "by" ("killed by gunfire")."""
    if noun.head == verb and noun.dep_ in ("dobj", "npadvmod", "nsubj"):
        return True
    return noun.dep_ == "pobj" and noun.head.dep_ in ("prep", "agent") and noun.head.head == verb


def split_attack_noun(verb: Token, *, words: WordClasses) -> Token | None:
    """The object before an attack noun that the parser took for a participle of its own: "died
    in Russian | shelling", "were killed in Israeli tank | shelling". Return the object."""
    if verb.tag_ != "VBG" or verb.i == 0 or verb.lower_ not in words["attack-nouns"]:
        return None
    before = verb.nbor(-1)
    cause = before.dep_ == "pobj" and (before.head.dep_ == "agent" or before.head.lower_ in words["cause-preps"])
    if not cause or verb.head not in (before.head.head, before):
        return None
    return None if any(c.dep_ in ("dobj", "nsubj", "nsubjpass") for c in verb.children) else before


def harmed_by_split_noun(verb: Token) -> Token:
    """The verb of harm a split attack noun (see ``split_attack_noun``) hangs on."""
    return verb.head if verb.head.pos_ in ("VERB", "AUX") else verb.head.head.head


def fired_weapon(verb: Token, *, words: WordClasses) -> Token | None:
    """The weapon whose clause ``verb`` heads: "fired" in "a missile fired by the rebels", "a
    rocket believed to be fired by ..."."""
    clause = verb.head if verb.dep_ == "xcomp" else verb
    if clause.dep_ == "acl" and clause.head.pos_ == "NOUN" and clause.head.lemma_.lower() in words["instruments"]:
        return clause.head
    return None


def reduced_relative(verb: Token) -> tuple[Token, Token] | None:
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


def bare_infinitive(verb: Token, *, words: WordClasses) -> tuple[Token, Token] | None:
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
    if tok.dep_ == "dobj" and controller.i < tok.i and controller.lemma_.lower() in words["bare-control"]:
        return controller, tok
    return None


def punished_for(clause: Token, *, words: WordClasses) -> Token | None:
    """The verb of arrest or punishment whose grounds a clause gives: "jailed a student for
    helping", "charged two men with attacking", "convicted the commander of killing" (the "of"
    parsed on the object)."""
    prep = clause.head
    if clause.dep_ != "pcomp" or prep.dep_ != "prep" or prep.lower_ not in ("for", "on", "over", "with", "of"):
        return None
    verb = prep.head
    if verb.dep_ in ("dobj", "nsubjpass") and prep.lower_ == "of":
        verb = verb.head
    return verb if verb.lemma_.lower() in words["punishing"] else None


def verbless_root(verb: Token) -> Token | None:
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
    active = any(c.dep_ in ("dobj", "dative") or c.dep_ in ("advcl", "xcomp") and infinitive(c)
                 for clause in clauses for c in clause.children)  # fmt: skip
    return root if active else None


def active_after_passive(verb: Token) -> bool:
    """Whether a subjectless active verb is coordinated with a passive one, so that they share the
    passive's subject, not its agent: "was arrested and fled"; not "was arrested and charged"."""
    head = verb.head
    if not any(c.dep_ == "nsubjpass" for c in head.children):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "auxpass") for c in verb.children):
        return False
    return verb.tag_ != "VBN" or any(c.dep_ == "aux" for c in verb.children)  # "and has resigned"


def participle_clause(verb: Token) -> bool:
    """Whether an adverbial clause is a bare -ing participle sharing its head's subject: "shelled
    the town, killing three"; not "after leaving", "while talks continued"."""
    if verb.tag_ != "VBG" or verb.i < verb.head.i:
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass", "mark", "expl") for c in verb.children)


def for_clause(clause: Token) -> bool:
    """Whether a clause is "for X to do": "pressed for Iran to resume talks"; not "for the law to be
    changed", which asks no one named to act."""
    return any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children) and not any(
        c.dep_ in ("auxpass", "nsubjpass") for c in clause.children
    )  # fmt: skip


def first_person_subject(verb: Token, *, words: WordClasses) -> bool:
    """Whether the clause of ``verb`` (or the clause it depends on) has "we" or "I" as subject."""
    mine = words["first-person-possessive"]
    for tok in (verb, verb.head):
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in words["first-person"] for c in tok.children):
            return True
        if any(c.dep_ == "poss" and c.lower_ in mine for c in tok.children if c.dep_ == "nsubj"):
            return True
    return any(c.dep_ == "nsubj" and any(g.dep_ == "poss" and g.lower_ in mine for g in c.children)
               for c in verb.children)  # fmt: skip


def passive_or_subjectless(verb: Token) -> bool:
    """Whether a clause names no agent: a passive without "by" or "by" a thing ("by a roadside
    bomb"), or a noun event ("a bombing")."""
    if verb.pos_ != "VERB":
        return True
    for child in verb.children:
        if child.dep_ == "agent" and not all(g.pos_ == "NOUN" for g in child.children if g.dep_ == "pobj"):
            return False
    return not any(c.dep_ in ("nsubj", "csubj") and c.pos_ in ("PRON", "PROPN") for c in verb.children)


def clause_depth(token: Token, *, words: WordClasses) -> int:
    """How many clauses down from its sentence's main clause an event is. A clause reported by
    "said" does not count: the reported event is the news."""
    depth = 0
    tok = token
    if (controlled := bare_infinitive(token, words=words)) is not None:
        depth, tok = 1, controlled[0]  # "helping fighters join", misparsed as a conjunct of the main verb
    for _ in range(12):
        if tok.head == tok:
            break
        if tok.dep_ in ("xcomp", "advcl", "acl", "relcl", "pcomp", "csubj"):
            depth += 1
        elif tok.dep_ == "ccomp" and tok.head.lemma_.lower() not in words["reporting"]:
            depth += 1
        elif tok.dep_ == "pobj" and tok.pos_ != "VERB":
            depth += 1
        tok = tok.head
    return depth


def under(token: Token, heads: set[int]) -> bool:
    """Whether ``token`` or one of its first twelve heads is one of ``heads`` (token indices)."""
    tok = token
    for _ in range(12):
        if tok.i in heads:
            return True
        if tok.head == tok:
            return False
        tok = tok.head
    return False
