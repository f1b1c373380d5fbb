"""Merging the mentions of one real-world event across articles (``merge`` and the store)."""

from __future__ import annotations

import datetime as dt
import json

import duckdb
import pytest

from eventwire import merge
from eventwire.dedup import signature
from eventwire.model import RawArticle
from eventwire.pipeline import ingest
from eventwire.store import _ACTOR_V1, MIGRATIONS, Store, date_range


def actor(name: str, country: str | None = None, sector: str | None = None) -> dict:
    return {"text": name, "name": name, "country": country, "sector": sector, "kind": "group"}


def mention(id_: str, article: str, *, type_: str = "ASSAULT", status: str = "occurred",
            date: str | None = "2025-03-03", basis: str = "text", source=(), target=(),
            place: tuple[str, float, float] | None = None, precision: str = "city", cameo: str = "190",
            url: str | None = None) -> dict:  # fmt: skip
    start, end = date_range(date, None)
    location = None
    if place:
        location = {"name": place[0], "country": "COD", "lat": place[1], "lon": place[2], "precision": precision,
                    "basis": "clause", "geonameid": hash(place[0]) % 10_000}  # fmt: skip
    return {"id": id_, "article_id": article, "event_type": type_, "status": status, "date": date,
            "date_precision": {4: "year", 7: "month", 10: "day"}.get(len(date or "")), "date_basis": basis,
            "date_start": start, "date_end": end, "source": list(source), "target": list(target),
            "location": location, "cameo": cameo, "mode": None, "context": None, "confidence": 0.8}  # fmt: skip


M23 = actor("M23", "COD", "REB")
GOMA = ("Goma", -1.68, 29.22)
BUKAVU = ("Bukavu", -2.51, 28.86)  # about 100 km south of Goma


def groups(rows: list[dict]) -> list[set[str]]:
    assigned = merge.assign(rows, [])
    out: dict[str, set[str]] = {}
    for event_id, merged in assigned.items():
        out.setdefault(merged, set()).add(event_id)
    return sorted(out.values(), key=min)


def test_the_same_attack_reported_by_two_articles_is_one_event():
    rows = [mention("a1", "A", source=[M23], place=GOMA), mention("b1", "B", source=[M23], place=GOMA)]
    assert groups(rows) == [{"a1", "b1"}]


@pytest.mark.parametrize("change", [
    {"type_": "PROTEST"},  # another kind of act
    {"status": "planned"},  # a plan and its execution are two facts
    {"date": "2025-03-10"},  # a week later
    {"source": [actor("Congolese army", "COD", "MIL")]},  # both name a source, none shared
    {"place": ("Kinshasa", -4.32, 15.31)},  # 1,500 km away
    {"date": None},  # undated: never merged across articles
])  # fmt: skip
def test_a_mention_that_differs_in_one_respect_stays_apart(change):
    first = mention("a1", "A", source=[M23], place=GOMA)
    second = mention("b1", "B", **{"source": [M23], "place": GOMA, **change})
    assert len(groups([first, second])) == 2


def test_two_mentions_of_one_article_are_never_merged():
    # The extractor already keeps one event per fact per article: two left are two facts.
    rows = [mention("a1", "A", source=[M23], place=GOMA), mention("a2", "A", source=[M23], place=GOMA)]
    assert len(groups(rows)) == 2


def test_actors_match_by_country_and_sector_and_common_nouns_by_head():
    us_troops, american_soldiers = actor("US troops", "USA", "MIL"), actor("American soldiers", "USA", "MIL")
    rows = [mention("a1", "A", type_="RETREAT", source=[us_troops]),
            mention("b1", "B", type_="RETREAT", source=[american_soldiers])]  # fmt: skip
    assert len(groups(rows)) == 1
    rows = [mention("a1", "A", target=[actor("officers")]), mention("b1", "B", target=[actor("police officers")])]
    assert len(groups(rows)) == 1
    # A proper name is not matched by its last word.
    rows = [mention("a1", "A", target=[actor("Bank of England")]), mention("b1", "B", target=[actor("England")])]
    assert len(groups(rows)) == 2


def test_a_mention_without_actors_in_common_is_not_merged():
    rows = [mention("a1", "A", source=[M23], place=GOMA), mention("b1", "B", target=[actor("officers")], place=GOMA)]
    assert len(groups(rows)) == 2


def test_a_publication_date_allows_for_yesterdays_news():
    # Story B, published on the 5th with no date in the text, reports the attack of the 3rd.
    rows = [mention("a1", "A", source=[M23]), mention("b1", "B", source=[M23], date="2025-03-05", basis="published")]
    assert len(groups(rows)) == 1
    rows = [mention("a1", "A", source=[M23]), mention("b1", "B", source=[M23], date="2025-03-05")]
    assert len(groups(rows)) == 2


