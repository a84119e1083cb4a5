"""How dates and numbers are shown: dd/mm/yyyy, Vietnamese decimal comma."""

from __future__ import annotations

from domain.text import vn_date, vn_int, vn_percent  # noqa: F401 - pages import them here

DATE_FORMAT = "DD/MM/YYYY"  # for st.date_input and st.column_config
