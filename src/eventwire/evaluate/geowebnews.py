"""Score the place extractor on GeoWebNews (Gritta et al., "A Pragmatic Guide to Geoparsing
Evaluation", LREV 2019).

``GWN.xml`` holds 200 news articles; each ``toponym`` has a character extent in the article text,
and the geocoded ones (2,601) have a latitude and longitude -- these are the gold toponyms here.
They include adjectival and embedded uses ("Irish", "University of California") that eventwire
does not take as places by design, which caps recall.

- *found*: a gold toponym that a predicted place overlaps (the prediction that overlaps it most is
  its match); *recall* = found / gold; *precision* = predicted places that overlap a gold toponym /
  all predicted places; *f1* their harmonic mean.
- On the found toponyms, the error is the great-circle distance in km between the prediction's
  point and the gold point: *acc161* is the share within 161 km (100 miles), *mean_km* and
  *median_km* summarise the errors, and *auc* is the area under the error curve on a log scale,
  as in Gritta et al. (2018): with the errors e_1 <= ... <= e_n,
  ``AUC = trapz(ln(1 + e_i)) / ((n - 1) * ln(20039))``, where 20,039 km is half the Earth's
  circumference (the largest possible error). 0 is perfect, 1 the worst; lower is better.
"""

from __future__ import annotations

import math
import pathlib
import statistics
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from eventwire.errors import EvaluationError
from eventwire.extract.places import find_places
from eventwire.gazetteer import Gazetteer
from eventwire.model import Article, Place

MAX_KM = 20039.0


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldToponym:
    """A geocoded toponym of the gold data."""

    start: int
    end: int
    text: str
    lat: float
    lon: float


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldArticle:
    """An article of the gold data with its geocoded toponyms."""

    article: Article
    toponyms: tuple[GoldToponym, ...]


def read_gwn(path: pathlib.Path) -> tuple[GoldArticle, ...]:
    """Read ``GWN.xml`` (or the folder holding it).

    Raises:
        EvaluationError: the file is missing or is not GeoWebNews XML.
    """
    path = pathlib.Path(path)
    if path.is_dir():
        path = path / "GWN.xml"
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise EvaluationError(f"cannot read GeoWebNews from {path}: {exc}; "
                              "pass GWN.xml or the folder that holds it") from exc  # fmt: skip
    out = []
    for element in root.iter("article"):
        text = element.findtext("text") or ""
        article = Article(
            id=f"gwn-{element.get('file')}", text=text, title=element.findtext("title"),
            url=element.findtext("link"),
        )  # fmt: skip
        toponyms = []
        for t in element.iter("toponym"):
            if t.findtext("latitude") is None:
                continue
            start, end = int(t.findtext("start")), int(t.findtext("end"))
            toponyms.append(GoldToponym(start=start, end=end, text=text[start:end],
                                        lat=float(t.findtext("latitude")),
                                        lon=float(t.findtext("longitude"))))  # fmt: skip
        out.append(GoldArticle(article=article, toponyms=tuple(toponyms)))
    if not out:
        raise EvaluationError(f"{path} holds no <article> elements; is it GeoWebNews' GWN.xml?")
    return tuple(out)


def evaluate(path: pathlib.Path, *, nlp: Any, gazetteer: Gazetteer) -> dict[str, Any]:
    """Run :func:`find_places` on every GeoWebNews article and score it against the gold."""
    return score_articles(read_gwn(path), nlp=nlp, gazetteer=gazetteer)


def score_articles(gold_articles: tuple[GoldArticle, ...], *, nlp: Any, gazetteer: Gazetteer) -> dict[str, Any]:
    """Geoparse gold articles and score the toponyms found (shared by GeoWebNews and GeoVirus)."""
    docs = nlp.pipe(g.article.text for g in gold_articles)
    errors: list[float] = []
    gold = predicted = correct = 0
    for g, doc in zip(gold_articles, docs, strict=True):
        places = find_places(doc, article=g.article, gazetteer=gazetteer)
        gold += len(g.toponyms)
        predicted += len(places)
        correct += sum(any(_overlap(p, t) for t in g.toponyms) for p in places)
        errors.extend(match_errors(g.toponyms, places))
    return scores(errors, gold=gold, predicted=predicted, correct=correct,
                  articles=len(gold_articles))  # fmt: skip


def match_errors(toponyms: Iterable[GoldToponym], places: Iterable[Place]) -> list[float]:
    """Return the error in km of each gold toponym that a place overlaps (the largest overlap)."""
    places = [p for p in places if p.lat is not None and p.lon is not None]
    out = []
    for t in toponyms:
        best = max(places, key=lambda p: _overlap(p, t), default=None)
        if best is not None and _overlap(best, t) > 0:
            out.append(km(best.lat, best.lon, t.lat, t.lon))
    return out


def scores(errors: list[float], *, gold: int, predicted: int, correct: int,
           articles: int) -> dict[str, Any]:  # fmt: skip
    """Turn the errors of the found toponyms and the counts into the reported scores."""
    found = len(errors)
    recall = found / gold if gold else 0.0
    precision = correct / predicted if predicted else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "acc161": sum(e <= 161.0 for e in errors) / found if found else 0.0,
        "mean_km": statistics.fmean(errors) if errors else 0.0,
        "median_km": statistics.median(errors) if errors else 0.0,
        "auc": auc(errors),
        "recall": recall, "precision": precision, "f1": f1,
        "gold": gold, "found": found, "predicted": predicted, "articles": articles,
    }  # fmt: skip


def auc(errors: list[float]) -> float:
    """Return the area under the log-scaled error curve (Gritta et al. 2018); lower is better."""
    if len(errors) < 2:
        return math.log1p(errors[0]) / math.log(MAX_KM) if errors else 0.0
    ys = [math.log1p(e) / math.log(MAX_KM) for e in sorted(errors)]
    area = sum((a + b) / 2 for a, b in zip(ys, ys[1:], strict=False))
    return area / (len(ys) - 1)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _overlap(place: Place, toponym: GoldToponym) -> int:
    return max(0, min(place.end, toponym.end) - max(place.start, toponym.start))
