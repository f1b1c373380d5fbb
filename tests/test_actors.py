"""Actor resolution on hand-written sentences: countries, bodies, organisations, armed groups,
named people with their roles, and the mentions that refer back to them."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from eventwire.errors import ConfigError
from eventwire.extract.actors import find_actors
from eventwire.lexicon import Lexicon
from eventwire.extract.places import find_places
from eventwire.model import Article


@pytest.fixture(scope="session")
def resolve(resources):
    """Return ``f(text, word, nth=0) -> Actor | None``: the actor of the nth token ``word``."""

    def run(text: str, word: str, nth: int = 0, *, lexicon: Lexicon | None = None):
        doc = resources.nlp(text)
        article = Article(id="t", text=text)
        places = find_places(doc, article=article, gazetteer=resources.gazetteer)
        mentions = find_actors(doc, article=article, lexicon=lexicon or resources.lexicon, places=places)
        tokens = [t for t in doc if t.text == word]
        assert len(tokens) > nth, f"{word!r} not in {[t.text for t in doc]}"
        return mentions.actor_for(tokens[nth])

    return run


def key(actor):
    return (actor.country, actor.sector) if actor is not None else None


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # countries, demonyms and their plurals, capitals as governments
        ("Gambian officials met the delegation on Monday.", "officials", ("GMB", "GOV")),
        ("Algerians marched through the capital on Friday.", "Algerians", ("DZA", "CVL")),
        ("Monrovia rejected the proposal on Tuesday.", "Monrovia", ("LBR", "GOV")),
        ("Northern Ireland police arrested two men.", "police", ("GBR", "COP")),
        # government bodies
        ("Iraq's parliament passed the bill.", "parliament", ("IRQ", "LEG")),
        ("The parliament of Ghana passed the bill.", "parliament", ("GHA", "LEG")),
        # weapons and vehicles stand for the armed forces
        ("Ruritanian tanks shelled the town.", "tanks", (None, "MIL")),
        ("Syrian helicopters bombed the village.", "helicopters", ("SYR", "MIL")),
        ("Israeli army bulldozers demolished the houses.", "bulldozers", ("ISR", "MIL")),
        # a sector noun takes the country of the place it is in
        ("Rebels in Darfur attacked a convoy.", "Rebels", ("SDN", "REB")),
        ("Opposition groups in Zimbabwe called a strike.", "groups", ("ZWE", "OPP")),
        ("Darfur rebels attacked a convoy.", "rebels", ("SDN", "REB")),
        # people of a country live where the text puts them
        ("Bosnian Serbs demanded a truce.", "Serbs", ("BIH", "CVL")),
        ("Ethnic Albanians in Serbia staged a protest.", "Albanians", ("SRB", "CVL")),
        ("Iraqi Kurds fled to Turkey.", "Kurds", ("IRQ", "CVL")),
        # an organisation's members speak for it
        ("Red Cross officials suspended deliveries.", "officials", (None, "NGO")),
        ("European Community foreign ministers agreed on aid.", "ministers", (None, "IGO")),
        ("UN peacekeepers left the town.", "peacekeepers", (None, "IGO")),
    ],
)  # fmt: skip
def test_sector_nouns_resolve_to_country_and_sector(resolve, text, word, expected):
    assert key(resolve(text, word)) == expected


@pytest.mark.parametrize(
    ("text", "word", "name", "expected"),
    [
        ("Hizbollah fighters fired rockets.", "fighters", "Hezbollah", ("LBN", "REB")),
        ("The Hizbollah group declared a ceasefire.", "group", "Hezbollah", ("LBN", "REB")),
        ("The UNITA militarist wing refused the offer.", "wing", "UNITA", ("AGO", "REB")),
        ("The European Community gave aid to Chad.", "Community", "European Community", (None, "IGO")),
        ("The APEC forum agreed to set up a centre.", "forum", "APEC", (None, "IGO")),
        ("Daesh claimed the attack.", "Daesh", "Islamic State", (None, "IMG")),
    ],
)  # fmt: skip
def test_organisations_and_armed_groups(resolve, text, word, name, expected):
    actor = resolve(text, word)
    assert actor.name == name and key(actor) == expected


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Pro-Moldovan militias attacked the post.", "militias", "MDA"),
        ("Iranian-backed militias fired rockets at the base.", "militias", "IRN"),
    ],
)
def test_patrons(resolve, text, word, expected):
    assert resolve(text, word).patron == expected


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("The rebel Homeland Salvation Front seized the town.", "Front", ("REB",)),
        ("The Ruritanian Union of Bakers called a strike.", "Union", ("LAB",)),
    ],
)
def test_unknown_named_organisations_take_a_sector_from_their_words(resolve, text, word, expected):
    assert (resolve(text, word).sector,) == expected


@pytest.mark.parametrize(
    ("text", "word", "nth", "expected"),
    [
        # title + demonym, "of" + country, apposition, a title the tagger put inside the name
        ("Gambian President Lamin Jatta will visit Dakar.", "Jatta", 0, ("GMB", "GOV", "President")),
        ("King Hassan of Morocco was quoted today.", "Hassan", 0, ("MAR", "GOV", "King")),
        ("John Smith, the Czech foreign minister, met his counterpart.", "Smith", 0, ("CZE", "GOV", "Foreign Minister")),
        ("Vice-President Amos Kiprono has declined to resign.", "Kiprono", 0, (None, "GOV", "Vice-President")),
        # an office-holder of no stated country serves the one country the sentence names
        ("President Amos Kiprono banned Kenyan opposition rallies.", "Kiprono", 0, ("KEN", "GOV", "President")),
        # ... but not the country he acts against or the other party's leader
        ("President Amos Kiprono threatened action against Russia.", "Kiprono", 0, (None, "GOV", "President")),
        # later mentions resolve to the full person
        ("NATO Secretary General Jens Stoltenberg spoke. Stoltenberg said more.", "Stoltenberg", 1,
         (None, "IGO", "Secretary General")),
        ("Iraqi Prime Minister Mustafa al-Kadhimi arrived. He said the talks went well.", "He", 0,
         ("IRQ", "GOV", "Prime Minister")),
    ],
)  # fmt: skip
def test_named_people_with_their_roles(resolve, text, word, nth, expected):
    actor = resolve(text, word, nth)
    assert actor.kind == "person"
    assert (actor.country, actor.sector, actor.role) == expected


@pytest.mark.parametrize(
    ("text", "word", "nth", "name"),
    [
        ("Syria says it will not accept more refugees.", "it", 0, "Syria"),
        ("The militias said they would withdraw.", "they", 0, "militias"),
        ("Palestinian leaders said they would boycott the talks.", "they", 0, "Palestine leaders"),
        ("NATO launched its mission in 2018. It will expand the mission.", "It", 0, "NATO"),
        ("NATO met on Friday. The alliance will expand its mission.", "alliance", 0, "NATO"),
        ("NATO Secretary General Jens Stoltenberg spoke. The secretary general said more.", "general", 0,
         "Jens Stoltenberg"),
    ],
)  # fmt: skip
def test_later_mentions_refer_back(resolve, text, word, nth, name):
    assert resolve(text, word, nth).name == name


def test_possessive_pronouns_give_the_country(resolve):
    actor = resolve("Syria said it would withdraw its troops from Lebanon.", "troops")
    assert key(actor) == ("SYR", "MIL")


def test_a_user_file_adds_organisations_and_people(resolve, tmp_path):
    user = tmp_path / "actors.tsv"
    user.write_text("Front for National Renewal\tFront for National Renewal\tMLI\tPTY\torganisation\tfront,party\n"
                    "Amadou Diarra\tAmadou Diarra\tMLI\tGOV\tperson\n")  # fmt: skip
    lexicon = Lexicon.load(user_actors=user)
    party = resolve("The Front for National Renewal won the vote.", "Front", lexicon=lexicon)
    assert (party.name, key(party)) == ("Front for National Renewal", ("MLI", "PTY"))
    person = resolve("Amadou Diarra said the vote was fair.", "Diarra", lexicon=lexicon)
    assert (person.kind, key(person)) == ("person", ("MLI", "GOV"))


@pytest.mark.parametrize(
    ("text", "word", "name", "expected"),
    [
        # a head of state with a title but no country
        ("President Michel Aoun received the envoy.", "Aoun", "Michel Aoun", ("LBN", "GOV")),
        # a surname alone, where it is unambiguous
        ("Tebboune rejected the proposal on Sunday.", "Tebboune", "Abdelmadjid Tebboune", ("DZA", "GOV")),
        ("Ramaphosa said the talks would go on.", "Ramaphosa", "Cyril Ramaphosa", ("ZAF", "GOV")),
        # transliterations and spellings with or without diacritics name one person
        ("Moammar Qaddafi denounced the sanctions.", "Qaddafi", "Muammar Gaddafi", ("LBY", "GOV")),
        ("Abed Rabbo Mansour Hadi left Aden.", "Hadi", "Abd Rabbuh Mansur Hadi", ("YEM", "GOV")),
        ("Aleksandar Vučić met the delegation.", "Vučić", "Aleksandar Vucic", ("SRB", "GOV")),
        ("Prime Minister Prayuth Chan-ocha declared a curfew.", "Prayuth", "Prayut Chan-o-cha", ("THA", "GOV")),
        # a head of an international organisation has no country
        ("Ahmed Aboul Gheit condemned the attack.", "Gheit", "Ahmed Aboul Gheit", (None, "IGO")),
    ],
)  # fmt: skip
def test_well_known_office_holders_take_their_country_from_the_lexicon(resolve, text, word, name, expected):
    actor = resolve(text, word)
    assert (actor.kind, actor.name, key(actor)) == ("person", name, expected)


def test_a_family_member_is_not_taken_for_the_office_holder(resolve):
    # "Zuma" alone is Jacob Zuma, but not inside Nkosazana Dlamini-Zuma's name
    actor = resolve("Nkosazana Dlamini-Zuma opened the summit.", "Nkosazana")
    assert (actor.name, key(actor)) == ("Nkosazana Dlamini-Zuma", (None, "IGO"))


def test_people_lexicon_rows_are_well_formed_and_shadow_no_place_or_organisation():
    import pycountry

    from eventwire.lexicon import bundled_text as text, read_table as _rows

    known_countries = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
    taken = {row[0].lower() for row in _rows(text("countries.tsv"), columns=3, origin="countries.tsv")}
    taken |= {row[0].lower() for row in _rows(text("organisations.tsv"), columns=5, origin="organisations.tsv")}
    for country in pycountry.countries:
        taken |= {n.lower() for n in (country.name, getattr(country, "common_name", None),
                                      getattr(country, "official_name", None)) if n}  # fmt: skip
    entries: dict[str, tuple[str, str, str]] = {}
    for alias, name, country, sector, kind, *_ in _rows(text("people.tsv"), columns=5, origin="people.tsv"):
        assert kind == "person", alias
        assert (sector, bool(country)) in (("GOV", True), ("IGO", False)), alias
        assert not country or country in known_countries, alias
        assert alias.lower() not in taken, f"{alias!r} would shadow a country, capital or organisation"
        assert entries.setdefault(alias.lower(), (name, country, sector)) == (name, country, sector), alias


def test_a_malformed_user_file_is_a_config_error(tmp_path):
    user = tmp_path / "bad.tsv"
    user.write_text("only one column\n")
    with pytest.raises(ConfigError, match="expected 5 tab-separated columns"):
        Lexicon.load(user_actors=user)


def test_a_place_is_not_an_actor_after_in(resolve):
    assert resolve("Protesters gathered in Baghdad on Friday.", "Baghdad") is None


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # A state body, party or group of no stated country belongs to the one the text names.
        ("The government lifted the curfew imposed on Nairobi.", "government", ("KEN", "GOV")),
        ("Police fired tear gas at protesters in Lusaka.", "Police", ("ZMB", "COP")),
        ("Opposition leaders called off the march in Harare.", "leaders", ("ZWE", "OPP")),
        ("The prime minister visited flooded villages in Bangladesh.", "minister", ("BGD", "GOV")),
        # ... but not when the sentence names two countries, or the actor has an organisation.
        ("Police arrested two Ghanaians in Togo.", "Police", (None, "COP")),
        ("NATO officials met in Warsaw.", "officials", (None, "IGO")),
        # Refugees, soldiers and envoys are often not of the country they are in.
        ("Refugees crossed into Chad.", "Refugees", (None, "REF")),
        ("Soldiers patrolled the streets of Bamako.", "Soldiers", (None, "MIL")),
        ("A senior diplomat met the president in Accra.", "diplomat", (None, "GOV")),
    ],
)  # fmt: skip
def test_unplaced_actors_belong_to_the_country_the_text_names(resolve, text, word, expected):
    assert key(resolve(text, word)) == expected


def test_the_nationality_of_troops_does_not_place_the_others(resolve):
    # Armies fight abroad: "Ethiopian troops" says nothing of where the villagers live.
    assert key(resolve("Ethiopian troops attacked villagers and teachers in the hills.", "teachers")) == (None, "EDU")


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # CAMEO codes former office-holders as elites (ELI), of the country they served
        ("Ousted President Amos Kiprono agreed to leave Kenya.", "Kiprono", ("KEN", "ELI")),
        ("The former defence minister of Ghana criticised the plan.", "minister", ("GHA", "ELI")),
        # a title right before a name the tagger took for an organisation
        ("Vice-President Keli Otieno has declined to resign despite pressure by the Kenya Anti-Corruption "
         "Commission.", "Otieno", ("KEN", "GOV")),
        # security titles
        ("Nairobi's security chief warned protesters on Monday.", "chief", ("KEN", "COP")),
        ("Kenya's national security adviser met the envoy.", "adviser", ("KEN", "GOV")),
        # sector nouns: criminals, elites, terrorists "based in" a place
        ("The hackers defaced government websites.", "hackers", (None, "CRM")),
        ("Somali clan elders demanded talks.", "elders", ("SOM", "ELI")),
        # protesters, mobs, activists and exiles are the popular opposition (CAMEO's OPP)
        ("Ghanaian protesters blocked the road to the port.", "protesters", ("GHA", "OPP")),
        ("Zambian activists unfurled a banner at the embassy.", "activists", ("ZMB", "OPP")),
        ("An angry Malian mob stormed the police station.", "mob", ("MLI", "OPP")),
        ("A terror group based in Kandahar attacked the town.", "group", ("AFG", "REB")),
        # "a member of X" acts for X
        ("A member of the Kenyan parliament began a hunger strike.", "member", ("KEN", "LEG")),
        # an office named inside an IGO's name belongs to the IGO
        ("The United Nations Emergency Relief Office demanded access to the camps.", "Office", (None, "IGO")),
        # "the mayor of the city of X": the country of X
        ("The mayor of the northern city of Kano was released.", "mayor", ("NGA", "GOV")),
        # no country named: the one country of the national organisations the sentence names
        ("President Jose Mendes met leaders of UNITA in the capital.", "Mendes", ("AGO", "GOV")),
    ],
)  # fmt: skip
def test_titles_elites_members_and_sector_nouns(resolve, text, word, expected):
    assert key(resolve(text, word)) == expected


def test_a_name_the_parser_hung_on_a_date_is_still_an_actor(resources):
    # The parse the small model sometimes gives "met with President X Tuesday": the date as the
    # object, the name as its modifier. Built by hand, as the model does not give it every time.
    words = ["The", "envoy", "met", "with", "President", "Amos", "Kiprono", "Tuesday", "."]
    doc = Doc(resources.nlp.vocab, words=words, spaces=[True] * 7 + [False, False],
              heads=[1, 2, 2, 2, 7, 7, 7, 3, 2],
              deps=["det", "nsubj", "ROOT", "prep", "compound", "compound", "compound", "pobj", "punct"],
              pos=["DET", "NOUN", "VERB", "ADP", "PROPN", "PROPN", "PROPN", "PROPN", "PUNCT"],
              tags=["DT", "NN", "VBD", "IN", "NNP", "NNP", "NNP", "NNP", "."],
              lemmas=["the", "envoy", "meet", "with", "President", "Amos", "Kiprono", "Tuesday", "."],
              ents=["O", "O", "O", "O", "O", "B-PERSON", "I-PERSON", "B-DATE", "O"])  # fmt: skip
    mentions = find_actors(doc, article=Article(id="t", text=doc.text), lexicon=resources.lexicon)
    actor = mentions.actor_for(doc[7])
    assert (actor.name, actor.sector, actor.role) == ("Amos Kiprono", "GOV", "President")


@pytest.mark.parametrize(
    ("text", "word", "name", "expected"),
    [
        # CAMEO codes transnational armed networks as IMG, with no country
        ("Al Qaeda claimed the bombing of the hotel.", "Qaeda", "al-Qaeda", (None, "IMG")),
        ("Al Qaeda fighters attacked the convoy.", "fighters", "al-Qaeda", (None, "IMG")),
        ("Jemaah Islamiyah denied any role in the blast.", "Islamiyah", "Jemaah Islamiyah", (None, "IMG")),
    ],
)  # fmt: skip
def test_international_militarised_groups(resolve, text, word, name, expected):
    actor = resolve(text, word)
    assert actor.name == name and key(actor) == expected


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # a leader's name before a body gives the leader's country
        ("The Putin government rejected the plan.", "government", ("RUS", "GOV")),
        ("President Amos Kiprono of Kenya spoke on Monday. The Kiprono government later banned "
         "Ugandan and Tanzanian traders.", "government", ("KEN", "GOV")),
        ("President Amos Kiprono of Kenya spoke on Monday. The government of President Kiprono "
         "later banned Ugandan and Tanzanian traders.", "government", ("KEN", "GOV")),
        ("The military government of President Amos Kiprono declared a curfew in Kenya, a "
         "spokeswoman for the French embassy said.", "government", ("KEN", "GOV")),
        # rebels belong to the country of the one government the sentence sets them against
        ("The rebels demanded that the Ugandan government release all prisoners.", "rebels", ("UGA", "REB")),
        ("The Ugandan government rejected demands from the rebels.", "rebels", ("UGA", "REB")),
        # people act where the sentence puts them, whatever else it names
        ("Thousands of people marched in Caracas against American sanctions.", "people", ("VEN", "CVL")),
        ("Students protested in Lagos despite a British travel warning.", "Students", ("NGA", "EDU")),
    ],
)  # fmt: skip
def test_country_from_leaders_governments_and_scenes(resolve, text, word, expected):
    assert key(resolve(text, word)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the countries one sells to are other parties, listed or not ...
        ("President Amos Kiprono sold arms to Chile and Peru.", None),
        # ... but one returns to one's own country
        ("Former President Amos Kiprono refused to return to Kenya.", "KEN"),
        # an embassy stands in a country not its own
        ("President Amos Kiprono spoke to the Swiss embassy.", None),
    ],
)  # fmt: skip
def test_which_countries_a_leader_of_no_stated_country_serves(resolve, text, expected):
    assert resolve(text, "Kiprono").country == expected


@pytest.mark.parametrize(
    ("text", "word", "name", "expected"),
    [
        ("Moscow welcomed Chancellor Angela Merkel's proposal.", "proposal", "Angela Merkel", ("DEU", "GOV")),
        ("Kenya rejected a United Nations appeal for calm.", "appeal", "United Nations", (None, "IGO")),
        ("The court examined the welfare of 2,000 Libyans.", "welfare", "Libya people", ("LBY", "CVL")),
    ],
)  # fmt: skip
def test_the_named_owner_of_a_proposal_is_its_actor(resolve, text, word, name, expected):
    actor = resolve(text, word)
    assert (actor.name, key(actor)) == (name, expected)


def test_opponents_of_a_body_are_not_the_body(resolve):
    assert resolve("Opponents of the Ruritanian Senate marched on Friday.", "Opponents") is None


def test_a_member_of_an_alliance_is_not_the_alliance_but_its_partners_are(resolve):
    actor = resolve("NATO member the United States is under pressure to leave.", "member")
    assert (actor.name, key(actor)) == ("United States", ("USA", None))
    actor = resolve("Greece asked its European Community partners for help.", "partners")
    assert (actor.name, key(actor)) == ("European Community", (None, "IGO"))


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # a town or village acted on stands for the people who live there ...
        ("The army shelled Kandahar overnight.", "Kandahar", ("AFG", "CVL")),
        ("Ruritanian troops burned Syrian villages.", "villages", ("SYR", "CVL")),
        # ... but not a capital (the seat of government), nor a town as subject (its country)
        ("Rebels surrounded the capital city of Nairobi.", "city", ("KEN", None)),
        ("Kandahar fell to the rebels.", "Kandahar", ("AFG", None)),
    ],
)  # fmt: skip
def test_towns_acted_on_stand_for_their_people(resolve, text, word, expected):
    assert key(resolve(text, word)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Aid reached refugees from Sudan on Monday.", "SDN"),
        ("Aid reached refugees fleeing Liberia on Monday.", "LBR"),
        ("Aid reached refugees fleeing the civil war in Liberia.", "LBR"),
        ("Aid reached refugees fleeing Syrian bombing.", "SYR"),
    ],
)  # fmt: skip
def test_refugees_belong_to_the_country_they_flee(resolve, text, expected):
    assert key(resolve(text, "refugees")) == (expected, "REF")


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Ethopia has agreed to reopen its border.", "Ethopia", ("ETH", None)),  # a letter missing
        ("The Phillippines army attacked rebel camps.", "army", ("PHL", "MIL")),  # a letter extra
        ("Quatar's emir arrived in Paris.", "emir", ("QAT", "GOV")),  # a letter wrong
    ],
)  # fmt: skip
def test_a_country_misspelt_by_one_letter_is_still_the_country(resolve, text, word, expected):
    assert key(resolve(text, word)) == expected


@pytest.mark.parametrize(
    ("word", "country"),
    [("Ethopia", "ETH"), ("Ethiopia", None), ("Iraqis", None), ("Roland", None), ("Sudanes", "SDN")],
)
def test_only_unknown_words_one_letter_off_a_country_are_misspellings(resources, word, country):
    # a known name is no misspelling, nor a word whose first letter differs ("Roland", not "Poland")
    found = resources.lexicon.actors.misspelt(word)
    assert (found.country if found else None) == country


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("An official Egyptian newspaper praised the deal.", "newspaper", ("EGY", "GOV")),
        ("Kenyan state television showed the clashes.", "television", ("KEN", "GOV")),
        ("A Kenyan newspaper praised the deal.", "newspaper", ("KEN", "MED")),
    ],
)  # fmt: skip
def test_the_official_press_speaks_for_the_government(resolve, text, word, expected):
    assert key(resolve(text, word)) == expected


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # a title that goes on after "of", in any capitalisation, with the country before it
        ("The Kenyan Secretary of state flew to Lagos.", "Secretary", ("KEN", "GOV")),
        ("The Australian secretary of State opened the summit.", "secretary", ("AUS", "GOV")),
        # "Secretary of State" alone is the US office; "Secretary of State for ..." is not
        ("The Secretary of State arrived in Lima on Friday.", "Secretary", ("USA", "GOV")),
        ("Secretary of state Mary Okafor arrived in Lima on Friday.", "Okafor", ("USA", "GOV")),
        # secretaries of a stated country
        ("The Irish Foreign Secretary met the envoy.", "Secretary", ("IRL", "GOV")),
        ("Britain's Home Secretary defended the new asylum rules.", "Secretary", ("GBR", "GOV")),
    ],
)  # fmt: skip
def test_secretaries_are_government_of_their_country(resolve, text, word, expected):
    assert key(resolve(text, word)) == expected


def test_a_title_is_not_a_town_of_the_same_name(resolve):
    # the gazetteer knows a village called Secretary; the title is still a person of government
    actor = resolve("The Peruvian Secretary met the farmers.", "Secretary")
    assert (actor.country, actor.sector, actor.kind) == ("PER", "GOV", "person")


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("British Airways cancelled its flights to Cairo.", "Airways", ("GBR", "BUS")),
        ("Delta Air Lines suspended its flights to Lagos.", "Lines", (None, "BUS")),
        ("Air India resumed its flights to Kabul.", "India", ("IND", "BUS")),
        ("A Kenya Airways jet landed in Accra.", "jet", ("KEN", "BUS")),  # a company's aircraft is the company
        ("The Ruritania Airlines flight was delayed.", "flight", (None, "BUS")),
        # "Air X" needs a country in it
        ("The US Air Force bombed the bridge.", "Force", ("USA", "MIL")),
    ],
)  # fmt: skip
def test_airlines_are_businesses_of_the_country_their_name_gives(resolve, text, word, expected):
    assert key(resolve(text, word)) == expected


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("A Grad rocket hit the market.", "rocket", None),  # a weapon's name is no organisation
        ("Hezbollah rockets hit the town.", "rockets", ("LBN", "REB")),  # the group that fires them
        ("Iranian missiles struck the base.", "missiles", ("IRN", None)),
        ("Russian-made rockets hit the market.", "rockets", None),  # who made them did not fire them
    ],
)  # fmt: skip
def test_weapons_are_no_actors_but_their_users_may_be(resolve, text, word, expected):
    assert key(resolve(text, word)) == expected


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Two dissidents from Burma were arrested by Thai police.", "dissidents", ("MMR", "OPP")),
        ("The president met exiles from Cuba in Miami.", "exiles", ("CUB", "OPP")),
        ("Journalists from Ghana were expelled from Togo.", "Journalists", ("GHA", "MED")),
        ("Kurds from Syria marched in Berlin.", "Kurds", ("SYR", "CVL")),
        # where troops are taken out of is not where they are from
        ("Kenya began the withdrawal of soldiers from Somalia.", "soldiers", (None, "MIL")),
    ],
)  # fmt: skip
def test_people_from_a_country_are_of_that_country(resolve, text, word, expected):
    assert key(resolve(text, word)) == expected


@pytest.mark.parametrize(
    ("text", "word", "agent"),
    [
        # an IGO's members carry their own sector, as CAMEO's secondary code does (IGOUNOMIL)
        ("UN peacekeepers left the town on Monday.", "peacekeepers", "MIL"),
        ("NATO officials met in Brussels.", "officials", "GOV"),
        # its office-holders their title's sector, else that of an executive
        ("UN Secretary-General Ban Ki-moon urged restraint.", "Ban", "GOV"),
        ("The UN envoy met the rebels.", "envoy", "GOV"),
        # an IGO named alone takes the field the lexicon gives it, or none
        ("Interpol issued a notice.", "Interpol", "COP"),
        ("NATO warned Moscow.", "NATO", "MIL"),
        ("The African Union warned the junta.", "Union", None),
    ],
)  # fmt: skip
def test_an_international_organisations_members_carry_their_own_sector_as_agent(resolve, text, word, agent):
    actor = resolve(text, word)
    assert (actor.sector, actor.agent) == ("IGO", agent)


def test_only_organisation_actors_carry_an_agent(resolve):
    assert resolve("Kenyan troops left the town.", "troops").agent is None


def test_two_named_people_joined_by_and_are_both_actors_whatever_word_heads_the_first_name(events_of):
    # the parser hangs the first name on "Barack" and the second on "Obama"
    (event,) = events_of("Barack Obama and Vladimir Putin will meet in Zurich.")
    assert sorted(a.country for a in event.source) == ["RUS", "USA"]


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # a person-noun in apposition gives a named person's sector, as a title does
        ("Amina Diallo, Mali's best-known rights activist, began a hunger strike.", "Diallo", ("MLI", "OPP")),
        ("John Okello, a Ugandan journalist, criticised the ban.", "Okello", ("UGA", "MED")),
        # "government forces" are the forces of the state the text is about; soldiers as such may serve abroad
        ("Government forces shelled rebel positions near Aleppo.", "forces", ("SYR", "MIL")),
        ("Pro-government militias attacked a village in Darfur.", "militias", (None, "UAF")),
    ],
)  # fmt: skip
def test_appositions_and_government_forces_place_actors(resolve, text, word, expected):
    assert key(resolve(text, word)) == expected
