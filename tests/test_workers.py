"""Extraction in worker processes gives what one process gives, and survives a bad article."""

from __future__ import annotations

import concurrent.futures
import dataclasses
import os

import pytest

from eventwire import pipeline
from eventwire.model import Extraction, RawArticle, Rejection
from eventwire.store import Store

# Short articles of our own: different stories, an edited copy of one, one that cleaning rejects.
STORIES = {
    "kidal": "Rebels attack Kidal\nPublished: 2024-03-04\nRebels attacked the town of Kidal on Monday and "
             "killed three soldiers, the army said.",
    "kampala": "Arrests in Kampala\nPublished: 2024-03-05\nPolice arrested ten protesters in Kampala on "
               "Tuesday after a march against fuel prices.",
    "talks": "Talks in Doha\nPublished: 2024-03-06\nThe foreign ministers of Qatar and Egypt met in Doha "
             "on Wednesday to discuss a ceasefire in Gaza.",
    "aid": "Aid for Malawi\nPublished: 2024-03-07\nJapan will send emergency food aid to Malawi, its "
           "foreign ministry said on Thursday. \"We stand with the people of Malawi,\" the minister said.",
    "sanctions": "Sanctions\nPublished: 2024-03-08\nThe European Union imposed sanctions on three Russian "
                 "banks on Friday, officials in Brussels said.",
    "protest": "Strike in Lagos\nPublished: 2024-03-09\nThousands of workers protested in Lagos on Saturday "
               "and demanded higher wages from the government of Nigeria.",
}


def write_inputs(directory):
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in STORIES.items():
        (directory / f"{name}.txt").write_text(text, encoding="utf-8")
    (directory / "kidal-copy.txt").write_text(STORIES["kidal"].replace("said.", "said on Tuesday."), encoding="utf-8")
    (directory / "empty.txt").write_text("", encoding="utf-8")
    return directory


def stored(path) -> dict[str, list[dict]]:
    """Every table of a store that ingest fills, without run ids and timestamps, in a fixed order."""
    volatile = {"run_id", "ingested_at", "detected_at", "rejected_at", "updated_at"}
    with Store(path, read_only=True) as store:
        return {
            name: sorted(({k: v for k, v in row.items() if k not in volatile}
                          for row in store.table_arrow(name).to_pylist()), key=repr)
            for name in ("articles", "events", "merged_events", "quotes", "places", "timexes", "duplicates",
                         "rejections")
        }  # fmt: skip


def ingest_with(paths, db, settings):
    from eventwire.ingest import read_inputs

    with Store(db) as store:
        return pipeline.ingest(read_inputs(paths, max_bytes=settings.max_article_bytes), store=store, settings=settings)


def test_two_workers_store_what_one_process_stores(tmp_path, monkeypatch, settings, resources):
    monkeypatch.setattr(pipeline, "POOL_MIN_ARTICLES", 1)  # workers after the first batch, even for this input
    monkeypatch.setattr(pipeline.WorkerPool, "ready", lambda pool: True)  # and at once, not once they have loaded
    inputs = write_inputs(tmp_path / "in")
    one = ingest_with([str(inputs)], tmp_path / "one.duckdb", dataclasses.replace(settings, workers=1))
    two = ingest_with([str(inputs)], tmp_path / "two.duckdb", dataclasses.replace(settings, workers=2, write_batch_size=4))
    assert one.counts() == two.counts()
    assert one.articles == 6 and one.duplicates == 1 and one.rejections == 1 and one.events > 0
    assert stored(tmp_path / "one.duckdb") == stored(tmp_path / "two.duckdb")


def test_batches_are_extracted_here_while_the_workers_load(tmp_path, monkeypatch, settings, resources):
    monkeypatch.setattr(pipeline, "POOL_MIN_ARTICLES", 1)
    started = []
    original = pipeline.WorkerPool._start

    def start(pool):
        original(pool)
        started.append(pool)
        pool._loading = [concurrent.futures.Future()]  # as if the workers never finished loading

    monkeypatch.setattr(pipeline.WorkerPool, "_start", start)
    raws = [RawArticle(text=text.split("\n", 2)[2], id=name) for name, text in STORIES.items()]
    items = list(pipeline.process(raws, settings=dataclasses.replace(settings, workers=2, write_batch_size=1),
                                  resources=resources))  # fmt: skip
    assert len(started) == 1 and not started[0].ready()
    assert [i.article.id for i in items] == list(STORIES) and all(isinstance(i, Extraction) for i in items)


def test_small_inputs_are_extracted_without_starting_workers(settings, resources, monkeypatch):
    def no_pool(**kwargs):
        raise AssertionError("a worker pool was started for a small input")

    monkeypatch.setattr(pipeline, "WorkerPool", no_pool)
    raws = [RawArticle(text=text.split("\n", 2)[2], id=name) for name, text in STORIES.items()]
    items = list(pipeline.process(raws, settings=dataclasses.replace(settings, workers=2, write_batch_size=2),
                                  resources=resources))  # fmt: skip
    assert [i.article.id for i in items] == list(STORIES) and all(isinstance(i, Extraction) for i in items)


def flaky_task(articles, settings):
    """Run in a worker: die on one marked article, raise on another, extract the rest."""
    for article in articles:
        if "CRASH-MARKER" in article.text:
            os._exit(3)
        if "RAISE-MARKER" in article.text:
            raise ValueError("simulated extractor bug")
    return pipeline.extract_in_worker(articles, settings)


def test_an_article_that_kills_or_breaks_its_worker_is_rejected_and_the_rest_go_on(settings, resources):
    texts = [STORIES["kidal"], "Note\nRAISE-MARKER " + STORIES["kampala"], STORIES["talks"],
             "Note\nCRASH-MARKER " + STORIES["aid"], STORIES["sanctions"]]  # fmt: skip
    raws = [RawArticle(text=text.split("\n", 1)[1], title=text.split("\n", 1)[0], id=f"a{n}")
            for n, text in enumerate(texts)]  # fmt: skip
    batches = pipeline._prepare(raws, settings=settings, skip=None, duplicates=None)
    with pipeline.WorkerPool(settings=settings, workers=2, task=flaky_task) as pool:
        items = list(pool.run(batches))
    assert [getattr(i, "article_id", None) or i.article.id for i in items] == ["a0", "a1", "a2", "a3", "a4"]
    assert [type(i).__name__ for i in items] == ["Extraction", "Rejection", "Extraction", "Rejection", "Extraction"]
    assert "internal error (ValueError: simulated extractor bug)" in items[1].reason
    assert "worker process" in items[3].reason and items[3].stage == "extract"
    in_process = list(pipeline.process([raws[i] for i in (0, 2, 4)], settings=settings, resources=resources))
    assert [items[i] for i in (0, 2, 4)] == in_process


@pytest.mark.parametrize("value, expected", [(None, os.cpu_count()), (1, 1), (3, 3)])
def test_workers_default_to_one_per_core(settings, value, expected):
    count = pipeline.worker_count(dataclasses.replace(settings, workers=value))
    assert count == expected if value else 1 <= count <= expected

