"""One heatmap cell opened: a unit's obligation on one task and the report rows behind it.

A cell is named in the URL as ``cell=UNITID-TASKID`` (:func:`cell_key`, :func:`parse_key`)
so a copied link reopens it. :func:`cell` gives the obligation's periods (latest first:
a recurring task has one obligation per period begun) and every report row received for
that unit and task up to the as-of date, newest report first; a row a later report
replaced is marked with the date it was superseded, a withdrawn report's rows too. The
original file of each report is read back by its sha256 (:func:`original_file`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from domain import status
from domain.review import PENDING, RETURNED, state_label
from domain.text import vn_date
from store import reports
from store.database import Store
from tracker.views import names
from tracker.views.tables import period_labels

PERIOD_COLUMNS = [
    "period", "due_on", "completed_on", "status_label", "days_late", "file_name",
    "reported_on", "result_text",
]  # fmt: skip
ROW_COLUMNS = [
    "reported_on", "file_name", "sheet", "row_no", "period", "raw_status", "completed_on",
    "result_text", "note", "report_state",
]  # fmt: skip


@dataclass(frozen=True)
class Cell:
    """What one cell holds. ``found`` is False when the unit has no obligation on the task
    in the views' plans (a stale or mistyped link)."""

    found: bool
    unit_id: int
    task_id: int
    unit_name: str = ""
    group_label: str = ""
    plan: str = ""
    task_code: str = ""
    task: str = ""
    deadline_text: str = ""
    due_on: date | None = None
    status: str = ""
    periods: pd.DataFrame = field(default_factory=pd.DataFrame)
    rows: pd.DataFrame = field(default_factory=pd.DataFrame)
    files: dict[int, tuple[str, str]] = field(default_factory=dict)
    """report id -> (file name, sha256), for the downloads of the originals."""


def cell_key(unit_id: int, task_id: int) -> str:
    """``"18-4"``: the URL's name for the cell of unit 18 and task 4."""
    return f"{int(unit_id)}-{int(task_id)}"


def parse_key(text: str | None) -> tuple[int, int] | None:
    """(unit id, task id) of a :func:`cell_key`; None for anything else."""
    parts = str(text or "").strip().split("-")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        return None
    return int(parts[0]), int(parts[1])


def clicked(points: list[dict]) -> str | None:
    """The :func:`cell_key` of the first heatmap point clicked (its y is the unit id, its
    x the task id, the axes' category keys); None when nothing usable was clicked."""
    for point in points:
        key = f"{point.get('y', '')}-{point.get('x', '')}"
        if parse_key(key):
            return key
    return None


def _state(row, as_of: date) -> str:
    if pd.notna(row.withdrawn_at):
        return "Đã rút"
    if row.review_state in (PENDING, RETURNED):  # kept from counting until approved
        return state_label(row.review_state)
    if pd.notna(row.superseded_on) and row.superseded_on <= pd.Timestamp(as_of):
        return f"Đã được thay thế ({vn_date(row.superseded_on.date())})"
    return "Đang được tính"


def cell(store: Store, as_of: date, plan: str | None = None, *, unit_id: int, task_id: int) -> Cell:
    """The obligation of unit `unit_id` on task `task_id` as of `as_of` (see the module).
    The head (due date, status) is the latest period's; the unit's name follows the
    all-plans rule of :mod:`tracker.views.names`."""
    found = store.frame("cell_obligations", as_of=as_of, plan=plan, unit=int(unit_id),
                        task=int(task_id))  # fmt: skip
    if found.empty:
        return Cell(False, int(unit_id), int(task_id))
    found = names.tell_apart(store, found, plan)
    for column in ("due_on", "completed_on", "reported_on"):
        found[column] = pd.to_datetime(found[column])
    periods = found.assign(
        period=period_labels(found["period"].where(found["period"] != "")),
        status_label=found["status"].map(status.LABELS),
        days_late=found["days_late"].astype("Int64"),
        file_name=found["file_name"].fillna(""),
        result_text=found["result_text"].fillna(""),
    )[[*PERIOD_COLUMNS, "status"]].reset_index(drop=True)
    raw = store.frame("cell_report_rows", as_of=as_of, unit=int(unit_id), task=int(task_id))
    for column in ("reported_on", "completed_on", "superseded_on"):
        raw[column] = pd.to_datetime(raw[column])
    rows = raw.assign(
        period=period_labels(raw["period"].where(raw["period"] != "")),
        report_state=[_state(r, as_of) for r in raw.itertuples(index=False)],
        row_no=raw["row_no"].astype("Int64"),
    )[[*ROW_COLUMNS, "report_id"]].reset_index(drop=True)
    files = {
        int(r): (n, s)
        for r, n, s in zip(raw["report_id"], raw["file_name"], raw["sha256"], strict=True)
    }
    head = found.iloc[0]
    return Cell(
        True,
        int(unit_id),
        int(task_id),
        unit_name=str(head["unit"]),
        group_label=str(head["group_label"]),
        plan=str(head["plan"]),
        task_code=str(head["task_code"]),
        task=str(head["task"]),
        deadline_text=str(head["deadline_text"] or "").strip(),
        due_on=None if pd.isna(head["due_on"]) else head["due_on"].date(),
        status=str(head["status"]),
        periods=periods,
        rows=rows,
        files=files,
    )


def original_file(store: Store, sha256: str) -> bytes | None:
    """The bytes of a report file as uploaded (kept by sha256); None when the store keeps
    no copy (an in-memory database, or a blob removed by hand)."""
    return reports.read_blob(store, sha256)
