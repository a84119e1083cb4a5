"""Speed of every page on a synthetic database of 1,000,000 obligations.

    .venv/bin/python bench/pages.py [--db PATH|postgresql://…] [--rebuild] [--runs 5]
                                    [--no-browser]

Builds (once; reused while the file exists, or while the PostgreSQL database has plans:
give an empty one to build it there) the database of ``bench/synthetic.py``. Then:

1. cold start (``bench/cold_start.py``): ``streamlit run dashboard.py`` on that file, time
   until ``/_stcore/health`` answers, plus a first AppTest run in a fresh interpreter (the
   server side), then ``streamlit run serve.py`` (what ``make run`` serves) until the first
   plotly chart is drawn in Debian's chromium (Playwright), the figure reported (without
   chromium: the server-side one). Right after each, the same for
   ``bench/one_chart_app.py`` (one plotly chart, none of our code): ``cold_start_ratio``;
2. every page file of the menu that exists, through AppTest, each in a fresh interpreter,
   scripts compiled once per process as a server compiles them (:func:`_compile_once`):
   the first run, then the median of ``--runs`` runs with the cached reads and built charts
   forgotten before each (a filter change: queries, building the charts, drawing) and of
   ``--runs`` warm reruns; every named query a page runs is timed by wrapping
   :class:`Store` reads; the two slowest are printed;
   after each cleared run, in the same process on the same file, the *floor*: the bare
   status query grouped by status (``sql/bench_floor.sql`` through :meth:`Store.frame`),
   which every correct page pays at least once. ``floor_ratio`` is the page's median over
   the floor's: on this shared machine absolute times move 2–3× with other load, ratios
   far less; ``best_ratio``, the fastest page run over the fastest floor, moves less still
   when the load comes in bursts; ``cpu_ratio``, the same over the process's CPU seconds
   (every thread's, DuckDB's included), least of all when others' work slows the clock;
3. peak memory: ``VmHWM`` (peak resident set, DuckDB's buffers included) of each page's
   process and of the streamlit server after the first chart; the largest is reported.
   Not ``ru_maxrss``: Linux carries it over from the parent through fork and exec.

The last line is exactly ``max_page_s=X cold_start_s=Y peak_mb=Z max_page_floor_ratio=R
cold_start_ratio=C`` (one line); ``max_page_s`` is the slowest page's median with the cache
cleared, ``max_page_floor_ratio`` the largest page-to-floor ratio. Targets: 0.3 s, 3 s,
500 MB. ``--pages`` measures only the named page files.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "bench"))

from cold_start import cold_start  # noqa: E402
from proc import vm_hwm_mb  # noqa: E402
from servers import CHROMIUM  # noqa: E402
from synthetic import AS_OF, build  # noqa: E402

from store.database import Store, is_server  # noqa: E402

TARGETS = {"page_s": 0.3, "cold_start_s": 3.0, "peak_mb": 500.0}
PAGE_TIMEOUT_S = 300
BASELINE_APP = "bench/one_chart_app.py"
FLOOR_QUERY = "bench_floor"


def ensure_database(target: str, scale: tuple[int, int, int], rebuild: bool) -> None:
    """Build the database unless it exists (pages are measured in other processes, so the
    build's memory is not counted). A PostgreSQL database is built into when it has no
    plan (``--rebuild`` does not empty a server's database)."""
    if is_server(target):
        with Store(target) as store:
            if not store.frame("plans_list").empty:
                print(f"database: {target} (reused: it has plans)")
                return
    else:
        path = Path(target)
        if path.exists() and not rebuild:
            print(f"database: {path} (reused; --rebuild to build it again)")
            return
        for stale in (path, path.with_name(path.name + ".wal")):
            stale.unlink(missing_ok=True)
    started = time.perf_counter()
    info = {**build(target, *scale), "seconds": time.perf_counter() - started}
    print(
        f"database: {target} built in {info['seconds']:.1f} s: {info['obligations']:,} "
        f"obligations, {info['reports']:,} reports, {info['report_rows']:,} report rows"
    )


# -- timing the pages --------------------------------------------------------------------


def page_files() -> list[str]:
    """Every page of the app's menu (``ui/menu.py``) whose file exists, in menu order."""
    from ui.menu import menu

    return [path for entries in menu().values() for path, _, _ in entries]


class QueryTimer:
    """Times every named query a page runs, by wrapping the Store's read methods while the
    ``with`` block lasts."""

    METHODS = ("frame", "arrow", "rows")

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self._saved = {m: getattr(Store, m) for m in self.METHODS}

    def __enter__(self) -> QueryTimer:
        for method, read in self._saved.items():
            setattr(Store, method, self._wrap(read))
        return self

    def __exit__(self, *exc) -> None:
        for method, read in self._saved.items():
            setattr(Store, method, read)

    def _wrap(self, read):
        def timed(store, query, /, **params):
            started = time.perf_counter()
            try:
                return read(store, query, **params)
            finally:
                self.seconds[query] += time.perf_counter() - started

        return timed

    def take(self) -> dict[str, float]:
        taken, self.seconds = dict(self.seconds), defaultdict(float)
        return taken


def _floor_seconds(store: Store) -> tuple[float, float]:
    """One run of the floor query through the store, as the pages' queries run: its
    seconds and the process's CPU seconds (every thread, DuckDB's included)."""
    started, cpu = time.perf_counter(), time.process_time()
    store.frame(FLOOR_QUERY, as_of=AS_OF)
    return time.perf_counter() - started, time.process_time() - cpu


def _compile_once() -> None:
    """Make AppTest keep compiled scripts between runs, as a server does.

    A server's ``Runtime`` holds one ``ScriptCache`` for its life: the entry script and each
    page are compiled (with Streamlit's magic pass) once. ``AppTest`` makes a new cache at
    every ``run()``, so without this each timed run would also pay that compilation
    (3–10 ms a page here, 2–7% of the floor), which no visitor of a server pays. Both of
    AppTest's caches: the pages manager's (``app_test``) and the one its script runner
    compiles with (``local_script_runner``)."""
    from streamlit.testing.v1 import app_test, local_script_runner

    shared = app_test.ScriptCache()
    app_test.ScriptCache = lambda: shared  # type: ignore[assignment,misc]
    local_script_runner.ScriptCache = lambda: shared  # type: ignore[assignment,misc]


def measure_page(db: str, page: str, runs: int) -> dict:
    """AppTest of `page` on `db` in this process: the first run (imports, opening the
    store), then medians of `runs` runs with the cached reads and built charts forgotten
    before each (what a filter change costs: queries, building the charts, drawing) and of
    `runs` warm reruns; the queries it ran and their median seconds; this process's peak
    memory.

    After each cleared run the floor query runs once on the same file in this process (a
    second connection with the app's settings shares the app's DuckDB instance and buffers;
    one untimed run first), so page and floor are measured under the same load."""
    os.environ["TRACKER_DB"] = str(db)
    from streamlit.testing.v1 import AppTest

    from ui import data
    from ui.web import warm

    _compile_once()
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
    with QueryTimer() as timer:
        started = time.perf_counter()
        app.switch_page(page).run()
        first = time.perf_counter() - started
        warm.settle()  # what the server does once warmed up, before its first visitor
        errors = [e.message for e in app.exception]
        uncached, cached, floors, queries = [], [], [], defaultdict(list)
        cpu, floor_cpu = [], []
        with Store(db) as store:
            _floor_seconds(store)
            for _ in range(runs):
                data.changed()  # what a write does: cached reads and built charts forgotten
                timer.take()
                started, cpu_started = time.perf_counter(), time.process_time()
                app.run()
                uncached.append(time.perf_counter() - started)
                cpu.append(time.process_time() - cpu_started)
                for name, seconds in timer.take().items():
                    queries[name].append(seconds)
                seconds, cpu_seconds = _floor_seconds(store)
                floors.append(seconds)
                floor_cpu.append(cpu_seconds)
            timer.take()
        for _ in range(runs):
            started = time.perf_counter()
            app.run()
            cached.append(time.perf_counter() - started)
    floor = statistics.median(floors)
    return {
        "page": page,
        "first_s": first,
        "uncached_s": statistics.median(uncached),
        "cached_s": statistics.median(cached),
        "floor_s": floor,
        "floor_ratio": statistics.median(uncached) / floor,
        "best_ratio": min(uncached) / min(floors),
        "cpu_ratio": min(cpu) / min(floor_cpu),
        "queries": {name: statistics.median(t) for name, t in queries.items()},
        "errors": errors + [e.message for e in app.exception],
        "peak_mb": vm_hwm_mb(os.getpid()),
    }


def measure_pages(db: str, pages: list[str], runs: int) -> list[dict]:
    """:func:`measure_page` for each page, each in a fresh interpreter so that its peak
    memory is its own (the pages share nothing but the database file)."""
    results = []
    for page in pages:
        command = [sys.executable, __file__, "--db", str(db), "--runs", str(runs), "--page", page]
        try:
            done = subprocess.run(
                command,
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=False,
                timeout=PAGE_TIMEOUT_S,
            )
            lines, error = done.stdout.strip().splitlines(), done.stderr.strip().splitlines()
        except subprocess.TimeoutExpired:
            lines, error = [], [f"no result after {PAGE_TIMEOUT_S} s"]
        if not lines or not lines[-1].startswith("{"):
            results.append(
                {
                    "page": page,
                    "first_s": 0.0,
                    "uncached_s": float("inf"),
                    "cached_s": 0.0,
                    "floor_s": 0.0,
                    "floor_ratio": float("inf"),
                    "best_ratio": float("inf"),
                    "cpu_ratio": float("inf"),
                    "queries": {},
                    "peak_mb": 0.0,
                    "errors": error[-1:] or ["failed"],
                }
            )
        else:
            results.append(json.loads(lines[-1]))
        print(_page_line(results[-1]), flush=True)
    return results


def _page_line(r: dict) -> str:
    slow = sorted(r["queries"].items(), key=lambda q: -q[1])[:2]
    flag = "OK" if r["uncached_s"] <= TARGETS["page_s"] else "SLOW"
    return (
        f"page={r['page']} uncached_s={r['uncached_s']:.3f} cached_s={r['cached_s']:.3f} "
        f"floor_s={r['floor_s']:.3f} floor_ratio={r['floor_ratio']:.1f} "
        f"best_ratio={r['best_ratio']:.1f} cpu_ratio={r['cpu_ratio']:.1f} "
        f"first_s={r['first_s']:.3f} peak_mb={r['peak_mb']:.0f} queries={len(r['queries'])}"
        f" slowest={','.join(f'{n}:{t:.3f}' for n, t in slow) or '-'} {flag}"
        + (f" ERRORS={r['errors']}" if r["errors"] else "")
    )


# -- the command -------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--db",
        default=str(Path(tempfile.gettempdir()) / "tracker-bench-pages.duckdb"),
        help="a DuckDB file or a postgresql:// URL",
    )
    parser.add_argument("--units", type=int, default=500)
    parser.add_argument("--tasks", type=int, default=100)
    parser.add_argument("--periods", type=int, default=20)
    parser.add_argument("--rebuild", action="store_true", help="build the database again")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per page and mode")
    parser.add_argument("--no-browser", action="store_true", help="cold start without chromium")
    parser.add_argument(
        "--pages",
        nargs="+",
        metavar="FILE",
        help="measure only these page files (default: every page of the menu)",
    )
    parser.add_argument("--page", help="measure only this page file, print JSON (internal)")
    args = parser.parse_args(argv)
    if args.page:
        print(json.dumps(measure_page(args.db, args.page, args.runs)))
        return 0
    ensure_database(args.db, (args.units, args.tasks, args.periods), args.rebuild)

    modes = [False] if args.no_browser or not Path(CHROMIUM).exists() else [False, True]
    for mode in modes:  # server side alone, then with the browser: the figure reported
        start = cold_start(args.db, mode)
        base = cold_start(args.db, mode, BASELINE_APP)  # right after, under the same load
        cold_ratio = start["chart_s"] / base["chart_s"]
        print(
            f"cold start ({start['how']}): health {start['health_s']:.2f} s, first chart "
            f"{start['chart_s']:.2f} s, server peak {start['server_peak_mb']:.0f} MB; "
            f"one-chart app: health {base['health_s']:.2f} s, first chart "
            f"{base['chart_s']:.2f} s; ratio {cold_ratio:.2f}",
            flush=True,
        )

    results = measure_pages(args.db, args.pages or page_files(), args.runs)
    print(
        f"memory: peak RSS (VmHWM) of each page's AppTest process and of the streamlit "
        f"server ({start['server_peak_mb']:.0f} MB); targets: page "
        f"{TARGETS['page_s']} s, cold start {TARGETS['cold_start_s']} s, "
        f"{TARGETS['peak_mb']:.0f} MB"
    )
    max_page = max(r["uncached_s"] for r in results)
    max_ratio = max(r["floor_ratio"] for r in results)
    peak = max([r["peak_mb"] for r in results] + [start["server_peak_mb"]])
    floors = [r["floor_s"] for r in results if r["floor_s"] > 0]
    if floors:
        print(
            f"floor ({FLOOR_QUERY}, median over the pages' processes): "
            f"{statistics.median(floors):.3f} s"
        )
    print(
        "best ratios (the fastest page run over the fastest floor, steadier under load): "
        + " ".join(f"{Path(r['page']).stem}={r['best_ratio']:.2f}" for r in results)
    )
    print(
        "cpu ratios (the same over CPU seconds, every thread's): "
        + " ".join(f"{Path(r['page']).stem}={r['cpu_ratio']:.2f}" for r in results)
    )
    print(
        f"max_page_s={max_page:.3f} cold_start_s={start['chart_s']:.2f} peak_mb={peak:.0f} "
        f"max_page_floor_ratio={max_ratio:.2f} cold_start_ratio={cold_ratio:.2f}"
    )
    return 1 if any(r["errors"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
