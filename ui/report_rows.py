"""The rows a report file will write, as the person who sends or checks it reads them:
task, period, the status word as written and what it is read as, completion date, result.
Shared by the unit's own upload (before «Nộp») and anything else that previews rows."""

from __future__ import annotations

import pandas as pd

from tracker.usecases.templates import progress_label
from tracker.views.tables import period_labels
from ui.table import show

COLUMNS = ["sheet", "row_no", "task_code", "period", "raw_status", "progress_label",
           "completed_on", "result_text"]  # fmt: skip


def rows_preview(rows: pd.DataFrame, key: str) -> None:
    """Draw `rows` (a prepared file's rows as a DataFrame) under Vietnamese headers."""
    shaped = rows.assign(
        period=period_labels(rows["period"]),
        progress_label=rows["progress"].map(progress_label),
        completed_on=pd.to_datetime(rows["completed_on"]),
        raw_status=rows["raw_status"] if "raw_status" in rows else "",
    )
    show(shaped[[c for c in COLUMNS if c in shaped.columns]], key=key)
