"""The accuracy gate: every figure of the README's table has a floor, and a drop fails the check."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys

import pytest

from conftest import ROOT

_spec = importlib.util.spec_from_file_location("accuracy", ROOT / "bench" / "accuracy.py")
accuracy = sys.modules["accuracy"] = importlib.util.module_from_spec(_spec)  # dataclasses look it up there
_spec.loader.exec_module(accuracy)


def _readme_table() -> list[tuple[str, str, float]]:
    """Return (benchmark, metric label, figure) for each row of the README's accuracy table."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- accuracy-table -->", 1)[1].split("\n\n", 1)[0]
    rows, benchmark = [], None
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not re.fullmatch(r"-?[\d.]+", cells[2]):
            continue
        benchmark = cells[0] or benchmark
        rows.append((benchmark, cells[1], float(cells[2])))
    return rows


def test_every_figure_of_the_readme_table_has_a_floor_and_meets_it():
    floors, fast = accuracy.load_floors(accuracy.FLOORS)
    table = _readme_table()
    assert [(f.benchmark, f.label) for f in floors] == [(b, label) for b, label, _ in table]
    assert [(f.benchmark, f.metric) for f in floors] == [(name, key) for name, _, metrics, _ in accuracy.ROWS
                                                         for key, _ in metrics]  # fmt: skip
    for floor, (_, _, shown) in zip(floors, table):
        # the README shows three decimals of the figure the floor was recorded from, or a better one
        verdict = accuracy.Verdict(floor=floor, value=shown)
        assert not verdict.failed, (floor, shown)
    assert set(fast) == {"plover", "pentacode", "petrarch", "tempeval3", "articles", "violence"}
    assert {(f.metric, f.better) for f in floors if f.better != "higher"} == {
        ("median_km", "lower"), ("auc", "lower"), ("singleton_baseline.conll_f1", "none")}


def _floor(**values) -> "accuracy.Floor":
    defaults = dict(benchmark="b", metric="m", label="a score", floor=0.8, tolerance=0.005, better="higher")
    return accuracy.Floor(**{**defaults, **values})


@pytest.mark.parametrize(("floor", "value", "failed"), [
    (_floor(), 0.8, False), (_floor(), 0.796, False), (_floor(), 0.794, True), (_floor(), 0.9, False),
    (_floor(better="lower", floor=25.0, tolerance=0.5), 25.4, False),
    (_floor(better="lower", floor=25.0, tolerance=0.5), 25.6, True),
    (_floor(better="lower", floor=25.0, tolerance=0.5), 3.0, False),
    (_floor(better="none"), 0.1, False), (_floor(), None, True),
])  # fmt: skip
def test_a_figure_fails_when_it_moves_the_wrong_way_by_more_than_the_tolerance(floor, value, failed):
    assert accuracy.Verdict(floor=floor, value=value).failed is failed


def test_check_exits_1_naming_each_figure_that_dropped(tmp_path, monkeypatch, capsys):
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"tolerance": 0.005, "fast": ["plover"], "floors": [
        {"benchmark": "plover", "metric": "accuracy", "label": "event type accuracy", "floor": 0.83, "better": "higher"},
        {"benchmark": "plover", "metric": "source.accuracy", "label": "source actor accuracy", "floor": 0.8,
         "better": "higher"},
        {"benchmark": "geowebnews", "metric": "median_km", "label": "median error (km)", "floor": 25.0,
         "better": "lower", "tolerance": 0.5},
    ]}), encoding="utf-8")  # fmt: skip
    results = {"plover": {"accuracy": 0.81, "source": {"accuracy": 0.799}}, "geowebnews": {"median_km": 31.0}}
    monkeypatch.setattr(accuracy, "run", lambda names, benchmarks: {n: results[n] for n in names})
    monkeypatch.setattr(sys, "argv", ["accuracy.py", "--check", "--floors", str(floors)])
    with pytest.raises(SystemExit) as exit_:
        accuracy.main()
    out = capsys.readouterr().out
    assert exit_.value.code == 1
    assert "2 of 3 figures moved the wrong way" in out
    assert "plover event type accuracy: 0.8100 against the floor 0.8300" in out
    assert "geowebnews median error (km): 31.0000 against the floor 25.0000" in out
    assert "source actor accuracy: 0.7990" not in out.split("moved the wrong way")[1]

    monkeypatch.setattr(sys, "argv", ["accuracy.py", "--check", "--fast", "--floors", str(floors)])
    with pytest.raises(SystemExit) as exit_:
        accuracy.main()
    assert exit_.value.code == 1 and "geowebnews" not in capsys.readouterr().out  # plover only

    results["plover"]["accuracy"] = 0.829
    with pytest.raises(SystemExit) as exit_:
        accuracy.main()
    assert exit_.value.code == 0 and "all 2 figures within the tolerance" in capsys.readouterr().out


def test_record_writes_the_figures_as_floors_keeping_the_tolerances(tmp_path):
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"tolerance": 0.01, "fast": [], "floors": [
        {"benchmark": "geowebnews", "metric": "median_km", "label": "x", "floor": 1.0, "better": "lower", "tolerance": 2},
        {"benchmark": "petrarch", "metric": "f1", "label": "y", "floor": 0.5, "better": "higher"},
    ]}), encoding="utf-8")  # fmt: skip
    accuracy.record(floors, {"geowebnews": {"acc161": 0.9, "median_km": 20.123456, "auc": 0.3, "recall": 0.5}})
    written, _ = accuracy.load_floors(floors)
    by_metric = {(f.benchmark, f.metric): f for f in written}
    assert by_metric["geowebnews", "median_km"].floor == 20.1235
    assert by_metric["geowebnews", "median_km"].tolerance == 2 and by_metric["geowebnews", "auc"].better == "lower"
    assert by_metric["geowebnews", "acc161"].tolerance == 0.01
    assert by_metric["petrarch", "f1"].floor == 0.5  # not rerun: kept


def test_check_without_the_gold_data_says_so_and_exits_2(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "accuracy.py"), "--check", "--fast",
                           "--benchmarks", str(tmp_path)], capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 2
    assert "cannot check: no gold data for plover" in done.stderr and "--benchmarks" in done.stderr
