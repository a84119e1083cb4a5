"""Decide what each sheet is (long report, matrix, or not a report) and stage its rows.

Staging turns any accepted shape into one long form, one row per (row, task) with the texts
as found: ``row_no, unit_text, code_text, section_text, title_text, period_text,
status_text, date_text, result_text, note_text, cell_col``. Typing and matching happen
later, for the whole batch at once, in :mod:`loaders.reports.normalize`.

- Long reports: one row per task; the unit comes from a unit column (consolidated sheets),
  else the title block ("Đơn vị báo cáo: ..."), else the unit chosen at upload.
- Matrix sheets (bảng theo dõi): rows are units, columns are tasks; each filled cell
  becomes a staged row whose status and date texts are the cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from domain.problems import Problem, column_letter
from loaders.reading.workbook import RawSheet
from loaders.reports.catalog import Catalog
from loaders.reports.headers import (
    HEADER_SEARCH_ROWS,
    Header,
    TitleBlock,
    field_of,
    find_header,
    read_title_block,
)
from loaders.reports.table_end import table_end, tasks_after_end
from loaders.reports.task_match import TaskMatch, match_tasks, task_label
from loaders.reports.vocabulary import PROGRESS_LABELS, progress_of

STAGED_COLUMNS = (
    "unit_text",
    "code_text",
    "section_text",
    "title_text",
    "period_text",
    "status_text",
    "date_text",
    "result_text",
    "note_text",
)
_LONG_FIELDS = {
    "unit": "unit_text",
    "code": "code_text",
    "section": "section_text",
    "title": "title_text",
    "period": "period_text",
    "status": "status_text",
    "date": "date_text",
    "result": "result_text",
    "note": "note_text",
}
_NUMBERING = re.compile(r"^\(?\s*\d{1,2}\s*\)?$")
_SECTION_LIKE = re.compile(r"^\s*([IVXivx]+|\d+)[.)]\s*\d|^\s*[IVXivx]+\s*[.)]?\s*$")


@dataclass
class StagedSheet:
    """The staged rows of one report sheet and where its columns are."""

    sheet: str
    kind: str  # "long" | "matrix"
    letters: dict[str, str]
    table: pa.Table
    title: TitleBlock = field(default_factory=TitleBlock)
    unit_source: str | None = None  # "column" | "title" | "form" | "letterhead" | "file" | None
    first_col: int = 0
    period_hint: str | None = None
    """The period the sheet's name or title names (:mod:`loaders.reports.named_periods`)."""


def head_rows(sheet: RawSheet, limit: int = HEADER_SEARCH_ROWS) -> list[list[str | None]]:
    """The first rows of a sheet as lists of cell texts."""
    top = sheet.table.slice(0, limit)
    columns = [top.column(i).to_pylist() for i in range(top.num_columns)]
    return [list(row) for row in zip(*columns, strict=True)] if columns else []


def stage_sheet(
    file: str,
    sheet: RawSheet,
    catalog: Catalog,
    form_unit: str | None,
    rows: list[list[str | None]] | None = None,
) -> tuple[StagedSheet | None, list[Problem]]:
    """Stage one sheet, or return None when it holds no report table. `rows` are its
    :func:`head_rows` when the caller has them already."""
    if rows is None:
        rows = head_rows(sheet)
    if not rows:
        return None, []
    header = find_header(rows, sheet.merges)
    if header.fields:
        return _stage_long(file, sheet, rows, header, form_unit, catalog.code_keys)
    matrix = _find_matrix(rows, catalog)
    if matrix is not None:
        return _stage_matrix(file, sheet, rows, *matrix, catalog)
    return None, []


def _stage_long(
    file: str,
    sheet: RawSheet,
    rows: list[list[str | None]],
    header: Header,
    form_unit: str | None,
    codes: frozenset[str] = frozenset(),
) -> tuple[StagedSheet, list[Problem]]:
    problems: list[Problem] = []
    data_row = header.data_row
    marks, data_row = _mark_columns(rows, header.first_row, data_row)
    if data_row < len(rows) and _is_numbering_row(rows[data_row]):
        data_row += 1  # "(1) (2) (3) ..." under the header, as Vietnamese forms print
    end = table_end(sheet.table, data_row)
    body = sheet.table.slice(data_row, end - data_row)
    problems += tasks_after_end(file, sheet, end, header.fields.get("code"), codes)
    n = body.num_rows
    fields = dict(header.fields)
    if "section" not in fields and "stt" in fields:
        if _numbers_sections(tuple(pc.unique(body.column(fields["stt"])).to_pylist())):
            fields["section"] = fields["stt"]  # the STT column numbers the plan's sections
    columns: dict[str, pa.Array] = {
        "row_no": pa.array(np.arange(data_row + 1, data_row + n + 1, dtype=np.int32))
    }
    fill = _merged_fills(sheet, data_row, n, fields)
    if marks:
        fields.pop("status", None)
    for name, staged in _LONG_FIELDS.items():
        if name in fields:
            values = body.column(fields[name]).combine_chunks()
            if fields[name] in fill:
                values = pa.array(fill[fields[name]], pa.string())
            columns[staged] = values
    if marks:
        columns["status_text"] = _status_from_marks(body, marks)
    title = title_of(sheet, rows[: header.first_row])
    unit_source = "column" if "unit" in fields else None
    if unit_source is None:
        unit_text = title.unit or form_unit
        unit_source = "title" if title.unit else ("form" if form_unit else None)
        columns["unit_text"] = pa.repeat(pa.scalar(unit_text, pa.string()), n)
    for staged in STAGED_COLUMNS:
        columns.setdefault(staged, pa.nulls(n, pa.string()))
    columns["cell_col"] = pa.nulls(n, pa.string())
    letters = {name: sheet.letter(col) for name, col in fields.items()}
    if marks:
        letters["status"] = sheet.letter(min(marks))
    table = pa.table({k: columns[k] for k in ("row_no", *STAGED_COLUMNS, "cell_col")})
    problems += _cell_problems(file, sheet, data_row)
    found = StagedSheet(sheet.name, "long", letters, table, title, unit_source, sheet.first_col)
    return found, problems


