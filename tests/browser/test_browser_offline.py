"""Every page in a real browser with the network cut off: nothing leaves loopback.

Chromium is started with every host name resolving to nothing except 127.0.0.1, and every
request the pages make goes through a Playwright route that lets loopback through and
aborts (and records) anything else. Each page of the menu is opened first as a deep link
and drawn to the end of its script run; then ``/overview`` (the default page's own file
name), visited after "/", must open the overview, not Streamlit's "Page not found" dialog.
"""

from __future__ import annotations

import urllib.parse

import pytest
from test_browser import (  # noqa: F401
    CHROMIUM,
    LAUNCH_ARGS,
    _require_chromium,
    server,
    sign_in_first,
)

from domain.access import Actor, Role
from ui.gate import may_open
from ui.menu import DEFAULT, menu, url_path

pytestmark = pytest.mark.browser

OFFLINE_ARGS = [*LAUNCH_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
LOOPBACK = {"127.0.0.1", "localhost", ""}  # data: and blob: URLs have no host
ADMIN = Actor("demo.quantri", Role.QUAN_TRI)
PAGES = [  # every page a quản trị opens (all but the unit accounts' own page)
    (path, title)
    for entries in menu(lambda path: may_open(ADMIN, path)).values()
    for path, title, _ in entries
]


def _drawn(page, title: str) -> None:
    """Wait until the page's title is drawn and its script run has finished."""
    page.get_by_role("heading", name=title).first.wait_for(timeout=60_000)
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            return app && app.getAttribute('data-test-script-state') === 'notRunning';
        }""",
        timeout=60_000,
    )


def test_no_page_fetches_anything_from_outside_the_machine(request):
    _require_chromium()
    from playwright.sync_api import sync_playwright

    base = request.getfixturevalue("server")
    outside: list[str] = []

    def gate(route) -> None:
        host = urllib.parse.urlsplit(route.request.url).hostname or ""
        if host in LOOPBACK:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=OFFLINE_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
            context.route("**/*", gate)
            page = context.new_page()
            failed: list[str] = []
            page.on("requestfailed", lambda r: failed.append(r.url))
            sign_in_first(page, base, "Quản trị")  # the role that opens the most pages
            seen = []
            for path, title in PAGES:
                address = "" if path == DEFAULT else url_path(path)
                page.goto(f"{base}/{address}", timeout=60_000)
                _drawn(page, title)
                assert page.locator('[data-testid="stException"]').count() == 0, path
                seen.append(path)
            assert len(seen) == len(PAGES) >= 10
            assert outside == [], outside
            assert [u for u in failed if urllib.parse.urlsplit(u).hostname not in LOOPBACK] == []
        finally:
            browser.close()


def test_the_default_page_opens_under_its_own_name_without_a_page_not_found_dialog(request):
    """Also: in a Vietnamese browser the date field's calendar names months in Vietnamese."""
    _require_chromium()
    from playwright.sync_api import sync_playwright

    base = request.getfixturevalue("server")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=OFFLINE_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1366, "height": 768}, locale="vi-VN")
            sign_in_first(page, base)
            # Only once "/" has run does the server route by st.navigation's pages (before,
            # it runs pages/overview.py by its file name, NOTES.md on the pages/ folder).
            page.goto(base, timeout=60_000)
            _drawn(page, "Tổng quan")
            # the calendar speaks the browser's language (Streamlit gives no other way)
            page.get_by_role("button", name="Choose date").first.click()
            page.get_by_text("Tháng 7").first.wait_for(timeout=10_000)
            assert page.get_by_text("July", exact=True).count() == 0
            page.keyboard.press("Escape")
            page.goto(f"{base}/{url_path(DEFAULT)}?plan=84-KH%2FBTGTU", timeout=60_000)
            _drawn(page, "Tổng quan")
            page.wait_for_timeout(500)  # the dialog, if any, arrives with the page message
            assert page.get_by_text("Page not found").count() == 0
            assert page.get_by_role("dialog").count() == 0
            assert "plan=84-KH%2FBTGTU" in page.url
        finally:
            browser.close()
