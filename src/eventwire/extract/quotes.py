"""Quotes: what was said, by whom, to whom and where, with which cue.

Spans follow the conventions of PolNeAR (Newell et al. 2018), the attribution corpus eventwire is
measured on (``eventwire eval polnear``):

- **content** is what is attributed. A direct quote keeps its quotation marks (they show that the
  words are verbatim); an indirect one keeps its complementiser ("said *that* ..."); a mixed quote
  ("said the plan was “a disaster”") is one indirect quote whose content contains the quoted words.
- **cue** is the verb group that signals the attribution, with its auxiliaries, negation and
  particle ("has learned", "did not say", "pointed out", "called for"), or "according to".
- **speaker** is the resolved actor (``ActorMentions.actor_for``: "he" becomes the person last
  named, with role and organisation); its ``span`` is the whole source phrase as written, with its
  determiners and identifying modifiers ("a senior official who attended the meeting"). A source
  that names no known actor ("a source", "most voters") is kept as an actor named by its phrase.

A **stance** is an attitude a source takes towards what a stance verb has as object ("praised the
plan", "called the show a disgrace", "wants the Senate to act", "called for talks"); PolNeAR counts
it as an attribution. Its content is the object with its complement; events inside it are not
linked to it (the source did not report them).

A quote split by its attribution ("“A,” he said. “B”") and a quote that goes on in a later passage
of the same paragraph, or in the next paragraph when the earlier one is left open (the multi-
paragraph convention of an opening mark with no closing one), are **one** quote: ``content`` is the
smallest span covering all of its passages (so ``content.text`` is a real slice of the article and
events inside the quote are found by offset), and the passages themselves are ``parts``, in order.
The attribution inside a split quote is therefore inside ``content`` but in no part. ``audience``
is who was addressed ("told *reporters*", "said to the BBC") and ``place`` where it was said
("in Brussels"), when the sentence states them.

Every quote is reported once per article: a quote whose words were already reported (the cleaner
drops repeated paragraphs, and articles often repeat a quote in the summary) is skipped.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Iterator

from spacy.tokens import Doc, Span as SpacySpan, Token

from eventwire.extract.actors import ActorMentions
from eventwire.model import Actor, Article, Quote, Span, content_id
from eventwire.parse import doc_text, sentence_of, tokens_where


# Verbs that report speech, writing or a stance when they govern a clause.
CUE_VERBS = frozenset(
    "say tell add state announce declare warn insist note explain stress claim argue write reply "
    "respond continue conclude comment acknowledge admit confirm deny suggest urge vow promise "
    "assert maintain allege report reiterate emphasise emphasize tweet post predict caution "
    "complain recall remark observe signal indicate disclose reveal ask show find believe think "
    "know learn hope expect fear worry feel argue agree doubt concede boast brag joke quip "
    "testify mention estimate speculate acknowledge pledge threaten demand propose recommend "
    "charge contend counter retort question wonder guess suspect assume understand realize "
    "realise recognize recognise read describe repeat".split()
)
# Of those, the ones that are speech acts proper: they attribute a direct quote on their own.
SPEECH_VERBS = frozenset(
    "say tell add state announce declare warn insist note explain stress claim argue write reply "
    "respond continue conclude comment acknowledge admit confirm deny suggest urge vow promise "
    "assert maintain allege report reiterate emphasise emphasize tweet post predict caution "
    "complain recall remark observe repeat ask joke quip boast brag testify retort counter read "
    "concede pledge threaten demand".split()
)
# Verbs that attribute a stance towards what they take as object ("praised the plan", "called the
# show a disgrace", "wants the Senate to act"): PolNeAR counts these as attributions too.
STANCE_VERBS = frozenset(
    "praise criticize criticise condemn thank mock support back endorse oppose blame welcome "
    "applaud slam defend reject dismiss favour favor prefer like love hate approve commend hail "
    "laud denounce decry lament want describe call challenge accuse fault embrace champion tout "
    "question dispute doubt urge ask advocate credit ridicule deride disparage celebrate salute "
    "congratulate honour honor recommend propose demand".split()
)
# Verbs whose stance is in a prepositional object: "called for", "voted for", "pushed for".
STANCE_PREPS = {"call": ("for",), "vote": ("for", "against"), "push": ("for",), "press": ("for",),
                "argue": ("for", "against"), "campaign": ("for", "against"), "ask": ("for",),
                "speak": ("out",), "rail": ("against",), "lash": ("out",)}  # fmt: skip
_STANCE_COMPLEMENTS = ("oprd", "xcomp", "ccomp", "advcl")
_OPEN_CLOSE = {"“": "”", "«": "»", "„": "“", '"': '"', "‘": "’"}
_ALL_MARKS = "“”«»„\"‘’"
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_VERB_GROUP = ("aux", "auxpass", "neg", "prt")
_PLACE_LABELS = ("GPE", "LOC", "FAC")


@dataclass(slots=True)
class _Found:
    """A quote being assembled: its passages and attribution, before it becomes a record."""

    kind: str
    parts: list[tuple[int, int]]
    cue: tuple[int, int] | None = None
    cue_token: Token | None = None
    speaker: Actor | None = None
    audience: Actor | None = None
    place: tuple[int, int] | None = None
    paragraph: int = 0
    open_end: bool = False  # the last passage ran to the end of its paragraph without closing
    extra: dict = field(default_factory=dict)


# -- direct passages ----------------------------------------------------------------------------


def _passages(text: str) -> Iterator[tuple[int, int, bool]]:
    """Yield (start, end, closed) of each quoted passage, quotation marks included.

    A passage never crosses a paragraph break; one left open at the end of its paragraph is
    yielded with ``closed=False`` (it goes on in the next paragraph). A ‘ that is an apostrophe
    ("‘90s") or a ’ inside a word ("don’t") is not a quotation mark.
    """
    i, n = 0, len(text)
    while (mark := _OPENING.search(text, i)) is not None:
        i = mark.start()
        if text[i] == "‘" and not _opens_single(text, i):
            i += 1
            continue
        close = _OPEN_CLOSE[text[i]]
        line_end = text.find("\n", i + 1)
        if line_end < 0:
            line_end = n
        j = text.find(close, i + 1, line_end)
        while j >= 0 and close == "’" and j + 1 < n and text[j + 1].isalpha():  # an apostrophe
            j = text.find(close, j + 1, line_end)
        if j >= 0:
            yield i, j + 1, True
            i = j + 1
        else:
            yield i, line_end, False
            i = line_end


_OPENING = re.compile("[" + re.escape("".join(_OPEN_CLOSE)) + "]")


def _opens_single(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isalnum() and after.isalpha() and not re.match(r"‘\d0s|‘em\b|‘til\b", text[i : i + 5])


def _inner(text: str, start: int, end: int) -> str:
    return text[start:end].strip(_ALL_MARKS + " ")


def _is_quotation(text: str, start: int, end: int) -> bool:
    """A passage that could be speech rather than a scare-quoted word or a title."""
    words = _inner(text, start, end).split()
    if len(words) < 3:
        return False
    capitals = sum(1 for w in words if w[:1].isupper())
    return not (capitals == len(words) and len(words) <= 8)  # "Meet the Press", "Make America Great Again"


# -- the parse ----------------------------------------------------------------------------------


def _is_cue(tok: Token, lexicon: frozenset[str] = CUE_VERBS) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in lexicon and tok.dep_ not in ("aux", "auxpass")


def _cue_span(tok: Token) -> tuple[int, int]:
    """The verb group of a cue: the verb with its adjacent auxiliaries, negation and particle."""
    members = {tok.i} | {c.i for c in tok.children if c.dep_ in _VERB_GROUP}
    if tok.dep_ == "xcomp" and tok.head.lemma_ in ("refuse", "decline", "continue", "want", "begin"):
        members |= {tok.head.i} | {c.i for c in tok.head.children if c.dep_ in ("aux", "neg", "aux:pass")}
    members |= {c.i for c in tok.children if c.dep_ == "advmod" and abs(c.i - tok.i) == 1 and c.pos_ == "ADV"}
    doc = tok.doc
    lo = hi = tok.i  # grow only through members, so the cue stays contiguous
    while lo - 1 in members:
        lo -= 1
    while hi + 1 in members:
        hi += 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi])


def _subject(tok: Token) -> Token | None:
    """The subject of a cue verb, through conjunction and control ("refused to say")."""
    seen = 0
    while tok is not None and seen < 4:
        for child in tok.children:
            if child.dep_ in _SUBJECTS:
                return child
        if tok.dep_ == "agent" or tok.head == tok or tok.dep_ not in ("conj", "xcomp", "advcl", "ccomp"):
            break
        if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in CUE_VERBS:
            break  # "X said he would argue ..." — the outer subject is not this verb's subject
        tok = tok.head
        seen += 1
    return None


def _passive_agent(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _phrase(tok: Token) -> SpacySpan:
    """The whole source phrase headed by ``tok``, without trailing punctuation."""
    doc = tok.doc
    start, end = tok.left_edge.i, tok.right_edge.i + 1
    # An opening quotation or a clause of the attribution never belongs to the source phrase.
    for t in doc[start:end]:
        if t.dep_ in ("relcl", "acl") and t.head.i == tok.i and t.i > tok.i and doc[t.left_edge.i - 1].is_punct is False:
            end = min(end, t.left_edge.i)
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while start < tok.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return doc[start:end]


def _speaker(tok: Token | None, actors: ActorMentions) -> Actor | None:
    """Resolve a source token to an actor whose span is the whole source phrase."""
    if tok is None:
        return None
    if tok.lower_ in ("it", "this", "that", "there", "which", "what", "who"):
        return None
    phrase = _phrase(tok)
    span = Span(start=phrase.start_char, end=phrase.end_char, text=phrase.text)
    actor = actors.actor_for(tok)
    if actor is None:
        words = [t for t in phrase if t.dep_ not in ("det", "punct") or t.i > tok.i]
        name = " ".join(t.text for t in words) if words else phrase.text
        plural = tok.tag_ in ("NNS", "NNPS") or tok.lower_ in ("they", "we", "them")
        kind = "group" if plural or tok.pos_ == "PRON" else "person" if tok.ent_type_ == "PERSON" else "group"
        if tok.lemma_.lower() in ("source", "official", "spokesman", "spokeswoman", "spokesperson", "aide"):
            kind = "group" if plural else "person"
        actor = Actor(text=phrase.text, name=name, kind=kind, span=span)
    return dataclasses.replace(actor, text=phrase.text, span=span)


def _audience_and_place(tok: Token, actors: ActorMentions) -> tuple[Actor | None, tuple[int, int] | None]:
    """Who was addressed ("told reporters", "said to the BBC") and where ("in Brussels")."""
    audience = place = None
    preps = list(tok.children)
    for child in tok.children:
        if child.dep_ in ("dobj", "dative", "iobj") and tok.lemma_.lower() in ("tell", "ask", "brief", "inform", "assure", "warn", "remind"):
            if child.pos_ in ("NOUN", "PROPN", "PRON"):
                audience = _speaker(child, actors)
                preps.extend(child.children)
        elif child.dep_ in ("prep", "dative") and child.lower_ == "to" and audience is None:
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in ("NOUN", "PROPN", "PRON"):
                audience = _speaker(obj, actors)
                preps.extend(obj.children)
    for prep in preps:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "at"):
            obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.ent_type_ in _PLACE_LABELS:
                ph = prep.doc[obj.left_edge.i : obj.right_edge.i + 1]
                place = (ph.start_char, ph.end_char)
                break
    return audience, place


def _attribute(found: _Found, cue: Token, actors: ActorMentions) -> None:
    found.cue_token = cue
    found.cue = _cue_span(cue)
    source = _subject(cue)
    if source is None or (source.tag_ == "WDT"):
        source = _passive_agent(cue) or source
    found.speaker = _speaker(source, actors)
    found.audience, found.place = _audience_and_place(cue, actors)


# -- finding ------------------------------------------------------------------------------------


def _clause_span(doc: Doc, clause: Token, cue: Token) -> tuple[int, int] | None:
    """The character range of a cue's complement clause, without its closing punctuation."""
    start, end = clause.left_edge.i, clause.right_edge.i + 1
    if start < cue.i < end:  # the cue sits inside its clause's edges: keep the part after it
        start = cue.i + 1
        while start < end and doc[start].dep_ in ("punct", "prt", "neg", "advmod") and doc[start].head == cue:
            start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space) and doc[end - 1].text not in _ALL_MARKS:
        end -= 1
    while start < end and (doc[start].is_punct or doc[start].is_space) and doc[start].text not in _ALL_MARKS:
        start += 1
    if end - start < 2:
        return None
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def _indirect(doc: Doc, actors: ActorMentions) -> Iterator[_Found]:
    """Clauses governed by a cue ("X said that ...", "X asked whether ...") and "according to X"."""
    for tok in tokens_where(doc, pos=("VERB", "AUX"), lower=("according",)):  # the only tokens the tests below pass
        if _is_cue(tok, SPEECH_VERBS) and tok.dep_ == "parataxis" and not any(c.dep_ == "ccomp" for c in tok.children):
            # A parenthetical cue: "This campaign, he says, is different." / "It is over, she said."
            found = _parenthetical(doc, tok, actors)
            if found is not None:
                yield found
        elif _is_cue(tok):
            clauses = [c for c in tok.children if c.dep_ == "ccomp"]
            if not clauses and tok.lemma_.lower() == "ask":
                clauses = [c for c in tok.children if c.dep_ in ("advcl", "xcomp") and any(
                    g.lower_ in ("whether", "if") for g in c.children)]  # fmt: skip
            if not clauses:
                continue
            span = _clause_span(doc, clauses[-1] if clauses[-1].i > tok.i else clauses[0], tok)
            if span is None:
                continue
            found = _Found(kind="indirect", parts=[span], paragraph=doc_text(doc).count("\n", 0, span[0]))
            _attribute(found, tok, actors)
            yield found
        elif tok.lower_ == "according" and tok.dep_ == "prep":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            obj = next((g for g in to.children if g.dep_ == "pobj"), None) if to is not None else None
            if obj is None:
                continue
            sent = sentence_of(doc, tok.i)
            phrase_start, phrase_end = tok.left_edge.i, tok.right_edge.i + 1
            if phrase_start <= sent.start + 1:
                rest = doc[phrase_end:sent.end]
            else:
                rest = doc[sent.start:phrase_start]
            rest = _strip_punct(rest)
            if len(rest) < 3:
                continue
            found = _Found(kind="indirect", parts=[(rest.start_char, rest.end_char)],
                           paragraph=doc_text(doc).count("\n", 0, rest.start_char))  # fmt: skip
            found.cue = (tok.idx, to.idx + len(to))
            found.cue_token = tok
            found.speaker = _speaker(obj, actors)
            yield found


