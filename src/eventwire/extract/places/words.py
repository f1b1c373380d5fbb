"""The words around a name that say what it is: connectors inside names, locative prepositions
and verbs, nouns of places and divisions, features that make a name something else, and the
entity labels of spaCy that block or support a reading.

They stay named constants rather than rows of ``lexicons/words.tsv``: ``find_places`` is given
the gazetteer, not the lexicon those classes are read into.
"""

from __future__ import annotations

CONNECTORS = frozenset({
    "of", "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la", "le", "les",
    "el", "al", "as", "ash", "ad", "an", "ar", "az", "ibn", "bin", "upon", "on", "am", "im", "and",
    "y", "e", "en", "sur", "-", "the",
})  # fmt: skip
LOCATIVE = frozenset({
    "in", "near", "at", "outside", "from", "into", "across", "around", "toward", "towards",
    "throughout", "within", "inside", "via", "through", "between", "to", "entered", "visited",
    "reached", "seized", "captured", "recaptured", "shelled", "bombed", "struck", "hit", "besieged",
})  # fmt: skip
PLACE_NOUNS = frozenset({
    "city", "town", "village", "province", "governorate", "district", "region", "state",
    "capital", "county", "area", "suburb", "border", "outskirts", "port", "enclave", "territory",
})  # fmt: skip
ADMIN_WORDS = frozenset({
    "province", "governorate", "region", "state", "oblast", "prefecture", "department",
    "emirate", "territory",
})  # fmt: skip
# A capitalised word after a match that makes the whole a different (unknown) feature.
FEATURE_WORDS = frozenset({
    "river", "sea", "lake", "mountain", "mountains", "mount", "street", "st", "avenue", "ave",
    "road", "rd", "boulevard", "blvd", "highway", "bridge", "airport", "university", "college",
    "school", "park", "square", "station", "hospital", "church", "mosque", "cathedral", "valley",
    "bay", "island", "islands", "county", "parish", "hall", "stadium", "center", "centre",
    "building", "tower", "hotel", "club", "mall", "plaza", "dam", "canal", "desert", "forest",
    "gulf", "strait", "coast", "beach", "harbor", "harbour", "creek", "falls", "heights", "hills",
    "peninsula", "post", "times", "herald", "tribune", "journal", "news", "daily", "press",
    "company", "corp", "inc", "group", "council", "party", "army", "forces", "police",
    "government", "ministry", "university's", "fc", "united", "city's", "castle", "palace",
    "basilica", "abbey", "court", "prison", "jail", "camp", "base", "barracks", "market", "museum",
    "library", "theatre", "theater", "arena", "garden", "gardens", "zoo", "temple", "institute",
    "academy", "foundation", "society", "association", "bank", "office", "embassy", "consulate",
    "township", "borough", "village", "estate", "field", "fields", "high", "elementary",
})  # fmt: skip
CITY_WORD = "city"
STREET_WORDS = frozenset(
    {"street", "streets", "avenue", "avenues", "boulevard", "lane", "airport"}
)
AREAL = frozenset({
    "central", "northern", "southern", "eastern", "western", "northeastern", "northwestern",
    "southeastern", "southwestern", "north-eastern", "north-western", "south-eastern",
    "south-western", "rural", "coastal", "upstate", "downstate",
})  # fmt: skip
QUALIFIERS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
    "southeastern", "southwestern", "greater", "upper", "lower", "inner", "outer", "downtown",
    "metro", "rural", "coastal", "occupied", "new", "old", "mid", "far",
})  # fmt: skip
STOP = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "god", "allah", "christ", "jesus", "mr", "mrs", "ms", "dr", "sir",
    "president", "minister", "secretary", "chancellor", "king", "queen", "prince", "general", "gen",
    "governor", "mayor",
    "senator", "sen", "rep", "street", "north", "south", "east", "west", "central", "northern",
    "southern", "eastern", "western", "university", "reuters", "twitter", "facebook", "internet",
    "republic", "kingdom", "union", "state", "city", "county", "province", "government", "army",
    "police", "centre", "center", "central district", "valley", "river", "lake", "mountain",
    "island", "islands", "bay", "coast", "beach", "harbor", "harbour", "port", "canyon", "hills",
    "heights", "gulf", "sea", "ocean", "park", "square", "bridge", "airport", "court", "college",
    "delta", "desert", "forest", "highlands", "plains", "plateau", "peninsula", "strait", "springs",
    "station", "village", "town", "township", "district", "region", "capital", "border",
    "downtown", "uptown", "midtown", "justice", "liberty", "independence", "star", "time",
    "research", "leader", "free", "vice", "long", "congress", "parliament", "senate", "house",
    "assembly", "cabinet", "industry", "energy", "marine", "white", "federal",
})  # fmt: skip
BLOCKING = frozenset({"PERSON", "ORG", "FAC", "NORP", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW",
                       "LANGUAGE"})  # fmt: skip
TIME_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})
PLACE_LABELS = frozenset({"GPE", "LOC"})
