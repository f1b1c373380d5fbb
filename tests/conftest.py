"""Shared fixtures: the spaCy pipeline and the other heavy resources are loaded once per session."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventwire.model import Extraction, RawArticle
from eventwire.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED_EXAMPLE = ROOT.parent / "shared" / "examples" / "nato-iraq-training-mission.jsonl"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def resources(settings):
    from eventwire.pipeline import Resources

    return Resources.load(settings)


@pytest.fixture(scope="session")
def nlp(resources):
    return resources.nlp


@pytest.fixture(scope="session")
def gazetteer(resources):
    return resources.gazetteer


@pytest.fixture(scope="session")
def analyse_text(resources, settings):
    """Return ``f(text, published=None) -> Extraction`` running the whole pipeline on one text."""
    from eventwire.pipeline import process

    def run(text: str, published: str | dt.date | None = None, *, title: str | None = None) -> Extraction:
        if isinstance(published, str):
            published = dt.date.fromisoformat(published)
        raw = RawArticle(text=text, title=title, published=published, id="test")
        (item,) = list(process([raw], settings=settings, resources=resources))
        assert isinstance(item, Extraction), item
        return item

    return run


@pytest.fixture(scope="session")
def events_of(analyse_text):
    """Return ``f(text, published=None) -> tuple[Event, ...]``."""

    def run(text: str, published: str | None = "2024-05-17"):
        return analyse_text(text, published).events

    return run