@lru_cache(maxsize=256)
def _numbers_sections(numbers: tuple[str | None, ...]) -> bool:
    """Whether an STT column's distinct values number the plan's sections ("I.1", "2.3",
    "III"), remembered: the files of one template number their rows alike."""
    return any(v and _SECTION_LIKE.search(v) for v in numbers)


MARKS = frozenset({"x", "X", "✓", "✔", "✗", "1", "v", "V", "+", "*"})
"""What people put under one column per status to say "this one"."""


def _mark_columns(
    rows: list[list[str | None]], first_row: int, data_row: int
) -> tuple[dict[int, str], int]:
    """Columns headed by a status word ("Đã hoàn thành" | "Đang thực hiện" | "Chưa thực
    hiện"), one per status, under which a mark says which holds: {column: progress}, and
    the first data row (past the row of those headings when it is the first "data" row)."""
    for r in range(max(first_row, 0), min(data_row + 1, len(rows))):
        found = {c: progress_of(str(t)) for c, t in enumerate(rows[r]) if t and len(str(t)) < 40}
        marks: dict[int, str] = {c: p for c, p in found.items() if p}
        if len(set(marks.values())) >= 2:
            return marks, max(data_row, r + 1)
    return {}, data_row


def _status_from_marks(body: pa.Table, marks: dict[int, str]) -> pa.Array:
    """One status text per row from the marked columns: the status word of the one marked
    column; several marks give a text no status word matches (a located error)."""
    cells = {c: body.column(c).to_pylist() for c in marks}
    out: list[str | None] = []
    for i in range(body.num_rows):
        filled = [c for c in marks if cells[c][i] not in (None, "") and str(cells[c][i]).strip()]
        if not filled:
            out.append(None)
        elif len(filled) == 1 and str(cells[filled[0]][i]).strip() in MARKS:
            out.append(PROGRESS_LABELS[marks[filled[0]]])
        elif len(filled) == 1:
            out.append(str(cells[filled[0]][i]))
        else:
            out.append("[đánh dấu nhiều cột tình trạng]")
    return pa.array(out, pa.string())


def title_of(sheet: RawSheet, above: list[list[str | None]]) -> TitleBlock:
    """The title block of the rows above a table, and first of a Word table's preamble
    (whose lines have no cell: their positions come back negative, and unlocated)."""
    if not sheet.preamble:
        return read_title_block(above)
    offset = len(sheet.preamble)
    lines: list[list[str | None]] = [[line] for line in sheet.preamble]
    block = read_title_block(lines + above)

    def shift(at: tuple[int, int] | None) -> tuple[int, int] | None:
        return None if at is None or at[0] < offset else (at[0] - offset, at[1])

    block.unit_at, block.date_at = shift(block.unit_at), shift(block.date_at)
    block.letterhead = [(r - offset, c, t) for r, c, t in block.letterhead]
    block.period_lines = [(r - offset, c, t) for r, c, t in block.period_lines]
    return block


def _is_numbering_row(cells: list[str | None]) -> bool:
    filled = [c for c in cells if c not in (None, "")]
    return len(filled) >= 3 and all(_NUMBERING.match(str(c)) for c in filled)


def _merged_fills(
    sheet: RawSheet, data_row: int, n: int, fields: dict[str, int]
) -> dict[int, list[str | None]]:
    """Columns whose cells are merged down over several rows, with the anchor's text
    repeated: consolidated sheets merge a unit's name over all its rows."""
    wanted = {
        col
        for name, col in fields.items()
        if name in ("unit", "code", "title", "section", "period")
    }
    fills: dict[int, list[str | None]] = {}
    for r1, c1, r2, c2 in sheet.merges:
        if r2 <= r1 or r2 < data_row:
            continue
        for col in range(c1 - sheet.first_col, c2 - sheet.first_col + 1):
            if col not in wanted:
                continue
            if col not in fills:
                fills[col] = sheet.table.column(col).slice(data_row, n).to_pylist()
            values = fills[col]
            anchor = values[r1 - data_row] if r1 >= data_row else None
            for r in range(max(r1 + 1, data_row), min(r2, data_row + n - 1) + 1):
                if values[r - data_row] is None:
                    values[r - data_row] = anchor
    return fills


