"""Ingest on a Dask cluster: workers extract partitions into Parquet shards, the parent merges once.

Each partition of the input (``partition_size`` raw articles, in input order) becomes one task.
A worker cleans, parses and extracts every article of it — loading the spaCy pipeline and the
gazetteer once per worker process — and writes one Parquet shard: a row per input item, in order,
with the cleaned article and its extraction or rejection as JSON. The parent then reads the shards
in input order and writes them into the store through the same steps as a local ingest (skipping
stored articles, duplicate detection across all shards, one transaction per batch), so the store
ends up exactly as a local run would leave it.

Duplicates are only known at the merge, so workers also extract the copies; the merge drops them.
The shard directory must be readable at the same path by the workers and the parent (a shared file
system on a real cluster).
"""

from __future__ import annotations

import itertools
import json
import logging
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from eventwire.errors import ConfigError, EventwireError
from eventwire.model import Article, Extraction, RawArticle, Rejection, from_dict, to_dict
from eventwire.parse import load_nlp
from eventwire.pipeline import (
    Item, Resources, StoreRun, Summary, _emit, clean_all, extract_articles, prepare_cleaned,
)  # fmt: skip
from eventwire.settings import Settings
from eventwire.store import Store

log = logging.getLogger(__name__)

SHARD_SCHEMA = pa.schema([
    ("seq", pa.int64()),  # position of the item in the partition
    ("article_id", pa.string()),
    ("article", pa.string()),  # the cleaned Article as JSON; null when cleaning rejected the input
    ("kind", pa.string()),  # "extraction" or "rejection"
    ("result", pa.string()),  # the Extraction or Rejection as JSON
])  # fmt: skip
PARTITIONS_IN_FLIGHT = 4  # per worker thread: bounds the raw text held by the scheduler


def extract_partition(raws: list[RawArticle | Rejection], *, settings: Settings, shard: str) -> str:
    """Clean, parse and extract one partition on a worker and write its shard; return the path.

    The resources are loaded once per worker process and reused by its later tasks.
    """
    resources = Resources.load(settings)
    cleaned = list(clean_all(raws, settings=settings))
    articles = [c for c in cleaned if isinstance(c, Article)]
    results = dict(zip((a.id for a in articles),
                       extract_articles(articles, resources=resources, batch_size=settings.parse_batch_size)))  # fmt: skip
    rows = []
    for seq, item in enumerate(cleaned):
        if isinstance(item, Rejection):
            rows.append({"seq": seq, "article_id": item.article_id, "article": None, "kind": "rejection",
                         "result": _dumps(item)})  # fmt: skip
        else:
            result = results[item.id]
            rows.append({"seq": seq, "article_id": item.id, "article": _dumps(item),
                         "kind": "extraction" if isinstance(result, Extraction) else "rejection",
                         "result": _dumps(result)})  # fmt: skip
    path = Path(shard)
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=SHARD_SCHEMA), path.with_suffix(".tmp"))
    path.with_suffix(".tmp").rename(path)  # a shard is there whole or not at all
    return str(path)


def read_shard(path: str | Path) -> Iterator[tuple[Article | None, Extraction | Rejection]]:
    """Yield each item of a shard, in order: its cleaned article (None if rejected before) and result."""
    table = pq.read_table(path, schema=SHARD_SCHEMA).sort_by("seq")
    for row in table.to_pylist():
        article = _loads(Article, row["article"]) if row["article"] is not None else None
        result = _loads(Extraction if row["kind"] == "extraction" else Rejection, row["result"])
        yield article, result


def ingest(
    raws: Iterable[RawArticle | Rejection], *, store: Store, settings: Settings, shard_dir: str | Path,
    scheduler: str | None = None, partition_size: int = 100, command: str = "ingest --engine dask",
    on_item: Callable[[Item], None] | None = None, client: Any = None,
) -> Summary:  # fmt: skip
    """Extract ``raws`` on a Dask cluster into Parquet shards, then merge them into ``store`` once.

    Args:
        shard_dir: where the shards go, under a folder named for the run; it must be the same path
            on the workers and here.
        scheduler: the address of a running scheduler (``tcp://host:8786``); without it a
            ``LocalCluster`` with ``settings.workers`` worker processes is started and stopped.
        partition_size: raw articles per task.
        client: an existing ``distributed.Client`` to use instead (then ``scheduler`` is ignored).

    Raises:
        ConfigError: dask or distributed is not installed, or the scheduler cannot be reached.
    """
    store.release()  # loading the model takes seconds: not with the file held
    run = StoreRun.start(store, settings=settings, command=command, nlp=load_nlp(settings.model))
    folder = Path(shard_dir) / f"run-{run.run_id}"
    with _DaskClient(client, scheduler=scheduler, settings=settings) as dask_client:
        shards = _extract_all(dask_client, raws, settings=settings, folder=folder, partition_size=partition_size)
    log.info("merging %d shards from %s", len(shards), folder)
    return run.write(merge(shards, settings=settings, skip=run.already_stored, duplicates=run.index), on_item=on_item)


