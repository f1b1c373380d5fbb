"""Turn a raw article into clean, normalised text ready for parsing.

- Unicode NFKC, no control or zero-width characters, one space between words, one newline between
  paragraphs;
- a dateline at the start of the body ("ERBIL, Kurdistan Region –") is cut out and kept as metadata;
- a paragraph that repeats an earlier one of the same article, exactly or nearly, is dropped and
  counted (scrapers often duplicate whole blocks);
- text that is empty, too long or not English is refused with an ``InputError``.

Every offset extracted later refers to the text this module returns.
"""

from __future__ import annotations

import difflib
import datetime as dt
import re
import unicodedata

from eventwire.errors import InputError
from eventwire.model import Article, RawArticle, content_id

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[^\S\n]+")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")

# An all-capitals place, optionally followed by ", Region", an agency in parentheses and a dash:
# "ERBIL, Kurdistan Region –", "NAIROBI (Reuters) -", "WASHINGTON —".
_DATELINE = re.compile(
    r"^(?P<dateline>[A-Z][A-Z'.\- ]{1,40}?(?:,\s*[A-Z][\w'.\- ]{1,40}?){0,2})"
    r"(?:\s*\((?P<agency>[^()\n]{1,40})\))?\s*[–—-]{1,2}\s+(?=\S)"
)

# Function words that make up a large share of any English text, and of little else.
_ENGLISH = frozenset(
    "the of and to a in is was for on that with as by at from it he she his her they their be "
    "has have had are were will said not this an or but which who its after about been would "
    "than more into also over we our us there when".split()
)
# Equally common function words of other languages written in Latin script (none an English word).
_FOREIGN = frozenset(
    "le la les des du une est dans sur pour pas avec qui sont été ont aux "  # French
    "el los las del una por para con que es fue su sus como pero más "  # Spanish
    "der das und ist nicht mit den dem ein eine auf sich für wird von zu "  # German
    "il di che della per non sono nel alla gli dei "  # Italian
    "o os da do das dos em não uma com foi "  # Portuguese
    "het een van en ik je zijn niet op "  # Dutch
    "och att är som för på med "  # Swedish
    "ve bir bu ile için olarak "  # Turkish
    "dan yang dengan untuk dari ini itu "  # Indonesian and Malay
    "na za je się nie że jest".split()  # Polish and other Slavic
) - _ENGLISH
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def normalise(text: str) -> str:
    """Normalise Unicode, line breaks and white space; keep paragraph breaks as single newlines."""
    text = unicodedata.normalize("NFKC", _NEWLINES.sub("\n", text)).translate(_ZERO_WIDTH)
    text = _CONTROL.sub(" ", text.replace("\t", " "))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def split_dateline(text: str) -> tuple[str | None, str]:
    """Return the dateline at the start of ``text`` (or None) and the text without it."""
    match = _DATELINE.match(text)
    if not match:
        return None, text
    dateline = match.group("dateline").strip(" ,")
    first = dateline.split(",")[0]
    if not any(c.isalpha() for c in first) or first != first.upper() or len(first.strip()) < 3:
        return None, text
    return dateline, text[match.end():]


_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
           "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_MONTH_NUMBER = {name: n for n, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
     ("november", "nov"), ("december", "dec")], start=1) for name in names}  # fmt: skip
_DATE_LINE = re.compile(
    r"(?:(?:posted|published|updated|last updated)?\s*(?:on)?\s*:?\s*)?"
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)[a-z]*\.?,?\s+)?"
    rf"(?:(?P<month>{_MONTHS})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month2>{_MONTHS})\.?,?\s+(?P<year2>(?:19|20)\d\d)"
    r"|(?P<iso>(?:19|20)\d\d-\d\d-\d\d))"
    r"(?:[\s,|-]+(?:at\s+)?\d{1,2}\s?[:.]\s?\d\d(?:\s*[ap]\.?m?\.?)?(?:\s+[a-z]{2,5})?)?\s*\.?",
    re.IGNORECASE,
)


def date_line(text: str, *, paragraphs: int = 4) -> dt.date | None:
    """Return the date of a paragraph near the top that is only a date ("May 3, 2013, 10:32 AM").

    Scraped pages and plain-text copies often carry the publication date as a line of its own
    under the headline; an article with no other publication date takes it from there.
    """
    for paragraph in [p for p in text.split("\n") if p.strip()][:paragraphs]:
        line = paragraph.strip()
        if len(line) > 60 or not (match := _DATE_LINE.fullmatch(line)):
            continue
        try:
            if match["iso"]:
                return dt.date.fromisoformat(match["iso"])
            month = _MONTH_NUMBER[(match["month"] or match["month2"]).lower()]
            return dt.date(int(match["year"] or match["year2"]), month, int(match["day"] or match["day2"]))
        except ValueError:
            continue
    return None


