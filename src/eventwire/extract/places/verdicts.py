"""Whether a gazetteer match in the text is a place: kept, dropped, or doubtful.

A doubtful name is kept only where the article is sure of it elsewhere, or gives locative
evidence (``recognition.py``). The decision is ``VERDICT_RULES``, asked in order; the first rule
that answers decides, and a name no rule speaks against is kept.

The first rules read the name as it was tagged and found; the others read it as ``read`` leaves
it: an entity label that only mislabels a place (a nationality, a date) cleared, the readings of
an acronym that the text does not write as one dropped, and whether a division's word follows.
Then come the rules of names tagged as places, of names tagged as something else, and of untagged
names; a name is asked only those of its own tag (``_ASKED``), which answers as asking them all
would, as the others never apply to it.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from eventwire.extract.places.mentions import (
    Mention, demonyms, in_compound, inside_larger, inside_name, locative, modifier_of_name,
    starts_sentence, tail_of_unknown,
)  # fmt: skip
from eventwire.extract.places.words import (
    ADMIN_WORDS, BLOCKING, CITY_WORD, FEATURE_WORDS, STOP, STREET_WORDS, TIME_LABELS,
)  # fmt: skip
from eventwire.extract.rules import Rule, first, rule
from eventwire.gazetteer import Entry, Gazetteer, Match, normalize


class Candidate(NamedTuple):
    """What the verdict on one mention looks at: ``mention`` as ``read`` leaves it.

    A named tuple rather than a frozen dataclass: one is made for every capitalised name the
    gazetteer knows, and a frozen dataclass takes three times as long to make.
    """

    doc: Doc
    mention: Mention
    span: Span
    text: str  # the span's
    following: Token | None  # the token after the name
    best: Entry | None  # the first reading once read; None before, or when none is left
    strong: bool  # a country, region or division: not a name that only looks like a town's
    tagged_label: str  # the entity label, and the matches, before ``read``
    tagged_matches: tuple[Match, ...]
    ent_of: dict[int, Span]
    person_parts: set[str]


def read(m: Mention, text: str, following: Token | None, gazetteer: Gazetteer) -> None:
    """Clear the labels that only mislabel a place, drop an acronym's readings the text does not
    write as one, and mark a division's word after the name ("Nineveh province")."""
    if m.label == "NORP" or m.label in TIME_LABELS:
        m.label = ""  # "between NATO and Tunis", "eastern Ghouta" as nationalities; "Manbij" a DATE
    if not text.isupper():
        if gazetteer.is_acronym(m.key):
            # "Car" is not the CAR, "Us" not the US; only an acronym's own name may stay
            own = tuple(x for x in m.matches if x.primary and normalize(x.entry.name) == m.key)
            m.matches = own
    elif len(text) <= 3 and "." not in text:
        # "US", "UK", "DRC" are short names of countries; "WA" is not Wa, Ghana, nor "BA" Ba, Fiji
        m.matches = tuple(x for x in m.matches if not x.primary and x.entry.feature != "city")
    if following is not None and following.lower_.rstrip(".") in ADMIN_WORDS:
        m.admin_word = True


def verdict(doc: Doc, m: Mention, *, ent_of: dict[int, Span], person_parts: set[str],
            gazetteer: Gazetteer) -> tuple[str, str]:  # fmt: skip
    """Return "keep", "drop" or "doubt" for ``m``, and the name of the rule that decided.

    The rules that judge the name as tagged are asked first; then ``m`` is read, and left as
    ``read`` makes it, which is what the rest of the article's reading uses.
    """
    span = doc[m.start : m.end]
    following = doc[m.end] if m.end < len(doc) else None
    case = Candidate(doc, m, span, span.text, following, None, False, m.label, m.matches, ent_of,
                     person_parts)  # fmt: skip
    answer = first(_AS_TAGGED, case)
    if answer is not None:
        return answer
    read(m, case.text, following, gazetteer)
    if m.matches:
        best = m.matches[0].entry
        case = case._replace(best=best, strong=best.feature in ("country", "region", "admin1"))
    return first(_ASKED.get(m.label, _READ_RULES), case) or ("keep", "place-name")


# --- the name as tagged ---------------------------------------------------------------------------


@rule("stop-word", example="In May the President spoke to Iraqi reporters.")
def stop_word(c: Candidate) -> str | None:
    """A month, weekday, title, generic place word or demonym is no place name."""
    key = c.mention.key
    return "drop" if key in STOP or key in demonyms() else None


