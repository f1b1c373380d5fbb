"""Run a named benchmark with the full pipeline and return its metrics."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path
from typing import Any

from eventwire.errors import EvaluationError
from eventwire.model import Event, Extraction, RawArticle
from eventwire.settings import Settings


def sentence_coder(settings: Settings):
    """Return ``code(texts) -> [[Event, ...], ...]``: the pipeline over a batch of sentences."""
    from eventwire.pipeline import Resources, process

    resources = Resources.load(settings)
    quiet = dataclasses.replace(settings, min_english_ratio=0.0)  # gold sentences are English

    def code(texts: list[str]) -> list[list[Event]]:
        raws = [RawArticle(text=t, id=f"s{n}") for n, t in enumerate(texts)]
        out: dict[str, list[Event]] = {}
        for item in process(raws, settings=quiet, resources=resources):
            if isinstance(item, Extraction):
                out[item.article.id] = list(item.events)
        return [out.get(f"s{n}", []) for n in range(len(texts))]

    return code


def run_benchmark(name: str, path: Path, *, settings: Settings) -> dict[str, Any]:
    """Score the benchmark ``name`` on the gold data at ``path``.

    Raises:
        EvaluationError: the gold data cannot be read.
    """
    started = time.perf_counter()
    if name in ("plover", "pentacode", "petrarch"):
        from eventwire.evaluate import pentacode, petrarch, plover

        module = {"plover": plover, "pentacode": pentacode, "petrarch": petrarch}[name]
        metrics = module.evaluate(path, code=sentence_coder(settings))
    elif name == "tempeval3":
        from eventwire.evaluate import tempeval
        from eventwire.parse import load_nlp

        metrics = tempeval.evaluate(path, nlp=load_nlp(settings.model))
    elif name == "event-location":
        from eventwire.evaluate import event_location
        from eventwire.pipeline import Resources

        resources = Resources.load(settings)
        metrics = event_location.evaluate(path, nlp=resources.nlp, gazetteer=resources.gazetteer,
                                          lexicon=resources.lexicon)
    elif name in ("geowebnews", "geovirus"):
        from eventwire.evaluate import geovirus, geowebnews
        from eventwire.pipeline import Resources

        resources = Resources.load(settings)
        module = geowebnews if name == "geowebnews" else geovirus
        metrics = module.evaluate(path, nlp=resources.nlp, gazetteer=resources.gazetteer)
    elif name == "ecbplus":
        from eventwire.evaluate import ecbplus

        metrics = ecbplus.evaluate(path, settings=settings)
    elif name == "polnear":
        from eventwire.evaluate import polnear

        metrics = polnear.evaluate(path, settings=settings)
    elif name == "articles":
        from eventwire.evaluate import articles

        metrics = articles.evaluate(path, settings=settings)
    elif name == "violence":
        from eventwire.evaluate import snippets

        metrics = snippets.evaluate(path, settings=settings)
    else:  # pragma: no cover - the CLI restricts the names
        raise EvaluationError(f"unknown benchmark {name!r}")
    metrics = dict(metrics)
    metrics["seconds"] = round(time.perf_counter() - started, 1)
    return metrics


def render_report(name: str, metrics: dict[str, Any], *, verbose: bool = False) -> str | None:
    """Return the benchmark's own text report of its metrics, or None where it has none."""
    if name == "articles":
        from eventwire.evaluate import articles

        return articles.render(metrics, verbose=verbose)
    if name == "violence":
        from eventwire.evaluate import snippets

        return snippets.render(metrics, verbose=verbose)
    return None
