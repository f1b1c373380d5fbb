"""Duplicate articles: near copies are links to their original, never extracted twice."""

from __future__ import annotations

import json

import pytest

from eventwire.dedup import DuplicateIndex, shingles, signature
from eventwire.ingest import read_inputs
from eventwire.model import Article
from eventwire.pipeline import ingest
from eventwire.store import Store

STORY = (
    "Hundreds of residents fled the northern town of Kidal on Monday after rebels attacked an army "
    "post on its outskirts, local officials said. The army said two soldiers were wounded and that "
    "reinforcements had been sent from Gao. Aid agencies warned that food stocks in the town were "
    "running low and that roads to the south had been cut by the fighting.\n"
    "The regional governor called on both sides to respect a ceasefire signed last year and said "
    "talks would resume in Bamako next week. Rebel leaders did not comment on the attack."
)
OTHER = (
    "The central bank raised its main interest rate by half a point on Thursday, citing rising food "
    "and fuel prices, and said further increases could follow if inflation did not slow. Economists "
    "had expected a smaller rise. The currency gained against the dollar after the announcement."
)


def _article(text: str, id_: str) -> Article:
    return Article(id=id_, text=text, content_hash=id_)


def test_shingles_are_word_three_grams():
    assert shingles("One two three Four") == {b"one two three", b"two three four"}
    assert shingles("Too short") == {b"too short"}


def test_light_edits_are_duplicates_and_other_stories_are_not():
    index = DuplicateIndex(threshold=0.5)
    assert index.check(_article(STORY, "a"))[0] is None
    edited = STORY.replace("Hundreds of", "Several hundred").replace("next week", "on Tuesday")
    copy, _ = index.check(_article(edited + "\nCopyright 2024 Example Wire.", "b"))
    assert copy is not None and copy.original_id == "a" and copy.similarity >= 0.5
    assert index.check(_article(OTHER, "c"))[0] is None
    last_third = STORY.split("\n")[1]
    assert index.check(_article(last_third, "d"))[0] is None  # a third of the story is not a copy
    assert len(index) == 3


def test_an_article_is_not_its_own_duplicate():
    index = DuplicateIndex()
    index.add("a", signature(STORY))
    assert index.original_of("a", signature(STORY)) is None


def test_ingest_links_copies_and_keeps_them_linked_on_a_second_run(tmp_path, settings):
    lines = [
        {"id": "wire-1", "title": "Rebels attack army post", "published": "2024-05-06", "text": STORY},
        {"id": "site-9", "title": "Residents flee Kidal", "published": "2024-05-06",
         "text": STORY.replace("local officials said", "officials told reporters")},
        {"id": "bank", "title": "Rates rise", "published": "2024-05-09", "text": OTHER},
    ]  # fmt: skip
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    with Store(tmp_path / "e.duckdb") as store:
        first = ingest(read_inputs([str(path)]), store=store, settings=settings)
        events = store.counts()["events"]
        assert (first.articles, first.duplicates) == (2, 1)
        (group,) = store.duplicate_groups()
        assert group["original_id"] == "wire-1" and group["duplicates"] == ["site-9"]
        assert not any(e["article_id"] == "site-9" for e in store.events_arrow().to_pylist())
    with Store(tmp_path / "e.duckdb") as store:  # a later run finds copies of stored articles
        other = tmp_path / "later.jsonl"
        other.write_text(json.dumps({"id": "site-12", "published": "2024-05-07",
                                     "text": STORY.replace("Monday", "Sunday")}), encoding="utf-8")  # fmt: skip
        second = ingest(read_inputs([str(path), str(other)]), store=store, settings=settings)
        assert (second.articles, second.skipped, second.duplicates) == (0, 3, 1)
        assert store.counts()["events"] == events
        assert [g["duplicates"] for g in store.duplicate_groups()] == [["site-12", "site-9"]]