@rule("nationality", example="Arab ministers met.")
def nationality(c: Candidate) -> str | None:
    """A name tagged as a nationality is one when it is an adjective or names only a small town."""
    if c.tagged_label != "NORP":
        return None
    best = c.tagged_matches[0].entry
    small_town = best.feature == "city" and best.population < 100_000
    return "drop" if c.span[-1].pos_ == "ADJ" or small_town else None


@rule("number", example="Seven Sisters rose.")
def number(c: Candidate) -> str | None:
    """A name tagged as a date or number with a number or stop word in it, or that is not a
    proper noun, is the date or number."""
    if c.tagged_label not in TIME_LABELS:
        return None
    span = c.span
    if any(t.like_num or t.lower_ in STOP for t in span) or span[0].pos_ != "PROPN":
        return "drop"
    return None


# --- the name as read -----------------------------------------------------------------------------


@rule("no-reading", example="WA officials met.")
def no_reading(c: Candidate) -> str | None:
    """An acronym written as a word, or capitals that are no country's short name, name nothing."""
    return "drop" if not c.mention.matches else None


@rule("alternate-name-of-a-village", example="The Newcomers played in Leeds.")
def alternate_name_of_a_village(c: Candidate) -> str | None:
    """A name that is only an alternate name of a village is something else ("Salah")."""
    matches = c.mention.matches
    if c.strong or any(x.primary for x in matches) or not 0 < c.best.population < 10_000:
        return None  # a population of 0 is unknown
    return "drop"


@rule("feature-after", example="Boats sailed down the Mississippi River.")
def feature_after(c: Candidate) -> str | None:
    """A capitalised feature word after the name makes another name: "Washington Post"."""
    following = c.following
    if following is None or c.mention.admin_word or not following.text[:1].isupper():
        return None
    word = following.lower_.rstrip(".")
    if word in FEATURE_WORDS and not (word == CITY_WORD and c.best.feature == "city"):
        return "drop"  # "Mississippi River", "Windsor Castle"; but "Mexico City"
    return None


@rule("street", example="Police closed State and Hubbard streets in Chicago.")
def street(c: Candidate) -> str | None:
    """A street or airport word after the name makes it a street's or an airport's."""
    following = c.following
    if following is None or c.mention.admin_word:
        return None
    return "drop" if following.lower_.rstrip(".") in STREET_WORDS else None


@rule("acronym", example="Leaders of NATO met.")
def acronym(c: Candidate) -> str | None:
    """Short capitals that are no place entity name an organisation: "ISIS", "NATO"."""
    m, text = c.mention, c.text
    if text.isupper() and len(text) <= 5 and m.label != "GPE" and m.start > 0 and not c.strong:
        return "drop"
    return None


@rule("person-part", example="John Kelly met reporters, and Kelly said little.")
def person_part(c: Candidate) -> str | None:
    """A word of a person's name elsewhere in the article is that person: "Kelly"."""
    m = c.mention
    if m.key in c.person_parts and c.best.feature != "country" and not locative(c.doc, m):
        return "drop"
    return None


@rule("compound", example="Trade in the Asia-Pacific grew.")
def compound(c: Candidate) -> str | None:
    """A name hyphened to another capitalised word is part of a compound: "Miami-Dade"."""
    return "drop" if c.best.feature != "country" and in_compound(c.doc, c.mention) else None


@rule("inside-a-name", example="He studied at Robinson College Cambridge.")
def inside_a_name(c: Candidate) -> str | None:
    """The tail or possessor of a longer capitalised name is part of it: "Eva's Village"."""
    if c.best.feature not in ("country", "region") and inside_name(c.doc, c.mention):
        return "drop"
    return None


# --- names tagged as places -----------------------------------------------------------------------


@rule("place-in-another-entity", example="Toyota Japan said so.")
def place_in_another_entity(c: Candidate) -> str | None:
    """A place entity next to a person's or organisation's name is part of it."""
    m = c.mention
    if m.label == "GPE" and inside_larger(c.span, c.ent_of, BLOCKING) and not m.admin_word:
        return "drop"
    return None


@rule("head-of-a-longer-name", example="Shares of Cambridge Analytica fell.")
def head_of_a_longer_name(c: Candidate) -> str | None:
    """A town's name led or followed by more capitalised words names something else:
    "Washington Township", "St. Louis Hills", "Cambridge Analytica"."""
    m = c.mention
    if m.label != "GPE" or c.strong:
        return None
    if tail_of_unknown(c.doc, m, c.ent_of) or modifier_of_name(c.doc, m):
        return "drop"
    return None


@rule("region-in-a-name", example="The Mediterranean Dialogue opened.")
def region_in_a_name(c: Candidate) -> str | None:
    """A region's name before another capitalised word names something else."""
    m = c.mention
    if m.label == "GPE" and c.best.feature == "region" and modifier_of_name(c.doc, m):
        return "drop"
    return None


