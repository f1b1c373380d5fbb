"""Score the place extractor on GeoVirus (Gritta et al., "Which Melbourne? Augmenting Geocoding
with Maps", ACL 2018): 229 WikiNews articles about disease outbreaks, with 2,170 toponyms whose
points come from their Wikipedia pages (so a country's point is Wikipedia's, not GeoNames').

The ``start``/``end`` offsets of ``GeoVirus.xml`` count from 1: ``text[start - 1:end - 1]`` is the
toponym's ``name``. The reader checks that and converts them to 0-based offsets.

The scores are those of :mod:`eventwire.evaluate.geowebnews` (found, recall, precision, acc161,
mean/median km, AUC); every gold location here has a point.
"""

from __future__ import annotations

import pathlib
import xml.etree.ElementTree as ET
from typing import Any

from eventwire.errors import EvaluationError
from eventwire.evaluate.geowebnews import GoldArticle, GoldToponym, score_articles
from eventwire.gazetteer import Gazetteer
from eventwire.model import Article


def read_geovirus(path: pathlib.Path) -> tuple[GoldArticle, ...]:
    """Read ``GeoVirus.xml`` (or the folder holding it).

    Raises:
        EvaluationError: the file is missing or is not GeoVirus XML.
    """
    path = pathlib.Path(path)
    if path.is_dir():
        path = path / "GeoVirus.xml"
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise EvaluationError(f"cannot read GeoVirus from {path}: {exc}; "
                              "pass GeoVirus.xml or the folder that holds it") from exc  # fmt: skip
    out = []
    for n, element in enumerate(root.iter("article")):
        text = element.findtext("text") or ""
        article = Article(id=f"geovirus-{n}", text=text, url=element.findtext("source"))
        toponyms = []
        for loc in element.iter("location"):
            start, end = int(loc.findtext("start")) - 1, int(loc.findtext("end")) - 1
            if text[start:end] != loc.findtext("name"):
                raise EvaluationError(f"{path}: location {loc.findtext('name')!r} is not at "
                                      f"{start + 1}-{end + 1} of article {n}")  # fmt: skip
            toponyms.append(GoldToponym(start=start, end=end, text=text[start:end],
                                        lat=float(loc.findtext("lat")),
                                        lon=float(loc.findtext("lon"))))  # fmt: skip
        out.append(GoldArticle(article=article, toponyms=tuple(toponyms)))
    if not out:
        raise EvaluationError(f"{path} holds no <article> elements; is it GeoVirus.xml?")
    return tuple(out)


def evaluate(path: pathlib.Path, *, nlp: Any, gazetteer: Gazetteer) -> dict[str, Any]:
    """Run :func:`find_places` on every GeoVirus article and score it against the gold."""
    return score_articles(read_geovirus(path), nlp=nlp, gazetteer=gazetteer)
