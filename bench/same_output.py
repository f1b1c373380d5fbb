"""Record what the extractors output on every development text, and diff the current code against it.

Usage:
    python bench/same_output.py record --out DIR [--benchmarks ../shared/benchmarks] [--only NAME ...]
    python bench/same_output.py diff --against DIR [--show 20] [--only NAME ...]

A reshaping of the coders must not change what they output. ``record`` runs the whole pipeline
(the records of ``eventwire extract``, ``quotes``, ``places`` and ``timex``) over every text of the
development benchmarks and the BBC corpus in ``../shared/benchmarks/``, over the project's own
examples, and over every sentence written in the tests, and writes one gzipped JSON Lines file per
corpus to ``DIR``. ``diff`` runs the current code over the same texts and prints every record that
changed, field by field; it exits 1 when something did.

The snapshot holds benchmark text, so ``DIR`` belongs outside the repository (for instance
``~/.cache/eventwire/same-output``). Two kinds of field are not compared, because they are meant to
change: the extractor's version (``extractor``) and the names of the rules that fired (``rules``).
A record whose span is a ``span`` object is compared as the flat ``text``/``start``/``end`` it was.
"""

from __future__ import annotations

import argparse
import ast
import csv
import dataclasses
import gzip
import json
import sys
import time
from pathlib import Path
from typing import Any, Callable, Iterator

from eventwire.model import Extraction, RawArticle, Rejection, to_dict
from eventwire.settings import Settings

HERE = Path(__file__).resolve().parent
BENCHMARKS = HERE.parent.parent / "shared" / "benchmarks"
IGNORED = frozenset({"extractor", "rules"})

Text = tuple[str, str, str | None]  # (id, text, published as YYYY-MM-DD), or a RawArticle


def _plover(root: Path) -> Iterator[Text]:
    from eventwire.evaluate import plover

    for item in plover.read(root / "plover-gsr" / "PLOVER_GSR_CAMEO.json"):
        yield item.id, item.text, None


def _petrarch(root: Path) -> Iterator[Text]:
    from eventwire.errors import EvaluationError
    from eventwire.evaluate import petrarch

    for name in ("PETR2_GSR_validation.xml", "PETR.UnitTest.records.xml"):
        data = (root / "petrarch2-validation" / name).read_text(encoding="utf-8")
        for n, match in enumerate(petrarch._SENTENCE.finditer(data)):  # the unit records' codes are not all CAMEO
            try:
                yield f"{name}:{n}", petrarch._sentence_text(match.group(2), where=name), None
            except EvaluationError:
                continue


def _pentacode(root: Path) -> Iterator[Text]:
    from eventwire.evaluate import pentacode

    for item in pentacode.read(root / "conflibert-cameo" / "pentacode_train.tsv"):
        yield item.id, item.text, None


def _tempeval(root: Path) -> Iterator[Text]:
    from eventwire.evaluate import tempeval

    for path in sorted((root / "tempeval3" / "TBAQ-cleaned").rglob("*.tml")):
        doc = tempeval.read_tml(path)
        yield doc.id, doc.text, doc.published.isoformat() if doc.published else None


def _geowebnews(root: Path) -> Iterator[Text]:
    from eventwire.evaluate import geowebnews

    for gold in geowebnews.read_gwn(root / "geowebnews"):
        yield gold.article.id, gold.article.text, None


def _geovirus(root: Path) -> Iterator[Text]:
    from eventwire.evaluate import geovirus

    for gold in geovirus.read_geovirus(root / "geoparsing-extra"):
        yield gold.article.id, gold.article.text, None


def _event_location(root: Path) -> Iterator[Text]:
    from eventwire.evaluate import event_location

    seen: set[str] = set()
    for item in event_location.read(root / "event-location"):
        if item.text not in seen:
            seen.add(item.text)
            yield f"t{len(seen)}", item.text, None


def _polnear(root: Path) -> Iterator[Text]:
    from eventwire.evaluate import polnear

    for split in ("train", "dev"):
        for article in polnear.read_split(root / "polnear", split=split):
            yield f"{split}/{article.name}", article.text, article.published.isoformat() if article.published else None


def _ecbplus(root: Path) -> Iterator[Text]:
    from eventwire.evaluate import ecbplus

    for doc in ecbplus.read_corpus(root / "ecbplus"):
        yield doc.name, doc.text, None


