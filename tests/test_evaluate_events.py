"""The event scorers (PLOVER GSR, ConfliBERT pentacode, PETRARCH-2 validation) and the CAMEO table.

Each reader is tested on a tiny gold file in the benchmark's format, written here with invented
sentences; each scorer with a fake coder whose expected scores are worked out by hand.
"""

from __future__ import annotations

import dataclasses
import json
import pathlib
from collections.abc import Sequence

import pytest

from eventwire.cameo import (
    cameo_name,
    cameo_root,
    cameo_to_plover,
    load_table,
    parse_table,
    plover_default_cameo,
)
from eventwire.errors import ConfigError, EvaluationError
from eventwire.evaluate import pentacode, petrarch, plover
from eventwire.model import EVENT_TYPES, Actor, Event, Span


def actor(country: str | None, sector: str | None = None) -> Actor:
    return Actor(text="x", name="x", country=country, sector=sector)


def event(
    event_type: str, *, source: Sequence[Actor] = (), target: Sequence[Actor] = (),
    cameo: str | None = None, mode: str | None = None, confidence: float = 1.0,
) -> Event:  # fmt: skip
    span = Span(start=0, end=0, text="")
    return Event(
        id=f"{event_type}-{confidence}", article_id="a", event_type=event_type, mode=mode,
        cameo=cameo, source=tuple(source), target=tuple(target), trigger=span, sentence=span,
        date=None, date_precision=None, date_basis=None, status="occurred", location=None,
        confidence=confidence, evidence="test",
    )  # fmt: skip


class FakeCoder:
    """Return fixed events per sentence and record the size of every batch."""

    def __init__(self, events: dict[str, list[Event]]):
        self.events = events
        self.batches: list[int] = []

    def __call__(self, texts: list[str]) -> list[list[Event]]:
        self.batches.append(len(texts))
        return [self.events[text] for text in texts]


# --- the CAMEO table ---------------------------------------------------------------------------


@pytest.mark.parametrize(("code", "root"), [
    ("0871", "08"), ("190", "19"), ("19", "19"), ("2042", "20"), (" 173 ", "17"), ("010", "01"),
    ("21", None), ("00", None), ("abc", None), ("12345", None), ("", None), (None, None),
])  # fmt: skip
def test_cameo_root_is_the_first_two_digits_of_a_valid_code(code, root):
    assert cameo_root(code) == root


@pytest.mark.parametrize(("code", "expected"), [
    ("173", ("COERCE", "arrest")),
    ("0871", ("RETREAT", "ceasefire")),
    ("090", ("ACCUSE", "investigate")),
    ("110", ("ACCUSE", "disapprove")),
    ("163", ("COERCE", "restrict")),  # filed under COERCE although its root is 16
    ("191", ("COERCE", "restrict")),
    ("1712", ("ASSAULT", "seize")),
    ("036", ("AGREE", None)),
    ("08", ("CONCEDE", None)),  # a bare root takes its general code, 080
    ("0815", ("CONCEDE", None)),  # not in the table: its parent 081
    ("010", None), ("023", None),  # make statement and appeal have no PLOVER type
    ("99", None), (None, None),
])  # fmt: skip
def test_cameo_to_plover_follows_the_conversion_table(code, expected):
    assert cameo_to_plover(code) == expected


@pytest.mark.parametrize("event_type", EVENT_TYPES)
def test_every_plover_type_has_a_default_cameo_code_that_converts_back(event_type):
    code = plover_default_cameo(event_type)
    assert code is not None
    assert cameo_to_plover(code)[0] == event_type


@pytest.mark.parametrize(("event_type", "mode", "code"), [
    ("ACCUSE", "investigate", "090"), ("RETREAT", "ceasefire", "0871"), ("COERCE", "arrest", "173"),
    ("COERCE", "restrict", "172"),  # the type's own root (17) before 163 and 191
    ("ASSAULT", "firearms", "193"), ("CONSULT", None, "040"), ("COERCE", "cyber", "170"),
    ("CRIME", None, None),
])  # fmt: skip
def test_plover_default_cameo_uses_the_mode_when_the_table_has_it(event_type, mode, code):
    assert plover_default_cameo(event_type, mode=mode) == code