def _stance(doc: Doc, actors: ActorMentions) -> Iterator[_Found]:
    """Stances: a source's attitude towards what a stance verb takes as object.

    "X praised the plan" (content: the object), "X called the show a disgrace" (the object and
    its complement), "X wants the Senate to act" (object and clause), "X called for new talks"
    (the prepositional object; the preposition joins the cue).
    """
    for tok in tokens_where(doc, pos=("VERB",)):
        lemma = tok.lemma_.lower()
        if tok.pos_ != "VERB" or tok.dep_ in ("aux", "auxpass", "amod", "compound"):
            continue
        if lemma not in STANCE_VERBS and lemma not in STANCE_PREPS:
            continue
        if any(c.dep_ == "ccomp" for c in tok.children) and lemma in CUE_VERBS:
            continue  # "X said that ...": an indirect quote
        content = _stance_content(doc, tok, lemma)
        source = None if content is None else _stance_source(tok)
        if content is None or source is None:
            continue
        first, last, extra = content
        found = _Found(kind="stance", parts=[(doc[first].idx, doc[last].idx + len(doc[last]))],
                       paragraph=doc_text(doc).count("\n", 0, doc[first].idx))  # fmt: skip
        found.cue_token = tok
        lo, hi = _cue_span(tok)
        found.cue = (lo, max(hi, doc[extra].idx + len(doc[extra])) if extra == tok.i + 1 or extra == tok.i else hi)
        found.speaker = _speaker(source, actors)
        yield found


