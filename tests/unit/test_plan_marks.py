"""Plan codes read from a report's title rows."""

from __future__ import annotations

from loaders.reports.plan_marks import find_plan_marks

CODES = ["84-KH/BTGTU", "TUHD-32/2019", "4-KH/BTGTU"]


def test_a_plan_number_in_the_title_is_found_with_its_place():
    rows = [[None, None], [None, "THỰC HIỆN KẾ HOẠCH SỐ 84-KH/BTGTU, NGÀY 21/6/2019"]]
    [mark] = find_plan_marks("Báo cáo", rows, CODES)
    assert (mark.code, mark.sheet, mark.row, mark.col) == ("84-KH/BTGTU", "Báo cáo", 1, 1)


def test_spaces_around_dash_and_slash_and_case_do_not_matter():
    [mark] = find_plan_marks("S", [["Kế hoạch số 84 - kh / btgtu"]], CODES)
    assert mark.code == "84-KH/BTGTU"


def test_a_longer_number_is_not_taken_for_a_shorter_one():
    assert find_plan_marks("S", [["Kế hoạch số 184-KH/BTGTU"]], CODES) == []
    marks = find_plan_marks("S", [["Kế hoạch số 84-KH/BTGTU"]], CODES)
    assert [m.code for m in marks] == ["84-KH/BTGTU"]  # not also 4-KH/BTGTU


def test_two_plans_named_are_both_reported():
    rows = [["Kế hoạch 84-KH/BTGTU"], ["và kế hoạch TUHD-32/2019"]]
    assert sorted(m.code for m in find_plan_marks("S", rows, CODES)) == sorted(CODES[:2])


def test_rows_without_a_code_give_nothing():
    assert find_plan_marks("S", [["Đơn vị báo cáo: Sở Ngoại vụ"], [None]], CODES) == []
