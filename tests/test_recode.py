"""Which coder made a record, and coding a store again when the coder changes.

Versions are derived from the code and the tables (a copy of the package is edited to see what
changes them); every stored record carries its version; ingest and ``eventwire recode`` code again
the articles another coder coded, and only those. An older coder is simulated honestly: a store's
rows are given the versions a store written before carries (``eventwire.events.v1``, no coder), or
the coder is changed for real with a user actor file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from eventwire import pipeline, provenance
from eventwire.cli import main
from eventwire.lexicon import Lexicon
from eventwire.model import RawArticle
from eventwire.store import MIGRATIONS, SCHEMA_VERSION, Store

from conftest import ROOT

OLD_CODER = "eventwire.coder.000000000000"
VERSION = re.compile(r"^eventwire\.(timex|places|actors|quotes|events|coder)\.[0-9a-f]{12}$")

# Short articles of our own.
STORIES = {
    "goma": ("2024-04-08", "Rebels attacked a police post near Goma on Monday, killing two officers, the army said. "
                           "\"We will not give up the town,\" the governor told reporters in Goma."),
    "kampala": ("2024-04-09", "Police arrested ten protesters in Kampala on Tuesday after a march against fuel prices."),
    "doha": ("2024-04-10", "The foreign ministers of Qatar and Egypt met in Doha on Wednesday to discuss a ceasefire."),
    "lagos": ("2024-04-11", "Thousands of workers protested in Lagos on Thursday and demanded higher wages."),
    "brussels": ("2024-04-12", "The European Union imposed sanctions on three Russian banks on Friday, officials said."),
}  # fmt: skip
# An armed group the bundled lexicons do not know, and a user actor file that does.
FRONT = "The Zubaran Liberation Front attacked an army convoy near Bunia on Monday, local officials said."
USER_ACTORS = "Zubaran Liberation Front\tZubaran Liberation Front\tCOD\tREB\tgroup\n"


def _raws(stories: dict[str, tuple[str, str]] = STORIES) -> list[RawArticle]:
    return [RawArticle(id=name, title=name.title(), text=text, published=dt.date.fromisoformat(day))
            for name, (day, text) in stories.items()]  # fmt: skip


def _ingest(path: Path, settings, raws=None, **kwargs) -> pipeline.Summary:
    with Store(path) as store:
        return pipeline.ingest(_raws() if raws is None else raws, store=store, settings=settings, **kwargs)


RECORDS = ("events", "quotes", "places", "timexes")


def _rows(path: Path, *, drop: tuple[str, ...] = ("run_id", "ingested_at", "updated_at")) -> dict[str, list]:
    """The rows of every table a coder fills, in a fixed order, without the columns in ``drop``."""
    with Store(path, read_only=True) as store:
        return {
            name: sorted(({k: v for k, v in row.items() if k not in drop} for row in store.table_arrow(name).to_pylist()),
                         key=repr)
            for name in ("articles", *RECORDS, "merged_events", "duplicates", "rejections")
        }  # fmt: skip


def _age(path: Path, *, where: str = "TRUE") -> None:
    """Make articles look coded by an older eventwire: the versions it wrote (and none where it wrote none)."""
    con = duckdb.connect(str(path))
    ids = f"(SELECT id FROM articles WHERE {where})"
    con.execute(f"UPDATE articles SET coder = '{OLD_CODER}' WHERE id IN {ids} AND coder IS NOT NULL")  # not copies
    con.execute(f"UPDATE events SET extractor = 'eventwire.events.v1' WHERE article_id IN {ids}")
    con.execute(f"UPDATE quotes SET extractor = 'eventwire.quotes.v2' WHERE article_id IN {ids}")
    for table in ("places", "timexes"):
        con.execute(f"UPDATE {table} SET extractor = NULL WHERE article_id IN {ids}")
    con.close()


def _extractors(path: Path) -> dict[str, set]:
    with Store(path, read_only=True) as store:
        out = {t: {r[0] for r in store.con.execute(f"SELECT DISTINCT extractor FROM {t}").fetchall()} for t in RECORDS}
        out["articles"] = {r[0] for r in store.con.execute("SELECT DISTINCT coder FROM articles").fetchall()}
    return out


# -- versions ---------------------------------------------------------------------------------------


@pytest.fixture
def package(tmp_path) -> Path:
    """A copy of the eventwire package to edit (the code is read from files, never imported)."""
    copy = tmp_path / "eventwire"
    shutil.copytree(provenance.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "web", "evaluate"))
    return copy


def _derive(package: Path, **given: str) -> provenance.Versions:
    return provenance.derive(**{"lexicon": "lex", "gazetteer": "gaz", "model": "en_core_web_sm-3.8.0", **given},
                             package=package)  # fmt: skip


def _defining(package: Path, function: str) -> Path:
    """The file of the copied package that defines ``function`` (a module, or a package's module)."""
    return next(p for p in sorted((package / "extract").rglob("*.py"))
                if f"def {function}(" in p.read_text(encoding="utf-8"))  # fmt: skip


def _changed(a: provenance.Versions, b: provenance.Versions) -> set[str]:
    return {name for name, version in a.as_dict().items() if b.as_dict()[name] != version}


def test_versions_are_readable_and_the_same_for_the_same_code(package):
    versions = _derive(package)
    assert all(VERSION.match(v) and v.split(".")[1] == name for name, v in versions.as_dict().items())
    assert _derive(package) == versions
    assert _derive(provenance.PACKAGE) == versions  # the copy is the code itself


def test_the_resources_each_extractor_is_given_are_part_of_its_version(package):
    base = _derive(package)
    assert _changed(base, _derive(package, lexicon="other")) == {"actors", "quotes", "events", "coder"}
    assert _changed(base, _derive(package, gazetteer="other")) == {"places", "actors", "quotes", "events", "coder"}
    assert _changed(base, _derive(package, model="en_core_web_sm-3.9.0")) == set(base.as_dict())


def test_a_user_actor_or_trigger_file_changes_the_versions_that_read_the_lexicon(tmp_path, package):
    actors = tmp_path / "actors.tsv"
    actors.write_text(USER_ACTORS, encoding="utf-8")
    triggers = tmp_path / "triggers.tsv"
    triggers.write_text("besiege\tVERB\tCOERCE\t\t190\n", encoding="utf-8")
    bundled = Lexicon.load().version
    base = _derive(package, lexicon=bundled)
    for lexicon in (Lexicon.load(user_actors=actors), Lexicon.load(user_triggers=triggers)):
        assert lexicon.version != bundled
        assert _changed(base, _derive(package, lexicon=lexicon.version)) == {"actors", "quotes", "events", "coder"}


def test_a_rule_change_changes_its_extractor_and_those_that_take_its_output(package):
    base = _derive(package)
    timex = _defining(package, "find_timexes")
    timex.write_text(timex.read_text(encoding="utf-8") + "\n_FORTNIGHT_DAYS = 14\n", encoding="utf-8")
    provenance.sources.cache_clear()
    assert _changed(base, _derive(package)) == {"timex", "events", "coder"}


def test_comments_and_layout_are_not_code(package):
    base = _derive(package)
    places = _defining(package, "find_places")
    text = places.read_text(encoding="utf-8")
    places.write_text("# a new first line\n" + text.replace("\n\n\n", "\n\n\n\n") + "\n# the end\n", encoding="utf-8")
    provenance.sources.cache_clear()
    assert _changed(base, _derive(package)) == set()


def test_a_table_a_module_names_is_part_of_its_version(package):
    base = _derive(package)
    countries = package / "lexicons" / "countries.tsv"  # places.py reads it for demonyms
    countries.write_text(countries.read_text(encoding="utf-8") + "Ruritanian\tROU\tdemonym\n", encoding="utf-8")
    provenance.sources.cache_clear()
    assert {"places", "events"} <= _changed(base, _derive(package))
    assert "timex" not in _changed(base, _derive(package))


def test_new_modules_are_found_by_their_imports_and_a_package_by_its_files(package):
    base = _derive(package)
    (package / "extract" / "calendar_words.py").write_text("FORTNIGHT = 14\n", encoding="utf-8")
    timex = _defining(package, "find_timexes")
    timex.write_text("from eventwire.extract import calendar_words\n" + timex.read_text(encoding="utf-8"),
                     encoding="utf-8")  # fmt: skip
    # a module of the events package that nothing imports yet
    events = package / "extract" / "events"
    (events / "statuses.py").write_text("PLANNED = 'planned'\n", encoding="utf-8")
    provenance.sources.cache_clear()
    found = provenance.sources(package)
    assert "extract/calendar_words.py" in found["timex"].files
    assert {"extract/events/__init__.py", "extract/events/statuses.py"} <= set(found["events"].files)
    moved = _derive(package)
    (package / "extract" / "calendar_words.py").write_text("FORTNIGHT = 15\n", encoding="utf-8")
    (events / "statuses.py").write_text("PLANNED = 'intended'\n", encoding="utf-8")
    provenance.sources.cache_clear()
    assert _changed(moved, _derive(package)) == {"timex", "events", "coder"}
    assert _changed(base, moved) == {"timex", "events", "coder"}


def test_an_entry_function_given_something_unknown_is_refused(package):
    timex = _defining(package, "find_timexes")
    timex.write_text(timex.read_text(encoding="utf-8").replace("def find_timexes(doc: Doc, *, article: Article)",
                                                               "def find_timexes(doc: Doc, *, article: Article, weather)"),
                     encoding="utf-8")  # fmt: skip
    provenance.sources.cache_clear()
    with pytest.raises(RuntimeError, match="find_timexes takes weather"):
        provenance.sources(package)


def test_what_each_extractor_depends_on():
    found = provenance.sources()
    assert found["timex"].resources == ("doc",) and not found["timex"].inputs
    assert "lexicon.py" not in found["timex"].files and "gazetteer.py" not in found["timex"].files
    assert found["places"].resources == ("doc", "gazetteer") and "countries.tsv" in found["places"].tables
    assert found["actors"].resources == ("doc", "lexicon") and found["actors"].inputs == ("places",)
    assert found["quotes"].inputs == ("actors",) and "extract/actors.py" in found["quotes"].files
    assert set(found["events"].inputs) == {"timex", "places", "actors", "quotes"}
    assert "extract/rules.py" in found["events"].files and "extract/rules.py" in found["actors"].files
    assert "cameo_plover.tsv" in found["events"].tables
    for src in found.values():  # the store, the CLI and the web app decide nothing a coder outputs
        assert not {"store.py", "cli.py", "pipeline.py", "__init__.py"} & set(src.files)


# -- stamps -----------------------------------------------------------------------------------------


def test_every_stored_record_carries_its_version(tmp_path, settings, resources):
    db = tmp_path / "s.duckdb"
    _ingest(db, settings)
    v = resources.versions
    assert _extractors(db) == {"events": {v.events}, "quotes": {v.quotes}, "places": {v.places},
                               "timexes": {v.timex}, "articles": {v.coder}}  # fmt: skip
    with Store(db, read_only=True) as store:
        assert all(store.con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in RECORDS)
        (run,) = store.runs().to_dict("records")
    assert '"coder": "' + v.coder + '"' in run["versions"] and '"events": "' + v.events + '"' in run["versions"]


def test_extracted_records_carry_their_version(analyse_text, resources):
    result = analyse_text(STORIES["goma"][1], "2024-04-08")
    assert result.events and result.quotes and result.places and result.timexes
    v = resources.versions
    assert {e.extractor for e in result.events} == {v.events} and {q.extractor for q in result.quotes} == {v.quotes}
    assert {p.extractor for p in result.places} == {v.places} and {t.extractor for t in result.timexes} == {v.timex}


# -- ingest -----------------------------------------------------------------------------------------


def test_ingesting_the_same_input_twice_changes_nothing(tmp_path, settings):
    db = tmp_path / "s.duckdb"
    first = _ingest(db, settings)
    before = _rows(db)
    again = _ingest(db, settings)
    assert (first.articles, first.recoded) == (5, 0)
    assert (again.articles, again.skipped, again.recoded, again.events) == (0, 5, 0, 0)
    assert _rows(db) == before


def test_ingest_recodes_an_article_another_coder_coded_and_leaves_the_others(tmp_path, settings, resources):
    db = tmp_path / "s.duckdb"
    _ingest(db, settings)
    fresh = _rows(db)
    _age(db, where="id = 'goma'")
    noticed = []
    summary = _ingest(db, settings, on_recode=lambda article: noticed.append(article.id))
    assert (summary.articles, summary.recoded, summary.skipped) == (1, 1, 4) and noticed == ["goma"]
    assert "1 recoded (the coder changed)" in summary.line()
    assert _rows(db) == fresh  # the same code codes the same records, stamped with its version again
    assert _extractors(db)["events"] == {resources.versions.events}
    with Store(db, read_only=True) as store:
        (recoded,) = store.runs().to_dict("records")[-1:]
    assert (recoded["recoded"], recoded["articles"], recoded["skipped"]) == (1, 1, 4)
    assert _ingest(db, settings).recoded == 0


def test_articles_stored_before_coders_were_recorded_count_as_coded_by_an_older_one(tmp_path, settings):
    db = tmp_path / "s.duckdb"
    _ingest(db, settings)
    con = duckdb.connect(str(db))
    con.execute("UPDATE articles SET coder = NULL")
    con.close()
    assert _ingest(db, settings).recoded == 5
    assert None not in _extractors(db)["articles"]


def test_a_user_actor_file_recodes_on_ingest_and_the_cli_says_so(tmp_path):
    (tmp_path / "front.txt").write_text("Convoy attacked\nPublished: 2024-04-08\n" + FRONT + "\n", encoding="utf-8")
    (tmp_path / "actors.tsv").write_text(USER_ACTORS, encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(tmp_path / "front.txt"), "--db", db]).exit_code == 0

    def attackers() -> set:
        with Store(db, read_only=True) as store:
            return {(a["name"], a["country"]) for e in store.events_arrow(type="ASSAULT").to_pylist() for a in e["source"]}

    assert ("Zubaran Liberation Front", "COD") not in attackers()
    result = runner.invoke(main, ["--user-actors", str(tmp_path / "actors.tsv"), "ingest", str(tmp_path / "front.txt"),
                                  "--db", db])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "coded by another version of the coder" in result.stderr and f"eventwire recode --db {db}" in result.stderr
    assert "1 articles, 1 recoded (the coder changed), " in result.stderr
    assert ("Zubaran Liberation Front", "COD") in attackers()
    again = runner.invoke(main, ["--user-actors", str(tmp_path / "actors.tsv"), "ingest", str(tmp_path / "front.txt"),
                                 "--db", db])  # fmt: skip
    assert "0 articles, 1 already stored" in again.stderr and "recoded" not in again.stderr


