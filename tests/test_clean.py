from __future__ import annotations

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from eventwire.clean import clean, date_line, drop_repeated_paragraphs, english_ratio, normalise, split_dateline
from eventwire.errors import InputError
from eventwire.model import RawArticle

ENGLISH = (
    "The government said on Monday that it would send more troops to the border region after "
    "a week of clashes between rival groups, and officials asked residents to stay at home."
)


def test_normalise_folds_whitespace_controls_and_line_breaks():
    text = "  First\u00a0 line\t here\r\n\r\n\u200bSecond\x07 line \u2028Third  "
    assert normalise(text) == "First line here\nSecond line\nThird"


def test_normalise_applies_nfkc():
    assert normalise("ﬁre ＡＢＣ") == "fire ABC"


@pytest.mark.parametrize(
    ("text", "dateline", "rest"),
    [
        ("ERBIL, Kurdistan Region – Troops left.", "ERBIL, Kurdistan Region", "Troops left."),
        ("NAIROBI (Reuters) - Police said.", "NAIROBI", "Police said."),
        ("WASHINGTON — The senate voted.", "WASHINGTON", "The senate voted."),
        ("MOGADISHU, Somalia — Fighters attacked.", "MOGADISHU, Somalia", "Fighters attacked."),
        ("NEW YORK -- Talks resumed.", "NEW YORK", "Talks resumed."),
        ("The army - which had retreated - came back.", None, "The army - which had retreated - came back."),
        ("US - China talks began.", None, "US - China talks began."),
    ],
)
def test_split_dateline(text, dateline, rest):
    assert split_dateline(text) == (dateline, rest)


def test_exact_and_near_repeated_paragraphs_are_dropped_and_counted():
    para = "Rebels seized the northern town of Kidal after two days of heavy fighting with the army."
    near = para.replace("heavy", "fierce")
    other = "The president called an emergency meeting of his security council on Sunday evening."
    text, dropped = drop_repeated_paragraphs("\n".join([para, other, para, near]))
    assert text == "\n".join([para, other])
    assert dropped == 2


def test_short_distinct_paragraphs_are_kept():
    text, dropped = drop_repeated_paragraphs("Advertisement\nTroops left.\nTroops arrived.")
    assert dropped == 0 and text.count("\n") == 2


def test_clean_keeps_dateline_and_ids_by_content():
    raw = RawArticle(text="KABUL — " + ENGLISH + "\n" + ENGLISH, title=" A  title ")
    article = clean(raw)
    assert article.dateline == "KABUL"
    assert article.text == ENGLISH
    assert article.title == "A title"
    assert article.removed_paragraphs == 1
    assert article.id == article.content_hash
    assert clean(raw).id == article.id


def test_given_id_is_kept():
    assert clean(RawArticle(text=ENGLISH, id="story-7")).id == "story-7"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("Le gouvernement a annoncé lundi qu'il enverrait davantage de soldats dans la région "
         "frontalière après une semaine d'affrontements entre groupes rivaux.", "not English"),
        ("Правительство заявило в понедельник, что направит дополнительные войска в приграничный "
         "район после недели столкновений.", "non-Latin"),
        ("Hi", "too short"),
    ],
)
def test_clean_refuses_with_reason(text, reason):
    with pytest.raises(InputError) as info:
        clean(RawArticle(text=text))
    assert reason in info.value.reason


def test_clean_refuses_overlong_text():
    with pytest.raises(InputError, match="over the limit"):
        clean(RawArticle(text=ENGLISH * 100), max_chars=1000)


def test_english_ratio_separates_english_from_other_languages():
    assert english_ratio(ENGLISH)[0] > 0.2
    ratio, _, foreign = english_ratio("Die Regierung hat am Montag angekündigt, mehr Soldaten zu schicken.")
    assert ratio < 0.12 and foreign >= 1


@pytest.mark.parametrize(
    "text",
    ["Kenya's parliament passed a resolution demanding new elections.", "Troops left Goma.",
     "Rebels attacked a police station in Goma on Tuesday."],
)  # fmt: skip
def test_short_english_sentences_are_accepted(text):
    assert clean(RawArticle(text=text)).text == text


@pytest.mark.parametrize(
    "text",
    ["Les soldats sont entrés dans la ville.", "El ejército entró en la ciudad con los tanques.",
     "Die Armee ist mit den Panzern in die Stadt eingerückt."],
)  # fmt: skip
def test_short_foreign_sentences_are_refused(text):
    with pytest.raises(InputError, match="not English"):
        clean(RawArticle(text=text))


@hsettings(max_examples=200, deadline=None)
@given(st.text())
def test_normalise_never_raises_and_is_idempotent(text):
    once = normalise(text)
    assert normalise(once) == once
    assert "\r" not in once and "\t" not in once


@hsettings(max_examples=200, deadline=None)
@given(st.one_of(st.text(), st.binary().map(lambda b: b.decode("latin-1"))))
def test_clean_raises_only_input_errors_and_keeps_text_consistent(text):
    try:
        article = clean(RawArticle(text=text))
    except InputError:
        return
    assert article.text == normalise(article.text)
    assert article.text.strip()


@pytest.mark.parametrize(("text", "expected"), [
    ("Ceasefire holds\n\nMarch 4, 2025\n\nThe truce held overnight.", "2025-03-04"),
    ("Tuesday, 4 March 2025 10:32 AM EST\n\nThe truce held overnight.", "2025-03-04"),
    ("Headline\n\nUpdated: 2025-03-04 at 09:15\n\nText.", "2025-03-04"),
    ("on Mar 4 2025, 5: 55p\n\nText.", "2025-03-04"),
    ("The truce held overnight on March 4, 2025.", None),  # a date inside a sentence is not a date line
    ("March 2025\n\nText.", None),  # no day
    ("One\n\nTwo\n\nThree\n\nFour\n\nMarch 4, 2025", None),  # too far down
    ("February 30, 2025\n\nText.", None),
])  # fmt: skip
def test_a_date_line_near_the_top_is_found(text, expected):
    found = date_line(text)
    assert (found.isoformat() if found else None) == expected


def test_an_undated_article_takes_its_date_line_as_publication_date():
    text = "Troops leave the capital\n\nMarch 4, 2025\n\nThe troops left the capital on Monday."
    assert clean(RawArticle(text=text)).published.isoformat() == "2025-03-04"
    given = RawArticle(text=text, published=__import__("datetime").date(2025, 3, 6))
    assert clean(given).published.isoformat() == "2025-03-06"  # a given date is never overridden
