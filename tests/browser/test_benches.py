"""Every script in bench/ runs in the test suite at a tiny scale, so that a change which
breaks one fails here instead of on the day someone measures. Nothing is timed against a
target: each run only has to complete and print its last line with every figure in it."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"
CHROMIUM = Path("/usr/bin/chromium")

# script -> the test that runs it at a tiny scale (this file's, or the one named)
RUN_BY = {
    "ingest.py": "tests/browser/test_benches.py::test_the_ingest_bench_runs_on_a_tiny_corpus",
    "browser.py": "tests/browser/test_benches.py::test_the_browser_bench_runs_one_page_once",
    "pages.py": "tests/pages/test_bench_pages.py::"
    "test_a_whole_run_ends_with_the_ratios_to_the_floor_and_to_a_one_chart_app",
    "load.py": "tests/servers/test_load.py::"
    "test_twenty_sessions_on_two_servers_lose_and_duplicate_nothing",
}


def _scripts() -> list[str]:
    """The files of bench/ that run as a command (they test ``__name__ == "__main__"``)."""
    found = []
    for path in sorted(BENCH.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare) and any(
                isinstance(c, ast.Constant) and c.value == "__main__" for c in node.comparators
            ):
                found.append(path.name)
                break
    return found


def _last_line(script: str, *args: str, timeout: float = 300) -> dict[str, str]:
    done = subprocess.run(
        [sys.executable, str(BENCH / script), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    last = done.stdout.strip().splitlines()[-1]
    return dict(pair.split("=", 1) for pair in last.split())


def test_every_bench_script_is_run_by_a_test():
    assert _scripts() == sorted(RUN_BY)
    for script, test in RUN_BY.items():
        path, _, name = test.partition("::")
        assert f"def {name}(" in (ROOT / path).read_text(encoding="utf-8"), (script, test)


def test_the_ingest_bench_runs_on_a_tiny_corpus():
    fields = _last_line("ingest.py", "--tiny")
    assert list(fields) == ["ingest_ratio_small", "ingest_ratio_large", "peak_mb"]
    assert all(float(value) > 0 for value in fields.values())


@pytest.mark.browser
def test_the_browser_bench_runs_one_page_once(demo_db_template, tmp_path):
    """The phone size, the heatmap, one run: every load is drawn and counted."""
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing in CI: `make test` installs chromium")
        pytest.skip(f"{CHROMIUM} is absent (apt-get install -y chromium)")
    db = tmp_path / "demo.duckdb"
    db.write_bytes(demo_db_template.read_bytes())
    fields = _last_line(
        "browser.py", "--db", str(db), "--runs", "1", "--phone", "--pages", "heatmap"
    )
    assert list(fields) == [
        "max_page_ratio",
        "sign_in_ratio",
        "shared_link_ratio",
        "max_page_kb",
        "one_chart_kb",
    ]
    assert all(float(value) > 0 for value in fields.values())
