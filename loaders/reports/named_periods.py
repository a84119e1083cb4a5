"""A report's period named only by its sheet ("Quý III", "T7", "6 tháng cuối") or its title
("Báo cáo quý III/2019", "kết quả 6 tháng cuối năm").

A sheet with no period column whose name or title names a quarter, half-year or month
places its recurring rows in that period (:mod:`loaders.reports.normalize` passes it to the
matching as the sheet's ``period_hint``; a one-off task ignores it, and a task without that
period falls back to the completion or report date). Always a warning that says which sheet
or title line gave which period. A name without a year takes the latest such period that has
begun by the report's date (a "6 tháng cuối năm" report sent in January is last year's).
The place-date line ("ngày 25 tháng 7 năm 2019") is not a period.
"""

from __future__ import annotations

import re
from datetime import date

from domain import periods
from domain.problems import Problem, column_letter
from domain.text import fold
from loaders.reports.layout import StagedSheet
from loaders.reports.prepared import PreparedFile

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_PART = re.compile(
    r"\b(?:quy\s*(iv|iii|ii|i|[1-4])|(6|sau) thang (dau|cuoi)|thang\s*(1[0-2]|0?[1-9]))(?![\d.])"
)
_SHORT = re.compile(r"^(?:q\s*([1-4])|t\s*(1[0-2]|0?[1-9]))(?:\s*[/\-. ]\s*((?:19|20)\d{2}))?$")
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
_DATE_BEFORE = re.compile(r"ngay\s*\d{1,2}\s*$")


def named_period(text: str | None, on: date | None, short: bool = False) -> str | None:
    """The period code `text` names, or None. `on` (the report's date) gives the year when
    the text has none; `short` allows a sheet name's short forms ("Q3", "T7/2019")."""
    key = fold(text or "")
    if not key:
        return None
    year: int | None = None
    found = _SHORT.match(key) if short else None
    if found:
        quarter, month, written = found.groups()
        part = f"Q{quarter}" if quarter else f"{int(month):02d}"
        year = int(written) if written else None
    else:
        found = _PART.search(key)
        if found is None or _DATE_BEFORE.search(key[: found.start()]):
            return None
        roman, _six, half, month = found.groups()
        if roman:
            part = f"Q{_ROMAN.get(roman) or int(roman)}"
        elif half:
            part = "H1" if half == "dau" else "H2"
        else:
            part = f"{int(month):02d}"
        after = _YEAR.search(key, found.end())
        year = int(after.group(1)) if after and after.start() - found.end() <= 6 else None
    if year is None:
        if on is None:
            return None
        year = on.year
        start = periods.bounds(f"{year}-{part}")
        if start and start[0] > on:
            year -= 1
    code = f"{year}-{part}"
    return code if periods.bounds(code) else None


def periods_from_names(prepared: PreparedFile, staged: list[StagedSheet]) -> None:
    """Give each staged sheet with no period column the period its name or title names
    (``period_hint``), with a warning saying where it was read."""
    for sheet in staged:
        if "period" in sheet.letters:
            continue
        code = named_period(sheet.sheet, prepared.reported_on, short=True)
        where: tuple[int | None, str | None] = (None, None)
        value, source = sheet.sheet, f"tên trang «{sheet.sheet}»"
        for r, c, text in sheet.title.period_lines if code is None else ():
            code = named_period(text, prepared.reported_on)
            if code is not None:
                # a Word paragraph above the table has no cell (a negative row)
                where = (r + 1, column_letter(sheet.first_col + c)) if r >= 0 else (None, None)
                value, source = text, f"tiêu đề «{text}»"
                break
        if code is None:
            continue
        sheet.period_hint = code
        prepared.problems.append(
            Problem(
                prepared.file,
                sheet.sheet,
                *where,
                value,
                f"Trang không có cột kỳ báo cáo; kỳ {periods.label(code)} được đọc từ {source}: "
                "các nhiệm vụ định kỳ của trang được xếp vào kỳ này. Nếu sai, hãy thêm cột "
                "«Kỳ báo cáo».",
                "warning",
            )
        )
