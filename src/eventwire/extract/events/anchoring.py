"""When and where: the time expression and the place an event's clause governs.

A time expression dates the event whose word it reaches first when climbing the parse from it
(stopping at any other verb): "killed ... in January" dates the killing, not the story. A place
locates the events whose word it reaches through locative prepositions, nouns and conjuncts ("killed
... in Baghdad", "captured the town of Bakwa"); the most precise of them wins. The event's location
is then its clause's place, else its sentence's, else the dateline, else its actors' country
(``location``).
"""

from __future__ import annotations

from typing import Iterable

from spacy.tokens import Doc, Token

from eventwire.extract.events.context import Context, Draft
from eventwire.extract.events.syntax import attached
from eventwire.extract.places import country_location, entry_location, location_of, resolve_dateline
from eventwire.extract.timex import to_event_date
from eventwire.gazetteer import Gazetteer
from eventwire.lexicon import WordClasses
from eventwire.model import Article, Location, Place, Timex
from eventwire.parse import sentence_of

_PATH_DEPS = frozenset({"pobj", "prep", "compound", "conj", "appos", "nmod", "amod", "npadvmod", "dobj",
                        "poss", "nummod", "quantmod", "advmod", "pcomp", "acomp", "oprd"})  # fmt: skip
_FEATURE_RANK = {"city": 0, "admin1": 1, "region": 2, "country": 3}


def attach(drafts: list[Draft], ctx: Context, *, timexes: Iterable[Timex], places: Iterable[Place]) -> None:
    """Give each draft the time expression and place its clause governs."""
    doc = ctx.doc
    by_token = {d.token.i: n for n, d in enumerate(drafts)}
    by_light = {d.light.i: n for n, d in enumerate(drafts) if d.light is not None}
    # A noun echoed into a verb ("in a drone strike") routes to that verb.
    echo_heads: dict[int, int] = {}
    for n, d in enumerate(drafts):
        for tok in d.token.subtree:
            if tok.i not in by_token and attached(tok, d.token) and ctx.trigger(tok):
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
        governed, in_sentence = _locate(doc, anchors, list(by_span), words=ctx.words)
        if governed:  # the most precise of the places the clause governs
            draft.place = min((by_span[g] for g in governed), key=_precision_rank)
        draft.sentence_places = tuple(by_span[s] for s in in_sentence)


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


def _precision_rank(place: Place) -> tuple[int, int, int]:
    return _FEATURE_RANK.get(place.feature or "", 1), place.population or 0, place.start


def locate(doc: Doc, trigger: Token, candidates: Iterable[tuple[int, int]], *, words: WordClasses) -> tuple[tuple[int, int], ...]:
    """Choose, among candidate place spans (character offsets), where the event of ``trigger``
    happened; the rule ``find_events`` applies, exposed for evaluation and for callers with their
    own candidates (see ``_locate``)."""
    governed, in_sentence = _locate(doc, [trigger], list(candidates), words=words)
    return tuple(governed or in_sentence)


def _place_path(root: Token, anchors: list[Token], *, words: WordClasses) -> tuple[list[Token], Token | None]:
    """Climb from a place to the word it locates. Return the nouns and prepositions passed and the
    anchor reached, or (path, None) when the place does not locate any anchor: it is reached through
    a subject, a clause of its own, or a preposition that does not locate ("sent to Kyiv")."""
    tok, path, locative, modifier = root, [], False, False
    locative_preps = words["locative-preps"]
    for _ in range(12):
        head, dep = tok.head, tok.dep_
        if head == tok or dep not in _PATH_DEPS:
            return path, None
        modifier = modifier or (dep in ("compound", "amod", "nmod", "poss") and not locative)
        if dep == "prep":
            word = tok.lower_
            if word == "from" and head not in anchors:
                return path, None  # "a driver from Abidjan" names an origin, not where it happened
            if word in locative_preps:
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


def _locate(doc: Doc, anchors: list[Token], candidates: list[tuple[int, int]], *, words: WordClasses
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
        path, reached = _place_path(root, anchors, words=words)
        if reached is not None:
            governed.append((span, root, path))
        elif above and _place_path(root, list(above), words=words)[1] is not None:
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


def location(draft: Draft, *, article: Article, gazetteer: Gazetteer | None) -> Location | None:
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
