"""Cold start of a Streamlit app on a database: seconds from ``streamlit run`` to the
health check and to the first plotly chart, and the server's peak memory. ``bench/pages.py``
runs it for the app and, right after, for ``bench/one_chart_app.py``."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from proc import vm_hwm_mb
from servers import CHROMIUM, CHROMIUM_ARGS, free_port, streamlit_command, wait_for

ROOT = Path(__file__).resolve().parent.parent

APP_PORTS = range(8820, 8850)


@contextmanager
def _browser(enabled: bool):
    """A blank chromium tab, launched before the clock starts (or None)."""
    if not enabled:
        yield None
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
        )
        try:
            yield browser.new_page()
        finally:
            browser.close()


def _first_chart_in_apptest(db: str, app: str) -> None:
    """Fallback without a browser: the first run of `app` in a fresh interpreter."""
    code = (
        "from streamlit.testing.v1 import AppTest; "
        f"a = AppTest.from_file({str(ROOT / app)!r}, default_timeout=600).run(); "
        "assert a.get('plotly_chart'), 'no chart drawn'"
    )
    subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        cwd=ROOT,
        env={**os.environ, "TRACKER_DB": str(db)},
        capture_output=True,
    )


def cold_start(db: str, browser: bool, app: str | None = None) -> dict:
    """Start ``streamlit run app`` on `db` (default: ``serve.py``, the app as served; without
    the browser ``dashboard.py``, the script AppTest runs): seconds to health, to the first
    chart, server peak MB.

    With chromium (launched before the clock starts) the first chart is the overview's
    first plotly chart drawn in the page: server start, script run, the browser loading
    the front end and plotly.js. Without it, the server is stopped at health and a fresh
    interpreter's first AppTest run is added.
    """
    app = app or ("serve.py" if browser else "dashboard.py")
    port = free_port(APP_PORTS, set())
    with _browser(browser) as tab:
        started = time.perf_counter()
        server = subprocess.Popen(
            streamlit_command(app, port),
            cwd=ROOT,
            env={**os.environ, "TRACKER_DB": str(db)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for(f"http://127.0.0.1:{port}/_stcore/health", server, poll=0.05)
            health = time.perf_counter() - started
            if tab is not None:
                tab.goto(f"http://127.0.0.1:{port}/")
                tab.wait_for_selector(
                    '[data-testid="stPlotlyChart"] .js-plotly-plot .main-svg', timeout=120_000
                )
                how = "chromium"
            else:
                server.terminate()
                server.wait(30)
                _first_chart_in_apptest(db, app)
                how = "apptest"
            chart = time.perf_counter() - started
            peak = vm_hwm_mb(server.pid) if server.poll() is None else 0.0
        finally:
            server.terminate()
            server.wait(30)
    return {"health_s": health, "chart_s": chart, "how": how, "server_peak_mb": peak}
