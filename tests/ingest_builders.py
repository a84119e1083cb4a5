"""Builders shared by the ingestion tests: a small plan in a real DuckDB file, and report
workbooks written by real libraries. (No tests here; pytest collects nothing from it.)"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import openpyxl

from domain.model import PlanSpec, TaskSpec, UnitSpec
from store.database import Store
from store.plans import save_plan, save_units
from tracker.usecases.demo import DemoReport, DemoRow, report_workbook

PLAN = "84-KH/BTGTU"
LANG_SON, HAI_DUONG = PLAN, "TUHD-32/2019"
"""The demo's two plans (:mod:`tracker.usecases.demo`)."""
PROVINCE = "Lạng Sơn"
UNITS = (
    UnitSpec("Sở Ngoại vụ", "Sở NgV", "so_ban_nganh", aliases=("SNV",)),
    UnitSpec("Sở Thông tin và Truyền thông", "Sở TT&TT", "so_ban_nganh", aliases=("Sở TTTT",)),
    UnitSpec("Huyện ủy Bắc Sơn", "HU Bắc Sơn", "cap_uy", level="huyen"),
    UnitSpec("Sở Tư pháp", "Sở TP", "so_ban_nganh"),
)
TITLES = {
    "NV01": "Tổ chức quán triệt, triển khai học tập Chỉ thị số 32-CT/TW",
    "NV02": "Công tác tuyên truyền",
    "NV03": "Công tác phối hợp",
    "NV04": "Công tác nghiên cứu tham mưu, dự báo",
}
HEADER = [
    "STT",
    "Mã nhiệm vụ",
    "Nội dung nhiệm vụ",
    "Tình trạng",
    "Ngày hoàn thành",
    "Kết quả thực hiện",
    "Ghi chú",
]


def plan_spec() -> PlanSpec:
    everyone = {u.name: "phoi_hop" for u in UNITS}
    not_justice = {k: v for k, v in everyone.items() if k != "Sở Tư pháp"}
    tasks = (
        TaskSpec("NV01", "II", TITLES["NV01"], "trước ngày 30/6/2019", units=everyone),
        TaskSpec("NV02", "III.1", TITLES["NV02"], "thường xuyên", units=everyone),
        TaskSpec("NV03", "III.2", TITLES["NV03"], "trước ngày 30/9/2019", units=not_justice),
        TaskSpec("NV04", "III.3", TITLES["NV04"], "trước ngày 31/12/2019", units=everyone),
    )
    return PlanSpec(
        PLAN,
        "Kế hoạch thực hiện Chỉ thị số 32-CT/TW",
        date(2019, 6, 21),
        "Ban Tuyên giáo Tỉnh ủy",
        PROVINCE,
        date(2020, 12, 31),
        tasks=tasks,
    )


def make_store(path: Path | str) -> Store:
    """A real database (a DuckDB file or a PostgreSQL URL) holding the small plan (4 tasks,
    4 units)."""
    store = Store(path)
    save_units(store, PROVINCE, list(UNITS))
    save_plan(store, plan_spec())
    return store


def xlsx(rows: list[list], title: str = "Báo cáo", extra=None) -> bytes:
    """A workbook whose first sheet holds `rows` from A1 (None = empty cell)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    if extra:
        extra(book, sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def long_report(
    body: list[list],
    unit: str | None = "Sở Ngoại vụ",
    on: str = "Lạng Sơn, ngày 25 tháng 7 năm 2019",
    header: list[str] | None = None,
) -> list[list]:
    """Title block, blank line, header, then `body`: how units lay a report out."""
    rows = [["BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH SỐ 84-KH/BTGTU"]]
    if unit:
        rows.append([f"Đơn vị báo cáo: {unit}"])
    if on:
        rows.append([on])
    rows.append([])
    rows.append(header or HEADER)
    return rows + body


def good_rows() -> list[list]:
    return [
        [1, "NV01", TITLES["NV01"], "Đã hoàn thành", date(2019, 6, 25), "Đã tổ chức", ""],
        [2, "NV02", TITLES["NV02"], "Đang thực hiện", None, "Đăng 12 tin bài", ""],
        [3, "NV03", TITLES["NV03"], "Chưa thực hiện", None, "", "Chờ hướng dẫn"],
    ]


def rows_of(store: Store, report_id: int) -> list[tuple]:
    from store.reports import report_rows

    frame = report_rows(store, report_id)
    return list(
        frame[["task_code", "unit", "period", "progress", "completed_on"]].itertuples(
            index=False, name=None
        )
    )


def count(store: Store, table: str) -> int:
    from store.tables import count_rows

    return count_rows(store, table)


def contact_sheet(rows: list[list[str]]) -> bytes:
    """A contact sheet as an office fills it: a title, a blank row, the header, the units."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Liên hệ"
    sheet.append(["DANH SÁCH LIÊN HỆ CÁC ĐƠN VỊ"])
    sheet.append([])
    sheet.append(["STT", "Tên đơn vị", "Địa chỉ e-mail", "Thủ trưởng", "Địa chỉ"])
    for i, row in enumerate(rows, start=1):
        sheet.append([i, *row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def lang_son_report(unit: str = "Sở Ngoại vụ", code_in_title: str | None = LANG_SON) -> bytes:
    """A demo report of `unit` for the Lạng Sơn plan, its title naming `code_in_title`
    instead (None: no plan code) — a file sent to the wrong plan."""
    rows = (DemoRow("NV01", "I", "Tổ chức quán triệt", "", "done", date(2019, 6, 28), "Xong", ""),)
    report = DemoReport(LANG_SON, unit, "", date(2019, 7, 5), "bc.xlsx", rows)
    data = report_workbook(report, "Lạng Sơn")
    if code_in_title == LANG_SON:
        return data
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.active
    for row in sheet.iter_rows(max_row=6):
        for cell in row:
            if isinstance(cell.value, str) and LANG_SON in cell.value:
                cell.value = cell.value.replace(LANG_SON, code_in_title or "")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
