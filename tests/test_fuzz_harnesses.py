"""The coverage-guided fuzzers of ``fuzz/`` run clean for a short, seeded number of inputs.

Each harness runs as its own process (atheris/libFuzzer own the process) from a scratch folder, so a
crash file it writes lands there. Run them longer by hand: see README, Reliability.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT

RUNS = {"fuzz_clean.py": 3000, "fuzz_readers.py": 600, "fuzz_extract.py": 150}


@pytest.mark.parametrize("harness", sorted(RUNS))
def test_fuzz_harness_finds_no_crash_in_a_short_seeded_run(harness, tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "fuzz" / harness), f"-runs={RUNS[harness]}", "-seed=1",
                           "-timeout=60", "-max_len=1000"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stderr[-4000:]
    assert f"Done {RUNS[harness]} runs" in done.stderr
    assert not list(tmp_path.glob("crash-*")) and not list(tmp_path.glob("timeout-*"))
