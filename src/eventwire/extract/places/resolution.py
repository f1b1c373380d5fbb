"""Resolution: the reading of each name that the whole article supports best, from a prior of its
kind and size and the evidence of the other names, the dateline, containment and nearness."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from eventwire.extract.places.mentions import Mention
from eventwire.gazetteer import Entry, Gazetteer, Match, normalize
from eventwire.model import Article

_SMALL_TOWN = 100_000  # below it, a town needs support from the rest of the article


@dataclass(slots=True)
class Group:
    key: str
    mentions: list[Mention]
    matches: list[Match]
    containers: set[str] = field(default_factory=set)
    country_hints: set[str] = field(default_factory=set)
    contained: set[str] = field(default_factory=set)
    choice: int = 0
    weight: float = 1.0
    confidence: float = 1.0


# "BEIRUT (Reuters) -", "ERBIL, Iraq —": a dateline the cleaner left at the start of the text
_TEXT_DATELINE = re.compile(r"^([A-Z][A-Z.' -]{2,40}(?:,[ A-Za-z.' -]{2,40})?)\s*(?:\(|—|–|-|:)")


def dateline(article: Article, *, gazetteer: Gazetteer) -> tuple[Entry, ...]:
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
    alone = Group(key=normalize(parts[0]), mentions=[], matches=list(matches))
    place = max(inside or matches, key=lambda m: _prior(m, alone, gazetteer)).entry
    return (place, container) if container and container != place else (place,)


def resolve(mentions: list[Mention], *, anchors: tuple[Entry, ...],
             gazetteer: Gazetteer) -> dict[str, Group]:  # fmt: skip
    groups: dict[str, Group] = {}
    for m in mentions:
        group = groups.get(m.key)
        if group is None:
            group = groups[m.key] = Group(key=m.key, mentions=[], matches=list(m.matches))
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
    def small(g: Group) -> bool:
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
    def of(cls, groups: dict[str, Group], anchors: tuple[Entry, ...]) -> _Context:
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

    def share(self, country: str | None, group: Group) -> float:
        """Return the weight of the other groups read as in ``country``, over all others'."""
        if country is None:
            return 0.0
        own = group.weight * (0.5 + 0.5 * group.confidence) if group.key in self.keys else 0.0
        mine = own if group.matches[group.choice].entry.country == country else 0.0
        return (self.countries.get(country, 0.0) - mine) / max(self.total - own, 2.0)


def _choose(group: Group, groups: dict[str, Group], ctx: _Context,
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


def _placed_elsewhere(entry: Entry, named: Entry, group: Group, groups: dict[str, Group],
                      ctx: _Context) -> bool:  # fmt: skip
    if _contained(entry, group, groups) or entry.country in group.country_hints:
        return True
    if entry.feature == "admin1" and (any(m.admin_word for m in group.mentions)
                                      or ctx.share(named.country, group) == 0.0
                                      and ctx.share(entry.country, group) >= 0.5):  # fmt: skip
        return True
    return False


def _contained(e: Entry, group: Group, groups: dict[str, Group]) -> bool:
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


def _prior(m: Match, group: Group, gazetteer: Gazetteer) -> float:
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


def _evidence(e: Entry, group: Group, groups: dict[str, Group],
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
