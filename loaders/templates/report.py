"""The report template units fill in: built from the plan so that it ingests with no error.

One sheet "Báo cáo" with a title block (plan, reporting unit, report date), one row per
obligation of the unit (task code, title, period for recurring tasks, deadline), a status
column whose dropdown offers the vocabulary (list kept on a hidden sheet: an inline list
cannot hold commas and is capped at 255 characters), a completion-date column with date
validation, and an instructions sheet. Every text that comes from users (task titles,
unit names) is written as a string cell, never as a formula.

A unit's form can carry the unit's earlier answers (:class:`Answer`, newest stored per
obligation): the status as its dropdown word, the completion date as a date cell shown
dd/mm/yyyy, result and note as text cells with Excel's quote prefix (editing one never turns
it into a formula), so the unit changes only what moved and an untouched form reads back to
the same facts. The report date stays empty: it is the new report's.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation

from domain import periods
from loaders.reports.catalog import Catalog
from loaders.reports.vocabulary import PROGRESS_LABELS, STATUS_WORDS, TEMPLATE_CHOICES

HEADER_ROW = 7
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")


@dataclass(frozen=True)
class Answer:
    """A unit's stored answer to one obligation, written back into its form."""

    progress: str  # done | in_progress | not_started
    completed_on: date | None = None
    result_text: str = ""
    note: str = ""


def _text(cell, value: str) -> None:
    """A string cell even when the text starts with '=' (never a formula)."""
    cell.value = value
    cell.data_type = "s"


def _answer_text(cell, value: str) -> None:
    """Stored text as a string cell with the quote prefix; characters XML cannot hold go."""
    if value:
        _text(cell, ILLEGAL_CHARACTERS_RE.sub("", value))
        cell.quotePrefix = True


