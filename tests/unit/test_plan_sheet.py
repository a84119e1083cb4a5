"""The plan register template, its import (all or nothing, located errors), and the
register's store functions, on real DuckDB files."""

from __future__ import annotations

import io
from datetime import date

import pytest
from actors import STAFF
from openpyxl import load_workbook

from domain.errors import NotFound
from domain.model import TASK_LABELS, PlanFields
from domain.problems import labelled
from loaders.plans.document import read_plan_document
from loaders.plans.rows import (
    check_rows,
    fields_from_draft,
    rows_from_draft,
    spec_from_rows,
)
from loaders.plans.sheet import read_plan_sheet
from store.database import Store
from tracker.usecases import plans, units

PROVINCE = "Lạng Sơn"


def _template(store: Store, code: str | None = None) -> bytes:
    return plans.template_for(store, PROVINCE, code)


def _fill(data: bytes, plan: dict, tasks: list[list], units: list[list] = ()) -> bytes:
    book = load_workbook(io.BytesIO(data))
    sheet = book["Kế hoạch"]
    for row in sheet.iter_rows(min_row=1, max_col=2):
        if row[0].value in plan:
            row[1].value = plan[row[0].value]
    for r, values in enumerate(tasks, start=2):
        for c, value in enumerate(values, start=1):
            book["Nhiệm vụ"].cell(row=r, column=c, value=value)
    start = book["Đơn vị"].max_row + 1
    for r, values in enumerate(units, start=start):
        for c, value in enumerate(values, start=1):
            book["Đơn vị"].cell(row=r, column=c, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


PLAN = {
    "Số hiệu kế hoạch": "15-KH/BTGTU",
    "Tên kế hoạch": "Tuyên truyền kỷ niệm 75 năm Cách mạng tháng Tám",
    "Ngày ban hành": "05/7/2020",
    "Cơ quan ban hành": "Ban Tuyên giáo Tỉnh ủy",
    "Tỉnh": PROVINCE,
    "Chu kỳ báo cáo": "Hằng quý",
}


def test_the_template_prefills_a_plan_and_reads_back_the_same(demo_store):
    data = _template(demo_store, "84-KH/BTGTU")
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames[:3] == ["Kế hoạch", "Nhiệm vụ", "Đơn vị"]
    assert book["DanhMuc"].sheet_state == "hidden"
    assert book["Nhiệm vụ"].freeze_panes == "A2"
    back = read_plan_sheet(data, "mau.xlsx")
    assert back.problems == []
    assert back.fields.code == "84-KH/BTGTU"
    assert back.fields.issued_on == date(2019, 6, 21)
    assert [r["code"] for r in back.rows] == ["NV01", "NV02", "NV03", "NV04", "NV05", "NV06"]
    assert back.rows[1]["chu_tri"] == "Sở Thông tin và Truyền thông"
    assert len(back.units) == 28


def test_a_filled_template_imports_new_units_and_the_plan(demo_store):
    data = _fill(
        _template(demo_store),
        PLAN,
        [
            ["NV01", "I", "", "Tọa đàm khoa học", "Quý III/2020", "Sở TT&TT", "Báo Lạng Sơn"],
            [
                "NV02",
                "II",
                "",
                "Triển lãm ảnh",
                "từ ngày 10/8/2020 đến ngày 05/9/2020",
                "Bảo tàng tỉnh",
                "Nhóm: Cơ quan báo chí",
            ],
        ],
        units=[["Bảo tàng tỉnh Lạng Sơn", "Bảo tàng tỉnh", "", "Sở, ban, ngành", "Cấp tỉnh", ""]],
    )
    outcome = plans.import_workbook(demo_store, STAFF, data, "kh15.xlsx")
    saved, problems = outcome.saved, outcome.problems
    assert [p for p in problems if p.is_error] == []
    assert saved is not None and saved.tasks == 2 and saved.assignments == 5
    tasks = demo_store.frame("plan_tasks", plan="15-KH/BTGTU")
    assert tasks["due_on"].dt.date.tolist() == [date(2020, 9, 30), date(2020, 9, 5)]
    fields = plans.plan_fields(demo_store, "15-KH/BTGTU")
    assert fields.report_cycle == "quarterly"


def test_an_unknown_unit_rejects_the_whole_file_with_its_cell(demo_store):
    before = len(plans.plan_fields(demo_store, "15-KH/BTGTU") or [])
    data = _fill(
        _template(demo_store),
        PLAN,
        [
            ["NV01", "I", "", "Tọa đàm", "Quý III/2020", "Sở TT&TT", ""],
            ["NV02", "II", "", "Triển lãm", "Quý IV/2020", "Sở Du hành vũ trụ", ""],
        ],
        units=[["Bảo tàng tỉnh Lạng Sơn", "", "", "Sở, ban, ngành", "Cấp tỉnh", ""]],
    )
    outcome = plans.import_workbook(demo_store, STAFF, data, "kh15.xlsx")
    saved, problems = outcome.saved, outcome.problems
    assert saved is None
    errors = [p for p in problems if p.is_error]
    assert len(errors) == 1
    assert (errors[0].sheet, errors[0].row, errors[0].column) == ("Nhiệm vụ", 3, "F")
    assert "Sở Du hành vũ trụ" in str(errors[0])
    # Nothing was written: neither the plan nor the new unit.
    assert plans.plan_fields(demo_store, "15-KH/BTGTU") is None and before == 0
    assert "Bảo tàng tỉnh Lạng Sơn" not in units.units_frame(demo_store, PROVINCE)["name"].tolist()


def test_bad_dates_duplicate_codes_and_missing_fields_are_located(demo_store):
    plan = dict(PLAN, **{"Ngày ban hành": "31/02/2020", "Tên kế hoạch": None})
    data = _fill(
        _template(demo_store),
        plan,
        [
            ["NV01", "I", "", "Tọa đàm", "Quý III/2020", "Sở TT&TT", ""],
            ["NV01", "II", "", "Triển lãm", "Quý 7/2020", "Sở TT&TT", ""],
        ],
    )
    outcome = plans.import_workbook(demo_store, STAFF, data, "kh.xlsx")
    saved, problems = outcome.saved, outcome.problems
    assert saved is None
    text = "\n".join(str(p) for p in problems)
    assert "trang 'Kế hoạch', ô B3" in text  # 31/02 is no date
    assert "Thiếu «Tên kế hoạch»" in text
    assert "ô A3" in text and "trùng" in text
    assert any(p.column == "E" and p.severity == "warning" for p in problems)


def test_a_file_that_is_not_a_workbook_is_refused(demo_store):
    outcome = plans.import_workbook(demo_store, STAFF, b"hello", "kh.xlsx")
    saved, problems = outcome.saved, outcome.problems
    assert saved is None and ".xlsx" in problems[0].message


def test_a_document_draft_saves_through_the_same_checks(demo_store):
    path = "data/samples/ke-hoach-84-KH-BTGTU-lang-son.txt"
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    draft = read_plan_document((root / path).read_bytes(), "ls.txt")
    fields = fields_from_draft(draft, PROVINCE)
    fields.code = "84b-KH/BTGTU"
    registry = units.load_registry(demo_store, PROVINCE)
    outcome = plans.save_rows(demo_store, STAFF, fields, rows_from_draft(draft), registry)
    saved, problems = outcome.saved, outcome.problems
    assert [p for p in problems if p.is_error] == []
    assert saved.tasks == 6 and saved.assignments == 6 * 27  # every unit but the issuer


def test_archive_and_delete(demo_store, store):
    plans.set_archived(demo_store, STAFF, "84-KH/BTGTU")
    assert demo_store.frame("plans_list").set_index("code").loc["84-KH/BTGTU", "archived"]
    refused = plans.delete_plan(demo_store, STAFF, "84-KH/BTGTU")
    assert not refused.ok and "báo cáo" in refused.errors[0].message
    data = _fill(
        _template(demo_store), PLAN, [["NV01", "I", "", "Tọa đàm", "Quý III/2020", "Sở TT&TT", ""]]
    )
    saved = plans.import_workbook(demo_store, STAFF, data, "kh.xlsx").saved
    assert saved and plans.delete_plan(demo_store, STAFF, "15-KH/BTGTU").ok
    assert plans.plan_fields(demo_store, "15-KH/BTGTU") is None
    assert demo_store.rows("plan_tasks", plan="15-KH/BTGTU") == []


@pytest.mark.parametrize("alias", ["Sở Ngoại vụ", "SNV"])
def test_a_spelling_of_another_unit_is_refused(demo_store, alias):
    frame = units.units_frame(demo_store, PROVINCE)
    report = frame[frame["name"] == "Báo Lạng Sơn"].iloc[0]
    row = units.UnitRow(
        report["name"],
        report["short_name"],
        (alias,),
        report["group"],
        report["level"],
        "",
        int(report["unit_id"]),
        row=5,
    )
    problems = units.save_unit_rows(demo_store, STAFF, PROVINCE, [row]).problems
    assert problems and (problems[0].column, problems[0].row) == ("aliases", 5)
    assert "đã là của «Sở Ngoại vụ»" in problems[0].message


def test_renaming_a_unit_keeps_its_assignments_and_units_in_use_are_not_deleted(demo_store):
    frame = units.units_frame(demo_store, PROVINCE)
    unit = frame[frame["name"] == "Sở Ngoại vụ"].iloc[0]
    row = units.UnitRow(
        "Sở Ngoại vụ tỉnh Lạng Sơn",
        unit["short_name"],
        ("Sở Ngoại vụ", "SNV"),
        unit["group"],
        unit["level"],
        "",
        int(unit["unit_id"]),
    )
    assert units.save_unit_rows(demo_store, STAFF, PROVINCE, [row]).problems == []
    assigned = demo_store.frame("plan_assignments", plan="84-KH/BTGTU")
    assert "Sở Ngoại vụ tỉnh Lạng Sơn" in assigned["unit"].tolist()
    refused = units.save_unit_rows(demo_store, STAFF, PROVINCE, [], delete=(int(unit["unit_id"]),))
    assert not refused.ok and "đang được giao" in refused.errors[0].message


def test_an_unknown_plan_is_not_found_not_a_problem(demo_store):
    with pytest.raises(NotFound):
        plans.delete_plan(demo_store, STAFF, "0-KH/KHONGCO")
    with pytest.raises(NotFound):
        plans.set_archived(demo_store, STAFF, "0-KH/KHONGCO")


def test_editor_problems_are_located_by_row_and_column_id(demo_store):
    registry = units.load_registry(demo_store, PROVINCE)
    rows = [
        {
            "code": "NV01",
            "title": "Tọa đàm",
            "deadline_text": "Quý III/2020",
            "chu_tri": "Sở TT&TT",
        },
        {
            "code": "NV02",
            "title": "Triển lãm",
            "deadline_text": "Quý IV/2020",
            "chu_tri": "Sở Du hành vũ trụ",
        },
    ]
    fields = PlanFields("16-KH/BTGTU", "Thử", date(2020, 6, 1), "", PROVINCE)
    outcome = plans.save_rows(demo_store, STAFF, fields, rows, registry)
    assert outcome.saved is None
    [error] = outcome.errors
    assert (error.sheet, error.row, error.column) == (None, 2, "chu_tri")
    [shown] = labelled([error], TASK_LABELS)
    assert shown.where() == "dòng 2, cột Đơn vị chủ trì"
    assert plans.plan_fields(demo_store, "16-KH/BTGTU") is None


def test_the_rows_matched_unit_ids_reach_the_store_as_they_are(demo_store):
    registry = units.load_registry(demo_store, PROVINCE)
    rows = [
        {
            "code": "NV01",
            "title": "Tọa đàm",
            "deadline_text": "Quý III/2020",
            "chu_tri": "Nhóm: Cơ quan báo chí",
        }
    ]
    checked, problems = check_rows(rows, registry, date(2020, 6, 1))
    assert problems == []
    spec = spec_from_rows(PlanFields("16-KH/BTGTU", "Thử", date(2020, 6, 1), "", PROVINCE), checked)
    ids = {u.unit_id for u in registry.units if u.group_code == "bao_chi"}
    assert spec.tasks[0].units == {} and set(spec.tasks[0].unit_ids) == ids


def test_a_sheet_with_its_columns_moved_is_blamed_in_its_own_cells(demo_store):
    book = load_workbook(
        io.BytesIO(
            _fill(
                _template(demo_store),
                PLAN,
                [["NV01", "I", "", "Tọa đàm", "Quý III/2020", "Sở Du hành vũ trụ", ""]],
            )
        )
    )
    tasks = book["Nhiệm vụ"]
    tasks.insert_cols(1)  # every column one to the right: "Đơn vị chủ trì" is now G
    buffer = io.BytesIO()
    book.save(buffer)
    outcome = plans.import_workbook(demo_store, STAFF, buffer.getvalue(), "kh.xlsx")
    [error] = outcome.errors
    assert (error.sheet, error.row, error.column) == ("Nhiệm vụ", 2, "G")
    assert "ô G2" in str(error)


def test_a_unit_sheet_problem_points_at_the_sheets_own_cell(demo_store):
    data = _fill(
        _template(demo_store),
        PLAN,
        [["NV01", "I", "", "Tọa đàm", "Quý III/2020", "Sở TT&TT", ""]],
        units=[["Bảo tàng tỉnh Lạng Sơn", "", "", "Nhóm không có", "Cấp tỉnh", ""]],
    )
    outcome = plans.import_workbook(demo_store, STAFF, data, "kh.xlsx")
    [error] = [p for p in outcome.errors if "Nhóm" in p.message]
    assert (error.sheet, error.column) == ("Đơn vị", "D") and error.row > 2
    assert outcome.saved is None


def test_ingesting_for_an_unknown_plan_is_not_found(demo_store):
    from tracker.usecases.ingest import ingest_files

    with pytest.raises(NotFound) as caught:
        ingest_files(demo_store, STAFF, "0-KH/KHONGCO", [])
    assert (caught.value.kind, caught.value.key) == ("plan", "0-KH/KHONGCO")
