"""Equal but faster stand-ins for two spaCy components: the attribute ruler and the rule lemmatizer.

Together they took a quarter of the parse of a news article, though neither is a statistical
model: both apply fixed tables, token by token, through Python. Each stand-in computes what the
original gives for one combination of the token attributes it reads, once, and writes the results
with ``Doc.from_array``. The annotations are the same, token for token (the tests compare them
with the originals); ``install`` puts the stand-ins in place of the model's own components.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any, Iterable

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.lookups import Lookups, Table
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import StringStore
from spacy.tokens import Doc

# Memos are cleared past this many entries, so that memory stays flat over any number of articles.
MAX_MEMO = 200_000


def install(nlp: Language) -> None:
    """Replace ``nlp``'s attribute ruler and rule lemmatizer by their stand-ins, where it has them."""
    ruler = nlp.get_pipe("attribute_ruler")
    if isinstance(ruler, AttributeRuler) and all(set(attrs) <= set(_SET_ATTRS) for attrs in ruler.attrs):
        nlp.add_pipe("eventwire_attributes", after="attribute_ruler")
        nlp.remove_pipe("attribute_ruler")
    lemmatizer = nlp.get_pipe("lemmatizer")
    if isinstance(lemmatizer, Lemmatizer) and lemmatizer.mode == "rule" and not lemmatizer.overwrite:
        nlp.add_pipe("eventwire_lemmas", after="lemmatizer")
        nlp.remove_pipe("lemmatizer")


@Language.factory("eventwire_attributes")
def make_token_attributes(nlp: Language, name: str) -> TokenAttributes:
    """Build ``TokenAttributes`` from the pipeline's own ``attribute_ruler``."""
    return TokenAttributes(nlp.get_pipe("attribute_ruler"))


@Language.factory("eventwire_lemmas")
def make_token_lemmas(nlp: Language, name: str) -> TokenLemmas:
    """Build ``TokenLemmas`` from the pipeline's own rule ``lemmatizer``."""
    return TokenLemmas(nlp.get_pipe("lemmatizer"))


# The attribute ruler's patterns that test only these token attributes are applied without a matcher.
_KEY_ATTRS = (TAG, LOWER, DEP, IS_SPACE)
_KEY_NAMES = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
_SET_ATTRS = (POS, MORPH, LEMMA, TAG, DEP)  # all the model's rules set
# A lower-case form or label that no pattern names or matches (no string hashes to it).
_OTHER = 2**64 - 1

Rule = tuple[int, dict[int, int]]  # (pattern number, {attribute: value}), as AttributeRuler has them


@dataclass(frozen=True, slots=True)
class _Test:
    """One attribute test of a token pattern: its value is (not) in a set, or matches a regex."""

    attr: int
    accepted: frozenset[int] = frozenset()
    negated: bool = False
    regex: re.Pattern[str] | None = None

    def passes(self, value: int, strings: StringStore) -> bool:
        if self.regex is not None:
            return value != _OTHER and self.regex.search(strings[value]) is not None
        return (value in self.accepted) != self.negated


@dataclass(frozen=True, slots=True)
class _Verdict:
    """What the patterns say of one combination of tested attributes."""

    rules: tuple[Rule, ...]  # the one-token patterns it matches, in pattern order
    values: tuple[int | None, ...]  # their combined effect on _SET_ATTRS (None: left alone)
    starts: tuple[int, ...]  # the longer patterns whose first token it matches
    settings: tuple[tuple[int, int], ...]  # (column, value) of each value that is not None


