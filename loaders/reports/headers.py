"""Find the header of a report sheet and read its title block.

Units add title rows (any number up to ~30), rename headers, write them in any case or
Unicode form, and split them over two rows of merged cells ("Kết quả thực hiện" above
"Tình trạng" | "Ngày hoàn thành"). Header names are compared by folded key against the
synonyms offices use; the header is the row (or pair of rows) naming the most fields.
All of this looks at the first rows only, so it is plain Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from domain.text import clean as _clean
from domain.text import fold as _fold

clean = lru_cache(maxsize=16384)(_clean)
fold = lru_cache(maxsize=16384)(_fold)
"""Title-block and header texts repeat from file to file (same template, same units)."""

HEADER_SEARCH_ROWS = 30

SYNONYMS: dict[str, tuple[str, ...]] = {
    "stt": ("stt", "so tt", "tt", "so thu tu"),
    "code": ("ma nhiem vu", "ma nv", "ma", "ma so", "ma cong viec", "ma so nhiem vu"),
    "section": ("muc", "so muc", "muc so", "muc ke hoach", "muc trong ke hoach", "so hieu muc"),
    "title": (
        "nhiem vu",
        "noi dung",
        "noi dung cong viec",
        "noi dung nhiem vu",
        "ten nhiem vu",
        "cong viec",
        "nhiem vu cong viec",
        "nhiem vu duoc giao",
        "ten cong viec",
    ),
    "unit": (
        "don vi",
        "don vi thuc hien",
        "co quan",
        "ten don vi",
        "don vi bao cao",
        "co quan don vi",
        "co quan thuc hien",
        "don vi chu tri",
        "ten co quan",
    ),
    "status": (
        "tinh trang",
        "tien do",
        "trang thai",
        "tinh trang thuc hien",
        "tien do thuc hien",
        "muc do hoan thanh",
        "ket qua",
        "ket qua thuc hien",
    ),
    "date": (
        "ngay hoan thanh",
        "thoi gian hoan thanh",
        "ngay ht",
        "thoi diem hoan thanh",
        "ngay hoan thanh thuc te",
    ),
    "result": (
        "ket qua cu the",
        "ket qua dat duoc",
        "noi dung ket qua",
        "san pham",
        "ket qua thuc hien cu the",
    ),
    "note": ("ghi chu",),
    "period": ("ky bao cao", "ky", "ky danh gia", "thoi ky", "ky thuc hien"),
    "ignore": (
        "han hoan thanh",
        "thoi han",
        "thoi han hoan thanh",
        "han",
        "han chot",
        "don vi tinh",
        "nguoi thuc hien",
        "chu tri",
        "phoi hop",
    ),
}
"""Folded header words per field. "ignore" names columns that look like ours but are not
(a deadline is not a completion date; "đơn vị tính" is a unit of measure)."""

_STATUS_RANK = (
    "tinh trang",
    "tien do",
    "trang thai",
    "tinh trang thuc hien",
    "tien do thuc hien",
    "muc do hoan thanh",
    "ket qua",
    "ket qua thuc hien",
)
"""When several status-like columns exist, the first in this order is the status and the
"kết quả..." ones hold the result text."""

_KEY_TO_FIELD = {key: name for name, keys in SYNONYMS.items() for key in keys}
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_UNIT_LABEL = re.compile(r"^(don vi bao cao|don vi|co quan bao cao|co quan|ten don vi)\s*$")
_DATE_WORDS = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")
_DATE_AFTER_NGAY = re.compile(r"(?:^|,\s*)ngay\s+(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})\s*$")
_DATE_LABEL = re.compile(r"^(ngay bao cao|ngay lap|ngay)\s*$")
_NUMERIC_DATE = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


@lru_cache(maxsize=8192)
def header_key(text: str) -> str:
    """The folded form a header cell is compared by: no parentheses, stars or colons."""
    value = clean(text)
    value = _PARENS.sub(" ", value)
    return fold(value.replace("*", " ").replace(":", " "))


@lru_cache(maxsize=8192)
def field_of(text: object) -> str | None:
    """The field a header cell names, or None. Long texts are data, not headers."""
    if not isinstance(text, str) or len(text) > 80:
        return None
    if ":" in text and text.split(":", 1)[1].strip():
        return None  # "Đơn vị báo cáo: Sở Ngoại vụ" is a title line, not a header
    key = header_key(text)
    if not key:
        return None
    if key in _KEY_TO_FIELD:
        return _KEY_TO_FIELD[key]
    best = None
    for synonym, name in _KEY_TO_FIELD.items():
        if len(synonym) >= 4 and key.startswith(synonym + " "):
            if best is None or len(synonym) > len(best[0]):
                best = (synonym, name)
    return best[1] if best else None


@dataclass
class Header:
    """Where a long report's table is: `fields` maps a field to its table column."""

    first_row: int
    """0-based row index of the (first) header row."""
    data_row: int
    """0-based row index of the first data row."""
    fields: dict[str, int] = field(default_factory=dict)
    texts: dict[int, str] = field(default_factory=dict)
    """Header text of every column, for matrix detection and messages."""


