"""The one period label: codes read as plans write them, anything else returned as it is."""

from __future__ import annotations

import pytest

from domain import periods


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("", ""),
        ("2019", "Năm 2019"),
        ("2019-H1", "6 tháng đầu năm 2019"),
        ("2019-H2", "6 tháng cuối năm 2019"),
        ("2020-Q1", "Quý I/2020"),
        ("2020-Q3", "Quý III/2020"),
        ("2020-Q4", "Quý IV/2020"),
        ("2019-07", "Tháng 7/2019"),
        ("2019-12", "Tháng 12/2019"),
    ],
)
def test_a_period_code_reads_as_plans_write_it_capitalised(code, label):
    assert periods.label(code) == label


@pytest.mark.parametrize("text", ["abc", "đợt 1", "2019-13", "2019-Q5", "2019-H3", "19-07"])
def test_text_that_is_not_a_period_code_is_returned_as_it_is(text):
    assert periods.label(text) == text


@pytest.mark.parametrize("code", ["2019", "2019-H1", "2019-H2", "2020-Q2", "2020-Q3", "2019-07"])
def test_a_label_parses_back_to_its_code(code):
    assert periods.parse(periods.label(code)) == code
