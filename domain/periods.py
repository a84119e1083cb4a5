"""Reporting periods: the codes obligations use and the words people write for them.

Codes: '' (one-off task), '2019', '2019-H2', '2020-Q3', '2019-07'. People write "Năm 2019",
"6 tháng cuối năm 2019", "Quý III/2020", "Tháng 7/2019". The template writes the label;
ingestion reads labels and codes alike. Few distinct values per file, so this is Python.
"""

from __future__ import annotations

import re
from datetime import date

from domain.text import fold

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


_CODE = re.compile(r"(\d{4})(?:-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?")
_QUARTERS = ("I", "II", "III", "IV")


def label(code: str) -> str:
    """Vietnamese label of a period code, capitalised as plans write it at the start of a
    label: ``2019`` -> "Năm 2019", ``2019-H2`` -> "6 tháng cuối năm 2019", ``2020-Q3`` ->
    "Quý III/2020", ``2019-07`` -> "Tháng 7/2019"; ``''`` (one-off) gives ``''``.

    Text that is not a period code is returned as it is (never raises), so a label of a
    label, or of an odd value from an old database, still reads."""
    if not code:
        return ""
    found = _CODE.fullmatch(code)
    if not found:
        return code
    year, part = found.groups()
    if part is None:
        return f"Năm {year}"
    if part.startswith("H"):
        return f"6 tháng {'đầu' if part == 'H1' else 'cuối'} năm {year}"
    if part.startswith("Q"):
        return f"Quý {_QUARTERS[int(part[1]) - 1]}/{year}"
    return f"Tháng {int(part)}/{year}"


def parse(text: str) -> str | None:
    """Period code of a label or code; None when the text is not a period."""
    key = fold(text)
    if not key:
        return ""
    raw = text.strip()
    if re.fullmatch(r"\d{4}(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?", raw):
        return raw
    year = re.search(r"(19|20)\d{2}", key)
    if not year:
        return None
    y = year.group()
    if m := re.search(r"quy ([1-4]|iv|iii|ii|i)\b", key):
        quarter = _ROMAN.get(m.group(1)) or int(m.group(1))
        return f"{y}-Q{quarter}"
    if "6 thang dau" in key or "sau thang dau" in key:
        return f"{y}-H1"
    if "6 thang cuoi" in key or "sau thang cuoi" in key:
        return f"{y}-H2"
    if m := re.search(r"thang (\d{1,2})\s*/", key + "/") or re.search(r"thang (\d{1,2})\b", key):
        month = int(m.group(1))
        if 1 <= month <= 12:
            return f"{y}-{month:02d}"
        return None
    if re.fullmatch(r"(nam )?(19|20)\d{2}", key):
        return y
    return None


def bounds(code: str) -> tuple[date, date] | None:
    """First and last day of a period code (None for '')."""
    if not code:
        return None
    year = int(code[:4])
    if len(code) == 4:
        return date(year, 1, 1), date(year, 12, 31)
    part = code[5:]
    if part.startswith("H"):
        return (
            (date(year, 1, 1), date(year, 6, 30))
            if part == "H1"
            else (date(year, 7, 1), date(year, 12, 31))
        )
    if part.startswith("Q"):
        q = int(part[1])
        first = date(year, 3 * q - 2, 1)
    else:
        first = date(year, int(part), 1)
        q = None
    last_month = first.month + (2 if q else 0)
    nxt = date(year + (last_month == 12), last_month % 12 + 1, 1)
    return first, date.fromordinal(nxt.toordinal() - 1)
