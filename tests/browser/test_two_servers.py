"""Two ``streamlit run`` servers behind Debian's nginx on one PostgreSQL (the README's
deployment, ``deploy/nginx-tracker.conf``), driven by real Chromium: a browser pinned to
one server uploads a report, and a browser pinned to the other sees it at its next rerun;
the same file confirmed through both at once (each preview saw it new) is written once, and
different files through both are all written."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest
from ingest_builders import PLAN, good_rows, long_report, make_store, xlsx
from test_browser import CHROMIUM as BROWSER
from test_browser import LAUNCH_ARGS as ARGS

from store.database import Store
from store.tables import count_rows

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
CHROMIUM = str(BROWSER)


@pytest.fixture
def front(pg):
    from servers import NGINX, two_servers

    if not (Path(CHROMIUM).exists() and Path(NGINX).exists()):
        if os.environ.get("CI"):
            pytest.fail("chromium and nginx are installed by make check")
        pytest.skip("needs Debian's chromium and nginx")
    url = pg.new_database("two_servers")
    make_store(url).close()
    with two_servers(url) as base:
        yield base, url


def _settled(page) -> None:
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            return app && app.getAttribute('data-test-script-state') === 'notRunning';
        }""",
        timeout=120_000,
    )


def _pinned(browser, base: str, server: str):
    """A browser context whose every request goes to `server` ('a' or 'b')."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.add_cookies([{"name": "tracker_server", "value": server, "url": base}])
    return context


def _upload(page, base: str, name: str, data: bytes, tmp: Path) -> None:
    _prepare(page, base, name, data, tmp)
    _confirm(page, name)


def _prepare(page, base: str, name: str, data: bytes, tmp: Path) -> None:
    """Up to the preview of a new file, its confirm button shown."""
    page.goto(f"{base}/upload")
    _settled(page)
    page.locator(".st-key-upload-plan").get_by_role("combobox").click()
    page.get_by_role("option", name=PLAN).first.click()
    _settled(page)
    path = tmp / name
    path.write_bytes(data)
    page.locator('[class*="st-key-upload-files"] input[type=file]').set_input_files(str(path))
    page.locator(".st-key-upload-confirm button").wait_for(timeout=120_000)


def _confirm(page, name: str) -> None:
    """Write what the preview showed; returns once the page says what it wrote (the file
    is named there when it was written, not when the other server had just written it)."""
    page.locator(".st-key-upload-confirm button").click()
    page.locator('[data-testid="stAlert"]', has_text="Đã ghi").first.wait_for(timeout=120_000)


def _done_share(page) -> str:
    metric = page.locator('[data-testid="stMetric"]', has_text="Đã hoàn thành")
    return metric.locator('[data-testid="stMetricValue"]').inner_text()


def test_an_upload_through_one_server_is_seen_by_the_other_at_its_next_rerun(front, tmp_path):
    from playwright.sync_api import sync_playwright

    base, url = front
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            reader = _pinned(browser, base, "b").new_page()
            reader.goto(f"{base}/?asof=2019-12-31")
            _settled(reader)
            assert _done_share(reader) == "0,0%"
            writer = _pinned(browser, base, "a").new_page()
            _upload(writer, base, "snv.xlsx", xlsx(long_report(good_rows())), tmp_path)
            reader.locator("h1").first.click()  # the next rerun: R, as a user presses it
            reader.keyboard.press("r")
            reader.wait_for_function(
                """() => [...document.querySelectorAll('[data-testid="stMetric"]')]
                    .some(m => m.innerText.includes('Đã hoàn thành')
                               && !m.innerText.includes('0,0%'))""",
                timeout=120_000,
            )
        finally:
            browser.close()
    with Store(url) as store:
        assert count_rows(store, "report") == 1


def test_uploads_through_both_servers_at_once_lose_and_duplicate_nothing(front, tmp_path):
    from playwright.sync_api import sync_playwright

    base, url = front
    same = xlsx(long_report(good_rows()))
    own = {
        "a": xlsx(long_report(good_rows(), unit="Sở TT&TT")),
        "b": xlsx(long_report(good_rows(), unit="HU Bắc Sơn")),
    }
    errors: list[BaseException] = []
    both_previewed = threading.Barrier(2, timeout=300)

    def session(server: str) -> None:
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
                try:
                    page = _pinned(browser, base, server).new_page()
                    folder = tmp_path / server
                    folder.mkdir()
                    # both see the shared file as new, then both confirm at once
                    _prepare(page, base, f"chung-{server}.xlsx", same, folder)
                    both_previewed.wait()
                    _confirm(page, f"chung-{server}.xlsx")
                    _upload(page, base, f"rieng-{server}.xlsx", own[server], folder)
                finally:
                    browser.close()
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            errors.append(exc)
            both_previewed.abort()

    threads = [threading.Thread(target=session, args=(s,)) for s in "ab"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Store(url) as store:
        assert count_rows(store, "report") == 3  # the shared file once, each own file once
        assert count_rows(store, "report_row") == 9
