"""Read any accepted format into raw sheets: tables of strings with Excel coordinates.

Everything is read as text (``dtypes="string"``): fastexcel's automatic typing turns a date
column holding one text date into strings anyway, and typing in one place (DuckDB, in
:mod:`loaders.reports.normalize`) is predictable. Real date cells arrive as ISO text
("2019-06-25 00:00:00"), numbers as their shortest text ("43641", "3.5").

``skip_rows=0`` matters: without it fastexcel drops leading empty rows and row numbers in
messages would be wrong. Columns keep their absolute position (``first_col``).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field

import pyarrow as pa

from domain.problems import Problem, column_letter, file_problem
from loaders.reading.guard import XlsxFacts, inspect_xlsx
from loaders.reading.isolated import read_isolated
from loaders.reading.sheets import RawSheet, read_with_fastexcel
from loaders.reading.sniff import KIND_MESSAGES, Kind


@dataclass
class Workbook:
    sheets: list[RawSheet]
    problems: list[Problem]
    date1904: bool = False
    legacy_fonts: list[str] = field(default_factory=list)
    may_hide: bool = True
    """False when the guard saw that no sheet hides rows or columns."""


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
    return Workbook(sheets, [], facts.date1904, facts.legacy_fonts, _may_hide(facts))


def _read_child(file: str, data: bytes, facts: XlsxFacts | None) -> Workbook:
    result = read_isolated(data)
    if result.failure:
        return Workbook([], [file_problem(file, _CHILD_MESSAGES[result.failure])])
    sheets = [
        RawSheet(s.name, s.visible, s.table, s.first_col, s.merges, s.errors) for s in result.sheets
    ]
    if facts is not None:
        _attach_facts(sheets, facts)
        return Workbook(sheets, [], facts.date1904, facts.legacy_fonts, _may_hide(facts))
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


def _may_hide(facts: XlsxFacts) -> bool:
    return any(s.may_hide for s in facts.sheets)


def _attach_facts(sheets: list[RawSheet], facts: XlsxFacts) -> None:
    by_name = {s.name: s for s in facts.sheets}
    for sheet in sheets:
        found = by_name.get(sheet.name)
        if found is not None:
            sheet.merges = sheet.merges or found.merges
            sheet.formula_cells = found.formula_cells
            sheet.visible = sheet.visible and found.visible


def _check_ods(data: bytes) -> str | None:
    """The zip checks of .xlsx apply to .ods too (the extent is left to the capped child)."""
    from loaders.reading.guard import _Refused, _scan_plain, check_declared_sizes
    from loaders.reading.members import Members, SizeLie

    try:
        archive = Members(data)
        check_declared_sizes(archive.infolist())
        for info in archive.infolist():
            if info.filename.endswith(".xml"):
                _scan_plain(archive, info)
    except _Refused as refused:
        return str(refused)
    except SizeLie as lie:
        return str(lie)
    except Exception:  # noqa: BLE001
        return _CHILD_MESSAGES["corrupt"]
    return None


# -- CSV -------------------------------------------------------------------------------------


def read_csv(file: str, data: bytes) -> Workbook:
    """A CSV as one sheet named after the file. UTF-8 (with or without BOM) and UTF-16 with
    BOM are read as they are; other bytes are decoded as Windows-1252 so that the legacy
    detector can recognise TCVN3/VNI text exported by old Excel, with a warning."""
    problems: list[Problem] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
            vietnamese = _windows_1258(data)
            if vietnamese is not None:
                text = vietnamese
            problems.append(
                file_problem(
                    file,
                    "Tệp CSV không dùng bảng mã UTF-8; đã đọc theo bảng mã Windows cũ"
                    + (" (Windows-1258)" if vietnamese is not None else "")
                    + ". Nên "
                    "lưu lại bằng 'CSV UTF-8' để tránh lỗi phông chữ.",
                    "warning",
                )
            )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    delimiter = _delimiter(text)
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    width = max((len(r) for r in rows), default=0)
    columns = {
        f"c{i}": pa.array(
            [(r[i] if i < len(r) and r[i] != "" else None) for r in rows], pa.string()
        )
        for i in range(width)
    }
    name = file.rsplit("/", 1)[-1]
    sheet = RawSheet(name[:31] or "CSV", True, pa.table(columns))
    return Workbook([sheet], problems)


_TONED = re.compile(r"[\u1ea0-\u1ef9]")
_STRAY = re.compile(r"[\u0300-\u036f]")


def _windows_1258(data: bytes) -> str | None:
    """The text as Windows-1258 (Vietnamese: base letters and combining tone marks) when it
    reads as Vietnamese that way: toned letters once composed, and (nearly) no tone mark
    left over on a letter that takes none, as TCVN3 or VNI bytes read so would leave.
    None otherwise (the legacy detector then looks at the Windows-1252 reading)."""
    try:
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        return None
    toned, stray = len(_TONED.findall(text)), len(_STRAY.findall(text))
    return text if toned >= 3 and stray * 20 <= toned else None


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
