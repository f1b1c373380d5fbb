from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from eventwire.ingest import read_inputs
from eventwire.model import RawArticle, Rejection

BODY = "Police in the capital arrested twelve opposition activists on Monday, their lawyers said."


def _read(*paths, **kwargs):
    return list(read_inputs([str(p) for p in paths], **kwargs))


def test_text_file_first_line_is_title(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"Activists arrested\n\n{BODY}\n", encoding="utf-8")
    (article,) = _read(path, published=dt.date(2024, 3, 4), url="https://example.org/a")
    assert article.title == "Activists arrested"
    assert article.text.strip() == BODY
    assert article.published == dt.date(2024, 3, 4)
    assert article.url == "https://example.org/a"
    assert article.source == str(path)


def test_text_file_published_line(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"Title\nPublished: 2024-02-01\n{BODY}\n", encoding="utf-8")
    (article,) = _read(path)
    assert article.published == dt.date(2024, 2, 1)
    assert article.text.strip() == BODY


def test_html_file_main_text_title_and_date(tmp_path):
    page = f"""<html><head><title>Arrests in the capital</title>
    <meta property="article:published_time" content="2024-04-02T08:00:00Z"></head>
    <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Arrests in the capital</h1><p>{BODY}</p>
    <p>The interior ministry did not respond to a request for comment on the arrests.</p></article>
    <footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    (article,) = _read(path)
    assert article.title == "Arrests in the capital"
    assert article.published == dt.date(2024, 4, 2)
    assert BODY in article.text
    assert "Copyright" not in article.text and "Home" not in article.text


def test_jsonl_reads_good_lines_and_rejects_bad_ones(tmp_path):
    lines = [
        json.dumps({"id": "a1", "title": "T", "published": "2024-01-05", "text": BODY}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": "a2", "title": "no body"}),
        json.dumps({"id": "a3", "text": BODY, "published": "yesterday"}),
        "",
        json.dumps({"id": 4, "html": f"<html><body><article><p>{BODY}</p><p>{BODY}</p></article></body></html>"}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _read(path)
    assert [type(i).__name__ for i in items] == [
        "RawArticle", "Rejection", "Rejection", "Rejection", "Rejection", "Rejection", "RawArticle",
    ]  # fmt: skip
    assert items[0].id == "a1" and items[0].published == dt.date(2024, 1, 5)
    assert "malformed JSON" in items[1].reason and items[1].source.endswith(":2")
    assert "object" in items[2].reason
    assert "text" in items[3].reason and items[3].article_id == "a2"
    assert "ISO date" in items[4].reason
    assert items[5].reason == "empty line"
    assert items[6].id == "4" and BODY in items[6].text


def test_directory_is_read_recursively_in_order_skipping_other_files(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text(f"B\n{BODY}", encoding="utf-8")
    (tmp_path / "sub" / "a.txt").write_text(f"A\n{BODY}", encoding="utf-8")
    (tmp_path / "README.md").write_text("# not an article", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(f"H\n{BODY}", encoding="utf-8")
    titles = [a.title for a in _read(tmp_path)]
    assert titles == ["B", "A"]


@pytest.mark.parametrize(
    ("data", "kind"),
    [(f"Title\n{BODY}".encode(), "text"), (json.dumps({"text": BODY}).encode(), "json"),
     (f"<html><body><article><p>{BODY}</p><p>{BODY}</p></article></body></html>".encode(), "html")],
)  # fmt: skip
def test_stdin_is_sniffed(data, kind):
    (article,) = list(read_inputs(["-"], stdin=io.BytesIO(data)))
    assert isinstance(article, RawArticle)
    assert BODY in article.text
    assert article.source in ("-", "-:1")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\x00\x01\x02binary\x00data" * 10, "binary"),
        ("Café au lait".encode("latin-1") + b" is served", "not UTF-8"),
        (bytes(range(1, 31)) * 20, "binary"),
    ],
)
def test_bad_bytes_are_rejected_with_reason(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    (rejection,) = _read(path)
    assert isinstance(rejection, Rejection)
    assert rejection.stage == "ingest"
    assert reason in rejection.reason


def test_huge_file_is_rejected_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # a sparse 50 MB file
    (rejection,) = _read(path)
    assert isinstance(rejection, Rejection) and "over the limit" in rejection.reason


def test_missing_path_is_a_rejection(tmp_path):
    (rejection,) = _read(tmp_path / "nope.txt")
    assert rejection.reason == "no such file or directory"


def test_malformed_html_is_rejected(tmp_path):
    path = tmp_path / "x.html"
    path.write_text("<html><body><div></div></body></html>", encoding="utf-8")
    (rejection,) = _read(path)
    assert isinstance(rejection, Rejection)
    assert "no article text" in rejection.reason
