from __future__ import annotations

import dataclasses
import datetime as dt

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from eventwire.errors import StoreError
from eventwire.model import Actor, Article, Event, Extraction, Location, Rejection, Span, to_dict
from eventwire import merge
from eventwire.store import SCHEMA_VERSION, Store, date_range


def _article(text="Troops entered the town.", id_="a1") -> Article:
    return Article(id=id_, text=text, title="T", published=dt.date(2024, 1, 2), content_hash=f"h-{text}")


def _event(article: Article, *, n: int = 0, event_type="ASSAULT", date="2024-01", precision="month",
           source_name="Army", country="KEN") -> Event:  # fmt: skip
    actor = Actor(text=source_name, name=source_name, country=country, sector="MIL", kind="group",
                  span=Span(start=0, end=6, text="Troops"))  # fmt: skip
    return Event(
        id=f"{article.id}-e{n}", article_id=article.id, event_type=event_type, mode=None, cameo="190",
        source=(actor,), target=(), trigger=Span(start=7, end=14, text="entered"),
        sentence=Span(start=0, end=len(article.text), text=article.text), date=date,
        date_precision=precision, date_basis="text", status="occurred",
        location=Location(name="Nairobi", country="KEN", lat=-1.28, lon=36.8, geonameid=184745),
        confidence=0.9, evidence="test",
    )  # fmt: skip


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "t.duckdb") as s:
        yield s


def test_new_store_is_at_current_schema_version(store):
    assert store.schema_version() == SCHEMA_VERSION


def test_migration_runs_once_and_reopening_keeps_data(tmp_path):
    path = tmp_path / "t.duckdb"
    with Store(path) as s:
        a = _article()
        s.write_batch([Extraction(article=a, events=(_event(a),))])
    with Store(path) as s:
        assert s.schema_version() == SCHEMA_VERSION
        assert s.counts()["events"] == 1


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "t.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_events_round_trip_as_the_records_serialise(store):
    a = _article()
    event = _event(a)
    store.write_batch([Extraction(article=a, events=(event,))])
    (row,) = store.events_arrow().to_pylist()
    assert row.pop("merged_id") == merge.merged_id(event.id)
    assert row == to_dict(event)


def test_writing_the_same_batch_twice_adds_nothing(store):
    a = _article()
    batch = [Extraction(article=a, events=(_event(a),))]
    rejection = Rejection(article_id=None, source="x.txt", stage="ingest", reason="binary data")
    store.write_batch(batch, [rejection])
    before = store.counts()
    store.write_batch(batch, [rejection])
    assert store.counts() == before


def test_changed_article_replaces_its_records(store):
    old = _article("Troops entered the town.")
    store.write_batch([Extraction(article=old, events=(_event(old, n=0), _event(old, n=1)))])
    new = _article("Troops entered the city.")
    store.write_batch([Extraction(article=new, events=(_event(new, n=5),))])
    assert store.counts()["articles"] == 1
    assert [e["id"] for e in store.events_arrow().to_pylist()] == ["a1-e5"]


def test_failed_batch_leaves_nothing(store):
    a = _article()
    bad = _event(a)
    object.__setattr__(bad, "confidence", "not a number")
    with pytest.raises(StoreError, match="nothing of this batch"):
        store.write_batch([Extraction(article=a, events=(bad,))])
    assert store.counts()["articles"] == 0


@pytest.mark.parametrize(
    ("date", "precision", "expected"),
    [("2020", "year", (dt.date(2020, 1, 1), dt.date(2020, 12, 31))),
     ("2020-02", "month", (dt.date(2020, 2, 1), dt.date(2020, 2, 29))),
     ("2020-10-23", "day", (dt.date(2020, 10, 23), dt.date(2020, 10, 23))),
     (None, None, (None, None)), ("garbage", "day", (None, None))],
)  # fmt: skip
def test_date_range(date, precision, expected):
    assert date_range(date, precision) == expected


def test_filters(store):
    a = _article()
    events = (
        _event(a, n=0, event_type="ASSAULT", date="2024-01", source_name="Kenyan army", country="KEN"),
        _event(a, n=1, event_type="PROTEST", date="2023-12-30", precision="day", source_name="Students", country="UGA"),
        _event(a, n=2, event_type="ASSAULT", date="2022", precision="year", source_name="Rebels", country="SOM"),
    )  # fmt: skip
    store.write_batch([Extraction(article=a, events=events)])
    ids = lambda **f: [e["id"][-2:] for e in store.events_arrow(**f).to_pylist()]  # noqa: E731
    assert ids(type="assault") == ["e2", "e0"]
    assert ids(actor="kenyan") == ["e0"]
    assert ids(country="uga") == ["e1"]
    assert ids(country="KEN") == ["e2", "e1", "e0"]  # every event is located in Kenya
    assert ids(since=dt.date(2024, 1, 15)) == ["e0"]
    assert ids(until=dt.date(2023, 6, 1)) == ["e2"]
    assert ids(since=dt.date(2023, 12, 1), until=dt.date(2023, 12, 31)) == ["e1"]
    assert ids(actor="'; DROP TABLE events; --") == []
    assert store.counts()["events"] == 3