def test_a_place_known_only_to_its_country_matches_any_place_in_that_country():
    congo = ("Democratic Republic of the Congo", -2.88, 23.66)
    rows = [mention("a1", "A", source=[M23], place=GOMA),
            mention("b1", "B", source=[M23], place=congo, precision="country")]  # fmt: skip
    assert len(groups(rows)) == 1


def test_a_mention_joins_the_merged_event_sharing_most_actors():
    officers = actor("officers")
    rows = [
        mention("a1", "A", source=[M23], place=GOMA),
        mention("b1", "B", source=[M23], target=[officers], place=GOMA),
        mention("c1", "C", source=[M23], target=[officers], place=GOMA),
    ]
    assert groups(rows) == [{"a1", "b1", "c1"}]


def test_the_merged_event_keeps_the_most_precise_date_and_place_and_counts_its_sources():
    rows = [
        mention("a1", "A", source=[M23], date="2025-03", place=("Democratic Republic of the Congo", -2.88, 23.66),
                precision="country"),
        mention("b1", "B", source=[M23], target=[actor("officers")], date="2025-03-03", place=GOMA),
        mention("c1", "C", source=[actor("M23 rebels", "COD", "REB")], date="2025-03-05", basis="published"),
    ]  # fmt: skip
    articles = {"A": {"id": "A", "url": "https://www.example.org/a"}, "B": {"id": "B", "url": "https://example.org/b"},
                "C": {"id": "C", "url": "https://news.example.net/c"}}  # fmt: skip
    merged = merge.aggregate("m", rows, articles, updated_at=dt.datetime(2025, 3, 6))
    assert (merged["date"], merged["date_precision"]) == ("2025-03-03", "day")
    assert merged["location"]["name"] == "Goma"
    assert (merged["mentions"], merged["articles"], merged["sources"]) == (3, 3, 2)
    assert [a["name"] for a in merged["source"]] == ["M23"]  # "M23 rebels" is the same actor (COD REB)
    assert [a["name"] for a in merged["target"]] == ["officers"]


# -- in the store -------------------------------------------------------------------------------

ATTACK_A = """Rebels storm police post in Goma
Published: 2025-03-04
GOMA, Congo — M23 rebels attacked a police station in Goma on Monday, local officials said.
The government condemned the attack and promised to send more troops to the province.
"""
ATTACK_B = """Militia assault in eastern Congo
Published: 2025-03-03
M23 fighters attacked a police post in the city of Goma on Monday, according to the provincial governor.
"""
OTHER = """Rebels attack army camp near Bukavu
Published: 2025-03-20
M23 rebels attacked an army camp near Bukavu on Wednesday, the army said.
"""


def _raw(text: str, name: str) -> RawArticle:
    title, published, body = text.split("\n", 2)
    return RawArticle(id=name, text=body, title=title, published=dt.date.fromisoformat(published.split()[1]),
                      source=name, url=f"https://{name}.example/story")  # fmt: skip


def _ingest(store: Store, settings, *names_texts) -> None:
    ingest([_raw(t, n) for n, t in names_texts], store=store, settings=settings)


def _attack(store: Store) -> dict:
    (row,) = [r for r in store.merged_events_arrow(type="ASSAULT").to_pylist() if r["location"]["name"] == "Goma"]
    return row


def test_articles_ingested_apart_merge_and_the_merged_id_stays(tmp_path, settings):
    with Store(tmp_path / "m.duckdb") as store:
        _ingest(store, settings, ("a", ATTACK_A))
        first = _attack(store)
        assert first["mentions"] == 1
        _ingest(store, settings, ("b", ATTACK_B), ("c", OTHER))
        later = _attack(store)
        assert later["id"] == first["id"]
        assert (later["mentions"], later["articles"], later["sources"]) == (2, 2, 2)
        assert later["date"] == "2025-03-03"
        mentions = store.events_arrow(merged_id=later["id"]).to_pylist()
        assert {m["article_id"] for m in mentions} == {"a", "b"}
        bukavu = [r for r in store.merged_events_arrow(type="ASSAULT").to_pylist() if r["location"]["name"] == "Bukavu"]
        assert len(bukavu) == 1 and bukavu[0]["mentions"] == 1


