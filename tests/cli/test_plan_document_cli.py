"""``python -m tracker import-plan``, run as a user would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LANG_SON = ROOT / "data" / "samples" / "ke-hoach-84-KH-BTGTU-lang-son.txt"
HAI_DUONG = ROOT / "data" / "samples" / "ke-hoach-ban-thuong-vu-tinh-uy-hai-duong.md"


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tracker", "import-plan", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_dry_run_json_prints_the_draft_without_a_database(tmp_path):
    done = _run(str(LANG_SON), "--db", str(tmp_path / "none.duckdb"), "--dry-run", "--json")
    assert done.returncode == 0, done.stderr
    shape = json.loads(done.stdout)
    assert shape["plan"]["code"] == "84-KH/BTGTU"
    assert shape["plan"]["date"] == "2019-06-21"
    assert shape["plan"]["directive"]["code"] == "32-CT/TW"
    assert [t["section"] for t in shape["tasks"]] == [
        "II",
        "III.1",
        "III.2",
        "III.3",
        "III.4",
        "III.5",
    ]
    assert shape["tasks"][0]["due"] == "2019-06-30"
    assert len(shape["units"]) == 6
    assert not (tmp_path / "none.duckdb").exists()


def test_dry_run_against_the_registry_lists_unknown_units(demo_db):
    done = _run(str(HAI_DUONG), "--db", str(demo_db), "--dry-run", "--json")
    shape = json.loads(done.stdout)
    assert shape["province"] == "Hải Dương"
    unknown = [u for u in shape["units"] if not u["registry"]]
    assert [u["name"] for u in unknown] == ["Các ban cán sự đảng, đảng đoàn"]


def test_saving_refuses_unknown_units_and_writes_nothing(demo_db):
    done = _run(
        str(HAI_DUONG), "--db", str(demo_db), "--code", "X-KH/TU", "--date", "2019-05-31", "--json"
    )
    assert done.returncode == 1
    result = json.loads(done.stdout)
    assert result["saved"] is False
    assert "Các ban cán sự đảng, đảng đoàn" in result["problems"][0]


def test_saving_a_clean_document(demo_db, tmp_path):
    text = LANG_SON.read_text(encoding="utf-8").replace("Số 84 - KH/BTGTU", "Số 85-KH/BTGTU")
    copy = tmp_path / "kh85.txt"
    copy.write_text(text, encoding="utf-8")
    done = _run(str(copy), "--db", str(demo_db), "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(done.stdout)
    assert result == {
        "saved": True,
        "code": "85-KH/BTGTU",
        "problems": [],
        "tasks": 6,
        "assignments": 162,
    }


def test_a_document_that_is_not_a_plan_exits_non_zero(tmp_path):
    report = ROOT / "tests" / "data" / "plans" / "report_not_a_plan.txt"
    done = _run(str(report), "--db", str(tmp_path / "x.duckdb"), "--dry-run")
    assert done.returncode == 1
    assert "không phải là một kế hoạch" in done.stdout


def test_a_registered_number_is_saved_over_only_with_replace_and_the_changes_are_named(demo_db):
    text = LANG_SON.read_text(encoding="utf-8").replace("30/6/2019", "15/7/2019", 1)
    copy = demo_db.parent / "kh84.txt"
    copy.write_text(text, encoding="utf-8")
    refused = _run(str(copy), "--db", str(demo_db), "--json")
    assert refused.returncode == 1
    result = json.loads(refused.stdout)
    assert result["saved"] is False
    assert "84-KH/BTGTU đã có" in result["problems"][0] and "--replace" in result["problems"][0]
    assert any(line.startswith("Nhiệm vụ thay đổi") for line in result["changes"])
    replaced = _run(str(copy), "--db", str(demo_db), "--replace")
    assert replaced.returncode == 0, replaced.stdout + replaced.stderr
    assert "Đã lưu." in replaced.stdout and "Nhiệm vụ thay đổi" in replaced.stdout
