"""Assembling the record: a draft, its date, place, fall-back actors, status and code become an Event.

The order is the order of the decisions: the date and the location (``anchoring``), the fall-back
actors (``fallbacks``), the status (``status``), the code (``coding``), and last the confidence: an
event the sentence asserts in its main clause starts above 0.5, with or without named actors;
each clause down, and a mention inside a statement, takes it below. ``evidence`` says in words
which lexicon entry made the event and what the rules changed; ``rules`` names every rule that
fired, in order.
"""

from __future__ import annotations

from typing import Iterable

from spacy.tokens import Doc

from eventwire.cameo import cameo_context
from eventwire.extract.events.anchoring import location
from eventwire.extract.events.coding import Act, code, reciprocal
from eventwire.extract.events.context import Context, Draft
from eventwire.extract.events.fallbacks import complete
from eventwire.extract.events.sources import claimed_by
from eventwire.extract.events.status import status_of
from eventwire.extract.events.syntax import clause_depth, governor
from eventwire.extract.timex import to_event_date
from eventwire.gazetteer import Gazetteer
from eventwire.model import Article, Event, Quote, Span, content_id
from eventwire.parse import doc_text, sentence_of

def event(draft: Draft, *, ctx: Context, article: Article, quotes: Iterable[Quote], gazetteer: Gazetteer | None,
          background: bool = False) -> Event:  # fmt: skip
    """Code one draft into an event record."""
    doc, token, entry = ctx.doc, draft.token, draft.trigger
    sources = draft.sources
    targets = tuple(t for t in draft.targets if all(t.name != s.name for s in sources))
    date = precision = basis = None
    if draft.timex is not None and (parsed := to_event_date(draft.timex.value)):
        date, precision = parsed
        basis = "text"
    elif article.published is not None:
        date, precision, basis = article.published.isoformat(), "day", "published"
    where = location(draft, article=article, gazetteer=gazetteer)
    quote = next((q for q in quotes if q.kind != "stance"
                  and any(p.start <= token.idx < p.end for p in (q.parts or (q.content,)))), None)  # fmt: skip
    parties, filled = complete(draft, ctx=ctx, sources=sources, targets=targets, location=where, quote=quote)
    status, status_rule = status_of(token, draft.verb, ctx)
    coded, code_rule = code(Act(entry, status, draft.verb, parties.sources, parties.targets, ctx))
    rules = [*draft.rules, *(f"fallback:{name}" for name in filled)]
    rules += [f"status:{status_rule}"] if status_rule else []
    rules += [f"code:{code_rule}"] if code_rule else []
    if (mutual := reciprocal(coded, token=token, light=draft.light, ctx=ctx)) is not None:
        coded = mutual
        rules.append("code:reciprocal-consultation")
    return Event(
        id=content_id(article.id, coded.event_type, token.idx, len(token)),
        article_id=article.id, event_type=coded.event_type, mode=coded.mode,
        context=cameo_context(coded.cameo), cameo=coded.cameo,
        source=coded.sources, target=coded.targets, trigger=_span(doc, token.idx, token.idx + len(token)),
        sentence=_sentence_span(doc, sentence_of(doc, token.i)), date=date, date_precision=precision,
        date_basis=basis, status=coded.status, location=where,
        confidence=_confidence(draft, ctx, coded_sources=bool(coded.sources), coded_targets=bool(coded.targets),
                               placed_target=parties.placed_target, dated=basis == "text", background=background),
        evidence=_evidence(draft, ctx, coded_sources=coded.sources, note=coded.note, background=background,
                           unattributed=parties.notes),
        rules=tuple(rules),
        timex=Span(start=draft.timex.start, end=draft.timex.end, text=draft.timex.text) if draft.timex else None,
        quote_id=quote.id if quote else None,
        speaker=quote.speaker.name if quote and quote.speaker else None,
    )  # fmt: skip


def _confidence(draft: Draft, ctx: Context, *, coded_sources: bool, coded_targets: bool, placed_target: bool,
                dated: bool, background: bool) -> float:  # fmt: skip
    """How sure the coder is: named actors, a verb, a date of its own raise it; depth and a
    mention inside a statement lower it."""
    token = draft.token
    depth = clause_depth(draft.verb if draft.light is not None else token, words=ctx.words)
    if token.pos_ != "VERB" and draft.light is None:
        governing, _ = governor(token, words=ctx.words)
        if governing is not None and ctx.trigger(governing) is not None:
            depth += 1  # a noun event that another event's predicate takes ("rejected his call for talks")
    confidence = 0.55 + 0.15 * coded_sources + 0.1 * (coded_targets and not placed_target)
    confidence += 0.05 * (token.pos_ == "VERB")
    confidence += 0.05 * dated - 0.2 * min(depth, 3) - 0.35 * background
    return round(max(0.05, min(confidence, 0.95)), 2)


def _evidence(draft: Draft, ctx: Context, *, coded_sources: tuple, note: str, background: bool,
              unattributed: str) -> str:  # fmt: skip
    """The lexicon entry that made the event and, in words, what the rules changed."""
    token = draft.token
    evidence = draft.evidence or draft.trigger.evidence
    evidence += f" via light verb '{draft.light.lemma_}'" if draft.light is not None else ""
    if background:
        evidence += "; mentioned inside a statement"
    if token.pos_ != "VERB" and coded_sources and coded_sources == claimed_by(token, ctx):
        evidence += "; source: who claimed responsibility for it"
    if note:
        evidence += f"; {note}"
    return evidence + unattributed + draft.note


def _span(doc: Doc, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=doc_text(doc)[start:end])


def _sentence_span(doc: Doc, sent) -> Span:
    """The sentence without the white space (a paragraph break) that spaCy keeps at its end."""
    text = doc_text(doc)[sent.start_char : sent.end_char]
    return _span(doc, sent.start_char, sent.start_char + len(text.rstrip()))