def test_default_codes_of_every_type_and_mode_in_the_table_convert_back():
    pairs = {(e.event_type, e.mode) for e in load_table().values() if e.mode}
    for event_type, mode in pairs:
        assert cameo_to_plover(plover_default_cameo(event_type, mode=mode)) == (event_type, mode)


def test_the_table_covers_every_plover_type_and_names_its_codes():
    assert {e.event_type for e in load_table().values()} == set(EVENT_TYPES)
    assert cameo_name("173").startswith("Arrest")


@pytest.mark.parametrize(("row", "message"), [
    ("040\tConsult\tCONSULT\t", "5 tab-separated columns"),
    ("4x0\tConsult\tCONSULT\t\t", "not a 3- or 4-digit CAMEO code"),
    ("040\tConsult\tMEET\t\t", "not a PLOVER event type"),
    ("040\tConsult\tCONSULT\t\t\n040\tConsult\tCONSULT\t\t", "listed twice"),
])  # fmt: skip
def test_a_malformed_table_row_is_a_config_error(row, message):
    text = "# comment\ncode\tcameo_name\tplover_type\tplover_mode\tplover_context\n" + row + "\n"
    with pytest.raises(ConfigError, match=message):
        parse_table(text)


# --- PLOVER gold standard records --------------------------------------------------------------

ARREST = "Kenyan police arrested ten protesters in Nairobi on Tuesday."
MEETING = "Ghana's president met Togo's foreign minister in Accra."
DEMAND = "Peruvian students demanded that the government free their teachers."
SHELLING = "Rebels shelled the town of Kalemie, killing six villagers."
WITHDRAWAL = "Chilean troops withdrew from the border and the government criticised Bolivia."


def plover_record(id_: str, event_name: str, text: str, *, source=(), target=(), mode=None):
    record = {"id": id_, "date": "2000-01-01", "event": event_name, "text": text,
              "source": list(source),
              "target": target if isinstance(target, str) else list(target)}  # fmt: skip
    if mode is not None:
        record["mode"] = mode
    return record


def gsr(code: str, sector: str | None = None) -> dict[str, str]:
    entry = {"actorText": "x", "code": code}
    if sector is not None:
        entry["sector"] = sector
    return entry


@pytest.fixture
def plover_file(tmp_path: pathlib.Path) -> pathlib.Path:
    records = [
        {"id": "DOC-0001", "event": "DOCUMENT", "eventText": "file documentation"},
        plover_record("COERCE-1", "COERCE", ARREST, source=[gsr("KEN", "COP")],
                      target=[gsr("KEN", "CVLkik")], mode="detain"),
        plover_record("CONSULT-1", "CONSULT", MEETING, source=[gsr("GHA", "GOV")],
                      target=[gsr("TGO", "GOV")], mode=""),
        plover_record("DEMAND-1", "DEMAND", DEMAND, source=[gsr("PER", "EDU")],
                      target=[gsr("PER")]),
        plover_record("FIGHT-1", "FIGHT", SHELLING, source=[gsr("COD", "REB")],
                      target=[gsr("COD", "CVL")], mode="heavy-weapons"),
        plover_record("RETREAT-1", "RETREAT", WITHDRAWAL, source=[gsr("CHL", "MIL")], target=""),
        plover_record("DISAPPROVE-1", "DISAPPROVE", WITHDRAWAL, source=[gsr("CHL", "GOV")],
                      target=[gsr("BOL", "***")]),
    ]
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


def test_plover_reader_converts_old_names_modes_and_codes(plover_file):
    items = {item.id: item for item in plover.read(plover_file)}
    assert list(items) == ["COERCE-1", "CONSULT-1", "DEMAND-1", "FIGHT-1", "RETREAT-1",
                           "DISAPPROVE-1"]  # fmt: skip
    assert items["COERCE-1"].modes == {"arrest"}  # "detain" is "arrest" now
    assert items["COERCE-1"].target[0].sector == "CVL"  # ethnic suffix dropped
    assert items["CONSULT-1"].modes == frozenset()
    assert items["DEMAND-1"].event_type == "REQUEST"
    assert items["DEMAND-1"].target[0].sector is None
    assert (items["FIGHT-1"].event_type, items["FIGHT-1"].original_event) == ("ASSAULT", "FIGHT")
    assert items["RETREAT-1"].target == ()  # a string instead of a list: no target
    assert items["DISAPPROVE-1"].event_type == "ACCUSE"
    assert items["DISAPPROVE-1"].modes == {"disapprove", "allege"}
    assert items["DISAPPROVE-1"].target[0].sector is None  # "***"


