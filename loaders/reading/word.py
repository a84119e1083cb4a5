"""Report tables pasted into a Word document (.docx), read like sheets.

Each table of the body becomes one sheet named "Bảng 1", "Bảng 2" …: its rows are the
table's rows (row 1 is the table's first row) and its columns are lettered A, B, C … so a
problem names the table, the row and the column. The paragraphs above a table (the
letterhead, the title with its period, "Đơn vị báo cáo: …", the place-date line) are kept
as the sheet's ``preamble``, where the title block is looked for.

Merged cells: python-docx returns a merged cell once per grid position; only the first
position keeps the text (as a spreadsheet's anchor does) and the merge is recorded.
The .docx was sniffed and is a zip: its size is bounded by the upload limit, and
python-docx parses XML with lxml, which does not resolve external entities.
"""

from __future__ import annotations

import io

import pyarrow as pa

from domain.problems import Problem, file_problem
from loaders.reading.sheets import RawSheet

MAX_ROWS = 5_000
MAX_COLUMNS = 64


def read_docx(file: str, data: bytes) -> tuple[list[RawSheet], list[Problem]]:
    """The tables of a .docx as raw sheets; a document that cannot be read is one problem."""
    try:
        import docx
        from docx.oxml.ns import qn

        document = docx.Document(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - a damaged document is the user's problem
        return [], [
            file_problem(
                file,
                "Văn bản Word bị hỏng, không đọc được. Hãy mở bằng "
                "Word, lưu lại (.docx) rồi gửi lại.",
            )
        ]
    from docx.table import Table

    sheets: list[RawSheet] = []
    preamble: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            text = "".join(t.text or "" for t in child.iter(qn("w:t"))).strip()
            if text and not any(True for _ in child.iter(qn("w:tbl"))):
                preamble.append(text)
        if child.tag not in (qn("w:p"), qn("w:tbl")):
            continue
        # a table, the tables nested in its cells, the tables in a paragraph's text box
        for element in child.iter(qn("w:tbl")):
            if _in_fallback(element):
                continue  # the text box's old VML copy of the same table
            sheet = _sheet(f"Bảng {len(sheets) + 1}", Table(element, document._body))
            if sheet is None:
                return [], [
                    file_problem(file, "Bảng trong văn bản Word lớn bất thường; tệp bị từ chối.")
                ]
            sheet.preamble = preamble  # the same title block for an outer and inner table
            sheets.append(sheet)
        if child.tag == qn("w:tbl") or any(True for _ in child.iter(qn("w:tbl"))):
            preamble = []
    return sheets, []


def _in_fallback(element) -> bool:
    parent = element.getparent()
    while parent is not None:
        if str(parent.tag).endswith("}Fallback"):
            return True
        parent = parent.getparent()
    return False


def _sheet(name: str, table) -> RawSheet | None:
    rows = list(table.rows)
    if len(rows) > MAX_ROWS:
        return None
    grid: list[list[str | None]] = []
    owners: list[list[object]] = []
    for row in rows:
        cells = list(row.cells)[:MAX_COLUMNS]
        grid.append([(c.text or "").strip() or None for c in cells])
        owners.append([c._tc for c in cells])
    width = max((len(r) for r in grid), default=0)
    merges: list[tuple[int, int, int, int]] = []
    anchors: dict[int, tuple[int, int]] = {}
    for r, row_owners in enumerate(owners):
        for c, owner in enumerate(row_owners):
            key = id(owner)
            if key in anchors:
                grid[r][c] = None
                r0, c0 = anchors[key]
                merges.append((r0, c0, r, c))
            else:
                anchors[key] = (r, c)
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for r0, c0, r, c in merges:
        low_r, low_c = spans.get((r0, c0), (r0, c0))
        spans[(r0, c0)] = (max(low_r, r), max(low_c, c))
    columns = {
        f"c{i}": pa.array([r[i] if i < len(r) else None for r in grid], pa.string())
        for i in range(width)
    }
    merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in spans.items()]
    return RawSheet(name, True, pa.table(columns), 0, merged)