def drop_repeated_paragraphs(text: str, *, threshold: float = 0.9) -> tuple[str, int]:
    """Drop paragraphs that repeat an earlier paragraph exactly or nearly.

    Two paragraphs of eight words or more are near-duplicates when the similarity of their word
    sequences (difflib's ratio: twice the matched words over all words) is at least ``threshold``:
    one changed word in twenty still counts as a repeat. Returns the remaining text and how many
    paragraphs were dropped.
    """
    kept: list[str] = []
    seen_exact: set[str] = set()
    seen_words: list[tuple[str, ...]] = []
    dropped = 0
    for paragraph in text.split("\n"):
        words = tuple(w.lower() for w in _WORD.findall(paragraph))
        key = " ".join(words) or paragraph
        if key in seen_exact or (len(words) >= 8 and any(_similar(words, other, threshold) for other in seen_words)):
            dropped += 1
            continue
        seen_exact.add(key)
        if len(words) >= 8:
            seen_words.append(words)
        kept.append(paragraph)
    return "\n".join(kept), dropped


def _similar(a: tuple[str, ...], b: tuple[str, ...], threshold: float) -> bool:
    if 2 * min(len(a), len(b)) / (len(a) + len(b)) < threshold:
        return False  # the length alone rules it out
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return matcher.quick_ratio() >= threshold and matcher.ratio() >= threshold


def english_ratio(text: str, *, sample_words: int = 2000) -> tuple[float, int, int]:
    """Return, over the first words of ``text``: the share that are English function words, the
    number of words, and how many are function words of other Latin-script languages."""
    words = [w.lower() for w in _WORD.findall(text[: sample_words * 12])[:sample_words]]
    if not words:
        return 0.0, 0, 0
    english = sum(1 for w in words if w in _ENGLISH)
    foreign = sum(1 for w in words if w in _FOREIGN)
    return english / len(words), len(words), foreign


def check_english(text: str, *, min_ratio: float = 0.12, article_id: str | None = None,
                  source: str | None = None) -> None:  # fmt: skip
    """Refuse text that is not English (or has too few words to process).

    Mostly non-Latin script is refused at once. Over 25 words or more, English function words must
    make up ``min_ratio`` of the words; in shorter texts, which are too short for a ratio, the
    function words of other Latin-script languages must not outnumber the English ones.

    Raises:
        InputError: with the reason.
    """
    letters = [c for c in text[:4000] if c.isalpha()]
    if not letters:
        raise InputError("no words", article_id=article_id, source=source)
    latin = sum(1 for c in letters if c < "\u0250") / len(letters)
    if latin < 0.5:
        raise InputError("not English: mostly non-Latin script", article_id=article_id, source=source)
    ratio, words, foreign = english_ratio(text)
    if words < 3:
        raise InputError("too short to process: fewer than 3 words", article_id=article_id, source=source)
    english = round(ratio * words)
    if (ratio < min_ratio if words >= 25 else foreign > english) or foreign > 2 * english:
        raise InputError(f"not English: only {ratio:.0%} of its words are English function words",
                         article_id=article_id, source=source)  # fmt: skip


def clean(
    raw: RawArticle, *, min_english_ratio: float = 0.12, max_chars: int = 500_000,
    near_duplicate: float = 0.9,
) -> Article:  # fmt: skip
    """Clean a raw article.

    Raises:
        InputError: the article is empty, too long, or not English.
    """
    body = normalise(raw.text or "")
    title = normalise(raw.title or "") or None
    dateline, body = split_dateline(body)
    body, dropped = drop_repeated_paragraphs(body, threshold=near_duplicate)
    if not body.strip():
        raise InputError("empty article: no text after cleaning", article_id=raw.id, source=raw.source)
    if len(body) > max_chars:
        raise InputError(f"article is {len(body):,} characters after cleaning, over the limit of "
                         f"{max_chars:,}; split it or raise --max-article-chars",
                         article_id=raw.id, source=raw.source)  # fmt: skip
    check_english(body, min_ratio=min_english_ratio, article_id=raw.id, source=raw.source)
    digest = content_id(body, length=16)
    return Article(
        id=raw.id or digest, text=body, title=title, url=raw.url, published=raw.published or date_line(body),
        dateline=dateline, source=raw.source, removed_paragraphs=dropped, content_hash=digest,
    )  # fmt: skip
