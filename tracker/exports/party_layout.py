"""The page and the blocks of a party document (Hướng dẫn 36-HD/VPTW) in python-docx.

What the guidance sets and this follows: A4; margins top and bottom 2 cm, left 3 cm (the
binding side), right 1,5 cm; Times New Roman, body 14 pt; the header block as a borderless
two-column table: on the left the body above the issuer (regular), the issuer (bold), a
"*" under it and "Số …-BC/…"; on the right "ĐẢNG CỘNG SẢN VIỆT NAM" (bold, underlined) over
the place and date (italic); the signature block beside "Nơi nhận:", kept on one page
(a row that cannot split, the paragraph before it kept with it), so no page holds only the
recipients' tail. A landscape section carries the wide tables (an appendix).
"""

from __future__ import annotations

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from tracker.exports.safe import xml_text

FONT = "Times New Roman"
BODY_PT = 14
A4 = (Cm(21), Cm(29.7))
MARGINS = {"top": Cm(2), "bottom": Cm(2), "left": Cm(3), "right": Cm(1.5)}
PORTRAIT_TEXT = A4[0] - MARGINS["left"] - MARGINS["right"]
LANDSCAPE_TEXT = A4[1] - MARGINS["left"] - MARGINS["right"]


def setup(doc) -> None:
    """A4 portrait, the guidance's margins, Times New Roman 14 for every style."""
    section = doc.sections[0]
    section.page_width, section.page_height = A4
    for side, width in MARGINS.items():
        setattr(section, f"{side}_margin", width)
    for name in ("Normal", "Table Grid"):
        style = doc.styles[name]
        style.font.name = FONT
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), FONT)
    doc.styles["Normal"].font.size = Pt(BODY_PT)


def paragraph(
    where, text: str = "", *, bold=False, italic=False, underline=False, size=BODY_PT,
    align=None, indent=True, after=6, keep=False,
):  # fmt: skip
    """A paragraph of `text` in `where` (the document or a cell); body text is justified
    with a 1 cm first-line indent unless `align` is given."""
    found = where.add_paragraph()
    if text:
        run = found.add_run(xml_text(text))
        run.bold, run.italic, run.underline, run.font.size = bold, italic, underline, Pt(size)
    if align is not None:
        found.alignment = align
    elif indent:
        found.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        found.paragraph_format.first_line_indent = Cm(1)
    found.paragraph_format.space_after = Pt(after)
    found.paragraph_format.keep_with_next = keep
    return found


def _first(cell, text: str, **style) -> None:
    """`text` in the cell's own first paragraph (a new cell has one, empty)."""
    cell.text = ""
    target = cell.paragraphs[0]
    target.alignment = style.pop("align", WD_ALIGN_PARAGRAPH.CENTER)
    run = target.add_run(xml_text(text))
    run.bold = style.get("bold", False)
    run.italic = style.get("italic", False)
    run.underline = style.get("underline", False)
    run.font.size = Pt(style.get("size", BODY_PT))
    target.paragraph_format.space_after = Pt(0)


def _borderless(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "nil")
        borders.append(line)
    table._tbl.tblPr.append(borders)


def _column_widths(table, widths) -> None:
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def issuer_lines(issuer: str, province: str) -> tuple[str, str]:
    """(the body above, the issuer) as the header block writes them: "Ban Tuyên giáo Tỉnh ủy
    Lạng Sơn" is "TỈNH ỦY LẠNG SƠN" over "BAN TUYÊN GIÁO"; an issuer without a body above
    it is written alone."""
    name = " ".join(issuer.split())
    for above in ("Tỉnh ủy", "Thành ủy", "Huyện ủy"):
        tail = f" {above} {province}".rstrip()
        if province and name.endswith(tail) and len(name) > len(tail):
            return f"{above} {province}".upper(), name[: -len(tail)].upper()
    return "", name.upper()


def letterhead(doc, issuer: str, province: str, number: str) -> None:
    """The header block: issuer and "Số …" on the left, the Party's name, place and date on
    the right (placeholders in brackets where the office writes)."""
    grid = doc.add_table(rows=1, cols=2)
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borderless(grid)
    _column_widths(grid, [Cm(7.5), PORTRAIT_TEXT - Cm(7.5)])
    left, right = grid.rows[0].cells
    above, body = issuer_lines(issuer, province) if issuer else ("", "[TÊN CƠ QUAN BÁO CÁO]")
    if above:
        _first(left, above, size=BODY_PT)
        paragraph(left, body, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    else:
        _first(left, body, bold=True)
    paragraph(left, "*", align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    paragraph(left, number, size=BODY_PT, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    _first(right, "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, underline=True, size=15)
    paragraph(
        right, f"{province or '[Địa danh]'}, ngày … tháng … năm …", italic=True,
        align=WD_ALIGN_PARAGRAPH.CENTER, after=0,
    )  # fmt: skip


def signature(doc, recipients: list[str], signer: str) -> None:
    """«Nơi nhận» on the left, the signer's block on the right, in one row that never splits
    across pages (the last paragraph before it should be kept with it)."""
    grid = doc.add_table(rows=1, cols=2)
    _borderless(grid)
    _column_widths(grid, [Cm(7.5), PORTRAIT_TEXT - Cm(7.5)])
    row = grid.rows[0]
    cant_split = OxmlElement("w:cantSplit")
    row._tr.get_or_add_trPr().append(cant_split)
    left, right = row.cells
    _first(left, "Nơi nhận:", underline=True, size=BODY_PT, align=WD_ALIGN_PARAGRAPH.LEFT)
    for line in recipients:
        paragraph(left, line, size=12, align=WD_ALIGN_PARAGRAPH.LEFT, after=0)
    _first(right, signer, bold=True)
    paragraph(right, "[CHỨC VỤ NGƯỜI KÝ]", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    for _ in range(3):
        paragraph(right, "", align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    paragraph(right, "[Họ và tên]", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)


def landscape_section(doc):
    """A new landscape A4 section (the appendix of wide tables), same margins."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = A4[1], A4[0]
    for side, width in MARGINS.items():
        setattr(section, f"{side}_margin", width)
    return section


def table_cell(cell, text: str, *, bold=False, size=11, left=False, width=None) -> None:
    """One cell of a data table: its text, centred (names left), no space after."""
    align = WD_ALIGN_PARAGRAPH.LEFT if left else WD_ALIGN_PARAGRAPH.CENTER
    _first(cell, text, bold=bold, size=size, align=align)
    if width is not None:
        cell.width = width


def fixed_columns(table, widths) -> None:
    """Fixed layout with these widths (Word ignores cell widths of an autofit table)."""
    _column_widths(table, widths)


def repeat_header(row) -> None:
    """Repeat `row` at the top of every page the table runs onto."""
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)
