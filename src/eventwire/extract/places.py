"""Find the places an article names and resolve each to a gazetteer entry.

Recognition goes beyond spaCy's GPE/LOC entities, which the small English model often misses or
mislabels (Middle Eastern towns come out as ORG, PERSON, even DATE): every run of capitalised
tokens is looked up in the gazetteer, longest match first. A match is dropped when it is most
likely something else:

- part of a longer name: of a person ("George Washington"; "Kelly" after "John Kelly"), an
  organisation ("Iraqi Popular Mobilization Forces", "Pakistan Army", "Washington Post"), a
  facility or feature ("Windsor Castle", "Mississippi River", "Hubbard streets"), or another
  capitalised name ("Robinson College Cambridge", "Asia-Pacific", "Cambridge Analytica");
- a date ("May"), a demonym or adjective ("Iraqi", "American": actor attributes, not places), a
  generic word ("Valley", "Centre", "Congress"), an acronym ("ISIS"; "Car" is not the CAR);
- a doubtful name -- one spaCy calls a person or organisation, a single word opening a sentence
  ("Split", "Nice"), one after "the", an alternate name only -- unless the article uses the same
  name as a sure place elsewhere, or gives locative evidence ("in Sinjar", "Makhmour, Iraq",
  "Nineveh province").

Resolution uses the whole article, and all mentions of a name share one reading. Each candidate
gets a prior from its kind and size: countries are countries and curated regions what they say
(unless the text places the name elsewhere: "Atlanta, Georgia"), then first-level divisions, then
towns by population, with capitals and towns far bigger than their namesakes first. Evidence adds
to it: containment ("Erbil, Kurdistan Region"; "Paris, Texas"; "the English city of Salisbury"),
the dateline's country and place (``article.dateline``, or one left at the start of the text),
the countries and divisions of the other places, and nearness to them. The readings are refined a
few times, each with the others' current readings as context.

A name the gazetteer does not know is not returned, so every place has coordinates; nor is a town
of fewer than 100,000 people that nothing else in the article supports -- no place in the same
country or division, nearby, containing it, or in the dateline ("Bains", a French village, in a
story from the Bahamas). On GeoWebNews and GeoVirus that threshold trades a little recall for more
precision and accuracy at no cost in F1 (measured against 20,000, 50,000 and 200,000).
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from spacy.attrs import IDX
from spacy.tokens import Doc, Span, Token

from eventwire.errors import InputError
from eventwire.gazetteer import Entry, Gazetteer, Match, normalize
from eventwire.lexicon import bundled_text, read_table
from eventwire.model import Article, Location, Place
from eventwire.parse import doc_text

EXTRACTOR = "eventwire.places.v1"
PRECISION = {"country": "country", "admin1": "admin1", "region": "admin1", "city": "city"}

_MAX_TOKENS = 6
_SMALL_TOWN = 100_000  # below it, a town needs support from the rest of the article
_CONNECTORS = frozenset({
    "of", "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la", "le", "les",
    "el", "al", "as", "ash", "ad", "an", "ar", "az", "ibn", "bin", "upon", "on", "am", "im", "and",
    "y", "e", "en", "sur", "-", "the",
})  # fmt: skip
_LOCATIVE = frozenset({
    "in", "near", "at", "outside", "from", "into", "across", "around", "toward", "towards",
    "throughout", "within", "inside", "via", "through", "between", "to", "entered", "visited",
    "reached", "seized", "captured", "recaptured", "shelled", "bombed", "struck", "hit", "besieged",
})  # fmt: skip
_PLACE_NOUNS = frozenset({
    "city", "town", "village", "province", "governorate", "district", "region", "state",
    "capital", "county", "area", "suburb", "border", "outskirts", "port", "enclave", "territory",
})  # fmt: skip
_ADMIN_WORDS = frozenset({
    "province", "governorate", "region", "state", "oblast", "prefecture", "department",
    "emirate", "territory",
})  # fmt: skip
# A capitalised word after a match that makes the whole a different (unknown) feature.
_FEATURE_WORDS = frozenset({
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
_CITY_WORD = "city"
_STREET_WORDS = frozenset(
    {"street", "streets", "avenue", "avenues", "boulevard", "lane", "airport"}
)
_AREAL = frozenset({
    "central", "northern", "southern", "eastern", "western", "northeastern", "northwestern",
    "southeastern", "southwestern", "north-eastern", "north-western", "south-eastern",
    "south-western", "rural", "coastal", "upstate", "downstate",
})  # fmt: skip
_QUALIFIERS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
    "southeastern", "southwestern", "greater", "upper", "lower", "inner", "outer", "downtown",
    "metro", "rural", "coastal", "occupied", "new", "old", "mid", "far",
})  # fmt: skip
_STOP = frozenset({
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
_BLOCKING = frozenset({"PERSON", "ORG", "FAC", "NORP", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW",
                       "LANGUAGE"})  # fmt: skip
_TIME_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})
_PLACE_LABELS = frozenset({"GPE", "LOC"})


@dataclass(slots=True)
class _Mention:
    start: int  # token indices
    end: int
    start_char: int
    end_char: int
    key: str
    matches: tuple[Match, ...]
    label: str = ""
    admin_word: bool = False  # "Nineveh province", "Kano State"
    areal: bool = False  # "central Washington", "northern Syria"
    country_hint: str | None = None  # "the English city of Salisbury" -> GBR
    container: str | None = None  # the key of Y in "X, Y"


@dataclass(slots=True)
class _Group:
    key: str
    mentions: list[_Mention]
    matches: list[Match]
    containers: set[str] = field(default_factory=set)
    country_hints: set[str] = field(default_factory=set)
    contained: set[str] = field(default_factory=set)
    choice: int = 0
    weight: float = 1.0
    confidence: float = 1.0


def find_places(doc: Doc, *, article: Article, gazetteer: Gazetteer) -> tuple[Place, ...]:
    """Return the places named in ``article`` (parsed as ``doc``), resolved, sorted by start.

    Raises:
        InputError: ``doc`` is not a parse of ``article.text``.
    """
    if doc_text(doc) != article.text:
        raise InputError("the parsed text is not the article's text", article_id=article.id)
    mentions = _recognise(doc, gazetteer)
    anchors = _dateline(article, gazetteer)
    groups = _resolve(mentions, anchors=anchors, gazetteer=gazetteer)
    places = []
    for group in groups.values():
        entry = group.matches[group.choice].entry
        for m in group.mentions:
            places.append(Place(
                article_id=article.id, text=article.text[m.start_char:m.end_char],
                start=m.start_char, end=m.end_char, name=entry.name, geonameid=entry.geonameid,
                lat=entry.lat, lon=entry.lon, country=entry.country, admin1=entry.admin1,
                feature=entry.feature, population=entry.population,
            ))  # fmt: skip
    return tuple(sorted(places, key=lambda p: (p.start, p.end)))


def location_of(place: Place, *, basis: str) -> Location:
    """Return ``place`` as an event location decided by ``basis``."""
    return Location(
        name=place.name, country=place.country, admin1=place.admin1, lat=place.lat, lon=place.lon,
        geonameid=place.geonameid, precision=PRECISION.get(place.feature or "city", "city"),
        basis=basis,
    )  # fmt: skip


def entry_location(entry: Entry, *, basis: str) -> Location:
    """Return a gazetteer entry as an event location decided by ``basis``."""
    return Location(
        name=entry.name, country=entry.country, admin1=entry.admin1, lat=entry.lat, lon=entry.lon,
        geonameid=entry.geonameid, precision=PRECISION.get(entry.feature, "city"), basis=basis,
    )  # fmt: skip


def country_location(iso3: str, *, gazetteer: Gazetteer, basis: str) -> Location | None:
    """Return the country with ISO 3166-1 alpha-3 code ``iso3`` as a location, if known."""
    entry = gazetteer.country(iso3)
    return None if entry is None else entry_location(entry, basis=basis)


# --- recognition ----------------------------------------------------------------------------------


def _recognise(doc: Doc, gazetteer: Gazetteer) -> list[_Mention]:
    ent_of = {}
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            ent_of[i] = ent
    person_parts = {normalize(t.text) for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1
                    for t in ent if t.text[:1].isupper()}  # fmt: skip
    found: list[tuple[_Mention, str]] = []
    text = doc_text(doc)
    # a name starts on a capital (``_capitalised``): the token's first character, read from the text
    starts = [i for i, k in enumerate(doc.to_array(IDX).tolist()) if text[k].isupper() and text[k].isalpha()]
    after = 0  # the end of the last mention found: names do not overlap
    for i in starts:
        if i < after:
            continue
        mention = _longest(doc, i, gazetteer)
        if mention is None:
            continue
        mention.label = _label(mention, ent_of)
        mention.areal = i > 0 and doc[i - 1].lower_ in _AREAL
        mention.country_hint = _demonym_before(doc, i)
        verdict = _verdict(doc, mention, ent_of, person_parts, gazetteer)
        if verdict == "drop":
            continue
        found.append((mention, verdict))
        after = mention.end
    # a doubtful mention stays when the same name is a sure one, or locative, somewhere else, or
    # when it is listed with a sure one ("Sinjar and Tal Afar")
    sure = {m.key for m, verdict in found if verdict == "keep" or _locative(doc, m)}
    listed = {m.end for m, verdict in found if verdict == "keep"}
    kept = [m for m, verdict in found
            if verdict == "keep" or m.key in sure or _listed_with(doc, m, listed)]  # fmt: skip
    by_start = {m.start: m for m in kept}
    for m in kept:
        nxt = by_start.get(m.end + 1)
        if nxt is not None and doc[m.end].text == ",":
            m.container = nxt.key
    return kept


def _listed_with(doc: Doc, m: _Mention, sure_ends: set[int]) -> bool:
    """Tell whether a mention follows a sure place in a list: "Sinjar and Tal Afar"."""
    return (
        m.start >= 2 and doc[m.start - 1].lower_ in ("and", "or", ",") and m.start - 1 in sure_ends
    )


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and token.text[:1].isalpha()


def _longest(doc: Doc, i: int, gazetteer: Gazetteer) -> _Mention | None:
    """Return the longest gazetteer name starting at token ``i`` and ending on a capital."""
    best = None
    stop = min(len(doc), i + _MAX_TOKENS)
    for j in range(i + 1, stop + 1):
        last = doc[j - 1]
        if j > i + 1 and not (
            _capitalised(last) or last.lower_ in _CONNECTORS or last.text in ".,"
        ):
            break
        if not (_capitalised(last) or last.text.endswith(".")):
            continue
        start_char, end_char = doc[i].idx, last.idx + len(last.text)
        key = normalize(doc_text(doc)[start_char:end_char])
        matches = gazetteer.lookup(key)
        if matches:
            best = _Mention(start=i, end=j, start_char=start_char, end_char=end_char, key=key,
                            matches=matches)  # fmt: skip
        # "Va." is often split into "Va" + "." at a sentence end
        if j < len(doc) and doc[j].text == "." and doc[j].idx == end_char:
            dotted = gazetteer.lookup(key + ".")
            if dotted:
                best = _Mention(start=i, end=j + 1, start_char=start_char, end_char=end_char + 1,
                                key=key + ".", matches=dotted)  # fmt: skip
    return best


def _label(m: _Mention, ent_of: dict[int, Span]) -> str:
    """Return the entity label that covers the mention ("GPE" for GPE and LOC), or ""."""
    labels = {ent_of[k].label_ for k in range(m.start, m.end) if k in ent_of}
    if labels & _PLACE_LABELS:
        return "GPE"
    return min(labels) if labels else ""


def _verdict(doc: Doc, m: _Mention, ent_of: dict[int, Span], person_parts: set[str],
             gazetteer: Gazetteer) -> str:  # fmt: skip
    """Return "keep", "drop", or "doubt" (kept if the name is sure elsewhere in the article)."""
    span = doc[m.start : m.end]
    if m.key in _STOP or m.key in _demonyms():
        return "drop"
    if m.label == "NORP":
        if span[-1].pos_ == "ADJ" or not (
            m.matches[0].entry.feature != "city" or m.matches[0].entry.population >= 100_000
        ):
            return "drop"
        m.label = ""  # "between NATO and Tunis", "eastern Ghouta" tagged as nationalities
    if m.label in _TIME_LABELS:
        if any(t.like_num or t.lower_ in _STOP for t in span) or span[0].pos_ != "PROPN":
            return "drop"
        m.label = ""  # "Manbij" tagged as a DATE
    if not span.text.isupper() and gazetteer.is_acronym(m.key):
        # "Car" is not the CAR, "Us" not the US; only an acronym's own name may stay
        m.matches = tuple(x for x in m.matches if x.primary and normalize(x.entry.name) == m.key)
        if not m.matches:
            return "drop"
    if span.text.isupper() and len(span.text) <= 3 and "." not in span.text:
        # "US", "UK", "DRC" are short names of countries; "WA" is not Wa, Ghana, nor "BA" Ba, Fiji
        m.matches = tuple(x for x in m.matches if not x.primary and x.entry.feature != "city")
        if not m.matches:
            return "drop"
    best = m.matches[0].entry
    strong = best.feature in ("country", "region", "admin1")
    if not strong and not any(x.primary for x in m.matches) and 0 < best.population < 10_000:
        return "drop"  # an alternate name of a village: "Newcomers", "Salah" (0 is unknown)
    following = doc[m.end] if m.end < len(doc) else None
    if following is not None:
        word = following.lower_.rstrip(".")
        if word in _ADMIN_WORDS:
            m.admin_word = True
        elif (
            following.text[:1].isupper()
            and word in _FEATURE_WORDS
            and not (word == _CITY_WORD and best.feature == "city")
        ):
            return "drop"  # "Mississippi River", "Washington Post", "Windsor Castle"
        elif word in _STREET_WORDS:
            return "drop"  # "State and Hubbard streets", "Heathrow airport"
    if (
        span.text.isupper()
        and len(span.text) <= 5
        and m.label != "GPE"
        and m.start > 0
        and not strong
    ):
        return "drop"  # acronyms: "ISIS", "NATO"
    if m.key in person_parts and best.feature != "country" and not _locative(doc, m):
        return "drop"  # "Kelly" after "John Kelly"
    if best.feature != "country" and _in_compound(doc, m):
        return "drop"  # "Asia-Pacific", "Miami-Dade"
    named_place = best.feature in ("country", "region")
    if not named_place and _inside_name(doc, m):
        return "drop"  # "Robinson College Cambridge", "Nile Delta", "Eva's Village"
    if m.label == "GPE":
        if _inside_larger(span, ent_of, _BLOCKING) and not m.admin_word:
            return "drop"
        if not strong and (_tail_of_unknown(doc, m, ent_of) or _modifier_of_name(doc, m)):
            return "drop"  # "Washington Township", "St. Louis Hills", "Cambridge Analytica"
        if best.feature == "region" and _modifier_of_name(doc, m):
            return "drop"  # "Mediterranean Dialogue", "Middle East Institute"
        return "keep"
    if m.label in _BLOCKING:
        ent = next(ent_of[k] for k in range(m.start, m.end) if k in ent_of)
        start = ent.start + 1 if ent[0].lower_ == "the" else ent.start
        if start < m.start or ent.end > m.end:
            # a place inside a longer name of something else: only "Nineveh Province" counts
            return "keep" if m.admin_word and ent.end == m.end + 1 else "drop"
        if strong and m.label != "PERSON":
            return "keep"
        sizable = strong or best.population >= 10_000
        return "keep" if sizable and (m.admin_word or _locative(doc, m)) else "doubt"
    if len(span) == 1:
        token = span[0]
        if token.pos_ != "PROPN" and not token.is_upper:
            return "drop"
        if _starts_sentence(token) and not strong:
            return "doubt"  # "Split", "Nice", "Reading" open sentences as common words
        if m.start > 0 and doc[m.start - 1].lower_ == "the" and not strong:
            return "doubt"  # "the Valley", "the Atlantic"
    if (not strong or best.feature == "region") and _modifier_of_name(doc, m):
        return "drop"
    if not strong and not any(match.primary for match in m.matches):
        return "doubt"
    return "keep"


def _in_compound(doc: Doc, m: _Mention) -> bool:
    """Tell whether a mention is hyphened to another capitalised word ("Asia-Pacific")."""
    if m.start > 1 and doc[m.start - 1].text == "-" and not doc[m.start - 2].whitespace_:
        return _capitalised(doc[m.start - 2]) and not doc[m.start - 1].whitespace_
    if m.end + 1 < len(doc) and doc[m.end].text == "-" and not doc[m.end - 1].whitespace_:
        return _capitalised(doc[m.end + 1]) and not doc[m.end].whitespace_
    return False


def _modifier_of_name(doc: Doc, m: _Mention) -> bool:
    """Tell whether a town's name is followed by another capitalised word that is no place:
    "Cambridge Analytica", "Erbil Governor" (but not a dateline: "LONDON Pope Francis ...")."""
    if m.end >= len(doc) or (m.start == 0 and doc[0].is_upper):
        return False
    nxt = doc[m.end]
    return (_capitalised(nxt) and not nxt.is_sent_start and not nxt.is_upper
            and nxt.ent_type_ not in ("GPE", "LOC", "NORP", "DATE", "TIME")
            and normalize(nxt.text) not in _demonyms())  # fmt: skip


def _tail_of_unknown(doc: Doc, m: _Mention, ent_of: dict[int, Span]) -> bool:
    """Tell whether the place entity around a mention has more capitalised words next to it."""
    ent = next(ent_of[k] for k in range(m.start, m.end) if k in ent_of)
    for k in (m.start - 1, m.end):
        if ent.start <= k < ent.end:
            token = doc[k]
            if (
                _capitalised(token)
                and token.lower_ not in _QUALIFIERS
                and token.lower_ != _CITY_WORD
            ):
                return True
    return False


def _inside_larger(span: Span, ent_of: dict[int, Span], labels: frozenset[str]) -> bool:
    for k in (span.start - 1, span.end):
        ent = ent_of.get(k)
        if (
            ent is not None
            and ent.label_ in labels
            and ent.start <= span.end
            and ent.end >= span.start
        ):
            return True
    return False


def _inside_name(doc: Doc, m: _Mention) -> bool:
    """Tell whether a mention is the tail of a longer capitalised name, or a possessor in one."""
    if m.start > 0:
        prev = doc[m.start - 1]
        sizable = m.matches[0].entry.population >= 50_000
        headline = prev.is_upper and doc[m.start : m.end].text.isupper()
        demonym = prev.ent_type_ == "NORP" or normalize(prev.text) in _demonyms()
        if (_capitalised(prev) and not prev.is_sent_start and not prev.is_stop and not headline
                and not (sizable and prev.lower_ in _QUALIFIERS) and not demonym):  # fmt: skip
            return True
    if m.end + 1 < len(doc) and doc[m.end].lower_ in ("'s", "’s") and _capitalised(doc[m.end + 1]):
        # "Eva's Village", "St. Peter's Basilica"; but "London's Heathrow" is London
        return m.label != "GPE" or doc[m.end + 1].lower_ in _FEATURE_WORDS
    return False


def _starts_sentence(token: Token) -> bool:
    if token.is_sent_start or token.i == 0:
        return True
    prev = token.doc[token.i - 1]
    return prev.is_punct and prev.text in {'"', "“", "‘", "'", "(", ":", "—", "-"}


def _locative(doc: Doc, m: _Mention) -> bool:
    """Tell whether the text around a mention says it is a place."""
    prev = doc[m.start - 1] if m.start > 0 else None
    if prev is not None and prev.lower_ in _LOCATIVE:
        return True
    if (
        prev is not None
        and prev.lower_ == "of"
        and m.start > 1
        and doc[m.start - 2].lower_ in _PLACE_NOUNS
    ):
        return True
    following = doc[m.end] if m.end < len(doc) else None
    if following is not None and following.lower_ in _PLACE_NOUNS:
        return True
    if following is not None and following.text == "," and m.end + 1 < len(doc):
        return _capitalised(doc[m.end + 1]) and doc[m.end + 1].ent_type_ in _PLACE_LABELS
    return m.start == 0 and doc[m.start].is_upper


@functools.lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    """Map the demonyms of ``lexicons/countries.tsv`` ("Iraqi", "Americans") to their countries."""
    rows = read_table(bundled_text("countries.tsv"), columns=3, origin="countries.tsv")
    return {normalize(alias): iso3 for alias, iso3, kind, *_ in rows if kind == "demonym"}


def _demonym_before(doc: Doc, i: int) -> str | None:
    """Return the country of "the <demonym> [adjective] city of" just before token ``i``."""
    k = i - 2 if i > 1 and doc[i - 1].lower_ == "of" else i - 1
    if k < 1 or doc[k].lower_ not in _PLACE_NOUNS:
        return None
    for j in (k - 1, k - 2):
        if j >= 0 and doc[j].text[:1].isupper():
            return _demonyms().get(normalize(doc[j].text))
    return None


# --- resolution -----------------------------------------------------------------------------------


# "BEIRUT (Reuters) -", "ERBIL, Iraq —": a dateline the cleaner left at the start of the text
_TEXT_DATELINE = re.compile(r"^([A-Z][A-Z.' -]{2,40}(?:,[ A-Za-z.' -]{2,40})?)\s*(?:\(|—|–|-|:)")


def _dateline(article: Article, gazetteer: Gazetteer) -> tuple[Entry, ...]:
    """Return the places the article is datelined at (``article.dateline``, or a dateline left at
    the start of the text), whose countries and points count as context."""
    line = article.dateline
    if not line:
        found = _TEXT_DATELINE.match(article.text)
        line = found.group(1) if found else None
    return resolve_dateline(line, gazetteer=gazetteer) if line else ()


def resolve_dateline(line: str, *, gazetteer: Gazetteer) -> tuple[Entry, ...]:
    """Resolve a dateline such as "ERBIL, Kurdistan Region" or "Paris, Texas".

    Returns:
        The place of its first part, read inside the last later part the gazetteer knows (most
        specific first), then that part; or fewer, or none, when parts are unknown.
    """
    parts = [p.strip(" .-—–") for p in line.split(",") if p.strip(" .-—–")]
    if not parts:
        return ()
    container: Entry | None = None
    for part in reversed(parts[1:]):
        matches = gazetteer.lookup(part)
        if matches:
            container = matches[0].entry
            break
    matches = gazetteer.lookup(parts[0])
    if not matches:
        return (container,) if container else ()
    inside = [m for m in matches if container is not None and _contains(container, m.entry)]
    alone = _Group(key=normalize(parts[0]), mentions=[], matches=list(matches))
    place = max(inside or matches, key=lambda m: _prior(m, alone, gazetteer)).entry
    return (place, container) if container and container != place else (place,)


def _resolve(mentions: list[_Mention], *, anchors: tuple[Entry, ...],
             gazetteer: Gazetteer) -> dict[str, _Group]:  # fmt: skip
    groups: dict[str, _Group] = {}
    for m in mentions:
        group = groups.get(m.key)
        if group is None:
            group = groups[m.key] = _Group(key=m.key, mentions=[], matches=list(m.matches))
        group.mentions.append(m)
        if m.container:
            group.containers.add(m.container)
        if m.country_hint:
            group.country_hints.add(m.country_hint)
    for group in groups.values():
        for key in group.containers:
            if key in groups:
                groups[key].contained.add(group.key)
        group.weight = 1.0 + math.log(len(group.mentions))
        group.matches = _prune(group.matches, admin_word=any(m.admin_word for m in group.mentions),
                               areal=any(m.areal for m in group.mentions))  # fmt: skip
    for _ in range(4):
        context = _Context.of(groups, anchors)
        changed = False
        for group in groups.values():
            choice, confidence = _choose(group, groups, context, gazetteer)
            changed |= choice != group.choice
            group.choice, group.confidence = choice, confidence
        if not changed:
            break

    # a town that nothing else in the article points to is more likely a name that only looks
    # like one ("Bains", a village in France, in a story from the Bahamas); other such towns do
    # not count as support
    def small(g: _Group) -> bool:
        e = g.matches[g.choice].entry
        return e.feature == "city" and e.population < _SMALL_TOWN

    anchored = {k: g for k, g in groups.items() if not small(g)}
    context = _Context.of(anchored, anchors)
    for key in [k for k, g in groups.items() if small(g)]:
        group = groups[key]
        if not _evidence(group.matches[group.choice].entry, group, groups, context)[1]:
            del groups[key]
    return groups


def _prune(matches: list[Match], *, admin_word: bool, areal: bool) -> list[Match]:
    """Choose between a division and a big city of the same name in it ("Erbil", "Basra"), and
    drop towns when every mention is of an area ("central Washington")."""
    if areal and any(m.entry.feature != "city" for m in matches):
        matches = [m for m in matches if m.entry.feature != "city"]
    cities = [m for m in matches if m.entry.feature == "city"]
    out = []
    for m in matches:
        e = m.entry
        if e.feature == "admin1" and not admin_word:
            if any(
                c.entry.country == e.country
                and c.entry.admin1 == e.name
                and c.entry.population >= 0.15 * max(e.population, 1)
                for c in cities
            ):
                continue
        if (
            e.feature == "city"
            and any(a.entry.feature == "admin1" and a.entry.country == e.country for a in matches)
            and (admin_word or e.population < 50_000)
        ):
            continue  # "Wales" is the country of the UK, not the village in Yorkshire
        out.append(m)
    return out or matches


@dataclass(slots=True)
class _Context:
    """The current readings of all groups, as evidence for each one."""

    countries: Counter  # country -> weight of the groups read as in it
    total: float
    named_admin1: dict[tuple[str | None, str], set[str]]  # division -> groups read as it
    in_admin1: dict[tuple[str | None, str], set[str]]  # division -> groups read as a city in it
    points: list[tuple[str, float, float]]  # key, lat, lon of readings as towns below 1M people
    anchors: tuple[Entry, ...]
    keys: set[str] = field(default_factory=set)  # the groups counted

    @classmethod
    def of(cls, groups: dict[str, _Group], anchors: tuple[Entry, ...]) -> _Context:
        ctx = cls(countries=Counter(), total=0.0, named_admin1=defaultdict(set),
                  in_admin1=defaultdict(set), points=[], anchors=anchors)  # fmt: skip
        for g in groups.values():
            e = g.matches[g.choice].entry
            w = g.weight * (0.5 + 0.5 * g.confidence)
            ctx.keys.add(g.key)
            ctx.total += w
            if e.country:
                ctx.countries[e.country] += w
            if e.feature == "admin1":
                ctx.named_admin1[(e.country, normalize(e.name))].add(g.key)
            elif e.feature == "city" and e.admin1:
                ctx.in_admin1[(e.country, normalize(e.admin1))].add(g.key)
            if e.feature == "city" and e.population < 1_000_000:
                ctx.points.append((g.key, e.lat, e.lon))
        return ctx

    def share(self, country: str | None, group: _Group) -> float:
        """Return the weight of the other groups read as in ``country``, over all others'."""
        if country is None:
            return 0.0
        own = group.weight * (0.5 + 0.5 * group.confidence) if group.key in self.keys else 0.0
        mine = own if group.matches[group.choice].entry.country == country else 0.0
        return (self.countries.get(country, 0.0) - mine) / max(self.total - own, 2.0)


