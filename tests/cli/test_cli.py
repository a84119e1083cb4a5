"""The command line, run as a user would: ``python -m tracker ...`` in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from commands import cli

from domain.errors import NotFound

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deadline_prints_the_parsed_json():
    done = _run("deadline", "hoàn thành trong tháng 7/2019", "--ref", "2019-06-21", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "start": "2019-07-01",
        "due": "2019-07-31",
        "recurrence": None,
        "unparsed": False,
        "day_in_period": None,
        "read": "hoàn thành trong tháng 7/2019",
    }


def test_deadline_flags_an_impossible_date():
    done = _run("deadline", "trước ngày 31/02/2019", "--ref", "2019-06-21", "--json")
    assert json.loads(done.stdout)["unparsed"] is True


def test_demo_then_status_lists_every_obligation_with_its_status(tmp_path):
    db = tmp_path / "cli.duckdb"
    assert _run("demo", "--db", str(db)).returncode == 0
    done = _run(
        "status", "--plan", "84-KH/BTGTU", "--as-of", "2019-07-26", "--db", str(db), "--json"
    )
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert len(rows) == 297
    assert set(rows[0]) == {
        "plan",
        "unit",
        "task",
        "section",
        "period",
        "due",
        "completed_on",
        "status",
        "reported",
    }
    first = rows[0]
    assert first["plan"] == "84-KH/BTGTU" and first["section"] == "II"
    assert first["due"] == "2019-06-30" and first["period"] is None
    every = json.loads(_run("status", "--as-of", "2019-07-26", "--db", str(db), "--json").stdout)
    assert {r["plan"] for r in every} == {"84-KH/BTGTU", "TUHD-32/2019"}


def test_bad_usage_exits_with_2():
    assert _run("status", "--as-of", "26/07/2019").returncode == 2
    assert _run("no-such-command").returncode == 2


def test_every_command_is_documented():
    """In the README or a topic file under docs/ (docs/reminders.md for remind, digest,
    unit)."""
    from tracker.cli.main import build_parser

    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]  # docs/ for a topic's own
    readme = "\n".join(p.read_text(encoding="utf-8") for p in pages)
    commands = build_parser()._subparsers._group_actions[0].choices
    missing = [name for name in commands if f"python -m tracker {name}" not in readme]
    assert missing == []


def test_a_name_that_does_not_exist_is_told_in_vietnamese_as_bad_usage(tmp_path):
    assert "kế hoạch «99-KH/X»" in str(NotFound("plan", "99-KH/X"))
    done = cli(
        "template", "--db", tmp_path / "t.duckdb", "--plan", "99-KH/X", "-o", tmp_path / "m.xlsx"
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "99-KH/X" in done.stderr