class TokenAttributes:
    """The model's attribute ruler (tag map and exceptions), applied without spaCy's ``Matcher``.

    ``en_core_web_sm`` sets POS, morphology and some lemmas with ~180 patterns that spaCy's
    ``AttributeRuler`` runs through a ``Matcher``: a tenth of the whole parse. They test only a
    token's tag, lower-case form, dependency label and whether it is a space; so what they do to a
    token is a function of those four values, with the form and the label reduced to the few that
    some pattern names or matches. That is computed once per combination; the few longer patterns
    are checked where their first token matches. As in ``AttributeRuler``, every match applies in
    pattern order, a later one overriding an earlier: the result is the same, token for token. A
    pattern of any other kind (a user's model may have them) goes through a ``Matcher`` as before.
    """

    def __init__(self, ruler: AttributeRuler) -> None:
        self.strings = ruler.vocab.strings
        self.rules: list[Rule] = [(i, dict(ruler.attrs[i])) for i in range(len(ruler.attrs))]
        self.indices = list(ruler.indices)
        self.single: list[tuple[Rule, list[_Test]]] = []
        self.multi: list[tuple[Rule, list[list[_Test]]]] = []
        self.matcher = Matcher(ruler.vocab, validate=False)
        for attr_id, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                tests = [self._token_tests(token) for token in pattern]
                if not tests or None in tests:
                    self.matcher.add(str(attr_id), [pattern])
                elif len(tests) == 1:
                    self.single.append((self.rules[attr_id], tests[0]))
                else:
                    self.multi.append((self.rules[attr_id], tests))
        every = [t for _, tests in self.single for t in tests]
        every += [t for _, token_tests in self.multi for tests in token_tests for t in tests]
        self.named = {attr: {v for t in every if t.attr == attr for v in t.accepted} for attr in (LOWER, DEP)}
        self.regexes = {attr: [t.regex for t in every if t.attr == attr and t.regex] for attr in (LOWER, DEP)}
        self.reduced: dict[int, dict[int, int]] = {LOWER: {}, DEP: {}}  # value -> itself or _OTHER
        self.verdicts: dict[tuple[int, ...], _Verdict] = {}

    def _token_tests(self, token: dict[str, Any]) -> list[_Test] | None:
        """Return one token's pattern as tests, or None if it needs the matcher."""
        tests = []
        for name, value in token.items():
            attr = _KEY_NAMES.get(name)
            if attr is None:
                return None
            if isinstance(value, bool) and attr == IS_SPACE:
                tests.append(_Test(attr, frozenset({int(value)})))
            elif isinstance(value, str) and attr != IS_SPACE:
                tests.append(_Test(attr, frozenset({self.strings.add(value)})))
            elif isinstance(value, dict) and len(value) == 1 and attr != IS_SPACE:
                (op, operand), = value.items()
                if op in ("IN", "NOT_IN") and isinstance(operand, list):
                    tests.append(_Test(attr, frozenset(self.strings.add(v) for v in operand), negated=op == "NOT_IN"))
                elif op == "REGEX" and isinstance(operand, str):
                    tests.append(_Test(attr, regex=re.compile(operand)))
                else:
                    return None
            else:
                return None
        return tests

    def _reduce(self, attr: int, value: int) -> int:
        """Return ``value`` if some pattern names or matches it, else ``_OTHER``."""
        seen = self.reduced[attr]
        if value not in seen:
            if len(seen) > MAX_MEMO:
                seen.clear()
            keep = value in self.named[attr] or any(r.search(self.strings[value]) for r in self.regexes[attr])
            seen[value] = value if keep else _OTHER
        return seen[value]

    def _passes(self, tests: list[_Test], key: tuple[int, ...]) -> bool:
        values = dict(zip(_KEY_ATTRS, key))
        return all(t.passes(values[t.attr], self.strings) for t in tests)

    def _verdict(self, key: tuple[int, ...]) -> _Verdict:
        rules = tuple(rule for rule, tests in self.single if self._passes(tests, key))
        starts = tuple(n for n, (_, token_tests) in enumerate(self.multi) if self._passes(token_tests[0], key))
        values = _combined(rules)
        settings = tuple((column, value) for column, value in enumerate(values) if value is not None)
        return _Verdict(rules, values, starts, settings)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        reduce = self._reduce
        keys = [(tag, reduce(LOWER, lower), reduce(DEP, dep), space)
                for tag, lower, dep, space in doc.to_array(list(_KEY_ATTRS)).tolist()]  # fmt: skip
        verdicts = self.verdicts
        original = doc.to_array(list(_SET_ATTRS))
        rows = original.tolist()  # set in Python lists, not one numpy item at a time
        extra: dict[int, list[Rule]] = {}  # token -> rules that longer patterns give it
        for i, key in enumerate(keys):
            verdict = verdicts.get(key)
            if verdict is None:
                if len(verdicts) > MAX_MEMO:
                    verdicts.clear()
                verdict = verdicts[key] = self._verdict(key)
            if verdict.settings:
                row = rows[i]
                for column, value in verdict.settings:
                    row[column] = value
            for n in verdict.starts:
                rule, token_tests = self.multi[n]
                end = i + len(token_tests)
                if end <= len(keys) and all(self._passes(t, keys[j]) for j, t in zip(range(i + 1, end), token_tests[1:])):
                    extra.setdefault(range(i, end)[self.indices[rule[0]]], []).append(rule)
        for match_id, start, end in self.matcher(doc, allow_missing=True) if len(self.matcher) else ():
            rule = self.rules[int(self.strings[match_id])]
            extra.setdefault(range(start, end)[self.indices[rule[0]]], []).append(rule)
        for i, rules in extra.items():
            combined = _combined(sorted([*(verdicts.get(keys[i]) or self._verdict(keys[i])).rules, *rules], key=lambda rule: rule[0]))
            rows[i] = [o if v is None else v for o, v in zip(original[i].tolist(), combined)]
        doc.from_array(list(_SET_ATTRS), numpy.array(rows, dtype=original.dtype))
        return doc


