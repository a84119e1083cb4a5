"""Cells corrected in the upload preview, put in place of what the file holds.

A correction names a cell as the problems do (sheet, 1-based row, column letter) and the
text to read there instead. It is applied to the sheets as read, before anything else looks
at them, so the corrected file goes through exactly the same readers and checks as any
other; the file's bytes are never changed. A cell outside the table read (a row or column
the file does not reach) cannot be corrected: that is a located error, not a silent no-op.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import pyarrow as pa

from domain.problems import Problem, column_index
from loaders.reading.sheets import RawSheet


@dataclass(frozen=True)
class Correction:
    """Read `after` at `sheet`!`column``row`; `before` is what the file holds there
    (filled in when applied)."""

    sheet: str
    row: int
    column: str
    after: str
    before: str | None = None

    def as_dict(self) -> dict:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "before": self.before,
            "after": self.after,
        }


def apply(
    file: str, sheets: list[RawSheet], wanted: list[Correction]
) -> tuple[list[Correction], list[Problem]]:
    """Put each correction's text in its cell of `sheets` (in place). Returns the
    corrections that change something, with `before` filled in, and an error for each
    correction whose cell is not in a sheet read."""
    by_name = {s.name: s for s in sheets if s.visible and s.width}
    done: list[Correction] = []
    problems: list[Problem] = []
    for fix in wanted:
        sheet = by_name.get(fix.sheet)
        col = column_index(fix.column) - sheet.first_col if sheet else -1
        if sheet is None or not 0 <= col < sheet.width or not 0 < fix.row <= sheet.table.num_rows:
            problems.append(
                Problem(
                    file,
                    fix.sheet,
                    fix.row,
                    fix.column,
                    fix.after,
                    "Ô đã sửa không nằm trong bảng đọc được của tệp; không sửa được ô này.",
                )
            )
            continue
        after = unicodedata.normalize("NFC", fix.after.strip())
        name = sheet.table.column_names[col]
        values = sheet.table.column(name).to_pylist()
        before = values[fix.row - 1]
        if (before or "") == after:
            continue
        values[fix.row - 1] = after or None
        sheet.table = sheet.table.set_column(col, name, pa.array(values, pa.string()))
        # an error cell (#N/A) corrected is no longer an error cell
        at = sheet.first_col + col
        sheet.errors = [e for e in sheet.errors if (e[0], e[1]) != (fix.row - 1, at)]
        done.append(Correction(fix.sheet, fix.row, fix.column, after, before))
    return done, problems