@pytest.mark.parametrize(("code", "country"), [
    ("USA", "USA"), ("IGO", "IGO"), ("JAP", "JPN"), ("ITL", "ITA"), ("ISM", None), ("---", None),
])  # fmt: skip
def test_plover_gold_country_codes_are_iso_or_organisation_codes(code, country):
    assert plover.gold_country(code) == country


def test_plover_reader_rejects_unknown_event_names(tmp_path):
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps([plover_record("X-1", "CRIME", ARREST)]), encoding="utf-8")
    with pytest.raises(EvaluationError, match="unknown event 'CRIME'"):
        plover.read(path)


def test_plover_reader_rejects_a_file_that_is_not_a_json_array(tmp_path):
    path = tmp_path / "gsr.json"
    path.write_text('{"event": "AGREE"}', encoding="utf-8")
    with pytest.raises(EvaluationError, match="not a JSON array"):
        plover.read(path)


def plover_coder() -> FakeCoder:
    return FakeCoder({
        # right type, actors and mode
        ARREST: [event("COERCE", source=[actor("KEN", "COP")], target=[actor("KEN", "CVL")],
                       mode="arrest", confidence=0.9)],
        # main event (most confident) has the wrong type; the right one comes second
        MEETING: [event("CONSULT", source=[actor("GHA", "GOV")], target=[actor("TGO", "GOV")],
                        confidence=0.6),
                  event("SUPPORT", source=[actor("GHA", "GOV")], target=[actor("TGO", "GOV")],
                        confidence=0.8)],
        DEMAND: [],
        # right type and source; target sector missing; wrong mode
        SHELLING: [event("ASSAULT", source=[actor("COD", "REB")], target=[actor("COD")],
                         mode="firearms")],
        # two gold records share this sentence: paired with the two most confident events
        WITHDRAWAL: [event("ACCUSE", source=[actor("CHL", "GOV")], target=[actor("BOL")],
                           mode="disapprove", confidence=0.7),
                     event("RETREAT", source=[actor("CHL", "MIL")], confidence=0.5),
                     event("PROTEST", source=[actor("CHL", "CVL")], confidence=0.1)],
    })  # fmt: skip


def test_plover_scorer_counts_main_events_actors_and_modes(plover_file):
    coder = plover_coder()
    scores = plover.evaluate(plover_file, code=coder, batch_size=2)
    assert coder.batches == [2, 2, 1]  # five distinct sentences
    assert scores["n"] == 6 and scores["sentences"] == 5
    assert scores["accuracy"] == pytest.approx(4 / 6)
    assert scores["any_match_accuracy"] == pytest.approx(5 / 6)
    assert scores["no_event"] == 1
    # gold classes: COERCE, CONSULT, REQUEST, ASSAULT, RETREAT, ACCUSE; four have F1 1, two 0
    assert scores["macro_f1"] == pytest.approx(4 / 6)
    assert scores["per_class"]["CONSULT"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0,
                                              "support": 1}  # fmt: skip
    assert scores["per_class"]["SUPPORT"]["support"] == 0
    assert scores["per_class"]["COERCE"]["f1"] == 1.0
    assert scores["confusion"]["REQUEST"] == {plover.NO_EVENT: 1}
    assert scores["source"] == pytest.approx(
        {"accuracy": 5 / 6, "country_accuracy": 5 / 6, "accuracy_when_type_correct": 4 / 4})
    assert scores["target"] == pytest.approx(
        {"accuracy": 4 / 6, "country_accuracy": 5 / 6, "accuracy_when_type_correct": 3 / 4})
    assert scores["mode"] == pytest.approx({"accuracy": 2 / 3, "n": 3})


def test_a_coder_returning_the_wrong_number_of_results_is_an_evaluation_error(plover_file):
    with pytest.raises(EvaluationError, match="one list of events per sentence"):
        plover.evaluate(plover_file, code=lambda texts: [[]])


