"""One real browser against a real server: the heatmap opened first as a deep link.

Why a browser test at all: AppTest runs scripts in-process and never meets the two traps a
user meets — a fresh server whose first visit is a deep link straight to a page (Streamlit
then runs that page without the entry script, see ../shared/NOTES.md), and a chart that
the browser must actually draw again after a sidebar change. This test starts
``streamlit run dashboard.py`` on a copy of the demo database, opens
``/heatmap?plan=84-KH%2FBTGTU`` in Debian's chromium (never a downloaded browser), checks
the drawn rows against the database, changes the plan in the sidebar, checks again, and
keeps a screenshot in ``test-artifacts/``.

Without /usr/bin/chromium the test skips, except in CI (``CI=true``), where it fails:
``make test`` installs chromium there, so its absence is a broken setup, not a reason.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from datetime import date
from pathlib import Path

import duckdb
import pytest
from processes import stop

from tracker.views.heatmap import UNITS_PER_PHONE_PAGE

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
AS_OF = date(2019, 7, 26)
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "has_touch": True,
    "is_mobile": True,
    "locale": "vi-VN",
}
"""A leader's phone, as Playwright's ``new_context`` options."""
HEATMAP = '[data-testid="stPlotlyChart"] .js-plotly-plot .heatmaplayer'
ROW_TICKS = '[data-testid="stPlotlyChart"] .js-plotly-plot .yaxislayer-above .ytick text'

pytestmark = pytest.mark.browser


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{CHROMIUM} is missing in CI: `make test` should have installed chromium")
    pytest.skip(f"{CHROMIUM} is absent (apt-get install -y chromium); in CI this fails instead")


def _free_port() -> int:
    """A free loopback port: from TRACKER_TEST_PORTS ("8600-8649") when set (machines shared
    by several people), else any the system gives."""
    low, _, high = os.environ.get("TRACKER_TEST_PORTS", "0-0").partition("-")
    for port in range(int(low), int(high or low) + 1):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise RuntimeError(f"no free port in TRACKER_TEST_PORTS={low}-{high}")


def _units(db: Path, plan: str) -> int:
    """Units with an obligation in `plan` as of the demo's date, from the status macro."""
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            "SELECT count(DISTINCT unit_id) FROM status_detail($as_of, plan_code := $plan)",
            {"as_of": AS_OF, "plan": plan},
        ).fetchone()[0]


