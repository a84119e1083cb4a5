"""A report is checked against the plan it names: the worst defect users met was 44 Lạng
Sơn reports dropped on the Hải Dương plan, two of them accepted."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import openpyxl
from actors import STAFF

from tracker.usecases.demo import DemoReport, DemoRow, report_workbook
from tracker.usecases.ingest import ingest_files, list_reports, prepare_by_plan

ROOT = Path(__file__).resolve().parents[2]
LANG_SON, HAI_DUONG = "84-KH/BTGTU", "TUHD-32/2019"


def lang_son_report(unit: str = "Sở Ngoại vụ", code_in_title: str | None = LANG_SON) -> bytes:
    rows = (DemoRow("NV01", "I", "Tổ chức quán triệt", "", "done", date(2019, 6, 28), "Xong", ""),)
    report = DemoReport(LANG_SON, unit, "", date(2019, 7, 5), "bc.xlsx", rows)
    data = report_workbook(report, "Lạng Sơn")
    if code_in_title == LANG_SON:
        return data
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.active
    for row in sheet.iter_rows(max_row=6):
        for cell in row:
            if isinstance(cell.value, str) and LANG_SON in cell.value:
                cell.value = cell.value.replace(LANG_SON, code_in_title or "")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_report_of_another_plan_is_refused_naming_its_plan(demo_store):
    before = len(list_reports(demo_store, HAI_DUONG))
    [result] = ingest_files(demo_store, STAFF, HAI_DUONG, [("ls.xlsx", lang_son_report())])
    assert not result.accepted
    [error] = result.errors
    assert LANG_SON in error.message and HAI_DUONG in error.message
    assert error.sheet == "Báo cáo" and error.row is not None and error.column is not None
    assert error.value == LANG_SON
    assert len(list_reports(demo_store, HAI_DUONG)) == before  # nothing written


def test_the_same_file_on_its_own_plan_is_accepted(demo_store):
    [result] = ingest_files(demo_store, STAFF, LANG_SON, [("ls.xlsx", lang_son_report())])
    assert result.accepted, [str(p) for p in result.errors]


def test_with_the_plan_left_open_each_file_is_filed_under_the_plan_it_names(demo_store):
    files = [
        ("ls.xlsx", lang_son_report()),
        ("none.xlsx", lang_son_report(code_in_title="")),
        ("ls2.xlsx", lang_son_report(unit="Sở Thông tin và Truyền thông")),
    ]
    preparations, refused = prepare_by_plan(demo_store, files)
    assert [p.catalog.plan_code for p in preparations] == [LANG_SON]
    assert [r.file for r in refused] == ["none.xlsx"]
    results = ingest_files(demo_store, STAFF, None, files)
    assert [r.file for r in results] == ["ls.xlsx", "none.xlsx", "ls2.xlsx"]
    assert [r.accepted for r in results] == [True, False, True]
    assert "kế hoạch" in results[1].errors[0].message
    names = set(list_reports(demo_store, LANG_SON)["file_name"])
    assert {"ls.xlsx", "ls2.xlsx"} <= names and "none.xlsx" not in names


def test_the_command_line_refuses_a_file_of_another_plan(demo_db, tmp_path):
    path = tmp_path / "ls.xlsx"
    path.write_bytes(lang_son_report())
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tracker",
            "ingest",
            str(path),
            "--plan",
            HAI_DUONG,
            "--db",
            str(demo_db),
            "--json",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    [out] = json.loads(done.stdout)
    assert not out["accepted"] and LANG_SON in out["errors"][0]["message"]


def test_the_command_line_without_a_plan_files_each_report_under_its_own(demo_db, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ls.xlsx").write_bytes(lang_son_report())
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tracker",
            "ingest",
            str(tmp_path / "in"),
            "--db",
            str(demo_db),
            "--json",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    [out] = json.loads(done.stdout)
    assert out["accepted"] and out["unit"] == "Sở Ngoại vụ"
