"""Where a report's table ends: the form's footer (totals, notes, the place-date line,
signature titles, "Nơi nhận") is never read as rows, and a task row left under it is an
error rather than a silent loss."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from domain.problems import Problem
from loaders.reading.workbook import RawSheet
from loaders.reports.catalog import code_key

_FOOTER_ANYWHERE = (
    r"(?i)người lập biểu|người lập bảng|ký,? ghi rõ họ|ký tên|đóng dấu|nơi nhận\s*:?\s*$"
    r"|^\s*[^,\d]{2,40},\s*ngày\s+\d{1,2}(\s+tháng\s+\d{1,2}\s+năm|\s*/\s*\d{1,2}\s*/)\s*\d{4}"
)
_FOOTER_FIRST = r"(?i)^\s*(cộng|tổng cộng|tổng số|tổng|ghi chú\s*:.+|nơi nhận\b.*)\s*:?\s*$"
FOOTER_COLUMNS = 3
"""Totals and notes are recognised in the first columns (STT, code, title) only."""
_FOOTER_WORDS = (
    "lập biểu",
    "lập bảng",
    "ký",
    "đóng dấu",
    "nơi nhận",
    "ngày",
    "cộng",
    "tổng",
    "ghi chú",
)
"""A word each footer pattern needs (lower case): a sheet whose text holds none of them has
no footer, and the two patterns (RE2 compiles them at every call) are not run."""
_FOOTER_CHECK_BYTES = 1 << 16
"""Sheets this small are checked for :data:`_FOOTER_WORDS` first: on them the patterns'
compilation, not their run, is the cost."""


def table_end(table: pa.Table, data_row: int) -> int:
    """The first row after the table: a totals row ("Cộng", "Tổng số"), a note, the place-date
    line, the signature titles ("Người lập biểu", "(Ký, ghi rõ họ tên)"), "Nơi nhận". What
    follows is the form's footer, never report rows (the table's length if none)."""
    body = table.slice(data_row)
    n = body.num_rows
    if n == 0 or body.num_columns == 0:
        return table.num_rows
    # All columns end to end, so that each pattern is compiled and run once per sheet.
    cells = pa.chunked_array(
        [
            chunk
            for column in body.columns
            for chunk in (column if column.type == pa.string() else column.cast(pa.string())).chunks
        ],
        pa.string(),
    ).combine_chunks()
    if cells.nbytes < _FOOTER_CHECK_BYTES and not _may_hold_footer(cells):
        return table.num_rows
    found = pc.fill_null(pc.match_substring_regex(cells, _FOOTER_ANYWHERE), False)
    hit = found.to_numpy(zero_copy_only=False).reshape(body.num_columns, n).any(axis=0)
    first = cells.slice(0, n * min(FOOTER_COLUMNS, body.num_columns))
    found = pc.fill_null(pc.match_substring_regex(first, _FOOTER_FIRST), False)
    hit[:] |= found.to_numpy(zero_copy_only=False).reshape(-1, n).any(axis=0)
    rows = np.flatnonzero(hit)
    return data_row + int(rows[0]) if rows.size else table.num_rows


def _may_hold_footer(cells: pa.StringArray) -> bool:
    """Whether any cell holds one of :data:`_FOOTER_WORDS`, in any case: the cells' bytes
    are searched at once."""
    _, offsets, data = cells.buffers()
    if offsets is None or data is None:
        return False
    bounds = np.frombuffer(offsets, np.int32)[cells.offset : cells.offset + len(cells) + 1]
    text = data.to_pybytes()[int(bounds[0]) : int(bounds[-1])] if len(bounds) else b""
    folded = text.decode("utf-8", "replace").casefold()
    return any(word in folded for word in _FOOTER_WORDS)


def tasks_after_end(
    file: str, sheet: RawSheet, end: int, code_col: int | None, codes: frozenset[str]
) -> list[Problem]:
    """An error at the first row below the table's end that writes a task code of the plan:
    a totals row ("Cộng") placed between task rows would otherwise drop the rows under it."""
    if code_col is None or end >= sheet.table.num_rows:
        return []
    below = sheet.table.column(code_col).slice(end).to_pylist()
    for offset, text in enumerate(below[1:], start=1):
        if text and code_key(str(text)) in codes:
            ended = ", ".join(
                str(v) for v in sheet.table.slice(end, 1).to_pylist()[0].values() if v
            )
            return [
                Problem(
                    file,
                    sheet.name,
                    end + offset + 1,
                    sheet.letter(code_col),
                    str(text),
                    f"Dòng này nằm dưới dòng {end + 1} «{ended[:60]}», nơi bảng được coi là "
                    "đã hết (dòng cộng, ghi chú hoặc chữ ký), nên các nhiệm vụ từ đây không "
                    "được đọc. Hãy chuyển dòng đó xuống cuối bảng hoặc xoá nó.",
                )
            ]
    return []
