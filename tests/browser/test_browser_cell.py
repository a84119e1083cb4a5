"""A click on a heatmap cell in a real browser opens that obligation, and the link keeps it.

Only a browser can tell: the click goes through plotly's drawn chart, Streamlit's selection
event and a rerun (a plotly heatmap's own cells cannot be selected: the chart's invisible
click targets are what make this work, :func:`tracker.charts.heatmap._targets`). The cell
clicked is the top-left one of Lạng Sơn's heatmap sorted by unit name; the page must then
show the cell's detail for the first task, and the address must carry ``cell=UNIT-TASK`` so
that the copied link reopens it in a new tab.
"""

from __future__ import annotations

import re

import pytest
from test_browser import (  # noqa: F401 - server is a fixture
    CHROMIUM,
    LAUNCH_ARGS,
    _require_chromium,
    _units,
    open_heatmap,
    server,
    sign_in_on_the_way,
)

pytestmark = pytest.mark.browser
PLAN = "84-KH/BTGTU"


def test_clicking_a_heatmap_cell_opens_its_obligation_and_the_link_reopens_it(demo_db, request):
    _require_chromium()
    rows = _units(demo_db, PLAN)
    from playwright.sync_api import sync_playwright

    base = request.getfixturevalue("server")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        try:
            page = open_heatmap(browser, base, "plan=84-KH%2FBTGTU&sort=name", 1366, 1000, rows)
            plot = page.locator('[data-testid="stPlotlyChart"] .nsewdrag').first.bounding_box()
            assert plot is not None
            tasks = 6
            x = plot["x"] + plot["width"] / tasks / 2
            y = plot["y"] + plot["height"] / rows / 2
            page.mouse.move(x, y)
            page.wait_for_timeout(300)  # plotly finds the point under the mouse on hover
            page.mouse.click(x, y)
            heading = page.get_by_role("heading", name="Chi tiết ô đã chọn")
            heading.wait_for(timeout=30_000)
            page.wait_for_url(re.compile(r"cell=\d+-\d+"), timeout=30_000)
            detail = page.locator('[data-testid="stMarkdownContainer"]').all_inner_texts()
            assert any("NV01" in text for text in detail), detail
            link = page.url
            again = browser.new_page(viewport={"width": 1366, "height": 1000}, locale="vi-VN")
            sign_in_on_the_way(again, link)
            again.get_by_role("heading", name="Chi tiết ô đã chọn").wait_for(timeout=60_000)
            assert "sort=name" in again.url
        finally:
            browser.close()
