"""The Word draft of the consolidated report upward (báo cáo kết quả thực hiện kế hoạch).

Laid out as a party document (Hướng dẫn 36-HD/VPTW, :mod:`tracker.exports.party_layout`):
the header block with "ĐẢNG CỘNG SẢN VIỆT NAM" and "Số …-BC/…", the title, numbered parts
in office prose, «Nơi nhận» beside "T/M …"; the two summary tables follow as a landscape
appendix (eleven columns fit there with every header word whole). The figures fill in,
brackets ``[…]`` mark what staff write: a draft to edit, not a finished document. Every
figure comes from the same :class:`ExportData` as the workbook.

Office words, not the app's: an obligation is "lượt nhiệm vụ" (one task of one unit in one
reporting period). Units are listed as not having reported only for tasks already overdue,
never for a period not yet due.
"""

from __future__ import annotations

import io

import pandas as pd
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from domain import labels, status
from domain.text import vn_date, vn_int, vn_percent
from tracker.exports import party_layout as layout
from tracker.exports.party_layout import paragraph
from tracker.exports.report import ExportData

CENTER = WD_ALIGN_PARAGRAPH.CENTER
RECIPIENTS = [
    "- Thường trực Tỉnh ủy (để b/c),",
    "- Ban Tuyên giáo Trung ương (để b/c),",
    "- Lưu Văn phòng.",
]
NOTE = (
    "Ghi chú: «% hoàn thành» và «% đúng hạn» tính trên tổng số lượt nhiệm vụ phải thực hiện "
    "đến ngày lấy số liệu (mỗi nhiệm vụ của mỗi đơn vị một lượt; nhiệm vụ thường xuyên, định "
    "kỳ mỗi kỳ báo cáo đã bắt đầu một lượt); «% hoàn thành» gồm cả hoàn thành quá hạn."
)
"""The appendix's note: :data:`domain.labels.PERCENT_NOTE` in the report's words."""
TABLE_HEADS = {**status.LABELS, "not_reported": "Chưa báo cáo, chưa đến hạn"}
"""Status column headers of the appendix: whole labels (a landscape page has the room)."""


def _subject(data: ExportData) -> str:
    h = data.header
    if h.scope.plan:
        issued = f", ngày {vn_date(h.issued_on)}" if h.issued_on else ""
        by = f" của {h.issuer}" if h.issuer else ""
        return f"Kết quả thực hiện Kế hoạch số {h.scope.plan}{issued}{by}"
    codes = ", ".join(h.plan_codes) or "…"
    return f"Kết quả thực hiện các Kế hoạch số {codes}"


def _number(data: ExportData) -> str:
    """ "Số      -BC/BTGTU": the office's initials from the plan's number, a gap to fill."""
    plan = data.header.scope.plan or ""
    initials = plan.split("/", 1)[1] if "/" in plan else "…"
    return f"Số        -BC/{initials}"


def summary_sentence(data: ExportData) -> str:
    """The generated paragraph with the figures (also shown on the export page)."""
    k = data.kpis
    units = len(data.by_unit)
    tasks = data.tasks
    counts = {code: int(data.by_unit[code].sum()) for code in status.CODES}
    return (
        f"Tính đến ngày {vn_date(data.header.scope.as_of)}, {vn_int(units)} đơn vị được giao thực "
        f"hiện {vn_int(tasks)} nhiệm vụ; tính theo từng đơn vị và từng kỳ báo cáo, có "
        f"{vn_int(k.obligations)} lượt nhiệm vụ phải thực hiện. Đã hoàn thành "
        f"{vn_int(k.done)} lượt ({vn_percent(k.done_pct)}), trong đó hoàn thành đúng hạn "
        f"{vn_int(k.done_on_time)} lượt ({vn_percent(k.on_time_pct)} tổng số), hoàn thành quá "
        f"hạn {vn_int(counts['done_late'])} lượt; đang thực hiện trong hạn "
        f"{vn_int(counts['in_progress'])} lượt; sắp đến hạn {vn_int(k.due_soon)} lượt; chưa "
        f"hoàn thành, quá hạn {vn_int(k.overdue)} lượt; chưa đến hạn và chưa nhận báo cáo "
        f"{vn_int(k.not_reported)} lượt (chi tiết tại các phụ lục kèm theo)."
    )


def _counts_table(doc, frame: pd.DataFrame, name_column: str, name_heading: str) -> None:
    """STT, name, Tổng số, one column per status, the two percentages, and a "Tổng cộng"
    row computed from the same counts (with :func:`status.share`), on a landscape page."""
    heads = [
        "STT",
        name_heading,
        labels.header("total"),
        *(TABLE_HEADS[code] for code in status.CODES),
        *(labels.header(c) for c in labels.PERCENTS),
    ]
    numbers = len(heads) - 2
    number_width = Cm(1.9)
    widths = [Cm(1.4), layout.LANDSCAPE_TEXT - Cm(1.4) - number_width * numbers]
    widths += [number_width] * numbers
    table = doc.add_table(rows=1, cols=len(heads))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    layout.fixed_columns(table, widths)
    for cell, text, width in zip(table.rows[0].cells, heads, widths, strict=True):
        layout.table_cell(cell, text, bold=True, size=11, width=width)
    layout.repeat_header(table.rows[0])
    for n, row in enumerate(frame.itertuples(index=False, name=None), start=1):
        record = dict(zip(frame.columns, row, strict=True))
        texts = [
            str(n),
            str(record[name_column]),
            vn_int(record["total"]),
            *(vn_int(record[code]) for code in status.CODES),
            vn_percent(record["done_pct"]),
            vn_percent(record["done_on_time_pct"]),
        ]
        cells = table.add_row().cells
        for i, (cell, text, width) in enumerate(zip(cells, texts, widths, strict=True)):
            layout.table_cell(cell, text, size=11, left=i == 1, width=width)
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
        layout.table_cell(cell, text, bold=True, size=11, width=width)


