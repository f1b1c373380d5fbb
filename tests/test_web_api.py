"""The HTTP API, run in-process against a real store filled by the real pipeline."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
import time
import warnings

import pytest

from eventwire.errors import ConfigError, StoreError
from eventwire.settings import Settings

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

from eventwire.web.app import create_app


@pytest.fixture(scope="module")
def client(web_db, settings):
    with TestClient(create_app(db_path=web_db, settings=settings)) as client:
        yield client


@pytest.fixture
def writable(tmp_path, web_db, settings):
    """A client of a copy of the store that allows writes with the token ``s3cret``."""
    path = tmp_path / "copy.duckdb"
    shutil.copy(web_db, path)
    with TestClient(create_app(db_path=path, allow_writes=True, token="s3cret", settings=settings)) as client:
        yield client


def all_events(client, **params):
    return client.get("/api/events", params={"limit": 500, **params}).json()["events"]


def assert_error(response, status, code):
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["status"] == status
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    return body["error"]


# -- the drone strike (the "done when") ------------------------------------------------------


def test_drone_strike_is_found_at_baghdad_in_january_2020(client):
    events = all_events(client, type="ASSAULT", country="IRQ", since="2020-01-01", until="2020-01-31")
    strikes = [e for e in events if "drone strike" in e["sentence"]["text"]]
    assert len(strikes) == 1
    strike = strikes[0]
    assert strike["date"] == "2020-01"
    assert strike["location"]["name"] == "Baghdad"
    assert 33 < strike["location"]["lat"] < 34 and 44 < strike["location"]["lon"] < 45
    near_baghdad = all_events(client, bbox="44,33,45,34", since="2020-01-01", until="2020-01-31")
    assert strike["id"] in [e["id"] for e in near_baghdad]


def test_one_event_has_its_sentence_with_trigger_actors_place_and_date_marked(client):
    (strike,) = [e for e in all_events(client, type="ASSAULT", q="drone strike")]
    body = client.get(f"/api/events/{strike['id']}").json()
    assert body["event"]["id"] == strike["id"]
    (mention,) = body["mentions"]
    sentence = mention["sentence"]["text"]
    marked = {(m["kind"], sentence[m["start"]:m["end"]]) for m in mention["marks"]}
    assert ("trigger", "killed") in marked
    assert ("source", "United States") in marked
    assert ("place", "Baghdad") in marked
    assert ("date", "January") in marked
    assert any(kind == "target" and "Soleimani" in text for kind, text in marked)
    assert mention["article"]["title"] == "NATO to expand training mission in Iraq"
    assert any("Stoltenberg" in (q["speaker"] or {}).get("name", "") for q in body["quotes"])
    assert body["article_events"] and strike["id"] not in [e["id"] for e in body["article_events"]]


def test_an_event_reported_by_two_articles_is_listed_once_with_both_sentences(client):
    (arrests,) = all_events(client, type="COERCE", country="KEN", since="2024-06-18", until="2024-06-18")
    assert arrests["mentions"] == 2 and arrests["articles"] == 2
    body = client.get(f"/api/events/{arrests['id']}").json()
    assert {m["article_id"] for m in body["mentions"]} == {"kenya-arrests", "kenya-arrests-again"}
    for mention in body["mentions"]:
        sentence = mention["sentence"]["text"]
        assert [sentence[m["start"]:m["end"]] for m in mention["marks"] if m["kind"] == "trigger"] == ["arrested"]
        assert mention["merged_id"] == arrests["id"]
    by_mention = client.get(f"/api/events/{body['mentions'][1]['id']}").json()  # a mention's id finds its event
    assert by_mention["event"]["id"] == arrests["id"]
    assert arrests["id"] in {e["id"] for e in all_events(client, article_id="kenya-arrests-again")}


# -- filters -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("params, check", [
    ({"type": "ASSAULT"}, lambda e: e["event_type"] == "ASSAULT"),
    ({"type": "protest,coerce"}, lambda e: e["event_type"] in {"PROTEST", "COERCE"}),
    ({"status": "planned"}, lambda e: e["status"] == "planned"),
    ({"country": "ukr"}, lambda e: e["location"]["country"] == "UKR"
        or any(a["country"] == "UKR" for a in e["source"] + e["target"])),
    ({"actor": "kenya"}, lambda e: any("kenya" in a["name"].lower() or "kenya" in a["text"].lower()
                                       for a in e["source"] + e["target"])),
    ({"since": "2023-01-01", "until": "2023-12-31"}, lambda e: e["date_start"] <= "2023-12-31" <= "9999"
        and e["date_end"] >= "2023-01-01"),
    ({"bbox": "30,45,40,55"}, lambda e: 45 <= e["location"]["lat"] <= 55 and 30 <= e["location"]["lon"] <= 40),
    ({"q": "farmers"}, lambda e: "farmers" in e["sentence"]["text"].lower()),
])  # fmt: skip
def test_filters_keep_only_matching_events(client, params, check):
    everything = all_events(client)
    kept = all_events(client, **params)
    assert kept, params
    assert len(kept) < len(everything)
    assert all(check(e) for e in kept)


def test_events_page_through_with_stable_cursors(client):
    total = client.get("/api/events", params={"limit": 1}).json()["total"]
    for order in ("asc", "desc"):
        seen, cursor = [], None
        while True:
            params = {"limit": 7, "order": order, **({"cursor": cursor} if cursor else {})}
            page = client.get("/api/events", params=params).json()
            seen += page["events"]
            assert (page["total"] is None) == (cursor is not None)  # counted on the first page only
            cursor = page["next_cursor"]
            if cursor is None:
                break
        ids = [e["id"] for e in seen]
        assert len(ids) == len(set(ids)) == total
        undated = "0001" if order == "desc" else "9999"  # undated events come last either way
        keys = [(e["date_start"] or undated, e["id"]) for e in seen]
        assert keys == sorted(keys, reverse=order == "desc")


def test_counts_add_up_to_the_dated_events(client):
    dated = [e for e in all_events(client) if e["date_start"]]
    by_type = client.get("/api/counts", params={"interval": "month", "by": "type"}).json()["counts"]
    assert sum(c["count"] for c in by_type) == len(dated)
    by_country = client.get("/api/counts", params={"interval": "month", "by": "country", "type": "ASSAULT"}).json()
    assert {"period": "2020-01-01", "key": "IRQ", "count": 1} in by_country["counts"]
    yearly = client.get("/api/counts", params={"interval": "year"}).json()["counts"]
    assert {c["period"][5:] for c in yearly} == {"01-01"}


def test_map_clusters_hold_every_located_event(client):
    located = [e for e in all_events(client) if e["location"] and e["location"]["lat"] is not None]
    for cell in (30, 1, 0.01):
        body = client.get("/api/map", params={"cell": cell}).json()
        assert body["events"] == len(located)
        assert all(sum(c["types"].values()) == c["count"] for c in body["clusters"])
    fine = client.get("/api/map", params={"cell": 0.01, "type": "PROTEST"}).json()["clusters"]
    paris = [c for c in fine if c["place"] == "Paris"]
    assert paris and paris[0]["top_type"] == "PROTEST"
    assert len(client.get("/api/map", params={"cell": 30}).json()["clusters"]) < len(
        client.get("/api/map", params={"cell": 0.01}).json()["clusters"])


def test_geojson_and_csv_export_the_filtered_set(client):
    assaults = all_events(client, type="ASSAULT")
    geo = client.get("/api/events.geojson", params={"type": "ASSAULT"})
    assert geo.status_code == 200 and geo.headers["content-type"].startswith("application/geo+json")
    features = geo.json()["features"]
    assert {f["id"] for f in features} == {e["id"] for e in assaults if e["location"] and e["location"]["lat"] is not None}
    assert all(f["geometry"]["type"] == "Point" and f["properties"]["event_type"] == "ASSAULT" for f in features)
    exported = client.get("/api/events.csv", params={"type": "ASSAULT"})
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert [r["id"] for r in rows] == [e["id"] for e in assaults]
    assert any(r["location"] == "Baghdad" and r["trigger"] == "killed" for r in rows)


def test_actors_quotes_and_articles(client):
    actors = client.get("/api/actors", params={"limit": 1000}).json()["actors"]
    us = next(a for a in actors if a["name"] == "United States")
    assert us["events"] == us["as_source"] + us["as_target"] > 0
    assert [a["name"] for a in client.get("/api/actors", params={"name": "kenya"}).json()["actors"]] == ["Kenya police",
                                                                                                   "Kenya protesters"]
    quotes = client.get("/api/quotes", params={"speaker": "stoltenberg"}).json()["quotes"]
    assert quotes and all("Stoltenberg" in q["speaker"]["name"] for q in quotes)
    articles = client.get("/api/articles").json()["articles"]
    assert {"kenya-arrests", "nato-iraq-training-mission"} <= {a["id"] for a in articles}
    one = client.get("/api/articles/kenya-arrests").json()
    assert one["article"]["text"].startswith("Kenyan police arrested") and one["events"][0]["event_type"] == "COERCE"
    assert info_events_are_merged(client)
    info = client.get("/api").json()
    assert info["articles"] == len(articles) and info["allow_writes"] is False


def info_events_are_merged(client) -> bool:
    info = client.get("/api").json()
    return info["events"] == client.get("/api/events").json()["total"] < info["mentions"]


def test_world_outlines_come_from_the_packaged_data(client):
    world = client.get("/api/world.json").json()
    names = {f["id"] for f in world["features"]}
    assert {"IRQ", "KEN", "FRA", "UKR"} <= names
    assert all(f["geometry"]["type"] == "MultiPolygon" for f in world["features"])


def test_openapi_documents_the_endpoints(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/events", "/api/events/{event_id}", "/api/counts", "/api/map", "/api/events.geojson",
                 "/api/events.csv", "/api/actors", "/api/quotes", "/api/articles", "/api/analyse"):
        assert path in paths, path
    assert client.get("/api/docs").status_code == 200


def test_pages_are_served_with_no_outside_resources(client):
    for path in ("/", "/events/abc", "/analyse", "/static/desk.js", "/static/style.css"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "http://" not in response.text.replace("http://www.w3.org", "") and "https://" not in response.text


# -- errors --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("method, path, params, status, code", [
    ("get", "/no/such/route", {}, 404, "not_found"),
    ("get", "/api/events/0000000000000000", {}, 404, "not_found"),
    ("get", "/api/articles/nope", {}, 404, "not_found"),
    ("get", "/api/events", {"type": "BOMBING"}, 422, "invalid_parameter"),
    ("get", "/api/events", {"limit": 0}, 422, "invalid_parameter"),
    ("get", "/api/events", {"since": "yesterday"}, 422, "invalid_parameter"),
    ("get", "/api/events", {"since": "2021-01-02", "until": "2021-01-01"}, 422, "invalid_parameter"),
    ("get", "/api/events", {"bbox": "1,2,3"}, 422, "invalid_parameter"),
    ("get", "/api/events", {"bbox": "0,50,10,40"}, 422, "invalid_parameter"),
    ("get", "/api/events", {"cursor": "not-a-cursor"}, 422, "invalid_parameter"),
    ("get", "/api/events", {"country": "Iraq"}, 422, "invalid_parameter"),
    ("get", "/api/map", {"cell": 0}, 422, "invalid_parameter"),
    ("get", "/api/counts", {"by": "colour"}, 422, "invalid_parameter"),
    ("put", "/api/events", {}, 405, "method_not_allowed"),
    ("delete", "/api/articles/kenya-arrests", {}, 403, "writes_disabled"),
])  # fmt: skip
def test_every_error_has_one_json_shape(client, method, path, params, status, code):
    assert_error(getattr(client, method)(path, params=params), status, code)


def test_validation_errors_say_which_parameter(client):
    error = assert_error(client.get("/api/events", params={"limit": 9999}), 422, "invalid_parameter")
    assert error["detail"][0]["location"] == "query.limit"
    assert "limit" in error["message"]


def test_sql_text_in_a_parameter_is_just_text(client):
    before = client.get("/api/events").json()["total"]
    for value in ("'; DROP TABLE events; --", "%", "_", "\\"):
        assert client.get("/api/events", params={"q": value, "actor": value}).status_code == 200
    assert client.get("/api/events", params={"q": "%"}).json()["total"] == 0
    assert client.get("/api/events").json()["total"] == before


def test_a_store_locked_by_a_writer_answers_503(tmp_path, web_db, settings):
    path = tmp_path / "locked.duckdb"
    shutil.copy(web_db, path)
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys; con = duckdb.connect(sys.argv[1]); "
                               "print('ready', flush=True); sys.stdin.read()", str(path)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "ready"
        with TestClient(create_app(db_path=path, settings=settings)) as client:
            response = client.get("/api/events")
            assert_error(response, 503, "store_busy")
            assert response.headers["retry-after"]
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    with TestClient(create_app(db_path=path, settings=settings)) as client:
        assert client.get("/api/events").status_code == 200


def test_the_store_is_let_go_when_idle_so_another_process_can_write(tmp_path, web_db, settings):
    path = tmp_path / "idle.duckdb"
    shutil.copy(web_db, path)
    write = [sys.executable, "-c", "import duckdb, sys; duckdb.connect(sys.argv[1]).execute('CHECKPOINT')", str(path)]
    with TestClient(create_app(db_path=path, settings=settings, idle_close=0.3)) as client:
        assert client.get("/api/events").status_code == 200
        assert client.app.state.desk.is_open()  # kept for the next request
        time.sleep(1.0)
        assert not client.app.state.desk.is_open()
        done = subprocess.run(write, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert client.get("/api/events").status_code == 200  # and opened again on the next request


def test_a_store_of_an_older_schema_is_refused_with_a_way_out(tmp_path, settings):
    import duckdb

    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    with TestClient(create_app(db_path=path, settings=settings)) as client:
        error = assert_error(client.get("/api/events"), 500, "store_outdated")
        assert "eventwire serve" in error["message"]


def test_app_needs_a_store_and_writes_need_a_token(tmp_path, web_db):
    with pytest.raises(StoreError, match="eventwire ingest"):
        create_app(db_path=tmp_path / "missing.duckdb")
    with pytest.raises(ConfigError, match="token"):
        create_app(db_path=web_db, allow_writes=True)


# -- analyse and writes ----------------------------------------------------------------------------------

ARTICLE = "Kenyan police arrested 40 protesters in Nairobi on Tuesday, officials said."


def test_analyse_returns_events_places_dates_and_quotes_with_spans(client):
    body = client.post("/api/analyse", json={"text": ARTICLE, "published": "2024-06-20"}).json()
    text = body["article"]["text"]
    (event,) = body["events"]
    assert event["event_type"] == "COERCE" and event["date"] == "2024-06-18"
    assert text[event["trigger"]["start"]:event["trigger"]["end"]] == "arrested"
    assert [p["name"] for p in body["places"]] == ["Nairobi"]
    assert [(t["text"], t["value"]) for t in body["timexes"]] == [("Tuesday", "2024-06-18")]
    assert all(text[m["start"]:m["end"]] for m in body["marks"])
    assert {"trigger", "place", "date"} <= {m["kind"] for m in body["marks"]}
    assert body["saved"] is None


@pytest.mark.parametrize("payload, status, code", [
    ({"text": ""}, 422, "invalid_parameter"),
    ({"text": ARTICLE, "published": "someday"}, 422, "invalid_parameter"),
    ({"text": "Der Bundestag hat am Dienstag das Gesetz über die Rente beschlossen, und die Regierung ist froh."},
     422, "unprocessable_text"),
])  # fmt: skip
def test_analyse_refuses_bad_input_clearly(client, payload, status, code):
    assert_error(client.post("/api/analyse", json=payload), status, code)


def test_analyse_refuses_a_malformed_body(client):
    response = client.post("/api/analyse", content=b"{not json", headers={"content-type": "application/json"})
    assert_error(response, 422, "invalid_parameter")


def test_request_bodies_are_capped(web_db):
    small = Settings(max_article_bytes=1_000)
    with TestClient(create_app(db_path=web_db, settings=small)) as client:
        response = client.post("/api/analyse", json={"text": "x" * 100_000})
        assert_error(response, 413, "body_too_large")

        def chunks():
            yield b'{"text": "'
            for _ in range(100):
                yield b"y" * 1_000
            yield b'"}'

        assert_error(client.post("/api/analyse", content=chunks(), headers={"content-type": "application/json"}),
                     413, "body_too_large")  # fmt: skip


def test_saving_needs_writes_and_the_token(client, writable):
    payload = {"text": ARTICLE, "published": "2024-06-20", "save": True}
    assert_error(client.post("/api/analyse", json=payload), 403, "writes_disabled")
    assert_error(writable.post("/api/analyse", json=payload), 401, "unauthorized")
    response = writable.post("/api/analyse", json=payload, headers={"Authorization": "Bearer wrong"})
    assert_error(response, 401, "unauthorized")
    assert response.headers["www-authenticate"] == "Bearer"


def test_saving_stores_the_article_and_deleting_removes_it(writable):
    auth = {"Authorization": "Bearer s3cret"}
    text = "Nigerian soldiers arrested 12 journalists in Lagos on Monday, a union leader said."
    body = writable.post("/api/analyse", json={"text": text, "published": "2024-03-05", "save": True}, headers=auth).json()
    article_id = body["saved"]["article_id"]
    assert body["saved"]["events"] == len(body["events"]) > 0
    stored = writable.get(f"/api/articles/{article_id}").json()
    assert stored["article"]["text"] == text and len(stored["events"]) == len(body["events"])
    again = writable.post("/api/analyse", json={"text": text, "published": "2024-03-05", "save": True}, headers=auth)
    assert again.json()["saved"]["already_stored"] is True
    assert_error(writable.delete(f"/api/articles/{article_id}"), 401, "unauthorized")
    deleted = writable.delete(f"/api/articles/{article_id}", headers=auth).json()
    assert deleted == {"deleted": article_id, "events": len(body["events"]), "copies": []}
    assert_error(writable.get(f"/api/articles/{article_id}"), 404, "not_found")
    assert not all_events(writable, article_id=article_id, q="journalists")


# -- eventwire serve ----------------------------------------------------------------------------------


def test_serve_prints_the_url_it_answers_on(web_db):
    import socket
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "serve", "--db", str(web_db), "--port", str(port)],
                               stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        line = process.stderr.readline()
        assert f"http://127.0.0.1:{port}/" in line and "read-only" in line
        url = line.split(" on ", 1)[1].split(" ", 1)[0]
        for _ in range(100):
            try:
                with urllib.request.urlopen(url + "api", timeout=5) as response:
                    assert response.status == 200
                    break
            except OSError:
                import time

                time.sleep(0.1)
        else:
            pytest.fail("the server never answered")
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_serve_without_a_store_says_how_to_make_one(tmp_path):
    from click.testing import CliRunner

    from eventwire.cli import main

    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "eventwire ingest" in result.output


def test_deleting_one_of_two_reports_leaves_the_event_with_the_other(writable):
    auth = {"Authorization": "Bearer s3cret"}
    (arrests,) = all_events(writable, type="COERCE", country="KEN", since="2024-06-18", until="2024-06-18")
    assert arrests["mentions"] == 2
    assert writable.delete("/api/articles/kenya-arrests-again", headers=auth).json()["events"] == 1
    (left,) = all_events(writable, type="COERCE", country="KEN", since="2024-06-18", until="2024-06-18")
    assert left["mentions"] == left["articles"] == 1
    mentions = writable.get(f"/api/events/{left['id']}").json()["mentions"]
    assert [m["article_id"] for m in mentions] == ["kenya-arrests"]


def test_serve_on_a_taken_port_says_so(web_db):
    import socket

    from click.testing import CliRunner

    from eventwire.cli import main

    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--db", str(web_db), "--port", str(port)])
    assert result.exit_code == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.output and "--port" in result.output