def _stance_content(doc: Doc, tok: Token, lemma: str) -> tuple[int, int, int] | None:
    """Return the first and last token of what the stance verb ``tok`` is about, and the token its
    cue may reach to (the verb itself, or the "for" or preposition after it); None if nothing."""
    objects = [c for c in tok.children if c.dep_ in ("dobj", "dative") and c.pos_ not in ("PRON",) or
               c.dep_ == "dobj" and c.lower_ in ("him", "her", "them", "it", "us", "me", "you")]
    preps = [c for c in tok.children if c.dep_ in ("prep", "prt") and c.lower_ in STANCE_PREPS.get(lemma, ())]
    extra = tok.i
    clause = next((c for c in tok.children if c.dep_ in ("ccomp", "xcomp", "advcl") and c.i > tok.i and any(
        g.dep_ in ("nsubj", "mark") and (g.dep_ == "nsubj" or g.lower_ == "for") for g in c.children)), None)  # fmt: skip
    if not objects and clause is not None and lemma in ("want", "urge", "ask", "call", "push", "press", "prefer"):
        # "wants the Senate to act", "called for the US to step up its efforts"
        mark = next((g for g in clause.children if g.dep_ == "mark" and g.lower_ == "for"), None)
        first, last = (mark.i + 1 if mark is not None else clause.left_edge.i), clause.right_edge.i
        if mark is not None and mark.i == tok.i + 1:
            extra = mark.i
    elif preps and not objects:
        prep = preps[0]
        objs = [g for g in prep.children if g.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "dobj"]
        if not objs:
            return None
        first, last, extra = objs[0].left_edge.i, objs[0].right_edge.i, prep.i
    elif objects and lemma in STANCE_VERBS:
        obj = objects[0]
        first, last = obj.left_edge.i, obj.right_edge.i
        for comp in tok.children:
            if comp.dep_ in _STANCE_COMPLEMENTS and comp.i > obj.i or comp.dep_ == "prep" and comp.i > obj.i and comp.lower_ in ("as", "for", "over"):
                last = max(last, comp.right_edge.i)
    else:
        return None
    while last > first and (doc[last].is_punct or doc[last].is_space) and doc[last].text not in _ALL_MARKS:
        last -= 1
    if last - first < 0 or first <= tok.i:
        return None
    return first, last, extra


