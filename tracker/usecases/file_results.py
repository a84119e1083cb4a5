"""The outcome of each file of an upload, as pages and the command line show it: accepted,
refused or already loaded, a one-line Vietnamese summary, the JSON ``ingest --json`` prints,
and the order a person reviews a batch in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from domain.problems import Problem, SortsProblems

OUTCOMES = ("refused", "accepted", "duplicate")
"""A batch's outcomes in the order a person reviews them: what needs fixing first."""


@dataclass
class FileResult(SortsProblems):
    """The outcome of one file. `unit` is None for a consolidated (many-unit) file."""

    file: str
    accepted: bool
    duplicate: bool = False
    unit: str | None = None
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    report_id: int | None = None
    sha256: str = ""
    reported_on: date | None = None
    reinstated: bool = False
    reported_on_source: str = ""
    """Where the report's date came from: "form" (chosen at upload or ``--date``), "file"
    (written in the file) or "upload_day" (neither: the day of upload)."""
    copy_in_batch: bool = False
    """The same bytes as an earlier file of the same batch (not read again)."""
    written: bool = True
    """False for a preview (:meth:`Preparation.results`): nothing has been written yet, and
    :attr:`summary` speaks of what will be."""

    @property
    def outcome(self) -> str:
        """One of :data:`OUTCOMES`: "refused", "accepted" or "duplicate"."""
        if not self.accepted:
            return "refused"
        return "duplicate" if self.duplicate else "accepted"

    @property
    def summary(self) -> str:
        """One Vietnamese line for lists and the command line, in the future tense for a
        preview ("Sẽ nạp 4 dòng") and the past once written ("Đã nạp 4 dòng")."""
        if self.copy_in_batch:
            return "Trùng nội dung với một tệp khác trong lần tải này: không xét lại."
        if self.duplicate:
            if not self.written:
                return "Đã nạp trước đây: sẽ không ghi lại."
            extra = " (đã khôi phục sau khi bị rút)" if self.reinstated else ""
            return f"Đã nạp trước đây, không thay đổi gì{extra}."
        if self.accepted:
            warn = f", {len(self.warnings)} cảnh báo" if self.warnings else ""
            return f"{'Đã' if self.written else 'Sẽ'} nạp {self.rows} dòng{warn}."
        return f"Bị từ chối: {len(self.errors)} lỗi, không ghi gì."

    def to_json(self) -> dict:
        """The shape ``python -m tracker ingest --json`` prints."""
        return {
            "file": self.file,
            "accepted": self.accepted,
            "duplicate": self.duplicate,
            "unit": self.unit,
            "rows": self.rows,
            "reported_on": self.reported_on.isoformat() if self.reported_on else None,
            "reported_on_source": self.reported_on_source,
            "errors": [_problem_json(p) for p in self.errors],
            "warnings": [_problem_json(p) for p in self.warnings],
        }


def outcome_counts(results: Sequence[FileResult]) -> dict[str, int]:
    """How many files of a batch have each outcome, in :data:`OUTCOMES` order."""
    return {o: sum(r.outcome == o for r in results) for o in OUTCOMES}


def review_order(results: Sequence[FileResult]) -> list[int]:
    """The positions of `results` as a person reviews them: refused files first, then the
    ones to be loaded, then those already loaded; by file name within each."""
    return sorted(
        range(len(results)),
        key=lambda i: (OUTCOMES.index(results[i].outcome), results[i].file.casefold(), i),
    )


def _problem_json(problem: Problem) -> dict:
    return {
        "sheet": problem.sheet,
        "row": problem.row,
        "column": problem.column,
        "value": problem.value,
        "message": problem.message,
    }
