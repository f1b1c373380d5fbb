"""Quotes on hand-written sentences, and the PolNeAR reader and scorer on a tiny brat file."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from eventwire.evaluate import polnear
from eventwire.extract import quotes as quote_extraction
from eventwire.extract.actors import find_actors
from eventwire.model import Actor, Quote, Span

PREAMBLE = "Foreign Minister Carla Lopes of Portugal met her counterparts in Lisbon on Monday.\n"


def only(quotes, kind=None):
    found = [q for q in quotes if kind is None or q.kind == kind]
    assert len(found) == 1, [(q.kind, q.content.text) for q in quotes]
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "content", "cue"),
    [
        ("“The talks were useful and frank,” Lopes said.", "“The talks were useful and frank,”", "said"),
        ('"The talks were useful and frank," Lopes said.', '"The talks were useful and frank,"', "said"),
        ("«The talks were useful and frank», Lopes said.", "«The talks were useful and frank»", "said"),
        ("‘The talks were useful and frank,’ Lopes said.", "‘The talks were useful and frank,’", "said"),
        ("Lopes said: “The talks were useful and frank.”", "“The talks were useful and frank.”", "said"),
    ],
)  # fmt: skip
def test_direct_quote_in_every_quotation_style(analyse_text, sentence, content, cue):
    quote = only(analyse_text(PREAMBLE + sentence).quotes)
    assert quote.kind == "direct"
    assert quote.content.text == content
    assert quote.cue.text == cue
    assert quote.speaker.name == "Carla Lopes"


@pytest.mark.parametrize(
    ("sentence", "content", "cue", "source"),
    [
        ("Lopes said that the talks had been useful.", "that the talks had been useful", "said", "Lopes"),
        ("Lopes has not said whether the talks will resume.", "whether the talks will resume",
         "has not said", "Lopes"),
        ("The talks will resume in May, according to Lopes.", "The talks will resume in May",
         "according to", "Lopes"),
        ("According to Lopes, the talks will resume in May.", "the talks will resume in May",
         "According to", "Lopes"),
        ("Lopes told reporters the talks would resume in May.", "the talks would resume in May",
         "told", "Lopes"),
    ],
)  # fmt: skip
def test_indirect_quote(analyse_text, sentence, content, cue, source):
    quote = only(analyse_text(PREAMBLE + sentence).quotes)
    assert (quote.kind, quote.content.text, quote.cue.text) == ("indirect", content, cue)
    assert quote.speaker.name == "Carla Lopes" and quote.speaker.span.text == source


def test_mixed_quote_is_one_indirect_quote_with_the_quoted_words(analyse_text):
    text = PREAMBLE + "Lopes said the proposal was “a serious step in the right direction” for Europe."
    quote = only(analyse_text(text).quotes)
    assert quote.kind == "indirect"
    assert quote.content.text == "the proposal was “a serious step in the right direction” for Europe"


def test_quote_split_by_its_attribution_is_one_quote(analyse_text):
    text = PREAMBLE + "“The talks were useful,” Lopes said. “We will meet again in May.”"
    quote = only(analyse_text(text).quotes)
    assert quote.content.text.startswith("“The talks were useful,”")
    assert quote.content.text.endswith("“We will meet again in May.”")
    assert quote.speaker.name == "Carla Lopes"
    assert [p.text for p in quote.parts] == ["“The talks were useful,”", "“We will meet again in May.”"]


def test_quote_running_over_paragraphs_is_one_quote(analyse_text):
    text = PREAMBLE + ("“The talks were useful and we agreed on a calendar,” Lopes said. “Our teams will meet "
                       "again in May.\n“After that, the ministers will sign the agreement in Lisbon.”")  # fmt: skip
    quote = only(analyse_text(text).quotes)
    assert quote.content.text.endswith("“After that, the ministers will sign the agreement in Lisbon.”")


def test_pronoun_speaker_resolves_to_the_person_with_role_and_organisation(analyse_text):
    text = ("NATO Secretary General Jens Stoltenberg spoke after a meeting of defence ministers.\n"
            "“We will expand our training mission in the country,” he said.")  # fmt: skip
    quote = only(analyse_text(text).quotes)
    assert quote.speaker.span.text == "he"
    assert (quote.speaker.name, quote.speaker.role, quote.speaker.organisation) == (
        "Jens Stoltenberg", "Secretary General", "NATO")  # fmt: skip


def test_unnamed_source_is_kept_as_its_phrase(analyse_text):
    quote = only(analyse_text(PREAMBLE + "A senior diplomat said the talks had stalled.").quotes)
    assert quote.speaker.span.text == "A senior diplomat"
    assert quote.speaker.name == "senior diplomat"


def test_repeated_quote_is_reported_once(analyse_text):
    said = "“The talks were useful and frank,” Lopes said."
    text = PREAMBLE + said + "\nThe ministers then left for Madrid.\n" + "She repeated: “The talks were useful and frank.”"
    quotes = analyse_text(text).quotes
    assert len([q for q in quotes if "useful and frank" in q.content.text]) == 1


def test_scare_quotes_and_titles_are_not_quotes(analyse_text):
    text = PREAMBLE + "She appeared on “Meet the Nation” to defend the “reset” of relations."
    quotes = analyse_text(text).quotes
    assert [q.kind for q in quotes] == ["stance"]  # her defence of the reset is a stance, not a quote
    assert quotes[0].content.text == "the “reset” of relations"


@pytest.mark.parametrize(("sentence", "cue", "source", "content"), [
    ("The mayor praised the volunteers who cleared the roads.", "praised", "The mayor",
     "the volunteers who cleared the roads"),
    ("Opposition leaders called the budget “a betrayal of farmers.”", "called", "Opposition leaders",
     "the budget “a betrayal of farmers.”"),
    ("The bishops have called for an end to the fighting.", "have called for", "The bishops", "an end to the fighting"),
    ("The governor wants the assembly to approve the loan.", "wants", "The governor",
     "the assembly to approve the loan"),
    ("Most of the farmers who support the minister live in the north.", "support", "the farmers",
     "the minister"),
    ("The union backing the strike did not comment.", "backing", "The union", "the strike"),
    ("Three lawmakers voted against the new tax.", "voted against", "Three lawmakers", "the new tax"),
])  # fmt: skip
def test_a_stance_towards_an_object_is_attributed(analyse_text, sentence, cue, source, content):
    (stance,) = [q for q in analyse_text(PREAMBLE + sentence).quotes if q.kind == "stance"]
    assert (stance.cue.text, stance.content.text) == (cue, content)
    assert source in stance.speaker.text


@pytest.mark.parametrize("sentence", [
    "Rebels attacked the village on Monday.",  # an act, not an attitude
    "The minister said that the plan would fail.",  # an indirect quote, not a stance
    "It supports the view of most economists.",  # no one holds the stance
])  # fmt: skip
def test_acts_and_quotes_are_not_stances(analyse_text, sentence):
    assert not [q for q in analyse_text(PREAMBLE + sentence).quotes if q.kind == "stance"]


@pytest.mark.parametrize(
    ("sentence", "audience", "place"),
    [
        ("Lopes told reporters in Brussels that the talks had been useful.", "reporters", "Brussels"),
        ("Lopes said to the BBC that the talks had been useful.", "the BBC", None),
        ("Lopes said in Lisbon that the talks had been useful.", None, "Lisbon"),
    ],
)  # fmt: skip
def test_audience_and_place_of_a_cue(nlp, resources, sentence, audience, place):
    from eventwire.model import Article

    doc = nlp(sentence)
    actors = find_actors(doc, article=Article(id="t", text=sentence), lexicon=resources.lexicon)
    cue = next(t for t in doc if t.lemma_ in ("say", "tell"))
    found_audience, found_place = quote_extraction._audience_and_place(cue, actors)
    assert (found_audience.span.text if found_audience else None) == audience
    assert (sentence[found_place[0] : found_place[1]] if found_place else None) == place


def test_example_article_gives_each_stoltenberg_quote_once(analyse_text):
    import json

    from tests.conftest import SHARED_EXAMPLE

    if not SHARED_EXAMPLE.exists():
        pytest.skip("the shared example is not available")
    record = json.loads(SHARED_EXAMPLE.read_text(encoding="utf-8").splitlines()[0])
    quotes = analyse_text(record["text"], record["published"]).quotes
    direct = [q for q in quotes if q.kind == "direct"]
    assert len(direct) == 2
    assert all(q.speaker.name == "Jens Stoltenberg" for q in direct)


# -- PolNeAR reader and scorer ------------------------------------------------------------------

ARTICLE = "Vote count\n\nMendes said the count was over. “It is over,” she added. Few believed her.\n"
ANN = (
    "T1\tSource 12 18\tMendes\n"
    "T2\tCue 19 23\tsaid\n"
    "T3\tContent 24 42\tthe count was over\n"
    "T4\tAttribution 19 23\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tContent 44 57\t“It is over,”\n"
    "T6\tSource 58 61\tshe\n"
    "T7\tCue 62 67\tadded\n"
    "T8\tAttribution 62 67\tadded\n"
    "E2\tAttribution:T8 Content:T5 Cue:T7 Source:T6\n"
    "T9\tSource 69 72\tFew\n"
    "T10\tCue 73 81\tbelieved\n"
    "T11\tContent 82 85\ther\n"
    "T12\tAttribution 73 81\tbelieved\n"
    "E3\tAttribution:T12 Content:T11 Cue:T10 Source:T9\n"
)  # fmt: skip


def write_polnear(tmp_path):
    data = tmp_path / "data"
    (data / "dev" / "text").mkdir(parents=True)
    (data / "dev" / "attributions").mkdir()
    (data / "dev" / "text" / "a1.txt").write_text(ARTICLE, encoding="utf-8")
    (data / "dev" / "attributions" / "a1_x1.ann").write_text(ANN, encoding="utf-8")
    (data / "metadata.tsv").write_text(
        "compartment\tfilename\tpublication_date\n" "dev\ta1\t2016-10-20\n" "train\tb2\t2016-01-01\n",
        encoding="utf-8")  # fmt: skip
    return data


def test_polnear_reader(tmp_path):
    (article,) = polnear.read_split(write_polnear(tmp_path), split="dev")
    assert article.published.isoformat() == "2016-10-20"
    assert [ARTICLE[s:e] for a in article.attributions for s, e in a.content] == [
        "the count was over", "“It is over,”", "her"]  # fmt: skip
    (split,) = polnear.parse_ann("T1\tContent 5 9;0 2\tab cdef\nE1\tAttribution:T9 Content:T1\n")
    assert split.content == ((0, 2), (5, 9)) and split.source == ()


def test_polnear_reader_refuses_bad_data(tmp_path):
    from eventwire.errors import EvaluationError

    with pytest.raises(EvaluationError, match="not a PolNeAR directory"):
        list(polnear.read_split(tmp_path))
    with pytest.raises(EvaluationError, match="not brat standoff"):
        polnear.parse_ann("T1\tContent zero two\tab\n")
    with pytest.raises(EvaluationError, match="not defined"):
        polnear.parse_ann("E1\tAttribution:T4 Content:T3\n")


def test_polnear_alignment_follows_cleaned_text():
    raw = "Title\n\nMendes  said \u201cyes\u201d.\n"
    cleaned = "Title\nMendes said \u201cyes\u201d."
    mapping = polnear.char_map(raw, cleaned)
    # "Mendes  said" (raw 7-19, two spaces) is "Mendes said" (cleaned 6-17); “yes” moves by 3.
    assert polnear.map_pieces(((7, 19), (20, 25)), mapping) == ((6, 17), (18, 23))
    assert cleaned[6:17] == "Mendes said" and cleaned[18:23] == "“yes”"


def quote(content, cue=None, source=None, text=ARTICLE):
    def span(r):
        return Span(start=r[0], end=r[1], text=text[r[0] : r[1]])

    speaker = Actor(text="", name="x", span=span(source)) if source else None
    return Quote(id="q", article_id="a1", kind="direct", content=span(content),
                 cue=span(cue) if cue else None, speaker=speaker)  # fmt: skip


def test_polnear_scorer_metrics_by_hand(tmp_path):
    (article,) = polnear.read_split(write_polnear(tmp_path), split="dev")
    predicted = [
        quote((24, 42), cue=(19, 23), source=(12, 18)),  # all three exact
        quote((45, 55), cue=(62, 67), source=(12, 18)),  # content exact after trimming; speaker wrong
        quote((0, 10), cue=(2, 5)),  # a false positive
    ]
    scorer = polnear.Scorer()
    scorer.add(ARTICLE, article.attributions, predicted)
    m = scorer.metrics()
    # content: gold 3, predicted 3, matched 2; cue: gold 3, predicted 3, matched 2;
    # source: gold 3, predicted 1 distinct span (two quotes share it), matched 1.
    assert (m["content_precision"], m["content_recall"]) == (round(2 / 3, 4), round(2 / 3, 4))
    assert m["cue_f1"] == round(2 / 3, 4)
    assert (m["source_precision"], m["source_recall"], m["source_f1"]) == (1.0, round(1 / 3, 4), 0.5)
    # speaker: two gold attributions with a source had their content found; one speaker is right.
    assert (m["speaker_accuracy"], m["speaker_scored"]) == (0.5, 2)
    assert (m["documents"], m["gold"], m["predicted"]) == (1, 3, 3)


def test_polnear_overlap_counts_half_of_the_longer_span():
    assert polnear.overlap_ratio(((0, 10),), ((5, 10),)) == 0.5
    assert polnear.overlap_ratio(((0, 10),), ((0, 4),)) == 0.4
    assert polnear.overlap_ratio(((0, 4), (8, 12)), ((0, 4), (8, 12))) == 1.0


@pytest.mark.parametrize(("sentence", "parts"), [
    ("This campaign, he says, is different from the last one.", ["This campaign", "is different from the last one"]),
    ("The talks are over, the foreign minister said on Monday.", ["The talks are over"]),
])  # fmt: skip
def test_a_parenthetical_cue_attributes_the_clause_around_it(analyse_text, sentence, parts):
    (quote,) = [q for q in analyse_text(PREAMBLE + sentence).quotes if q.kind == "indirect"]
    assert [p.text for p in (quote.parts or (quote.content,))] == parts


def _passages_char_by_char(text):
    """The plain statement of what ``_passages`` finds: a walk over every character."""
    from eventwire.extract.quotes import _OPEN_CLOSE, _opens_single

    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch not in _OPEN_CLOSE or (ch == "‘" and not _opens_single(text, i)):
            i += 1
            continue
        close, j = _OPEN_CLOSE[ch], i + 1
        while j < n and text[j] != "\n":
            if text[j] == close and not (close == "’" and j + 1 < n and text[j + 1].isalpha()):
                break
            j += 1
        if j < n and text[j] == close:
            yield i, j + 1, True
            i = j + 1
        else:
            yield i, j, False
            i = j


@given(st.text(alphabet="“”«»„\"‘’ a9\n.", max_size=40))
def test_quoted_passages_are_those_a_walk_over_each_character_finds(text):
    from eventwire.extract.quotes import _passages

    assert list(_passages(text)) == list(_passages_char_by_char(text))


def test_quoted_passages_stop_at_the_paragraph_and_skip_apostrophes():
    from eventwire.extract.quotes import _passages

    text = "He said “we won’t go” and ‘90s ‘rules’ apply.\n“Open to the end\nnext"
    assert [text[s:e] for s, e, _ in _passages(text)] == ["“we won’t go”", "‘rules’", "“Open to the end"]
    assert [closed for *_, closed in _passages(text)] == [True, True, False]
