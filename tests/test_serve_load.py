"""A short version of `bench/serve_load.py`: `eventwire serve` under load answers every request and
does not grow in memory. The figures of the long run are in README, Reliability."""

from __future__ import annotations

import shutil
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

from serve_latency import multiply  # noqa: E402
from serve_load import run  # noqa: E402


def test_serve_under_load_answers_every_request_and_memory_stays_flat(tmp_path, web_db):
    from eventwire.store import Store

    db = tmp_path / "load.duckdb"
    shutil.copy(web_db, db)
    with Store(db) as store:
        multiply(store, 10_000)
    lines: list[str] = []
    outcome = run(db, seconds=1.0, clients=4, report=lines.append)
    print("\n" + "\n".join(lines))
    for name, result in outcome["results"].items():
        assert result["errors"] == 0, (name, result["error_kinds"])
        assert result["requests"] > 0, name
    growth_mib = (outcome["rss_end_kib"] - outcome["rss_start_kib"]) / 1024
    assert growth_mib < 64, f"the server grew by {growth_mib:.0f} MiB under load"
