"""Bad input gets every problem at once, located (file, sheet, row, column, value) and in
Vietnamese; a file with any error writes nothing; files in a batch are independent."""

from __future__ import annotations

from datetime import date

import pytest
from actors import STAFF
from ingest_builders import PLAN, TITLES, count, good_rows, long_report, make_store, xlsx

from tracker.usecases.ingest import ingest_files


@pytest.fixture
def store(db_target):
    with make_store(db_target) as s:
        yield s


def test_every_problem_of_a_file_is_reported_at_once_with_its_location(store):
    body = [
        [1, "NV99", "", "HT", None, "", ""],
        [2, "NV01", "", "Tạm dừng", None, "", ""],
        [3, "NV03", "", "HT", "31/02/2019", "", ""],
        [4, "", "", "HT", None, "", ""],
        [5, "NV03", "", "HT", "1/7/2019", "", ""],
        [6, "NV04", "", "", None, "Có kết quả nhưng không ghi tình trạng", ""],
    ]
    [result] = ingest_files(store, STAFF, PLAN, [("loi.xlsx", xlsx(long_report(body)))])
    assert not result.accepted
    located = {(p.sheet, p.row, p.column, p.value) for p in result.errors}
    assert located == {
        ("Báo cáo", 6, "B", "NV99"),  # unknown task
        ("Báo cáo", 7, "D", "Tạm dừng"),  # unknown status word
        ("Báo cáo", 8, "E", "31/02/2019"),  # impossible date
        ("Báo cáo", 9, "C", None),  # no task at all
        ("Báo cáo", 10, "B", "NV03"),  # NV03 twice (first at row 8)
        ("Báo cáo", 11, "D", None),  # result without status
    }
    assert all(p.file == "loi.xlsx" for p in result.errors)
    assert any("dòng 8" in p.message for p in result.errors if p.row == 10)
    assert count(store, "report_row") == 0


def test_an_unknown_unit_is_an_error_never_a_new_unit(store):
    units_before = count(store, "unit")
    [result] = ingest_files(
        store, STAFF, PLAN, [("x.xlsx", xlsx(long_report(good_rows(), unit="Sở Mới Lập")))]
    )
    assert not result.accepted
    [problem] = result.errors  # reported once, at the title cell, not on every row
    assert (problem.row, problem.column, problem.value) == (2, "A", "Sở Mới Lập")
    assert count(store, "unit") == units_before


def test_an_ambiguous_title_is_an_error_not_a_guess(store):
    body = [[1, "", "Công tác", "HT", None, "", ""]]
    [result] = ingest_files(store, STAFF, PLAN, [("a.xlsx", xlsx(long_report(body)))])
    assert not result.accepted
    assert result.errors[0].column == "C"


def test_a_title_unit_that_contradicts_the_chosen_unit_is_an_error(store):
    [result] = ingest_files(
        store, STAFF, PLAN, [("a.xlsx", xlsx(long_report(good_rows())))], unit="Sở Tư pháp"
    )
    assert not result.accepted
    assert "đã chọn" in result.errors[0].message


def test_a_file_without_a_report_table_says_what_is_expected(store):
    [result] = ingest_files(store, STAFF, PLAN, [("thu.xlsx", xlsx([["Kính gửi Ban Tuyên giáo"]]))])
    assert not result.accepted
    assert "Không tìm thấy bảng báo cáo" in result.errors[0].message


def test_good_files_load_and_bad_ones_are_listed_in_one_batch(store):
    bad = xlsx(long_report([[1, "NV77", "", "HT", None, "", ""]]))
    good = xlsx(long_report(good_rows()))
    other = xlsx(long_report(good_rows(), unit="Sở TT&TT"))
    results = ingest_files(
        store, STAFF, PLAN, [("bad.xlsx", bad), ("good.xlsx", good), ("other.xlsx", other)]
    )
    assert [(r.file, r.accepted) for r in results] == [
        ("bad.xlsx", False),
        ("good.xlsx", True),
        ("other.xlsx", True),
    ]
    assert count(store, "report") == 2 and count(store, "report_row") == 6


def test_messages_are_vietnamese_and_say_what_to_do(store):
    body = [[1, "NV01", TITLES["NV01"], "HT", "32/13/2019", "", ""]]
    [result] = ingest_files(store, STAFF, PLAN, [("a.xlsx", xlsx(long_report(body)))])
    [problem] = result.errors
    assert "Hãy ghi theo dạng ngày/tháng/năm" in problem.message
    assert str(problem).startswith("a.xlsx: trang 'Báo cáo', ô E6 [32/13/2019]")


def test_a_completion_date_after_the_report_date_refuses_the_file_at_its_cell(store):
    body = [[1, "NV01", "", "HT", date(2019, 8, 30), "", ""]]
    [result] = ingest_files(store, STAFF, PLAN, [("a.xlsx", xlsx(long_report(body)))])
    assert not result.accepted
    [problem] = result.errors
    assert "sau ngày báo cáo 25/07/2019" in problem.message
    assert (problem.sheet, problem.row, problem.column) == ("Báo cáo", 6, "E")
    assert count(store, "report") == 0


def test_a_completion_a_year_before_a_plan_without_directive_is_refused(store):
    # the small plan names no directive: work can start at most a year before 21/06/2019
    body = [[1, "NV01", "", "HT", date(2018, 6, 1), "", ""]]
    [result] = ingest_files(store, STAFF, PLAN, [("a.xlsx", xlsx(long_report(body)))])
    [problem] = result.errors
    assert "một năm trước ngày ban hành kế hoạch" in problem.message
    assert (problem.row, problem.column) == (6, "E")


def test_a_completion_before_the_plan_but_after_the_limit_is_only_a_warning(store):
    body = [[1, "NV01", "", "HT", date(2019, 3, 1), "", ""]]
    [result] = ingest_files(store, STAFF, PLAN, [("a.xlsx", xlsx(long_report(body)))])
    assert result.accepted
    assert "trước ngày ban hành kế hoạch" in result.warnings[0].message


@pytest.mark.parametrize(
    "line", ["Lạng Sơn, ngày 25 tháng 7 năm 2099", "Lạng Sơn, ngày 25 tháng 7 năm 2018"]
)
def test_a_report_dated_in_the_future_or_before_the_plan_is_refused_at_its_date(store, line):
    body = [[1, "NV01", "", "Đang thực hiện", None, "", ""]]
    [result] = ingest_files(store, STAFF, PLAN, [("a.xlsx", xlsx(long_report(body, on=line)))])
    [problem] = result.errors
    assert "Ngày báo cáo" in problem.message and (problem.row, problem.column) == (3, "A")
    assert count(store, "report") == 0
