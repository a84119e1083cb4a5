"""The report form the variant generator draws: rows and cells as a unit fills them in, the
registry of transformations, and the writers that turn a form into real .xlsx, .csv and
.docx bytes (openpyxl, csv, python-docx)."""

from __future__ import annotations

import csv
import io
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime

import openpyxl

from domain.periods import bounds as _bounds
from domain.periods import label as period_label
from tracker.usecases.demo import DemoReport

TODAY = date(2026, 12, 7)
"""The day variants are read on (a fixed day: nothing depends on the clock)."""

COLUMNS = ("stt", "code", "title", "period", "status", "date", "result", "note")
LABELS = {
    "stt": "STT",
    "code": "Mã nhiệm vụ",
    "title": "Nội dung nhiệm vụ",
    "period": "Kỳ báo cáo",
    "status": "Tình trạng",
    "date": "Ngày hoàn thành",
    "result": "Kết quả thực hiện",
    "note": "Ghi chú",
    "unit": "Đơn vị",
}
STATUS_WORD = {
    "done": "Đã hoàn thành",
    "in_progress": "Đang thực hiện",
    "not_started": "Chưa thực hiện",
}


@dataclass
class Row:
    cells: dict[str, object]
    kind: str = "data"  # data | group | blank | other (another unit's or an older row)
    hidden: bool = False


@dataclass
class Form:
    """One report drawn as a form, before it is written to a file."""

    report: DemoReport
    province: str
    columns: list[str]
    labels: dict[str, str]
    rows: list[Row]
    above: list[list[object]]
    below: list[list[object]] = field(default_factory=list)
    groups: dict[str, str] = field(default_factory=dict)
    """Column -> the merged group heading above it (a two-row header)."""
    numbering: str | None = None  # "(1)" | "1"
    hidden_cols: set[str] = field(default_factory=set)
    offset: int = 0
    fmt: str = "xlsx"  # xlsx | csv | docx
    file_name: str = ""
    sheet: str = "Báo cáo"
    reported_on: date | None = None
    must_refuse: bool = False
    sheet_periods: str = ""
    """"name": the one period of the recurring rows is the sheet's name; "split": one
    sheet per period. Either drops the period column, in an .xlsx only (a CSV or Word file
    has no sheet names, so it keeps the column)."""


def clean_form(report: DemoReport, province: str) -> Form:
    """The report as the demo writes it: letterhead, place-date line, title, unit line."""
    on = report.reported_on
    rows = [
        Row(
            {
                "stt": n,
                "code": r.task_code,
                "title": r.task,
                "period": period_label(r.period),
                "status": STATUS_WORD[r.progress],
                "date": r.completed_on,
                "result": r.result_text,
                "note": r.note,
                "_progress": r.progress,
                "_done": r.completed_on,
                "_period": r.period,
            }
        )
        for n, r in enumerate(report.rows, start=1)
    ]
    above = [
        [report.unit.upper(), None, None, None, "ĐẢNG CỘNG SẢN VIỆT NAM"],
        [None, None, None, None, f"{province}, ngày {on.day} tháng {on.month} năm {on.year}"],
        [f"BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH SỐ {report.plan}"],
        [f"Đơn vị báo cáo: {report.unit}"],
        [],
    ]
    return Form(
        report,
        province,
        list(COLUMNS),
        dict(LABELS),
        rows,
        above,
        file_name=report.file_name,
        reported_on=on,
    )


def period_bounds(code: str) -> tuple[date, date]:
    found = _bounds(code)
    assert found
    return found


# -- transformations ------------------------------------------------------------------------
# Each takes (form, rng) and changes the form; the stage orders them (columns before rows
# before cells before the file's format).

Transform = Callable[[Form, random.Random], None]
TRANSFORMS: dict[str, tuple[int, Transform]] = {}


def transform(name: str, stage: int) -> Callable[[Transform], Transform]:
    def register(fn: Transform) -> Transform:
        TRANSFORMS[name] = (stage, fn)
        return fn

    return register


def _period_name(code: str, on: date | None, rng: random.Random, short: bool) -> str:
    """How people name a period ("Quý III", "Q3", "6 tháng cuối năm", "T7"), without its
    year when the report's date tells it (the latest such period begun by then)."""
    year, part = code[:4], code[5:]
    begun = on is not None and str(on.year) == year and period_bounds(code)[0] <= on
    if part.startswith("Q"):
        name = f"Q{part[1]}" if short else "Quý " + ("I", "II", "III", "IV")[int(part[1]) - 1]
    elif part.startswith("H"):
        name = "6 tháng " + ("đầu" if part == "H1" else "cuối") + ("" if short else " năm")
    else:
        name = f"T{int(part)}" if short else f"Tháng {int(part)}"
    if begun and rng.random() < 0.5:
        return name
    return f"{name} {year}" if part.startswith("H") else f"{name}/{year}"


def _data(form: Form) -> list[Row]:
    return [r for r in form.rows if r.kind == "data"]