def unit_lists(data: ExportData) -> dict[str, list[tuple[str, int, int]]]:
    """``{"overdue": [(unit, tasks overdue, most days late), …], "unreported": [(unit,
    tasks overdue without any report received, most days late), …]}``, in the reminder
    list's order (most overdue first).

    Only tasks already overdue count: a unit that has not yet reported on a period still
    running is not late, and is not listed."""
    overdue = data.reminders[data.reminders["status"] == "overdue"]
    detail = data.detail
    silent = detail[(detail["status"] == "overdue") & (detail["file_name"].fillna("") == "")]
    late = overdue.groupby("unit_id")["days_late"].max()
    return {"overdue": _per_unit(overdue, late), "unreported": _per_unit(silent, late)}


def _per_unit(rows: pd.DataFrame, late: pd.Series) -> list[tuple[str, int, int]]:
    grouped = rows.groupby("unit_id", sort=False).agg(
        unit=("unit_name", "first"), n=("unit_name", "size")
    )
    return [
        (str(u), int(n), 0 if pd.isna(late.get(i)) else int(late.get(i)))
        for i, (u, n) in zip(grouped.index, grouped.itertuples(index=False), strict=True)
    ]


def report_draft(data: ExportData) -> bytes:
    """The .docx draft: header block, title, the figures in prose, the units with overdue
    tasks and those that sent nothing on them, placeholders for the assessment, «Nơi nhận»
    and the signer; then the landscape appendix of the tables by unit and by task."""
    h = data.header
    doc = Document()
    layout.setup(doc)
    layout.letterhead(doc, h.issuer, h.province, _number(data))
    paragraph(doc, "", after=0)
    paragraph(doc, "BÁO CÁO", bold=True, size=16, align=CENTER, after=0)
    paragraph(doc, _subject(data), bold=True, size=14, align=CENTER, after=0)
    paragraph(doc, f"(Số liệu tính đến ngày {vn_date(h.scope.as_of)})", italic=True, align=CENTER)
    paragraph(doc, "-----", align=CENTER)
    if h.filters:
        paragraph(doc, f"Phạm vi: {h.filters}.", italic=True)
    about = f" về {h.plan_title[:1].lower()}{h.plan_title[1:]}" if h.plan_title else ""
    paragraph(
        doc,
        f"Thực hiện {_subject(data)[len('Kết quả thực hiện ') :]}{about}, "
        f"{h.issuer or '[cơ quan]'} báo cáo kết quả thực hiện như sau:",
    )

    paragraph(doc, "I. KẾT QUẢ THỰC HIỆN", bold=True, keep=True)
    paragraph(doc, summary_sentence(data))
    lists = unit_lists(data)
    paragraph(doc, "II. CÁC ĐƠN VỊ CÒN NHIỆM VỤ QUÁ HẠN, CHƯA HOÀN THÀNH", bold=True, keep=True)
    if not lists["overdue"]:
        paragraph(doc, "Không có đơn vị nào có nhiệm vụ quá hạn.")
    for unit, n, late in lists["overdue"]:
        paragraph(
            doc, f"- {unit}: {vn_int(n)} lượt nhiệm vụ quá hạn, lâu nhất {vn_int(late)} ngày."
        )
    paragraph(doc, "III. CÁC ĐƠN VỊ CHƯA BÁO CÁO NHIỆM VỤ ĐÃ QUÁ HẠN", bold=True, keep=True)
    if not lists["unreported"]:
        paragraph(doc, "Các đơn vị đều đã gửi báo cáo về những nhiệm vụ đã đến hạn.")
    for unit, n, _late in lists["unreported"]:
        paragraph(doc, f"- {unit}: chưa gửi báo cáo về {vn_int(n)} lượt nhiệm vụ đã quá hạn.")
    paragraph(doc, "IV. ĐÁNH GIÁ CHUNG VÀ KIẾN NGHỊ, ĐỀ XUẤT", bold=True, keep=True)
    paragraph(doc, "[Ưu điểm, hạn chế và nguyên nhân: cán bộ chuyên môn bổ sung.]", italic=True)
    paragraph(doc, "[Kiến nghị, đề xuất: cán bộ chuyên môn bổ sung.]", italic=True, keep=True)
    _above, body = layout.issuer_lines(h.issuer, h.province) if h.issuer else ("", "[CƠ QUAN]")
    layout.signature(doc, RECIPIENTS, f"T/M {body}")

    layout.landscape_section(doc)
    for n, (title, frame, column, heading) in enumerate(
        (
            ("TỔNG HỢP KẾT QUẢ THỰC HIỆN THEO ĐƠN VỊ", data.by_unit, "unit_name", "Đơn vị"),
            ("TỔNG HỢP KẾT QUẢ THỰC HIỆN THEO NHIỆM VỤ", data.by_task, "task", "Nhiệm vụ"),
        ),
        start=1,
    ):
        paragraph(doc, f"Phụ lục {n}", bold=True, align=CENTER, after=0, keep=True)
        paragraph(doc, title, bold=True, align=CENTER, after=0, keep=True)
        paragraph(
            doc, f"(Kèm theo Báo cáo {_number(data)[4:].strip()}, số liệu tính đến ngày "
            f"{vn_date(h.scope.as_of)})", italic=True, align=CENTER, keep=True,
        )  # fmt: skip
        _counts_table(doc, frame, column, heading)
        paragraph(doc, NOTE, italic=True, size=12, indent=False)

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
