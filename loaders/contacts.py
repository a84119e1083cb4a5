"""A sheet of units' contacts (Tên đơn vị | E-mail | Thủ trưởng | Địa chỉ): bytes in, rows
located by sheet, row and column letter out, and problems for what cannot be read.

The header is the first row (of the first 20) that names a unit column; the other columns
are found by their header's words, in any order, any case, with or without marks ("Email",
"Địa chỉ e-mail", "Thư điện tử"; "Thủ trưởng", "Người đứng đầu"; "Địa chỉ"). Only the first
visible sheet holding such a header is read. What the cells say (an e-mail's shape, a
name that names no unit) is the use case's to judge: it knows the registry.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.problems import Problem, file_problem
from domain.text import clean, fold
from loaders.reading.sniff import sniff
from loaders.reading.workbook import read_workbook

HEADER_ROWS = 20
_HEADERS = {  # folded header words -> field, the first that fits wins
    "email": ("email", "e mail", "thu dien tu", "hop thu"),
    "head": ("thu truong", "nguoi dung dau", "lanh dao", "chuc danh"),
    "address": ("dia chi",),
    "name": ("ten don vi", "don vi", "co quan"),
}
FIELDS = ("name", "email", "head", "address")


@dataclass(frozen=True)
class SheetContact:
    """One row: the cells as written, where it is (1-based row, letters by field)."""

    name: str
    emails: str
    head: str
    address: str
    row: int
    sheet: str
    columns: dict[str, str] = field(default_factory=dict)


@dataclass
class ContactSheet:
    rows: list[SheetContact]
    problems: list[Problem]


def _field(header: str) -> str | None:
    key = fold(header)
    for name, words in _HEADERS.items():
        if any(word in key for word in words):
            return name
    return None


def read_contact_sheet(data: bytes, file: str) -> ContactSheet:
    """The contact rows of `data` (.xlsx, .xls, .ods or .csv), or the problems that keep
    it from being read (no header row, no unit column, an unreadable file)."""
    book = read_workbook(file, data, sniff(data))
    if book.problems:
        return ContactSheet([], book.problems)
    named_only: tuple[str, int] | None = None  # a header row with a unit column, no e-mail
    for sheet in book.sheets:
        if not sheet.visible:
            continue
        columns = [[clean(v) for v in col.to_pylist()] for col in sheet.table.columns]
        height = sheet.table.num_rows
        for r in range(min(HEADER_ROWS, height)):
            found: dict[str, int] = {}
            for c, values in enumerate(columns):
                name = _field(values[r] or "")
                if name and name not in found:
                    found[name] = c
            if "name" not in found or "email" not in found:
                if "name" in found and named_only is None:
                    named_only = (sheet.name, r + 1)
                continue
            letters = {k: sheet.letter(c) for k, c in found.items()}
            rows = []
            for i in range(r + 1, height):
                cells = {k: columns[c][i] or "" for k, c in found.items()}
                if not any(cells.values()):
                    continue
                rows.append(
                    SheetContact(
                        cells["name"],
                        cells["email"],
                        cells.get("head", ""),
                        cells.get("address", ""),
                        i + 1,
                        sheet.name,
                        letters,
                    )
                )
            return ContactSheet(rows, [])
    if named_only is not None:
        message = "Dòng tiêu đề có cột «Tên đơn vị» nhưng không có cột «E-mail»."
        return ContactSheet([], [Problem(file, named_only[0], named_only[1], None, None, message)])
    return ContactSheet(
        [],
        [
            file_problem(
                file,
                "Không thấy dòng tiêu đề có cột «Tên đơn vị» (và «E-mail», «Thủ trưởng», "
                f"«Địa chỉ») trong {HEADER_ROWS} dòng đầu của trang nào.",
            )
        ],
    )
