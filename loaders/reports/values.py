"""Cleaning and typing cell texts, column at a time, by distinct value.

A report column holds few distinct values (40 units, 125 task codes, 5 status words, some
dozen dates) repeated over thousands of rows. So each column is dictionary-encoded in Arrow
(a hash pass, ~2 ms per 100,000 cells), the *distinct* values go through the very same
Python functions the rest of the product uses (:func:`domain.text.clean` / ``fold``, the
status vocabulary, the date rules), and the results are spread back with ``take``. Columns
of mostly unique free text (results, notes) are only cleaned, and only where a vectorised
RE2 test says they need it (odd spaces, zero-width characters, combining marks of
decomposed text). No per-cell Python loop remains.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from domain.text import clean

NEEDS_CLEANING = (
    r"[\x{0300}-\x{036f}\x{00a0}\x{1680}\x{2000}-\x{200d}\x{2028}-\x{202f}\x{205f}\x{2060}"
    r"\x{3000}\x{feff}\x{2126}\x{212a}\x{212b}\x{f900}-\x{faff}\t\n\r\x{000b}\x{000c}"
    r"\x{0085}]|  |^ | $"
)
"""Text that :func:`clean` would change: odd or doubled spaces, zero-width characters, and
combining marks (the NFD form some keyboards produce) or the few singletons NFC rewrites."""

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")
_DMY = re.compile(
    r"^(?:ngày|ngay)?\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})"
    r"(?:\s*[/.\-]\s*(\d{4}|\d{2}))?$",
    re.IGNORECASE,
)
_LONG = re.compile(
    r"^(?:ngày|ngay)\s+(\d{1,2})\s+(?:tháng|thang)\s+(\d{1,2})(?:\s+(?:năm|nam)\s+(\d{4}))?$",
    re.IGNORECASE,
)
NO_DATE = re.compile(r"^[-–—_.]+$")
"""A dash (or dots) where a date goes: no date written, not an unreadable one."""


def clean_column(column: pa.Array | pa.ChunkedArray) -> pa.Array:
    """`clean` applied to a column of mostly unique text; nulls become ''."""
    values = pc.fill_null(column, "")
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if len(values) == 0:
        return pa.array([], pa.string())
    mask = pc.match_substring_regex(values, NEEDS_CLEANING)
    if not pc.any(mask).as_py():
        return values
    positions = pc.indices_nonzero(mask)
    fixed = [clean(v) for v in pc.take(values, positions).to_pylist()]
    return pc.replace_with_mask(values, mask, pa.array(fixed, pa.string()))


Function = tuple[Callable[[str], Any], pa.DataType]


def by_distinct(
    column: pa.Array | pa.ChunkedArray, functions: dict[str, Function]
) -> dict[str, pa.Array]:
    """Apply each function to the distinct values of `column` (nulls as '') and spread the
    results back over the rows: one Arrow array per function name."""
    values = pc.fill_null(column, "")
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    encoded = pc.dictionary_encode(values)
    distinct = encoded.dictionary.to_pylist()
    out = {}
    for name, (function, kind) in functions.items():
        mapped = pa.array([function(v) for v in distinct], kind)
        out[name] = pc.take(mapped, encoded.indices)
    return out


YEARLESS = 1904
"""The year a date written without one ("3/8", "chiều 2/8") is read in (a leap year, so
29/2 reads); the matching (``ingest_resolve.sql``, ``reyear``) puts the year of the report's
period in its place."""


def parse_day(text: str, plan_year: int) -> tuple[date | None, int | None]:
    """(date, None) for a date text, (None, serial) for an Excel serial number (its base
    depends on the workbook's date system), (None, None) otherwise.

    Accepted: ISO text of a real date cell, serials 20000-80000 (1954-2119), d/m/yyyy,
    dd-mm-yyyy, dd.mm.yyyy, two-digit years (20xx), d/m (in `plan_year`), optionally after
    "ngày"; "ngày 05 tháng 8 năm 2019"; a leading apostrophe ("'20/6/2019", text typed
    the way Excel keeps it text); with a time or a part of the day ("14h30 ngày 2/8/2019",
    "chiều 2/8", "2/8/2019 08:00"); a range ("từ 1/8 đến 15/8/2019") gives its end.
    """
    value = clean(text)
    if not value:
        return None, None
    value = _range_end(_TIME_OF_DAY.sub(" ", value)).strip().lstrip("'‘’").strip()
    if m := _ISO.match(value):
        return _date(int(m.group(1)), int(m.group(2)), int(m.group(3))), None
    if _SERIAL.match(value):
        number = float(value)
        return (None, int(number)) if 20000 <= number <= 80000 else (None, None)
    if m := _DMY.match(value) or _LONG.match(value):
        year = m.group(3)
        if not year:
            y = plan_year
        elif len(year) == 2:
            y = 2000 + int(year)
        else:
            y = int(year)
        return _date(y, int(m.group(2)), int(m.group(1))), None
    return None, None


_TIME_OF_DAY = re.compile(
    r"(?<!\w)(\d{1,2}\s*(?:h|giờ|gio)\s*(?:\d{1,2}(?:\s*(?:phút|phut|p))?)?|\d{1,2}:\d{2}(?::\d{2})?|"
    r"sáng|sang|trưa|trua|chiều|chieu|tối|toi|đêm)(?!\w)",
    re.IGNORECASE,
)
_RANGE = re.compile(
    r"^(?:từ|tu)\s+(?:ngày\s+)?.+?\s+(?:đến|den|tới)\s+(?:ngày\s+)?(.+)$", re.IGNORECASE
)
_IN_TEXT = re.compile(
    r"(?<![\d/.\-])(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{4}))?(?![\d/.\-%])"
    r"|ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?",
    re.IGNORECASE,
)
ONGOING = re.compile(
    r"^(thường xuyên|thuong xuyen|liên tục|lien tuc|hằng năm|hàng năm|định kỳ)\W*$", re.I
)
"""Words written in a date column for work that goes on: no date, not an unreadable one."""


def _range_end(value: str) -> str:
    found = _RANGE.match(value)
    return found.group(1) if found else value


def is_ongoing(text: str) -> bool:
    """True for "Thường xuyên", "liên tục" ... or a dash written where a date goes."""
    return bool(ONGOING.match(clean(text)) or NO_DATE.match(clean(text)))


def day_in_text(text: str, plan_year: int) -> date | None:
    """The last date written inside a sentence ("Đã hoàn thành ngày 3/8/2019", "xong ngày
    3/8", "Ngày 2/8/2019 đã tổ chức ..."; a range's end); None when it names none. A
    percentage ("100%") or a fraction with a word after it is not a date."""
    value = clean(text)
    found = None
    for m in _IN_TEXT.finditer(value):
        if m.group(1):
            day, month, year = m.group(1), m.group(2), m.group(3)
            if not year and not re.search(r"(ngày|ngay)\s*$", value[: m.start()], re.I):
                continue  # "1/2" alone is a fraction; "ngày 3/8" is a date
        else:
            day, month, year = m.group(4), m.group(5), m.group(6)
        found = _date(int(year) if year else plan_year, int(month), int(day)) or found
    return found


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