def test_merging_does_not_depend_on_the_order_of_arrival(tmp_path, settings):
    def grouping(order) -> set[frozenset[str]]:
        with Store(tmp_path / f"{'-'.join(order)}.duckdb") as store:
            texts = {"a": ATTACK_A, "b": ATTACK_B, "c": OTHER}
            for name in order:
                _ingest(store, settings, (name, texts[name]))
            rows = store.events_arrow().to_pylist()
            by_merged: dict[str, set[str]] = {}
            for r in rows:
                by_merged.setdefault(r["merged_id"], set()).add(f"{r['article_id']}:{r['trigger']['start']}")
            return {frozenset(v) for v in by_merged.values()}

    assert grouping(["a", "b", "c"]) == grouping(["c", "b", "a"])


def test_replacing_an_article_updates_its_merged_events(tmp_path, settings):
    with Store(tmp_path / "m.duckdb") as store:
        _ingest(store, settings, ("a", ATTACK_A), ("b", ATTACK_B))
        assert _attack(store)["mentions"] == 2
        # A corrected text under the same article id replaces the old one.
        corrected = ATTACK_B.replace("M23 fighters attacked a police post", "Heavy rain flooded a police post")
        _ingest(store, settings, ("b", corrected))
        assert _attack(store)["mentions"] == 1
        assert store._scalar("SELECT count(*) FROM merged_events WHERE mentions = 0") == 0
        orphans = "SELECT count(*) FROM merged_events m WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.merged_id = m.id)"
        assert store._scalar(orphans) == 0


def test_a_store_from_before_merging_is_merged_when_migrated(tmp_path, settings):
    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        _ingest(store, settings, ("a", ATTACK_A), ("b", ATTACK_B), ("c", OTHER))
        expected = {(r["event_type"], r["mentions"], r["date"]) for r in store.merged_events_arrow().to_pylist()}
    con = duckdb.connect(str(path))  # undo versions 8, 7, 6 and 5, as a file written by an older eventwire
    for sql in ("ALTER TABLE articles DROP COLUMN coder", "ALTER TABLE places DROP COLUMN extractor",
                "ALTER TABLE timexes DROP COLUMN extractor", "ALTER TABLE runs DROP COLUMN recoded",
                "DROP TABLE feeds", "DROP TABLE fetched", "DROP INDEX merged_type", "DROP TABLE merged_events", "DROP INDEX events_merged",
                "DROP INDEX events_article", "DROP INDEX events_type",
                *(f"ALTER TABLE events ALTER {c} SET DATA TYPE {_ACTOR_V1}[]" for c in ("source", "target")),
                *(f"ALTER TABLE quotes ALTER {c} SET DATA TYPE {_ACTOR_V1}" for c in ("speaker", "audience")),
                "ALTER TABLE events DROP COLUMN merged_id", "ALTER TABLE events DROP COLUMN rules",
                "CREATE INDEX events_article ON events(article_id)", "CREATE INDEX events_type ON events(event_type)",
                "UPDATE meta SET value = '4' WHERE key = 'schema_version'",
                "UPDATE signatures SET minhash = list_transform(minhash, lambda x: 0)"):  # as of another shingling
        con.execute(sql)
    con.close()
    assert [v for v, _ in MIGRATIONS].index(5) == 4
    with Store(path) as store:
        assert {(r["event_type"], r["mentions"], r["date"]) for r in store.merged_events_arrow().to_pylist()} == expected
        assert store._scalar("SELECT count(*) FROM events WHERE merged_id IS NULL") == 0
        texts = dict(store.con.execute("SELECT id, text FROM articles").fetchall())
        stored = dict(store.signatures())
        assert stored and all(list(v) == list(signature(texts[k]).hashvalues) for k, v in stored.items())


def test_the_events_command_prints_merged_events_and_their_mentions_on_request(tmp_path):
    from click.testing import CliRunner

    from eventwire.cli import main

    for name, text in (("a", ATTACK_A), ("b", ATTACK_B)):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    db = str(tmp_path / "cli.duckdb")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--db", db]).exit_code == 0
    merged = [json.loads(line) for line in runner.invoke(main, ["events", "--db", db, "--type", "ASSAULT"]).stdout.splitlines()]
    (attack,) = [e for e in merged if e["location"]["name"] == "Goma"]
    assert (attack["mentions"], attack["articles"]) == (2, 2)
    result = runner.invoke(main, ["events", "--db", db, "--event", attack["id"]])
    mentions = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(mentions) == 2 and {m["merged_id"] for m in mentions} == {attack["id"]}
    assert all(m["trigger"]["text"] == "attacked" for m in mentions)
    every = runner.invoke(main, ["events", "--db", db, "--mentions"]).stdout.splitlines()
    everything = runner.invoke(main, ["events", "--db", db]).stdout.splitlines()
    assert len(every) == len(everything) + 1
    table = runner.invoke(main, ["events", "--db", db, "--format", "table"]).stdout
    assert "mentions" in table and "articles" in table
