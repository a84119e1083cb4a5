"""The review page's lists and the overview's count of uploads to review, keyed by the
column ids of :mod:`domain.labels`."""

from __future__ import annotations

import pandas as pd

from domain.access import Actor
from domain.review import state_label
from store import review as stored
from store.database import Store
from tracker.usecases import review
from tracker.usecases.templates import progress_label
from tracker.views.tables import period_labels

COLUMNS = [
    "report_id", "plan", "unit_name", "file_name", "uploaded_by", "uploaded_at", "reported_on",
    "row_count", "review_label", "review_reason", "reviewed_by", "reviewed_at",
]  # fmt: skip


def _shaped(raw: pd.DataFrame) -> pd.DataFrame:
    return raw.assign(
        unit_name=raw["unit"],
        review_label=raw["review_state"].map(state_label),
        review_reason=raw["review_reason"].fillna(""),
        reviewed_by=raw["reviewed_by"].fillna(""),
    )[COLUMNS]


def waiting(store: Store, actor: Actor, plan: str | None = None) -> pd.DataFrame:
    """Uploads waiting for review, oldest first."""
    return _shaped(review.waiting(store, actor, plan))


def returned(store: Store, actor: Actor, plan: str | None = None) -> pd.DataFrame:
    """Uploads returned to their units."""
    return _shaped(review.returned(store, actor, plan))


ROW_COLUMNS = [
    "sheet", "row_no", "task_code", "task", "unit_name", "period", "raw_status",
    "progress_label", "completed_on", "result_text", "note",
]  # fmt: skip


def report_rows(reading: review.Reading) -> pd.DataFrame:
    """A waiting report's rows as they will count once approved: the status word as the
    unit wrote it beside what it is read as, the completion date, the result."""
    raw = reading.rows
    return raw.assign(
        unit_name=raw["unit"],
        period=period_labels(raw["period"]),
        progress_label=raw["progress"].map(progress_label),
        completed_on=pd.to_datetime(raw["completed_on"]),
    )[ROW_COLUMNS]


def to_review(store: Store, plan: str | None = None) -> int:
    """How many uploads wait for review (the overview's count; no unit is named)."""
    return stored.review_count(store, plan)