def _choose(group: _Group, groups: dict[str, _Group], ctx: _Context,
            gazetteer: Gazetteer) -> tuple[int, float]:  # fmt: skip
    """Return the index of the best reading of ``group`` and a confidence in [0, 1]."""
    matches = group.matches
    scores = [_prior(m, group, gazetteer) + _evidence(m.entry, group, groups, ctx)[0]
              for m in matches]  # fmt: skip
    order = sorted(range(len(matches)), key=lambda k: -scores[k])
    best = order[0]
    margin = scores[best] - scores[order[1]] if len(order) > 1 else 3.0
    # countries are countries, and curated regions what they say, unless the text puts the name
    # somewhere else: "Atlanta, Georgia"; "Georgia" in an article that is all about the US
    named = next(
        (k for k, m in enumerate(matches) if m.entry.feature in ("country", "region")), None
    )
    if named is not None and best != named and matches[best].entry.feature not in ("country", "region"):
        if not _placed_elsewhere(matches[best].entry, matches[named].entry, group, groups, ctx):
            best, margin = named, 3.0
    return best, min(1.0, margin / 2.0)


def _placed_elsewhere(entry: Entry, named: Entry, group: _Group, groups: dict[str, _Group],
                      ctx: _Context) -> bool:  # fmt: skip
    if _contained(entry, group, groups) or entry.country in group.country_hints:
        return True
    if entry.feature == "admin1" and (any(m.admin_word for m in group.mentions)
                                      or ctx.share(named.country, group) == 0.0
                                      and ctx.share(entry.country, group) >= 0.5):  # fmt: skip
        return True
    return False


