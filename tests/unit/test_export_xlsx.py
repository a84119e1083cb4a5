"""The summary workbook, opened with openpyxl as a user's Excel would read it."""

from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
import pandas as pd
import pytest

from domain import status
from domain.labels import labelled
from domain.scope import Scope
from tracker.exports import report, workbook
from tracker.views import summary, tables

AS_OF = date(2019, 7, 26)
PLAN = "84-KH/BTGTU"
SHEETS = ["Tổng hợp theo đơn vị", "Tổng hợp theo nhiệm vụ", "Chi tiết", "Quá hạn và chưa báo cáo"]


@pytest.fixture
def export(demo_store):
    return report.collect(demo_store, Scope(AS_OF, PLAN))


@pytest.fixture
def wb(export, tmp_path):
    path = tmp_path / "bao-cao.xlsx"
    path.write_bytes(workbook.summary_workbook(export))
    return openpyxl.load_workbook(path)


def _table(ws) -> list[dict]:
    """The numbered rows of a sheet (STT 1, 2, …) under their headers, STT left out: the
    «Tổng cộng» row and the note after it are not rows of the table."""
    header = [c.value for c in ws[workbook.HEADER_ROW]]
    assert header[0] == "STT"
    rows = []
    for row in ws.iter_rows(min_row=workbook.HEADER_ROW + 1, values_only=True):
        if row[0] != len(rows) + 1:
            break
        rows.append(dict(zip(header[1:], row[1:], strict=True)))
    return rows


def test_the_workbook_has_the_four_sheets_in_order(wb):
    assert wb.sheetnames == SHEETS


def test_every_sheet_starts_with_the_header_block(wb, export):
    for ws in wb:
        assert ws["A1"].value.startswith(f"Kế hoạch số {PLAN}, ngày 21/06/2019: Tuyên truyền")
        assert ws["A1"].font.bold
        assert ws["A2"].value == "Số liệu tính đến ngày: 26/07/2019"
        made = export.header.generated_at.strftime("%H:%M ngày %d/%m/%Y")
        assert ws["A3"].value == f"Lập lúc: {made}"
        assert ws["A4"].value == "Bộ lọc: không (tất cả đơn vị)"


def test_headers_are_vietnamese_frozen_and_filtered(wb, export):
    for (_name, _slug, frame), ws in zip(export.sheets(), wb, strict=True):
        header = [c.value for c in ws[workbook.HEADER_ROW]]
        assert header == ["STT", *labelled(frame).columns]
        assert ws.freeze_panes == "A7"
        last = openpyxl.utils.get_column_letter(len(header))
        assert ws.auto_filter.ref == f"A6:{last}{6 + len(frame)}"
        totals = "total" in frame.columns  # Tổng cộng, a blank row, the note
        assert ws.max_row == 6 + len(frame) + (3 if totals else 0)
        assert [ws.cell(7 + i, 1).value for i in range(len(frame))] == list(
            range(1, len(frame) + 1)
        )
        assert ws.print_title_rows == "$6:$6"


def test_columns_have_sensible_widths(wb):
    ws = wb["Chi tiết"]
    widths = {c.value: ws.column_dimensions[c.column_letter].width for c in ws[6]}
    assert widths.pop("STT") == 6
    assert widths["Hạn"] == 12
    assert 30 <= widths["Nhiệm vụ"] <= 48
    assert widths["Mục"] < widths["Nhiệm vụ"]
    assert all(8 <= w <= 48 for w in widths.values())
    assert ws["F7"].alignment.wrap_text  # Nhiệm vụ wraps


def test_unit_figures_equal_the_tables_the_pages_show(wb, demo_store):
    rows = _table(wb["Tổng hợp theo đơn vị"])
    page = labelled(tables.by_unit(demo_store, Scope(AS_OF, PLAN)))
    assert [r["Đơn vị"] for r in rows] == page["Đơn vị"].tolist()
    for row, expected in zip(rows, page.to_dict("records"), strict=True):
        for s in status.STATUSES:
            assert row[s.label] == expected[s.label]
        assert row["Tổng số"] == expected["Tổng số"]
        assert row["% đúng hạn"] == pytest.approx(expected["% đúng hạn"] / 100)
        assert row["% hoàn thành"] == pytest.approx(expected["% hoàn thành"] / 100)
    k = summary.kpis(demo_store, Scope(AS_OF, PLAN))
    assert sum(r["Tổng số"] for r in rows) == k.obligations
    assert sum(r[status.label("overdue")] for r in rows) == k.overdue


def test_percentages_are_numbers_with_a_percent_format(wb):
    ws = wb["Tổng hợp theo đơn vị"]
    cell = ws.cell(7, 12)
    assert ws.cell(6, 12).value == "% đúng hạn"
    assert isinstance(cell.value, float) and 0 <= cell.value <= 1
    assert cell.number_format == "0.0%"
    assert ws.cell(7, 4).number_format == "#,##0" and isinstance(ws.cell(7, 4).value, int)


def test_dates_are_real_dates_shown_day_month_year(wb, demo_store):
    ws = wb["Chi tiết"]
    header = [c.value for c in ws[6]]
    due = ws.cell(7, header.index("Hạn") + 1)
    assert isinstance(due.value, datetime)
    assert due.number_format == "dd/mm/yyyy"
    first = labelled(tables.detail(demo_store, Scope(AS_OF, PLAN))).iloc[0]
    assert due.value.date() == first["Hạn"].date()
    done = [r for r in _table(ws) if r["Tình trạng"] == status.label("done_on_time")]
    assert all(isinstance(r["Ngày hoàn thành"], datetime) for r in done)
    not_done = [r for r in _table(ws) if r["Tình trạng"] == status.label("not_reported")]
    assert all(r["Ngày hoàn thành"] is None for r in not_done)


