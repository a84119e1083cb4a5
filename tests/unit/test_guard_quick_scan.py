"""The guard's quick search (RE2 over large chunks) learns what its Python pass learns.

Large worksheet parts are searched chunk by chunk for any token the guard reads; a chunk
without one skips the Python pass. Each case here writes a sheet of a little over two
chunks with one hostile or unusual token placed across the first chunk boundary (where a
token is split between two reads) or near the end, and scans it both ways.
"""

from __future__ import annotations

import io
import zipfile

import pytest

from loaders.reading import guard

CHUNK = 1 << 20
PATH = "xl/worksheets/sheet1.xml"
HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    "<sheetData>"
)


def _row(r: int) -> str:
    cells = "".join(
        f'<c r="{col}{r}" t="inlineStr"><is><t>Nội dung {r}-{col}</t></is></c>' for col in "ABCDE"
    )
    return f'<row r="{r}" spans="1:5">{cells}</row>'


def _sheet(token: str, at_boundary: int | None, tail: str = "") -> bytes:
    """A sheet whose `token` starts `at_boundary` bytes before the first chunk's end (None:
    after the last row), with `tail` after ``</sheetData>``."""
    parts, size, r = [HEAD], len(HEAD.encode()), 1
    target = CHUNK - at_boundary if at_boundary is not None else 2 * CHUNK + CHUNK // 4
    while size < target - 400:
        row = _row(r)
        parts.append(row)
        size += len(row.encode())
        r += 1
    if at_boundary is not None:
        # an inline string that brings the token to its place
        pad_open = f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>'
        pad_close = "</t></is></c></row>"
        fill = target - size - len(pad_open) - len(pad_close)
        parts.append(pad_open + "x" * fill + pad_close)
        size = target
        r += 1
    parts.append(token)
    r += 1
    while size < 2 * CHUNK + CHUNK // 4:
        row = _row(r)
        parts.append(row)
        size += len(row.encode())
        r += 1
    parts.append("</sheetData>" + tail + "</worksheet>")
    data = "".join(parts).encode()
    if at_boundary is not None:
        assert data.index(token.encode()) == CHUNK - at_boundary
    return data


def _scan(xml: bytes, quick_from: int) -> guard.SheetFacts:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr(PATH, xml)
    archive = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    facts = guard.SheetFacts("Báo cáo", PATH)
    guard._scan_sheet(archive, archive.getinfo(PATH), facts, quick_from=quick_from)
    return facts


def _both(xml: bytes) -> guard.SheetFacts:
    quick = _scan(xml, guard.QUICK_FROM)
    full = _scan(xml, 1 << 40)
    assert quick == full
    return quick


FAR = '<row r="900"><c r="AB900"><v>1</v></c></row>'
DEEP = '<row r="654321"><c r="A654321"><v>1</v></c></row>'
NO_POSITION = '<row r="901"><c t="s"><v>0</v></c></row>'
NO_ROW_NUMBER = '<row><c r="A902"><v>1</v></c></row>'
FORMULA = '<row r="903"><c r="C903"><f>SUM(A1:A2)</f></c></row>'
FORMULA_VALUE = '<row r="904"><c r="D904"><f>1+1</f><v>2</v></c></row>'
HIDDEN = '<row r="905" hidden="1"><c r="A905"><v>1</v></c></row>'


@pytest.mark.parametrize("at_boundary", [1, 5, None], ids=lambda a: f"boundary-{a}")
@pytest.mark.parametrize(
    "token", [FAR, DEEP, NO_POSITION, NO_ROW_NUMBER, FORMULA, FORMULA_VALUE, HIDDEN]
)
def test_a_token_across_a_chunk_boundary_is_seen_by_the_quick_search(token, at_boundary):
    facts = _both(_sheet(token, at_boundary))
    if token == FAR:
        assert facts.max_col == 28
    if token == DEEP:
        assert facts.max_row == 654321
    if token in (NO_POSITION, NO_ROW_NUMBER):
        assert facts.implicit_positions
    if token == FORMULA:
        assert facts.formula_cells == [(903, "C", False)]
    if token == FORMULA_VALUE:
        assert facts.formula_cells == [(904, "D", True)]
    assert facts.may_hide == (token == HIDDEN)


def test_a_plain_large_sheet_gives_the_same_facts_and_its_merges():
    facts = _both(_sheet("", None, '<mergeCells count="1"><mergeCell ref="A1:C2"/></mergeCells>'))
    assert facts.merges == [(0, 0, 1, 2)]
    assert not facts.implicit_positions and not facts.formula_cells and not facts.may_hide


@pytest.mark.parametrize("at_boundary", [2, None])
@pytest.mark.parametrize(
    "token",
    ['<!DOCTYPE x [<!ENTITY a "b">]>', '<row r="906"><c r="XFD906"><v>1</v></c></row>'],
    ids=["doctype", "far-away-cell"],
)
def test_a_doctype_or_a_far_cell_in_a_large_sheet_is_refused_both_ways(token, at_boundary):
    xml = _sheet(token, at_boundary)
    for quick_from in (guard.QUICK_FROM, 1 << 40):
        with pytest.raises(guard._Refused):
            _scan(xml, quick_from)
