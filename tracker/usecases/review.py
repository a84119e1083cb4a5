"""A cán bộ confirms or returns a unit's upload before it counts.

With the office setting on (:func:`set_required`, off by default), every upload a unit
account makes (:func:`tracker.usecases.unit_reports.commit_own`) waits as ``cho_duyet``;
the status ignores it until :func:`approve` (``da_duyet``) and keeps ignoring it after
:func:`return_report` (``tra_lai``, with the reason the unit reads). Uploads by staff never
wait. Each decision needs :data:`~domain.access.Action.REVIEW` and leaves an audit
row (action ``approve`` or ``return``) in its own transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from domain.access import Action, Actor, require
from domain.errors import NotFound, Rejected
from domain.problems import Outcome, Problem
from domain.review import RETURNED, state_label
from loaders.reports.pipeline import prepare
from store import review as stored
from store.database import Store
from store.reports import read_blob, report_header, report_rows
from tracker.usecases.acting import acting
from tracker.usecases.ingest import load_catalog, plan_codes

__all__ = [
    "Reading",
    "approve",
    "reading",
    "required",
    "return_report",
    "returned",
    "set_required",
    "waiting",
]


@dataclass(frozen=True)
class Reading:
    """What a reviewer sees of one waiting report: the rows it wrote (as they will count once
    approved), the problems its file gives when read again now, and its original bytes
    (None when the store keeps no copy)."""

    rows: pd.DataFrame
    problems: list[Problem]
    original: bytes | None


def reading(store: Store, actor: Actor, report_id: int, reported_on: date) -> Reading:
    """The rows, the reading's warnings and the original file of report `report_id`.

    The warnings are not stored with a report (only their count), so the kept original is
    read again by the same loaders the upload used, as a new file (never as a duplicate of
    itself), with the report's own date; a catalog changed since (a name mapped by hand)
    can give fewer warnings than the upload did."""
    require(actor, Action.REVIEW)
    header = report_header(store, report_id)
    found = stored.review_one(store, report_id)
    if header is None or found is None:
        raise NotFound("report", report_id)
    rows = report_rows(store, report_id)
    original = read_blob(store, header["sha256"])
    problems: list[Problem] = []
    catalog = load_catalog(store, header["plan"])
    if original is not None and catalog is not None:
        unit = found["unit"] if pd.notna(found["unit_id"]) else None
        [again] = prepare(
            [(header["file"], original)], catalog, unit, reported_on,
            today=max(reported_on, date.today()), plan_codes=plan_codes(store),
        )  # fmt: skip
        problems = list(again.problems)
    return Reading(rows, problems, original)


def required(store: Store) -> bool:
    """Whether a unit account's upload waits for a cán bộ's confirmation."""
    return stored.review_required(store)


def set_required(store: Store, actor: Actor, on: bool) -> None:
    """Turn the review of unit uploads on or off (Action.SETTINGS, audited)."""
    before = required(store)
    with acting(store, actor, Action.SETTINGS, "setting", stored.SETTING, before=before) as act:
        stored.set_review_required(act.tx, on)
        act.after = on


def waiting(store: Store, actor: Actor, plan: str | None = None) -> pd.DataFrame:
    """The reports waiting for review, oldest first."""
    require(actor, Action.REVIEW)
    return stored.review_list(store, plan)


def returned(store: Store, actor: Actor, plan: str | None = None) -> pd.DataFrame:
    """The reports returned to their units (not counted until sent again)."""
    require(actor, Action.REVIEW)
    return stored.review_list(store, plan, (RETURNED,))


def approve(store: Store, actor: Actor, report_id: int) -> Outcome:
    """Approve a waiting report: it counts from now on."""
    return _decide(store, actor, report_id, True, "")


def return_report(store: Store, actor: Actor, report_id: int, reason: str) -> Outcome:
    """Return a waiting report to its unit with `reason` (required)."""
    reason = reason.strip()
    if not reason:
        return Outcome(
            [
                Problem(
                    "",
                    None,
                    None,
                    "review_reason",
                    "",
                    "Hãy ghi lý do trả lại, để đơn vị biết cần sửa gì trong báo cáo.",
                )
            ]
        )
    return _decide(store, actor, report_id, False, reason)


def _decide(store: Store, actor: Actor, report_id: int, approving: bool, reason: str) -> Outcome:
    found = stored.review_one(store, report_id)
    if found is None:
        raise NotFound("report", report_id)
    before = {"review_state": found["review_state"], "file": found["file_name"]}
    try:
        with acting(store, actor, Action.REVIEW, "report", report_id, before=before) as act:
            act.action = "approve" if approving else "return"
            if not stored.decide(act.tx, report_id, approving, actor.login, reason):
                state = state_label(found["review_state"]) or "không cần duyệt"
                raise Rejected(
                    [
                        Problem(
                            "",
                            None,
                            None,
                            None,
                            found["file_name"],
                            f"Báo cáo #{report_id} ({found['file_name']}) không ở trạng thái chờ "
                            f"duyệt (hiện: {state}); không thay đổi gì.",
                        )
                    ]
                )
            act.after = {"review_state": "da_duyet" if approving else "tra_lai", "reason": reason}
    except Rejected as refused:
        return Outcome(refused.problems)
    return Outcome()