def _contained(e: Entry, group: _Group, groups: dict[str, _Group]) -> bool:
    """Tell whether the text puts ``e`` in, or around, a neighbouring name ("X, Y")."""
    for key in group.containers:
        other = groups.get(key)
        if other is not None and any(_contains(c.entry, e) for c in other.matches):
            return True
    for key in group.contained:
        other = groups.get(key)
        if other is not None and any(_contains(e, c.entry) for c in other.matches):
            return True
    return False


def _prior(m: Match, group: _Group, gazetteer: Gazetteer) -> float:
    """Score what a bare mention of the name most likely means, before any context."""
    e = m.entry
    if e.feature == "country":
        return 6.0
    if e.feature == "region":
        return 4.5
    if e.feature == "admin1":
        return 3.5 + 0.1 * math.log10(e.population + 1)
    score = 0.6 * math.log10(e.population + 10)
    if gazetteer.is_capital(e):
        score += 1.0
    towns = [x.entry.population for x in group.matches if x.entry.feature == "city" and x.primary]
    if m.primary:
        # a town far bigger than its namesakes is what a bare mention means
        rival = max([p for p in towns if p != e.population] or [0])
        if len(towns) > 1:
            ratio = e.population / max(rival, 1)
            score += 1.0 if ratio >= 5 else 0.4 if ratio >= 2 else 0.0
    else:
        # "Salisbury" is the English town before it is Harare's old name; "Kiev" is Kyiv
        score -= 2.0 if any(p >= 10_000 for p in towns) else 0.6
    return score