def test_status_cells_are_filled_in_the_app_colours(wb):
    ws = wb["Chi tiết"]
    column = [c.value for c in ws[6]].index("Tình trạng") + 1
    seen = set()
    for r in range(7, ws.max_row + 1):
        cell = ws.cell(r, column)
        code = next(s.code for s in status.STATUSES if s.label == cell.value)
        assert cell.fill.fgColor.rgb == "00" + status.colour(code).lstrip("#").upper()
        seen.add(code)
    assert {"done_on_time", "overdue", "not_reported"} <= seen
    head = wb["Tổng hợp theo đơn vị"]
    fills = {c.value: c.fill.fgColor.rgb for c in head[6]}
    for s in status.STATUSES:
        assert fills[s.label] == "00" + s.colour.lstrip("#").upper()
    ink = {c.value: c.font.color.rgb for c in head[6] if c.font.color is not None}
    assert ink[status.label("overdue")] == "00FFFFFF"  # white on the red
    assert ink[status.label("done_late")] == "00000000"  # black on the light green


def test_the_detail_sheet_carries_what_the_unit_reported(wb, demo_store):
    rows = _table(wb["Chi tiết"])
    page = labelled(tables.detail(demo_store, Scope(AS_OF, PLAN)))
    assert len(rows) == len(page) == 297
    reported = [r for r in rows if r["Tệp báo cáo"]]
    assert reported and all(r["Tệp báo cáo"].endswith(".xlsx") for r in reported)
    assert any(r["Kết quả"] for r in rows) and any(r["Ghi chú"] for r in rows)


def test_the_overdue_sheet_equals_the_reminder_list(wb, demo_store):
    rows = _table(wb["Quá hạn và chưa báo cáo"])
    page = labelled(tables.reminders(demo_store, Scope(AS_OF, PLAN)))
    assert [r["Đơn vị"] for r in rows] == page["Đơn vị"].tolist()
    late = page["Số ngày quá hạn"]
    assert [r["Số ngày quá hạn"] for r in rows] == [
        None if pd.isna(v) else int(v) for v in late.tolist()
    ]


def test_the_sidebar_filters_apply_to_the_workbook(demo_store, tmp_path):
    export = report.collect(demo_store, Scope(AS_OF, PLAN, ["cap_uy"], ["overdue", "done_late"]))
    wb = openpyxl.load_workbook(io.BytesIO(workbook.summary_workbook(export)))
    assert wb["Chi tiết"]["A4"].value == (
        "Bộ lọc: Nhóm đơn vị: Huyện ủy, thành ủy, thị ủy, đảng ủy trực thuộc. "
        "Tình trạng: Hoàn thành quá hạn; Chưa hoàn thành, quá hạn"
    )
    detail = _table(wb["Chi tiết"])
    assert {r["Tình trạng"] for r in detail} <= {status.label("overdue"), status.label("done_late")}
    assert {r["Nhóm đơn vị"] for r in detail} == {"Huyện ủy, thành ủy, thị ủy, đảng ủy trực thuộc"}
    reminders = _table(wb["Quá hạn và chưa báo cáo"])
    assert {r["Tình trạng"] for r in reminders} == {status.label("overdue")}
    units = _table(wb["Tổng hợp theo đơn vị"])
    assert sum(r["Tổng số"] for r in units) == len(detail)


def test_all_plans_name_every_plan_in_the_header(demo_store):
    export = report.collect(demo_store, Scope(AS_OF))
    wb = openpyxl.load_workbook(io.BytesIO(workbook.summary_workbook(export)))
    title = wb["Tổng hợp theo đơn vị"]["A1"].value
    assert title.startswith("Tất cả kế hoạch đang theo dõi:")
    assert "84-KH/BTGTU" in title and "TUHD-32/2019" in title
    assert len(_table(wb["Chi tiết"])) == 494


def test_an_empty_selection_still_gives_a_workbook_with_headers(demo_store):
    export = report.collect(demo_store, Scope(AS_OF, PLAN, ["co_quan_dang"], ["due_soon"]))
    wb = openpyxl.load_workbook(io.BytesIO(workbook.summary_workbook(export)))
    ws = wb["Tổng hợp theo đơn vị"]
    assert ws.max_row <= 7 and ws["A6"].value == "STT" and ws["B6"].value == "Đơn vị"


def test_count_sheets_end_with_a_total_row_in_times_new_roman(wb, export):
    ws = wb["Tổng hợp theo đơn vị"]
    header = [c.value for c in ws[workbook.HEADER_ROW]]
    last = workbook.HEADER_ROW + len(export.by_unit) + 1
    total = dict(zip(header, [c.value for c in ws[last]], strict=True))
    assert total["Đơn vị"] == "Tổng cộng" and total["STT"] in ("", None)
    assert total["Tổng số"] == int(export.by_unit["total"].sum())
    done = sum(int(export.by_unit[s.code].sum()) for s in status.STATUSES if s.done)
    assert total["% hoàn thành"] == pytest.approx(status.share(done, total["Tổng số"]) / 100)
    assert "tổng số nghĩa vụ đã phát sinh" in ws.cell(last + 2, 1).value
    fonts = {c.font.name for row in ws.iter_rows() for c in row if c.value not in (None, "")}
    assert fonts == {"Times New Roman"}
