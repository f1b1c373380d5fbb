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


# Small articles of our own, with different types, places and dates, for the web app's store.
WEB_ARTICLES = (
    ("kenya-arrests", "2024-06-20", "Kenyan police arrested 40 protesters in Nairobi on Tuesday."),
    ("kenya-arrests-again", "2024-06-19", "Police in Kenya arrested dozens of protesters in central Nairobi on "
     "Tuesday as anger over the finance bill grew, witnesses said."),  # the same arrests: one merged event
    ("kharkiv-shelling", "2023-03-15",
     "Russian forces shelled the city of Kharkiv on Monday, killing three civilians, Ukrainian officials said."),
    ("cairo-talks", "2022-11-07", "The foreign ministers of Egypt and Jordan met in Cairo on Sunday to discuss the crisis."),
    ("paris-farmers", "2021-02-14", "Thousands of farmers protested in Paris on Saturday against the new tax, police said."),
)  # fmt: skip


@pytest.fixture(scope="session")
def web_db(tmp_path_factory, settings) -> Path:
    """A store filled by the real pipeline from WEB_ARTICLES and the shared NATO example."""
    from eventwire.ingest import read_inputs
    from eventwire.pipeline import ingest
    from eventwire.store import Store

    path = tmp_path_factory.mktemp("web") / "events.duckdb"
    raws = [RawArticle(id=id_, text=text, published=dt.date.fromisoformat(day), title=id_.replace("-", " "))
            for id_, day, text in WEB_ARTICLES]  # fmt: skip
    raws += list(read_inputs([str(SHARED_EXAMPLE)], max_bytes=settings.max_article_bytes))
    with Store(path) as store:
        ingest(raws, store=store, settings=settings, command="test web")
    return path