def _bbc(root: Path) -> Iterator[Text]:
    for path in sorted((root / "bbc-news-fulltext" / "bbc").rglob("*.txt")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        yield str(path.relative_to(root / "bbc-news-fulltext")), text, None


def _guardian(root: Path) -> Iterator[Text]:
    path = root / "guardian-sample" / "Guardian_SDF_sample.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh)):
            text = next((row[k] for k in ("body", "text", "bodyText", "content") if row.get(k)), "")
            date = next((row[k][:10] for k in ("date", "webPublicationDate", "published") if row.get(k)), None)
            yield f"row{n}", text, date


def _examples(_root: Path) -> Iterator[Text]:
    from eventwire.ingest import read_inputs

    for n, raw in enumerate(read_inputs([str(HERE.parent / "examples")])):
        if not isinstance(raw, Rejection):
            yield dataclasses.replace(raw, id=f"{Path(raw.source or '').name}#{n}")


def _test_sentences(_root: Path) -> Iterator[Text]:
    """Every string of three words or more written in the tests: their sentences and articles."""
    seen: set[str] = set()
    for path in sorted((HERE.parent / "tests").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value.strip()
                if len(text.split()) >= 3 and any(c.isalpha() for c in text) and text not in seen:
                    seen.add(text)
                    yield f"{path.name}:{node.lineno}:{len(seen)}", text, "2024-05-15"


CORPORA: dict[str, Callable[[Path], Iterator[Text]]] = {
    "plover": _plover, "petrarch": _petrarch, "pentacode": _pentacode, "tempeval3": _tempeval,
    "geowebnews": _geowebnews, "geovirus": _geovirus, "event-location": _event_location,
    "polnear": _polnear, "ecbplus": _ecbplus, "bbc": _bbc, "guardian": _guardian,
    "examples": _examples, "tests": _test_sentences,
}  # fmt: skip


def run(texts: list[Text], *, settings: Settings) -> Iterator[dict[str, Any]]:
    """Run the pipeline over ``texts`` and yield one plain record per text, in order."""
    import datetime as dt

    from eventwire.pipeline import Resources, process

    raws, names = [], {}
    for n, text in enumerate(texts):
        if isinstance(text, RawArticle):
            raws.append(dataclasses.replace(text, id=f"x{n}"))
            names[f"x{n}"] = text.id
            continue
        name, body, published = text
        raws.append(RawArticle(id=f"x{n}", text=body, published=dt.date.fromisoformat(published) if published else None))
        names[f"x{n}"] = name
    for item in process(raws, settings=settings, resources=Resources.load(settings)):
        if isinstance(item, Extraction):
            yield {"id": names[item.article.id], "events": [to_dict(e) for e in item.events],
                   "quotes": [to_dict(q) for q in item.quotes], "places": [to_dict(p) for p in item.places],
                   "timexes": [to_dict(t) for t in item.timexes]}  # fmt: skip
        elif isinstance(item, Rejection):
            yield {"id": names.get(item.article_id or "", item.article_id), "rejected": f"{item.stage}: {item.reason}"}


def _raw(value: dict[str, Any]) -> RawArticle:
    import datetime as dt

    published = value.get("published")
    return RawArticle(**{**value, "published": dt.date.fromisoformat(published) if published else None})


def _normal(value: Any) -> Any:
    """A record as compared: ignored fields dropped, a ``span`` object flattened."""
    if isinstance(value, dict):
        out = {k: _normal(v) for k, v in value.items() if k not in IGNORED}
        span = out.pop("span", None) if "start" not in out and isinstance(out.get("span"), dict) else None
        if span is not None:
            out.update(span)
        return out
    if isinstance(value, list):
        return [_normal(v) for v in value]
    return value


def _differences(old: Any, new: Any, path: str = "") -> Iterator[str]:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(old.keys() | new.keys()):
            yield from _differences(old.get(key), new.get(key), f"{path}.{key}" if path else key)
    elif isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for n, (a, b) in enumerate(zip(old, new)):
            yield from _differences(a, b, f"{path}[{n}]")
    elif old != new:
        yield f"{path}: {json.dumps(old, ensure_ascii=False)[:300]} -> {json.dumps(new, ensure_ascii=False)[:300]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("record", "diff"))
    parser.add_argument("--out", type=Path, help="record: the folder to write the snapshot to")
    parser.add_argument("--against", type=Path, help="diff: the folder of a recorded snapshot")
    parser.add_argument("--benchmarks", type=Path, default=BENCHMARKS)
    parser.add_argument("--only", nargs="*", choices=sorted(CORPORA), help="these corpora only")
    parser.add_argument("--show", type=int, default=20, help="diff: changed texts to print per corpus")
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args(argv)
    folder = args.out if args.command == "record" else args.against
    if folder is None:
        parser.error(f"{args.command} needs {'--out' if args.command == 'record' else '--against'}")
    settings = dataclasses.replace(Settings(), min_english_ratio=0.0, workers=args.workers)
    folder.mkdir(parents=True, exist_ok=True)
    changed_total = 0
    for name in args.only or CORPORA:
        started = time.perf_counter()
        texts = list(CORPORA[name](args.benchmarks))
        file = folder / f"{name}.jsonl.gz"
        inputs = folder / f"{name}.inputs.jsonl.gz"
        if args.command == "record":
            with gzip.open(inputs, "wt", encoding="utf-8") as fh:  # the texts, as the tests change
                for text in texts:
                    fh.write(json.dumps(to_dict(text) if isinstance(text, RawArticle) else list(text)) + "\n")
            with gzip.open(file, "wt", encoding="utf-8") as fh:
                for record in run(texts, settings=settings):
                    fh.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
            print(f"{name}: {len(texts):,} texts recorded in {time.perf_counter() - started:.0f}s", file=sys.stderr)
            continue
        if not file.exists():
            print(f"{name}: no snapshot at {file}; record one first", file=sys.stderr)
            return 2
        if inputs.exists():  # the texts the snapshot was made from
            with gzip.open(inputs, "rt", encoding="utf-8") as fh:
                texts = [_raw(v) if isinstance(v, dict) else tuple(v) for v in map(json.loads, fh)]
        with gzip.open(file, "rt", encoding="utf-8") as fh:
            old = [json.loads(line) for line in fh]  # in input order, as ids may repeat
        changed = count = 0
        for count, record in enumerate(run(texts, settings=settings), start=1):
            before = old[count - 1] if count <= len(old) else None
            lines = list(_differences(_normal(before), _normal(json.loads(json.dumps(record)))))
            if lines:
                changed += 1
                if changed <= args.show:
                    print(f"--- {name} {record['id']}")
                    print("\n".join(f"    {line}" for line in lines[:12]))
        missing = old[count:]
        changed += len(missing)
        changed_total += changed
        print(f"{name}: {len(texts):,} texts, {changed:,} changed"
              + (f" ({len(missing)} missing)" if missing else "")
              + f" in {time.perf_counter() - started:.0f}s", file=sys.stderr)  # fmt: skip
    return 1 if changed_total else 0


if __name__ == "__main__":
    sys.exit(main())
