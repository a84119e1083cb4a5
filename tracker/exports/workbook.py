"""The formatted .xlsx exports: the summary workbook and the reminder list.

Every sheet has the same shape: a header block (plan, as-of date, when it was made, the
filters), a blank row, the table's header row (frozen, with an autofilter) and the rows,
numbered in an «STT» column as office tables are. A count table (one with ``total``) ends
with a «Tổng cộng» row (its percentages from the summed counts, :func:`status.share`, as
the Word draft does) and a note saying what the percentages count. Text is Times New Roman,
the office font.
Dates are real Excel dates shown dd/mm/yyyy, percentages are fractions with a ``0.0%``
format (so Excel can sum and sort them), statuses are filled in the app's colours with the
text colour of :func:`domain.status.ink` and keep their label, so colour never
carries meaning alone. Frames come keyed by column ids; the header row is their
Vietnamese headers (:mod:`domain.labels`).

Sheets are written with openpyxl's write-only mode: rows stream to the file, so a 100k-row
"Chi tiết" sheet costs constant memory. Text from users goes through
:func:`_text_cell`, which never lets it become a formula (see :mod:`tracker.exports.safe`).
"""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from domain import labels, status
from domain.scope import Scope
from tracker.exports.report import ExportData, Header
from tracker.exports.safe import is_dangerous, xml_text

DATE_FORMAT = "dd/mm/yyyy"
PERCENT_FORMAT = "0.0%"
COUNT_FORMAT = "#,##0"
HEADER_ROW = len(Header(Scope(date(2000, 1, 1))).lines()) + 2  # block, blank row, header

_WRAP = {
    "task": 48,
    "result_text": 48,
    "note": 36,
    "deadline_text": 28,
    "group_label": 30,
    "unit_name": 34,
    "status_label": 22,
    "file_name": 30,
    "before_json": 60,
    "after_json": 60,
}
"""Widest a wrapped text column gets, by column id."""

FONT = "Times New Roman"
_THIN = Side(style="thin", color="BFBFBF")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BODY_FONT = Font(name=FONT, size=12)
_HEAD_FONT = Font(name=FONT, size=12, bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDE4EE")
_HEAD_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")
_WRAP_ALIGN = Alignment(wrap_text=True, vertical="top")
_TOP_ALIGN = Alignment(vertical="top")


def _fill(colour: str) -> PatternFill:
    return PatternFill("solid", fgColor=colour.lstrip("#").upper())


STATUS_FILLS = {s.code: _fill(s.colour) for s in status.STATUSES}
STATUS_FONTS = {
    s.code: Font(name=FONT, size=12, color=status.ink(s.colour).lstrip("#"), bold=True)
    for s in status.STATUSES
}


def _text_cell(ws, text: str) -> WriteOnlyCell:
    """A string cell that stays a string: no formula, whatever `text` starts with."""
    cell = WriteOnlyCell(ws, value=xml_text(text))
    cell.data_type = "s"
    cell.font = _BODY_FONT
    if is_dangerous(text):
        cell.quotePrefix = True
    return cell


def _kind(column: str) -> str:
    if column in labels.DATES:
        return "date"
    if column in labels.PERCENTS:
        return "percent"
    if column in labels.COUNTS:
        return "count"
    return "text"


def _values(kind: str, series: pd.Series) -> list:
    """The column as the Python values its cells get (None for a missing value)."""
    present = series.notna().tolist()
    if kind == "date":
        days = pd.to_datetime(series).dt.date.tolist()
        return [d if ok else None for d, ok in zip(days, present, strict=True)]
    if kind == "percent":
        return [
            round(float(v) / 100, 4) if ok else None
            for v, ok in zip(series.tolist(), present, strict=True)
        ]
    if kind == "count":
        return [int(v) if ok else None for v, ok in zip(series.tolist(), present, strict=True)]
    return [str(v) if ok else None for v, ok in zip(series.tolist(), present, strict=True)]


def _style(ws, **attributes):
    """The style array a cell with these attributes gets. Cells are then given a prototype's
    array instead of setting fonts and fills one by one: openpyxl hashes every style object
    on each assignment, which was two thirds of the time on a 100k-row sheet."""
    cell = WriteOnlyCell(ws)
    for name, value in attributes.items():
        setattr(cell, name, value)
    return cell._style


def _width(column: str, values: pd.Series) -> float:
    if _kind(column) != "text":
        return 12
    longest = max((len(str(v)) for v in values.head(2000) if v is not None), default=0)
    header = max(len(word) for word in labels.header(column).split())
    return max(8, min(max(longest, header) + 2, _WRAP.get(column, 40)))


def write_table(wb: Workbook, sheet: str, frame: pd.DataFrame, header: Header | list[str]) -> None:
    """Append sheet `sheet` holding `frame`'s visible columns (keyed by column ids) under
    `header`'s block (or under these lines, as many as a :class:`Header` prints), headed by
    their Vietnamese headers.

    A hidden ``status`` column colours the ``status_label`` cells; status-count columns get
    their status colour in the header row.
    """
    ws = wb.create_sheet(sheet)
    shown = labels.visible(frame)
    columns = list(shown.columns)
    ws.column_dimensions["A"].width = 6  # STT
    for i, column in enumerate(columns, start=2):
        ws.column_dimensions[get_column_letter(i)].width = _width(column, shown[column])
    last = get_column_letter(len(columns) + 1)
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(len(shown), 1)}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)

    lines = header.lines() if isinstance(header, Header) else list(header)
    if len(lines) != HEADER_ROW - 2:
        raise ValueError(f"a sheet's header block has {HEADER_ROW - 2} lines, not {len(lines)}")
    for n, line in enumerate(lines):
        cell = _text_cell(ws, line)
        cell.font = Font(name=FONT, bold=True, size=13) if n == 0 else Font(name=FONT, italic=True)
        ws.append([cell])
    ws.append([])

    number = _text_cell(ws, "STT")
    number.font, number.fill, number.alignment, number.border = (
        _HEAD_FONT,
        _HEAD_FILL,
        _HEAD_ALIGN,
        _BORDER,
    )
    heads = [number]
    for column in columns:
        cell = _text_cell(ws, labels.header(column))
        code = column if column in status.BY_CODE else None
        cell.font = STATUS_FONTS[code] if code else _HEAD_FONT
        cell.fill = STATUS_FILLS[code] if code else _HEAD_FILL
        cell.alignment = _HEAD_ALIGN
        cell.border = _BORDER
        heads.append(cell)
    ws.append(heads)

    codes = frame["status"].tolist() if "status" in frame.columns else [None] * len(frame)
    cells = [_column_writer(ws, column, shown[column], codes) for column in columns]
    stt = _style(ws, border=_BORDER, alignment=_TOP_ALIGN, font=_BODY_FONT)
    for r in range(len(shown)):
        first = WriteOnlyCell(ws, value=r + 1)
        first._style = stt
        ws.append([first, *(make(r) for make in cells)])
    if "total" in columns and len(shown):
        ws.append(_totals(ws, shown))
        ws.append([])
        ws.append([_text_cell(ws, f"Ghi chú: {labels.PERCENT_NOTE}")])


