"""The status vocabulary: codes, Vietnamese labels and colours, defined once.

Charts, tables, exports and the SQL status macro all take their codes from here, so a
colour or a label is changed in one place. Colour never carries meaning alone: every
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


STATUSES: tuple[Status, ...] = (
    Status("done_on_time", "Hoàn thành đúng hạn", "Đúng hạn", "#2e7d32", True),
    Status("done_late", "Hoàn thành quá hạn", "HT quá hạn", "#9acd32", True),
    Status("in_progress", "Đang thực hiện, trong hạn", "Đang thực hiện", "#1e88e5", False),
    Status("due_soon", "Sắp đến hạn", "Sắp đến hạn", "#fb8c00", False),
    Status("overdue", "Chưa hoàn thành, quá hạn", "Quá hạn", "#c62828", False),
    Status("not_reported", "Chưa báo cáo", "Chưa báo cáo", "#9e9e9e", False),
)
"""In the order charts and tables show them: best first, "not reported" apart at the end."""

BY_CODE: dict[str, Status] = {s.code: s for s in STATUSES}
CODES: tuple[str, ...] = tuple(s.code for s in STATUSES)
LABELS: dict[str, str] = {s.code: s.label for s in STATUSES}


def label(code: str) -> str:
    """Vietnamese label of a status code; raises KeyError for an unknown code."""
    return BY_CODE[code].label


def colour(code: str) -> str:
    """Hex colour of a status code; raises KeyError for an unknown code."""
    return BY_CODE[code].colour


BLACK, WHITE = "#000000", "#FFFFFF"


def _luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of ``#rrggbb``."""
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours, 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def ink(fill: str) -> str:
    """The text colour for a fill: black or white, whichever has the higher WCAG contrast
    ratio on `fill` (black on a tie). Pages, charts and exports all colour text with it."""
    return BLACK if contrast(fill, BLACK) >= contrast(fill, WHITE) else WHITE


def share(part, whole):
    """Percent of `whole` that `part` is, 0-100 with one decimal; 0.0 where `whole` is 0.

    The one way every figure people read is computed ("% đúng hạn" is done on time over
    *all* obligations). Takes numbers or pandas Series alike (element-wise)."""
    if hasattr(whole, "where"):
        return (100 * part / whole.where(whole > 0)).round(1).fillna(0.0)
    return round(1000 * part / whole) / 10 if whole else 0.0  # as pandas rounds: rint(x*10)/10