def _combined(rules: Iterable[Rule]) -> tuple[int | None, ...]:
    """Return the values ``rules`` leave in _SET_ATTRS when applied in order (None: none set)."""
    values: list[int | None] = [None] * len(_SET_ATTRS)
    for _, attrs in rules:
        for column, attr in enumerate(_SET_ATTRS):
            if attr in attrs:
                values[column] = attrs[attr]
    return tuple(values)


class TokenLemmas:
    """The model's rule lemmatizer, with every result remembered.

    spaCy's ``Lemmatizer`` caches a lemma by the token's form, POS and morphology, but returns
    before caching for proper nouns, punctuation, numbers and base forms: most tokens of a news
    article, each looked up again through Python. What it gives depends on those three values
    alone, so they key the memo here; a miss asks the lemmatizer itself, given its word lists as
    sets: the model stores each as a list that every candidate form is looked for in, one by one
    (a fifth of a millisecond per new noun, most of the cost of a short run).
    """

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = copy.copy(lemmatizer)
        self.lemmatizer.lookups = _with_set_indexes(lemmatizer.lookups)
        self.lemmatizer.cache = {}
        self.lemmatizer.lemmatize = self.lemmatizer.rule_lemmatize  # bound to the copy, not the original
        self.strings = lemmatizer.vocab.strings
        self.memo: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        memo = self.memo
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma:  # set by the attribute ruler: the lemmatizer leaves it
                continue
            key = (orth, pos, morph)
            value = memo.get(key)
            if value is None:
                if len(memo) > MAX_MEMO:
                    memo.clear()
                value = memo[key] = self.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            rows[i, 3] = value
            changed = True
        if changed:
            doc.from_array([LEMMA], rows[:, 3:])
        return doc


def _with_set_indexes(lookups: Lookups) -> Lookups:
    """Return ``lookups`` with the word lists of its ``lemma_index`` table as sets (the others shared)."""
    copied = Lookups()
    for name in lookups.tables:
        table = lookups.get_table(name)
        if name == "lemma_index":
            indexes = Table(name=name)
            for key, words in table.items():
                indexes[key] = frozenset(words)
            table = indexes
        copied.set_table(name, table)
    return copied