def _stance_source(tok: Token) -> Token | None:
    """Return who takes the stance of ``tok``: its subject, the noun a relative clause or participle
    describes ("voters who support Sanders", "the Super PAC backing Bush"), or a passive's agent."""
    source = _subject(tok)
    if source is not None and source.tag_ in ("WP", "WDT") and tok.dep_ == "relcl":
        source = tok.head  # "voters who support Sanders"
    if source is None and tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
        source = tok.head  # "the Super PAC backing Bush"
    if source is None:
        source = _passive_agent(tok)
    if source is None or source.pos_ not in ("NOUN", "PROPN", "PRON") or source.lower_ in ("it", "there"):
        return None
    return source


def _parenthetical(doc: Doc, cue: Token, actors: ActorMentions) -> _Found | None:
    """The clause around a parenthetical cue, in one or two parts around the cue's own words."""
    head = cue.head
    if head.pos_ not in ("VERB", "AUX") or _subject(cue) is None:
        return None
    sent = sentence_of(doc, head.i)
    lo, hi = max(head.left_edge.i, sent.start), min(head.right_edge.i, sent.end - 1)
    cue_lo, cue_hi = cue.left_edge.i, cue.right_edge.i
    pieces = []
    for a, b in ((lo, cue_lo - 1), (cue_hi + 1, hi)):
        while a <= b and (doc[a].is_punct or doc[a].is_space) and doc[a].text not in _ALL_MARKS:
            a += 1
        while b >= a and (doc[b].is_punct or doc[b].is_space) and doc[b].text not in _ALL_MARKS:
            b -= 1
        if b - a >= 0 and not (a == b and doc[a].is_punct):
            pieces.append((doc[a].idx, doc[b].idx + len(doc[b])))
    if not pieces or sum(e - s for s, e in pieces) < 8:
        return None
    found = _Found(kind="indirect", parts=pieces, paragraph=doc_text(doc).count("\n", 0, pieces[0][0]))
    _attribute(found, cue, actors)
    return found


