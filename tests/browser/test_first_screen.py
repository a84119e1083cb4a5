"""A phone's first screen after sign-in: the sign-in page runs once (the width waits in the
sign-in form and goes with the tap, :mod:`ui.viewport`); the tap signs in and the same page,
without a reload, draws the overview in its phone form from the first run after it (the
session cookie is fetched by the page meanwhile, :mod:`ui.web.cookie`); Streamlit's plotly
chunk was requested while the sign-in page sat drawn and idle, before the tap, and its
table chunk once the first chart was drawn (:mod:`ui.preload`)."""

from __future__ import annotations

import pytest
from test_browser import (  # noqa: F401 - server is a fixture
    CHROMIUM,
    LAUNCH_ARGS,
    PHONE,
    _require_chromium,
    server,
    session_cookie,
)

pytestmark = pytest.mark.browser
CHART = '[data-testid="stPlotlyChart"] .js-plotly-plot .main-svg'
DRAWN_AT = """() => {
    const mark = () => {
        const plot = document.querySelector('.js-plotly-plot');
        if (plot && plot._fullData && plot.querySelector('.main-svg .trace')) {
            window.chartDrawnAt = performance.now();
        } else {
            requestAnimationFrame(mark);
        }
    };
    requestAnimationFrame(mark);
}"""
TABLE_ASKED_AT = """() => performance.getEntriesByType('resource')
    .filter(e => e.name.includes('/DataFrame.')).map(e => e.startTime)"""
IDLE = (
    "document.querySelector('[data-testid=\"stApp\"]')"
    ".getAttribute('data-test-script-state') === 'notRunning'"
)


def test_a_phone_signs_in_to_its_chart_in_one_run_without_a_reload(demo_db, request):
    _require_chromium()
    from playwright.sync_api import sync_playwright

    base = request.getfixturevalue("server")
    events: list[tuple[str, int]] = []  # (what, which websocket: 1, 2, ...)
    sockets: list = []

    def opened(socket) -> None:
        sockets.append(socket)
        n = len(sockets)
        events.append(("socket", n))
        socket.on("framesent", lambda _payload: events.append(("sent", n)))

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        try:
            context = browser.new_context(**PHONE)
            page = context.new_page()
            chunks = {"/PlotlyChart.": "plotly", "/DataFrame.": "table"}

            def requested(request) -> None:
                events.extend((what, 0) for part, what in chunks.items() if part in request.url)

            page.on("request", requested)
            page.on("websocket", opened)
            page.goto(base + "/", timeout=60_000)
            button = page.get_by_role("button", name="Lãnh đạo", exact=True)
            button.wait_for(timeout=60_000)
            # the sign-in page's one run: the phone's width asks for none of its own
            page.wait_for_function(IDLE, timeout=60_000)
            page.wait_for_timeout(1500)
            page.wait_for_function(IDLE, timeout=60_000)
            assert events.count(("sent", 1)) == 1, events
            events.append(("tap", 0))
            page.evaluate(DRAWN_AT)  # the browser's own clock: the chart's first drawn frame
            button.click(timeout=60_000)
            page.wait_for_selector(CHART, timeout=60_000)
            page.wait_for_function(IDLE, timeout=60_000)
            page.wait_for_timeout(1500)  # a second run, if one were asked for, has started
            page.wait_for_function(IDLE, timeout=60_000)

            assert session_cookie(context)["httpOnly"]
            cookies = {c["name"]: c["value"] for c in context.cookies()}
            assert cookies.get("tracker_viewport") == "narrow"
            assert len(sockets) == 1, events  # no reload after the sign-in
            assert "/auth/" not in page.url
            tap = events.index(("tap", 0))
            assert events[tap:].count(("sent", 1)) == 1, events  # the tap's run, no other
            assert ("plotly", 0) in events[:tap], events  # while the sign-in page sat idle
            # no table on this screen: the table's code comes once the chart is drawn
            assert ("table", 0) not in events[:tap], events
            page.wait_for_function("() => window.chartDrawnAt !== undefined", timeout=60_000)
            asked = page.evaluate(TABLE_ASKED_AT)
            assert asked and min(asked) >= page.evaluate("window.chartDrawnAt"), asked
            # the phone form: the status chart above the figures
            first_chart = page.locator('[data-testid="stPlotlyChart"]').first.bounding_box()
            first_card = page.locator('[data-testid="stMetric"]').first.bounding_box()
            assert first_chart and first_card and first_chart["y"] < first_card["y"]
        finally:
            browser.close()