def _grid(
    form: Form,
) -> tuple[list[list[object]], list[tuple[int, int, int, int]], set[int], set[int]]:
    """All rows of the sheet, merges (0-based, inclusive), hidden rows and columns."""
    width = form.offset + len(form.columns)
    pad = [None] * form.offset
    grid: list[list[object]] = [list(r) for r in form.above]
    merges: list[tuple[int, int, int, int]] = []
    hidden_rows: set[int] = set()
    top = len(grid)
    if form.groups:
        first = [None] * width
        second = [None] * width
        for i, key in enumerate(form.columns):
            col = form.offset + i
            group = form.groups.get(key)
            if group is None:
                first[col] = form.labels[key]
                merges.append((top, col, top + 1, col))
            else:
                second[col] = form.labels[key]
                if i == 0 or form.groups.get(form.columns[i - 1]) != group:
                    first[col] = group
                    end = i
                    while (
                        end + 1 < len(form.columns)
                        and form.groups.get(form.columns[end + 1]) == group
                    ):
                        end += 1
                    if end > i:
                        merges.append((top, col, top, form.offset + end))
        grid += [first, second]
    else:
        grid.append(pad + [form.labels[k] for k in form.columns])
    if form.numbering:
        grid.append(
            pad + [form.numbering.replace("1", str(i + 1)) for i in range(len(form.columns))]
        )
    for row in form.rows:
        if row.kind == "group":
            cells = pad + [None] * len(form.columns)
            cells[form.offset] = row.cells.get("title")
        else:
            cells = pad + [row.cells.get(k) for k in form.columns]
        if row.hidden:
            hidden_rows.add(len(grid))
        grid.append(cells)
    grid += [list(r) for r in form.below]
    hidden_cols = {
        form.offset + form.columns.index(k) for k in form.hidden_cols if k in form.columns
    }
    # A line above the table in a hidden column would be hidden from the person too: it
    # sits in the next shown column, as one sees it (the place-date line, say).
    for row in grid[:top]:
        for c in sorted(hidden_cols, reverse=True):
            if c < len(row) and row[c] is not None:
                to = next(i for i in range(c + 1, c + 2 + len(hidden_cols)) if i not in hidden_cols)
                row.extend([None] * (to + 1 - len(row)))
                row[to], row[c] = row[c], None
    return grid, merges, hidden_rows, hidden_cols


def write(form: Form) -> tuple[str, bytes]:
    grid, merges, hidden_rows, hidden_cols = _grid(form)
    stem = form.file_name.rsplit(".", 1)[0]
    if form.fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";")
        for row in grid:
            writer.writerow(["" if v is None else _text(v) for v in row])
        return stem + ".csv", out.getvalue().encode("utf-8-sig")
    if form.fmt == "docx":
        return stem + ".docx", _docx_bytes(form, grid, merges)
    book = openpyxl.Workbook()
    book.remove(book.active)
    for sub in _sheets(form):
        _write_sheet(book, sub, *_grid(sub))
    out = io.BytesIO()
    book.save(out)
    return stem + ".xlsx", out.getvalue()


def _sheets(form: Form) -> list[Form]:
    """The sheets an .xlsx holds: the form, or one per period (without the period column)."""
    if not form.sheet_periods:
        return [form]
    columns = [c for c in form.columns if c != "period"]
    if form.sheet_periods == "name":
        return [replace(form, columns=columns)]
    by_period: dict[str, list[Row]] = defaultdict(list)
    for row in form.rows:
        period = str(row.cells.get("_period", "")) if row.kind == "data" else ""
        by_period[period].append(row)
    named = sorted(p for p in by_period if p)
    first = by_period.pop("", [])
    return [
        replace(
            form,
            columns=columns,
            rows=(first if i == 0 else []) + by_period[code],
            sheet=_period_name(
                code, form.reported_on, random.Random(code), short=i % 2 == 1
            ).replace("/", "-"),
        )
        for i, code in enumerate(named)
    ]


def _write_sheet(book, form: Form, grid, merges, hidden_rows, hidden_cols) -> None:
    sheet = book.create_sheet(form.sheet)
    for r, row in enumerate(grid, start=1):
        for c, value in enumerate(row, start=1):
            if value is None:
                continue
            cell = sheet.cell(r, c)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"
            elif isinstance(value, datetime):
                cell.number_format = "DD/MM/YYYY HH:MM"
            elif isinstance(value, date):
                cell.number_format = "DD/MM/YYYY"
    for r1, c1, r2, c2 in merges:
        sheet.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
    for r in hidden_rows:
        sheet.row_dimensions[r + 1].hidden = True
    for c in hidden_cols:
        sheet.column_dimensions[openpyxl.utils.get_column_letter(c + 1)].hidden = True
    if form.sheet != "Báo cáo" or hidden_rows:
        last = openpyxl.utils.get_column_letter(max(len(r) for r in grid) or 1)
        sheet.auto_filter.ref = f"A{len(form.above) + 1}:{last}{len(grid)}"


def _text(value: object) -> str:
    if isinstance(value, datetime):
        return f"{value:%d/%m/%Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def _docx_bytes(
    form: Form, grid: list[list[object]], merges: list[tuple[int, int, int, int]]
) -> bytes:
    import docx

    document = docx.Document()
    top = len(form.above)
    for row in form.above:
        text = "    ".join(_text(v) for v in row if v is not None)
        document.add_paragraph(text)
    body = [r for r in grid[top : len(grid) - len(form.below)]]
    width = max(len(r) for r in body)
    table = document.add_table(rows=len(body), cols=width)
    table.style = "Table Grid"
    # a row's cells once per row: table.cell(r, c) walks the whole table each time
    for row, cells in zip(body, table.rows, strict=True):
        drawn = cells.cells
        for c, value in enumerate(row):
            if value is not None:
                drawn[c].text = _text(value)
    for r1, c1, r2, c2 in merges:
        if (r1, c1) != (r2, c2):
            table.cell(r1 - top, c1).merge(table.cell(r2 - top, c2))
    for row in form.below:
        text = "    ".join(_text(v) for v in row if v is not None)
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# -- reading and judging --------------------------------------------------------------------
