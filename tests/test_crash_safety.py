"""A killed ingest loses nothing and duplicates nothing: re-running it ends where an uninterrupted
run ends.

`eventwire ingest` is started as a real process on a folder of articles and killed with SIGKILL at
random moments (seeded, printed on failure), a few times over; then it is run to the end. The
store must then hold exactly what a run that was never interrupted holds: the same articles,
mentions, merged events, quotes, places, time expressions, duplicate links, signatures and
rejections, row for row (run ids and timestamps aside).
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventwire.store import Store

ACTORS = ["Rebel fighters", "Government troops", "The army", "Police", "Militants", "Protesters", "Border guards"]
ACTS = ["attacked a convoy", "seized a checkpoint", "shelled a village", "arrested three men", "blocked a highway",
        "burned a police station", "clashed with soldiers"]  # fmt: skip
PLACES = ["Goma", "Kidal", "Mosul", "Aden", "Benghazi", "Marawi", "Cotabato", "Timbuktu", "Kandahar", "Juba"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
AFTERMATH = ["Officials said at least {n} people were hurt.", "A spokesman said {n} people had been detained.",
             "The governor called for calm after {n} hours of fighting.",
             "Aid groups said {n} families had fled their homes."]  # fmt: skip


def _write_corpus(folder: Path, *, n: int = 120) -> None:
    rng = random.Random(11)
    for i in range(n):
        actor, act, place, day = rng.choice(ACTORS), rng.choice(ACTS), rng.choice(PLACES), rng.choice(DAYS)
        lines = [f"Story {i}: {actor} in {place}", f"Published: 2024-{1 + i % 12:02d}-{1 + i % 27:02d}",
                 f"{actor} {act} near {place} on {day}, witnesses said.",
                 rng.choice(AFTERMATH).format(n=rng.randint(2, 90)),
                 f"The incident in {place} was the {['first', 'second', 'third', 'latest'][i % 4]} of its kind "
                 f"this {['week', 'month', 'year'][i % 3]}, according to report number {1000 + i}."]  # fmt: skip
        (folder / f"story-{i:03d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # A copy of one story, and an input that is refused.
    (folder / "story-zz-copy.txt").write_text((folder / "story-003.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "story-zz-binary.txt").write_bytes(bytes(range(256)) * 4)


def _ingest(folder: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "eventwire.cli", "--batch-size", "2", "ingest", str(folder),
                             "--db", str(db)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip


QUERIES = {
    "articles": "SELECT id, content_hash, title, published, text FROM articles",
    "events": "SELECT id, article_id, event_type, date, status, merged_id, trigger FROM events",
    "merged_events": "SELECT id, event_type, date, mentions, articles, sources, first_mention_id FROM merged_events",
    "quotes": "SELECT id, article_id, content FROM quotes",
    "places": "SELECT id, article_id, geonameid FROM places",
    "timexes": "SELECT id, article_id, value FROM timexes",
    "duplicates": "SELECT article_id, original_id, similarity FROM duplicates",
    "signatures": "SELECT article_id, minhash FROM signatures",
    "rejections": "SELECT id, article_id, source, stage, reason FROM rejections",
}


def _snapshot(db: Path) -> dict[str, list[tuple]]:
    with Store(db, read_only=True) as store:
        return {name: sorted(map(repr, store.con.execute(sql).fetchall())) for name, sql in QUERIES.items()}


def test_an_ingest_killed_at_random_moments_then_rerun_ends_as_an_uninterrupted_run(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _write_corpus(folder)
    reference = tmp_path / "reference.duckdb"
    started = time.monotonic()
    done = _ingest(folder, reference)
    assert done.wait(timeout=600) == 0, done.stderr.read().decode()
    took = time.monotonic() - started
    expected = _snapshot(reference)
    assert len(expected["articles"]) >= 30 and expected["duplicates"] and expected["rejections"]

    total = len(expected["articles"])

    def kill_after(delay: float, db: Path) -> int | None:
        """Run ingest into ``db``, SIGKILL it after ``delay`` s; return the articles stored (None: it finished)."""
        run = _ingest(folder, db)
        try:
            run.wait(timeout=delay)
            return None
        except subprocess.TimeoutExpired:
            run.send_signal(signal.SIGKILL)
            run.wait()
        return len(_snapshot(db)["articles"])  # opening it recovers the file from its log

    # Find, on throw-away stores, how long after its start a run is in the middle of writing.
    lo, hi = 0.0, took
    for n in range(8):
        delay = (lo + hi) / 2
        stored = kill_after(delay, tmp_path / f"probe-{n}.duckdb")
        if stored is None or stored == total:
            hi = delay
        elif stored == 0:
            lo = delay
        else:
            break
    # Now kill one store repeatedly at random moments around there, then let a run finish.
    crashed = tmp_path / "crashed.duckdb"
    rng = random.Random(int(time.time()))
    kills: list[tuple[float, int | None]] = []  # (seconds after start, articles stored after the kill)
    for _ in range(4):
        delay = round(rng.uniform(0.8 * delay, 1.2 * delay), 2)
        stored = kill_after(delay, crashed)
        if stored is not None and kills and kills[-1][1] is not None:
            assert stored >= kills[-1][1], f"articles went missing between kills: {kills} then {stored}"
        kills.append((delay, stored))
    print("kills (seconds, articles stored):", kills)
    assert any(n is not None and 0 < n < total for _, n in kills), f"no kill landed mid-run: {kills}"
    final = _ingest(folder, crashed)
    assert final.wait(timeout=600) == 0, final.stderr.read().decode()
    got = _snapshot(crashed)
    for name in QUERIES:
        assert got[name] == expected[name], f"{name} differs after kills (seconds, articles stored): {kills}"


@pytest.mark.parametrize("table", ["events", "merged_events"])
def test_the_reference_run_is_itself_repeatable(tmp_path, table):
    # Guards the test above: two uninterrupted runs agree, so any difference there is the crash's.
    folder = tmp_path / "in"
    folder.mkdir()
    _write_corpus(folder, n=6)
    snapshots = []
    for name in ("one", "two"):
        run = _ingest(folder, tmp_path / f"{name}.duckdb")
        assert run.wait(timeout=600) == 0
        snapshots.append(_snapshot(tmp_path / f"{name}.duckdb")[table])
    assert snapshots[0] == snapshots[1] and snapshots[0]
