"""The report's date: the upload form (or --date) overrides the file's own date, the upload
day is the last resort; the result says which was used."""

from __future__ import annotations

from datetime import date

import pytest
from actors import STAFF
from ingest_builders import PLAN, make_store, rows_of, xlsx

from loaders.reports.pipeline import prepare
from tracker.usecases.ingest import ingest_files, load_catalog

HEADER = ["STT", "Mã nhiệm vụ", "Nội dung nhiệm vụ", "Tình trạng", "Ngày hoàn thành"]


@pytest.fixture
def store(tmp_path):
    with make_store(tmp_path / "t.duckdb") as s:
        yield s


def _report(date_line: str | None, status: str = "Đang thực hiện") -> bytes:
    rows = [["BÁO CÁO"], ["Đơn vị báo cáo: Sở Ngoại vụ"]]
    if date_line:
        rows.append([date_line])
    return xlsx(rows + [[], HEADER, [1, "NV02", "", status, None]])


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Lạng Sơn, ngày 20 tháng 12 năm 2019", date(2019, 12, 20)),
        ("Ngày báo cáo: 05/11/2019", date(2019, 11, 5)),
    ],
)
def test_the_date_written_in_the_file_is_used_and_said(store, line, day):
    [result] = ingest_files(store, STAFF, PLAN, [("r.xlsx", _report(line))])
    assert result.accepted, [str(p) for p in result.errors]
    assert (result.reported_on, result.reported_on_source) == (day, "file")
    assert result.to_json()["reported_on_source"] == "file"


def test_the_date_chosen_at_upload_overrides_the_files_with_a_warning(store):
    chosen = date(2019, 12, 28)
    [result] = ingest_files(
        store,
        STAFF,
        PLAN,
        [("r.xlsx", _report("Lạng Sơn, ngày 20 tháng 12 năm 2019"))],
        reported_on=chosen,
    )
    assert (result.reported_on, result.reported_on_source) == (chosen, "form")
    [told] = [w for w in result.warnings if "20/12/2019" in w.message]
    assert "28/12/2019" in told.message and told.row == 3


def test_the_upload_day_is_the_last_resort_with_a_warning(store):
    catalog = load_catalog(store, PLAN)
    upload_day = date(2019, 10, 2)
    [done] = prepare([("r.xlsx", _report(None))], catalog, today=upload_day)
    assert (done.reported_on, done.reported_on_source) == (upload_day, "upload_day")
    assert any("02/10/2019" in w.message for w in done.warnings)


def test_a_recurring_row_without_completion_date_falls_in_the_period_of_the_report(store):
    [result] = ingest_files(
        store, STAFF, PLAN, [("r.xlsx", _report("Lạng Sơn, ngày 20 tháng 3 năm 2020"))]
    )
    assert result.accepted, [str(p) for p in result.errors]
    assert [r[2] for r in rows_of(store, result.report_id)] == ["2020-H1"]


def test_after_the_last_period_the_row_falls_in_the_last_one_with_a_warning(store):
    [result] = ingest_files(
        store, STAFF, PLAN, [("r.xlsx", _report("Lạng Sơn, ngày 15 tháng 2 năm 2021"))]
    )
    assert result.accepted, [str(p) for p in result.errors]
    periods = [r[2] for r in rows_of(store, result.report_id)]
    catalog = load_catalog(store, PLAN)
    last = max(o.period for o in catalog.obligations if o.period)
    assert periods == [last]
    assert any("sau kỳ cuối" in w.message for w in result.warnings)
