"""The default công văn đôn đốc templates, built with python-docx: run once
(``python -m tracker.exports.letter_template``) to write ``templates/letter_party.docx`` and
``templates/letter_state.docx``, which are committed; offices then change the letterhead and
the wording in Word, not here.

Both are A4 (margins 2 cm top and bottom, 3 cm left, 2 cm right), Times New Roman 13 pt
(14 pt for the heading words, 12 pt for "Nơi nhận"). The tags are docxtpl's (Jinja2):
``{{ unit }}`` in a run, ``{%tr for o in obligations %}`` around the table's row, so a
row is repeated per obligation; :func:`tracker.exports.letters.context` lists them all.
The table's header row repeats on every page and is never split across pages; its column
widths fit every header word on A4 (tests render it with LibreOffice and read it back).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

FOLDER = Path(__file__).resolve().parent / "templates"
FONT = "Times New Roman"
CENTER, LEFT, RIGHT, JUSTIFY = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.LEFT,
    WD_ALIGN_PARAGRAPH.RIGHT,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
)
COLUMNS = (  # header, width in cm: 16 cm of text width
    ("TT", 1.0),
    ("Nhiệm vụ", 6.4),
    ("Kỳ báo cáo", 2.8),
    ("Thời hạn", 2.6),
    ("Tình trạng", 3.2),
)
ROW = ("{{ o.no }}", "{{ o.task }}", "{{ o.period }}", "{{ o.due }}", "{{ o.state }}")


def _fonts(run, size: float | None = None, bold=None, italic=None, underline=None) -> None:
    run.font.name = FONT
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    if size:
        run.font.size = Pt(size)
    run.bold, run.italic, run.underline = bold, italic, underline


def _para(container, text: str = "", align=CENTER, size=13, after=0, indent=None, **style):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(after)
    paragraph.paragraph_format.space_before = Pt(0)
    if indent is not None:
        paragraph.paragraph_format.first_line_indent = Cm(indent)
    if text:
        _fonts(paragraph.add_run(text), size, **style)
    return paragraph


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _cell(table, row: int, col: int, width_cm: float):
    """The empty cell (row, col), `width_cm` wide; the grid column too, which LibreOffice
    reads where Word reads the cell's."""
    table.columns[col].width = Cm(width_cm)
    cell = table.cell(row, col)
    cell.width = Cm(width_cm)
    cell._element.remove(cell.paragraphs[0]._element)
    return cell


def _row_flags(row, header: bool) -> None:
    props = row._tr.get_or_add_trPr()
    keep = OxmlElement("w:cantSplit")
    props.append(keep)
    if header:
        props.append(OxmlElement("w:tblHeader"))


def _heading(document, kind: str) -> None:
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_borders(table)
    left, right = _cell(table, 0, 0, 6.5), _cell(table, 0, 1, 9.5)
    _para(left, "{{ parent }}", size=13)
    _para(left, "{{ issuer_name }}", size=13, bold=True)
    if kind == "party":
        _para(left, "*", size=13)
        _para(left, "{{ number_text }}", size=13)
        _para(left, "{{ subject }}", size=12, italic=True)
        _para(right, "ĐẢNG CỘNG SẢN VIỆT NAM", size=14, bold=True, underline=True)
        _para(right, "")
        _para(right, "{{ place_date }}", size=13, italic=True)
    else:
        _para(left, "───────", size=10)
        _para(left, "{{ number_text }}", size=13)
        _para(left, "{{ subject }}", size=12)
        _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True)
        _para(right, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True, underline=True)
        _para(right, "")
        _para(right, "{{ place_date }}", size=14, italic=True)


def _obligations(document) -> None:
    table = document.add_table(rows=3, cols=len(COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for col, (header, width) in enumerate(COLUMNS):
        head = _cell(table, 0, col, width)
        _para(head, header, size=12, bold=True)
        loop = _cell(table, 1, col, width)
        body = _cell(table, 2, col, width)
        if col == 0:
            _para(loop, "{%tr for o in obligations %}", size=12)
        else:
            _para(loop, "", size=12)
        _para(body, ROW[col], align=LEFT if col == 1 else CENTER, size=12)
    end = table.add_row()
    for col, (_header, width) in enumerate(COLUMNS):
        cell = _cell(table, 3, col, width)
        _para(cell, "{%tr endfor %}" if col == 0 else "", size=12)
    _row_flags(table.rows[0], header=True)
    for row in table.rows[1:]:
        _row_flags(row, header=False)
    del end


def _closing(document, kind: str) -> None:
    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    _no_borders(table)
    left, right = _cell(table, 0, 0, 8.0), _cell(table, 0, 1, 8.0)
    if kind == "party":
        _para(left, "Nơi nhận:", align=LEFT, size=14, underline=True)
    else:
        _para(left, "Nơi nhận:", align=LEFT, size=12, bold=True, italic=True)
    _para(left, "- Như trên;", align=LEFT, size=12 if kind == "party" else 11)
    _para(left, "{{ copy_to }}", align=LEFT, size=12 if kind == "party" else 11)
    _para(left, "- Lưu: VT.", align=LEFT, size=12 if kind == "party" else 11)
    _para(right, "{{ sign_for }}", size=14, bold=True)
    _para(right, "{{ signer_title }}", size=14, bold=True)
    for _ in range(4):
        _para(right, "")
    _para(right, "{{ signer_name }}", size=14, bold=True)


def build(kind: str) -> Any:
    """The default template of `kind` ("party" or "state") as a python-docx Document."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(2.0)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(13)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    document._body._element.remove(document.paragraphs[0]._element) if document.paragraphs else None
    _heading(document, kind)
    _para(document, "", after=6)
    _para(document, "Kính gửi: {{ unit }}", size=14, after=12)
    body = dict(align=JUSTIFY, size=14, after=6, indent=1.0)
    _para(
        document,
        "Thực hiện {{ directive }}, {{ issuer }} đã ban hành Kế hoạch số {{ plan }}, ngày "
        "{{ plan_date }} về {{ plan_about }}.",
        **body,
    )
    _para(
        document,
        "Theo dõi đến ngày {{ as_of }}, {{ unit }} còn {{ summary }}, cụ thể như sau:",
        **body,
    )
    _obligations(document)
    _para(document, "", after=6)
    _para(
        document,
        "Đề nghị {{ unit }} khẩn trương thực hiện các nhiệm vụ nêu trên và gửi báo cáo kết "
        "quả về {{ issuer }} trước ngày {{ reply_by }}.",
        **body,
    )
    _para(document, "", after=6)
    _closing(document, kind)
    return document


def main(argv: list[str] | None = None) -> int:
    """Write both default templates into :data:`FOLDER` (or the folder given)."""
    folder = Path(argv[0]) if argv else FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for kind in ("party", "state"):
        build(kind).save(str(folder / f"letter_{kind}.docx"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