def _totals(ws, shown: pd.DataFrame) -> list:
    """The «Tổng cộng» row of a count table: the counts summed, the two percentages of the
    sums (never an average of the rows' percentages), other columns blank."""
    sums = {c: int(shown[c].sum()) for c in shown.columns if _kind(c) == "count"}
    done = sum(sums.get(s.code, 0) for s in status.STATUSES if s.done)
    shares = {
        "done_pct": status.share(done, sums["total"]),
        "done_on_time_pct": status.share(sums.get("done_on_time", 0), sums["total"]),
    }
    first_text = next((c for c in shown.columns if _kind(c) == "text"), None)
    row = [_text_cell(ws, "")]
    for column in shown.columns:
        if column == first_text:
            cell = _text_cell(ws, "Tổng cộng")
        elif column in sums and column != "rank":
            cell = WriteOnlyCell(ws, value=sums[column])
            cell.number_format = COUNT_FORMAT
        elif column in shares:
            cell = WriteOnlyCell(ws, value=round(shares[column] / 100, 4))
            cell.number_format = PERCENT_FORMAT
        else:
            cell = _text_cell(ws, "")
        cell.font, cell.border = _HEAD_FONT, _BORDER
        row.append(cell)
    return row


def _column_writer(ws, column: str, series: pd.Series, codes: list):
    """A function from a row number to that row's cell in `column`, styles prepared once."""
    kind = _kind(column)
    values = _values(kind, series)
    align = _WRAP_ALIGN if column in _WRAP else _TOP_ALIGN
    number = {"date": DATE_FORMAT, "percent": PERCENT_FORMAT, "count": COUNT_FORMAT}
    base = dict(
        border=_BORDER, alignment=align, number_format=number.get(kind, "General"), font=_BODY_FONT
    )
    plain = _style(ws, **base)
    quoted = _style(ws, quotePrefix=True, **base)
    by_status = {}
    if column == "status_label":
        coloured = {k: v for k, v in base.items() if k != "font"}
        by_status = {
            code: _style(ws, fill=STATUS_FILLS[code], font=STATUS_FONTS[code], **coloured)
            for code in STATUS_FILLS
        }

    def make(r: int) -> WriteOnlyCell:
        value = values[r]
        if kind == "text" and value is not None:
            cell = WriteOnlyCell(ws, value=xml_text(value))
            cell.data_type = "s"  # never a formula, whatever the text starts with
            cell._style = quoted if is_dangerous(value) else by_status.get(codes[r], plain)
            return cell
        cell = WriteOnlyCell(ws, value=value)
        cell._style = plain
        return cell

    return make


def save(wb: Workbook) -> bytes:
    wb.properties.creator = "Theo dõi thực hiện kế hoạch"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def summary_workbook(data: ExportData) -> bytes:
    """The .xlsx of the four summary tables, one sheet each, in :data:`report.SHEETS` order."""
    wb = Workbook(write_only=True)
    for sheet, _slug, frame in data.sheets():
        write_table(wb, sheet, frame, data.header)
    return save(wb)


def reminder_workbook(frame: pd.DataFrame, scope: Scope) -> bytes:
    """The reminder list (:func:`tracker.views.tables.reminders`) as a one-sheet .xlsx."""
    header = Header(scope)
    wb = Workbook(write_only=True)
    write_table(wb, "Quá hạn và chưa báo cáo", frame, header)
    return save(wb)
