"""The status vocabulary: codes, Vietnamese labels and colours, defined once.

Charts, tables, exports and the SQL status macro (``status_code``, migration 003) all take
their codes from here, so a colour or a label is changed in one place (the due-soon window
is :data:`tracker.domain.settings.DUE_SOON_DAYS`). Colour never carries meaning alone: every
place that colours a status also prints its label.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Status:
    code: str
    label: str
    short: str
    colour: str
    done: bool
    open_in_time: bool


STATUSES: tuple[Status, ...] = (
    Status("done_on_time", "Hoàn thành đúng hạn", "Đúng hạn", "#2e7d32", True, False),
    Status("done_late", "Hoàn thành quá hạn", "HT quá hạn", "#9acd32", True, False),
    Status("in_progress", "Đang thực hiện, trong hạn", "Đang thực hiện", "#1e88e5", False, True),
    Status("due_soon", "Sắp đến hạn", "Sắp đến hạn", "#fb8c00", False, True),
    Status("overdue", "Chưa hoàn thành, quá hạn", "Quá hạn", "#c62828", False, False),
    Status("not_reported", "Chưa báo cáo", "Chưa báo cáo", "#9e9e9e", False, True),
)
"""In the order charts and tables show them: best first, "not reported" apart at the end."""

BY_CODE: dict[str, Status] = {s.code: s for s in STATUSES}
CODES: tuple[str, ...] = tuple(s.code for s in STATUSES)
LABELS: dict[str, str] = {s.code: s.label for s in STATUSES}
COLOURS: dict[str, str] = {s.code: s.colour for s in STATUSES}


def label(code: str) -> str:
    """Vietnamese label of a status code; raises KeyError for an unknown code."""
    return BY_CODE[code].label


def colour(code: str) -> str:
    """Hex colour of a status code; raises KeyError for an unknown code."""
    return BY_CODE[code].colour