def test_dataframes_for_notebooks(store):
    a = _article()
    store.write_batch([Extraction(article=a, events=(_event(a),))])
    frame = store.events(type="ASSAULT")
    assert list(frame["event_type"]) == ["ASSAULT"]
    assert list(store.articles()["id"]) == ["a1"]


_names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=30)


@hsettings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=200), name=_names, date=st.sampled_from(["2020", "2021-03", "2022-04-05", None]))
def test_any_event_round_trips(tmp_path_factory, text, name, date):
    with Store(tmp_path_factory.mktemp("db") / "p.duckdb") as store:
        a = _article(text)
        event = _event(a, source_name=name, date=date, precision={4: "year", 7: "month", 10: "day"}.get(len(date or "")))
        store.write_batch([Extraction(article=a, events=(event,))])
        assert store.events_arrow().to_pylist() == [{**to_dict(event), "merged_id": merge.merged_id(event.id)}]


def test_a_version_1_file_is_migrated_and_keeps_its_rows(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    from eventwire.store import MIGRATIONS

    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    for sql in MIGRATIONS[0][1]:
        con.execute(sql)
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.execute("INSERT INTO articles (id, content_hash, text) VALUES ('old', 'h', 'Troops left.')")
    con.execute("INSERT INTO events (id, article_id, event_type) VALUES ('e1', 'old', 'RETREAT')")
    con.close()
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        (row,) = store.events_arrow().to_pylist()
        assert row["id"] == "e1" and row["context"] is None
        a = _article()
        event = dataclasses.replace(_event(a), context="military")
        store.write_batch([Extraction(article=a, events=(event,))])
        assert {e["context"] for e in store.events_arrow().to_pylist()} == {None, "military"}


def test_reading_an_old_file_read_only_asks_for_a_migration(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.close()
    with pytest.raises(StoreError, match="open it once for writing"):
        Store(path, read_only=True)


def _threads(store: Store) -> int:
    return int(store.con.execute("SELECT current_setting('threads')").fetchone()[0])


def test_a_thread_limit_outlives_reopening_and_can_be_lifted(store):
    default = _threads(store)
    store.limit_threads(1)
    assert store.threads == 1 and _threads(store) == 1
    store.release()
    assert _threads(store) == 1  # the file opened again keeps the limit
    store.limit_threads(None)
    assert store.threads is None and _threads(store) == default


def test_a_version_6_file_gains_the_actor_agent_and_keeps_its_actors(tmp_path):
    path = tmp_path / "v6.duckdb"
    con = duckdb.connect(str(path))
    from eventwire.store import MIGRATIONS

    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    for version, statements in MIGRATIONS:
        if version <= 6:
            for sql in statements:
                con.execute(sql)
    con.execute("INSERT INTO meta VALUES ('schema_version', '6')")
    con.execute("INSERT INTO articles (id, content_hash, text) VALUES ('old', 'h', 'Troops left.')")
    con.execute("""INSERT INTO events (id, article_id, event_type, source, target) VALUES
        ('e1', 'old', 'RETREAT', [{'text': 'UN troops', 'name': 'UN troops', 'country': NULL, 'sector': 'IGO',
          'kind': 'group', 'span': NULL, 'role': NULL, 'organisation': 'United Nations', 'patron': NULL}], NULL)""")
    con.execute("INSERT INTO quotes (id, article_id, kind) VALUES ('q1', 'old', 'direct')")
    con.close()
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        (row,) = store.events_arrow().to_pylist()
        (troops,) = row["source"]
        assert (troops["organisation"], troops["sector"], troops["agent"]) == ("United Nations", "IGO", None)
        assert row["target"] is None
        (quote,) = store.table_arrow("quotes").to_pylist()
        assert quote["speaker"] is None  # no speaker stays no speaker
        a = _article()
        event = dataclasses.replace(_event(a), source=(Actor(text="UN troops", name="UN troops", sector="IGO",
                                                             organisation="United Nations", agent="MIL"),))
        store.write_batch([Extraction(article=a, events=(event,))])
        assert {s["agent"] for e in store.events_arrow().to_pylist() for s in e["source"] or []} == {None, "MIL"}
