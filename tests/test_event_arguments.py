"""Who an event's arguments are when the parse hides them: reduced passive relatives, the
attacker an attack noun's nationality names, the instrument of an attack and its user."""

from __future__ import annotations

import pytest


def keys(actors):
    return sorted((a.country, a.sector) for a in actors)


def triggered(events, trigger):
    found = [e for e in events if e.trigger.text == trigger]
    assert len(found) == 1, [(e.event_type, e.trigger.text) for e in events]
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "trigger", "source", "target"),
    [
        # the parser takes the participle for the main verb and its noun for the subject
        ("The reporters detained for insulting the governor were freed by the new junta.", "detained",
         [], [(None, "MED")]),
        ("The reporters detained for insulting the governor were freed by the new junta.", "freed",
         [(None, "MIL")], [(None, "MED")]),
        ("The students jailed for mocking the president were released on Monday.", "jailed", [], [(None, "EDU")]),
        ("The students jailed for mocking the president were released on Monday.", "released", [], [(None, "EDU")]),
        # a participle the parser reads as one: the noun it modifies is what was done to it
        ("Herders abducted by the militia last month were found alive.", "abducted",
         [(None, "UAF")], [(None, "AGR")]),
        ("Two nurses killed in the raid were buried on Sunday.", "killed", [], [(None, "HLH")]),
    ],
)  # fmt: skip
def test_a_reduced_passive_relative_names_its_patient(events_of, sentence, trigger, source, target):
    event = triggered(events_of(sentence), trigger)
    assert keys(event.source) == source
    assert keys(event.target) == target


def test_an_active_verb_with_a_complement_is_no_relative(events_of):
    events = events_of("The Kenyan army prepared to resume shelling rebel positions as talks were deadlocked.")
    event = triggered(events, "shelling")
    assert keys(event.source) == [("KEN", "MIL")]


def test_a_noun_in_apposition_is_not_the_patient_of_a_following_verb(events_of):
    events = events_of("Officials are failing to protect the farmers, a rights group protested on Monday.")
    assert all(("NGO" not in {a.sector for a in e.target}) for e in events)


@pytest.mark.parametrize(
    ("sentence", "trigger", "source", "target"),
    [
        # a nationality on the attack noun of "killed in", "wounded by", "died in"
        ("Two farmers were killed in Turkish artillery fire near the border.", "killed",
         [("TUR", None)], [(None, "AGR")]),
        ("Four herders were wounded by Syrian mortar fire on Monday.", "wounded", [("SYR", None)], [(None, "AGR")]),
        ("Seven villagers died in a Saudi air strike on the port.", "strike", [("SAU", None)], [(None, "CVL")]),
        # the parser splits "tank shelling" or "Russian shelling" into a noun and a participle
        ("Two teachers were killed in Israeli tank shelling in the south of the city.", "killed",
         [("ISR", "MIL")], [(None, "EDU")]),
        ("Seven villagers died in Russian shelling on Monday.", "shelling", [("RUS", None)], [(None, "CVL")]),
        ("Five pilgrims were killed by Russian shelling in the east.", "killed", [("RUS", None)], [(None, "CVL")]),
    ],
)  # fmt: skip
def test_the_nationality_of_an_attack_names_the_attacker(events_of, sentence, trigger, source, target):
    events = [e for e in events_of(sentence) if e.event_type == "ASSAULT"]
    assert len(events) == 1, [(e.trigger.text, keys(e.source), keys(e.target)) for e in events]
    (event,) = events
    assert event.trigger.text == trigger
    assert keys(event.source) == source
    assert keys(event.target) == target


def test_a_place_of_death_is_no_attacker(events_of):
    event = triggered(events_of("Two soldiers were killed in Syrian custody last year."), "killed")
    assert all(a.kind != "country" for a in event.source)


@pytest.mark.parametrize(
    ("sentence", "trigger", "source", "target"),
    [
        # the weapon is no actor, whatever its name; who fired it is
        ("The cargo plane was shot down by a missile fired by the separatists.", "shot",
         [(None, "SEP")], []),
        ("The Ruritania Airways jet was hit by a Grad rocket believed to be fired by rebel fighters.", "hit",
         [(None, "REB")], [(None, "BUS")]),
        ("An Air Zimbabwe plane was shot down by a missile fired by militants.", "shot",
         [(None, "REB")], [("ZWE", "BUS")]),
        # a missile that blew something up was fired, not planted: heavy weapons, not a bombing
        ("A Kenya Airways plane was blown up over the lake by a missile fired by the militia.", "blown",
         [(None, "UAF")], [("KEN", "BUS")]),
    ],
)  # fmt: skip
def test_a_weapon_is_not_the_attacker_but_who_fired_it_is(events_of, sentence, trigger, source, target):
    events = [e for e in events_of(sentence) if e.event_type == "ASSAULT"]
    assert [e.trigger.text for e in events] == [trigger]  # "fired" is the same attack
    assert keys(events[0].source) == source
    assert keys(events[0].target) == target
    if trigger == "blown":
        assert events[0].cameo == "194"


def test_a_named_weapon_never_acts(events_of):
    event = triggered(events_of("A Kornet missile destroyed the armoured car."), "destroyed")
    assert event.source == () or all(a.sector == "UAF" for a in event.source)


@pytest.mark.parametrize(
    ("sentence", "trigger", "target"),
    [
        # no target named: the state where it happened
        ("The militia has launched dozens of attacks in northern Niger.", "attacks", [("NER", None)]),
        ("Gunmen opened fire on a bus near Peshawar.", "opened", [("PAK", None)]),
        # a named target stays
        ("Rebels attacked Ugandan troops in Goma on Tuesday.", "attacked", [("UGA", "MIL")]),
    ],
)  # fmt: skip
def test_an_attack_on_no_one_named_targets_the_state_where_it_happened(events_of, sentence, trigger, target):
    event = triggered(events_of(sentence), trigger)
    assert keys(event.target) == target


def test_a_target_taken_from_the_place_adds_no_confidence(events_of):
    placed = triggered(events_of("Rebels attacked a police station in Goma."), "attacked")
    unplaced = triggered(events_of("Rebels attacked a police station."), "attacked")
    assert keys(placed.target) == [("COD", None)] and unplaced.target == ()
    assert placed.confidence == unplaced.confidence
    assert "no target named" in placed.evidence