def build_template(
    catalog: Catalog,
    unit_id: int | None = None,
    answers: Mapping[tuple[int, str], Answer] | None = None,
) -> bytes:
    """The .xlsx form for one unit (`unit_id`) or for all units (a unit column is added).
    `answers` ((task_id, period) -> Answer) pre-fills a unit's form; ignored without a unit."""
    answers = answers if unit_id is not None and answers else {}
    book = Workbook()
    sheet = book.active
    sheet.title = "Báo cáo"
    unit_name = catalog.unit_name(unit_id) if unit_id is not None else None
    _text(sheet["A1"], f"BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH SỐ {catalog.plan_code}")
    sheet["A1"].font = Font(bold=True, size=13)
    _text(sheet["A2"], catalog.plan_title)
    sheet["A2"].font = Font(italic=True)
    if unit_name:
        _text(sheet["A3"], "Đơn vị báo cáo:")
        _text(sheet["C3"], unit_name)
        sheet["C3"].font = Font(bold=True)
    _text(sheet["A4"], "Ngày báo cáo:")
    sheet["C4"].number_format = "dd/mm/yyyy"
    _text(
        sheet["A5"],
        "Chọn Tình trạng trong danh sách; ghi Ngày hoàn thành dạng ngày/tháng/năm "
        "khi đã hoàn thành. Không sửa cột Mã nhiệm vụ. Xem trang 'Hướng dẫn'.",
    )
    sheet["A5"].font = Font(italic=True, color="555555")

    columns = (
        ["STT", "Mã nhiệm vụ"]
        + (["Đơn vị"] if unit_id is None else [])
        + [
            "Nội dung nhiệm vụ",
            "Kỳ báo cáo",
            "Thời hạn",
            "Tình trạng",
            "Ngày hoàn thành",
            "Kết quả thực hiện",
            "Ghi chú",
        ]
    )
    widths = {
        "STT": 6,
        "Mã nhiệm vụ": 12,
        "Đơn vị": 34,
        "Nội dung nhiệm vụ": 60,
        "Kỳ báo cáo": 22,
        "Thời hạn": 24,
        "Tình trạng": 18,
        "Ngày hoàn thành": 16,
        "Kết quả thực hiện": 50,
        "Ghi chú": 24,
    }
    for col, title in enumerate(columns, start=1):
        cell = sheet.cell(HEADER_ROW, col)
        _text(cell, title)
        cell.font = Font(bold=True)
        cell.fill = _HEAD_FILL
        cell.border = _BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[cell.column_letter].width = widths[title]
    at = {title: i for i, title in enumerate(columns, start=1)}

    tasks = {t.task_id: t for t in catalog.tasks}
    order = {t.task_id: (t.sort_order, t.code) for t in catalog.tasks}
    wanted = [o for o in catalog.obligations if unit_id is None or o.unit_id == unit_id]
    units = {u.unit_id: u.name for u in catalog.units}
    wanted.sort(key=lambda o: (order.get(o.task_id, (0, "")), units.get(o.unit_id, ""), o.period))
    row = HEADER_ROW
    for number, obligation in enumerate(wanted, start=1):
        row = HEADER_ROW + number
        task = tasks[obligation.task_id]
        sheet.cell(row, at["STT"], number)
        _text(sheet.cell(row, at["Mã nhiệm vụ"]), task.code)
        if unit_id is None:
            _text(sheet.cell(row, at["Đơn vị"]), units.get(obligation.unit_id, ""))
        _text(sheet.cell(row, at["Nội dung nhiệm vụ"]), task.title)
        _text(sheet.cell(row, at["Kỳ báo cáo"]), periods.label(obligation.period))
        due = obligation.due_on or task.due_on
        _text(
            sheet.cell(row, at["Thời hạn"]),
            f"{due:%d/%m/%Y}" if due else (task.deadline_text or ""),
        )
        sheet.cell(row, at["Ngày hoàn thành"]).number_format = "dd/mm/yyyy"
        answer = answers.get((obligation.task_id, obligation.period))
        if answer is not None:
            _text(sheet.cell(row, at["Tình trạng"]), PROGRESS_LABELS[answer.progress])
            sheet.cell(row, at["Ngày hoàn thành"]).value = answer.completed_on
            _answer_text(sheet.cell(row, at["Kết quả thực hiện"]), answer.result_text)
            _answer_text(sheet.cell(row, at["Ghi chú"]), answer.note)
        for col in range(1, len(columns) + 1):
            sheet.cell(row, col).border = _BOX
            sheet.cell(row, col).alignment = Alignment(vertical="top", wrap_text=True)
    last = max(row, HEADER_ROW + 1)
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1)

    lists = book.create_sheet("DanhMuc")
    for i, word in enumerate(TEMPLATE_CHOICES, start=1):
        _text(lists.cell(i, 1), word)
    lists.sheet_state = "hidden"
    status_letter = sheet.cell(HEADER_ROW, at["Tình trạng"]).column_letter
    date_letter = sheet.cell(HEADER_ROW, at["Ngày hoàn thành"]).column_letter
    choose = DataValidation(
        type="list",
        formula1=f"'DanhMuc'!$A$1:$A${len(TEMPLATE_CHOICES)}",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Tình trạng",
        error="Hãy chọn trong danh sách.",
    )
    choose.add(f"{status_letter}{HEADER_ROW + 1}:{status_letter}{last}")
    when = DataValidation(
        type="date",
        operator="between",
        formula1="DATE(2000,1,1)",
        formula2="DATE(2100,12,31)",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Ngày hoàn thành",
        error="Hãy nhập ngày dạng dd/mm/yyyy.",
    )
    when.add(f"{date_letter}{HEADER_ROW + 1}:{date_letter}{last}")
    when.add("C4")
    sheet.add_data_validation(choose)
    sheet.add_data_validation(when)

    if answers:
        _text(
            sheet["A6"],
            "Các dòng đã điền sẵn là báo cáo gần nhất của đơn vị: chỉ sửa những gì đã thay "
            "đổi và ghi Ngày báo cáo mới.",
        )
        sheet["A6"].font = Font(italic=True, color="555555")
    _instructions(book.create_sheet("Hướng dẫn"), catalog)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _instructions(sheet, catalog: Catalog) -> None:
    lines = [
        f"Hướng dẫn điền báo cáo kết quả thực hiện Kế hoạch số {catalog.plan_code}",
        "",
        "1. Mỗi dòng là một nhiệm vụ (và một kỳ báo cáo với nhiệm vụ định kỳ) của đơn vị.",
        "2. Cột Tình trạng: chọn trong danh sách (Đã hoàn thành / Đang thực hiện / Chưa thực "
        "hiện).",
        "3. Cột Ngày hoàn thành: ghi ngày đã hoàn thành, dạng ngày/tháng/năm (ví dụ 25/07/2019).",
        "4. Cột Kết quả thực hiện: tóm tắt kết quả; Ghi chú: nếu có.",
        "5. Ghi Ngày báo cáo ở đầu trang. Không đổi Mã nhiệm vụ, không xoá dòng tiêu đề.",
        "6. Dòng để trống được hiểu là chưa báo cáo nhiệm vụ đó.",
        "",
        "Các cách ghi tình trạng được chấp nhận:",
    ]
    for i, line in enumerate(lines, start=1):
        _text(sheet.cell(i, 1), line)
    sheet["A1"].font = Font(bold=True, size=12)
    row = len(lines) + 1
    _text(sheet.cell(row, 1), "Cách ghi")
    _text(sheet.cell(row, 2), "Được hiểu là")
    sheet.cell(row, 1).font = sheet.cell(row, 2).font = Font(bold=True)
    for word, progress, kind in STATUS_WORDS:
        row += 1
        _text(sheet.cell(row, 1), word if kind == "exact" else f"{word} (bắt đầu bằng)")
        _text(sheet.cell(row, 2), PROGRESS_LABELS[progress])
    _text(sheet.cell(row + 2, 1), f"Mẫu tạo ngày {date.today():%d/%m/%Y}.")
    sheet.column_dimensions["A"].width = 70
    sheet.column_dimensions["B"].width = 24
