"""A phone's first screen after sign-in: the overview comes in its phone form from the first
script run of the session after the sign-in (the width was kept in a cookie by the sign-in
page, :mod:`ui.viewport`), and Streamlit's plotly chunk was requested on the sign-in page
once it was tapped, before any chart (:mod:`ui.preload`)."""

from __future__ import annotations

import pytest
from test_browser import (  # noqa: F401 - server is a fixture
    CHROMIUM,
    LAUNCH_ARGS,
    PHONE,
    _require_chromium,
    server,
)

pytestmark = pytest.mark.browser
CHART = '[data-testid="stPlotlyChart"] .js-plotly-plot .main-svg'
IDLE = (
    "document.querySelector('[data-testid=\"stApp\"]')"
    ".getAttribute('data-test-script-state') === 'notRunning'"
)


def test_a_phone_signs_in_to_its_chart_in_one_run_with_plotly_requested_on_the_way(
    demo_db, request
):
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
            page.on(
                "request",
                lambda r: events.append(("plotly", 0)) if "/PlotlyChart." in r.url else None,
            )
            page.on("websocket", opened)
            page.goto(base + "/", timeout=60_000)
            page.get_by_role("button", name="Lãnh đạo", exact=True).click(timeout=60_000)
            page.wait_for_url(lambda now: "/auth/" not in now and "asof=" in now, timeout=60_000)
            page.wait_for_selector(CHART, timeout=60_000)
            page.wait_for_function(IDLE, timeout=60_000)
            page.wait_for_timeout(1500)  # a second run, if one were asked for, has started
            page.wait_for_function(IDLE, timeout=60_000)

            cookies = {c["name"]: c["value"] for c in context.cookies()}
            assert cookies.get("tracker_viewport") == "narrow"
            assert len(sockets) == 2  # the sign-in page's, then the page's after the cookie
            after = events.index(("socket", 2))
            assert events[after:].count(("sent", 2)) == 1, events  # the run it opened with
            assert ("plotly", 0) in events[:after], events  # asked for on the sign-in page
            # the phone form: the status chart above the figures
            first_chart = page.locator('[data-testid="stPlotlyChart"]').first.bounding_box()
            first_card = page.locator('[data-testid="stMetric"]').first.bounding_box()
            assert first_chart and first_card and first_chart["y"] < first_card["y"]
        finally:
            browser.close()