@pytest.mark.parametrize(("gold", "system", "sector", "expected"), [
    (("USA", "GOV"), ("USA", "GOV"), True, True),
    (("USA", None), ("USA", "GOV"), True, True),  # the gold leaves the sector open
    (("USA", "GOV"), ("USA", None), True, False),
    (("USA", "GOV"), ("USA", "MIL"), False, True),
    (("USA", None), ("CAN", None), False, False),
    ((None, "REB"), (None, "REB"), True, True),
    # a gold secondary code (IGOMIL: NATO troops) needs the organisation actor's agent
    (("IGO", "MIL"), ("IGO", None), True, False),
    (("IGO", "MIL"), ("IGO", None), False, True),
    (("IGO", "MIL"), ("IGO", "GOV"), True, False),
    (("IGO", "MIL"), (None, "MIL"), True, False),
])  # fmt: skip
def test_actor_matches(gold, system, sector, expected):
    assert plover.actor_matches(gold, system, sector=sector) is expected


def test_an_actor_without_country_and_with_an_organisation_sector_takes_it_as_its_code():
    assert plover.actor_key(actor(None, "IGO")) == ("IGO", None)
    assert plover.actor_key(actor("usa", "gov")) == ("USA", "GOV")
    # a member of an organisation: its own sector is CAMEO's secondary code (IGOUNOMIL)
    troops = Actor(text="UN troops", name="UN troops", sector="IGO", organisation="United Nations", agent="MIL")
    assert plover.actor_key(troops) == ("IGO", "MIL")


def test_main_event_is_the_most_confident_and_the_first_of_equals():
    first, second, third = (event("AID", confidence=0.5), event("AGREE", confidence=0.9),
                            event("CONSULT", confidence=0.9))  # fmt: skip
    assert plover.main_event([first, second, third]) is second
    assert plover.main_event([]) is None


# --- ConfliBERT pentacode -----------------------------------------------------------------------

PENTACODE_ROWS = [
    ("Gunmen killed three guards at a checkpoint near Mosul.", 4),
    ("The Dutch and Belgian prime ministers held talks in Brussels.", 1),
    ('The minister called the report ""deeply flawed"" on Monday.', 0),
    ("Canada imposed sanctions on four Venezuelan officials.", 3),
    ("Farmers demanded that the government resign.", 3),
    ("Japan sent emergency food aid to flood victims in Pakistan.", 2),
    ("The UN envoy urged both sides to return to talks.", 0),
    ("Police blockaded the opposition party's headquarters.", 4),
]


@pytest.fixture
def pentacode_file(tmp_path: pathlib.Path) -> pathlib.Path:
    lines = []
    for text, label in PENTACODE_ROWS:
        lines.append(f'"{text}"\t{label}' if '""' in text else f"{text}\t{label}")
    path = tmp_path / "pentacode.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_pentacode_reader_reads_sentences_and_classes_with_csv_quoting(pentacode_file):
    items = pentacode.read(pentacode_file)
    assert [item.label for item in items] == [label for _, label in PENTACODE_ROWS]
    assert items[2].text == 'The minister called the report "deeply flawed" on Monday.'
    assert items[0].id == "1"


