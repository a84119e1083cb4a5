"""Cells corrected in the upload preview: read again by the same loaders, the file written
whole, the original bytes kept as sent, each correction stored beside the report's rows and
in the audit trail; a unit account corrects only its own file. On both backends."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest
from actors import ADMIN, STAFF, unit_actor
from ingest_builders import PLAN, TITLES, count, long_report, make_store, xlsx
from streamlit.testing.v1 import AppTest

from domain.access import Actor, Forbidden, Role
from store import audit
from store.database import Store
from store.reports import read_blob, report_rows
from tracker.usecases import accounts, ingest, report_corrections
from ui import session

ROOT = Path(__file__).resolve().parents[2]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def bad_file(unit: str = "Sở Ngoại vụ") -> bytes:
    """NV01 done on an impossible date (cell E6), NV02 fine."""
    return xlsx(
        long_report(
            [
                [1, "NV01", TITLES["NV01"], "Đã hoàn thành", "31/13/2019", "Đã tổ chức", ""],
                [2, "NV02", TITLES["NV02"], "Đang thực hiện", None, "Đăng 12 tin bài", ""],
            ],
            unit=unit,
        )
    )


def test_a_corrected_cell_is_read_again_written_whole_and_recorded(db_target):
    data = bad_file()
    with make_store(db_target) as store:
        preparation = ingest.prepare_files(store, PLAN, [("loi.xlsx", data)])
        [cell] = report_corrections.problem_cells(preparation, 0)
        assert (cell["sheet"], cell["column"], cell["row"]) == ("Báo cáo", "E", 6)
        # a cell outside the table read is a located error, not a silent no-op
        outside = report_corrections.correct_file(
            store,
            STAFF,
            preparation,
            0,
            [report_corrections.Correction("Báo cáo", 99, "E", "3/7/2019")],
        )
        assert not outside.files[0].accepted
        assert any(p.row == 99 and p.column == "E" for p in outside.files[0].errors)
        # a correction that is still wrong is refused again, at the same cell
        still = report_corrections.correct_file(
            store, STAFF, preparation, 0, [report_corrections.Correction("Báo cáo", 6, "E", "x")]
        )
        assert not still.files[0].accepted
        assert any((p.row, p.column) == (6, "E") for p in still.files[0].errors)
        fixed = report_corrections.correct_file(
            store, STAFF, still, 0, [report_corrections.Correction("Báo cáo", 6, "E", "3/7/2019")]
        )
        [prepared] = fixed.files
        assert prepared.accepted and prepared.rows.num_rows == 2
        assert [c.as_dict() for c in prepared.corrections] == [
            {
                "sheet": "Báo cáo",
                "row": 6,
                "column": "E",
                "before": "31/13/2019",
                "after": "3/7/2019",
            }
        ]
        [result] = ingest.commit_prepared(store, STAFF, fixed)
        assert result.accepted and result.rows == 2
        rows = report_rows(store, result.report_id)
        done = rows[rows["task_code"] == "NV01"].iloc[0]
        assert str(done["completed_on"])[:10] == date(2019, 7, 3).isoformat()
        assert done["corrected"] == "E: '31/13/2019' → '3/7/2019'"
        assert rows[rows["task_code"] == "NV02"].iloc[0]["corrected"] == ""
        assert read_blob(store, result.sha256) == data  # the bytes as sent
        assert result.sha256 == hashlib.sha256(data).hexdigest()
        listed = report_corrections.corrections_of_plan(store, PLAN)
        assert list(listed[["row_no", "col", "before_value", "after_value", "corrected_by"]]
                    .itertuples(index=False, name=None)) == [
            (6, "E", "31/13/2019", "3/7/2019", STAFF.login)
        ]  # fmt: skip
        [row] = audit.trail(store, actions=["upload"])["after_json"]
        [entry] = json.loads(row)
        assert entry["corrections"] == [
            {
                "sheet": "Báo cáo",
                "row": 6,
                "column": "E",
                "before": "31/13/2019",
                "after": "3/7/2019",
            }
        ]


def test_a_unit_account_corrects_only_its_own_file(db_target):
    with make_store(db_target) as store:
        preparation = ingest.prepare_files(store, PLAN, [("loi.xlsx", bad_file("Sở Tư pháp"))])
        [own] = preparation.files[0].unit_ids
        fix = [report_corrections.Correction("Báo cáo", 6, "E", "3/7/2019")]
        with pytest.raises(Forbidden):
            report_corrections.correct_file(store, unit_actor(own + 1000), preparation, 0, fix)
        fixed = report_corrections.correct_file(store, unit_actor(own), preparation, 0, fix)
        assert fixed.files[0].accepted
        # nor can it correct the file into another unit's report (the unit line, A2)
        elsewhere = [
            *fix,
            report_corrections.Correction("Báo cáo", 2, "A", "Đơn vị báo cáo: Sở Ngoại vụ"),
        ]
        with pytest.raises(Forbidden):
            report_corrections.correct_file(store, unit_actor(own), preparation, 0, elsewhere)
        moved = report_corrections.correct_file(store, ADMIN, preparation, 0, elsewhere)
        assert moved.files[0].accepted and moved.files[0].unit_ids != [own]  # staff may
        assert count(store, "report") == 0  # correcting writes nothing


@pytest.fixture
def page_db(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "t.duckdb"
    with make_store(path) as store:
        accounts.add_user(store, ADMIN, "chi.lan", Role.CAN_BO, "mat-khau-chi-lan")
    monkeypatch.setenv("TRACKER_DB", str(path))
    return path


def test_the_upload_page_corrects_a_bad_cell_in_the_grid(page_db):
    data = bad_file()
    at = AppTest.from_file(str(ROOT / "pages" / "upload.py"), default_timeout=60)
    at.session_state[session.KEY] = Actor("chi.lan", Role.CAN_BO)
    at.query_params["plan"] = PLAN
    at.run()
    [uploader] = at.get("file_uploader")
    uploader.set_value([("loi.xlsx", data, XLSX)]).run()
    assert not at.exception
    [grid] = at.data_editor
    assert list(grid.value["cell"]) == ["Báo cáo!E6"]
    assert list(grid.value["fixed"]) == ["31/13/2019"]
    assert grid.editing_mode == "fixed"
    at.session_state[grid.key] = {
        "edited_rows": {0: {"fixed": "3/7/2019"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    [recheck] = [b for b in at.button if b.key and b.key.startswith("upload.recheck.")]
    recheck.click().run()
    assert not at.exception
    assert not at.data_editor  # nothing left to correct
    assert any("«31/13/2019» → «3/7/2019»" in c.value for c in at.caption)
    at.button(key="upload.confirm").click().run()
    assert not at.exception
    with Store(page_db) as store:
        [report_id] = ingest.list_reports(store, PLAN)["report_id"]
        sha = hashlib.sha256(data).hexdigest()
        rows = report_rows(store, report_id)
        assert str(rows[rows["task_code"] == "NV01"].iloc[0]["completed_on"])[:10] == "2019-07-03"
        assert read_blob(store, sha) == data
        [after] = audit.trail(store, logins=["chi.lan"], actions=["upload"])["after_json"]
        assert json.loads(after)[0]["corrections"][0]["after"] == "3/7/2019"
    fixed = next(d.value for d in at.dataframe if "Sửa thành" in d.value and "Người sửa" in d.value)
    assert list(fixed["Ô"]) == ["Báo cáo!E6"] and list(fixed["Người sửa"]) == ["chi.lan"]