def merge(shards: Iterable[str | Path], *, settings: Settings, skip=None, duplicates=None) -> Iterator[Item]:
    """Yield the items of the shards, in order, as ``pipeline.process`` would have: stored articles
    skipped, copies of earlier articles (in any shard) yielded as duplicates."""
    results: dict[str, Extraction | Rejection] = {}

    def cleaned() -> Iterator[Article | Rejection]:
        for path in shards:
            for article, result in read_shard(path):
                if article is None:
                    yield result
                else:
                    results.setdefault(article.id, result)
                    yield article

    for batch in prepare_cleaned(cleaned(), settings=settings, skip=skip, duplicates=duplicates):
        yield from _emit(batch, {a.id: results[a.id] for a in batch.to_parse})
        for item in batch.items:
            if isinstance(item, Article):
                results.pop(item.id, None)


def _extract_all(client: Any, raws: Iterable[RawArticle | Rejection], *, settings: Settings, folder: Path,
                 partition_size: int) -> list[str]:  # fmt: skip
    from distributed import wait

    limit = PARTITIONS_IN_FLIGHT * max(1, sum(client.nthreads().values()))
    futures, running = [], set()
    for number, partition in enumerate(_partitions(raws, partition_size)):
        shard = str(folder / f"part-{number:06d}.parquet")
        future = client.submit(extract_partition, partition, settings=settings, shard=shard, pure=False,
                               key=f"eventwire-{folder.name}-{number}")  # fmt: skip
        futures.append(future)
        running.add(future)
        if len(running) >= limit:
            done, running = wait(running, return_when="FIRST_COMPLETED")
            running = set(running)
    try:
        return [future.result() for future in futures]
    except OSError as exc:
        raise EventwireError(f"a worker could not write its shard under {folder}: {exc}; the shard "
                             "directory must be writable at the same path on every worker") from exc  # fmt: skip


def _partitions(raws: Iterable[RawArticle | Rejection], size: int) -> Iterator[list[RawArticle | Rejection]]:
    iterator = iter(raws)
    while partition := list(itertools.islice(iterator, size)):
        yield partition


class _DaskClient:
    """A Dask client: the one given, one connected to ``scheduler``, or one on a new LocalCluster."""

    def __init__(self, client: Any, *, scheduler: str | None, settings: Settings):
        self.given, self.scheduler, self.settings = client, scheduler, settings
        self.owned: list[Any] = []

    def __enter__(self) -> Any:
        if self.given is not None:
            return self.given
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise ConfigError("the Dask engine needs dask and distributed: "
                              "pip install 'eventwire[dask]'") from exc  # fmt: skip
        from eventwire.pipeline import worker_count

        try:
            if self.scheduler:
                client = Client(self.scheduler, timeout="30s")
            else:
                # one thread per worker process: spaCy's pipeline is not shared between threads
                cluster = LocalCluster(n_workers=worker_count(self.settings), threads_per_worker=1,
                                       processes=True, dashboard_address=":0")  # fmt: skip
                self.owned.append(cluster)
                client = Client(cluster)
        except (OSError, TimeoutError) as exc:
            raise ConfigError(f"cannot reach the Dask scheduler {self.scheduler}: {exc}") from exc
        self.owned.insert(0, client)
        return client

    def __exit__(self, *exc: object) -> None:
        for thing in self.owned:
            thing.close()


# -- records to and from JSON ----------------------------------------------------------------------


def _dumps(record: Any) -> str:
    return json.dumps(to_dict(record), ensure_ascii=False)


def _loads(cls: type, text: str) -> Any:
    return from_dict(cls, json.loads(text))
