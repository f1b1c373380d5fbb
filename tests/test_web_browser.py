"""The web app in a real headless Chromium (Debian's), against a real uvicorn server on 127.0.0.1.

Screenshots of the main pages are saved under the test's output directory (``tmp_path``).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip


@contextmanager
def serving(app):
    """Run ``app`` with uvicorn on a free port of 127.0.0.1 in a thread; yield its base URL."""
    import uvicorn

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        uv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(web_db, settings):
    from eventwire.web.app import create_app

    with serving(create_app(db_path=web_db, settings=settings)) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium); .ci/run does")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, base_url=server)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # A refused request (422) is logged by the browser too; the page shows it, which tests check.
    page.on("console", lambda msg: errors.append(msg.text)
            if msg.type == "error" and "status of 422" not in msg.text else None)  # fmt: skip
    offsite: list[str] = []
    page.on("request", lambda request: offsite.append(request.url)
            if not request.url.startswith((server, "data:")) else None)  # fmt: skip
    yield page
    context.close()
    assert not errors, errors
    assert not offsite, f"the app fetched from outside: {offsite}"


def settle(page, before: str | None = None) -> str:
    """Wait until the events page has redrawn (after ``before``); return the new mark."""
    page.wait_for_function("old => document.body.dataset.ready && document.body.dataset.ready !== old", arg=before)
    return page.evaluate("document.body.dataset.ready")


def map_events(page) -> int:
    return sum(int(c) for c in page.eval_on_selector_all("#clusters circle", "cs => cs.map(c => c.dataset.count)"))


def timeline_total(page) -> int:
    return int(page.get_attribute("#timeline", "data-total"))


def test_filters_change_the_map_the_timeline_the_list_and_the_url(page, tmp_path):
    page.goto("/")
    mark = settle(page)
    assert page.locator("#countries path").count() > 150  # country outlines from the packaged data
    everything_on_map, everything_in_time = map_events(page), timeline_total(page)
    assert everything_on_map > 10 and everything_in_time > 10
    assert page.locator("#timeline .bar").count() > 10
    page.screenshot(path=tmp_path / "events.png", full_page=True)

    page.select_option("#f-type", "ASSAULT")
    mark = settle(page, mark)
    assert 0 < map_events(page) < everything_on_map
    assert 0 < timeline_total(page) < everything_in_time
    assert set(page.eval_on_selector_all("#clusters circle", "cs => cs.map(c => c.dataset.type)")) == {"ASSAULT"}
    assert set(page.eval_on_selector_all("#event-rows tr", "rs => rs.map(r => r.dataset.type)")) == {"ASSAULT"}
    assert parse_qs(urlparse(page.url).query)["type"] == ["ASSAULT"]

    page.fill("input[name=since]", "2020-01-01")
    mark = settle(page, mark)
    page.fill("input[name=until]", "2020-01-31")
    mark = settle(page, mark)
    assert map_events(page) == 1 and timeline_total(page) == 1
    assert page.locator("#timeline").get_attribute("data-interval") == "day"
    assert page.locator("#event-rows tr").count() == 1
    assert "Baghdad" in page.inner_text("#event-rows")
    query = parse_qs(urlparse(page.url).query)
    assert query["since"] == ["2020-01-01"] and query["until"] == ["2020-01-31"]
    page.screenshot(path=tmp_path / "events-filtered.png", full_page=True)

    page.reload()  # the URL keeps the filters
    settle(page)
    assert page.input_value("#f-type") == "ASSAULT" and page.input_value("input[name=since]") == "2020-01-01"
    assert map_events(page) == 1


def test_the_drone_strike_is_one_click_from_the_map(page, tmp_path):
    page.goto("/?type=ASSAULT&since=2020-01-01&until=2020-01-31")
    settle(page)
    dot = page.locator("#clusters circle[data-event]")
    assert dot.count() == 1
    assert "Baghdad" in dot.locator("title").text_content()
    dot.click()
    page.wait_for_selector("body[data-ready]")
    assert "/events/" in page.url
    sentence = page.locator(".mention .sentence").first
    assert "drone strike in Baghdad in January" in sentence.inner_text()
    assert sentence.locator("mark.m-trigger").inner_text() == "killed"
    assert sentence.locator("mark.m-place").inner_text() == "Baghdad"
    assert sentence.locator("mark.m-date").inner_text() == "January"
    assert sentence.locator("mark.m-source").inner_text() == "United States"
    assert page.locator("blockquote").count() > 0  # the quotes of its article
    page.screenshot(path=tmp_path / "event.png", full_page=True)


def test_an_event_page_shows_every_mention_highlighted(page, tmp_path):
    page.goto("/?type=COERCE&country=KEN&since=2024-06-18&until=2024-06-18")
    settle(page)
    assert "2 articles" in page.inner_text("#event-rows")
    page.locator("#event-rows a").first.click()
    page.wait_for_selector("body[data-ready]")
    assert page.locator(".mention").count() == 2
    assert page.locator(".mention mark.m-trigger").all_inner_texts() == ["arrested", "arrested"]
    assert "2 mentions in 2 articles" in page.inner_text("dl.facts")
    # why each mention was coded so: its lexicon entry and the rules that fired
    assert "events.tsv:arrest/VERB" in page.locator(".mention .why").first.inner_text()
    assert page.locator(".mention .why code.rule").first.inner_text() == "source:subject"
    page.screenshot(path=tmp_path / "event-two-mentions.png", full_page=True)


def test_a_cluster_click_zooms_the_map_in(page):
    page.goto("/")
    settle(page)
    before = page.get_attribute("#map", "viewBox")
    page.locator("#clusters circle:not([data-event])").first.click()
    page.wait_for_function("() => new URLSearchParams(location.search).has('view')")
    assert page.get_attribute("#map", "viewBox") != before


def test_pasted_article_shows_its_events_places_dates_and_quotes(page, tmp_path):
    page.goto("/analyse")
    page.fill("#text", "Kenyan police arrested 40 protesters in Nairobi on Tuesday, officials said. "
                       "\"We will not allow chaos,\" the police chief told reporters.")  # fmt: skip
    page.fill("#published", "2024-06-20")
    page.click("#run")
    page.wait_for_selector("body[data-analysed]")
    assert page.locator("#save-tools").is_hidden()  # a read-only server offers no saving
    assert "COERCE" in page.inner_text("#events")
    assert page.locator("#marked mark.m-trigger").first.inner_text() == "arrested"
    assert page.locator("#marked mark.m-place").inner_text() == "Nairobi"
    assert page.locator("#marked mark.m-date").inner_text() == "Tuesday"
    assert "2024-06-18" in page.inner_text("#dates")
    assert "police chief" in page.inner_text("#quotes")
    page.locator("#events li").first.click()
    assert page.locator("#marked mark.flash").count() >= 1
    page.screenshot(path=tmp_path / "analyse.png", full_page=True)


def test_analyse_shows_a_clear_message_for_text_it_cannot_use(page):
    page.goto("/analyse")
    page.fill("#text", "Der Bundestag hat am Dienstag das Gesetz über die Rente beschlossen, und die Regierung ist froh.")
    page.click("#run")
    page.wait_for_selector("#message .error")
    assert "English" in page.inner_text("#message") or "english" in page.inner_text("#message")


def test_a_pasted_article_can_be_saved_with_the_token_and_then_found(browser, web_db, settings, tmp_path):
    from eventwire.web.app import create_app

    path = tmp_path / "writable.duckdb"
    shutil.copy(web_db, path)
    with serving(create_app(db_path=path, allow_writes=True, token="s3cret", settings=settings)) as url:
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, base_url=url)
        page = context.new_page()
        page.goto("/analyse")
        page.wait_for_selector("#save-tools:not(.hidden)")
        page.fill("#text", "Nigerian soldiers arrested 12 journalists in Lagos on Monday, a union leader said.")
        page.fill("#published", "2024-03-05")
        page.fill("#token", "wrong")
        page.click("#save")
        page.wait_for_selector("#message .error")
        assert "token" in page.inner_text("#message")
        page.fill("#token", "s3cret")
        page.click("#save")
        page.wait_for_selector("#message .ok")
        assert "Saved as article" in page.inner_text("#message")
        page.goto("/?q=journalists")
        settle(page)
        assert "Lagos" in page.inner_text("#event-rows")
        context.close()
