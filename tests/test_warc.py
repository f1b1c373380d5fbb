"""WARC archives: HTML responses become articles, everything else is skipped and counted."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import logging

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.cli import main
from eventwire.ingest import read_inputs
from eventwire.model import RawArticle, Rejection
from eventwire.store import Store

from news_pages import STORIES, page

CRAWLED = "2024-06-01T10:00:00Z"


def _response(writer, url, body: bytes, *, status="200 OK", content_type="text/html; charset=utf-8",
              date=CRAWLED, extra_headers=()):  # fmt: skip
    headers = StatusAndHeaders(status, [("Content-Type", content_type), ("Content-Length", str(len(body))),
                                        *extra_headers], protocol="HTTP/1.1")  # fmt: skip
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                       warc_headers_dict={"WARC-Date": date})  # fmt: skip
    writer.write_record(record)


def write_crawl(path, *, gzip: bool) -> None:
    """Write a small crawl: two news pages among a request, an error, a redirect, an image, metadata."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "eventwire tests"}))
        request = StatusAndHeaders("GET /news/goma.html HTTP/1.1", [("Host", "news.example")], is_http_request=True)
        writer.write_record(writer.create_warc_record("https://news.example/news/goma.html", "request",
                                                      http_headers=request))  # fmt: skip
        _response(writer, "https://news.example/news/goma.html", page("goma").encode())
        _response(writer, "https://news.example/gone.html", b"<html><body>Not found</body></html>",
                  status="404 Not Found")  # fmt: skip
        _response(writer, "https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), content_type="image/png")
        _response(writer, "https://news.example/news/nairobi.html", page("nairobi", with_date=False).encode())
        writer.write_record(writer.create_warc_record("https://news.example/news/goma.html", "metadata",
                                                      payload=io.BytesIO(b"fetchTimeMs: 12\r\n"),
                                                      warc_content_type="application/warc-fields"))  # fmt: skip


@pytest.fixture(params=[True, False], ids=["gzip", "plain"])
def crawl(request, tmp_path):
    path = tmp_path / ("crawl.warc.gz" if request.param else "crawl.warc")
    write_crawl(path, gzip=request.param)
    return path


def test_html_responses_become_articles_with_url_and_date(crawl, caplog):
    with caplog.at_level(logging.INFO, logger="eventwire.warc"):
        items = list(read_inputs([str(crawl)]))
    assert all(isinstance(i, RawArticle) for i in items), items
    goma, nairobi = items
    assert goma.url == "https://news.example/news/goma.html"
    assert goma.title == STORIES["goma"][0]
    assert "Rebels attacked a convoy near Goma on Monday" in goma.text
    assert "Copyright" not in goma.text
    assert goma.published == dt.date(2024, 5, 6)  # the page's own metadata
    assert nairobi.published == dt.date(2024, 6, 1)  # no date in the page: the crawl date
    assert goma.source.startswith(f"{crawl}@")
    summary = [r.getMessage() for r in caplog.records if "responses" in r.getMessage()]
    assert summary == [f"{crawl}: 4 responses, 2 HTML articles, 5 skipped (1 HTTP 404, 1 image/png responses, "
                       "1 metadata records, 1 request records, 1 warcinfo records)"]


def test_a_truncated_plain_warc_keeps_the_records_before_the_cut(tmp_path):
    whole = tmp_path / "whole.warc"
    write_crawl(whole, gzip=False)
    data = whole.read_bytes()
    cut = data.index(b"Police arrested twelve")  # inside the second article's record
    path = tmp_path / "cut.warc"
    path.write_bytes(data[:cut])
    items = list(read_inputs([str(path)]))
    assert [type(i) for i in items] == [RawArticle, Rejection]
    assert items[0].url == "https://news.example/news/goma.html"
    assert "truncated record" in items[1].reason and "records before it were read" in items[1].reason


def test_a_truncated_gzip_warc_keeps_the_records_before_the_cut(tmp_path):
    whole = tmp_path / "whole.warc.gz"
    write_crawl(whole, gzip=True)
    data = whole.read_bytes()
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(data) * 3 // 4])
    items = list(read_inputs([str(path)]))
    assert isinstance(items[-1], Rejection), items
    assert "records before it were read" in items[-1].reason
    assert [i.url for i in items[:-1]] == ["https://news.example/news/goma.html"]


@pytest.mark.parametrize("content", [b"<html><body>not an archive</body></html>", b"\x1f\x8b\x08\x00garbage"])
def test_a_file_that_is_not_a_warc_is_rejected_with_a_reason(tmp_path, content):
    path = tmp_path / "bogus.warc.gz"
    path.write_bytes(content)
    (item,) = list(read_inputs([str(path)]))
    assert isinstance(item, Rejection)
    assert item.source == f"{path}@0"
    assert any(word in item.reason for word in ("malformed WARC", "not a WARC file", "not a WARC record")), item.reason


def test_a_page_in_a_declared_charset_is_decoded_by_it(tmp_path):
    path = tmp_path / "latin.warc"
    body = page("chad").replace('<meta charset="utf-8">', "").replace("Djamena", "Djaména")
    with open(path, "wb") as fh:
        _response(WARCWriter(fh, gzip=False), "https://news.example/chad", body.encode("latin-1"),
                  content_type="text/html; charset=ISO-8859-1")  # fmt: skip
    (article,) = list(read_inputs([str(path)]))
    assert "met in N'Djaména on Wednesday" in article.text


def test_a_gzip_encoded_page_is_decoded(tmp_path):
    path = tmp_path / "encoded.warc.gz"
    with open(path, "wb") as fh:
        _response(WARCWriter(fh, gzip=True), "https://news.example/dakar", gzip.compress(page("dakar").encode()),
                  extra_headers=[("Content-Encoding", "gzip")])  # fmt: skip
    (article,) = list(read_inputs([str(path)]))
    assert "Protesters burned tyres in Dakar on Thursday" in article.text


def test_a_page_over_the_size_limit_is_rejected_and_the_next_one_read(tmp_path):
    path = tmp_path / "big.warc"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        _response(writer, "https://news.example/big", page("goma").encode() + b"<!--" + b"x" * 4000 + b"-->")
        _response(writer, "https://news.example/chad", page("chad").encode())
    big, chad = read_inputs([str(path)], max_bytes=3000)
    assert isinstance(big, Rejection) and "over the limit of 3,000 bytes" in big.reason
    assert chad.url == "https://news.example/chad"


def test_ingest_stores_warc_articles_once(crawl, tmp_path):
    db = tmp_path / "w.duckdb"
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", str(crawl), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert first.stderr.startswith("2 articles")
    again = runner.invoke(main, ["ingest", str(crawl.parent), "--db", str(db)])  # a directory reads it too
    assert again.exit_code == 0, again.output
    assert "2 already stored" in again.stderr
    with Store(db) as store:
        urls = sorted(store.articles()["url"])
        assert urls == ["https://news.example/news/goma.html", "https://news.example/news/nairobi.html"]
        assert store.counts()["rejections"] == 0


def test_extract_prints_the_events_of_a_warc(tmp_path):
    path = tmp_path / "x.warc"
    write_crawl(path, gzip=False)
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert any(e["event_type"] == "ASSAULT" and e["trigger"]["text"] == "attacked" for e in events)
    assert any(e["event_type"] == "COERCE" and e["trigger"]["text"] == "arrested" for e in events)


@pytest.fixture(scope="module")
def crawl_bytes(tmp_path_factory):
    out = {}
    for gz in (True, False):
        path = tmp_path_factory.mktemp("crawl") / f"c{gz}.warc"
        write_crawl(path, gzip=gz)
        out[gz] = path.read_bytes()
    return out


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(gz=st.booleans(), at=st.integers(0, 10_000), junk=st.binary(max_size=40), cut=st.integers(0, 10_000))
def test_a_damaged_warc_never_raises_only_rejects(tmp_path_factory, crawl_bytes, gz, at, junk, cut):
    data = crawl_bytes[gz]
    at %= len(data) + 1
    data = (data[:at] + junk + data[at + len(junk):])[: max(cut, at + len(junk))]
    path = tmp_path_factory.mktemp("damaged") / "d.warc.gz"
    path.write_bytes(data)
    items = list(read_inputs([str(path)]))
    assert all(isinstance(i, (RawArticle, Rejection)) for i in items)
    assert all(i.reason for i in items if isinstance(i, Rejection))


def _imports_of_the_package() -> dict[str, set[str]]:
    """Read which eventwire modules each eventwire module imports, inside functions too."""
    import ast

    from conftest import ROOT

    package = ROOT / "src" / "eventwire"
    modules = {"eventwire." + ".".join(p.relative_to(package).with_suffix("").parts).removesuffix(".__init__"): p
               for p in package.rglob("*.py")}  # fmt: skip
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found = graph.setdefault(name, set())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("eventwire"):
                submodules = {f"{node.module}.{alias.name}" for alias in node.names} & set(modules)
                found |= submodules or {node.module}
            elif isinstance(node, ast.Import):
                found |= {alias.name for alias in node.names if alias.name in modules}
    return graph


@pytest.mark.parametrize("module", ["eventwire.ingest", "eventwire.warc", "eventwire.webpage", "eventwire.feeds"])
def test_the_readers_import_each_other_without_a_cycle(module):
    graph = _imports_of_the_package()
    reached, todo = set(), list(graph[module] - {"eventwire"})  # the package itself imports the pipeline
    while todo:
        name = todo.pop()
        if name not in reached:
            reached.add(name)
            todo += graph.get(name, set()) - {"eventwire"}
    assert module not in reached
    assert "eventwire.ingest" not in graph["eventwire.warc"] | graph["eventwire.webpage"]
