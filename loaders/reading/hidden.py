"""Rows and columns a sheet hides (by a filter or by hand), which the Rust readers return
as if they were shown.

A unit that filters a consolidated sheet down to its own rows sends the other units' rows
hidden; reading them would change those units' facts. fastexcel and python-calamine do not
expose row or column visibility, so the worksheet XML is looked at once more: only the
``<row …>`` and ``<col …>`` tags, and only in sheets whose XML says ``hidden`` at all. The
guard (:mod:`loaders.reading.guard`) has already checked every member's size, so inflating a
sheet here is bounded.
"""

from __future__ import annotations

import io
import re
import zipfile

from loaders.reading.guard import _read_small, _sheet_list
from loaders.reading.sheets import RawSheet

_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_COL = re.compile(rb"<(?:\w+:)?col\b([^>]*)/?>")
_HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')
_R = re.compile(rb'\br="(\d+)"')
_MIN_MAX = re.compile(rb'\bmin="(\d+)"[^>]*?\bmax="(\d+)"|\bmax="(\d+)"[^>]*?\bmin="(\d+)"')


def hidden_parts(data: bytes) -> dict[str, tuple[set[int], set[int]]]:
    """Sheet name -> (0-based hidden rows, 0-based absolute hidden columns), for the sheets
    of an .xlsx that hide any. A file that cannot be opened hides nothing (the readers
    have refused it already)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        rels_name = "xl/_rels/workbook.xml.rels"
        rels = _read_small(archive, rels_name) if rels_name in names else b""
        sheets = _sheet_list(_read_small(archive, "xl/workbook.xml"), rels)
        found: dict[str, tuple[set[int], set[int]]] = {}
        for sheet in sheets:
            if not sheet.visible or sheet.path not in names:
                continue
            xml = archive.read(sheet.path)
            if not _HIDDEN.search(xml):
                continue
            rows = {
                int(r.group(1)) - 1
                for tag in _ROW.findall(xml)
                if _HIDDEN.search(tag) and (r := _R.search(tag))
            }
            cols: set[int] = set()
            head = xml.split(b"<sheetData", 1)[0]
            for tag in _COL.findall(head):
                if _HIDDEN.search(tag) and (m := _MIN_MAX.search(tag)):
                    low, high = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
                    cols.update(range(int(low) - 1, min(int(high), 16384)))
            if rows or cols:
                found[sheet.name] = (rows, cols)
        return found
    except Exception:  # noqa: BLE001 - visibility is read on a file the guard accepted
        return {}


def drop_hidden(sheet: RawSheet, rows: set[int], cols: set[int]) -> tuple[list[int], list[int]]:
    """Blank the hidden cells of `sheet` in place (row numbers stay as Excel shows them);
    returns the 0-based rows and table columns that held something and were left out."""
    import pyarrow as pa
    import pyarrow.compute as pc

    table = sheet.table
    n = table.num_rows
    row_list = sorted(r for r in rows if r < n)
    col_list = sorted(
        c - sheet.first_col for c in cols if 0 <= c - sheet.first_col < table.num_columns
    )
    if not row_list and not col_list:
        return [], []
    mask_values = [False] * n
    for r in row_list:
        mask_values[r] = True
    mask = pa.array(mask_values)
    filled_rows: set[int] = set()
    columns = []
    for i, name in enumerate(table.column_names):
        column = table.column(name).combine_chunks()
        if i in col_list:
            columns.append(pa.nulls(n, pa.string()))
            continue
        if row_list:
            held = pc.and_(mask, pc.is_valid(column))
            filled_rows.update(pc.indices_nonzero(held).to_pylist())
            column = pc.if_else(mask, pa.nulls(n, pa.string()), column)
        columns.append(column)
    filled_cols = [c for c in col_list if pc.any(pc.is_valid(table.column(c))).as_py()]
    sheet.table = pa.table(dict(zip(table.column_names, columns, strict=True)))
    return sorted(filled_rows), filled_cols
