"""The app and a command line on one DuckDB file: a command waits (a bounded time) for a
file another process holds, says so in Vietnamese when it cannot get it, the store holds
the file only while it works, and the app's caches follow writes made by another process.

The other process is real: a Python subprocess that opens the file with DuckDB itself."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from app_pages import open_page
from commands import cli
from ingest_builders import PLAN, good_rows, long_report, make_store, xlsx

from store.database import Store
from store.tables import count_rows

ROOT = Path(__file__).resolve().parents[2]
HOLD = """
import sys, time, duckdb
for attempt in range(200):  # the app in this process may still hold it for its linger
    try:
        con = duckdb.connect(sys.argv[1])
        break
    except duckdb.IOException:
        time.sleep(0.05)
print("held", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
print("released", flush=True)
"""


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "t.duckdb"
    make_store(path).close()
    return path


def hold(db: Path, seconds: float) -> subprocess.Popen:
    """Another process holding the file for `seconds` (returns once it holds it)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


def test_a_command_waits_for_the_file_another_process_holds_then_succeeds(db):
    holder = hold(db, 2.0)
    started = time.monotonic()
    done = cli("status", "--db", db, "--as-of", "2019-12-31", "--json", "--wait", "30")
    waited = time.monotonic() - started
    holder.wait(timeout=30)
    assert done.returncode == 0, done.stderr
    assert {r["plan"] for r in json.loads(done.stdout)} == {PLAN}
    assert waited >= 1.5  # it really waited for the holder (which held it 2 s)


def test_a_command_that_cannot_get_the_file_says_what_to_do_and_exits_75(db):
    holder = hold(db, 60)
    try:
        started = time.monotonic()
        done = cli("status", "--db", db, "--as-of", "2019-12-31", env={"TRACKER_DB_WAIT": "1"})
        waited = time.monotonic() - started
    finally:
        holder.send_signal(signal.SIGTERM)
        holder.wait(timeout=30)
    assert done.returncode == 75
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert "đang được một chương trình khác giữ" in done.stderr
    assert f"PID {holder.pid}" in done.stderr
    assert "đã chờ 1 giây" in done.stderr and "--wait" in done.stderr
    assert 1 <= waited < 20


def test_an_ingest_waits_too_and_then_writes(db, tmp_path):
    report = tmp_path / "snv.xlsx"
    report.write_bytes(xlsx(long_report(good_rows())))
    holder = hold(db, 1.5)
    done = cli("ingest", report, "--plan", PLAN, "--db", db, "--wait", "30")
    holder.wait(timeout=30)
    assert done.returncode == 0, done.stderr
    with Store(db) as store:
        assert count_rows(store, "report") == 1


def test_the_store_lets_the_file_go_once_its_work_is_done(db):
    with Store(db) as store:
        store.rows("plans_list")
        # while the linger lasts another process cannot have it; after it, it can
        busy = cli("status", "--db", db, "--as-of", "2019-12-31", "--wait", "0")
        time.sleep(0.5)
        free = cli("status", "--db", db, "--as-of", "2019-12-31", "--wait", "0")
        assert free.returncode == 0, free.stderr
        assert busy.returncode in (0, 75)  # the linger may be over when the command starts
        store.rows("plans_list")  # and the Store opens it again when it needs it


def test_every_write_bumps_the_data_version_seen_by_another_store(db):
    with Store(db) as store:
        before = store.data_version()
    done = cli("alias", "add", "SNgV", "--unit", "Sở Ngoại vụ", "--db", db)
    assert done.returncode == 0, done.stderr
    with Store(db, read_only=True) as store:
        assert store.data_version() > before


def test_the_app_shows_what_a_command_wrote_at_its_next_rerun(db, monkeypatch, tmp_path):
    at = open_page(db, monkeypatch, asof="2019-12-31")
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Đã hoàn thành"] == "0,0%"
    time.sleep(0.5)  # past the app's linger: the file is free for the command
    report = tmp_path / "snv.xlsx"
    report.write_bytes(xlsx(long_report(good_rows())))
    done = cli("ingest", report, "--plan", PLAN, "--db", db, "--wait", "30")
    assert done.returncode == 0, done.stderr
    at.run()  # a rerun, no restart: same process, same caches
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Đã hoàn thành"] != "0,0%"


def test_a_page_that_cannot_get_the_file_says_so_in_vietnamese_without_a_traceback(db, monkeypatch):
    at = open_page(db, monkeypatch, None, role=None)  # the overview, through the entry script
    assert not at.exception and not at.error
    monkeypatch.setenv("TRACKER_DB_WAIT", "1")
    holder = hold(db, 60)
    try:
        at.run()
    finally:
        holder.send_signal(signal.SIGTERM)
        holder.wait(timeout=30)
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any("đang được một chương trình khác giữ" in e for e in errors), errors


def test_a_page_that_cannot_get_the_file_shows_the_vietnamese_sentence_not_a_traceback(
    db, monkeypatch
):
    monkeypatch.setenv("TRACKER_DB_WAIT", "1")
    at = open_page(db, monkeypatch, asof="2019-12-31")
    assert not at.exception
    time.sleep(0.5)  # past the app's linger
    holder = hold(db, 20.0)
    try:
        at.run()
        assert not at.exception  # no traceback on the page
        [shown] = [e.value for e in at.error]
        assert "Traceback" not in shown and "(lúc " in shown, shown
    finally:
        holder.send_signal(signal.SIGTERM)
        holder.wait(timeout=30)
