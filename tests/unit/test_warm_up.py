"""ui/web/warm.py: before the first visitor, a fresh server process imports what the entry
script and the default page import and opens the store; with no database file yet it builds
nothing (the first run builds the demo, with its spinner)."""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from ui.web import warm

ROOT = Path(__file__).resolve().parents[2]

_PROBE = """
import gc, logging, os, sys
logging.basicConfig(level=logging.ERROR)
from ui.web import warm
before = set(sys.modules)
warm.warm_up()
print("imported", " ".join(sorted(set(sys.modules) - before)))
print("frozen", gc.get_freeze_count())
if os.path.exists(os.environ["TRACKER_DB"]):
    os.rename(os.environ["TRACKER_DB"], os.environ["TRACKER_DB"] + ".away")
    from ui import data
    data.get_store()  # the warm-up's Store, from the cache: no demo built at the path
    print("rebuilt" if os.path.exists(os.environ["TRACKER_DB"]) else "cached")
"""


def test_the_first_imports_are_read_from_the_entry_script_and_the_default_page():
    found = warm.first_imports()
    assert {"ui.gate", "ui.preload", "tracker.views.summary", "ui.frame"} <= set(found)
    for name in found:  # each a module, or a name imported from one
        module, _, attribute = name.rpartition(".")
        try:
            importlib.import_module(name)
        except ImportError:
            assert hasattr(importlib.import_module(module), attribute), name


def _warm_up(db: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "TRACKER_DB": str(db)}
    return subprocess.run(
        [sys.executable, "-c", _PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_a_fresh_process_imports_the_first_page_and_opens_the_store(demo_db_template, tmp_path):
    db = tmp_path / "demo.duckdb"
    shutil.copy(demo_db_template, db)
    done = _warm_up(db)
    assert done.returncode == 0 and "failed" not in done.stderr, done.stderr
    imported = set(done.stdout.split())
    assert {"pandas", "duckdb", "ui.gate", "tracker.charts.breakdown"} <= imported
    (frozen,) = (int(line[7:]) for line in done.stdout.splitlines() if line[:7] == "frozen ")
    assert frozen > 100_000  # what was imported is out of the collector's sight
    assert "cached" in imported  # the first run gets the Store the warm-up opened


def test_with_no_database_file_nothing_is_built(tmp_path):
    missing = tmp_path / "not-yet.duckdb"
    done = _warm_up(missing)
    assert done.returncode == 0 and "failed" not in done.stderr, done.stderr
    assert not missing.exists()
    assert list(tmp_path.iterdir()) == []


_FIRST_RUN = """
import logging, os, sys
logging.basicConfig(level=logging.ERROR)
sys.path.insert(0, "tests")
from streamlit.testing.v1 import AppTest
from app_pages import sign_in
from store.database import Store
from ui.web import warm
# signed in first: opening a Store (as the helper does) migrates, which bumps the data version
at = sign_in(AppTest.from_file(os.path.abspath("dashboard.py"), default_timeout=60),
             os.environ["TRACKER_DB"])
asked = []
for method in ("frame", "arrow", "rows"):
    def counted(self, query, /, _read=getattr(Store, method), **params):
        asked.append(query)
        return _read(self, query, **params)
    setattr(Store, method, counted)
warm.warm_up()
print("warm-up", " ".join(asked))
asked.clear()
at.run()
assert not at.exception and at.get("plotly_chart"), at.exception
print("first-run", " ".join(asked))
"""


def test_the_first_run_of_the_default_page_finds_its_reads_made(demo_db_template, tmp_path):
    db = tmp_path / "demo.duckdb"
    shutil.copy(demo_db_template, db)
    env = {**os.environ, "TRACKER_DB": str(db)}
    done = subprocess.run(
        [sys.executable, "-c", _FIRST_RUN], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0 and "failed" not in done.stderr, done.stderr
    lines = dict(line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)
    warmed, first = set(lines["warm-up"].split()), set(lines.get("first-run", "").split())
    assert {"plans_list", "status_by_plan_and_group"} <= warmed
    # the first run asks only who is signed in and the data version: the rest is cached
    assert first <= {"data_version", "account_find", "account_count"}, first
