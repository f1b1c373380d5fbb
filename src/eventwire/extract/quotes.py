"""Quotes: what was said, by whom, with which cue verb.

Direct quotes are found by their quotation marks (“ ” « » „ " and ‘ ’); a quote split by its
attribution ("“...,” he said. “...”") gives two parts with one speaker. Indirect quotes are the
clauses of a cue verb ("X said that ...") and "according to X" sentences. Speakers resolve
through the article's actors, so "he" becomes the person last named.
"""

from __future__ import annotations

import re
from typing import Iterator

from spacy.tokens import Doc, Span as SpacySpan, Token

from eventwire.extract.actors import ActorMentions
from eventwire.model import Actor, Article, Quote, Span, content_id

EXTRACTOR = "eventwire.quotes.v1"

CUE_VERBS = frozenset(
    "say tell add state announce declare warn insist note explain stress claim argue write reply "
    "respond continue conclude comment acknowledge admit confirm deny suggest urge vow promise "
    "assert maintain allege report reiterate emphasise emphasize tweet post predict caution "
    "complain recall remark observe signal indicate disclose reveal".split()
)
_PAIRS = (("“", "”"), ("«", "»"), ("„", "“"), ("‘", "’"), ('"', '"'))
_DIRECT = re.compile(
    "|".join(
        rf"{re.escape(o)}(?P<c{n}>[^{re.escape(c)}\n]{{2,}}?){re.escape(c)}" if o != "‘"
        else rf"(?<![\w])‘(?P<c{n}>[^’\n]{{2,}}?)’(?![\w])"
        for n, (o, c) in enumerate(_PAIRS)
    )
)


def _direct_spans(text: str) -> Iterator[tuple[int, int, int, int]]:
    """Yield (outer start, outer end, content start, content end) of each quoted passage."""
    for match in _DIRECT.finditer(text):
        group = next(g for g in match.groupdict() if match.group(g) is not None)
        start, end = match.span(group)
        content = text[start:end].strip()
        if len(content.split()) < 3:
            continue  # a scare-quoted word or title, not a quote
        lead = len(text[start:end]) - len(text[start:end].lstrip())
        trail = len(text[start:end]) - len(text[start:end].rstrip())
        yield match.start(), match.end(), start + lead, end - trail


def _cue_near(doc: Doc, outer_start: int, outer_end: int) -> Token | None:
    """The cue verb that attributes a quote: in the quote's sentences, outside the quote."""
    span = doc.char_span(outer_start, outer_end, alignment_mode="expand")
    if span is None:
        return None
    sents = {t.sent for t in span}
    first = min(sents, key=lambda s: s.start)
    last = max(sents, key=lambda s: s.start)
    candidates = []
    for sent in sorted(sents, key=lambda s: s.start):
        for tok in sent:
            if tok.lemma_.lower() in CUE_VERBS and tok.pos_ in ("VERB", "AUX") and not (outer_start <= tok.idx < outer_end):
                candidates.append(tok)
    if not candidates and last.end < len(doc):
        nxt = doc[last.end].sent  # "“...” / He said." split into two sentences
        if doc.text[last.end_char:nxt.start_char].count("\n") == 0 and len(nxt) <= 8:
            candidates = [t for t in nxt if t.lemma_.lower() in CUE_VERBS and t.pos_ == "VERB"]
    if not candidates:
        return None
    del first
    return min(candidates, key=lambda t: min(abs(t.idx - outer_end), abs(t.idx - outer_start)))


def _speaker_of(cue: Token, actors: ActorMentions) -> Actor | None:
    for child in cue.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return actors.actor_for(child)
    if cue.dep_ in ("conj", "advcl", "xcomp") and cue.head is not cue:
        return _speaker_of(cue.head, actors)
    return None


def _token_span(doc: Doc, token: Token) -> Span:
    return Span(start=token.idx, end=token.idx + len(token), text=token.text)


