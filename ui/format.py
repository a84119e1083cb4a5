"""How dates and numbers are shown: dd/mm/yyyy, Vietnamese decimal comma."""

from __future__ import annotations

from tracker.domain.text import vn_date  # noqa: F401 - the pages import it from here

DATE_FORMAT = "DD/MM/YYYY"  # for st.date_input and st.column_config


def vn_percent(value: float) -> str:
    """``64,2%``: one decimal, comma as Vietnamese writes it."""
    return f"{value:.1f}%".replace(".", ",")


def vn_int(value: int) -> str:
    """``21.914``: dot as the thousands separator."""
    return f"{value:,}".replace(",", ".")
