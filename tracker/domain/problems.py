"""Located problems: what is wrong, where, and what to do, in Vietnamese.

A problem is a value, not an exception: a file's validation collects every problem at once so
the user fixes a file in one round trip. ``error`` rejects the whole file; ``warning`` is
shown and kept with the report but does not stop it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file. `row` is 1-based as Excel shows it; `column` is a
    letter ("C"). Either may be None when the problem concerns the whole file or sheet."""

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
        """"Trang 'Báo cáo', ô C7" style location for messages and logs."""
        parts = []
        if self.sheet:
            parts.append(f"trang '{self.sheet}'")
        if self.row is not None and self.column:
            parts.append(f"ô {self.column}{self.row}")
        elif self.row is not None:
            parts.append(f"dòng {self.row}")
        elif self.column:
            parts.append(f"cột {self.column}")
        return ", ".join(parts)

    def as_dict(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        where = self.where()
        value = f" [{self.value}]" if self.value not in (None, "") else ""
        return f"{self.file}{': ' + where if where else ''}{value}: {self.message}"


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


def has_errors(problems: list[Problem]) -> bool:
    return any(p.is_error for p in problems)
