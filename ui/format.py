"""How dates and numbers are shown: dd/mm/yyyy (and hh:mm), Vietnamese decimal comma."""

from __future__ import annotations

from domain.text import vn_date, vn_int, vn_percent  # noqa: F401 - pages import them here

DATE_FORMAT = "DD/MM/YYYY"  # for st.date_input and st.column_config
DATETIME_FORMAT = "DD/MM/YYYY HH:mm"  # for st.column_config.DatetimeColumn


def vn_datetime(value) -> str:
    """A moment as people read it, ``26/07/2019 14:05``; empty for a missing one (never
    "None", "NaT" or an ISO timestamp)."""
    if value is None or value != value or not hasattr(value, "strftime"):
        return ""
    return value.strftime("%d/%m/%Y %H:%M")