def _find_matrix(
    rows: list[list[str | None]], catalog: Catalog
) -> tuple[int, int, dict[int, str], dict[int, TaskMatch]] | None:
    """(header row, unit column, {column: header text}, {column: task match}) of a units x
    tasks sheet. Headers match tasks by the cascade of :mod:`loaders.reports.task_match`
    (codes, sections, full or short titles), run once over the distinct header texts."""
    texts = {str(t) for cells in rows for t in cells if t and len(str(t)) >= 3 and not field_of(t)}
    found = match_tasks(sorted(texts), catalog) if texts else {}
    for r, cells in enumerate(rows):
        task_cols = {
            c: str(t)
            for c, t in enumerate(cells)
            if t and len(found.get(str(t), TaskMatch()).ids) == 1
        }
        if len(task_cols) < 2:
            continue
        unit_col = None
        for rr in (r, r - 1):
            if rr < 0:
                continue
            for c, text in enumerate(rows[rr]):
                if text and field_of(text) == "unit" and c not in task_cols:
                    unit_col = c
                    break
            if unit_col is not None:
                break
        if unit_col is not None:
            return r, unit_col, task_cols, {c: found[t] for c, t in task_cols.items()}
    return None


def _stage_matrix(
    file: str,
    sheet: RawSheet,
    rows: list[list[str | None]],
    header_row: int,
    unit_col: int,
    task_cols: dict[int, str],
    matches: dict[int, TaskMatch],
    catalog: Catalog,
) -> tuple[StagedSheet, list[Problem]]:
    """A header that named its task only approximately is replaced by the task's code (one
    warning on the header cell, not one per filled cell)."""
    problems: list[Problem] = []
    for col, match in matches.items():
        task = catalog.task(match.ids[0])
        if not match.exact and task is not None:
            problems.append(
                Problem(
                    file,
                    sheet.name,
                    header_row + 1,
                    sheet.letter(col),
                    task_cols[col],
                    f"«{task_cols[col]}» được hiểu là {task_label(task)}. Hãy kiểm tra; nếu đúng, "
                    "có thể ghi nhớ tên gọi này cho các lần sau.",
                    "warning",
                )
            )
            task_cols[col] = task.code
    data_row = header_row + 1
    body = sheet.table.slice(data_row)
    n = body.num_rows
    row_no = pa.array(range(data_row + 1, data_row + n + 1), pa.int32())
    fill = _merged_fills(sheet, data_row, n, {"unit": unit_col})
    units = (
        pa.array(fill[unit_col], pa.string())
        if unit_col in fill
        else (body.column(unit_col).combine_chunks())
    )
    parts = []
    for col, text in task_cols.items():
        cells = body.column(col).combine_chunks()
        header = pa.array([text] * n, pa.string())
        part = pa.table(
            {
                "row_no": row_no,
                "unit_text": units,
                "code_text": header,
                "section_text": header,
                "title_text": header,
                "period_text": pa.nulls(n, pa.string()),
                "status_text": cells,
                "date_text": cells,
                "result_text": pa.nulls(n, pa.string()),
                "note_text": pa.nulls(n, pa.string()),
                "cell_col": pa.array([sheet.letter(col)] * n, pa.string()),
            }
        )
        parts.append(part.filter(pc.is_valid(cells)))
    table = pa.concat_tables(parts) if parts else pa.table({})
    title = title_of(sheet, rows[:header_row])
    letters = {"unit": sheet.letter(unit_col)}
    problems += _cell_problems(file, sheet, data_row)
    staged = StagedSheet(sheet.name, "matrix", letters, table, title, "column", sheet.first_col)
    return staged, problems


def _cell_problems(file: str, sheet: RawSheet, data_row: int) -> list[Problem]:
    """Error cells (#N/A, #REF! ...) and formulas Excel never calculated, in a report sheet."""
    problems = []
    for row, col, label in sheet.errors:
        problems.append(
            Problem(
                file,
                sheet.name,
                row + 1,
                column_letter(col),
                label,
                f"Ô chứa lỗi {label}. Hãy sửa công thức hoặc nhập giá trị thay cho lỗi.",
            )
        )
    for row, letters, has_value in sheet.formula_cells:
        if not has_value:
            problems.append(
                Problem(
                    file,
                    sheet.name,
                    row or None,
                    letters or None,
                    None,
                    "Ô chứa công thức chưa có giá trị đã tính (tệp được tạo bởi phần mềm không "
                    "tính công thức). Hãy mở bằng Excel, lưu lại rồi gửi lại, hoặc nhập giá trị.",
                )
            )
    return problems
