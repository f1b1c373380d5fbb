"""Which events a sentence gives and how CAMEO codes them: the main act, not its topic or content."""

from __future__ import annotations

import pytest


def keys(actors):
    return sorted((a.country, a.sector) for a in actors)


def coded(events):
    return sorted((e.event_type, e.cameo, e.status) for e in events)


def one(events, event_type):
    found = [e for e in events if e.event_type == event_type]
    assert len(found) == 1, [(e.event_type, e.trigger.text) for e in events]
    return found[0]


def test_seeking_to_do_something_is_an_intention_not_a_request(events_of):
    events = events_of("Kenya and Uganda are seeking to deepen their partnership in trade.")
    assert coded(events) == [("AGREE", "031", "planned")]
    assert keys(events[0].source) == [("KEN", None), ("UGA", None)]
    # seeking something from someone is still asking them for it
    request = one(events_of("Kenya sought help from the United Nations."), "REQUEST")
    assert [a.name for a in request.target] == ["United Nations"]


def test_strengthening_cooperation_is_cooperation_and_strengthening_forces_a_mobilisation(events_of):
    assert coded(events_of("Germany will strengthen its cooperation with France.")) == [("AGREE", "031", "planned")]
    assert [e.event_type for e in events_of("Germany strengthened its forces on the border.")] == ["MOBILIZE"]


def test_there_were_soldiers_killed_makes_the_soldiers_the_target(events_of):
    event = one(events_of("There were 12 Kenyan police officers killed in Somalia on Monday."), "ASSAULT")
    assert keys(event.target) == [("KEN", "COP")]


def test_a_passive_verb_in_a_coordination_shares_the_first_verbs_subject(events_of):
    events = events_of("The journalists held for spying were arrested in May and released on Friday by the army.")
    release = one(events, "RETREAT")
    assert keys(release.source) == [(None, "MIL")]
    assert keys(release.target) == [(None, "MED")]


def test_the_indirect_object_after_to_is_the_target(events_of):
    event = one(events_of("The minister said Kenya would not give permission to Somalia to build the dam."), "REJECT")
    assert keys(event.target) == [("SOM", None)]


@pytest.mark.parametrize(
    ("sentence", "source", "target"),
    [
        ("Nigeria presented evidence against Cameroon at the court.", [("NGA", None)], [("CMR", None)]),
        ("Evidence against Chile was presented by Peru.", [("PER", None)], [("CHL", None)]),
    ],
)  # fmt: skip
def test_presenting_evidence_against_someone_accuses_them(events_of, sentence, source, target):
    event = one(events_of(sentence), "ACCUSE")
    assert (event.cameo, keys(event.source), keys(event.target)) == ("112", source, target)


def test_evidence_of_something_accuses_no_one(events_of):
    assert not [e for e in events_of("Investigators found evidence of a leak.") if e.event_type == "ACCUSE"]


def test_pressure_to_act_is_a_demand_on_whoever_is_under_it(events_of):
    event = one(events_of("The Kenyan president faces pressure from parliament to resign."), "REQUEST")
    assert (event.cameo, keys(event.source), keys(event.target)) == ("100", [(None, "LEG")], [("KEN", "GOV")])
    events = events_of("The EU pressured Serbia to recognise Kosovo.")
    assert keys(one(events, "REQUEST").target) == [("SRB", None)]
    # what Serbia is pressed to do is Serbia's, and only hoped for
    recognition = one(events, "SUPPORT")
    assert (keys(recognition.source), recognition.status) == ([("SRB", None)], "hypothetical")


def test_destruction_by_protesters_is_a_riot(events_of):
    event = one(events_of("The British embassy was burned by Kenyan protesters."), "PROTEST")
    assert (event.mode, event.cameo) == ("riot", "145")
    assert keys(event.target) == [("GBR", "GOV")]
    # firing rockets is fighting, whoever does it
    assert [e.event_type for e in events_of("Demonstrators fired rockets at the police station.")] == ["ASSAULT"]


@pytest.mark.parametrize(
    ("sentence", "event_type", "cameo", "source", "target"),
    [
        ("Angolan rebels received weapons from the Zambian government.", "AID", "072", [("ZMB", "GOV")],
         [("AGO", "REB")]),
        ("Chadian farmers received assurances from the Chadian government.", "AGREE", "030", [("TCD", "GOV")],
         [("TCD", "AGR")]),
        # receiving visitors is hosting them
        ("The Ghanaian president received ministers from Togo.", "CONSULT", "043", [("GHA", "GOV")],
         [("TGO", "GOV")]),
    ],
)  # fmt: skip
def test_who_gives_what_is_received_is_the_source(events_of, sentence, event_type, cameo, source, target):
    event = one(events_of(sentence), event_type)
    assert (event.cameo, keys(event.source), keys(event.target)) == (cameo, source, target)


