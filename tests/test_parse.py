from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from eventwire.errors import ConfigError
from eventwire.model import Article
from eventwire.fast_components import TokenAttributes
from eventwire.parse import load_nlp, parse


def test_model_is_loaded_once(nlp):
    assert load_nlp() is load_nlp()
    assert "eventwire_paragraphs" in nlp.pipe_names


def test_missing_model_is_a_config_error():
    with pytest.raises(ConfigError, match="not installed"):
        load_nlp("no_such_spacy_model_package")


def test_a_paragraph_always_starts_a_sentence(nlp):
    text = "Troops left the town\nRebels entered it on Monday"  # no full stop before the break
    (article, doc), = parse([Article(id="a", text=text)], nlp=nlp)
    assert [s.text.strip() for s in doc.sents] == ["Troops left the town", "Rebels entered it on Monday"]
    assert article.id == "a"


def test_parsed_text_is_the_articles_text(nlp):
    from eventwire.parse import doc_text

    text = "  Talks resumed in Doha\u00a0today.\n\n\tTroops  withdrew — “slowly”.  "
    (_, doc), = parse([Article(id="a", text=text)], nlp=nlp)
    assert doc_text(doc) == doc.text == text


def test_parse_keeps_input_order(nlp):
    articles = [Article(id=str(n), text=f"Report number {n} says the talks went on.") for n in range(7)]
    assert [a.id for a, _ in parse(articles, nlp=nlp, batch_size=3)] == [str(n) for n in range(7)]


_ATTRIBUTE_SENTENCES = (
    "Y'all ain't seen nothin' yet,  she told reporters.\n\nThey  don't know which of these will do.",
    "I'd have gone, but that one was said to be cheaper; all the same, nobody came .\n \n",
    "The ministers who met in Nairobi said they were neither for nor against it, whereas he wasn't.",
    "Whether or not the 3rd brigade withdraws, it's theirs: 40 % of the U.S.-led coalition's troops.",
)


def _annotations(doc):
    return [(t.pos_, str(t.morph), t.lemma_) for t in doc]


def test_fast_components_equal_spacys_attribute_ruler_and_lemmatizer(nlp):
    import spacy

    from eventwire.settings import Settings

    reference = spacy.load(Settings().model, exclude=["senter"])
    reference.add_pipe("eventwire_paragraphs", before="parser")
    assert {"eventwire_attributes", "eventwire_lemmas"} <= set(nlp.pipe_names)
    assert not {"attribute_ruler", "lemmatizer"} & set(nlp.pipe_names)
    for text in _ATTRIBUTE_SENTENCES:
        assert _annotations(nlp(text)) == _annotations(reference(text)), text


def test_fast_attributes_apply_longer_patterns_in_pattern_order(nlp):
    from spacy.pipeline import AttributeRuler

    ruler = AttributeRuler(nlp.vocab)
    ruler.add([[{"LOWER": "peace"}]], {"POS": "VERB"})
    ruler.add([[{"LOWER": "peace"}, {"LOWER": {"REGEX": "^talks?$"}}]], {"POS": "PROPN", "LEMMA": "peacetalk"})
    ruler.add([[{"LOWER": "talks", "DEP": {"NOT_IN": [""]}}]], {"POS": "INTJ"})
    ruler.add([[{"ORTH": "Peace", "OP": "?"}]], {"MORPH": "Number=Sing"})  # needs spaCy's matcher
    fast = TokenAttributes(ruler)
    assert len(fast.matcher) == 1
    expected, got = nlp.make_doc("Peace talks resumed"), nlp.make_doc("Peace talks resumed")
    ruler(expected)
    fast(got)
    assert _annotations(got) == _annotations(expected)
    assert [t.pos_ for t in got][:2] == ["PROPN", ""] and got[0].lemma_ == "peacetalk"


def test_a_ruler_that_sets_other_attributes_keeps_spacys_component():
    import spacy

    from eventwire.fast_components import install

    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add([[{"LOWER": "ceasefire"}]], {"NORM": "truce"})
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    install(nlp)  # a NORM the stand-in does not write, and a lookup lemmatizer: both stay as they are
    assert nlp.pipe_names == ["attribute_ruler", "lemmatizer"]


_WORDS = ("the army attacked rebels in Goma on Monday and police arrested protesters NATO said "
          "“we will” withdraw troops from Iraq , . \n Kenya 's parliament talks ceasefire January "
          "killed Ukraine he said according to officials").split(" ")  # fmt: skip


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_WORDS), min_size=3, max_size=60))
def test_every_span_of_every_record_matches_the_text(analyse_text, words):
    try:
        result = analyse_text(" ".join(words), "2024-05-17")
    except AssertionError:
        return  # rejected by cleaning (e.g. too few words): nothing to check
    text = result.article.text
    for event in result.events:
        for span in (event.trigger, event.sentence, event.timex, *(a.span for a in event.source + event.target)):
            if span is not None:
                assert text[span.start : span.end] == span.text
    for quote in result.quotes:
        assert text[quote.content.start : quote.content.end] == quote.content.text
        if quote.cue is not None:
            assert text[quote.cue.start : quote.cue.end] == quote.cue.text
    for record in (*result.places, *result.timexes):
        assert text[record.start : record.end] == record.text