@pytest.fixture
def server(demo_db, tmp_path):
    """``streamlit run dashboard.py`` on a private copy of the demo database; stopped in a
    finally whatever happens. Yields the base URL."""
    port = _free_port()
    log = (tmp_path / "streamlit.log").open("w")
    command = [
        sys.executable, "-m", "streamlit", "run", "serve.py",
        "--server.headless", "true", "--server.port", str(port),
        "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    env = {**os.environ, "TRACKER_DB": str(demo_db)}
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail(
                    "the server did not start:\n" + (tmp_path / "streamlit.log").read_text()
                )
            time.sleep(0.2)
        yield url
    finally:
        stop(process)
        log.close()


def session_cookie(context, timeout_s: float = 60) -> dict:
    """The session cookie of the browser profile `context`, once the page has fetched it
    after a sign-in (ui/web/cookie.py: the page stays where it is meanwhile)."""
    deadline = time.monotonic() + timeout_s
    while True:
        found = [c for c in context.cookies() if c["name"] == "tracker_session"]
        if found or time.monotonic() > deadline:
            assert found, "no session cookie after the sign-in"
            return found[0]
        time.sleep(0.1)


def sign_in_on_the_way(page, url: str, role: str = "Cán bộ") -> None:
    """Open `url`; the sign-in page comes first: sign in with the demo account of `role`
    (its button); the page stays at `url` and the session cookie is set."""
    page.goto(url, timeout=60_000)
    page.get_by_role("button", name=role, exact=True).click(timeout=60_000)
    session_cookie(page.context)
    assert "/auth/" not in page.url and "?plan=" in page.url, page.url


def sign_in_first(page, base: str, role: str = "Cán bộ") -> None:
    """Sign in on the sign-in page at `base` with the demo account of `role` (its button);
    the session cookie then opens every later page of this browser profile."""
    page.goto(base, timeout=60_000)
    page.get_by_role("button", name=role, exact=True).click(timeout=60_000)
    page.get_by_text("Đang đăng nhập:").first.wait_for(timeout=60_000)
    session_cookie(page.context)


def _settled(page, rows: int) -> None:
    """Wait until the heatmap shows `rows` rows and the script run has finished (the
    attribute alone can read "notRunning" before a rerun has even started)."""
    page.wait_for_function(
        """([selector, rows]) => {
            const app = document.querySelector('[data-testid="stApp"]');
            return document.querySelectorAll(selector).length === rows
                && app && app.getAttribute('data-test-script-state') === 'notRunning';
        }""",
        arg=[ROW_TICKS, rows],
        timeout=60_000,
    )


def open_heatmap(browser, base: str, query: str, width: int, height: int, rows: int):
    """A new page at ``/heatmap?{query}``, `width` × `height`, once it shows `rows` rows."""
    page = browser.new_page(viewport={"width": width, "height": height}, locale="vi-VN")
    sign_in_on_the_way(page, f"{base}/heatmap?{query}")
    page.wait_for_selector(HEATMAP, timeout=60_000)
    _settled(page, rows)
    return page


def test_a_deep_link_to_the_heatmap_draws_and_redraws_after_a_filter(demo_db, request):
    _require_chromium()
    lang_son, hai_duong = _units(demo_db, "84-KH/BTGTU"), _units(demo_db, "TUHD-32/2019")
    assert (lang_son, hai_duong) == (27, 19)
    from playwright.sync_api import sync_playwright

    base = request.getfixturevalue("server")  # after the counts: the server locks the file
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="vi-VN")
            hosts: set[str] = set()
            page.on("request", lambda r: hosts.add(urllib.parse.urlsplit(r.url).hostname or ""))
            sign_in_on_the_way(page, f"{base}/heatmap?plan=84-KH%2FBTGTU")
            page.wait_for_selector(HEATMAP, timeout=60_000)
            _settled(page, lang_son)
            cookie = session_cookie(page.context)
            assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
            heading = page.get_by_role("heading", name="Mức độ hoàn thành theo đơn vị")
            assert heading.is_visible()
            assert page.locator('[data-testid="stException"]').count() == 0

            page.get_by_role("combobox", name="Kế hoạch").click()
            page.get_by_role("option", name="TUHD-32/2019 — ").click()  # a substring match
            _settled(page, hai_duong)
            assert "plan=TUHD-32%2F2019" in page.url
            ticks = page.locator(ROW_TICKS).all_text_contents()
            assert any(t.startswith("ThU Hải Dương") for t in ticks)
            assert page.locator('[data-testid="stException"]').count() == 0
            page.screenshot(path=str(ARTIFACTS / "heatmap.png"), full_page=True)
            # every request the pages made stayed on this machine (fonts, icons included);
            # data: and blob: URLs have no host
            assert hosts - {"127.0.0.1", ""} == set(), hosts
        finally:
            browser.close()


def test_without_chromium_the_browser_test_skips_locally_but_fails_in_ci(monkeypatch, tmp_path):
    monkeypatch.setattr(sys.modules[__name__], "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="in CI this fails instead"):
        _require_chromium()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="missing in CI"):
        _require_chromium()


def test_on_a_phone_the_heatmap_fits_and_printing_drops_the_sidebar(demo_db, request, tmp_path):
    """390 px wide (phone charts by the window alone): the plot shows a phone's page of units
    and stays inside the window; the print style hides the sidebar; the PDF Chromium prints
    is A4 landscape."""
    _require_chromium()
    lang_son = _units(demo_db, "84-KH/BTGTU")
    from playwright.sync_api import sync_playwright

    base = request.getfixturevalue("server")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        try:
            rows = min(lang_son, UNITS_PER_PHONE_PAGE)
            page = open_heatmap(browser, base, "plan=84-KH%2FBTGTU", 390, 844, rows)
            box = page.locator('[data-testid="stPlotlyChart"] .js-plotly-plot').first.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390 + 1
            plot = page.locator('[data-testid="stPlotlyChart"] .nsewdrag').first.bounding_box()
            assert plot is not None and plot["width"] >= 0.35 * 390  # labels leave room
            page.screenshot(path=str(ARTIFACTS / "heatmap-phone.png"), full_page=True)

            wide = browser.new_page(viewport={"width": 1366, "height": 768}, locale="vi-VN")
            sign_in_on_the_way(wide, f"{base}/heatmap?plan=84-KH%2FBTGTU")
            wide.wait_for_selector(HEATMAP, timeout=60_000)
            assert wide.locator('[data-testid="stSidebar"]').is_visible()
            wide.emulate_media(media="print")
            assert not wide.locator('[data-testid="stSidebar"]').is_visible()
            pdf = tmp_path / "heatmap.pdf"
            wide.pdf(path=str(pdf), prefer_css_page_size=True)
            head = pdf.read_bytes()
            sizes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", head)
            assert sizes, "no page in the PDF"
            width, height = (float(v) for v in sizes[0])
            assert width > height  # landscape
            assert abs(width - 841.9) < 3 and abs(height - 595.3) < 3  # A4 in points
        finally:
            browser.close()
