"""The Dask engine stores what a local run stores, through Parquet shards merged once."""

from __future__ import annotations

import dataclasses

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from eventwire import distributed
from eventwire.cli import main
from eventwire.ingest import read_inputs
from eventwire.model import Extraction
from eventwire.store import Store

from test_workers import ingest_with, stored, write_inputs

pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    # threads in this process: the session's model is reused, so the test stays quick
    with LocalCluster(processes=False, n_workers=1, threads_per_worker=1, dashboard_address=":0") as cluster:
        with Client(cluster) as dask_client:
            yield dask_client


def test_dask_ingest_stores_what_a_local_ingest_stores(tmp_path, settings, resources, client):
    inputs = write_inputs(tmp_path / "in")
    local = ingest_with([str(inputs)], tmp_path / "local.duckdb", dataclasses.replace(settings, workers=1))
    with Store(tmp_path / "dask.duckdb") as store:
        summary = distributed.ingest(read_inputs([str(inputs)]), store=store, settings=settings, client=client,
                                     shard_dir=tmp_path / "shards", partition_size=2)  # fmt: skip
    assert summary.counts() == local.counts()
    assert summary.duplicates == 1 and summary.rejections == 1
    assert stored(tmp_path / "dask.duckdb") == stored(tmp_path / "local.duckdb")

    shards = sorted((tmp_path / "shards").glob("run-*/part-*.parquet"))
    assert len(shards) == 4  # 8 inputs, 2 per partition
    # the copy and its original were extracted in different shards; the merge linked them
    (copy,) = stored(tmp_path / "dask.duckdb")["duplicates"]
    shard_of = {row["article_id"]: n for n, path in enumerate(shards)
                for row in pq.read_table(path).to_pylist()}  # fmt: skip
    assert shard_of[copy["article_id"]] != shard_of[copy["original_id"]]


def test_shards_round_trip_to_the_records_extracted(tmp_path, settings, resources):
    inputs = write_inputs(tmp_path / "in")
    raws = list(read_inputs([str(inputs / "aid.txt"), str(inputs / "empty.txt")]))
    path = distributed.extract_partition(raws, settings=settings, shard=str(tmp_path / "part.parquet"))
    (article, result), (nothing, rejection) = distributed.read_shard(path)
    assert isinstance(result, Extraction) and result.article == article and result.quotes
    from eventwire.pipeline import process

    assert [result, rejection] == list(process(raws, settings=dataclasses.replace(settings, workers=1),
                                               resources=resources))  # fmt: skip
    assert nothing is None and rejection.stage == "clean"


def test_ingest_engine_dask_from_the_command_line_starts_a_local_cluster(tmp_path):
    inputs = write_inputs(tmp_path / "in")
    db = tmp_path / "cli.duckdb"
    result = CliRunner().invoke(main, ["ingest", str(inputs / "kidal.txt"), str(inputs / "aid.txt"), "--db", str(db),
                                       "--engine", "dask", "--workers", "1"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "2 articles" in result.stderr
    assert list((tmp_path / "cli.duckdb.shards").glob("run-*/part-000000.parquet"))
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 2 and store.counts()["events"] > 0


def test_scheduler_without_dask_engine_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2 and "--engine dask" in result.output
