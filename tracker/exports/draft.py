"""The Word draft of the consolidated report upward (báo cáo kết quả thực hiện kế hoạch).

Laid out the way party and state reports are (issuing body and "ĐẢNG CỘNG SẢN VIỆT NAM"
header, "BÁO CÁO" title, numbered parts, "Nơi nhận"), in Times New Roman 13 on A4, with the
figures filled in and brackets ``[…]`` where staff must write: a draft to edit, not a
finished document. Every figure comes from the same :class:`ExportData` as the workbook.
"""

from __future__ import annotations

import io

import pandas as pd
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from domain import labels, status
from domain.text import vn_int, vn_percent
from tracker.exports.report import ExportData, vn_date
from tracker.exports.safe import xml_text
from tracker.views import tables

FONT = "Times New Roman"


def _para(doc, text: str = "", *, bold=False, italic=False, size=13, align=None, indent=True):
    paragraph = doc.add_paragraph()
    if text:
        run = paragraph.add_run(xml_text(text))
        run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    if align is not None:
        paragraph.alignment = align
    elif indent:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Cm(1)
    paragraph.paragraph_format.space_after = Pt(6)
    return paragraph


def _setup(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)


def _cell(cell, text: str, *, bold=False, size=10, align=WD_ALIGN_PARAGRAPH.CENTER) -> None:
    cell.text = ""
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    run = paragraph.add_run(xml_text(text))
    run.bold, run.font.size = bold, Pt(size)


