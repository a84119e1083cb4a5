"""Time to the chart drawn, and bytes sent, in Debian's Chromium: each chart page at desktop
and phone size, against the one-chart app measured in the same run.

    .venv/bin/python bench/browser.py [--db PATH] [--runs 3] [--phone] [--pages heatmap ...]

Starts ``streamlit run serve.py`` (the app as served) on the demo database (``--db``, a
DuckDB file holding it; default: the demo built into a temporary folder) and ``streamlit
run bench/one_chart_app.py`` (one plotly chart, none of our code) side by side, loads each
once untimed (the servers' first runs import everything), then, for each size (desktop
1366×768; phone 390×844, touch, 3× pixels; ``--phone`` measures the phone alone), takes the
median over ``--runs`` of:

- ``one_chart_cold`` / ``one_chart_warm``: the one-chart app in a fresh browser profile
  (nothing cached), then opened again in a new tab of that profile (its scripts cached),
  the way each chart page below is opened (a reload in the same tab would also find the
  scripts compiled in that tab's renderer, which a new tab does not);
- ``sign_in``: a fresh profile opens ``/``, the sign-in page comes, the leader's demo
  button (Lãnh đạo) is tapped, until the overview's first chart is drawn; over
  ``one_chart_cold`` (then, untimed, until the page has fetched the session cookie that
  the next tabs need);
- each chart page (``/``, ``/timeline``, ``/heatmap``, ``/ranking``, ``/compare``) opened
  by its address in that signed-in profile; over ``one_chart_warm``;
- ``shared_link``: a link to the heatmap of one plan opened in a fresh profile, sign-in
  included; over ``one_chart_cold``.

*Drawn* is plotly's own state: the page's first ``.js-plotly-plot`` has its traces laid out
(``_fullData``) and a trace drawn in its SVG, the moment ``plotly_afterplot`` fires. *Bytes*
are what reached the browser: every HTTP response as transferred (``encodedDataLength`` of
Chrome's ``Network.loadingFinished``; 0 for what came from its cache) plus every websocket
frame received (Streamlit's protobuf deltas, where the figures travel).

Each measured line reads ``size=… load=… s=… kb=… ratio=…``. The last line is exactly
``max_page_ratio=X sign_in_ratio=Y shared_link_ratio=Z max_page_kb=K one_chart_kb=B`` (the
worst over the sizes measured); the target is 1.5 for each ratio. With ``--nginx`` the app
is reached through the deployment's nginx (``bench/servers.py``: two servers, the shipped
site file), which compresses what it sends; the one-chart app is reached directly.
"""

from __future__ import annotations

import argparse
import base64
import statistics
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from servers import CHROMIUM, CHROMIUM_ARGS, one_server, two_servers  # noqa: E402

SIZES = {
    "desktop": {"viewport": {"width": 1366, "height": 768}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 3,
        "is_mobile": True,
        "has_touch": True,
    },
}
CHART_PAGES = ("overview", "timeline", "heatmap", "ranking", "compare")
LEADER = "Lãnh đạo"  # the demo account's button on the sign-in page
SHARED_LINK = "/heatmap?" + urllib.parse.urlencode({"plan": "84-KH/BTGTU"})
TIMEOUT_MS = 120_000
CHART_DRAWN = """() => {
    const plot = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
    return !!(plot && plot._fullData && plot._fullData.length
        && plot.querySelector('.main-svg .trace, .main-svg .heatmaplayer image, .main-svg .hm'));
}"""


@dataclass(frozen=True)
class Load:
    seconds: float
    bytes: int


class Bytes:
    """What the network brought to one tab: HTTP bodies as transferred and websocket
    frames, counted through Chrome's DevTools protocol."""

    def __init__(self, context, page) -> None:
        self.total = 0
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        session.on("Network.loadingFinished", self._http)
        session.on("Network.webSocketFrameReceived", self._frame)

    def _http(self, event: dict) -> None:
        self.total += int(event.get("encodedDataLength", 0))

    def _frame(self, event: dict) -> None:
        frame = event["response"]
        data = frame.get("payloadData", "")
        self.total += len(base64.b64decode(data)) if frame.get("opcode") == 2 else len(data)


def load(context, url: str, sign_in: bool = False) -> Load:
    """Open `url` in a new tab of `context`; with `sign_in`, tap the leader's button on the
    sign-in page first. Seconds and bytes until the first plotly chart is drawn."""
    page = context.new_page()
    try:
        counted = Bytes(context, page)
        started = time.perf_counter()
        page.goto(url, timeout=TIMEOUT_MS)
        if sign_in:
            page.get_by_role("button", name=LEADER, exact=True).click(timeout=TIMEOUT_MS)
        page.wait_for_function(CHART_DRAWN, timeout=TIMEOUT_MS, polling="raf")
        seconds = time.perf_counter() - started
        page.wait_for_timeout(300)  # frames already on their way are counted
        if sign_in:  # the page fetches the session cookie meanwhile; later tabs need it
            _session_cookie(context)
        return Load(seconds, counted.total)
    finally:
        page.close()


