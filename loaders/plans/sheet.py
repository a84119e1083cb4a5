"""The plan register workbook: a template to download, and reading a filled one back.

Sheets: «Kế hoạch» (label | value rows: số hiệu, tên, ngày, cơ quan ban hành, tỉnh, văn bản
thực hiện, chu kỳ báo cáo ...), «Nhiệm vụ» (one row per task, the columns of
:data:`domain.model.TASK_LABELS`), «Đơn vị» (the unit registry rows) and a
hidden «DanhMuc» with the lists the dropdowns use. Headers are found by their words, so
renamed, reordered or title-topped sheets still read. Dates may be real dates or text
(21/6/2019). Every user text is written as a string: nothing becomes a formula.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from domain.model import TASK_COLUMNS, TASK_LABELS, PlanFields
from domain.problems import Problem, column_letter, file_problem
from domain.text import clean, fold
from loaders.reading.guard import inspect_xlsx

PLAN_SHEET, TASK_SHEET, UNIT_SHEET, LIST_SHEET = "Kế hoạch", "Nhiệm vụ", "Đơn vị", "DanhMuc"
PLAN_LABELS = (
    ("code", "Số hiệu kế hoạch"),
    ("title", "Tên kế hoạch"),
    ("issued_on", "Ngày ban hành"),
    ("issuer", "Cơ quan ban hành"),
    ("province", "Tỉnh"),
    ("directive_code", "Thực hiện văn bản số"),
    ("directive_date", "Ngày của văn bản"),
    ("directive_issuer", "Cơ quan ban hành văn bản"),
    ("directive_title", "Trích yếu văn bản"),
    ("report_cycle", "Chu kỳ báo cáo"),
    ("tracked_until", "Theo dõi đến ngày"),
    ("code_note", "Ghi chú về số hiệu"),
)
UNIT_LABELS = (
    "Tên đơn vị",
    "Tên viết tắt",
    "Tên gọi khác (cách nhau bằng ;)",
    "Nhóm",
    "Cấp",
    "Đơn vị cấp trên",
)
CYCLES = {
    "monthly": "Hằng tháng",
    "quarterly": "Hằng quý",
    "half_yearly": "6 tháng",
    "yearly": "Hằng năm",
}
_TASK_KEYS = {
    "code": ("ma nv", "ma nhiem vu", "ma", "stt"),
    "section": ("muc",),
    "section_title": ("ten muc", "nhom nhiem vu"),
    "title": ("nhiem vu", "noi dung"),
    "deadline_text": ("thoi han", "thoi gian", "tien do"),
    "chu_tri": ("don vi chu tri", "chu tri", "don vi thuc hien"),
    "phoi_hop": ("don vi phoi hop", "phoi hop"),
}
_UNIT_KEYS = ("ten don vi", "ten viet tat", "ten goi khac", "nhom", "cap", "don vi cap tren")
UNIT_FIELDS = ("name", "short_name", "aliases", "group", "level", "parent")


@dataclass
class SheetImport:
    """What a workbook held, with where each column was found, so that problems the
    editors' checks report by row index and column id point at the sheet's own cells."""

    fields: PlanFields | None = None
    rows: list[dict] = field(default_factory=list)
    first_row: int = 2
    units: list[dict] = field(default_factory=list)  # name, short_name, aliases, group ...
    problems: list[Problem] = field(default_factory=list)
    task_columns: dict[str, int] = field(default_factory=dict)  # column id -> 0-based col
    unit_columns: dict[str, int] = field(default_factory=dict)
    unit_sheet: str = UNIT_SHEET

    def task_cell(self, index: int, column: str) -> tuple[int, str]:
        """The «Nhiệm vụ» cell of task row `index` (0-based), column id `column`."""
        col = self.task_columns.get(column)
        return self.first_row + index, column_letter(col) if col is not None else column

    def unit_cells(self, problems: list[Problem]) -> list[Problem]:
        """Unit problems (rows already the sheet's) with the column id turned into the
        sheet's letter and the sheet named."""
        return [
            replace(
                p,
                sheet=self.unit_sheet,
                column=column_letter(self.unit_columns[p.column])
                if p.column in self.unit_columns
                else p.column,
            )
            for p in problems
        ]


def template_bytes(
    groups: list[str],
    levels: list[str],
    fields: PlanFields | None = None,
    rows: list[dict] | None = None,
    units: list[dict] | None = None,
) -> bytes:
    """The workbook to download, optionally pre-filled with a plan and its registry."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    wrap = Alignment(wrap_text=True, vertical="top")

    def put(sheet, row, col, value):
        cell = sheet.cell(row=row, column=col)
        if isinstance(value, date):
            cell.value, cell.number_format = value, "DD/MM/YYYY"
        elif value not in (None, ""):
            cell.value, cell.data_type = str(value), "s"
        return cell

    lists = book.create_sheet(LIST_SHEET)
    for col, values in enumerate((groups, levels, list(CYCLES.values())), start=1):
        for row, value in enumerate(values, start=1):
            put(lists, row, col, value)
    lists.sheet_state = "hidden"

    plan = book.active
    plan.title = PLAN_SHEET
    plan.column_dimensions["A"].width, plan.column_dimensions["B"].width = 28, 70
    plan.column_dimensions["C"].width = 60
    for row, (attr, label) in enumerate(PLAN_LABELS, start=1):
        put(plan, row, 1, label).font = bold
        given = getattr(fields, attr, None) if fields else None
        put(plan, row, 2, CYCLES.get(str(given), given) if attr == "report_cycle" else given)
    put(
        plan,
        1,
        3,
        "Ngày viết dd/mm/yyyy. Điền nhiệm vụ ở trang «Nhiệm vụ», đơn vị mới ở "
        "trang «Đơn vị». Tệp được nhận cả hoặc không nhận gì.",
    ).alignment = wrap
    cycle = DataValidation(type="list", formula1=f"'{LIST_SHEET}'!$C$1:$C${len(CYCLES)}")
    plan.add_data_validation(cycle)
    cycle.add("B10")

    tasks = book.create_sheet(TASK_SHEET)
    for col, key in enumerate(TASK_COLUMNS, start=1):
        cell = put(tasks, 1, col, TASK_LABELS[key])
        cell.font, cell.fill = bold, fill
        tasks.column_dimensions[column_letter(col - 1)].width = {
            "title": 60,
            "chu_tri": 40,
            "phoi_hop": 50,
            "deadline_text": 30,
        }.get(key, 12)
    for r, item in enumerate(rows or [], start=2):
        for col, key in enumerate(TASK_COLUMNS, start=1):
            put(tasks, r, col, item.get(key)).alignment = wrap
    tasks.freeze_panes = "A2"

    sheet = book.create_sheet(UNIT_SHEET)
    for col, label in enumerate(UNIT_LABELS, start=1):
        cell = put(sheet, 1, col, label)
        cell.font, cell.fill = bold, fill
        sheet.column_dimensions[column_letter(col - 1)].width = 40 if col in (1, 3, 6) else 18
    for r, unit in enumerate(units or [], start=2):
        for col, key in enumerate(
            ("name", "short_name", "aliases", "group", "level", "parent"), start=1
        ):
            put(sheet, r, col, unit.get(key))
    sheet.freeze_panes = "A2"
    for letter, source in (
        ("D", f"'{LIST_SHEET}'!$A$1:$A${max(len(groups), 1)}"),
        ("E", f"'{LIST_SHEET}'!$B$1:$B${max(len(levels), 1)}"),
    ):
        rule = DataValidation(type="list", formula1=source, allow_blank=True)
        sheet.add_data_validation(rule)
        rule.add(f"{letter}2:{letter}1000")
    book.move_sheet(LIST_SHEET, offset=3)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read_plan_sheet(data: bytes, filename: str = "") -> SheetImport:
    """A filled template -> plan fields, task rows and unit rows, or located problems."""
    result = SheetImport()
    name = filename or "tệp"
    if data[:4] != b"PK\x03\x04":
        result.problems.append(
            file_problem(name, "Tệp không phải Excel .xlsx: hãy dùng mẫu tải về từ trang Kế hoạch.")
        )
        return result
    facts = inspect_xlsx(data)
    if facts.refusal:
        result.problems.append(file_problem(name, facts.refusal))
        return result
    try:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheets = {
            fold(s.title): [
                list(r) for r in s.iter_rows(max_row=5000, max_col=20, values_only=True)
            ]
            for s in book.worksheets
            if s.sheet_state == "visible"
        }
    except Exception as exc:  # noqa: BLE001 - a damaged workbook is the user's problem, not ours
        result.problems.append(file_problem(name, f"Không đọc được tệp ({type(exc).__name__})."))
        return result
    for wanted in (PLAN_SHEET, TASK_SHEET):
        if fold(wanted) not in sheets:
            result.problems.append(file_problem(name, f"Thiếu trang «{wanted}» của mẫu."))
    if result.problems:
        return result
    result.fields = _plan_fields(sheets[fold(PLAN_SHEET)], name, result.problems)
    result.rows, result.first_row, result.task_columns = _task_rows(
        sheets[fold(TASK_SHEET)], name, result.problems
    )
    if fold(UNIT_SHEET) in sheets:
        result.units, result.unit_columns = _unit_rows(
            sheets[fold(UNIT_SHEET)], name, result.problems
        )
    return result


def read_unit_sheet(data: bytes, filename: str = "") -> SheetImport:
    """Unit rows from the «Đơn vị» sheet of a workbook (or its first sheet with a «Tên đơn
    vị» column): the registry import of the units page."""
    result = SheetImport()
    name = filename or "tệp"
    facts = inspect_xlsx(data) if data[:4] == b"PK\x03\x04" else None
    if facts is None or facts.refusal:
        result.problems.append(
            file_problem(
                name, facts.refusal if facts and facts.refusal else "Tệp không phải Excel .xlsx."
            )
        )
        return result
    try:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheets = [
            (s.title, [list(r) for r in s.iter_rows(max_row=5000, max_col=20, values_only=True)])
            for s in book.worksheets
            if s.sheet_state == "visible"
        ]
    except Exception as exc:  # noqa: BLE001 - a damaged workbook is the user's problem, not ours
        result.problems.append(file_problem(name, f"Không đọc được tệp ({type(exc).__name__})."))
        return result
    sheets.sort(key=lambda s: fold(s[0]) != fold(UNIT_SHEET))
    for title, rows in sheets:
        found: list[Problem] = []
        units, columns = _unit_rows(rows, name, found)
        if units:
            result.units, result.unit_columns, result.unit_sheet = units, columns, title
            return result
    result.problems.append(file_problem(name, "Không thấy trang có cột «Tên đơn vị»."))
    return result


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean(value)


def to_date(value) -> date | None | str:
    """A cell as a date; the text itself when it is not one (for the message)."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    found = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", _text(value))
    if found:
        try:
            return date(int(found.group(3)), int(found.group(2)), int(found.group(1)))
        except ValueError:
            pass
    return _text(value)


