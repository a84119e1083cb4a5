"""The formatted .xlsx exports: the summary workbook and the reminder list.

Every sheet has the same shape: a header block (plan, as-of date, when it was made, the
filters), a blank row, the table's header row (frozen, with an autofilter) and the rows.
Dates are real Excel dates shown dd/mm/yyyy, percentages are fractions with a ``0.0%``
format (so Excel can sum and sort them), statuses are filled in the app's colours
(:mod:`tracker.status`) and keep their label, so colour never carries meaning alone.

Sheets are written with openpyxl's write-only mode: rows stream to the file, so a 100k-row
"Chi tiết" sheet costs constant memory. Text from users goes through
:func:`_text_cell`, which never lets it become a formula (see :mod:`tracker.exports.safe`).
"""

from __future__ import annotations

import io
from datetime import date, datetime

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from tracker import status, tables
from tracker.exports.report import ExportData, Header
from tracker.exports.safe import is_dangerous, xml_text

DATE_FORMAT = "dd/mm/yyyy"
PERCENT_FORMAT = "0.0%"
COUNT_FORMAT = "#,##0"
HEADER_ROW = len(Header(as_of=date(2000, 1, 1)).lines()) + 2  # block, blank row, header

_COUNTS = {tables.TOTAL, "Số ngày quá hạn", *(s.label for s in status.STATUSES)}
_WRAP = {
    "Nhiệm vụ": 48,
    "Kết quả": 48,
    "Ghi chú": 36,
    "Thời hạn": 28,
    "Nhóm đơn vị": 30,
    "Nhóm": 26,
    "Đơn vị": 34,
    "Tình trạng": 22,
    "Tệp báo cáo": 30,
}

_THIN = Side(style="thin", color="BFBFBF")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FONT = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDE4EE")
_HEAD_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")
_WRAP_ALIGN = Alignment(wrap_text=True, vertical="top")
_TOP_ALIGN = Alignment(vertical="top")


def _fill(colour: str) -> PatternFill:
    return PatternFill("solid", fgColor=colour.lstrip("#").upper())


def ink(colour: str) -> str:
    """Black or white, whichever reads better on `colour` (WCAG relative luminance)."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return "000000" if (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) else "FFFFFF"


STATUS_FILLS = {s.code: _fill(s.colour) for s in status.STATUSES}
STATUS_FONTS = {s.code: Font(color=ink(s.colour), bold=True) for s in status.STATUSES}
_LABEL_CODES = {s.label: s.code for s in status.STATUSES}


def _text_cell(ws, text: str) -> WriteOnlyCell:
    """A string cell that stays a string: no formula, whatever `text` starts with."""
    cell = WriteOnlyCell(ws, value=xml_text(text))
    cell.data_type = "s"
    if is_dangerous(text):
        cell.quotePrefix = True
    return cell


def _value_cell(ws, column: str, value) -> WriteOnlyCell:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return WriteOnlyCell(ws, value=None)
    if isinstance(value, str):
        return _text_cell(ws, value)
    if column in tables.DATE_COLUMNS:
        day = value.date() if isinstance(value, datetime) else value
        cell = WriteOnlyCell(ws, value=day)
        cell.number_format = DATE_FORMAT
        return cell
    if column in tables.PERCENT_COLUMNS:
        cell = WriteOnlyCell(ws, value=round(float(value) / 100, 4))
        cell.number_format = PERCENT_FORMAT
        return cell
    if column in _COUNTS:
        cell = WriteOnlyCell(ws, value=int(value))
        cell.number_format = COUNT_FORMAT
        return cell
    return _text_cell(ws, str(value))


def _width(column: str, values: pd.Series) -> float:
    if column in tables.DATE_COLUMNS:
        return 12
    if column in tables.PERCENT_COLUMNS or column in _COUNTS:
        return 12
    longest = max((len(str(v)) for v in values.head(2000) if v is not None), default=0)
    header = max(len(word) for word in column.split())
    return max(8, min(max(longest, header) + 2, _WRAP.get(column, 40)))


def write_table(wb: Workbook, sheet: str, frame: pd.DataFrame, header: Header) -> None:
    """Append sheet `sheet` holding `frame`'s visible columns under `header`'s block.

    A hidden ``status`` column colours the "Tình trạng" cells; status-count columns get
    their status colour in the header row.
    """
    ws = wb.create_sheet(sheet)
    shown = tables.visible(frame)
    columns = list(shown.columns)
    for i, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = _width(column, shown[column])
    last = get_column_letter(max(len(columns), 1))
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(len(shown), 1)}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)

    for n, line in enumerate(header.lines()):
        cell = _text_cell(ws, line)
        cell.font = Font(bold=True, size=13) if n == 0 else Font(italic=True)
        ws.append([cell])
    ws.append([])

    heads = []
    for column in columns:
        cell = _text_cell(ws, column)
        code = _LABEL_CODES.get(column)
        cell.font = STATUS_FONTS[code] if code else _HEAD_FONT
        cell.fill = STATUS_FILLS[code] if code else _HEAD_FILL
        cell.alignment = _HEAD_ALIGN
        cell.border = _BORDER
        heads.append(cell)
    ws.append(heads)

    codes = frame["status"].tolist() if "status" in frame.columns else None
    wrapped = [c in _WRAP for c in columns]
    for r, values in enumerate(shown.itertuples(index=False, name=None)):
        row = []
        for column, value, wrap in zip(columns, values, wrapped, strict=True):
            cell = _value_cell(ws, column, value)
            cell.border = _BORDER
            cell.alignment = _WRAP_ALIGN if wrap else _TOP_ALIGN
            if column == "Tình trạng" and codes is not None and codes[r] in STATUS_FILLS:
                cell.fill = STATUS_FILLS[codes[r]]
                cell.font = STATUS_FONTS[codes[r]]
            row.append(cell)
        ws.append(row)


def _save(wb: Workbook) -> bytes:
    wb.properties.creator = "Theo dõi thực hiện kế hoạch"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def summary_workbook(data: ExportData) -> bytes:
    """The .xlsx of the four summary tables, one sheet each, in :data:`report.SHEETS` order."""
    wb = Workbook(write_only=True)
    for sheet, _slug, frame in data.sheets():
        write_table(wb, sheet, frame, data.header)
    return _save(wb)


def reminder_workbook(frame: pd.DataFrame, as_of: date, plan: str | None) -> bytes:
    """The reminder list (:func:`tracker.tables.reminders`) as a one-sheet .xlsx."""
    header = Header(as_of=as_of, plan=plan)
    wb = Workbook(write_only=True)
    write_table(wb, "Quá hạn và chưa báo cáo", frame, header)
    return _save(wb)