def _letterhead(doc, data: ExportData) -> None:
    h = data.header
    grid = doc.add_table(rows=1, cols=2)
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = grid.rows[0].cells
    issuer = h.issuer.upper() if h.issuer else "[TÊN CƠ QUAN BÁO CÁO]"
    _cell(left, issuer, bold=True, size=12)
    left.add_paragraph("*").alignment = WD_ALIGN_PARAGRAPH.CENTER
    _line(left, "Số:      -BC/…", size=12)
    _cell(right, "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, size=12)
    place = h.province or "[Địa danh]"
    _line(right, f"{place}, ngày … tháng … năm …", italic=True, size=12)


def _line(cell, text: str, *, italic=False, size=12) -> None:
    paragraph = cell.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(xml_text(text))
    run.italic, run.font.size = italic, Pt(size)


def _subject(data: ExportData) -> str:
    h = data.header
    if h.plan:
        issued = f", ngày {vn_date(h.issued_on)}" if h.issued_on else ""
        by = f" của {h.issuer}" if h.issuer else ""
        return f"Kết quả thực hiện Kế hoạch số {h.plan}{issued}{by}"
    codes = ", ".join(h.plan_codes) or "…"
    return f"Kết quả thực hiện các Kế hoạch số {codes}"


def summary_sentence(data: ExportData) -> str:
    """The generated paragraph with the figures (also shown on the export page)."""
    k = data.kpis
    units = len(data.by_unit)
    tasks = len(data.by_task)
    counts = {code: int(data.by_unit[code].sum()) for code in status.CODES}
    return (
        f"Tính đến ngày {vn_date(data.header.as_of)}, {vn_int(units)} đơn vị được giao thực "
        f"hiện {vn_int(tasks)} nhiệm vụ, tổng cộng {vn_int(k.obligations)} nghĩa vụ báo cáo "
        f"(nhiệm vụ × đơn vị × kỳ báo cáo). Đã hoàn thành {vn_int(k.done)} nghĩa vụ "
        f"({vn_percent(k.done_pct)}), trong đó hoàn thành đúng hạn {vn_int(k.done_on_time)} "
        f"({vn_percent(k.on_time_pct)} tổng số), hoàn thành quá hạn "
        f"{vn_int(counts['done_late'])}; đang thực hiện trong hạn "
        f"{vn_int(counts['in_progress'])}; sắp đến hạn {vn_int(k.due_soon)}; chưa hoàn thành, "
        f"quá hạn {vn_int(k.overdue)}; chưa báo cáo {vn_int(k.not_reported)}."
    )


def _counts_table(doc, frame: pd.DataFrame, name_column: str, name_heading: str) -> None:
    """STT, name, Tổng số, one column per status (short label), the two percentages, and a
    "Tổng cộng" row computed from the same counts (with :func:`status.share`)."""
    heads = [
        "STT",
        name_heading,
        labels.header("total"),
        *(s.short for s in status.STATUSES),
        *(labels.header(c) for c in labels.PERCENTS),
    ]
    table = doc.add_table(rows=1, cols=len(heads))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = _fixed_widths(table, len(heads))
    for cell, text, width in zip(table.rows[0].cells, heads, widths, strict=True):
        _cell(cell, text, bold=True, size=9)
        cell.width = width
    _repeat_as_header(table.rows[0])
    for n, row in enumerate(frame.itertuples(index=False, name=None), start=1):
        record = dict(zip(frame.columns, row, strict=True))
        cells = table.add_row().cells
        texts = [
            str(n),
            str(record[name_column]),
            vn_int(record["total"]),
            *(vn_int(record[code]) for code in status.CODES),
            vn_percent(record["done_pct"]),
            vn_percent(record["done_on_time_pct"]),
        ]
        for i, (cell, text, width) in enumerate(zip(cells, texts, widths, strict=True)):
            _cell(
                cell,
                text,
                size=9,
                align=WD_ALIGN_PARAGRAPH.LEFT if i == 1 else WD_ALIGN_PARAGRAPH.CENTER,
            )
            cell.width = width
    total = int(frame["total"].sum())
    done = sum(int(frame[s.code].sum()) for s in status.STATUSES if s.done)
    on_time = int(frame["done_on_time"].sum())
    texts = [
        "",
        "Tổng cộng",
        vn_int(total),
        *(vn_int(frame[code].sum()) for code in status.CODES),
        vn_percent(status.share(done, total)),
        vn_percent(status.share(on_time, total)),
    ]
    for cell, text, width in zip(table.add_row().cells, texts, widths, strict=True):
        _cell(cell, text, bold=True, size=9)
        cell.width = width


NUMBER_COLUMN = Cm(1.1)
TEXT_WIDTH = Cm(16)
"""The A4 page less the 3 cm and 2 cm side margins of :func:`_setup`."""


def _fixed_widths(table, columns: int) -> list:
    """STT, a name column taking what the number columns leave, then the number columns.

    Word recomputes an autofit table from its content and ignores cell widths (names came
    out 1.5 cm wide), so the layout is fixed and the grid columns carry the widths too.
    """
    numbers = columns - 2
    widths = [Cm(0.9), TEXT_WIDTH - Cm(0.9) - NUMBER_COLUMN * numbers, *[NUMBER_COLUMN] * numbers]
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    return widths


def _repeat_as_header(row) -> None:
    """Repeat `row` at the top of every page the table runs onto."""
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def unit_lists(data: ExportData) -> dict[str, list[tuple[str, int, int]]]:
    """``{status code: [(unit, obligations, most days late), …]}`` for the overdue and the
    not-reported obligations, in the reminder list's order (most overdue first)."""
    found: dict[str, list[tuple[str, int, int]]] = {}
    for code in tables.REMINDER_STATUSES:
        rows = data.reminders[data.reminders["status"] == code]
        grouped = rows.groupby("unit_id", sort=False).agg(
            unit=("unit_name", "first"), n=("unit_name", "size"), late=("days_late", "max")
        )
        found[code] = [
            (str(u), int(n), 0 if pd.isna(late) else int(late))
            for u, n, late in grouped.itertuples(index=False)
        ]
    return found


def _unit_list(doc, units: list[tuple[str, int, int]], overdue: bool, empty: str) -> None:
    if not units:
        _para(doc, empty)
        return
    for unit, n, late in units:
        if overdue:
            text = f"- {unit}: {vn_int(n)} nghĩa vụ quá hạn, lâu nhất {vn_int(late)} ngày."
        else:
            text = f"- {unit}: {vn_int(n)} nghĩa vụ chưa báo cáo."
        _para(doc, text)


def report_draft(data: ExportData) -> bytes:
    """The .docx draft: letterhead, title, the figures, the summary tables by unit and by
    task, the overdue and not-reported units, and placeholders for the assessment."""
    doc = Document()
    _setup(doc)
    _letterhead(doc, data)
    _para(doc)
    _para(doc, "BÁO CÁO", bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, _subject(data), bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    as_of = f"(Số liệu tính đến ngày {vn_date(data.header.as_of)})"
    _para(doc, as_of, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    if data.header.filters:
        _para(doc, f"Phạm vi: {data.header.filters}.", italic=True)
    h = data.header
    about = f" về {h.plan_title[:1].lower()}{h.plan_title[1:]}" if h.plan_title else ""
    _para(
        doc,
        f"Thực hiện {_subject(data)[len('Kết quả thực hiện ') :]}{about}, "
        f"{h.issuer or '[cơ quan]'} báo cáo kết quả thực hiện như sau:",
    )

    _para(doc, "I. KẾT QUẢ THỰC HIỆN", bold=True)
    _para(doc, summary_sentence(data))
    _para(doc, "1. Tổng hợp theo đơn vị", bold=True)
    _counts_table(doc, data.by_unit, "unit_name", labels.header("unit_name"))
    _para(doc, "2. Tổng hợp theo nhiệm vụ", bold=True)
    _counts_table(doc, data.by_task, "task", labels.header("task"))

    lists = unit_lists(data)
    _para(doc, "II. CÁC ĐƠN VỊ CÒN NHIỆM VỤ QUÁ HẠN, CHƯA HOÀN THÀNH", bold=True)
    _unit_list(doc, lists["overdue"], True, "Không có đơn vị nào có nhiệm vụ quá hạn.")
    _para(doc, "III. CÁC ĐƠN VỊ CHƯA BÁO CÁO", bold=True)
    _unit_list(doc, lists["not_reported"], False, "Tất cả các đơn vị đã gửi báo cáo.")
    _para(doc, "IV. ĐÁNH GIÁ CHUNG VÀ KIẾN NGHỊ, ĐỀ XUẤT", bold=True)
    _para(doc, "[Ưu điểm, hạn chế và nguyên nhân: cán bộ chuyên môn bổ sung.]", italic=True)
    _para(doc, "[Kiến nghị, đề xuất: cán bộ chuyên môn bổ sung.]", italic=True)

    _para(doc)
    sign = doc.add_table(rows=1, cols=2)
    left, right = sign.rows[0].cells
    _cell(left, "Nơi nhận:", bold=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    for line in ("- Thường trực Tỉnh ủy (b/c),", "- Ban Tuyên giáo Trung ương (b/c),", "- Lưu."):
        left.add_paragraph().add_run(line).font.size = Pt(11)
    _cell(right, "[CHỨC VỤ NGƯỜI KÝ]", bold=True, size=13)
    _line(right, "[Họ và tên]", size=13)

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