def _evidence(e: Entry, group: _Group, groups: dict[str, _Group],
              ctx: _Context) -> tuple[float, bool]:  # fmt: skip
    """Score what the rest of the article says for reading ``group`` as ``e``; and whether it
    says anything for it at all."""
    share = ctx.share(e.country, group)
    score = 2.0 * share
    support = share > 0
    if e.feature in ("city", "admin1") and e.admin1:
        division = (e.country, normalize(e.admin1))
        if ctx.named_admin1.get(division, set()) - {group.key}:
            score, support = score + 1.5, True
        elif len(ctx.in_admin1.get(division, set()) - {group.key}) >= (
            1 if e.feature == "admin1" else 2
        ):
            score, support = score + (1.0 if e.feature == "admin1" else 0.5), True
    if _contained(e, group, groups):
        score, support = score + 3.0, True
    if e.country in group.country_hints:
        score, support = score + 3.0, True
    for a in ctx.anchors:
        if a.country and a.country == e.country:
            score, support = score + 1.5, True
        if a.feature != "country" and _km(a.lat, a.lon, e.lat, e.lon) < 200:
            score, support = score + 1.0, True
    if e.feature == "city":
        near = 0.0
        for key, lat, lon in ctx.points:
            if key != group.key:
                d = _km(lat, lon, e.lat, e.lon)
                near = max(near, 0.7 if d < 50 else 0.3 if d < 150 else 0.0)
        score, support = score + near, support or near > 0
    return score, support


def _contains(outer: Entry, inner: Entry) -> bool:
    """Tell whether ``outer`` (a country, division or region) contains ``inner``."""
    if outer.feature == "country":
        return inner.country == outer.country and inner.feature != "country"
    if outer.feature == "admin1":
        if inner.country != outer.country or inner.feature != "city":
            return False
        # a county that GeoNames' admin1 codes do not know contains what lies close to it
        return (normalize(inner.admin1 or "") == normalize(outer.name)
                or _km(outer.lat, outer.lon, inner.lat, inner.lon) < 75)  # fmt: skip
    if outer.feature == "region":
        if inner.feature == "country":
            return False
        limit = 500.0 if outer.country and outer.country == inner.country else 300.0
        return _km(outer.lat, outer.lon, inner.lat, inner.lon) < limit
    return False


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))
