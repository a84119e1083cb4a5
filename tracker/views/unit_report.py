"""The «Báo cáo của đơn vị» page's frames: a unit account's obligations and uploads, keyed
by the column ids of :mod:`domain.labels`.

Everything comes through :mod:`tracker.usecases.unit_reports`, which reads only the
account's own units; nothing here names a query.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from domain import status
from domain.access import Actor
from domain.review import state_label
from store.database import Store
from tracker.usecases import unit_reports
from tracker.views.tables import period_labels

OBLIGATION_COLUMNS = [
    "plan", "unit_name", "task_code", "task", "deadline_text", "period", "due_on",
    "status_label", "completed_on", "reported_on", "file_name", "result_text", "status",
    "unit_id",
]  # fmt: skip
HISTORY_COLUMNS = [
    "report_id", "plan", "file_name", "unit_name", "uploaded_by", "uploaded_at", "reported_on",
    "row_count", "withdrawn", "review_label", "review_reason",
]  # fmt: skip


def obligations(store: Store, actor: Actor, as_of: date, plan: str | None = None) -> pd.DataFrame:
    """The account's obligations with their status label, in the plan's order; the unit
    column is there for an account of several units."""
    raw = unit_reports.own_status(store, actor, as_of, plan)
    frame = raw.assign(
        unit_name=raw["unit"],
        period=period_labels(raw["period"]),
        status_label=raw["status"].map(status.LABELS),
    )[OBLIGATION_COLUMNS]
    return frame if len(actor.unit_ids) > 1 else frame.drop(columns=["unit_name"])


def status_summary(frame: pd.DataFrame) -> dict[str, int]:
    """``{status_code: count}`` of an :func:`obligations` frame, in the statuses' order."""
    counts = frame["status"].value_counts()
    return {code: int(counts.get(code, 0)) for code in status.CODES}


def history(store: Store, actor: Actor) -> pd.DataFrame:
    """The account's uploads, newest first, with their review state (empty when none was
    asked) and the reason of a return."""
    raw = unit_reports.own_history(store, actor)
    return raw.assign(
        unit_name=raw["unit"],
        withdrawn=raw["withdrawn_at"].notna(),
        review_label=raw["review_state"].map(state_label),
        review_reason=raw["review_reason"].fillna(""),
    )[HISTORY_COLUMNS]
