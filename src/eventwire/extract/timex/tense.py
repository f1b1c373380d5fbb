"""Whether the clause of a time expression looks back or ahead, from its verb's tense, aspect
and auxiliaries: what decides that "Friday" in "met on Friday" lies before the publication
date and in "will meet on Friday" after it."""

from __future__ import annotations

from spacy.tokens import Doc, Token

# Heads whose infinitive complement lies in the future: "is set to", "plans to", "is going to".
_FUTURE_HEADS = frozenset(
    "plan set schedule slate expect intend go due hope aim prepare promise vow pledge threaten "
    "propose decide agree seek want try mean likely poise".split()
)
# "set" plans only with an infinitive ("is set to meet"): "the record set on Aug. 6" lies behind
_PLANNED_PARTICIPLES = _FUTURE_HEADS - {"set"}
# nor is it a scheduling verb: "set Friday as the deadline" may be past or future
_SCHEDULING_VERBS = frozenset("plan schedule slate reschedule postpone".split())
_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "’ll"})
_PERFECT_AUX = frozenset({"has", "have", "'ve", "’ve"})


# Dependencies by which a time expression modifies the verb of its clause (rather than being one of
# its arguments, as in "has set Nov. 10 as the deadline", or part of a noun phrase).
_ADJUNCT_DEPS = frozenset(
    {"npadvmod", "advmod", "tmod", "obl", "nmod:tmod", "attr", "pobj", "prep"}
)
_PRESENT_DIRECTION = 1  # "The talks resume Monday", "The rights expire Nov. 21"


def _governing_verb(doc: Doc, start: int, end: int) -> Token | None:
    """Return the verb the expression ``[start, end)`` is an adjunct of, or None.

    The expression must reach the verb through adjunct relations and prepositions only; through a
    noun or adjective ("payable Dec. 1", "the Jan. 14 deadline") the clause's tense says nothing
    about the date.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    while token.dep_ == "conj" and token.head != token:  # "Friday and Thursday"
        token = token.head
    for _ in range(6):
        if token.dep_ not in _ADJUNCT_DEPS or token.head == token:
            return None
        head = token.head
        if head.pos_ in ("VERB", "AUX"):
            return head
        if head.pos_ != "ADP":
            return None
        token = head
    return None


_DEADLINE_WORDS = frozenset({"by", "until", "till", "through", "effective"})


def clause_direction(doc: Doc, start: int, end: int) -> int:
    """Return -1 if the expression's clause is in the past, +1 in the future, 0 if unknown.

    When the verb says nothing, a deadline ("by February", "effective June 1") looks ahead.
    """
    verb = _governing_verb(doc, start, end)
    span = doc.char_span(start, end, alignment_mode="expand")
    before = doc[span.start - 1].lower_ if span is not None and span.start > 0 else ""
    if before in ("until", "till") and verb is not None and _is_present_perfect(verb):
        # "has given them until Tuesday"; but "has fallen 2% this year through Oct. 19"
        return 1
    return _verb_direction(verb) or (1 if before in _DEADLINE_WORDS else 0)


def _is_present_perfect(verb: Token) -> bool:
    return verb.tag_ == "VBN" and any(
        c.lower_ in _PERFECT_AUX for c in verb.children if c.dep_ == "aux"
    )


def _verb_direction(verb: Token | None) -> int:
    """Return the time direction of a verb's tense, aspect and auxiliaries (see above)."""
    for _ in range(4):
        if verb is None:
            return 0
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        words = {a.lower_ for a in auxes}
        perfect = verb.tag_ == "VBN" and bool(words & (_PERFECT_AUX | {"had"}))
        if words & _FUTURE_AUX or verb.lemma_ in _SCHEDULING_VERBS:
            return (
                1  # "will meet Friday"; "planned a rally on Saturday", "has scheduled it Thursday"
            )
        if "to" in words:
            # an infinitive: planned ("is set to meet") or as its governing clause; a plan in the
            # past perfect is over ("had been due to expire Friday")
            head = verb.head
            if head == verb:
                return 0
            clause = head if head.pos_ in ("VERB", "AUX") else head.head  # "had been due to"
            if any(c.lower_ == "had" for c in clause.children if c.dep_ in ("aux", "auxpass")):
                return -1
            if head.lemma_ in _FUTURE_HEADS or head.lower_ in ("going", "about"):
                return 1
            verb = head if head.pos_ in ("VERB", "AUX") else None
            continue
        if any(a.tag_ == "MD" for a in auxes):
            # "could not be reached Friday", "would not comment Monday": a past attempt
            negated = any(c.dep_ == "neg" for c in verb.children)
            return -1 if perfect or (negated and words & {"could", "would"}) else 1
        if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes) or perfect:
            return -1
        if verb.tag_ == "VBN" and not auxes:
            # "the injunction issued Thursday"; "a vote scheduled for Friday"
            return 1 if verb.lemma_ in _PLANNED_PARTICIPLES else -1
        if verb.tag_ in ("VBZ", "VBP") or words & {"is", "are", "am", "'s", "'re"}:
            return _PRESENT_DIRECTION
        return 0
    return 0