def _row_fields(cells: list[str | None]) -> dict[int, str]:
    found = {}
    for col, text in enumerate(cells):
        name = field_of(text) if text else None
        if name:
            found[col] = name
    return found


def _assign(columns: dict[int, tuple[str, str]]) -> dict[str, int]:
    """Field -> column from {column: (field, key)}, resolving several status-like columns."""
    fields: dict[str, int] = {}
    status_cols = sorted(
        (c for c, (f, _) in columns.items() if f == "status"),
        key=lambda c: (
            _STATUS_RANK.index(columns[c][1])
            if columns[c][1] in _STATUS_RANK
            else len(_STATUS_RANK),
            c,
        ),
    )
    if status_cols:
        fields["status"] = status_cols[0]
        for extra in status_cols[1:]:
            if columns[extra][1].startswith("ket qua"):
                fields.setdefault("result", extra)
    for col in sorted(columns):
        name = columns[col][0]
        if name in ("status", "ignore"):
            continue
        fields.setdefault(name, col)
    return fields


def find_header(rows: list[list[str | None]], merges: list[tuple[int, int, int, int]]) -> Header:
    """The best header among the first rows: one row, or two when a second row completes
    it (merged group headings above, field names below). Returns a Header with no fields
    when no row names a task and a status or date column."""
    limit = min(len(rows), HEADER_SEARCH_ROWS)
    filled: dict[int, list[str | None]] = {}
    per_row: dict[int, dict[int, str]] = {}

    def fields_at(r: int) -> dict[int, str]:
        if r not in per_row:
            filled[r] = _fill_merged(rows[r], r, merges)
            per_row[r] = _row_fields(filled[r])
        return per_row[r]

    def candidate(r: int, span: int) -> tuple[int, Header] | None:
        if r < 0 or r + span > limit:
            return None
        if span == 2 and not (fields_at(r) and fields_at(r + 1)) or span == 2 and _has_data(r + 1):
            return None
        combined: dict[int, tuple[str, str]] = {}
        texts: dict[int, str] = {}
        for rr in range(r, r + span):
            for col, name in fields_at(rr).items():
                combined[col] = (name, header_key(filled[rr][col]))  # lower row wins
            for col, text in enumerate(filled[rr]):
                if text and col not in texts:
                    texts[col] = clean(text)
        fields = _assign(combined)
        return len(fields), Header(r, r + span, fields, texts)

    def _has_data(r: int) -> bool:
        # a header's second row leaves the task's columns of the row above empty (merged
        # down) or names them again; a task's code or title there is the first data row
        # (under a one-row header, a result cell reading "Kết quả" names a field too)
        named = fields_at(r)
        return any(
            filled[r][col] and col not in named
            for col, name in fields_at(r - 1).items()
            if name in ("code", "title") and col < len(filled[r])
        )

    for r in range(limit):
        first = [c for c in (candidate(r, 1), candidate(r, 2)) if c and _is_report(c[1].fields)]
        if not first:
            continue
        options = first + [
            c for c in (candidate(r + 1, 1), candidate(r + 1, 2)) if c and _is_report(c[1].fields)
        ]
        best = max(options, key=lambda c: (c[0], -c[1].first_row, c[1].data_row))
        return best[1]
    return Header(-1, -1, {}, {})


def _is_report(fields: dict[str, int]) -> bool:
    has_task = "title" in fields or "code" in fields or "section" in fields
    # a result column alone is a report too: the status is then told in the result text
    return has_task and ("status" in fields or "date" in fields or "result" in fields)


def _fill_merged(
    cells: list[str | None], row: int, merges: list[tuple[int, int, int, int]]
) -> list[str | None]:
    """Spread each merged header's text over the columns it covers in this row."""
    if not merges:
        return cells
    out = list(cells)
    for r1, c1, r2, c2 in merges:
        if r1 <= row <= r2 and 0 <= c1 < len(out):
            value = out[c1] if row == r1 else None
            for c in range(c1, min(c2, len(out) - 1) + 1):
                if out[c] is None and value is not None:
                    out[c] = value
    return out