def _session_cookie(context) -> None:
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while not any(c["name"] == "tracker_session" for c in context.cookies()):
        if time.monotonic() > deadline:
            raise RuntimeError("no session cookie after the sign-in")
        time.sleep(0.05)


def median_load(loads: list[Load]) -> Load:
    return Load(
        statistics.median(x.seconds for x in loads), int(statistics.median(x.bytes for x in loads))
    )


def measure_size(browser, size: str, app: str, base: str, pages: list[str], runs: int) -> dict:
    """Every load of one size, medians over `runs`; one fresh profile per cold load."""
    options = {**SIZES[size], "locale": "vi-VN"}
    found: dict[str, list[Load]] = {}

    def record(name: str, measured: Load) -> None:
        found.setdefault(name, []).append(measured)

    for _ in range(runs):
        with _context(browser, options) as fresh:
            record("one_chart_cold", load(fresh, base))
            record("one_chart_warm", load(fresh, base))  # a new tab, the scripts cached
        with _context(browser, options) as leader:
            record("sign_in", load(leader, f"{app}/", sign_in=True))
            for name in pages:
                record(name, load(leader, f"{app}/{'' if name == 'overview' else name}"))
        with _context(browser, options) as fresh:
            record("shared_link", load(fresh, app + SHARED_LINK, sign_in=True))
    return {name: median_load(loads) for name, loads in found.items()}


@contextmanager
def _context(browser, options: dict) -> Iterator:
    context = browser.new_context(**options)
    try:
        yield context
    finally:
        context.close()


def ratios(result: dict, pages: list[str]) -> dict[str, float]:
    cold, warm = result["one_chart_cold"].seconds, result["one_chart_warm"].seconds
    found = {name: result[name].seconds / warm for name in pages}
    found["sign_in"] = result["sign_in"].seconds / cold
    found["shared_link"] = result["shared_link"].seconds / cold
    return found


def _demo(folder: Path) -> str:
    from tracker.usecases.demo import build_demo

    path = folder / "demo.duckdb"
    build_demo(path).close()
    return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="a DuckDB file holding the demo (default: a new one)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--phone", action="store_true", help="the phone size alone")
    parser.add_argument(
        "--nginx",
        action="store_true",
        help="reach the app through the deployment's nginx and its two servers",
    )
    parser.add_argument(
        "--pages", nargs="+", choices=CHART_PAGES, default=list(CHART_PAGES), metavar="PAGE"
    )
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing: apt-get install -y chromium", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    sizes = ["phone"] if args.phone else list(SIZES)
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        db = args.db or _demo(tmp)
        app = stack.enter_context(
            two_servers(db) if args.nginx else one_server("serve.py", db, tmp / "app.log")
        )
        base = stack.enter_context(one_server("bench/one_chart_app.py", db, tmp / "base.log"))
        browser = stack.enter_context(sync_playwright()).chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        stack.callback(browser.close)
        with _context(browser, {}) as warmup:  # the servers' first script runs, untimed
            load(warmup, base)
            load(warmup, f"{app}/", sign_in=True)
        worst: dict[str, float] = {}
        for size in sizes:
            result = measure_size(browser, size, app, base, args.pages, args.runs)
            found = ratios(result, args.pages)
            for name, measured in result.items():
                ratio = f" ratio={found[name]:.2f}" if name in found else ""
                print(
                    f"size={size} load={name} s={measured.seconds:.2f} "
                    f"kb={measured.bytes / 1024:.0f}{ratio}",
                    flush=True,
                )
            for key, value in (
                ("max_page_ratio", max(found[p] for p in args.pages)),
                ("sign_in_ratio", found["sign_in"]),
                ("shared_link_ratio", found["shared_link"]),
                ("max_page_kb", max(result[p].bytes for p in args.pages) / 1024),
                ("one_chart_kb", result["one_chart_warm"].bytes / 1024),
            ):
                worst[key] = max(worst.get(key, 0.0), value)
    print(
        f"max_page_ratio={worst['max_page_ratio']:.2f} sign_in_ratio={worst['sign_in_ratio']:.2f}"
        f" shared_link_ratio={worst['shared_link_ratio']:.2f} "
        f"max_page_kb={worst['max_page_kb']:.0f} one_chart_kb={worst['one_chart_kb']:.0f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
