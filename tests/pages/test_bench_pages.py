"""A tiny-scale smoke run of the page benchmark's builder and harness (nothing is timed
against a target here: bench/pages.py does that on 1,000,000 obligations)."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

from domain import status
from domain.scope import Scope
from store.database import Store
from tracker.views import compare, summary

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_pages", ROOT / "bench" / "pages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tiny(bench, tmp_path_factory):
    path = tmp_path_factory.mktemp("bench") / "tiny.duckdb"
    counts = bench.build(path, units=12, tasks=6, periods=20)
    return path, counts


def test_the_builder_makes_units_x_tasks_x_periods_obligations_with_every_status(bench, tiny):
    path, counts = tiny
    assert counts["obligations"] == 12 * 6 * 20
    assert counts["report_rows"] > 0
    with Store(path, read_only=True) as store:
        found = summary.status_counts(store, Scope(bench.AS_OF))
        assert sum(found.values()) == counts["obligations"]
        assert set(found) == set(status.CODES)
        assert store.scalar("latest_report_date", plan=None) == bench.AS_OF
        plans = store.frame("plans_list")
        assert plans["directive"].tolist() == ["32-CT/TW", "32-CT/TW"]


def test_the_comparison_series_matches_the_status_engine_on_superseded_reports(bench, tiny):
    path, _ = tiny
    with Store(path, read_only=True) as store:
        frame = compare.series(store, ["BENCH-A/2019", "BENCH-B/2019"], Scope(bench.AS_OF), "month")
        assert len(frame) == 2 * 21  # its own date, 19 month ends, the as-of date
        for row in frame.iloc[::3].itertuples():
            k = summary.kpis(store, Scope(row.day, row.plan))
            assert (row.obligations, row.done, row.done_on_time, row.overdue) == (
                k.obligations,
                k.done,
                k.done_on_time,
                k.overdue,
            )


def test_the_floor_query_counts_every_obligation_by_status(bench, tiny):
    path, counts = tiny
    with Store(path, read_only=True) as store:
        floor = store.frame(bench.FLOOR_QUERY, as_of=bench.AS_OF)
        assert floor["obligations"].sum() == counts["obligations"]
        assert dict(zip(floor["status"], floor["obligations"], strict=True)) == (
            summary.status_counts(store, Scope(bench.AS_OF))
        )


def test_the_harness_lists_the_menu_pages_and_measures_one(bench, tiny, monkeypatch):
    path, _ = tiny
    pages = bench.page_files()
    assert pages[0] == "pages/overview.py" and "pages/compare.py" in pages
    monkeypatch.setenv("TRACKER_DB", os.environ.get("TRACKER_DB", ""))
    result = bench.measure_page(path, "pages/compare.py", runs=1)
    assert result["errors"] == []
    assert "compare_series" in result["queries"]
    assert bench.FLOOR_QUERY not in result["queries"]  # the floor is not the page's
    assert result["uncached_s"] > 0 and result["peak_mb"] > 0
    assert result["floor_s"] > 0
    assert result["floor_ratio"] == pytest.approx(result["uncached_s"] / result["floor_s"])
    assert result["best_ratio"] > 0
    with Store(path) as store:  # the timer put the Store's methods back
        assert store.frame.__qualname__ == "Store.frame"


def test_a_whole_run_ends_with_the_ratios_to_the_floor_and_to_a_one_chart_app(
    bench, tmp_path, capsys
):
    """One page, no browser, one run: the last line carries every figure, each positive.

    Its own file: the in-process AppTest above keeps the tiny file open for writing, and
    DuckDB locks a file so opened against every other process (the server, the pages)."""
    path = tmp_path / "run.duckdb"
    small = "--units 12 --tasks 6 --runs 1 --no-browser --pages pages/overview.py".split()
    assert bench.main(["--db", str(path), *small]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert any(line.startswith("page=pages/overview.py ") for line in lines)
    assert lines[-3].startswith("best ratios ") and "overview=" in lines[-3]
    assert lines[-2].startswith("cpu ratios ") and float(lines[-2].split("overview=")[1]) > 0
    fields = dict(pair.split("=") for pair in lines[-1].split())
    assert list(fields) == [
        "max_page_s",
        "cold_start_s",
        "peak_mb",
        "max_page_floor_ratio",
        "cold_start_ratio",
    ]
    assert all(float(value) > 0 for value in fields.values())
