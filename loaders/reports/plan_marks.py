"""Which plan a report says it belongs to: plan codes written above its table.

Units copy the plan's number into the title block ("Thực hiện KẾ HOẠCH SỐ 84-KH/BTGTU",
"Báo cáo kết quả thực hiện Kế hoạch 84-KH/BTGTU"). A code is looked for as a whole token of
the folded text with spaces around its dash and slash removed, so "84 - KH / BTGTU" is found
and "184-KH/BTGTU" is not taken for "84-KH/BTGTU".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from domain.text import fold

_AROUND_MARKS = re.compile(r"\s*([-/])\s*")


@lru_cache(maxsize=16384)
def code_key(text: str) -> str:
    """The folded form in which plan codes are compared (remembered: title rows repeat from
    file to file)."""
    return _AROUND_MARKS.sub(r"\1", fold(text))


@dataclass(frozen=True)
class PlanMark:
    """A known plan's code found in a sheet: the code as registered and where it stands
    (0-based row and table column of the sheet's head rows)."""

    code: str
    sheet: str
    row: int
    col: int


def find_plan_marks(
    sheet: str, rows: Iterable[list[str | None]], codes: Iterable[str]
) -> list[PlanMark]:
    """Every known plan code written in `rows`, once per code (its first place)."""
    patterns = _patterns(tuple(codes))
    found: dict[str, PlanMark] = {}
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            if not text or len(found) == len(patterns):
                continue
            key = code_key(text)
            for code, pattern in patterns.items():
                if code not in found and pattern.search(key):
                    found[code] = PlanMark(code, sheet, r, c)
    return list(found.values())


@lru_cache(maxsize=64)
def _patterns(codes: tuple[str, ...]) -> dict[str, re.Pattern[str]]:
    """Each code's pattern, compiled once per set of registered codes (once per upload)."""
    return {
        code: re.compile(r"(?<![\w-])" + re.escape(code_key(code)) + r"(?![\w-])")
        for code in codes
        if code_key(code)
    }