@rule("place-entity", example="Protesters gathered in Cairo.")
def place_entity(c: Candidate) -> str | None:
    """A name spaCy tags as a place, that nothing above speaks against, is one."""
    return "keep" if c.mention.label == "GPE" else None


# --- names tagged as something else ---------------------------------------------------------------


@rule("part-of-an-entity", example="Georgia Power raised rates.")
def part_of_an_entity(c: Candidate) -> str | None:
    """A place inside a longer name of something else is part of it, but for "Nineveh Province"."""
    m = c.mention
    if m.label not in BLOCKING:
        return None
    ent = next(c.ent_of[k] for k in range(m.start, m.end) if k in c.ent_of)
    start = ent.start + 1 if ent[0].lower_ == "the" else ent.start
    if start < m.start or ent.end > m.end:
        return "keep" if m.admin_word and ent.end == m.end + 1 else "drop"
    return None


@rule("sure-entity", example="Erbil Governor Nawzad Hadi resigned.")
def sure_entity(c: Candidate) -> str | None:
    """A country, region or division tagged as an organisation is still that place."""
    m = c.mention
    return "keep" if m.label in BLOCKING and c.strong and m.label != "PERSON" else None


@rule("doubtful-entity", example="Kurdish fighters held Manbij.")
def doubtful_entity(c: Candidate) -> str | None:
    """A name tagged as a person or organisation is a place only if sizable and locative."""
    m = c.mention
    if m.label not in BLOCKING:
        return None
    sizable = c.strong or c.best.population >= 10_000
    return "keep" if sizable and (m.admin_word or locative(c.doc, m)) else "doubt"


# --- untagged names -------------------------------------------------------------------------------


@rule("common-word", example="Car bombs hit Baghdad.")
def common_word(c: Candidate) -> str | None:
    """A single word that is not a proper noun, nor in capitals, is a common word."""
    span = c.span
    if len(span) == 1 and span[0].pos_ != "PROPN" and not span[0].is_upper:
        return "drop"
    return None


@rule("sentence-start", example="Nice is on the coast.")
def sentence_start(c: Candidate) -> str | None:
    """A single word opening a sentence may be a common word: "Split", "Nice", "Reading"."""
    span = c.span
    return "doubt" if len(span) == 1 and starts_sentence(span[0]) and not c.strong else None


@rule("after-the", example="They visited the Hague.")
def after_the(c: Candidate) -> str | None:
    """A single word after "the" may name a feature: "the Valley", "the Atlantic"."""
    m = c.mention
    if len(c.span) == 1 and m.start > 0 and c.doc[m.start - 1].lower_ == "the" and not c.strong:
        return "doubt"
    return None


@rule("modifier-of-a-name", example="The Mediterranean Forum opened.")
def modifier_of_a_name(c: Candidate) -> str | None:
    """A town's or region's name before another capitalised word names something else."""
    if (not c.strong or c.best.feature == "region") and modifier_of_name(c.doc, c.mention):
        return "drop"
    return None


@rule("alternate-name", example="They fasted during Ramadan.")
def alternate_name(c: Candidate) -> str | None:
    """A town known only by an alternate name is doubtful."""
    if not c.strong and not any(match.primary for match in c.mention.matches):
        return "doubt"
    return None


# the name as tagged, asked before it is read; then as read
_AS_TAGGED: tuple[Rule[Candidate, str], ...] = (stop_word, nationality, number)
_AS_READ: tuple[Rule[Candidate, str], ...] = (
    no_reading, alternate_name_of_a_village, feature_after, street, acronym, person_part, compound,
    inside_a_name,
)  # fmt: skip
# then those of its tag, the last of which always answers for a place entity or another entity
_PLACE_ENTITY = (place_in_another_entity, head_of_a_longer_name, region_in_a_name, place_entity)
_OTHER_ENTITY = (part_of_an_entity, sure_entity, doubtful_entity)
_UNTAGGED = (common_word, sentence_start, after_the, modifier_of_a_name, alternate_name)

_READ_RULES = _AS_READ + _PLACE_ENTITY + _OTHER_ENTITY + _UNTAGGED
VERDICT_RULES: tuple[Rule[Candidate, str], ...] = _AS_TAGGED + _READ_RULES

# What asking VERDICT_RULES in order comes to for a name with each label (as read): the rules of
# the other tags never apply to it, and are not asked.
_ASKED: dict[str, tuple[Rule[Candidate, str], ...]] = {
    "GPE": _AS_READ + _PLACE_ENTITY,
    "": _AS_READ + _UNTAGGED,
    **{label: _AS_READ + _OTHER_ENTITY for label in BLOCKING},
}