@dataclass
class TitleBlock:
    """What the rows above the table say: the reporting unit and the report's date."""

    unit: str | None = None
    unit_at: tuple[int, int] | None = None
    reported_on: date | None = None
    date_at: tuple[int, int] | None = None
    date_text: str | None = None
    letterhead: list[tuple[int, int, str]] = field(default_factory=list)
    """(row, column, text) of the top-left cells above the table, where a form's letterhead
    names the issuing unit ("HUYỆN ỦY BẮC SƠN" over "BAN TUYÊN GIÁO")."""
    period_lines: list[tuple[int, int, str]] = field(default_factory=list)
    """(row, column, text) of the lines above the table with a word of a period ("quý",
    "6 tháng", "tháng 7"): :mod:`loaders.reports.named_periods` takes the first that names
    one ("Báo cáo quý III/2019"; not "Kế hoạch ... ngày 21 tháng 6 năm 2019")."""


LETTERHEAD_ROWS = 6
LETTERHEAD_COLUMNS = 3


def read_title_block(rows: list[list[str | None]]) -> TitleBlock:
    """Look for "Đơn vị báo cáo: X" / "Đơn vị: X" and "ngày 25 tháng 7 năm 2019" (or
    "Ngày báo cáo: 25/7/2019") in the given rows; a label alone in a cell takes the value of
    the next filled cell of its row."""
    block = TitleBlock()
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            if not text:
                continue
            value = clean(text)
            if r < LETTERHEAD_ROWS and c < LETTERHEAD_COLUMNS and len(value) <= 80:
                block.letterhead.append((r, c, value))
            head, sep, rest = value.partition(":")
            key = fold(head)
            if block.unit is None and sep and _UNIT_LABEL.match(key):
                # The cell holding the name: this one, or the next filled one of the row
                # when the label stands alone ("Đơn vị báo cáo:" in A3, the name in C3).
                at, unit = (c, rest.strip()) if rest.strip() else _next_value(cells, c)
                if unit:
                    block.unit, block.unit_at = unit, (r, at)
                    continue
            if block.reported_on is None:
                found = _title_date(value, cells, c)
                if found:
                    block.reported_on, block.date_at, block.date_text = found, (r, c), value
                    continue
            if _PERIOD_WORDS.search(fold(value)):
                block.period_lines.append((r, c, value))
    return block


_PERIOD_WORDS = re.compile(r"\bquy\b|\b(6|sau) thang\b|\bthang\s*\d")


def _next_value(cells: list[str | None], col: int) -> tuple[int, str | None]:
    """(column, text) of the first filled cell right of `col`; (col, None) if none."""
    for at, text in enumerate(cells[col + 1 :], start=col + 1):
        if text and clean(text):
            return at, clean(text)
    return col, None


_REFERENCE = re.compile(r"\bso\b\s*:?\s*(?=[\w./ -]{0,30}\d)[\w./ -]{1,30}?,?\s*ngay\b")
"""A document cited with its date ("Kế hoạch số 84-KH/BTGTU ngày 21/6/2019"): not the
report's date (unless the document is the report itself)."""


def _title_date(value: str, cells: list[str | None], col: int) -> date | None:
    key = fold(value)
    cited = _REFERENCE.search(key)
    if cited and not key[: cited.start()].rstrip().endswith("bao cao"):
        return None  # the report's own number and date ("Báo cáo số 12-BC/HU ngày ...") stay
    match = _DATE_WORDS.search(key)
    if match:
        return _make_date(match.group(3), match.group(2), match.group(1))
    numeric_line = _DATE_AFTER_NGAY.search(value.lower().replace("ngày", "ngay"))
    if numeric_line:  # "Lạng Sơn, ngày 26/7/2019": the place-date line written with slashes
        return _make_date(numeric_line.group(3), numeric_line.group(2), numeric_line.group(1))
    head, sep, rest = value.partition(":")
    if sep and _DATE_LABEL.match(fold(head)):
        target = rest.strip() or _next_value(cells, col)[1] or ""
        iso = _ISO_DATE.match(target)
        if iso:
            return _make_date(*iso.groups())
        numeric = _NUMERIC_DATE.search(target)
        if numeric:
            return _make_date(numeric.group(3), numeric.group(2), numeric.group(1))
    return None


def _make_date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None