@pytest.mark.parametrize(
    ("sentence", "event_type"),
    [
        ("Kenya accused Uganda of attacking its border posts.", "ASSAULT"),
        ("The opposition alleged that Chad had armed the militias.", "AID"),
        ("The rebels claimed that the army had shelled the camp.", "ASSAULT"),
    ],
)
def test_what_an_allegation_says_happened_is_not_reported_as_fact(events_of, sentence, event_type):
    events = events_of(sentence)
    assert one(events, event_type).status == "hypothetical"
    assert all(e.status == "occurred" for e in events if e.event_type == "ACCUSE")


def test_opening_nothing_is_no_event(events_of):
    assert events_of("The summit will open in Nairobi on Monday.") == ()
    assert one(events_of("Kenya opened its border to Somali refugees."), "RETREAT").cameo == "086"


def test_a_noun_event_that_another_act_takes_as_its_object_is_its_topic(events_of):
    events = events_of("Kenyan lawmakers endorsed a trade agreement with the European Union.")
    assert coded(events) == [("SUPPORT", "051", "occurred")]
    # an attack whose author the sentence names is an event of its own
    events = events_of("The UN condemned the Russian attack on the embassy.")
    assert sorted(e.event_type for e in events) == ["ACCUSE", "ASSAULT"]


def test_who_only_watches_an_event_does_not_take_part_in_it(events_of):
    events = events_of("A Kenyan rights group that monitors the war in Somalia said ten people died.")
    assert not [e for e in events if ("KEN", "NGO") in keys(e.source) or ("KEN", None) in keys(e.source)]


@pytest.mark.parametrize(
    ("sentence", "cameo", "target"),
    [
        ("Georgian rebels launched missiles at the Georgian army.", "194", [("GEO", "MIL")]),
        ("The rebels fired rockets at Ugandan soldiers.", "194", [("UGA", "MIL")]),
        ("Soldiers fired at Ugandan rebels.", "193", [("UGA", "REB")]),
    ],
)  # fmt: skip
def test_rockets_and_missiles_are_heavy_weapons(events_of, sentence, cameo, target):
    event = one(events_of(sentence), "ASSAULT")
    assert (event.cameo, keys(event.target)) == (cameo, target)


@pytest.mark.parametrize("sentence", ["Iran tested a missile on Monday.", "The party launched a campaign against graft."])
def test_launching_or_testing_anything_else_is_no_attack(events_of, sentence):
    assert not [e for e in events_of(sentence) if e.event_type == "ASSAULT"]


def test_exercises_without_a_partner_are_a_show_of_force_against_the_host(events_of):
    event = one(events_of("Russia is conducting military exercises in Alaska."), "MOBILIZE")
    assert (event.cameo, keys(event.target)) == ("150", [("USA", None)])
    assert one(events_of("Kenya held military exercises with Uganda."), "COOPERATE").cameo == "062"
    assert one(events_of("Jordan and Britain held joint military exercises."), "COOPERATE").cameo == "062"


@pytest.mark.parametrize(
    "sentence",
    [
        "Ten people were killed in a road accident in Kenya.",
        "Five people were killed by the earthquake in Turkey.",
        "Floods killed 30 people in Sudan.",
    ],
)
def test_deaths_in_accidents_and_disasters_are_no_attack(events_of, sentence):
    assert not [e for e in events_of(sentence) if e.event_type == "ASSAULT"]


def test_an_attack_after_a_disaster_is_still_an_attack(events_of):
    event = one(events_of("Rebels killed ten people in Goma after the earthquake."), "ASSAULT")
    assert keys(event.source) == [(None, "REB")]


def test_the_offence_someone_is_jailed_for_is_charged_not_reported(events_of):
    events = events_of("The court jailed a Kenyan man for helping rebels join an armed group in Somalia.")
    assert one(events, "COERCE").status == "occurred"
    assert {e.event_type: e.status for e in events if e.event_type != "COERCE"} == {
        "AID": "hypothetical", "COOPERATE": "hypothetical"}


def test_whom_a_verb_of_helping_helps_act_is_its_target(events_of):
    event = one(events_of("Kenya helped Somali troops retake the town."), "AID")
    assert keys(event.target) == [("SOM", "MIL")]


@pytest.mark.parametrize(
    ("sentence", "cameo", "source", "target", "act", "actor"),
    [
        ("The Kenyan president wants Uganda to reopen its border with Sudan.", "020", [("KEN", "GOV")],
         [("UGA", None)], "RETREAT", [("UGA", None)]),
        ("Ghana would like Togo to release the fishermen.", "020", [("GHA", None)], [("TGO", None)], "RETREAT",
         [("TGO", None)]),
        # asking the addressee to attack is an appeal for its military cooperation, as "asked Y to attack" is
        ("Ghana wants Togo to attack the rebels.", "020", [("GHA", None)], [("TGO", None)], "ASSAULT", [("TGO", None)]),
        # whom an appeal is made to through a preposition is who would act
        ("Egypt called on the rebels to free the hostages.", "020", [("EGY", None)], [(None, "REB")], "RETREAT",
         [(None, "REB")]),
        ("Egypt appealed to the rebels to free the hostages.", "020", [("EGY", None)], [(None, "REB")], "RETREAT",
         [(None, "REB")]),
    ],
)  # fmt: skip
def test_wanting_someone_to_act_is_an_appeal_to_them(events_of, sentence, cameo, source, target, act, actor):
    events = events_of(sentence)
    request = one(events, "REQUEST")
    assert (request.cameo, request.status, keys(request.source), keys(request.target)) == (cameo, "occurred",
                                                                                           source, target)
    wanted = one(events, act)
    assert (wanted.status, keys(wanted.source)) == ("hypothetical", actor)


