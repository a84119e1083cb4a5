"""Raw sheets as the Rust readers give them: every cell text, Excel coordinates kept.

Shared by the in-process reader (:mod:`loaders.reading.workbook`) and the memory-capped
child (:mod:`loaders.reading.isolated`), which is why it sits below both.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import fastexcel
import pyarrow as pa

from domain.problems import column_letter

_ERROR_NAMES = {
    "NA": "#N/A",
    "Ref": "#REF!",
    "Div0": "#DIV/0!",
    "Value": "#VALUE!",
    "Name": "#NAME?",
    "Null": "#NULL!",
    "Num": "#NUM!",
    "GettingData": "#GETTING_DATA",
}


@dataclass
class RawSheet:
    """One sheet as read: every column text; row i of `table` is Excel row i + 1."""

    name: str
    visible: bool
    table: pa.Table
    first_col: int = 0
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    errors: list[tuple[int, int, str]] = field(default_factory=list)
    """(0-based row, absolute column, "#N/A") of every error cell."""
    formula_cells: list[tuple[int, str, bool]] = field(default_factory=list)
    preamble: list[str] = field(default_factory=list)
    """Lines of text above the table that are not in its rows (a Word document's
    paragraphs); the title block is looked for there first."""

    @property
    def width(self) -> int:
        return self.table.num_columns

    def letter(self, col: int) -> str:
        """Excel letter of table column `col`."""
        return column_letter(self.first_col + col)


def read_with_fastexcel(data: bytes, want_merges: bool = False) -> list[RawSheet]:
    """Every visible sheet of a workbook as strings; hidden sheets are listed, not loaded."""
    reader = fastexcel.read_excel(data)
    merges: dict[str, list] = _calamine_merges(data) if want_merges else {}
    sheets = []
    for index, name in enumerate(reader.sheet_names):
        sheet = reader.load_sheet(index, header_row=None, dtypes="string", skip_rows=0)
        visible = str(sheet.visible).lower() == "visible"
        if not visible or sheet.width == 0:
            sheets.append(RawSheet(name, visible, pa.table({})))
            continue
        first_col = sheet.available_columns()[0].absolute_index
        table, cell_errors = sheet.to_arrow_with_errors()
        if isinstance(table, pa.RecordBatch):
            table = pa.Table.from_batches([table])  # cheaper than pa.table(batch)
        elif not isinstance(table, pa.Table):
            table = pa.table(table)
        table = table.rename_columns([f"c{i}" for i in range(table.num_columns)])
        errors = []
        if cell_errors is not None:
            for err in cell_errors.errors:
                row, col = err.position
                found = re.search(r"Error\((\w+)\)", err.detail)
                label = _ERROR_NAMES.get(found.group(1), "#" + found.group(1)) if found else "#?"
                errors.append((row, first_col + col, label))
        sheets.append(RawSheet(name, True, table, first_col, merges.get(name, []), errors))
    return sheets


def _calamine_merges(data: bytes) -> dict[str, list[tuple[int, int, int, int]]]:
    try:
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_object(io.BytesIO(data))
        found = {}
        for name in book.sheet_names:
            ranges = book.get_sheet_by_name(name).merged_cell_ranges or []
            found[name] = [(a[0], a[1], b[0], b[1]) for a, b in ranges]
        return found
    except Exception:  # noqa: BLE001 - merges are a nicety; reading goes on without them
        return {}
