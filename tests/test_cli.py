from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import eventwire
from eventwire.cli import main

from conftest import EXAMPLES, SHARED_EXAMPLE

SAMPLE = EXAMPLES / "somalia-base-attack.txt"


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory, runner):
    path = tmp_path_factory.mktemp("cli") / "e.duckdb"
    result = runner.invoke(main, ["ingest", str(EXAMPLES), "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert "7 articles" in result.stderr
    return path


def test_extract_prints_jsonl_and_a_summary(runner):
    result = runner.invoke(main, ["extract", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert events and all(e["article_id"] for e in events)
    assert {"ASSAULT"} <= {e["event_type"] for e in events}
    assert "1 articles" in result.stderr and "events" in result.stderr


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_every_format(runner, fmt):
    result = runner.invoke(main, ["extract", str(SAMPLE), "--format", fmt])
    assert result.exit_code == 0, result.output
    if fmt == "json":
        assert isinstance(json.loads(result.stdout), list)
    elif fmt == "csv":
        assert result.stdout.startswith("id,article_id,event_type")
    else:
        assert "event_type" in result.stdout and "ASSAULT" in result.stdout


@pytest.mark.parametrize(("command", "key"), [("quotes", "speaker"), ("places", "geonameid"), ("timex", "value")])
def test_record_commands(runner, command, key):
    result = runner.invoke(main, [command, str(SAMPLE)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and all(key in r and r["article_id"] for r in records)


def test_stdin_with_published_date(runner):
    text = "Police arrested ten protesters in Kampala on Monday."
    result = runner.invoke(main, ["timex", "-", "--published", "2024-03-07"], input=text)
    assert result.exit_code == 0, result.output
    (timex,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert timex["text"] == "Monday" and timex["value"] == "2024-03-04"


def test_rejected_input_is_reported_but_not_an_error(runner, tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = runner.invoke(main, ["extract", str(tmp_path / "empty.txt")])
    assert result.exit_code == 0
    assert "rejected" in result.stderr and "empty" in result.stderr
    assert "1 rejected" in result.stderr


def test_events_filters_and_formats(runner, db):
    result = runner.invoke(main, ["events", "--db", str(db), "--type", "ASSAULT", "--country", "SOM"])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert events and all(e["event_type"] == "ASSAULT" for e in events)
    result = runner.invoke(main, ["events", "--db", str(db), "--since", "2024-06-01", "--until", "2024-06-30"])
    dates = [json.loads(line)["date"] for line in result.stdout.splitlines()]
    assert dates and all(d.startswith("2024-06") or d == "2024" for d in dates)  # a year overlaps June


def test_ingest_again_adds_nothing(runner, db):
    result = runner.invoke(main, ["ingest", str(EXAMPLES), "--db", str(db)])
    assert result.exit_code == 0
    assert "0 articles, 7 already stored, 0 events" in result.stderr


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_export(runner, db, tmp_path, fmt):
    out = tmp_path / f"events.{fmt}"
    result = runner.invoke(main, ["export", "--db", str(db), "--format", fmt, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0
    if fmt == "parquet":
        import pyarrow.parquet as pq

        assert pq.read_table(out).num_rows > 0


def test_rejections_lists_stored_rejections(runner, tmp_path):
    path = tmp_path / "r.duckdb"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bin.txt").write_bytes(b"\x00" * 50)
    assert runner.invoke(main, ["ingest", str(tmp_path / "in"), "--db", str(path)]).exit_code == 0
    result = runner.invoke(main, ["rejections", "--db", str(path)])
    (row,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["stage"] == "ingest" and "binary" in row["reason"]


def test_user_errors_exit_1_without_traceback(runner, tmp_path):
    result = runner.invoke(main, ["events", "--db", str(tmp_path / "missing.duckdb")])
    assert result.exit_code == 1
    assert "no database" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize(
    "args",
    [["extract"], ["extract", "x.txt", "--format", "xml"], ["events", "--type", "PARTY"],
     ["events", "--since", "23/10/2020"], ["nonsense"], ["eval", "nope", "."]],
)  # fmt: skip
def test_usage_errors_exit_2(runner, args):
    result = runner.invoke(main, args)
    assert result.exit_code == 2, result.output


def test_help_everywhere_has_an_example(runner):
    for name, command in main.commands.items():
        result = runner.invoke(main, [name, "-h"])
        assert result.exit_code == 0
        assert "Example:" in result.output, name


@pytest.mark.skipif(not SHARED_EXAMPLE.exists(), reason="../shared is not beside the checkout")
def test_shared_example_from_the_cli(runner):
    result = runner.invoke(main, ["extract", str(SHARED_EXAMPLE)])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    ids = [e["id"] for e in events]
    assert len(ids) == len(set(ids)) >= 8


def test_eval_prints_metrics_and_json(runner, tmp_path):
    gold = [
        {"id": "X-1", "event": "ASSAULT", "text": "Rebels attacked a police station in Goma on Tuesday.",
         "source": [{"actorText": "Rebels", "code": "", "sector": "REB"}], "target": []},
        {"id": "X-2", "event": "PROTEST", "text": "Thousands of students protested in Dhaka on Monday.",
         "source": [{"actorText": "students", "code": "", "sector": "EDU"}], "target": []},
    ]  # fmt: skip
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    result = runner.invoke(main, ["eval", "plover", str(path), "--json"])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout)
    assert metrics["n"] == 2 and 0.0 <= metrics["accuracy"] <= 1.0
    table = runner.invoke(main, ["eval", "plover", str(path)])
    assert table.exit_code == 0 and "accuracy" in table.stdout and "precision" in table.stdout


def test_eval_of_unreadable_gold_is_a_user_error(runner, tmp_path):
    path = tmp_path / "gold.json"
    path.write_text("{not json", encoding="utf-8")
    result = runner.invoke(main, ["eval", "plover", str(path)])
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_export_parquet_to_a_directory_is_partitioned_by_date(runner, db, tmp_path):
    import duckdb
    import pyarrow.dataset as ds

    out = tmp_path / "events"
    result = runner.invoke(main, ["export", "--db", str(db), "--format", "parquet", "--out", str(out)])
    assert result.exit_code == 0, result.output
    with eventwire.open(db, read_only=True) as store:
        events = store.con.sql("SELECT id, date_start FROM merged_events").df()
    assert sorted(p.name for p in out.glob("year=*")) == sorted(
        {f"year={d.year}" for d in events["date_start"].dropna()} | ({"year=undated"} if events["date_start"].isna().any() else set())
    )  # fmt: skip
    con = duckdb.connect()
    pattern = f"{out}/**/*.parquet"
    count, = con.execute("SELECT count(*) FROM read_parquet(?, hive_partitioning=true)", [pattern]).fetchone()
    assert count == len(events)
    year = str(events["date_start"].dropna().iloc[0].year)
    in_year, = con.execute("SELECT count(*) FROM read_parquet(?, hive_partitioning=true) WHERE year = ?",
                           [pattern, year]).fetchone()  # fmt: skip
    assert in_year == sum(1 for d in events["date_start"].dropna() if str(d.year) == year) > 0
    table = ds.dataset(out, format="parquet", partitioning="hive").to_table()
    assert table.num_rows == len(events) and set(table.to_pandas()["id"]) == set(events["id"])


def test_export_parquet_refuses_a_directory_that_is_not_empty(runner, db, tmp_path):
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    result = runner.invoke(main, ["export", "--db", str(db), "--format", "parquet", "--out", str(tmp_path)])
    assert result.exit_code == 1 and "not an empty directory" in result.output
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "mine"
