"""Hostile requests to the web app get a clear 4xx, execute nothing and change nothing.

The real app runs in-process (TestClient) over a copy of the shared test store; the page test runs
it in uvicorn and looks at it with headless Chromium. Complements the error cases of test_web_api.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import warnings
from urllib.parse import quote

import duckdb
import pytest

from eventwire.model import RawArticle
from eventwire.settings import Settings

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

from eventwire.web.app import create_app

TABLES = ("articles", "events", "merged_events", "quotes", "places", "timexes", "rejections", "meta")
INJECTIONS = ["'; DROP TABLE events; --", "\" OR 1=1 --", "1) OR (1=1", "x' UNION SELECT * FROM meta --",
              "%' OR '%'='", "ASSAULT'; DELETE FROM articles; --", "\\'; CHECKPOINT; --", "%00", "\x00", "*/ --"]  # fmt: skip
# Every endpoint that lists or aggregates, and the filters each one takes besides the shared ones.
LISTS = {"/api/events": ["cursor"], "/api/counts": [], "/api/map": [], "/api/actors": ["name"],
         "/api/events.csv": [], "/api/events.geojson": []}  # fmt: skip
SHARED_FILTERS = ["type", "status", "actor", "country", "since", "until", "bbox", "q"]


def table_counts(path, client=None) -> dict[str, int]:
    if client is not None:  # let go of the app's connection: one process opens a file one way at a time
        client.app.state.desk.close()
    with duckdb.connect(str(path), read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


@pytest.fixture
def store(tmp_path, web_db):
    path = tmp_path / "abuse.duckdb"
    shutil.copy(web_db, path)
    return path


@pytest.fixture
def client(store, settings):
    with TestClient(create_app(db_path=store, allow_writes=True, token="s3cret", settings=settings)) as client:
        yield client


def assert_error(response, status, code=None):
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["status"] == status and error["message"]
    if code:
        assert error["code"] == code
    return error


# -- SQL injection ---------------------------------------------------------------------------------


def test_sql_injection_strings_in_every_filter_of_every_list_are_only_text(client, store):
    before = table_counts(store, client)
    answered = 0
    for path, extra in LISTS.items():
        for name in SHARED_FILTERS + extra:
            for value in INJECTIONS:
                response = client.get(path, params={name: value})
                # A filter with a fixed shape (type, status, country, dates, bbox, cursor) refuses the
                # string; a free-text filter looks for it and finds nothing.
                assert response.status_code in (200, 422), (path, name, value, response.text)
                if response.status_code == 200 and path == "/api/events":
                    assert response.json()["total"] == 0, (name, value)
                answered += 1
    for value in INJECTIONS:
        assert client.get("/api/quotes", params={"q": value, "speaker": value, "article_id": value}).json()["quotes"] == []
        assert client.get("/api/articles", params={"q": value}).json()["articles"] == []
        assert_error(client.get(f"/api/events/{quote(value, safe='')}"), 404, "not_found")
        assert_error(client.get(f"/api/articles/{quote(value, safe='')}"), 404, "not_found")
    assert answered == sum(len(SHARED_FILTERS + e) for e in LISTS.values()) * len(INJECTIONS)
    assert table_counts(store, client) == before


# -- bodies ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("body", [
    b"[" * 100_000 + b"]" * 100_000,
    b'{"text": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
    b'{"text": "Police arrested ten men."' + b', "x": {' * 5_000 + b"}" * 5_000 + b"}",
])  # fmt: skip
def test_deeply_nested_json_is_a_clear_4xx(client, body):
    response = client.post("/api/analyse", content=body, headers={"content-type": "application/json"})
    assert 400 <= response.status_code < 500, response.text
    assert response.json()["error"]["message"]


@pytest.mark.parametrize("body, content_type", [
    (b"", "application/json"),
    (b"null", "application/json"),
    (b"[]", "application/json"),
    (b'{"text": 42}', "application/json"),
    (b'{"text": "a", "text": ', "application/json"),
    (b'{"text": "\xff\xfe police"}', "application/json"),
    (b"\xef\xbb\xbf\x00\x00", "application/json"),
    (b'{"text": "Police arrested ten men."}', "text/plain"),
    (b'{"text": "Police arrested ten men.", "published": "2024-13-45"}', "application/json"),
    (b'{"text": "Police arrested ten men.", "save": "maybe"}', "application/json"),
])  # fmt: skip
def test_malformed_bodies_are_a_clear_4xx(client, body, content_type):
    response = client.post("/api/analyse", content=body, headers={"content-type": content_type})
    assert_error(response, 422, "invalid_parameter")


def test_an_oversized_body_is_refused_before_it_is_read(store):
    with TestClient(create_app(db_path=store, settings=Settings(max_article_bytes=2_000))) as small:
        assert_error(small.post("/api/analyse", json={"text": "x" * 200_000}), 413, "body_too_large")
        assert_error(small.post("/api/analyse", content=b"{}", headers={"content-length": "99999999999"}),
                     413, "body_too_large")  # fmt: skip
        assert_error(small.post("/api/analyse", content=b"{}", headers={"content-length": "-1"}), 413, "body_too_large")


# -- dates, coordinates, odd characters ------------------------------------------------------------


@pytest.mark.parametrize("params", [
    {"since": "0000-01-01"}, {"since": "99999-01-01"}, {"until": "1900-02-30"}, {"since": "2024-00-10"},
    {"since": "-2024-01-01"}, {"until": "2024-01-01T25:00"},
    {"bbox": "0,1000,10,1001"}, {"bbox": "-1000,0,0,10"}, {"bbox": "nan,0,10,10"}, {"bbox": "inf,0,10,10"},
    {"bbox": "0,0,10,1e400"}, {"bbox": "0,0,10"}, {"bbox": ",,,"},
    {"limit": "1e9"}, {"limit": "-1"}, {"cursor": "A" * 201},
])  # fmt: skip
def test_absurd_dates_and_coordinates_are_a_422_naming_the_parameter(client, params):
    (name,) = params
    error = assert_error(client.get("/api/events", params=params), 422, "invalid_parameter")
    assert name in error["message"]


@pytest.mark.parametrize("cell", ["nan", "inf", "-inf", "0", "1e400"])
def test_the_map_refuses_a_cell_that_is_not_a_size(client, cell):
    error = assert_error(client.get("/api/map", params={"cell": cell}), 422, "invalid_parameter")
    assert "cell" in error["message"]


@pytest.mark.parametrize("published", ["0000-01-01", "99999-01-01", "1900-02-30", "2024-02-30"])
def test_analyse_refuses_an_impossible_publication_date(client, published):
    error = assert_error(client.post("/api/analyse", json={"text": "Police arrested ten men.", "published": published}),
                         422, "invalid_parameter")  # fmt: skip
    assert "published" in error["message"]


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_relative_dates_at_the_ends_of_the_calendar_are_no_crash(client, published):
    text = "Police arrested ten men in Nairobi yesterday and will charge them tomorrow, next year or last century."
    response = client.post("/api/analyse", json={"text": text, "published": published})
    assert response.status_code == 200, response.text
    body = response.json()
    assert all(body["article"]["text"][m["start"]:m["end"]] for m in body["marks"])


@pytest.mark.parametrize("raw_query", [b"q=%ff%fe", b"actor=%c0%af", b"q=%00%01%1b%7f", b"q=\xff", b"q=%e2%80%ae",
                                       b"q=" + b"%" * 50, b"actor=%"])  # fmt: skip
def test_non_utf8_and_control_characters_in_query_strings_are_plain_text(client, store, raw_query):
    before = table_counts(store, client)
    response = client.get("/api/events?" + raw_query.decode("latin-1"))
    assert response.status_code in (200, 422), response.text
    if response.status_code == 200:
        assert response.json()["total"] == 0
    assert table_counts(store, client) == before


@pytest.mark.parametrize("text", ["\x00\x01\x02 Police arrested ten men in Nairobi on Tuesday.\x7f\x1b[31m",
                                  "\ud800 police", "Police \u202earrested\u202c ten men in Nairobi."])
def test_control_characters_and_lone_surrogates_in_a_pasted_text_are_answered(client, text):
    body = json.dumps({"text": text, "published": "2024-06-20"})  # a lone surrogate is escaped as \ud800
    response = client.post("/api/analyse", content=body, headers={"content-type": "application/json"})
    assert response.status_code in (200, 422), response.text
    if response.status_code == 200:
        result = response.json()
        assert all(result["article"]["text"][m["start"]:m["end"]] for m in result["marks"])


# -- paths -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py",
                                  "/static/%2e%2e%2f%2e%2e%2fstore.py", "/static//etc/passwd",
                                  "/static/....//app.py", "/api/articles/..%2f..%2fetc%2fpasswd",
                                  "/events/..%2f..%2fapp.py"])  # fmt: skip
def test_path_traversal_reaches_no_file_outside_the_static_folder(client, path):
    response = client.get(path)
    assert response.status_code in (200, 404), response.text
    assert "import " not in response.text and "root:" not in response.text
    if response.status_code == 200:  # a page route: the page, whatever the id
        assert response.headers["content-type"].startswith("text/html")


def test_no_endpoint_takes_a_filesystem_path(client):
    spec = client.get("/openapi.json").json()
    names = {p["name"] for ops in spec["paths"].values() for op in ops.values() for p in op.get("parameters", [])}
    assert names.isdisjoint({"path", "file", "filename", "out", "db", "dir", "directory"}), names
    assert all(not k.endswith((".duckdb", "/{path}")) for k in spec["paths"])


def test_export_writes_exactly_where_its_user_says_and_refuses_what_it_cannot(tmp_path, store):
    from click.testing import CliRunner

    from eventwire.cli import main

    (tmp_path / "sub").mkdir()
    out = tmp_path / "sub" / ".." / "events.csv"  # the user's own shell: resolved like any path
    result = CliRunner().invoke(main, ["export", "--db", str(store), "--format", "csv", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "events.csv").read_text(encoding="utf-8").startswith("id,")
    refused = CliRunner().invoke(main, ["export", "--db", str(store), "--format", "csv",
                                        "--out", str(tmp_path / "no" / "such" / "dir" / "x.csv")])  # fmt: skip
    assert refused.exit_code == 1 and "cannot write" in refused.output and "Traceback" not in refused.output


# -- writes ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("headers, status, code", [
    ({}, 401, "unauthorized"),
    ({"Authorization": "Bearer wrong"}, 401, "unauthorized"),
    ({"Authorization": "Bearer "}, 401, "unauthorized"),
    ({"Authorization": "Basic czNjcmV0"}, 401, "unauthorized"),
    ({"Authorization": "s3cret"}, 401, "unauthorized"),
    ({"Authorization": "Bearer s3cret2"}, 401, "unauthorized"),
    ({"Authorization": "Bearer S3CRET"}, 401, "unauthorized"),
    ({"Authorization": "Bearer s3crét"}, 401, "unauthorized"),
])  # fmt: skip
def test_writes_without_the_right_token_are_refused_and_change_nothing(client, store, headers, status, code):
    before = table_counts(store, client)
    encoded = {k: v.encode("utf-8") for k, v in headers.items()}
    assert_error(client.delete("/api/articles/kenya-arrests", headers=encoded), status, code)
    payload = {"text": "Nigerian soldiers arrested 12 journalists in Lagos on Monday.", "save": True}
    assert_error(client.post("/api/analyse", json=payload, headers=encoded), status, code)
    assert table_counts(store, client) == before


def test_a_read_only_server_refuses_writes_even_with_a_token(store, settings):
    before = table_counts(store)
    with TestClient(create_app(db_path=store, settings=settings)) as client:
        auth = {"Authorization": "Bearer s3cret"}
        assert_error(client.delete("/api/articles/kenya-arrests", headers=auth), 403, "writes_disabled")
        assert_error(client.post("/api/analyse", json={"text": "Police arrested ten men.", "save": True}, headers=auth),
                     403, "writes_disabled")  # fmt: skip
        for method in ("put", "patch"):
            assert_error(getattr(client, method)("/api/articles/kenya-arrests", headers=auth), 405, "method_not_allowed")
    assert table_counts(store) == before


def test_no_cross_origin_reads_are_allowed(client):
    response = client.get("/api/events", headers={"Origin": "http://evil.example"})
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers
    preflight = client.options("/api/articles/kenya-arrests", headers={
        "Origin": "http://evil.example", "Access-Control-Request-Method": "DELETE"})  # fmt: skip
    assert "access-control-allow-origin" not in preflight.headers


# -- script in article text, shown by the browser --------------------------------------------------

PAYLOAD = ('<script>window.__pwned = "script"; alert(1)</script> <img src=x onerror="window.__pwned=\'img\';alert(2)">'
           ' <svg onload="window.__pwned=\'svg\'"></svg> "><b onmouseover=alert(3)>bold</b>')  # fmt: skip
HOSTILE = (f"Kenyan police arrested 40 protesters in Nairobi on Tuesday {PAYLOAD}, witnesses said. The police said "
           "that they had been told to stop the march and that all of the men would be held for a week. It was the "
           "third time this month that the police in the city had used force against a crowd of people who were "
           f'there to protest. "We will not allow this {PAYLOAD}," the police chief told reporters in Nairobi.')  # fmt: skip


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory, settings):
    from eventwire.pipeline import ingest
    from eventwire.store import Store

    path = tmp_path_factory.mktemp("hostile") / "hostile.duckdb"
    raw = RawArticle(id="hostile", text=HOSTILE, title=f"Arrests {PAYLOAD}", published=dt.date(2024, 6, 20),
                     url="javascript:alert(4)")  # fmt: skip
    with Store(path) as store:
        ingest([raw], store=store, settings=settings, command="test abuse")
    return path


def test_script_in_article_text_is_shown_as_text_and_never_runs(hostile_db, settings):
    from playwright.sync_api import sync_playwright
    from test_web_browser import ARGS, CHROMIUM, serving

    with serving(create_app(db_path=hostile_db, settings=settings)) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            page = browser.new_page()
            dialogs: list[str] = []
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            events = page.request.get(f"{base}/api/events").json()["events"]
            assert events, "the hostile article gave no event to show"
            page.goto(f"{base}/")
            page.wait_for_function("document.body.dataset.ready")
            page.goto(f"{base}/events/{events[0]['id']}")
            page.wait_for_selector(".mention")
            shown = page.inner_text("body")
            assert "<script>" in shown and "onerror" in shown  # as text, escaped
            for selector in ("b[onmouseover]", "img[onerror]", "svg[onload]", "main script"):
                assert page.query_selector(selector) is None, selector
            page.hover("body")
            page.goto(f"{base}/analyse")
            page.fill("textarea", HOSTILE)
            page.click("button[type=submit]")
            page.wait_for_selector("#marked mark")
            assert "<script>" in page.inner_text("#marked")
            assert page.query_selector("#marked img, #marked svg, #marked b") is None
            assert page.evaluate("window.__pwned") is None
            assert dialogs == []
        finally:
            browser.close()
