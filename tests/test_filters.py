"""One event filter: the CLI, the Python API and the web API keep the same events."""

from __future__ import annotations

import datetime as dt
import json
import warnings

import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.errors import InputError
from eventwire.filters import EventFilter, event_conditions
from eventwire.model import Actor, Article, Event, Extraction, Location, Span
from eventwire.store import Store

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

from eventwire.web.app import create_app

# Actor names whose LIKE wildcards would match their neighbours if they were not escaped.
NAMES = ("Group_7", "Group77", "100% Front", "1000 Riders")


def _story(n: int, name: str) -> Extraction:
    text = f"{name} attacked the village."
    day = dt.date(2024, n + 1, 10)
    article = Article(id=f"story-{n}", text=text, title=f"Story {n}", published=day, content_hash=f"h{n}")
    country = ("KEN", "UGA", "TZA", "SOM")[n]
    actor = Actor(text=name, name=name, country=country, sector="REB", span=Span.of(text, 0, len(name)))
    event = Event(
        id=f"story-{n}-e0", article_id=article.id, event_type="ASSAULT", mode=None, cameo="190",
        source=(actor,), target=(), trigger=Span.of(text, len(name) + 1, len(name) + 9),
        sentence=Span.of(text, 0, len(text)), date=day.isoformat(), date_precision="day",
        date_basis="published", status="occurred", location=Location(name="somewhere", country=country),
        confidence=0.9, evidence="test",
    )  # fmt: skip
    return Extraction(article=article, events=(event,))


@pytest.fixture(scope="module")
def wild_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("filters") / "wild.duckdb"
    with Store(path) as store:
        # months apart, in four countries: the four events are not merged
        store.write_batch([_story(n, name) for n, name in enumerate(NAMES)])
    return path


def _cli_ids(db, *args: str, mentions: bool = False) -> set[str]:
    result = CliRunner().invoke(main, ["events", "--db", str(db), *args, *(["--mentions"] if mentions else [])])
    assert result.exit_code == 0, result.output
    return {json.loads(line)["id"] for line in result.stdout.splitlines()}


def _web_ids(client, params: dict[str, str]) -> set[str]:
    response = client.get("/api/events", params={"limit": 500, **params})
    assert response.status_code == 200, response.text
    return {e["id"] for e in response.json()["events"]}


@pytest.mark.parametrize(("actor", "expected"), [
    ("group_7", {"Group_7"}), ("p_", {"Group_7"}), ("100%", {"100% Front"}), ("%", {"100% Front"}),
    ("_", {"Group_7"}), ("group", {"Group_7", "Group77"}), ("100", {"100% Front", "1000 Riders"}),
])  # fmt: skip
def test_wildcards_in_an_actor_filter_match_themselves_in_cli_python_and_web(wild_db, actor, expected):
    with Store(wild_db, read_only=True) as store:
        python = store.merged_events_arrow(actor=actor).to_pylist()
        mentions = store.events_arrow(actor=actor).to_pylist()
    assert {e["source"][0]["name"] for e in python} == expected
    assert {e["source"][0]["name"] for e in mentions} == expected
    assert _cli_ids(wild_db, "--actor", actor) == {e["id"] for e in python}
    assert _cli_ids(wild_db, "--actor", actor, mentions=True) == {e["id"] for e in mentions}
    with TestClient(create_app(db_path=wild_db)) as client:
        assert _web_ids(client, {"actor": actor}) == {e["id"] for e in python}


def test_wildcards_in_the_sentence_filter_match_themselves(wild_db):
    with Store(wild_db, read_only=True) as store:
        found = store.merged_events_arrow(q="100% f").to_pylist()
    assert [e["source"][0]["name"] for e in found] == ["100% Front"]
    assert _cli_ids(wild_db, "--text", "P_7 ATTACKED") == _cli_ids(wild_db, "--actor", "Group_7")


# Each filter as the CLI, the Python API and the web API spell it.
FILTERS = [
    (["--type", "ASSAULT"], {"type": "ASSAULT"}, {"type": "ASSAULT"}),
    (["--type", "protest,coerce"], {"type": "protest,coerce"}, {"type": "protest,coerce"}),
    (["--status", "planned"], {"status": "planned"}, {"status": "planned"}),
    (["--actor", "kenya"], {"actor": "kenya"}, {"actor": "kenya"}),
    (["--country", "ukr"], {"country": "ukr"}, {"country": "ukr"}),
    (["--since", "2023-01-01", "--until", "2023-12-31"], {"since": dt.date(2023, 1, 1), "until": "2023-12-31"},
     {"since": "2023-01-01", "until": "2023-12-31"}),
    (["--bbox", "30,45,40,55"], {"bbox": (30, 45, 40, 55)}, {"bbox": "30,45,40,55"}),
    (["--text", "farmers"], {"q": "farmers"}, {"q": "farmers"}),
    (["--type", "ASSAULT", "--country", "IRQ", "--since", "2020-01-01"],
     {"type": "ASSAULT", "country": "IRQ", "since": "2020-01-01"},
     {"type": "ASSAULT", "country": "IRQ", "since": "2020-01-01"}),
]  # fmt: skip


