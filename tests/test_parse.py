from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from eventwire.errors import ConfigError
from eventwire.model import Article
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


def test_parse_keeps_input_order(nlp):
    articles = [Article(id=str(n), text=f"Report number {n} says the talks went on.") for n in range(7)]
    assert [a.id for a, _ in parse(articles, nlp=nlp, batch_size=3)] == [str(n) for n in range(7)]


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
