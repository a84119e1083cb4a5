"""The review state of reports in the store (migration 007): marking fresh uploads as
waiting, recording a decision, the lists and counts the pages show, and the office
setting that turns the review on.

Every change of state reruns :func:`store.reports.supersede` in the same
transaction: a waiting or returned report's rows neither count nor replace older rows, so
approving one can change which row is the newest for its obligations.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from domain.review import APPROVED, PENDING, RETURNED
from store.database import Store, Writer
from store.reports import supersede

SETTING = "review_unit_uploads"


def review_required(store: Store) -> bool:
    """Whether a unit account's upload waits for a cán bộ's confirmation."""
    return bool(store.scalar("setting_get", name=SETTING))


def set_review_required(tx: Writer, on: bool) -> None:
    tx.run("setting_put", name=SETTING, value=int(on))


def wait_for_review(tx: Writer, report_ids: list[int]) -> list[int]:
    """Mark fresh uploads as waiting (those not reviewed yet); returns the ids marked."""
    marked = [row[0] for row in tx.run("report_review_wait", report_ids=list(report_ids))]
    if marked:
        supersede(tx, marked)
    return marked


def decide(tx: Writer, report_id: int, approve: bool, by: str, reason: str = "") -> bool:
    """Approve or return a waiting report; False when it is not waiting (any more)."""
    done = tx.run(
        "report_review_set",
        report_id=report_id,
        state=APPROVED if approve else RETURNED,
        reason=reason or None,
        by=by,
        at=datetime.now(),
    )
    if done:
        supersede(tx, [report_id])
    return bool(done)


def review_one(store: Store, report_id: int) -> dict | None:
    """One report's plan, unit, file and review state; None for an unknown id."""
    found = store.frame("report_review_one", report_id=report_id)
    return None if found.empty else found.iloc[0].to_dict()


def review_list(
    store: Store, plan: str | None = None, states: tuple[str, ...] = (PENDING,)
) -> pd.DataFrame:
    """Reports in `states`, oldest upload first."""
    return store.frame("review_list", plan=plan, states=list(states))


def review_count(store: Store, plan: str | None = None) -> int:
    """How many reports wait for review."""
    return int(store.scalar("review_count", plan=plan))