def test_the_example_article_twice_or_lightly_edited_adds_no_event(tmp_path, settings):
    from conftest import SHARED_EXAMPLE
    import pytest

    if not SHARED_EXAMPLE.exists():
        pytest.skip("../shared is not beside the checkout")
    line = json.loads(SHARED_EXAMPLE.read_text(encoding="utf-8"))
    edited = dict(line, id="reposted-copy", title="NATO expands Iraq training mission",
                  text=line["text"].replace("on Friday", "on Friday, October 23,") + "\nReporting by the wire desk.")
    copy_path = tmp_path / "copy.jsonl"
    copy_path.write_text(json.dumps(edited), encoding="utf-8")
    with Store(tmp_path / "e.duckdb") as store:
        ingest(read_inputs([str(SHARED_EXAMPLE)]), store=store, settings=settings)
        events = store.counts()["events"]
        again = ingest(read_inputs([str(SHARED_EXAMPLE), str(copy_path)]), store=store, settings=settings)
        assert (again.skipped, again.duplicates) == (1, 1)
        assert store.counts()["events"] == events


def _links(store: Store) -> dict[str, str]:
    return {r["article_id"]: r["original_id"] for r in store.table_arrow("duplicates").to_pylist()}


def test_deleting_an_original_deletes_its_copies_and_leaves_no_dangling_link(tmp_path, settings):
    lines = [
        {"id": "wire-1", "published": "2024-05-06", "text": STORY},
        {"id": "site-9", "published": "2024-05-06", "text": STORY.replace("local officials said", "officials told reporters")},
        {"id": "site-12", "published": "2024-05-07", "text": STORY.replace("Monday", "Sunday")},
        {"id": "bank", "published": "2024-05-09", "text": OTHER},
    ]  # fmt: skip
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    with Store(tmp_path / "e.duckdb") as store:
        ingest(read_inputs([str(path)]), store=store, settings=settings)
        assert _links(store) == {"site-9": "wire-1", "site-12": "wire-1"}
        assert store.copies_of(["wire-1"]) == ["site-12", "site-9"]
        store.delete_articles(["wire-1"])
        assert _links(store) == {} and store.duplicate_groups() == []
        assert set(store.table_arrow("articles").column("id").to_pylist()) == {"bank"}
        # the copies, ingested again on their own, are extracted: the first is now the original
        copies = tmp_path / "copies.jsonl"
        copies.write_text("\n".join(json.dumps(line) for line in lines[1:3]), encoding="utf-8")
        again = ingest(read_inputs([str(copies)]), store=store, settings=settings)
        assert (again.articles, again.duplicates, again.skipped) == (1, 1, 0)
        assert _links(store) == {"site-12": "site-9"}
        assert any(e["article_id"] == "site-9" for e in store.events_arrow().to_pylist())


def test_an_original_replaced_by_a_copy_hands_its_copies_on(tmp_path, settings):
    from eventwire.dedup import Duplicate
    from eventwire.model import Extraction

    with Store(tmp_path / "e.duckdb") as store:
        original, other = _article(STORY, "x"), _article(OTHER, "w")
        store.write_batch([Extraction(article=original), Extraction(article=other)])
        store.write_batch([], duplicates=[Duplicate(article=_article(STORY + " More.", "y"), original_id="x",
                                                    similarity=0.9)])  # fmt: skip
        assert _links(store) == {"y": "x"}
        # "x" comes again with new text, a copy of "w": "y" now copies what "x" copies
        changed = Article(id="x", text=OTHER + " Updated.", content_hash="x2")
        store.write_batch([], duplicates=[Duplicate(article=changed, original_id="w", similarity=0.95)])
        assert _links(store) == {"x": "w", "y": "w"}


@pytest.mark.parametrize("threshold", [0.97, 0.99, 1.0])
def test_a_high_article_threshold_finds_exact_copies_and_refuses_near_ones(threshold):
    index = DuplicateIndex(threshold=threshold)
    assert index.check(_article(STORY, "a"))[0] is None
    exact, _ = index.check(_article(STORY, "b"))
    assert exact is not None and exact.original_id == "a" and exact.similarity == 1.0
    edited = STORY.replace("Monday", "Sunday").replace("next week", "on Tuesday").replace("two soldiers", "three")
    assert index.check(_article(edited, "c"))[0] is None  # about 0.85 alike: below the threshold


@pytest.mark.parametrize("value", ["0", "-0.1", "1.01", "nan"])
def test_an_article_threshold_out_of_range_is_a_config_error(value):
    from eventwire.errors import ConfigError
    from eventwire.settings import load_settings

    with pytest.raises(ConfigError, match="near_duplicate_article must be above 0 and at most 1"):
        load_settings(environ={"EVENTWIRE_NEAR_DUPLICATE_ARTICLE": value})
