"""The report template: built from the plan, with dropdown and date validation, and a
filled template ingests with zero errors (the round trip)."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest
from actors import STAFF
from ingest_builders import PLAN, make_store

from loaders.reports.vocabulary import TEMPLATE_CHOICES
from loaders.templates.report import HEADER_ROW, build_template
from tracker.usecases.ingest import ingest_files, load_catalog


@pytest.fixture
def store(tmp_path):
    with make_store(tmp_path / "t.duckdb") as s:
        yield s


def template_for(store, unit: str | None) -> openpyxl.Workbook:
    catalog = load_catalog(store, PLAN)
    unit_id = next(iter(catalog.unit_ids(unit))) if unit else None
    return openpyxl.load_workbook(io.BytesIO(build_template(catalog, unit_id)))


def fill(book: openpyxl.Workbook, status_col: int, date_col: int) -> bytes:
    sheet = book["Báo cáo"]
    sheet["C4"] = date(2019, 12, 20)
    for row in range(HEADER_ROW + 1, sheet.max_row + 1):
        word = TEMPLATE_CHOICES[row % 3]
        sheet.cell(row, status_col, word)
        if word == "Đã hoàn thành":
            sheet.cell(row, date_col, date(2019, 12, 1))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_template_lists_the_units_obligations_with_codes_and_deadlines(store):
    book = template_for(store, "Sở Tư pháp")
    sheet = book["Báo cáo"]
    assert sheet["C3"].value == "Sở Tư pháp"
    header = [c.value for c in sheet[HEADER_ROW]]
    assert header[:3] == ["STT", "Mã nhiệm vụ", "Nội dung nhiệm vụ"]
    codes = [sheet.cell(r, 2).value for r in range(HEADER_ROW + 1, sheet.max_row + 1)]
    assert "NV03" not in codes  # not assigned to this unit
    assert codes.count("NV02") == 4  # one row per half-year period
    assert sheet.cell(HEADER_ROW + 1, 5).value == "30/06/2019"
    assert sheet.freeze_panes == f"A{HEADER_ROW + 1}"


def test_the_template_has_a_status_dropdown_a_date_validation_and_instructions(store):
    book = template_for(store, "Sở Ngoại vụ")
    rules = book["Báo cáo"].data_validations.dataValidation
    kinds = {r.type: r for r in rules}
    assert kinds["list"].formula1 == f"'DanhMuc'!$A$1:$A${len(TEMPLATE_CHOICES)}"
    assert str(kinds["list"].sqref).startswith("F") and "G" in str(kinds["date"].sqref)
    assert book["DanhMuc"].sheet_state == "hidden"
    assert [c.value for c in book["DanhMuc"]["A"]] == list(TEMPLATE_CHOICES)
    assert "Hướng dẫn" in book.sheetnames


@pytest.mark.parametrize("unit", ["Sở Ngoại vụ", None])
def test_a_filled_template_ingests_with_zero_errors(store, unit):
    book = template_for(store, unit)
    offset = 0 if unit else 1  # the all-units template has a unit column
    data = fill(book, status_col=6 + offset, date_col=7 + offset)
    [result] = ingest_files(store, STAFF, PLAN, [("mau.xlsx", data)])
    assert result.accepted and result.problems == [], [str(p) for p in result.problems]
    assert result.reported_on == date(2019, 12, 20)
    sheet = book["Báo cáo"]
    assert result.rows == sheet.max_row - HEADER_ROW
    assert result.unit == unit


def test_an_untouched_template_is_refused_as_empty(store):
    out = io.BytesIO()
    template_for(store, "Sở Ngoại vụ").save(out)
    [result] = ingest_files(store, STAFF, PLAN, [("trong.xlsx", out.getvalue())])
    assert not result.accepted and "không có dòng báo cáo" in result.errors[0].message


def test_titles_that_look_like_formulas_stay_text(store, tmp_path):
    catalog = load_catalog(store, PLAN)
    catalog.tasks[0].title = '=HYPERLINK("http://x")'
    book = openpyxl.load_workbook(io.BytesIO(build_template(catalog, None)))
    cell = book["Báo cáo"].cell(HEADER_ROW + 1, 4)
    assert cell.value.startswith("=") and cell.data_type == "s"


def test_each_units_template_downloads_under_its_own_ascii_name():
    from tracker.usecases.templates import template_file_name

    assert template_file_name("84-KH/BTGTU") == "mau_bao_cao_84-KH-BTGTU.xlsx"
    one = template_file_name("84-KH/BTGTU", "Sở Ngoại vụ")
    other = template_file_name("84-KH/BTGTU", "Sở Văn hóa, Thể thao và Du lịch")
    assert one == "mau_bao_cao_84-KH-BTGTU_so-ngoai-vu.xlsx"
    assert other == "mau_bao_cao_84-KH-BTGTU_so-van-hoa-the-thao-va-du-lich.xlsx"
    assert one.isascii() and other.isascii()
