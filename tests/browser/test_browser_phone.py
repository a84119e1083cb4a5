"""A phone is a first-class screen: 390 × 844 with touch, no toggle, no ``compact=1``.

The window alone makes the app draw its phone layout (:mod:`ui.viewport` reports the width);
one tap on a heatmap cell opens the cell's detail and brings it into the viewport (plotly
clicks only a point it has hovered, and a touch screen hovers after the tap); no text of
the page or of the chart overlaps another (bounding boxes); the address never carries
``compact``; a page chosen in the sidebar closes it; the overview puts its status chart
above the figures, with no overlapping text either.
"""

from __future__ import annotations

import pytest
from test_browser import (  # noqa: F401 - server is a fixture
    ARTIFACTS,
    CHROMIUM,
    HEATMAP,
    LAUNCH_ARGS,
    PHONE,
    _require_chromium,
    server,
    sign_in_on_the_way,
)

pytestmark = pytest.mark.browser
LEGEND = '[data-testid="stPlotlyChart"] .legend .traces'

OVERLAPS = """() => {
  const boxes = [];
  const seen = (el) => {
    const r = el.getBoundingClientRect();
    const style = window.getComputedStyle(el);
    if (r.width < 1 || r.height < 1 || style.visibility === 'hidden') return;
    if (!el.textContent.trim()) return;
    const folded = el.closest('details');
    if (folded && !folded.open && !el.closest('summary')) return;  // inside a closed expander
    boxes.push({ el, text: el.textContent.trim().slice(0, 40), r });
  };
  document.querySelectorAll('[data-testid="stPlotlyChart"] svg text').forEach(seen);
  document.querySelectorAll(
    '[data-testid="stMain"] h1, [data-testid="stMain"] h2, [data-testid="stMain"] h3, '
    + '[data-testid="stMain"] [data-testid="stMarkdownContainer"] p, '
    + '[data-testid="stMain"] [data-testid="stCaptionContainer"]').forEach(seen);
  const found = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
      const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      if (w > 1 && h > 1) found.push([a.text, b.text]);
    }
  }
  return found;
}"""


def test_one_tap_on_a_phone_opens_a_cell_and_brings_its_detail_into_view(demo_db, request):
    _require_chromium()
    from playwright.sync_api import sync_playwright

    base = request.getfixturevalue("server")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        try:
            context = browser.new_context(**PHONE)
            page = context.new_page()
            sign_in_on_the_way(page, f"{base}/heatmap?plan=84-KH%2FBTGTU&sort=name&compact=0")
            page.wait_for_selector(HEATMAP, timeout=60_000)
            # the phone form, by the window alone: its legend replaces the colour bar
            page.wait_for_function(
                f"document.querySelectorAll('{LEGEND}').length >= 6", timeout=60_000
            )
            page.wait_for_function(
                "document.querySelector('[data-testid=\"stApp\"]')"
                ".getAttribute('data-test-script-state') === 'notRunning'",
                timeout=60_000,
            )
            assert "compact" not in page.url
            overlaps = page.evaluate(OVERLAPS)
            assert overlaps == [], overlaps
            ticks = page.locator(
                '[data-testid="stPlotlyChart"] .yaxislayer-above .ytick text'
            ).all_text_contents()
            assert ticks and not any("…" in t for t in ticks), ticks  # whole, wrapped names

            plot = page.locator('[data-testid="stPlotlyChart"] .nsewdrag').first
            box = plot.bounding_box()
            assert box is not None
            rows = len(ticks)
            cell_w, cell_h = box["width"] / 6, box["height"] / rows
            assert cell_w >= 40 and cell_h >= 40, (cell_w, cell_h)  # a finger's target
            # a cell well inside the window (the top bar covers the first 60 px)
            y = box["y"] + cell_h * 3.5
            if y > 700:
                page.mouse.wheel(0, y - 400)
                page.wait_for_timeout(300)
                box = plot.bounding_box()
                assert box is not None
                y = box["y"] + cell_h * 3.5
            page.touchscreen.tap(box["x"] + cell_w / 2, y)  # one tap, no hover before it
            heading = page.get_by_role("heading", name="Chi tiết ô đã chọn")
            heading.wait_for(timeout=30_000)
            page.wait_for_function(
                """() => { const h = [...document.querySelectorAll('h3')]
                    .find(e => e.textContent.includes('Chi tiết ô đã chọn'));
                  if (!h) return false;
                  const r = h.getBoundingClientRect();
                  return r.top >= 0 && r.bottom <= window.innerHeight; }""",
                timeout=10_000,
            )
            page.screenshot(path=str(ARTIFACTS / "heatmap-phone-tap.png"))
            assert "cell=" in page.url and "compact" not in page.url

            # the sidebar, opened to choose a page, closes once the page has opened
            shown = """() => { const r = document.querySelector('[data-testid="stSidebar"]')
                .getBoundingClientRect(); return r.right > 1 && r.width > 1; }"""
            page.locator('[data-testid="stExpandSidebarButton"]').first.tap()
            page.wait_for_function(shown, timeout=10_000)
            sidebar = page.locator('[data-testid="stSidebar"]')
            sidebar.get_by_role("link", name="Xếp hạng đơn vị").tap()
            page.get_by_role("heading", name="Xếp hạng đơn vị").wait_for(timeout=30_000)
            page.wait_for_function(f"!({shown})()", timeout=10_000)

            # the overview: its status chart first, no text over another there either
            page.goto(f"{base}/?plan=84-KH%2FBTGTU", timeout=60_000)
            page.wait_for_function(  # the phone form: the chart above the first figure
                """() => {
                  const chart = document.querySelector('[data-testid="stPlotlyChart"]');
                  const card = document.querySelector('[data-testid="stMetric"]');
                  const app = document.querySelector('[data-testid="stApp"]');
                  return chart && card && chart.querySelectorAll('.legend .traces').length >= 6
                    && chart.getBoundingClientRect().top < card.getBoundingClientRect().top
                    && app.getAttribute('data-test-script-state') === 'notRunning'; }""",
                timeout=60_000,
            )
            overlaps = page.evaluate(OVERLAPS)
            assert overlaps == [], overlaps
        finally:
            browser.close()