def _plan_fields(rows: list[list], name: str, problems: list[Problem]) -> PlanFields:
    by_label = {fold(label): attr for attr, label in PLAN_LABELS}
    values: dict[str, Any] = {}
    for number, row in enumerate(rows, start=1):
        if row and fold(row[0]) in by_label and len(row) > 1:
            attr = by_label[fold(row[0])]
            value = row[1]
            if attr in ("issued_on", "directive_date", "tracked_until"):
                value = to_date(value)
                if isinstance(value, str):
                    problems.append(
                        Problem(
                            name,
                            PLAN_SHEET,
                            number,
                            "B",
                            value,
                            "Ngày không hợp lệ: hãy viết dd/mm/yyyy.",
                        )
                    )
                    value = None
            elif attr == "report_cycle":
                text = _text(value)
                codes = {fold(v): k for k, v in CYCLES.items()} | {k: k for k in CYCLES}
                value = codes.get(fold(text), codes.get(text))
                if text and value is None:
                    problems.append(
                        Problem(
                            name,
                            PLAN_SHEET,
                            number,
                            "B",
                            text,
                            "Chu kỳ báo cáo phải là: " + "; ".join(CYCLES.values()) + ".",
                        )
                    )
            else:
                value = _text(value)
            values[attr] = value
    return PlanFields(
        code=values.get("code") or "",
        title=values.get("title") or "",
        issued_on=values.get("issued_on"),
        issuer=values.get("issuer") or "",
        province=values.get("province") or "",
        directive_code=values.get("directive_code") or "",
        directive_date=values.get("directive_date"),
        directive_issuer=values.get("directive_issuer") or "",
        directive_title=values.get("directive_title") or "",
        report_cycle=values.get("report_cycle") or "half_yearly",
        tracked_until=values.get("tracked_until"),
        code_note=values.get("code_note") or "",
    )