@pytest.mark.parametrize(("cli", "python", "web"), FILTERS)
def test_one_filter_keeps_the_same_events_in_cli_python_and_web(web_db, settings, cli, python, web):
    with Store(web_db, read_only=True) as store:
        everything = store.merged_events_arrow().num_rows
        kept = {e["id"] for e in store.merged_events_arrow(**python).to_pylist()}
        mentions = {e["id"] for e in store.events_arrow(**python).to_pylist()}
    assert kept and len(kept) < everything, python
    assert _cli_ids(web_db, *cli) == kept
    assert _cli_ids(web_db, *cli, mentions=True) == mentions
    # last: the CLI opens the file for writing, which the server's open file would refuse
    with TestClient(create_app(db_path=web_db, settings=settings)) as client:
        assert _web_ids(client, web) == kept


def test_the_mentions_filter_keeps_the_mentions_of_the_kept_merged_events(web_db):
    with Store(web_db, read_only=True) as store:
        merged = {e["id"] for e in store.merged_events_arrow(type="COERCE", country="KEN").to_pylist()}
        mentions = store.events_arrow(type="COERCE", country="KEN").to_pylist()
    assert mentions and {m["merged_id"] for m in mentions} == merged


@pytest.mark.parametrize(("values", "message"), [
    ({"type": "PARTY"}, "type: unknown event type PARTY"),
    ({"status": "rumoured"}, "status:"),
    ({"country": "Kenya"}, "country:"),
    ({"since": "2024-02-30"}, "since:"),
    ({"until": "23/10/2020"}, "until:"),
    ({"since": "2024-02-01", "until": "2024-01-01"}, "is after until"),
    ({"bbox": "0,0,10"}, "bbox: give four numbers"),
    ({"bbox": "nan,0,10,10"}, "bbox: longitudes"),
    ({"bbox": (0, 10, 10, 0)}, "bbox: longitudes"),
])  # fmt: skip
def test_a_filter_value_that_means_nothing_is_refused_naming_it(values, message):
    with pytest.raises(InputError, match=message.replace("(", r"\(")):
        EventFilter.of(**values)


def test_values_are_normalised_and_empty_ones_filter_nothing():
    flt = EventFilter.of(type="assault, Coerce,assault", status="Planned", country="irq", actor="", q="")
    assert flt == EventFilter(types=("ASSAULT", "COERCE"), status="planned", country="IRQ")
    assert event_conditions(EventFilter.of(), table="events") == ([], [])


def test_user_text_reaches_sql_only_as_parameters():
    hostile = "x' OR 1=1; DROP TABLE events; --"
    for table in ("events", "merged_events"):
        where, params = event_conditions(EventFilter.of(actor=hostile, q=hostile, article_id=hostile), table=table)
        assert hostile not in " ".join(where)
        assert hostile in params


def test_a_box_across_the_antimeridian_keeps_both_sides():
    where, params = event_conditions(EventFilter.of(bbox="170,-20,-170,20"), table="merged_events")
    assert "(location.lon >= ? OR location.lon <= ?)" in where and params[-2:] == [170.0, -170.0]


def test_the_cli_refuses_a_bad_filter_as_a_usage_error(wild_db):
    result = CliRunner().invoke(main, ["events", "--db", str(wild_db), "--bbox", "1,2"])
    assert result.exit_code == 2 and "bbox" in result.output


def test_the_python_api_takes_a_filter_or_its_values(wild_db):
    with Store(wild_db, read_only=True) as store:
        given = store.merged_events(EventFilter.of(actor="group_7"))
        spelt = store.merged_events(actor="group_7")
        assert list(given["id"]) == list(spelt["id"]) and len(given) == 1
        assert list(store.events(EventFilter.of(country="uga"))["article_id"]) == ["story-1"]
        with pytest.raises(TypeError, match="not both"):
            store.events(EventFilter.of(), actor="x")