def _strip_punct(span: SpacySpan) -> SpacySpan:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_space) and doc[start].text not in _ALL_MARKS:
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space) and doc[end - 1].text not in _ALL_MARKS:
        end -= 1
    return doc[start:end]


def _direct_cue(doc: Doc, start: int, end: int, taken: set[int]) -> Token | None:
    """The speech verb that attributes a passage: in its sentences, outside every quotation."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    first, last = sentence_of(doc, span.start), sentence_of(doc, span.end - 1)
    text = doc_text(doc)
    marks = [(s, e) for s, e, _ in _passages(text[first.start_char : last.end_char])]
    offset = first.start_char

    def outside(tok: Token) -> bool:
        return not any(offset + s <= tok.idx < offset + e for s, e in marks)

    candidates = [t for t in doc[first.start : last.end] if _is_cue(t, SPEECH_VERBS) and outside(t) and t.i not in taken]
    if not candidates and last.end < len(doc):
        nxt = sentence_of(doc, last.end)  # "“...” / He said." parsed as two sentences
        if "\n" not in text[last.end_char : nxt.start_char] and len(nxt) <= 12:
            candidates = [t for t in nxt if _is_cue(t, SPEECH_VERBS) and outside(t) and t.i not in taken]
    if not candidates and first.start > 0:
        prev = sentence_of(doc, first.start - 1)  # "He said: / “...”" or "He added." before the quote
        if "\n" not in text[prev.end_char : first.start_char] and text[prev.start_char : prev.end_char].rstrip().endswith(":"):
            candidates = [t for t in prev if _is_cue(t, SPEECH_VERBS) and t.i not in taken]
    if not candidates:
        return None
    return min(candidates, key=lambda t: min(abs(t.idx - end), abs(t.idx - start)))


def _direct(doc: Doc, actors: ActorMentions, covered: list[tuple[int, int]]) -> list[_Found]:
    """Quoted passages not inside an indirect quote, joined into quotes and attributed."""
    text = doc_text(doc)
    out: list[_Found] = []
    taken: set[int] = set()
    for start, end, closed in _passages(text):
        if any(s <= start and end <= e for s, e in covered):
            continue  # the quoted words of a mixed quote
        paragraph = text.count("\n", 0, start)
        previous = out[-1] if out else None
        continues = previous is not None and (
            previous.paragraph == paragraph
            or (previous.open_end and previous.paragraph == paragraph - 1 and text.rfind("\n", 0, start) == start - 1)
        )  # fmt: skip
        if not _is_quotation(text, start, end) and not (continues and previous.open_end):
            continue
        cue = _direct_cue(doc, start, end, taken)
        if continues and (cue is None or (previous.cue_token is not None and cue.i == previous.cue_token.i)):
            previous.parts.append((start, end))  # "“A,” he said. “B”" and run-on paragraphs
            previous.paragraph, previous.open_end = paragraph, not closed
            continue
        found = _Found(kind="direct", parts=[(start, end)], paragraph=paragraph, open_end=not closed)
        if cue is not None:
            taken.add(cue.i)
            _attribute(found, cue, actors)
        elif not closed or len(_inner(text, start, end).split()) < 6:
            continue  # an unattributed fragment: a title or a scare quote, not a quotation
        out.append(found)
    return out


def find_quotes(doc: Doc, *, article: Article, actors: ActorMentions) -> tuple[Quote, ...]:
    """Find the direct, indirect and mixed quotes of one parsed article, each once."""
    text = doc_text(doc)
    passages = [(s, e) for s, e, _ in _passages(text)]
    indirect: list[_Found] = []
    for found in _indirect(doc, actors):
        start, end = found.parts[0][0], found.parts[-1][1]
        if any(s <= found.cue[0] < e for s, e in passages):
            continue  # a cue inside a quotation belongs to the quoted speaker's words
        inside = [(s, e) for s, e in passages if s < end and start < e]
        if any(s <= start < e for s, e in inside) and not any(s == start for s, _ in inside):
            continue  # the clause starts inside a quotation: the direct quote handles it
        if inside and inside[0][0] == start and inside[-1][1] >= end - 1 and len(inside) == 1:
            continue  # the clause is one whole quotation: a direct quote
        end = max([end, *(e for _, e in inside)])
        found.parts = [(start, end)] if len(found.parts) == 1 else found.parts
        indirect.append(found)
    # Nested cues ("X said Y told him that ..."): keep the outermost attribution.
    indirect = [f for f in indirect if not any(
        g is not f and g.parts[0][0] <= f.parts[0][0] and f.parts[0][1] <= g.parts[0][1]
        and not (g.parts[0][0] <= f.cue[0] < g.parts[0][1]) for g in indirect)]  # fmt: skip
    indirect = [f for f in indirect if not any(
        g is not f and g.parts[0][0] <= f.cue[0] < g.parts[0][1] and g.parts[0][0] <= f.parts[0][0]
        and f.parts[0][1] <= g.parts[0][1] for g in indirect)]  # fmt: skip
    covered = [f.parts[0] for f in indirect]
    direct = _direct(doc, actors, covered)
    # Stances, where no quote already holds their cue or their content.
    # A quotation with no cue of its own inside a stance's object is part of the stance ("called
    # the show “the news show of record”").
    cued = [f for f in [*direct, *indirect] if f.cue]
    taken = [f.parts[0] for f in cued] + [f.cue for f in cued]
    stances = []
    for found in _stance(doc, actors):
        start, end = found.parts[0]
        if any(s <= found.cue[0] < e for s, e in passages) or any(s < end and start < e for s, e in taken):
            continue
        end = max([end, *(e for s, e in passages if start <= s < end)])  # a quotation it opens
        found.parts = [(start, end)]
        taken.append(found.parts[0])
        stances.append(found)
    direct = [f for f in direct if f.cue or not any(
        g.parts[0][0] <= f.parts[0][0] and f.parts[-1][1] <= g.parts[0][1] + 1 for g in stances)]  # fmt: skip
    quotes: list[Quote] = []
    seen: set[str] = set()
    for found in sorted([*direct, *indirect, *stances], key=lambda f: f.parts[0][0]):
        key = " ".join(re.findall(r"\w+", " ".join(text[s:e] for s, e in found.parts).lower()))
        if key in seen:
            continue
        seen.add(key)
        quotes.append(_record(found, text=text, article=article))
    return tuple(quotes)


def _record(found: _Found, *, text: str, article: Article) -> Quote:
    start, end = found.parts[0][0], found.parts[-1][1]
    return Quote(
        id=content_id(article.id, start, end, found.kind), article_id=article.id, kind=found.kind,
        content=Span.of(text, start, end), cue=Span.of(text, *found.cue) if found.cue else None,
        speaker=found.speaker,
        parts=tuple(Span.of(text, s, e) for s, e in found.parts) if len(found.parts) > 1 else (),
        audience=found.audience, place=Span.of(text, *found.place) if found.place else None,
    )  # fmt: skip
