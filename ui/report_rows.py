"""The rows a report file will write, as the person who sends or checks it reads them:
task, period, the status word as written and what it is read as, completion date, result;
rows a warning points at in the warnings' yellow. Shared by the staff's upload preview and
the unit's own upload (before «Nộp»)."""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from tracker.usecases.templates import progress_label
from tracker.views.tables import period_labels
from ui.problems import FILLS
from ui.table import column_config, show, styled

COLUMNS = ["sheet", "row_no", "task_code", "unit_name", "period", "raw_status",
           "progress_label", "completed_on", "result_text"]  # fmt: skip


def rows_preview(
    rows: pd.DataFrame,
    key: str,
    *,
    flagged: Collection[tuple[str | None, int | None]] = (),
    with_unit: bool = False,
) -> None:
    """Draw `rows` (a prepared file's rows as a DataFrame) under Vietnamese headers, the
    unit of each row `with_unit` (a consolidated file names several), and the rows at the
    (sheet, row) places in `flagged` filled yellow."""
    shaped = rows.assign(
        period=period_labels(rows["period"]),
        progress_label=rows["progress"].map(progress_label),
        completed_on=pd.to_datetime(rows["completed_on"]),
        raw_status=rows["raw_status"] if "raw_status" in rows else "",
    )
    wanted = [c for c in COLUMNS if c in shaped.columns and (with_unit or c != "unit_name")]
    frame = shaped[wanted].reset_index(drop=True)
    if not flagged:
        show(frame, key=key)
        return
    marks = [(s, r) in flagged for s, r in zip(frame["sheet"], frame["row_no"], strict=True)]
    table = styled(frame)
    table = table if isinstance(table, Styler) else table.style
    st.dataframe(
        table.apply(lambda row: [FILLS["warning"] if marks[row.name] else ""] * len(row), axis=1),
        hide_index=True,
        width="stretch",
        column_config=column_config(frame),
        key=key,
    )