def test_pentacode_reader_rejects_a_class_outside_0_to_4(tmp_path):
    path = tmp_path / "pentacode.tsv"
    path.write_text("Troops crossed the border.\t5\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="class 0-4"):
        pentacode.read(path)


@pytest.mark.parametrize(("coded", "label"), [
    (None, 0),
    (event("REQUEST"), 0),  # an appeal
    (event("REQUEST", cameo="1041"), 3),  # a demand
    (event("SANCTION"), 3),
    (event("COERCE", cameo="163"), 3),  # root 16
    (event("COERCE", cameo="173"), 4),
    (event("CONCEDE"), 2),
    (event("SUPPORT", cameo="057"), 1),
    (event("ACCUSE", cameo="bogus"), 3),  # an invalid code falls back to the type
])  # fmt: skip
def test_pentacode_class_of_an_event(coded, label):
    assert pentacode.event_class(coded) == label


def test_pentacode_maps_every_plover_type():
    assert set(pentacode.TYPE_CLASS) == set(EVENT_TYPES)


def test_pentacode_scorer_counts_main_event_classes(pentacode_file):
    texts = [item.text for item in pentacode.read(pentacode_file)]
    coder = FakeCoder(dict(zip(texts, [
        [event("ASSAULT")],  # 4, right
        [event("CONSULT")],  # 1, right
        [],  # no event: 0, right
        [event("SANCTION")],  # 3, right
        [event("REQUEST", cameo="1041")],  # 3, right
        [event("AID", confidence=0.4), event("ACCUSE", confidence=0.9)],  # main 3, gold 2
        [event("REQUEST")],  # 0, right
        [event("COERCE", cameo="163")],  # 3, gold 4
    ], strict=True)))  # fmt: skip
    scores = pentacode.evaluate(pentacode_file, code=coder, batch_size=3)
    assert coder.batches == [3, 3, 2]
    assert scores["n"] == 8 and scores["no_event"] == 1
    assert scores["accuracy"] == pytest.approx(6 / 8)
    assert scores["any_match_accuracy"] == pytest.approx(7 / 8)
    assert scores["per_class"][3] == pytest.approx(
        {"precision": 2 / 4, "recall": 1.0, "f1": 2 / 3, "support": 2})
    assert scores["per_class"][4] == pytest.approx(
        {"precision": 1.0, "recall": 1 / 2, "f1": 2 / 3, "support": 2})
    assert scores["per_class"][2]["f1"] == 0.0
    assert scores["macro_f1"] == pytest.approx((1 + 1 + 0 + 2 / 3 + 2 / 3) / 5)
    assert scores["confusion"] == [
        [2, 0, 0, 0, 0],
        [0, 1, 0, 0, 0],
        [0, 0, 0, 1, 0],
        [0, 0, 0, 2, 0],
        [0, 0, 0, 1, 1],
    ]


# --- PETRARCH-2 validation records --------------------------------------------------------------

PETRARCH_XML = """<?xml version='1.0' encoding='utf-8'?>
<Validation>
##########################################
#   TEST RECORDS
##########################################
<Environment>
    <Verbfile>CAMEO.2.0.txt</Verbfile>
</Environment>
<Sentences>
<Sentence category="TEST" date="20240101" id="MEET_1" evaluate="true"/>
<EventCoding eventcode="042" sourcecode="NOR" targetcode="COLREB" />
<Text>
Norwegian mediators met Colombian rebels in Havana.
</Text>
<Parse>
1	Norwegian	Norwegian	ADJ	JJ	_	2	amod	_	_
</Parse>
</Sentence>

<Sentence category="TEST" date="20240101" id="STRIKE_1" evaluate="true">
<EventCoding eventcode="195" sourcecode="TURMIL" targetcode="IRQREBKUR" />
<Text>
Turkish jets bombed Kurdish militants in northern
Iraq, officials said.
</Text>
</Sentence>

<Sentence category="TEST" date="20240101" id="NONE_1" evaluate="true"/>
<EventCoding noevents="True" />
<Text>
</Text>
<Parse>
1	The	the	DET	DT	_	2	det	_	_
2	talks	talk	NOUN	NNS	_	5	nsubj	_	_
3	may	may	AUX	MD	_	5	aux	_	_
4	last	last	VERB	VB	_	0	root	_	_
5	a	a	DET	DT	_	6	det	_	_
6	week	week	NOUN	NN	_	4	obj	_	SpaceAfter=No
7	.	.	PUNCT	.	_	4	punct	_	_
</Parse>
</Sentence>

<Sentence category="TEST" date="20240101" id="NONE_2" evaluate="true"/>
<EventCoding noevents="True" />
<Text>
A British minister said the report was ``premature''.
</Text>
</Sentence>

<Sentence category="TEST" date="20240101" id="RECIPROCAL_1" evaluate="true"/>
<EventCoding eventcode="036" sourcecode="GHA" targetcode="TGO" />
<EventCoding eventcode="036" sourcecode="TGO" targetcode="GHA" />
<Text>
Ghana and Togo said they would hold border talks.
</Text>
</Sentence>

<Sentence category="TEST" date="20240101" id="ARREST_1" evaluate="true"/>
<EventCoding eventcode="173" sourcecode="EGYCOP" targetcode="EGYOPP" />
<Text>
Egyptian police detained opposition activists after a rally.
</Text>
</Sentence>

<Sentence category="TEST" date="20240101" id="ACCUSE_1" evaluate="true"/>
<EventCoding eventcode="112" sourcecode="USA" targetcode="IRN" />
<Text>
Washington accused Iran of arming the rebels.
</Text>
</Sentence>

<Sentence category="TEST" date="20240101" id="SKIPPED_1" evaluate="false"/>
<EventCoding eventcode="040" sourcecode="USA" targetcode="CAN" />
<Text>
Skipped sentence.
</Text>
</Sentence>
</Sentences>
</Validation>
"""


@pytest.fixture
def petrarch_file(tmp_path: pathlib.Path) -> pathlib.Path:
    path = tmp_path / "validation.xml"
    path.write_text(PETRARCH_XML, encoding="utf-8")
    return path


def test_petrarch_reader_reads_codings_text_and_falls_back_to_the_parse(petrarch_file):
    items = {item.id: item for item in petrarch.read(petrarch_file)}
    assert list(items) == ["MEET_1", "STRIKE_1", "NONE_1", "NONE_2", "RECIPROCAL_1", "ARREST_1",
                           "ACCUSE_1"]  # fmt: skip
    assert items["MEET_1"].triples == (
        petrarch.GoldTriple(source="NOR", target="COLREB", cameo="042"),)
    assert items["STRIKE_1"].text == ("Turkish jets bombed Kurdish militants in northern Iraq, "
                                      "officials said.")
    assert items["NONE_1"].text == "The talks may last a week."
    assert items["NONE_1"].triples == ()
    assert items["NONE_2"].text == 'A British minister said the report was "premature".'
    assert len(items["RECIPROCAL_1"].triples) == 2


@pytest.mark.parametrize(("code", "key"), [
    ("IRQGOVMIL", ("IRQ", "GOV")), ("PSEGZACVL", ("PSE", "CVL")), ("IGOEUREEC", ("IGO", None)),
    ("IGOUNOMIL", ("IGO", "MIL")), ("---REB", (None, "REB")), ("---", (None, None)),
    ("USA", ("USA", None)), ("IMGMUSISI", ("IMG", None)),
])  # fmt: skip
def test_cameo_actor_codes_are_compared_by_country_and_first_sector(code, key):
    assert petrarch.parse_actor_code(code) == key


def test_an_event_with_several_sources_and_no_target_gives_reciprocal_triples():
    coded = event("AGREE", source=[actor("GHA"), actor("TGO")], cameo="036")
    assert petrarch.system_triples(coded) == {
        (("GHA", None), ("TGO", None), "03"), (("TGO", None), ("GHA", None), "03")}


def test_an_event_with_no_codable_actor_on_either_side_gives_no_triple():
    released = event("RETREAT", mode="release", target=[actor(None)], cameo="0841")
    assert petrarch.system_triples(released) == set()
    assert petrarch.system_triples(event("RETREAT", cameo="0841")) == set()
    # one side known is enough: PETRARCH writes "---" for the other
    freed_by_israel = event("RETREAT", source=[actor("ISR")], target=[actor(None)], cameo="0841")
    assert petrarch.system_triples(freed_by_israel) == {(("ISR", None), (None, None), "08")}
    by_rebels = event("ASSAULT", source=[actor(None, "REB")], cameo="190")
    assert petrarch.system_triples(by_rebels) == {((None, "REB"), (None, None), "19")}


def test_petrarch_scorer_matches_triples_and_roots(petrarch_file):
    texts = {item.id: item.text for item in petrarch.read(petrarch_file)}
    coder = FakeCoder({
        # no CAMEO code: CONSULT's default 040, root 04; gold NOR has no sector, so GOV is fine
        texts["MEET_1"]: [event("CONSULT", source=[actor("NOR", "GOV")],
                                target=[actor("COL", "REB")])],
        # right root and countries, wrong target sector
        texts["STRIKE_1"]: [event("ASSAULT", cameo="190", source=[actor("TUR", "MIL")],
                                  target=[actor("IRQ", "UAF")])],
        texts["NONE_1"]: [],
        texts["NONE_2"]: [event("ACCUSE", source=[actor("GBR", "GOV")])],  # a false positive
        texts["RECIPROCAL_1"]: [event("AGREE", source=[actor("GHA"), actor("TGO")])],
        # mode "arrest" gives 173; the protest is a false positive
        texts["ARREST_1"]: [event("COERCE", mode="arrest", source=[actor("EGY", "COP")],
                                  target=[actor("EGY", "OPP")], confidence=0.9),
                            event("PROTEST", source=[actor("EGY", "OPP")], confidence=0.3)],
        # main event REJECT (root 12) is wrong, the second one right
        texts["ACCUSE_1"]: [event("REJECT", source=[actor("USA")], target=[actor("IRN")],
                                  confidence=0.8),
                            event("ACCUSE", source=[actor("USA", "GOV")], target=[actor("IRN")],
                                  cameo="112", confidence=0.5)],
    })  # fmt: skip
    scores = petrarch.evaluate(petrarch_file, code=coder)
    assert coder.batches == [7]
    assert (scores["n"], scores["gold_triples"], scores["system_triples"]) == (7, 6, 9)
    # matched: MEET 1, RECIPROCAL 2, ARREST 1, ACCUSE 1
    assert scores["precision"] == pytest.approx(5 / 9)
    assert scores["recall"] == pytest.approx(5 / 6)
    assert scores["f1"] == pytest.approx(2 / 3)
    # ignoring sectors STRIKE matches too
    assert scores["country"] == pytest.approx({"precision": 6 / 9, "recall": 1.0, "f1": 4 / 5})
    assert scores["root_accuracy"] == pytest.approx(4 / 5)
    assert scores["root_any_match_accuracy"] == 1.0
    assert scores["noevent_accuracy"] == pytest.approx(1 / 2)
    assert scores["per_class"]["19"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1}
    assert scores["per_class"]["11"] == pytest.approx(
        {"precision": 1 / 2, "recall": 1.0, "f1": 2 / 3, "support": 1})
    assert scores["per_class"]["14"]["support"] == 0
    assert scores["per_class"]["03"]["f1"] == 1.0


def test_petrarch_reader_rejects_a_file_without_sentences(tmp_path):
    path = tmp_path / "empty.xml"
    path.write_text("<Validation></Validation>", encoding="utf-8")
    with pytest.raises(EvaluationError, match="no <Sentence> records"):
        petrarch.read(path)


@pytest.mark.parametrize(("gold", "system", "sector", "matches"), [
    # "---LEG": a legislature whose country PETRARCH did not find; any country will do
    ((None, "LEG"), ("USA", "LEG"), True, True),
    ((None, "LEG"), ("USA", "GOV"), True, False),
    ((None, "LEG"), ("USA", "GOV"), False, True),
    # a bare "---": no actor found, so any actor or none
    ((None, None), ("RUS", "MIL"), True, True),
    ((None, None), (None, None), True, True),
    # a country, with or without a sector, must be that country
    (("USA", None), ("USA", "GOV"), True, True),
    (("USA", None), (None, "GOV"), True, False),
    (("USA", "GOV"), ("USA", "LEG"), True, False),
])  # fmt: skip
def test_a_gold_code_without_a_country_leaves_the_country_open(gold, system, sector, matches):
    assert petrarch.gold_actor_matches(gold, system, sector=sector) is matches


def test_hypothetical_events_are_not_coded(tmp_path):
    path = tmp_path / "validation.xml"
    path.write_text("""<Sentences>
<Sentence category="TEST" date="20240101" id="ASK_1" evaluate="true"/>
<EventCoding eventcode="023" sourcecode="---LEG" targetcode="KENGOV" />
<Text>
Parliament asked the Kenyan president to help Somalia.
</Text>
</Sentence>
</Sentences>""", encoding="utf-8")
    asked = event("REQUEST", cameo="023", source=[actor("KEN", "LEG")], target=[actor("KEN", "GOV")],
                  confidence=0.8)
    # what was asked for: more confident here, but it did not happen
    helped = dataclasses.replace(event("AID", source=[actor("KEN", "GOV")], target=[actor("SOM")]),
                                 status="hypothetical")  # fmt: skip
    assert petrarch.system_triples(helped) == set()
    scores = petrarch.evaluate(path, code=FakeCoder({
        "Parliament asked the Kenyan president to help Somalia.": [helped, asked]}))  # fmt: skip
    assert (scores["precision"], scores["recall"], scores["system_triples"]) == (1.0, 1.0, 1)
    assert scores["root_accuracy"] == 1.0
