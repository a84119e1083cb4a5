"""The command line checks a report against the plan it names (see
tests/unit/test_wrong_plan.py for the same rule through the use case)."""

from __future__ import annotations

import json

from commands import cli
from ingest_builders import HAI_DUONG, LANG_SON, lang_son_report


def test_the_command_line_refuses_a_file_of_another_plan(demo_db, tmp_path):
    path = tmp_path / "ls.xlsx"
    path.write_bytes(lang_son_report())
    done = cli(
        "ingest",
        str(path),
        "--plan",
        HAI_DUONG,
        "--db",
        str(demo_db),
        "--json",
    )
    assert done.returncode == 1, done.stderr
    [out] = json.loads(done.stdout)
    assert not out["accepted"] and LANG_SON in out["errors"][0]["message"]


def test_the_command_line_without_a_plan_files_each_report_under_its_own(demo_db, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ls.xlsx").write_bytes(lang_son_report())
    done = cli(
        "ingest",
        str(tmp_path / "in"),
        "--db",
        str(demo_db),
        "--json",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    [out] = json.loads(done.stdout)
    assert out["accepted"] and out["unit"] == "Sở Ngoại vụ"
