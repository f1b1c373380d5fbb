"""The article scorer (``eval articles``) and the violence snippets (``eval violence``).

The scorer is tested on small gold articles and predicted events written here by hand; one test
runs the real pipeline on a short article of our own, and one on a few snippets.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random

import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.errors import EvaluationError
from eventwire.evaluate import articles, snippets
from eventwire.evaluate.articles import GoldActor, GoldPlace
from eventwire.model import Actor, Event, Location, Span

from conftest import ROOT

PUBLISHED = "2025-03-14"  # a Friday
TEXT = ("Gunmen ambushed an army convoy near Tillaberi on Tuesday, killing 11 soldiers, the ministry said.\n"
        "The attack was the deadliest this year.\n"
        "A bus crash on the road to Dosso killed seven passengers on Wednesday.\n"
        "Niger and Mali signed a security pact in Bamako on Thursday.")  # fmt: skip
AMBUSH = "Gunmen ambushed an army convoy near Tillaberi on Tuesday, killing 11 soldiers, the ministry said."
PACT = "Niger and Mali signed a security pact in Bamako on Thursday."
BUS = "A bus crash on the road to Dosso killed seven passengers on Wednesday."
ARMY = {"name": "Niger army", "country": "NER", "sector": "MIL"}
GUNMEN = {"name": "gunmen", "country": None, "sector": "UAF"}


def gold_event(**values) -> dict:
    event = {"type": "ASSAULT", "status": "occurred", "trigger": "ambushed", "sentence": AMBUSH,
             "source": [GUNMEN], "target": [ARMY], "date": "2025-03-11",
             "place": {"name": "Tillaberi", "country": "NER"}}  # fmt: skip
    event.update(values)
    return event


def gold_article(*events: dict, text: str = TEXT, id: str = "t-1", published: str = PUBLISHED) -> dict:
    return {"id": id, "title": "A title", "published": published, "text": text, "events": list(events)}


def read_one(tmp_path, record: dict) -> articles.GoldArticle:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (article,) = articles.read(path)
    return article


def actor(name: str, country: str | None = None, sector: str | None = None) -> Actor:
    return Actor(text=name, name=name, country=country, sector=sector)


def event(trigger: str, *, sentence: str = AMBUSH, text: str = TEXT, type: str = "ASSAULT", status: str = "occurred",
          source=(("gunmen", None, "UAF"),), target=(("army", "NER", "MIL"),), date: str | None = "2025-03-11",
          place: str | None = "NER", occurrence: int = 0) -> Event:  # fmt: skip
    """An event predicted in ``sentence`` of ``text`` with the word ``trigger`` of it."""
    start = text.index(sentence)
    at = start + sentence.index(trigger)
    for _ in range(occurrence):
        at = text.index(trigger, at + 1)
    return Event(
        id=f"e{at}", article_id="t-1", event_type=type, mode=None, cameo=None,
        source=tuple(actor(*a) for a in source), target=tuple(actor(*a) for a in target),
        trigger=Span.of(text, at, at + len(trigger)), sentence=Span.of(text, start, start + len(sentence)),
        date=date, date_precision=None if date is None else ("day", "month", "year")[2 - date.count("-")],
        date_basis="text", status=status, location=Location(name="somewhere", country=place) if place else None,
        confidence=1.0, evidence="",
    )  # fmt: skip


def score(tmp_path, gold: list[dict], predicted: list[Event], *, text: str = TEXT) -> dict:
    article = read_one(tmp_path, gold_article(*gold, text=text))
    return articles.summarise([articles.score_article(article, text=text, events=predicted)])


# -- reading the gold -----------------------------------------------------------------------------


def test_a_folder_is_read_file_by_file_in_name_order(tmp_path):
    (tmp_path / "dev-b.jsonl").write_text(json.dumps(gold_article(id="b-1")) + "\n", encoding="utf-8")
    (tmp_path / "dev-a.jsonl").write_text(json.dumps(gold_article(gold_event(), id="a-1")) + "\n\n"
                                          + json.dumps(gold_article(id="a-2")) + "\n", encoding="utf-8")  # fmt: skip
    (tmp_path / "notes.txt").write_text("not gold", encoding="utf-8")
    read = articles.read(tmp_path)
    assert [a.id for a in read] == ["a-1", "a-2", "b-1"]
    (ambush,) = read[0].events
    assert ambush.id == "a-1#1" and ambush.type == "ASSAULT" and ambush.dates == ("2025-03-11",)
    assert ambush.sources == ((GoldActor(name="gunmen", country=None, sector="UAF"),),)
    assert ambush.places == (GoldPlace(name="Tillaberi", country="NER"),)
    assert read[0].published == dt.date(2025, 3, 14)


@pytest.mark.parametrize(("change", "message"), [
    ({"sentence": "Gunmen ambushed a convoy."}, "is not in the text"),
    ({"trigger": "attacked"}, "is not in its sentence"),
    ({"type": "FIGHT"}, "type is 'FIGHT'; expected one of AGREE"),
    ({"status": "happened"}, "status is 'happened'"),
    ({"date": "11 March 2025"}, "expected YYYY-MM-DD, YYYY-MM, YYYY or null"),
    ({"date": "2025-02-30"}, "expected YYYY-MM-DD"),
    ({"source": [{"name": "gunmen", "country": "Niger", "sector": "UAF"}]}, "expected three capital letters"),
    ({"target": [{"name": "army", "country": "NER"}]}, "is not an actor"),
    ({"place": "Tillaberi"}, "is not a place"),
    ({"alternatives": {"location": []}}, "unknown alternatives location"),
    ({"alternatives": {"mention": [{"sentence": "Not in the text.", "trigger": "Not"}]}}, "alternatives.mention"),
])  # fmt: skip
def test_a_malformed_gold_event_is_an_error_naming_the_line_and_what_to_fix(tmp_path, change, message):
    with pytest.raises(EvaluationError) as error:
        read_one(tmp_path, gold_article(gold_event(**change)))
    assert message in str(error.value) and "gold.jsonl:1 (t-1), event 1" in str(error.value)


def test_two_articles_with_one_id_are_an_error(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps(gold_article(id="x")) + "\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps(gold_article(id="x")) + "\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="also the id of the article at .*a.jsonl:1"):
        articles.read(tmp_path)


def test_an_empty_folder_is_an_error(tmp_path):
    with pytest.raises(EvaluationError, match="holds no \\*.jsonl file"):
        articles.read(tmp_path)


# -- finding the gold sentences in the cleaned text -----------------------------------------------


def test_a_sentence_is_found_as_the_cleaner_leaves_it():
    cleaned = "First paragraph here.\nThe army said it attacked the camp. More."
    assert articles.locate("The army said  it attacked\tthe camp.", cleaned) == ((22, 57),)
    # the dateline is cut from the article, and so from the gold sentence that starts with it
    assert articles.locate("NIAMEY, Niger — First paragraph here.", cleaned) == ((0, 21),)
    # words in order, whatever the punctuation between them
    assert articles.locate("The army said: it attacked the camp", cleaned) == ((22, 56),)


def test_every_occurrence_of_a_sentence_is_found():
    cleaned = "Talks resumed. The army said nothing.\nTalks resumed."
    assert articles.locate("Talks resumed.", cleaned) == ((0, 14), (38, 52))


def test_a_sentence_the_cleaner_dropped_is_an_error_that_says_why():
    with pytest.raises(EvaluationError, match="give the sentence of the first occurrence"):
        articles.locate("Rebels seized the town of Bunia on Monday.", "Nothing of the sort.", where="x")


# -- the attribute rules --------------------------------------------------------------------------


@pytest.mark.parametrize(("gold", "predicted", "same"), [
    ("attacked", "attack", True), ("killing", "killed", True), ("seized", "seize", True), ("agree", "agreed", True),
    ("stopped", "stops", True), ("shelling", "shelled", True), ("air strike", "strikes", True),
    ("arrests", "arrested", True), ("army", "arm", False), ("attack", "kill", False), ("blew up", "up", False),
    ("called off", "called", True),
])  # fmt: skip
def test_triggers_are_compared_by_stem(gold, predicted, same):
    assert bool(articles.stems(gold) & articles.stems(predicted)) is same


def test_irregular_forms_are_compared_through_their_base_form():
    words = articles.words_with({"struck": ["strike"], "fled": ["flee"]})
    assert words("air strike") & words("struck") and words("fled") & words("fleeing")
    assert not articles.stems("struck") & articles.stems("strike")


@pytest.mark.parametrize(("gold", "predicted", "right"), [
    ([ARMY], [("army", "NER", "MIL")], True),
    ([ARMY], [("army", None, "MIL")], False),  # the country is wrong
    ([ARMY], [("army", "NER", "GOV")], False),  # the sector is wrong
    ([{"name": "Niger", "country": "NER", "sector": None}], [("Niger", "NER", None)], True),  # null equals null
    ([{"name": "Niger", "country": "NER", "sector": None}], [("Niger government", "NER", "GOV")], False),
    ([{"name": "Wagner Group", "country": None, "sector": None}], [("the Wagner Group fighters", "RUS", "UAF")], True),
    ([{"name": "Wagner Group", "country": None, "sector": None}], [("Wagner", None, None)], True),  # by name
    ([{"name": "Wagner Group", "country": None, "sector": None}], [("mercenaries", None, None)], False),
    ([ARMY], [("army", "NER", "MIL"), ("police", "NER", "COP")], False),  # one actor too many
    ([ARMY, ARMY], [("army", "NER", "MIL"), ("police", "NER", "COP")], False),  # one to one
    ([ARMY, {"name": "police", "country": "NER", "sector": "COP"}], [("police", "NER", "COP"), ("army", "NER", "MIL")],
     True),  # a set: any order
    ([], [], True), ([], [("army", "NER", "MIL")], False), ([ARMY], [], False),
])  # fmt: skip
def test_the_target_is_right_when_its_actors_match_the_gold_one_to_one(tmp_path, gold, predicted, right):
    result = score(tmp_path, [gold_event(target=gold)], [event("ambushed", target=predicted)])
    assert result["found_events"] == 1 and result["attribute_accuracy"]["target"] == float(right)


def test_an_alternative_source_list_is_allowed(tmp_path):
    alternatives = {"source": [[{"name": "unidentified armed actors", "country": "NER", "sector": "UAF"}]]}
    gold = gold_event(source=[], alternatives=alternatives)
    for predicted, right in (((), True), ((("gunmen", "NER", "UAF"),), True), ((("gunmen", None, "UAF"),), False)):
        assert score(tmp_path, [gold], [event("ambushed", source=predicted)])["strict"]["f1"] == float(right)


@pytest.mark.parametrize(("gold", "status", "predicted", "right"), [
    ("2025-03-11", "occurred", "2025-03-11", True),
    ("2025-03-11", "occurred", "2025-03-12", False),
    ("2025-03-11", "occurred", "2025-03", False),  # less precise than the gold
    ("2025-03-11", "occurred", None, False),
    ("2025-03", "occurred", "2025-03-02", True),  # any day of the gold's month
    ("2025-03", "occurred", "2025-03", True),
    ("2025-03", "occurred", "2025-04-01", False),
    ("2025-03", "occurred", "2025", False),
    ("2025", "occurred", "2025-12-31", True),
    ("2025", "occurred", "2024-12-31", False),
    (None, "occurred", "2025-03-14", True),  # not after publication
    (None, "occurred", "2025-03-15", False),
    (None, "occurred", "2025-03", True),  # a month that begins before publication
    (None, "occurred", None, True),
    (None, "planned", "2025-06-01", True),  # any date for an act that has not happened
])  # fmt: skip
def test_the_date_is_right_at_the_gold_precision(tmp_path, gold, status, predicted, right):
    result = score(tmp_path, [gold_event(date=gold, status=status)], [event("ambushed", date=predicted, status=status)])
    assert result["attribute_accuracy"]["date"] == float(right)


def test_an_alternative_date_is_allowed(tmp_path):
    gold = gold_event(date="2025-03-11", alternatives={"date": ["2025-03"]})
    assert score(tmp_path, [gold], [event("ambushed", date="2025-03-04")])["attribute_accuracy"]["date"] == 1.0


@pytest.mark.parametrize(("gold", "alternatives", "predicted", "right"), [
    ({"name": "Tillaberi", "country": "NER"}, [], "NER", True),
    ({"name": "Tillaberi", "country": "NER"}, [], "MLI", False),
    ({"name": "Tillaberi", "country": "NER"}, [], None, False),  # no place predicted
    ({"name": "Tillaberi", "country": "NER"}, [{"name": "Menaka", "country": "MLI"}], "MLI", True),
    (None, [], "MLI", True),  # the text does not say: anything goes
    (None, [], None, True),
])  # fmt: skip
def test_the_place_is_right_in_the_gold_country(tmp_path, gold, alternatives, predicted, right):
    gold_ = gold_event(place=gold, alternatives={"place": alternatives})
    assert score(tmp_path, [gold_], [event("ambushed", place=predicted)])["attribute_accuracy"]["place"] == float(right)


def test_the_status_and_the_type_may_be_an_alternative(tmp_path):
    gold = gold_event(alternatives={"status": ["hypothetical"], "type": ["COERCE"]})
    result = score(tmp_path, [gold], [event("ambushed", type="COERCE", status="hypothetical")])
    assert result["strict_f1"] == 1.0
    assert result["per_type"]["ASSAULT"] == {"gold": 1, "predicted": 1, "found": 1, "right": 1, "found_f1": 1.0,
                                             "strict_f1": 1.0}  # fmt: skip
    assert score(tmp_path, [gold], [event("ambushed", status="planned")])["attribute_accuracy"]["status"] == 0.0
    assert score(tmp_path, [gold], [event("ambushed", type="PROTEST")])["found_events"] == 0  # type is not found


# -- finding and pairing --------------------------------------------------------------------------


def test_an_event_is_found_in_the_gold_sentence_with_a_trigger_of_the_same_word(tmp_path):
    assert score(tmp_path, [gold_event(trigger="killing")], [event("killing")])["found_events"] == 1
    # the same word in another form, in another place of the sentence
    assert score(tmp_path, [gold_event(trigger="ambushed")], [event("killing")])["found_events"] == 0
    # the right trigger word in another sentence: not found
    assert score(tmp_path, [gold_event(trigger="attack", sentence="The attack was the deadliest this year.")],
                 [event("ambushed")])["found_events"] == 0  # fmt: skip


def test_a_mention_of_the_same_act_counts_as_the_event(tmp_path):
    mention = {"sentence": "The attack was the deadliest this year.", "trigger": "attack"}
    gold = gold_event(alternatives={"mention": [mention]})
    in_mention = event("attack", sentence=mention["sentence"])
    assert score(tmp_path, [gold], [in_mention])["found_events"] == 1
    # in the mention's sentence, but not with the mention's trigger word
    assert score(tmp_path, [gold], [event("deadliest", sentence=mention["sentence"])])["found_events"] == 0
    # coded twice, once per sentence: the act is one event, the second report a false positive
    result = score(tmp_path, [gold], [event("ambushed"), in_mention])
    assert (result["found_events"], result["predicted_events"], result["found"]["precision"]) == (1, 2, 0.5)
    assert result["unmatched_count"] == 0 and result["unpaired_in_gold_sentences"] == 1


def test_pairing_maximises_the_right_pairs_then_the_found_ones(tmp_path):
    # Two attacks in one sentence; the first prediction is right only for the second gold event. A
    # greedy pairing in order would give gold 1 the first prediction and leave nothing right.
    sentence = "Rebels attacked Beni and attacked Butembo on Tuesday."
    text = sentence
    beni = gold_event(sentence=sentence, trigger="attacked", source=[], target=[],
                      place={"name": "Beni", "country": "COD"})  # fmt: skip
    butembo = gold_event(sentence=sentence, trigger="attacked", source=[], target=[],
                         place={"name": "Butembo", "country": "UGA"})  # fmt: skip
    first = event("attacked", sentence=sentence, text=text, source=(), target=(), place="UGA")
    second = event("attacked", sentence=sentence, text=text, source=(), target=(), place="SSD", occurrence=1)
    result = score(tmp_path, [beni, butembo], [first, second], text=text)
    assert (result["found_events"], result["right_events"]) == (2, 1)
    assert [w["gold"] for w in result["wrong"]] == ["t-1#1"] and result["wrong"][0]["wrong"] == ["place"]


def test_one_prediction_pairs_with_one_gold_event_at_most(tmp_path):
    sentence = "Rebels attacked Beni and attacked Butembo on Tuesday."
    golds = [gold_event(sentence=sentence, trigger="attacked", source=[], target=[], place=None)] * 2
    result = score(tmp_path, golds, [event("attacked", sentence=sentence, text=sentence, source=(), target=())],
                   text=sentence)  # fmt: skip
    assert (result["found_events"], result["gold_events"], result["found"]["recall"]) == (1, 2, 0.5)
    assert [m["gold"] for m in result["missed"]] == ["t-1#2"]


@pytest.mark.parametrize("seed", range(30))
def test_the_assignment_is_one_of_maximum_weight(seed):
    rng = random.Random(seed)
    rows, cols = rng.randint(0, 5), rng.randint(1, 5)
    weights = [[rng.choice([0, 0, 1, 1, 9]) for _ in range(cols)] for _ in range(rows)]
    pairs = articles.assign(weights)
    assert len({i for i, _ in pairs}) == len(pairs) == len({j for _, j in pairs})
    assert all(weights[i][j] > 0 for i, j in pairs)
    best = 0
    for chosen in itertools.permutations(range(max(rows, cols)), min(rows, cols)):
        cells = zip(range(rows), chosen) if rows <= cols else zip(chosen, range(cols))
        best = max(best, sum(weights[i][j] for i, j in cells))
    assert sum(weights[i][j] for i, j in pairs) == best


def test_predictions_in_sentences_without_gold_events_are_listed(tmp_path):
    crash = event("killed", sentence=BUS, type="ASSAULT", source=(), target=(), date="2025-03-12")
    pact = event("signed", sentence=PACT, type="SUPPORT", source=(("Niger", "NER", None), ("Mali", "MLI", None)),
                 target=(), date="2025-03-13", place="MLI")  # fmt: skip
    gold_pact = gold_event(type="SUPPORT", trigger="pact", sentence=PACT, date="2025-03-13", target=[],
                           source=[{"name": "Niger", "country": "NER", "sector": None},
                                   {"name": "Mali", "country": "MLI", "sector": None}],
                           place={"name": "Bamako", "country": "MLI"})  # fmt: skip
    result = score(tmp_path, [gold_event(), gold_pact], [event("ambushed"), crash, pact])
    assert result["unmatched_count"] == 1
    assert result["unmatched_predictions"] == [{"article": "t-1", "trigger": "killed", "type": "ASSAULT",
                                                "status": "occurred", "sentence": BUS}]  # fmt: skip
    # "signed" and "pact" share no word: the SUPPORT is not found, and it is in a gold sentence
    assert result["found_events"] == 1 and result["unpaired_in_gold_sentences"] == 1
    assert result["found"] == {"precision": 1 / 3, "recall": 0.5, "f1": pytest.approx(0.4)}
    assert result["per_type"]["SUPPORT"]["gold"] == 1 and result["per_type"]["SUPPORT"]["found"] == 0


def test_the_metrics_over_several_articles(tmp_path):
    a = read_one(tmp_path, gold_article(gold_event(), id="t-1"))
    b = read_one(tmp_path, gold_article(gold_event(), gold_event(trigger="killing"), id="t-2"))
    scores = [articles.score_article(a, text=TEXT, events=[event("ambushed")]),
              articles.score_article(b, text=TEXT, events=[event("ambushed", place="MLI")])]  # fmt: skip
    result = articles.summarise(scores)
    assert (result["articles"], result["gold_events"], result["predicted_events"]) == (2, 3, 2)
    assert result["found"] == {"precision": 1.0, "recall": pytest.approx(2 / 3), "f1": pytest.approx(0.8)}
    assert result["strict"] == {"precision": 0.5, "recall": pytest.approx(1 / 3), "f1": pytest.approx(0.4)}
    assert result["found_f1"] == result["found"]["f1"] and result["strict_f1"] == result["strict"]["f1"]
    assert result["attribute_accuracy"] == {"type": 1.0, "source": 1.0, "target": 1.0, "date": 1.0, "place": 0.5,
                                            "status": 1.0}  # fmt: skip
    assert result["per_article"]["t-2"] == {"gold": 2, "predicted": 1, "found": 1, "right": 0}
    report = articles.render(result, verbose=True)
    assert "right in every part" in report and "t-2#2  ASSAULT  'killing'" in report
    assert "place 'somewhere (MLI)', gold 'Tillaberi (NER)'" in report


# -- through the real pipeline --------------------------------------------------------------------

STORY = ("NAIROBI, Kenya — Kenyan police arrested 40 protesters in Nairobi on Tuesday, witnesses said.\n\n"
         "A truck crash  on the Mombasa highway killed three people on Wednesday.\n\n"
         "Kenyan police arrested 40 protesters in Nairobi on Tuesday, witnesses said.")  # fmt: skip


def test_eval_articles_runs_the_pipeline_and_scores_it(tmp_path):
    gold = gold_article(
        {"type": "COERCE", "status": "occurred", "trigger": "arrested",
         "sentence": "NAIROBI, Kenya — Kenyan police arrested 40 protesters in Nairobi on Tuesday, witnesses said.",
         "source": [{"name": "Kenya police", "country": "KEN", "sector": "COP"}],
         "target": [{"name": "protesters", "country": "KEN", "sector": "OPP"}],
         "date": "2024-06-18", "place": {"name": "Nairobi", "country": "KEN"}},
        text=STORY, id="k-1", published="2024-06-20",
    )  # fmt: skip
    path = tmp_path / "dev-k.jsonl"
    path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["eval", "articles", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout)
    assert (metrics["articles"], metrics["gold_events"]) == (1, 1)
    # the sentence starts with the dateline the cleaner cuts, and its paragraph is repeated (and dropped)
    assert metrics["found_events"] == 1 and metrics["strict_f1"] > 0 and metrics["right_events"] == 1
    assert {"found", "strict", "attribute_accuracy", "per_type", "unmatched_predictions"} <= set(metrics)
    assert all(row["sentence"].startswith("A truck crash") for row in metrics["unmatched_predictions"])
    text = runner.invoke(main, ["eval", "articles", str(path), "-v"])
    assert text.exit_code == 0 and "right in every part" in text.stdout and "gold events not found" in text.stdout


def test_eval_articles_of_a_gold_sentence_not_in_the_text_is_a_user_error(tmp_path):
    gold = gold_article(gold_event(sentence="Rebels seized Bunia.", trigger="seized"), text="Rebels seized Bunia.")
    gold["events"][0]["sentence"] = "Rebels took Bunia."
    (tmp_path / "x.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "articles", str(tmp_path / "x.jsonl")])
    assert result.exit_code == 1 and "is not in the text" in result.output and "Traceback" not in result.output


# -- the violence snippets ------------------------------------------------------------------------


@pytest.mark.parametrize(("types", "label"), [
    ((), "none"), (("ACCUSE", "REQUEST"), "none"), (("CONSULT",), "cooperation"), (("RETREAT", "AID"), "cooperation"),
    (("PROTEST", "AGREE"), "protest"), (("PROTEST", "COERCE"), "violence"), (("AGREE", "ASSAULT"), "violence"),
])  # fmt: skip
def test_a_snippet_takes_the_most_severe_class_of_its_events(types, label):
    events = [event("ambushed", type=t) for t in types]
    assert snippets.predicted_class(events) == label


def test_snippet_scores_have_a_confusion_matrix_and_the_violence_precision():
    gold = [snippets.Snippet(id=str(n), text="x", published=dt.date(2025, 1, 1), label=label)
            for n, label in enumerate(["violence", "none", "none", "protest"])]  # fmt: skip
    coded = {"0": [event("ambushed")], "1": [event("ambushed")], "2": [], "3": [event("ambushed", type="PROTEST")]}
    result = snippets.score(gold, coded)
    assert result["confusion"]["none"] == {"violence": 1, "protest": 0, "cooperation": 0, "none": 1}
    assert result["violence_precision"] == 0.5 and result["accuracy"] == 0.75
    assert [e["id"] for e in result["errors"]] == ["1"]
    report = snippets.render(result, verbose=True)
    assert "gold \\ predicted" in report and "1  none -> violence  [ASSAULT occurred 'ambushed']" in report


@pytest.mark.parametrize(("line", "message"), [
    ({"id": "a", "text": "Rebels attacked.", "published": "2025-01-01", "label": "war"}, "label 'war'"),
    ({"id": "a", "text": "", "published": "2025-01-01", "label": "none"}, "no \"text\""),
    ({"id": "a", "text": "Rebels attacked.", "published": "January", "label": "none"}, "YYYY-MM-DD"),
])  # fmt: skip
def test_a_malformed_snippet_is_an_error(tmp_path, line, message):
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match=message):
        snippets.read(path)


def test_the_snippet_set_is_balanced_and_holds_the_hard_negatives():
    gold = snippets.read(ROOT / "bench" / "snippets" / "violence.jsonl")
    counts = {label: sum(s.label == label for s in gold) for label in snippets.CLASSES}
    assert len(gold) >= 150 and all(35 <= n <= 45 for n in counts.values()), counts
    hard = [s for s in gold if s.label == "none"
            and any(w in s.text.lower() for w in ("killed", "destroyed", "attack", "strike", "blast", "clash"))]
    assert len(hard) >= 20
    assert len({s.text for s in gold}) == len(gold)


def test_eval_violence_runs_the_pipeline(tmp_path):
    path = tmp_path / "s.jsonl"
    lines = [("a", "Gunmen attacked a police post in Zamfara state on Sunday, killing four officers.", "violence"),
             ("b", "Thousands of teachers marched through Accra on Monday to demand higher pay.", "protest"),
             ("c", "A magnitude 5 earthquake shook the coast of Peru on Sunday.", "none")]  # fmt: skip
    path.write_text("".join(json.dumps({"id": i, "text": t, "published": "2025-01-08", "label": label}) + "\n"
                            for i, t, label in lines), encoding="utf-8")  # fmt: skip
    result = CliRunner().invoke(main, ["eval", "violence", str(path), "--json"])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout)
    assert metrics["snippets"] == 3 and set(metrics["confusion"]) == set(snippets.CLASSES)
    assert sum(sum(row.values()) for row in metrics["confusion"].values()) == 3
    assert {"accuracy", "per_class", "violence_precision"} <= set(metrics)
