"""Duplicate events: mentions of one real-world event across articles, merged.

GDELT counts an event once per article that mentions it; eventwire folds the mentions of the same
event into one merged event and keeps every mention as its provenance. Within one article the
extractor already keeps one event per fact (repeats, nominal echoes and restatements are dropped
there), so two mentions of one article never merge here. A new mention joins a merged event when
all of these hold (``compatible``):

- the same PLOVER type and the same status (a plan and its execution are two facts);
- compatible dates: their date ranges overlap, allowing a day either side for time zones, and two
  more days before a date that is only the publication date (stories report yesterday's news);
  an undated mention never merges across articles;
- compatible actors: where both name sources, they share one; where both name targets, they share
  one; and at least one actor is shared. Actors compare by canonical name, by country and
  sector ("US troops" and "American soldiers" are both USA MIL), and a common noun with no country
  by its head ("officers", "police officers");
- compatible places: within ``MAX_KM`` of each other, or in the same country when one is only
  known to the country; a mention without a place is compatible with any.

Among compatible merged events the one sharing the most actors wins, then the closest in time. The
merged event keeps the most precise date and place of its mentions, the union of their actors, and
counts its mentions, articles and sources. Its id is derived from its first mention, so it stays
the same as more mentions arrive. Merging is greedy and in arrival order.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence
from urllib.parse import urlsplit

from eventwire.model import content_id

MAX_KM = 100.0
SLACK = dt.timedelta(days=1)  # either side of every date: time zones, "overnight"
REPORTING_LAG = dt.timedelta(days=2)  # before a date that is only the publication date


def shift(day: dt.date, delta: dt.timedelta) -> dt.date:
    """Return ``day + delta``, held at the first or last day of the calendar (year 1 or 9999)."""
    try:
        return day + delta
    except OverflowError:  # an article published on 0001-01-01 or 9999-12-31
        return dt.date.max if delta > dt.timedelta(0) else dt.date.min
_PRECISION = {"day": 3, "month": 2, "year": 1}
_PLACE_PRECISION = {"point": 4, "city": 3, "admin1": 2, "country": 1}
_PLACE_BASIS = {"clause": 4, "sentence": 3, "dateline": 2, "actor": 1}


def merged_id(first_mention_id: str) -> str:
    """Return the id of the merged event founded by a mention."""
    return content_id("merged", first_mention_id)


def actor_keys(actor: Mapping[str, Any]) -> set[str]:
    """Return the keys under which two actors count as the same: name, and country + sector."""
    keys = set()
    name = str(actor.get("name") or "").casefold()
    if name:
        keys.add("name:" + name)
    if actor.get("country") and actor.get("sector"):
        keys.add(f"code:{actor['country']}:{actor['sector']}")
    elif name and str(actor.get("name")).islower():
        # A common-noun actor of no known country is known by its head noun: "officers" and
        # "police officers" (a proper name never is: "Bank of England" is no "England").
        keys.add("head:" + name.split()[-1].removesuffix("s"))
    return keys


def _keys(actors: Iterable[Mapping[str, Any]] | None) -> frozenset[str]:
    return frozenset(k for a in actors or () for k in actor_keys(a))


@dataclass(slots=True, kw_only=True)
class Sketch:
    """What merging compares: a mention, or the merged event that mentions joined so far."""

    id: str
    article_ids: set[str]
    event_type: str
    status: str
    start: dt.date | None
    end: dt.date | None
    sources: frozenset[str]
    targets: frozenset[str]
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    country_only: bool = True
    mentions: int = 1

    @classmethod
    def of_mention(cls, row: Mapping[str, Any], *, sketch_id: str | None = None) -> Sketch:
        """Build the sketch of one stored event row (a mention)."""
        start, end = row.get("date_start"), row.get("date_end")
        if start is not None and row.get("date_basis") == "published":
            start = shift(start, -REPORTING_LAG)
        location = row.get("location") or {}
        return cls(
            id=sketch_id or merged_id(row["id"]), article_ids={row["article_id"]},
            event_type=row["event_type"], status=row["status"], start=start, end=end,
            sources=_keys(row.get("source")), targets=_keys(row.get("target")),
            lat=location.get("lat"), lon=location.get("lon"), country=location.get("country"),
            country_only=location.get("precision") in (None, "country"),
        )  # fmt: skip

    @classmethod
    def of_merged(cls, row: Mapping[str, Any]) -> Sketch:
        """Build the sketch of a stored merged event."""
        sketch = cls.of_mention({**row, "article_id": ""}, sketch_id=row["id"])
        sketch.article_ids, sketch.mentions = set(), row.get("mentions") or 1
        return sketch

    def absorb(self, other: Sketch) -> None:
        """Take in a mention that joined: its actors, articles and a narrower date window."""
        self.article_ids |= other.article_ids
        self.sources |= other.sources
        self.targets |= other.targets
        self.mentions += other.mentions
        if other.start and self.start and other.end and self.end:
            if other.end - other.start < self.end - self.start:
                self.start, self.end = other.start, other.end
        if self.country_only and not other.country_only and other.lat is not None:
            self.lat, self.lon, self.country, self.country_only = other.lat, other.lon, other.country, False
        elif self.country is None:
            self.country = other.country


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance between two points, in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def compatible(mention: Sketch, merged: Sketch) -> tuple[int, float] | None:
    """Return a score (shared actors, -days apart) if ``mention`` may join ``merged``, else None."""
    if mention.event_type != merged.event_type or mention.status != merged.status:
        return None
    if mention.article_ids & merged.article_ids:  # within an article, the extractor decides
        return None
    if mention.start is None or merged.start is None or mention.end is None or merged.end is None:
        return None
    if shift(mention.start, -SLACK) > merged.end or shift(merged.start, -SLACK) > mention.end:
        return None
    if mention.sources and merged.sources and not mention.sources & merged.sources:
        return None
    if mention.targets and merged.targets and not mention.targets & merged.targets:
        return None
    shared = len(mention.sources & merged.sources) + len(mention.targets & merged.targets)
    if not shared:
        return None
    if mention.country and merged.country and mention.country != merged.country:
        return None
    if (not mention.country_only and not merged.country_only and None not in (mention.lat, merged.lat)
            and distance_km(mention.lat, mention.lon, merged.lat, merged.lon) > MAX_KM):  # fmt: skip
        return None
    gap = abs((mention.start - merged.start).days)
    return shared, -gap


def assign(mentions: Sequence[Mapping[str, Any]], candidates: Iterable[Sketch]) -> dict[str, str]:
    """Assign each new mention (stored event rows, in arrival order) to a merged event.

    Args:
        mentions: the new event rows.
        candidates: the stored merged events they may join.

    Returns:
        ``{mention id: merged event id}``; a mention that joins nothing founds a merged event.
    """
    pool: dict[str, Sketch] = {c.id: c for c in candidates}
    by_type: dict[tuple[str, str], list[Sketch]] = {}
    for sketch in pool.values():
        by_type.setdefault((sketch.event_type, sketch.status), []).append(sketch)
    out: dict[str, str] = {}
    for row in mentions:
        mention = Sketch.of_mention(row)
        best, best_score = None, None
        for merged in by_type.get((mention.event_type, mention.status), ()):
            score = compatible(mention, merged)
            if score is not None and (best_score is None or score > best_score):
                best, best_score = merged, score
        if best is None:
            pool[mention.id] = mention
            by_type.setdefault((mention.event_type, mention.status), []).append(mention)
            out[row["id"]] = mention.id
        else:
            best.absorb(mention)
            out[row["id"]] = best.id
    return out


def _source_of(article: Mapping[str, Any]) -> str:
    """Return the outlet an article came from: the host of its URL, else its source."""
    url = article.get("url") or ""
    host = urlsplit(url).hostname if "://" in url else None
    return (host or article.get("source") or article.get("id") or "").removeprefix("www.")


def _actor_union(lists: Iterable[Sequence[Mapping[str, Any]] | None]) -> list[dict[str, Any]]:
    """Return the distinct actors of the mentions (sharing a key = same), most mentioned first."""
    owner: dict[str, int] = {}
    actors: list[dict[str, Any]] = []
    counts: Counter[int] = Counter()
    for mentioned in lists:
        for actor in mentioned or ():
            keys = actor_keys(actor) or {"text:" + str(actor.get("text"))}
            index = next((owner[k] for k in keys if k in owner), None)
            if index is None:
                index = len(actors)
                actors.append(dict(actor))
            for key in keys:
                owner.setdefault(key, index)
            counts[index] += 1
    return [actors[i] for i, _ in counts.most_common()]


def aggregate(merged: str, mentions: Sequence[Mapping[str, Any]], articles: Mapping[str, Mapping[str, Any]],
              *, updated_at: dt.datetime) -> dict[str, Any]:  # fmt: skip
    """Return the merged event row built from all its mentions (stored event rows).

    The most precise date (then text over publication date, then the majority) and place (then
    the most specific basis) win; type details come from the most common CAMEO code.
    """

    def date_rank(row: Mapping[str, Any]) -> tuple:
        return (_PRECISION.get(row.get("date_precision") or "", 0), row.get("date_basis") == "text",
                dates[row.get("date")])  # fmt: skip

    def place_rank(row: Mapping[str, Any]) -> tuple:
        loc = row.get("location") or {}
        return (_PLACE_PRECISION.get(loc.get("precision") or "", 0), _PLACE_BASIS.get(loc.get("basis") or "", 0),
                places[loc.get("geonameid") or loc.get("name")])  # fmt: skip

    dates = Counter(m.get("date") for m in mentions)
    places = Counter((m.get("location") or {}).get("geonameid") or (m.get("location") or {}).get("name")
                     for m in mentions)  # fmt: skip
    cameo = Counter(m.get("cameo") for m in mentions).most_common(1)[0][0]
    typical = next(m for m in mentions if m.get("cameo") == cameo)
    dated = max(mentions, key=date_rank)
    placed = [m for m in mentions if m.get("location")]
    article_ids = {m["article_id"] for m in mentions}
    return {
        "id": merged, "event_type": typical["event_type"], "mode": typical.get("mode"),
        "context": typical.get("context"), "cameo": cameo, "status": typical["status"],
        "source": _actor_union(m.get("source") for m in mentions),
        "target": _actor_union(m.get("target") for m in mentions),
        "date": dated.get("date"), "date_precision": dated.get("date_precision"),
        "date_basis": dated.get("date_basis"), "date_start": dated.get("date_start"),
        "date_end": dated.get("date_end"),
        "location": max(placed, key=place_rank)["location"] if placed else None,
        "confidence": max(m.get("confidence") or 0.0 for m in mentions),
        "mentions": len(mentions), "articles": len(article_ids),
        "sources": len({_source_of(articles.get(a, {"id": a})) for a in article_ids}),
        "first_mention_id": min(mentions, key=lambda m: merged_id(m["id"]) != merged)["id"],
        "updated_at": updated_at,
    }  # fmt: skip
