"""Located problems: what is wrong, where, and what to do, in Vietnamese.

A problem is a value, not an exception: a file's validation collects every problem at once so
the user fixes a file in one round trip. ``error`` rejects the whole file; ``warning`` is
shown and kept with the report but does not stop it; ``info`` is a guess the reader made
(a deadline taken as "thường xuyên") for the user to check.

Every validation in the product (report files, plan documents, the plan and unit sheets,
the plan and unit editors) returns this one type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input. `row` is 1-based as the user sees it: the sheet's row,
    the document's line, the editor table's row. `column` is an Excel letter ("C") for a
    sheet, the column id ("deadline_text") for an editor table (pages put their label in
    its place with :func:`labelled`). Either may be None when the problem concerns the whole
    file or sheet; `file` is "" for what was typed, not uploaded."""

    file: str
    sheet: str | None
    row: int | None
    column: str | None
    value: str | None
    message: str
    severity: Severity = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def where(self) -> str:
        """ "Trang 'Báo cáo', ô C7" style location for messages and logs."""
        parts = []
        if self.sheet:
            parts.append(f"trang '{self.sheet}'")
        letters = bool(self.column and _LETTERS.fullmatch(self.column))
        if self.row is not None and letters:
            parts.append(f"ô {self.column}{self.row}")
        elif self.row is not None and self.column:
            parts.append(f"dòng {self.row}, cột {self.column}")
        elif self.row is not None:
            parts.append(f"dòng {self.row}")
        elif self.column:
            parts.append(f"cột {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.where()
        value = f" [{self.value}]" if self.value not in (None, "") else ""
        return f"{self.file}{': ' + where if where else ''}{value}: {self.message}"


_LETTERS = re.compile(r"[A-Z]{1,3}")


class SortsProblems:
    """Mixin for results that carry ``problems``: the errors and the warnings apart."""

    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


def column_letter(index: int) -> str:
    """0-based column index -> Excel letters (0 -> "A", 27 -> "AB")."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: str) -> int:
    """Excel letters -> 0-based column index ("A" -> 0)."""
    value = 0
    for ch in letters.upper():
        value = value * 26 + (ord(ch) - 64)
    return value - 1


def file_problem(file: str, message: str, severity: Severity = "error") -> Problem:
    """A problem about the file as a whole (format, size, encryption ...)."""
    return Problem(file, None, None, None, None, message, severity)


def labelled(problems: list[Problem], labels: dict[str, str]) -> list[Problem]:
    """Editor problems with the column id replaced by its label, for display."""
    return [replace(p, column=labels.get(p.column, p.column)) if p.column else p for p in problems]


@dataclass
class Outcome(SortsProblems):
    """What a checked change did: every problem found; any error means nothing was written."""

    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors
