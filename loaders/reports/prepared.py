"""One uploaded file after validation: what would be written, and every problem found."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pyarrow as pa

from domain.problems import Problem, SortsProblems
from loaders.reports.corrections import Correction


@dataclass
class PreparedFile(SortsProblems):
    """One file after validation: `rows` is what would be written (None when rejected)."""

    file: str
    data: bytes = field(repr=False)
    sha256: str
    size: int
    kind: str
    problems: list[Problem] = field(default_factory=list)
    rows: pa.Table | None = None
    unit_ids: list[int] = field(default_factory=list)
    reported_on: date | None = None
    reported_on_source: str = ""  # "form" | "file" | "upload_day"
    duplicate_of: int | None = None
    plan_codes: list[str] = field(default_factory=list)
    """Known plans whose code the file writes above its table (see plan_marks)."""
    sheets: list[str] = field(default_factory=list)
    unit_columns: dict[str, str] = field(default_factory=dict)
    """Sheet -> the letter of its unit column, for sheets that name the unit per row."""
    corrections: list[Correction] = field(default_factory=list)
    """Cells corrected in the preview (read instead of the file's; the bytes are as sent)."""

    @property
    def accepted(self) -> bool:
        return not self.errors and (self.rows is not None or self.duplicate_of is not None)

    @property
    def unit_id(self) -> int | None:
        """The reporting unit, or None for a consolidated (many-unit) file."""
        return self.unit_ids[0] if len(self.unit_ids) == 1 else None