# -- recode -----------------------------------------------------------------------------------------


def test_recode_recodes_what_another_coder_coded_and_a_second_recode_does_nothing(tmp_path, settings):
    db = tmp_path / "s.duckdb"
    _ingest(db, settings)
    fresh = _rows(db)
    _age(db)
    runner = CliRunner()
    result = runner.invoke(main, ["recode", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert re.match(r"5 articles recoded, \d+ events, 0 rejected in [\d.]+s\n$", result.stderr), result.stderr
    assert _rows(db) == fresh
    again = runner.invoke(main, ["recode", "--db", str(db)])
    assert again.exit_code == 0
    assert again.stderr.startswith("0 articles recoded, 0 events, 0 rejected in ") and "--all" in again.stderr
    assert _rows(db) == fresh


def test_recode_all_recodes_every_article(tmp_path, settings):
    db = tmp_path / "s.duckdb"
    _ingest(db, settings)
    fresh = _rows(db)
    with Store(db) as store:
        summary = pipeline.recode(store, settings=settings, everything=True)
    assert (summary.recoded, summary.rejections) == (5, 0) and summary.events == len(fresh["events"])
    assert _rows(db) == fresh


def test_recode_keeps_copies_as_links(tmp_path, settings):
    db = tmp_path / "s.duckdb"
    copy = RawArticle(id="goma-copy", title="Goma", text=STORIES["goma"][1], published=dt.date(2024, 4, 8))
    summary = _ingest(db, settings, raws=_raws() + [copy])
    assert summary.duplicates == 1
    fresh = _rows(db)
    _age(db)
    with Store(db) as store:
        counted = []
        summary = pipeline.recode(store, settings=settings, on_start=counted.append)
    assert counted == [5] and summary.recoded == 5  # the copy is no coding of its own
    rows = _rows(db)
    assert rows["duplicates"] == fresh["duplicates"] and rows == fresh
    with Store(db, read_only=True) as store:
        assert store.con.execute("SELECT count(*) FROM events WHERE article_id = 'goma-copy'").fetchall()[0][0] == 0


def test_an_article_the_coder_now_rejects_keeps_its_records(tmp_path, settings, monkeypatch):
    db = tmp_path / "s.duckdb"
    _ingest(db, settings)
    _age(db)
    aged = _rows(db)
    real = pipeline.find_quotes

    def fails_on_kampala(doc, *, article, actors):
        if article.id == "kampala":
            raise ValueError("simulated coder bug")
        return real(doc, article=article, actors=actors)

    monkeypatch.setattr(pipeline, "find_quotes", fails_on_kampala)
    with Store(db) as store:
        summary = pipeline.recode(store, settings=settings)
    assert (summary.recoded, summary.rejections) == (4, 1)
    rows = _rows(db)
    for table in ("articles", *RECORDS):
        assert [r for r in rows[table] if r.get("article_id", r.get("id")) == "kampala"] == \
               [r for r in aged[table] if r.get("article_id", r.get("id")) == "kampala"], table  # fmt: skip
    (rejection,) = rows["rejections"]
    assert rejection["article_id"] == "kampala" and "simulated coder bug" in rejection["reason"]
    monkeypatch.setattr(pipeline, "find_quotes", real)
    with Store(db) as store:
        assert pipeline.recode(store, settings=settings).recoded == 1  # the next recode finishes the job


def test_recode_in_worker_processes_stores_what_one_process_stores(tmp_path, settings, monkeypatch):
    monkeypatch.setattr(pipeline, "POOL_MIN_ARTICLES", 1)  # workers after the first batch, even for this store
    monkeypatch.setattr(pipeline.WorkerPool, "ready", lambda pool: True)  # and at once, not once they have loaded
    db = tmp_path / "s.duckdb"
    _ingest(db, settings)
    fresh = _rows(db)
    _age(db)
    with Store(db) as store:
        two = dataclasses.replace(settings, workers=2, parse_batch_size=2, write_batch_size=2)
        summary = pipeline.recode(store, settings=two)
    assert summary.recoded == 5 and _rows(db) == fresh


def test_recode_from_the_cli(tmp_path):
    runner = CliRunner()
    help_text = runner.invoke(main, ["recode", "-h"]).output
    assert "Example: eventwire recode --db" in help_text and "--all" in help_text and "--workers" in help_text
    missing = runner.invoke(main, ["recode", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 1 and "create one with `eventwire ingest" in missing.stderr
    assert runner.invoke(main, ["recode", "--db", str(tmp_path / "s.duckdb"), "--workers", "0"]).exit_code == 2


# -- crash safety -------------------------------------------------------------------------------------


ACTORS = ["Rebel fighters", "Government troops", "Police", "Militants", "Border guards", "Protesters"]
ACTS = ["attacked a convoy", "seized a checkpoint", "shelled a village", "arrested three men", "blocked a highway",
        "burned a police station", "clashed with soldiers"]  # fmt: skip
PLACES = ["Goma", "Kidal", "Mosul", "Aden", "Benghazi", "Marawi", "Juba", "Kandahar", "Timbuktu"]
AFTERMATH = ["Officials said at least {n} people were hurt.", "A spokesman said {n} people had been detained.",
             "The governor called for calm after {n} hours of fighting.", "Aid groups said {n} families had fled."]


def _stories(n: int) -> dict[str, tuple[str, str]]:
    rng = random.Random(5)
    out = {}
    for i in range(n):
        actor, act, place = rng.choice(ACTORS), rng.choice(ACTS), rng.choice(PLACES)
        day = dt.date(2024, 1, 1) + dt.timedelta(days=3 * i)
        out[f"story-{i:03d}"] = (day.isoformat(), f"{actor} {act} near {place} on {day:%A}, witnesses said. "
                                 + rng.choice(AFTERMATH).format(n=rng.randint(2, 90))
                                 + f" It was the {['first', 'second', 'third', 'latest'][i % 4]} incident in {place} "
                                 f"this {['week', 'month', 'year'][i % 3]}, according to report number {1000 + i}.")  # fmt: skip
    return out


def test_a_killed_recode_leaves_each_article_old_or_new_and_the_next_finishes(tmp_path, settings):
    aged = tmp_path / "aged.duckdb"
    _ingest(aged, settings, raws=_raws(_stories(60)))
    _age(aged)
    reference = tmp_path / "reference.duckdb"
    shutil.copy(aged, reference)
    one = dataclasses.replace(settings, parse_batch_size=2, write_batch_size=2, workers=1)
    with Store(reference) as store:
        pipeline.recode(store, settings=one)
    expected = _rows(reference)
    (new_coder,) = _extractors(reference)["articles"] - {None}  # copies have none

    crashed = tmp_path / "crashed.duckdb"
    shutil.copy(aged, crashed)
    command = [sys.executable, "-m", "eventwire.cli", "--write-batch-size", "2", "recode", "--db", str(crashed), "--workers", "1"]
    rng = random.Random(int(time.time()))
    delay, kills = 1.0, []
    for _ in range(6):
        run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
        wal = Path(f"{crashed}.wal")
        deadline = time.monotonic() + 120
        while not wal.exists() and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)  # the run is writing once its log is there
        time.sleep(rng.uniform(0.5, 1.5) * delay)
        run.send_signal(signal.SIGKILL)
        run.wait()
        rows = _rows(crashed)
        copies = {r["article_id"] for r in rows["duplicates"]}  # they have no coder: nothing to recode
        coders = {r["id"]: r["coder"] for r in rows["articles"] if r["id"] not in copies}
        assert set(coders.values()) <= {OLD_CODER, new_coder} and len(coders) > 40
        for table in RECORDS:  # an article's records are all old or all new, never a mix
            for row in rows[table]:
                old = coders[row["article_id"]] == OLD_CODER
                assert (row["extractor"] in (None, "eventwire.events.v1", "eventwire.quotes.v2")) == old, (table, row)
        done = sum(c == new_coder for c in coders.values())
        kills.append((round(delay, 2), done))
        if 0 < done < len(coders):
            break
        delay = delay * 2 if done == 0 else delay / 2
    print("kills (delay, articles recoded):", kills)
    assert any(0 < done < len(coders) for _, done in kills), f"no kill landed in the middle of a recode: {kills}"
    with Store(crashed) as store:
        finished = pipeline.recode(store, settings=one)
    assert finished.recoded == len(coders) - kills[-1][1]
    assert _rows(crashed) == expected, f"kills (delay, articles recoded): {kills}"


# -- the migration ------------------------------------------------------------------------------------


CODER_MIGRATION = next(v for v, statements in MIGRATIONS if any("ADD COLUMN coder" in s for s in statements))


def test_a_store_from_before_coders_keeps_its_rows_and_counts_as_coded_by_an_older_coder(tmp_path, settings):
    fresh_db = tmp_path / "fresh.duckdb"
    _ingest(fresh_db, settings)
    fresh = _rows(fresh_db)
    old = tmp_path / "old.duckdb"  # the same store as an eventwire from before coders were recorded wrote it
    con = duckdb.connect(str(old))
    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    for version, statements in MIGRATIONS:
        if version < CODER_MIGRATION:
            for sql in statements:
                con.execute(sql)
    con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(CODER_MIGRATION - 1)])
    con.execute(f"ATTACH '{fresh_db}' AS fresh (READ_ONLY)")
    tables = ("articles", *RECORDS, "merged_events", "signatures", "runs")
    for table in tables:
        columns = ", ".join(f'"{r[0]}"' for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? AND table_catalog = 'old' "
            "ORDER BY ordinal_position", [table]).fetchall())  # fmt: skip
        con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM fresh.{table}")
    con.execute("UPDATE events SET extractor = 'eventwire.events.v1'")
    con.execute("UPDATE quotes SET extractor = 'eventwire.quotes.v2'")
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in tables}
    con.close()
    with Store(old) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert {t: store.con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in tables} == counts
        assert counts["articles"] == 5 and all(counts[t] for t in RECORDS)
        assert store.con.execute("SELECT count(*) FROM articles WHERE coder IS NULL").fetchall()[0][0] == 5
        assert store.con.execute("SELECT count(*) FROM places WHERE extractor IS NULL").fetchall()[0][0] == len(fresh["places"])
        order = [r[0] for r in store.con.execute("SELECT id FROM articles ORDER BY ingested_at, id").fetchall()]
        assert store.articles_to_recode(coder="anything") == order
    assert _ingest(old, settings).recoded == 5
    assert _rows(old) == fresh
