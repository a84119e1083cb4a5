"""What a unit account does on «Báo cáo của đơn vị»: its own obligations, template, upload
and upload history, and nothing of any other unit.

Every function takes the acting :class:`~domain.access.Actor` and reads or writes
only its units (``actor.unit_ids``): :data:`~domain.access.Action.OWN_UNIT` to read,
:data:`~domain.access.Action.UPLOAD` on the chosen unit to write; anything else
raises :class:`~domain.access.Forbidden` before the store is touched.

With the office's review setting on, a fresh upload waits for a cán bộ's confirmation
(:mod:`tracker.usecases.review`) before it counts.

An upload goes through the same pipeline as staff uploads (:mod:`tracker.usecases.ingest`)
with the unit fixed to the account's; a file that reports any row for another unit (a
unit column naming it, a title naming it) is refused whole, each such row located. A
file already loaded that belongs to another unit is refused too: loading it again could
reinstate another unit's withdrawn report.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd

from domain.access import Action, Actor, require
from domain.problems import Problem, file_problem
from domain.review import AWAIT_REVIEW
from loaders.reports.prepared import PreparedFile
from store import review
from store.database import Store
from store.reports import withdrawn_with
from tracker.usecases import ingest, templates
from tracker.usecases.acting import acting
from tracker.usecases.file_results import FileResult

__all__ = [
    "commit_own",
    "own_history",
    "own_plans",
    "own_status",
    "own_template",
    "own_units",
    "prepare_own",
]


def _ids(actor: Actor) -> list[int]:
    require(actor, Action.OWN_UNIT)
    return sorted(actor.unit_ids)


def own_units(store: Store, actor: Actor) -> pd.DataFrame:
    """The account's units: ``unit_id``, ``name``, ``short_name``, ``province``,
    ``group_label``."""
    return store.frame("own_units", unit_ids=_ids(actor))


def own_plans(store: Store, actor: Actor) -> pd.DataFrame:
    """The plans (not archived) that give one of the account's units an obligation."""
    return store.frame("own_plans", unit_ids=_ids(actor))


def own_status(store: Store, actor: Actor, as_of: date, plan: str | None = None) -> pd.DataFrame:
    """The account's obligations with their status as of `as_of` (of `plan`, or of every
    plan not archived)."""
    return store.frame("own_status", unit_ids=_ids(actor), as_of=as_of, plan=plan)


def own_history(store: Store, actor: Actor) -> pd.DataFrame:
    """Every upload that reports for one of the account's units, newest first."""
    return store.frame("own_reports", unit_ids=_ids(actor))


def _unit_name(store: Store, actor: Actor, unit_id: int) -> str:
    found = own_units(store, actor)
    names = dict(zip(found["unit_id"].astype(int), found["name"], strict=True))
    return names[unit_id]


def own_template(store: Store, actor: Actor, plan_code: str, unit_id: int) -> bytes:
    """The plan's report form pre-filled for `unit_id`, one of the account's units."""
    require(actor, Action.OWN_UNIT, unit_id)
    return templates.report_template(store, plan_code, unit_id)


def template_name(store: Store, actor: Actor, plan_code: str, unit_id: int) -> str:
    """The ASCII file name the unit's form downloads under."""
    require(actor, Action.OWN_UNIT, unit_id)
    return templates.template_file_name(plan_code, _unit_name(store, actor, unit_id))


def prepare_own(
    store: Store,
    actor: Actor,
    plan_code: str,
    unit_id: int,
    files: Sequence[tuple[str, bytes]],
    reported_on: date | None = None,
) -> ingest.Preparation:
    """Validate `files` as reports of `unit_id` (one of the account's units) without
    writing; a file that reports for another unit gets an error on every such row."""
    require(actor, Action.UPLOAD, unit_id)
    unit = _unit_name(store, actor, unit_id)
    preparation = ingest.prepare_files(store, plan_code, files, unit, reported_on)
    withdrawn = withdrawn_with(
        store, preparation.catalog.plan_id, [p.sha256 for p in preparation.files]
    )
    for prepared in preparation.files:
        prepared.problems.extend(_foreign_rows(prepared, actor, preparation.catalog.unit_name))
        if prepared.sha256 in withdrawn:
            prepared.problems.append(
                file_problem(
                    prepared.file,
                    f"Tệp này đã nộp trước đây và đã được cán bộ rút (báo cáo "
                    f"#{withdrawn[prepared.sha256]}); đơn vị không nạp lại được chính tệp đó. "
                    "Hãy sửa báo cáo rồi gửi tệp mới, hoặc nhờ cán bộ khôi phục.",
                )
            )
    return preparation


def _foreign_rows(prepared: PreparedFile, actor: Actor, unit_name) -> list[Problem]:
    """One located error per row of `prepared` that reports for a unit not the actor's."""
    mine = ", ".join(sorted(unit_name(u) for u in actor.unit_ids))
    if prepared.duplicate_of is not None:
        if prepared.unit_id in actor.unit_ids:
            return []
        return [
            file_problem(
                prepared.file,
                "Tệp này đã được nạp trước đây cho đơn vị khác (hoặc là tệp tổng hợp nhiều đơn "
                f"vị); tài khoản của {mine} không nạp lại được. Hãy gửi báo cáo của chính đơn "
                "vị mình.",
            )
        ]
    if prepared.rows is None:
        return []
    rows = prepared.rows.select(["sheet", "row_no", "unit_id", "unit_name"]).to_pylist()
    return [
        Problem(
            prepared.file,
            row["sheet"],
            row["row_no"],
            prepared.unit_columns.get(row["sheet"]),
            row["unit_name"],
            f"Dòng này báo cáo cho «{row['unit_name']}», không phải đơn vị của tài khoản "
            f"({mine}). Tài khoản đơn vị chỉ nộp báo cáo của chính mình: hãy xoá các dòng "
            "của đơn vị khác rồi tải lại; tệp chưa được ghi.",
        )
        for row in rows
        if row["unit_id"] not in actor.unit_ids
    ]


def commit_own(
    store: Store, actor: Actor, unit_id: int, preparation: ingest.Preparation
) -> list[FileResult]:
    """Write the accepted files of :func:`prepare_own` (audited as an upload by
    :func:`tracker.usecases.ingest.commit_prepared`); with the review setting on, the fresh
    ones wait for a cán bộ in the same transaction, audited as ``await_review``."""
    require(actor, Action.UPLOAD, unit_id)
    for prepared in preparation.files:
        if prepared.accepted and _foreign_rows(prepared, actor, preparation.catalog.unit_name):
            raise ValueError("preparation was not made by prepare_own for this actor")
    with store.write():
        results = ingest.commit_prepared(store, actor, preparation)
        fresh = [r.report_id for r in results if r.accepted and not r.duplicate and r.report_id]
        if fresh and review.review_required(store):
            with acting(
                store, actor, Action.UPLOAD, "report", preparation.catalog.plan_code,
                unit_id=unit_id,
            ) as act:  # fmt: skip
                act.action = AWAIT_REVIEW
                act.after = {"report_ids": review.wait_for_review(act.tx, fresh)}
    return results
