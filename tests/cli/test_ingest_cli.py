"""``python -m tracker ingest`` and ``template``: exit codes, --json shape, folders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from commands import cli
from ingest_builders import PLAN, good_rows, long_report, make_store, xlsx

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db(db_target) -> str:
    make_store(db_target).close()
    return db_target


def test_ingest_exits_0_when_every_file_is_accepted_or_already_loaded(db, tmp_path):
    path = tmp_path / "snv.xlsx"
    path.write_bytes(xlsx(long_report(good_rows())))
    first = cli("ingest", path, "--plan", PLAN, "--db", db, "--json")
    assert first.returncode == 0, first.stderr
    [record] = json.loads(first.stdout)
    assert record == {
        "file": "snv.xlsx",
        "accepted": True,
        "duplicate": False,
        "unit": "Sở Ngoại vụ",
        "rows": 3,
        "reported_on": "2019-07-25",
        "reported_on_source": "file",
        "errors": [],
        "warnings": [],
    }
    again = cli("ingest", path, "--plan", PLAN, "--db", db, "--json")
    assert again.returncode == 0
    assert json.loads(again.stdout)[0]["duplicate"] is True


def test_a_folder_means_every_report_file_in_it_and_a_rejection_exits_1(db, tmp_path):
    folder = tmp_path / "bao_cao"
    folder.mkdir()
    (folder / "a.xlsx").write_bytes(xlsx(long_report(good_rows())))
    (folder / "b.xlsx").write_bytes(xlsx(long_report([[1, "NV99", "", "HT", None, "", ""]])))
    (folder / "ghi_chu.txt").write_text("không phải báo cáo")
    done = cli("ingest", folder, "--plan", PLAN, "--db", db, "--json")
    assert done.returncode == 1
    records = {r["file"]: r for r in json.loads(done.stdout)}
    assert set(records) == {"a.xlsx", "b.xlsx"}
    [error] = records["b.xlsx"]["errors"]
    assert {k: error[k] for k in ("sheet", "row", "column", "value")} == {
        "sheet": "Báo cáo",
        "row": 6,
        "column": "B",
        "value": "NV99",
    }
    assert "Không tìm thấy nhiệm vụ" in error["message"]


def test_the_unit_option_and_a_consolidated_file_give_unit_and_null(db, tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_bytes(xlsx(long_report(good_rows(), unit=None)))
    done = cli("ingest", path, "--plan", PLAN, "--unit", "Sở NgV", "--db", db, "--json")
    assert done.returncode == 0 and json.loads(done.stdout)[0]["unit"] == "Sở Ngoại vụ"
    many = tmp_path / "th.xlsx"
    many.write_bytes(
        xlsx([["Đơn vị", "Mã NV", "Tình trạng"], ["SNV", "NV03", "HT"], ["Sở TT&TT", "NV03", "HT"]])
    )
    done = cli("ingest", many, "--plan", PLAN, "--db", db, "--json")
    assert done.returncode == 0 and json.loads(done.stdout)[0]["unit"] is None


@pytest.mark.parametrize(
    "args",
    [
        ["--plan", "0-KH/KHONG"],
        ["--plan", PLAN, "--unit", "Sở Không Có"],
    ],
)
def test_bad_usage_exits_2(db, tmp_path, args):
    path = tmp_path / "a.xlsx"
    path.write_bytes(xlsx(long_report(good_rows())))
    assert cli("ingest", path, *args, "--db", db).returncode == 2


def test_a_missing_file_or_a_folder_without_reports_exits_2(db, tmp_path):
    assert cli("ingest", tmp_path / "khong_co.xlsx", "--plan", PLAN, "--db", db).returncode == 2
    assert cli("ingest", tmp_path).returncode == 2


def test_template_then_ingest_round_trip_on_the_command_line(db, tmp_path):
    out = tmp_path / "mau.xlsx"
    done = cli("template", "--plan", PLAN, "--unit", "Sở TT&TT", "-o", out, "--db", db)
    assert done.returncode == 0 and out.exists()
    assert cli("template", "--plan", "X", "-o", out, "--db", db).returncode == 2
    help_text = cli("ingest", "--help").stdout
    assert "--plan" in help_text and "--json" in help_text
