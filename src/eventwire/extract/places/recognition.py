"""Recognition: every run of capitalised tokens looked up in the gazetteer, longest first, each
match judged (``verdicts.py``), and the doubtful ones kept where the article is sure of the name
elsewhere."""

from __future__ import annotations

from spacy.attrs import IDX
from spacy.tokens import Doc

from eventwire.extract.places.mentions import (
    Mention, capitalised, demonym_before, label_of, locative,
)  # fmt: skip
from eventwire.extract.places.verdicts import verdict
from eventwire.extract.places.words import AREAL, CONNECTORS
from eventwire.gazetteer import Gazetteer, normalize
from eventwire.parse import doc_text

_MAX_TOKENS = 6


def recognise(doc: Doc, *, gazetteer: Gazetteer) -> list[Mention]:
    """Return the mentions of places in ``doc`` that are kept, in text order."""
    judged = judge(doc, gazetteer=gazetteer)
    found = [(m, answer) for m, answer, _rule in judged if answer != "drop"]
    # a doubtful mention stays when the same name is a sure one, or locative, somewhere else, or
    # when it is listed with a sure one ("Sinjar and Tal Afar")
    sure = {m.key for m, answer in found if answer == "keep" or locative(doc, m)}
    listed = {m.end for m, answer in found if answer == "keep"}
    kept = [m for m, answer in found
            if answer == "keep" or m.key in sure or _listed_with(doc, m, listed)]  # fmt: skip
    by_start = {m.start: m for m in kept}
    for m in kept:
        nxt = by_start.get(m.end + 1)
        if nxt is not None and doc[m.end].text == ",":
            m.container = nxt.key
    return kept


def judge(doc: Doc, *, gazetteer: Gazetteer) -> list[tuple[Mention, str, str]]:
    """Return each gazetteer name found in ``doc`` with its verdict and the rule that gave it.

    A name starts at a capital; the longest match there is taken, and names do not overlap: the
    next one is looked for after the last that was not dropped.
    """
    ents = doc.ents  # made anew at each reading
    ent_of = {}
    for ent in ents:
        for i in range(ent.start, ent.end):
            ent_of[i] = ent
    person_parts = {normalize(t.text) for ent in ents if ent.label_ == "PERSON" and len(ent) > 1
                    for t in ent if t.text[:1].isupper()}  # fmt: skip
    judged: list[tuple[Mention, str, str]] = []
    text = doc_text(doc)
    # a name starts on a capital (``capitalised``): the token's first character, read from the text
    starts = [i for i, k in enumerate(doc.to_array(IDX).tolist()) if text[k].isupper() and text[k].isalpha()]
    after = 0  # the end of the last mention found: names do not overlap
    for i in starts:
        if i < after:
            continue
        mention = _longest(doc, i, gazetteer)
        if mention is None:
            continue
        mention.label = label_of(mention, ent_of)
        mention.areal = i > 0 and doc[i - 1].lower_ in AREAL
        mention.country_hint = demonym_before(doc, i)
        answer, by = verdict(
            doc, mention, ent_of=ent_of, person_parts=person_parts, gazetteer=gazetteer
        )
        judged.append((mention, answer, by))
        if answer != "drop":
            after = mention.end
    return judged


def _listed_with(doc: Doc, m: Mention, sure_ends: set[int]) -> bool:
    """Tell whether a mention follows a sure place in a list: "Sinjar and Tal Afar"."""
    return (
        m.start >= 2 and doc[m.start - 1].lower_ in ("and", "or", ",") and m.start - 1 in sure_ends
    )



def _longest(doc: Doc, i: int, gazetteer: Gazetteer) -> Mention | None:
    """Return the longest gazetteer name starting at token ``i`` and ending on a capital."""
    best = None
    text, n = doc_text(doc), len(doc)
    start_char = doc[i].idx
    for j in range(i + 1, min(n, i + _MAX_TOKENS) + 1):
        last = doc[j - 1]
        word, cap = last.text, capitalised(last)
        if j > i + 1 and not (cap or last.lower_ in CONNECTORS or word in ".,"):
            break
        if not (cap or word.endswith(".")):
            continue
        end_char = last.idx + len(word)
        key = normalize(text[start_char:end_char])
        matches = gazetteer.lookup(key)
        if matches:
            best = Mention(start=i, end=j, start_char=start_char, end_char=end_char, key=key,
                           matches=matches)  # fmt: skip
        # "Va." is often split into "Va" + "." at a sentence end
        if j < n and doc[j].text == "." and doc[j].idx == end_char:
            dotted = gazetteer.lookup(key + ".")
            if dotted:
                best = Mention(start=i, end=j + 1, start_char=start_char, end_char=end_char + 1,
                               key=key + ".", matches=dotted)  # fmt: skip
    return best