def test_wanting_to_act_oneself_stays_an_intention(events_of):
    for sentence in ("Kenya wants to send troops to Somalia.", "Kenya would like to send troops to Somalia."):
        assert coded(events_of(sentence)) == [("AGREE", "033", "planned")], sentence


def test_not_wanting_someone_to_act_or_only_maybe_wanting_it_is_no_appeal(events_of):
    assert not [e for e in events_of("Ghana does not want Togo to reopen the border.") if e.event_type == "REQUEST"]
    (request,) = [e for e in events_of("Ghana might want Togo to reopen the border.") if e.event_type == "REQUEST"]
    assert request.status == "hypothetical"


def test_what_pressing_someone_to_do_asks_for_has_not_happened(events_of):
    events = events_of("Japan pressed China to release the fishermen.")
    assert (one(events, "REQUEST").cameo, one(events, "RETREAT").status) == ("100", "hypothetical")


@pytest.mark.parametrize(
    "sentence",
    [
        # the parser hangs "join" on "jailed" as a second verb; it is what the militants do
        "A Moroccan court jailed an Algerian student for helping young militants join a jihadist group in Mali, his "
        "lawyer said Tuesday.",
        "Police have arrested a Kenyan teacher for helping young fighters join a rebel group in Somalia.",
    ],
)  # fmt: skip
def test_the_object_of_helping_does_what_it_is_helped_to_and_the_charge_is_alleged(events_of, sentence):
    events = events_of(sentence)
    assert one(events, "COERCE").status == "occurred"
    join = one(events, "COOPERATE")
    assert (join.status, keys(join.source)) == ("hypothetical", [(None, "REB")])
    assert join.confidence < one(events, "COERCE").confidence


@pytest.mark.parametrize(
    ("sentence", "accused"),
    [
        ("Prosecutors charged two Somali men with attacking a police station in Nairobi.", [("SOM", None)]),
        ("A court convicted the rebel commander of killing civilians.", [(None, "MIL")]),
    ],
)  # fmt: skip
def test_the_act_someone_is_charged_with_is_alleged_and_theirs(events_of, sentence, accused):
    attack = one(events_of(sentence), "ASSAULT")
    assert (attack.status, keys(attack.source)) == ("hypothetical", accused)


@pytest.mark.parametrize(
    ("sentence", "accuser", "accused"),
    [
        ("Ghana said Togolese troops shelled its border posts.", [("GHA", None)], [("TGO", "MIL")]),
        ("Ghana claimed that the Islamic State group had attacked the city of Kumasi.", [("GHA", None)],
         [(None, "IMG")]),
        # a passive attack's perpetrator is where it came from
        ("Ghana said a rocket was fired at it from Togo on Monday.", [("GHA", None)], [("TGO", None)]),
        ("The Ghanaian army said Togolese troops attacked a border post and killed two soldiers.", [("GHA", "MIL")],
         [("TGO", "MIL")]),
    ],
)  # fmt: skip
def test_a_report_of_anothers_attack_accuses_them(events_of, sentence, accuser, accused):
    events = events_of(sentence)
    accusation = one(events, "ACCUSE")
    assert (accusation.cameo, accusation.mode, keys(accusation.source), keys(accusation.target)) == (
        "112", "allege", accuser, accused)
    assert "reports another's attack" in accusation.evidence
    # the attack is still coded, and stays the sentence's main event
    attacks = [e for e in events if e.event_type == "ASSAULT"]
    assert attacks and max(e.confidence for e in attacks) > accusation.confidence


@pytest.mark.parametrize(
    "sentence",
    [
        "Ghana said its troops shelled rebel positions.",  # one's own act
        "Ghanaian officials said Togolese troops shelled the border posts.",  # unnamed officials
        "Ghana's state media reported that Togolese troops shelled the border posts.",  # the media
        "Witnesses said Togolese troops shelled the border posts.",
        "Ghana said Togolese troops could attack the border.",  # no attack reported
        "Ghana said Togolese troops did not attack the border.",
    ],
)  # fmt: skip
def test_reports_that_accuse_no_one(events_of, sentence):
    assert not [e for e in events_of(sentence) if e.event_type == "ACCUSE"]


@pytest.mark.parametrize(
    ("sentence", "cameo"),
    [
        ("Ghana asked Togo to attack the rebels.", "020"),  # the addressee's own act: an appeal
        ("Ghana urged the United Nations to impose sanctions on Togo.", "100"),  # pressure on a third party
        ("Ghana called for sanctions against Togo.", "100"),
    ],
)  # fmt: skip
def test_asking_someone_to_act_is_an_appeal_and_calling_for_pressure_a_demand(events_of, sentence, cameo):
    assert one(events_of(sentence), "REQUEST").cameo == cameo