def _header(rows: list[list], keys: dict[str, tuple[str, ...]]) -> tuple[int, dict[str, int]]:
    """(0-based header row, attr -> column) of the first of ten rows naming most columns."""
    best: tuple[int, dict[str, int]] = (-1, {})
    for index, row in enumerate(rows[:10]):
        found: dict[str, int] = {}
        for col, cell in enumerate(row):
            key = fold(cell)
            for attr, words in keys.items():
                if attr not in found and key in words:
                    found[attr] = col
                    break
        if len(found) > len(best[1]):
            best = (index, found)
    return best


def _task_rows(
    rows: list[list], name: str, problems: list[Problem]
) -> tuple[list[dict], int, dict[str, int]]:
    index, columns = _header(rows, _TASK_KEYS)
    missing = [TASK_LABELS[a] for a in ("code", "title", "deadline_text") if a not in columns]
    if index < 0 or missing:
        problems.append(
            Problem(
                name,
                TASK_SHEET,
                None,
                None,
                None,
                "Không thấy cột " + ", ".join(missing or ["tiêu đề"]) + " ở 10 dòng đầu.",
            )
        )
        return [], 2, {}
    found = []
    for row in rows[index + 1 :]:
        found.append(
            {attr: _text(row[col]) if col < len(row) else "" for attr, col in columns.items()}
        )
    while found and not any(found[-1].values()):
        found.pop()
    return found, index + 2, columns


def _unit_rows(
    rows: list[list], name: str, problems: list[Problem]
) -> tuple[list[dict], dict[str, int]]:
    keys: dict[str, tuple[str, ...]] = {k: (k,) for k in _UNIT_KEYS}
    keys["ten goi khac"] = ("ten goi khac", "ten goi khac cach nhau bang")
    index, columns = _header(rows, keys)
    if "ten don vi" not in columns:
        if any(any(c not in (None, "") for c in r) for r in rows):
            problems.append(
                Problem(
                    name, UNIT_SHEET, None, None, None, "Không thấy cột «Tên đơn vị» ở 10 dòng đầu."
                )
            )
        return [], {}
    order = UNIT_FIELDS
    units = []
    for number, row in enumerate(rows[index + 1 :], start=index + 2):
        item: dict[str, Any] = {
            attr: _text(row[columns[key]]) if key in columns and columns[key] < len(row) else ""
            for attr, key in zip(order, _UNIT_KEYS, strict=True)
        }
        if any(item.values()):
            item["row"] = number
            units.append(item)
    return units, {
        attr: columns[key] for attr, key in zip(order, _UNIT_KEYS, strict=True) if key in columns
    }
