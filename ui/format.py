"""How dates and numbers are shown: dd/mm/yyyy, Vietnamese decimal comma."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd

DATE_FORMAT = "DD/MM/YYYY"  # for st.date_input and st.column_config


def vn_date(value: date | datetime | None) -> str:
    """``30/06/2019``; empty for a missing date."""
    if value is None or (not isinstance(value, date) and pd.isna(value)):
        return ""
    return value.strftime("%d/%m/%Y")


def vn_percent(value: float) -> str:
    """``64,2%``: one decimal, comma as Vietnamese writes it."""
    return f"{value:.1f}%".replace(".", ",")


def vn_int(value: int) -> str:
    """``21.914``: dot as the thousands separator."""
    return f"{value:,}".replace(",", ".")