def find_quotes(doc: Doc, *, article: Article, actors: ActorMentions) -> tuple[Quote, ...]:
    """Find the direct and indirect quotes of one parsed article, each once."""
    text = doc.text
    quotes: list[Quote] = []
    seen: set[str] = set()
    direct_ranges: list[tuple[int, int]] = []
    previous: tuple[int, Actor | None, Token | None] | None = None  # (paragraph, speaker, cue)
    for outer_start, outer_end, start, end in _direct_spans(text):
        direct_ranges.append((outer_start, outer_end))
        cue = _cue_near(doc, outer_start, outer_end)
        speaker = _speaker_of(cue, actors) if cue is not None else None
        paragraph = text.count("\n", 0, outer_start)
        if speaker is None and previous is not None and previous[0] == paragraph:
            speaker, cue = previous[1], cue or previous[2]
        key = " ".join(text[start:end].lower().split())
        if key in seen:
            continue
        seen.add(key)
        previous = (paragraph, speaker, cue)
        quotes.append(Quote(
            id=content_id(article.id, start, end, "direct"), article_id=article.id, kind="direct",
            content=Span(start=start, end=end, text=text[start:end]),
            cue=_token_span(doc, cue) if cue is not None else None, speaker=speaker, extractor=EXTRACTOR,
        ))  # fmt: skip
    for quote in _indirect(doc, article=article, actors=actors, direct=direct_ranges):
        key = " ".join(quote.content.text.lower().split())
        if key not in seen:
            seen.add(key)
            quotes.append(quote)
    return tuple(sorted(quotes, key=lambda q: q.content.start))


def _indirect(doc: Doc, *, article: Article, actors: ActorMentions,
              direct: list[tuple[int, int]]) -> Iterator[Quote]:  # fmt: skip
    def overlaps_direct(start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in direct)

    for tok in doc:
        if tok.lemma_.lower() in CUE_VERBS and tok.pos_ == "VERB":
            clauses = [c for c in tok.children if c.dep_ == "ccomp"]
            if not clauses:
                continue
            clause = clauses[0]
            span = doc[clause.left_edge.i : clause.right_edge.i + 1]
            if span.start > 0 and doc[span.start].lower_ == "that":
                span = doc[span.start + 1 : span.end]
            if len(span) < 3 or overlaps_direct(span.start_char, span.end_char):
                continue
            if overlaps_direct(tok.idx, tok.idx + len(tok)):
                continue
            yield _indirect_quote(doc, span, cue=tok, speaker=_speaker_of(tok, actors), article=article)
        elif tok.lower_ == "according" and tok.dep_ == "prep":
            objs = [g for c in tok.children if c.lower_ == "to" for g in c.children if g.dep_ == "pobj"]
            if not objs:
                continue
            sent = tok.sent
            phrase_start, phrase_end = tok.left_edge.i, tok.right_edge.i + 1
            if phrase_start == sent.start:
                span = doc[phrase_end:sent.end]
            else:
                span = doc[sent.start:phrase_start]
            span = _strip_punct(span)
            if len(span) < 3 or overlaps_direct(span.start_char, span.end_char):
                continue
            yield _indirect_quote(doc, span, cue=tok, speaker=actors.actor_for(objs[0]), article=article)


def _strip_punct(span: SpacySpan) -> SpacySpan:
    start, end = span.start, span.end
    while start < end and (span.doc[start].is_punct or span.doc[start].is_space):
        start += 1
    while end > start and (span.doc[end - 1].is_punct or span.doc[end - 1].is_space):
        end -= 1
    return span.doc[start:end]


def _indirect_quote(doc: Doc, span: SpacySpan, *, cue: Token, speaker: Actor | None, article: Article) -> Quote:
    span = _strip_punct(span)
    return Quote(
        id=content_id(article.id, span.start_char, span.end_char, "indirect"), article_id=article.id,
        kind="indirect", content=Span(start=span.start_char, end=span.end_char, text=span.text),
        cue=_token_span(doc, cue), speaker=speaker, extractor=EXTRACTOR,
    )  # fmt: skip
