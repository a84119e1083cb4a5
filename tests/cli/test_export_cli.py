"""``python -m tracker export``, run as a user would, each output opened with a real reader."""

from __future__ import annotations

import csv
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import openpyxl

ROOT = Path(__file__).resolve().parents[2]


def _export(db: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tracker", "export", "--db", str(db), "-o", str(out), *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_export_writes_the_workbook_for_a_plan_and_date(demo_db, tmp_path):
    out = tmp_path / "bao-cao.xlsx"
    done = _export(demo_db, out, "--plan", "84-KH/BTGTU", "--as-of", "2019-07-26")
    assert done.returncode == 0, done.stderr
    assert "Đã ghi" in done.stdout and "297 nghĩa vụ" in done.stdout
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "Tổng hợp theo đơn vị"
    assert wb["Chi tiết"].max_row == 6 + 297


def test_export_writes_one_table_as_csv_and_the_draft_as_docx(demo_db, tmp_path):
    out = tmp_path / "x" / "chi-tiet.csv"
    done = _export(
        demo_db,
        out,
        "--as-of",
        "2019-07-26",
        "--table",
        "chi-tiet",
        "--group",
        "bao_chi",
        "--status",
        "overdue",
    )
    assert done.returncode == 0, done.stderr
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and {r["Nhóm đơn vị"] for r in rows} == {"Cơ quan báo chí"}
    assert {r["Tình trạng"] for r in rows} == {"Chưa hoàn thành, quá hạn"}
    draft = tmp_path / "bao-cao.docx"
    done = _export(demo_db, draft, "--plan", "TUHD-32/2019", "--as-of", "2019-07-26")
    assert done.returncode == 0, done.stderr
    assert "BÁO CÁO" in [p.text for p in docx.Document(str(draft)).paragraphs]


def test_export_without_a_date_uses_the_latest_report_date(demo_db, tmp_path):
    out = tmp_path / "bao-cao.zip"
    done = _export(demo_db, out, "--no-charts")
    assert done.returncode == 0, done.stderr
    assert "26/07/2019" in done.stdout
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
    assert "bao-cao-tat-ca-ke-hoach-2019-07-26.xlsx" in names
    assert "bieu-do/KHONG-CO-ANH.txt" in names


def test_export_refuses_an_unknown_format_plan_group_or_status(demo_db, tmp_path):
    done = _export(demo_db, tmp_path / "x.pdf")
    assert done.returncode == 2 and ".xlsx" in done.stderr
    done = _export(demo_db, tmp_path / "x.xlsx", "--plan", "0-KH/X")
    assert done.returncode == 2 and "không có kế hoạch 0-KH/X" in done.stderr
    done = _export(demo_db, tmp_path / "x.xlsx", "--group", "nope")
    assert done.returncode == 2 and "nhóm đơn vị nope" in done.stderr
    done = _export(demo_db, tmp_path / "x.xlsx", "--status", "overdue", "--status", "late")
    assert done.returncode == 2 and "Không có tình trạng «late»" in done.stderr
    assert not (tmp_path / "x.xlsx").exists()


def test_export_is_listed_in_the_help():
    done = subprocess.run(
        [sys.executable, "-m", "tracker", "export", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0
    assert "--table" in done.stdout and ".docx" in done.stdout
