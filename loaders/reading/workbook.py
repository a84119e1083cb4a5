"""Read any accepted format into raw sheets: tables of strings with Excel coordinates.

Everything is read as text (``dtypes="string"``): fastexcel's automatic typing turns a date
column holding one text date into strings anyway, and typing in one place (DuckDB, in
:mod:`loaders.normalize`) is predictable. Real date cells arrive as ISO text
("2019-06-25 00:00:00"), numbers as their shortest text ("43641", "3.5").

``skip_rows=0`` matters: without it fastexcel drops leading empty rows and row numbers in
messages would be wrong. Columns keep their absolute position (``first_col``).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

import fastexcel
import pyarrow as pa

from loaders.reading.guard import XlsxFacts, inspect_xlsx
from loaders.reading.isolated import read_isolated
from loaders.reading.sniff import KIND_MESSAGES, Kind
from tracker.domain.problems import Problem, column_letter, file_problem

_ERROR_NAMES = {
    "NA": "#N/A", "Ref": "#REF!", "Div0": "#DIV/0!", "Value": "#VALUE!", "Name": "#NAME?",
    "Null": "#NULL!", "Num": "#NUM!", "GettingData": "#GETTING_DATA",
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

    @property
    def width(self) -> int:
        return self.table.num_columns

    def letter(self, col: int) -> str:
        """Excel letter of table column `col`."""
        return column_letter(self.first_col + col)


@dataclass
class Workbook:
    sheets: list[RawSheet]
    problems: list[Problem]
    date1904: bool = False
    legacy_fonts: list[str] = field(default_factory=list)
    csv_encoding: str | None = None


def read_workbook(file: str, data: bytes, kind: Kind) -> Workbook:
    """Read `data` (already sniffed as `kind`); refusals come back as problems."""
    if kind == "csv":
        return read_csv(file, data)
    if kind == "xlsx":
        facts = inspect_xlsx(data)
        if facts.refusal:
            return Workbook([], [file_problem(file, facts.refusal)])
        if facts.needs_isolation:
            return _read_child(file, data, facts)
        return _read_xlsx(file, data, facts)
    if kind in ("xls", "ods"):
        if kind == "ods":
            refusal = _check_ods(data)
            if refusal:
                return Workbook([], [file_problem(file, refusal)])
        return _read_child(file, data, None)
    return Workbook([], [file_problem(file, KIND_MESSAGES.get(kind, KIND_MESSAGES["unknown"]))])


def _read_xlsx(file: str, data: bytes, facts: XlsxFacts) -> Workbook:
    try:
        sheets = read_with_fastexcel(data)
    except Exception as exc:  # noqa: BLE001 - the reader's errors are the user's problem
        return Workbook([], [file_problem(file, _reader_message(exc))])
    _attach_facts(sheets, facts)
    return Workbook(sheets, [], facts.date1904, facts.legacy_fonts)


def _read_child(file: str, data: bytes, facts: XlsxFacts | None) -> Workbook:
    result = read_isolated(data)
    if result.failure:
        return Workbook([], [file_problem(file, _CHILD_MESSAGES[result.failure])])
    sheets = [
        RawSheet(s.name, s.visible, s.table, s.first_col, s.merges, s.errors)
        for s in result.sheets
    ]
    if facts is not None:
        _attach_facts(sheets, facts)
        return Workbook(sheets, [], facts.date1904, facts.legacy_fonts)
    return Workbook(sheets, [])


_CHILD_MESSAGES = {
    "memory": "Tệp có kích thước bảng bất thường (cần quá nhiều bộ nhớ để đọc); tệp bị từ "
    "chối. Hãy xoá các ô thừa ở xa vùng dữ liệu rồi lưu lại.",
    "time": "Đọc tệp quá lâu (có thể tệp bị hỏng hoặc độc hại); tệp bị từ chối.",
    "password": KIND_MESSAGES["encrypted"],
    "corrupt": "Tệp bảng tính bị hỏng hoặc bị cắt cụt, không đọc được. Hãy mở bằng Excel, "
    "lưu lại rồi gửi lại.",
}


def _reader_message(exc: Exception) -> str:
    text = str(exc).lower()
    if "password" in text or "encrypt" in text:
        return KIND_MESSAGES["encrypted"]
    return _CHILD_MESSAGES["corrupt"]


def _attach_facts(sheets: list[RawSheet], facts: XlsxFacts) -> None:
    by_name = {s.name: s for s in facts.sheets}
    for sheet in sheets:
        found = by_name.get(sheet.name)
        if found is not None:
            sheet.merges = sheet.merges or found.merges
            sheet.formula_cells = found.formula_cells
            sheet.visible = sheet.visible and found.visible


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
        sheets.append(
            RawSheet(name, True, table, first_col, merges.get(name, []), errors)
        )
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


def _check_ods(data: bytes) -> str | None:
    """The zip checks of .xlsx apply to .ods too (the extent is left to the capped child)."""
    import zipfile

    from loaders.reading.guard import _Refused, _scan_plain, check_declared_sizes

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        check_declared_sizes(archive.infolist())
        for info in archive.infolist():
            if info.filename.endswith(".xml"):
                _scan_plain(archive, info)
    except _Refused as refused:
        return str(refused)
    except Exception:  # noqa: BLE001
        return _CHILD_MESSAGES["corrupt"]
    return None


# -- CSV -------------------------------------------------------------------------------------


def read_csv(file: str, data: bytes) -> Workbook:
    """A CSV as one sheet named after the file. UTF-8 (with or without BOM) and UTF-16 with
    BOM are read as they are; other bytes are decoded as Windows-1252 so that the legacy
    detector can recognise TCVN3/VNI text exported by old Excel, with a warning."""
    problems: list[Problem] = []
    encoding = "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = data.decode("utf-16"), "utf-16"
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text, encoding = data.decode("cp1252", errors="replace"), "cp1252"
            problems.append(
                Problem(file, None, None, None, None,
                        "Tệp CSV không dùng bảng mã UTF-8; đã đọc theo bảng mã Windows cũ. Nên "
                        "lưu lại bằng 'CSV UTF-8' để tránh lỗi phông chữ.", "warning")
            )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    delimiter = _delimiter(text)
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    width = max((len(r) for r in rows), default=0)
    columns = {
        f"c{i}": pa.array([(r[i] if i < len(r) and r[i] != "" else None) for r in rows],
                          pa.string())
        for i in range(width)
    }
    name = file.rsplit("/", 1)[-1]
    sheet = RawSheet(name[:31] or "CSV", True, pa.table(columns))
    return Workbook([sheet], problems, csv_encoding=encoding)


def _delimiter(text: str) -> str:
    """The delimiter whose count is most often the same and non-zero over the first lines
    (quoted parts ignored): Vietnamese Excel writes ';' because ',' is the decimal mark."""
    lines = [ln for ln in text.split("\n")[:40] if ln.strip()]
    best, best_score = ",", -1
    for candidate in (",", ";", "\t", "|"):
        counts = [len(next(csv.reader([ln], delimiter=candidate))) - 1 for ln in lines]
        counts = [c for c in counts if c > 0]
        if not counts:
            continue
        common = max(set(counts), key=counts.count)
        score = counts.count(common) * 1000 + common
        if score > best_score:
            best, best_score = candidate, score
    return best


def letter(col_abs: int) -> str:
    return column_letter(col_abs)
