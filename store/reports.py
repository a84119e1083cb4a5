"""Reports in the store: the catalog ingestion matches against, writing accepted files,
listing and withdrawing uploads, and the original bytes kept for audit.

Writes: every accepted file of a batch is written in *one* transaction (a DuckDB commit
costs about 1.5 ms and each statement about 0.6 ms, so 200 files in 200 transactions take
0.7 s, more than the whole validated ingest should). If that transaction fails, each file
is retried in a transaction of its own, so files stay independent: a failure affects only
the file that causes it, and leaves nothing of it behind.

Original bytes are kept content-addressed by their sha256 in the writing transaction
(:meth:`store.database.Writer.keep_blobs`: files beside a DuckDB database, a table
on PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from store.database import Store, Writer

ROW_COLUMNS = (
    "sheet",
    "row_no",
    "task_id",
    "unit_id",
    "period",
    "progress",
    "completed_on",
    "result_text",
    "note",
    "raw_status",
)
"""The report_row columns a new report brings (report_id is given when written)."""


@dataclass
class PlanReference:
    """What ingestion matches reports against, as plain rows (the loaders build their
    catalog from it; the store layer does not import the loaders)."""

    plan_id: int
    code: str
    title: str
    issued_on: date
    province: str
    units: list[tuple]  # (unit_id, name, short_name, aliases)
    tasks: list[tuple]  # (task_id, code, title, section, recurrence, due_on, deadline, order)
    obligations: list[tuple]  # (task_id, unit_id, period, due_on)
    task_aliases: list[tuple] = field(default_factory=list)  # (task_id, alias) remembered
    unit_aliases: list[tuple] = field(default_factory=list)  # (unit_id, alias) remembered
    directive_on: date | None = None
    """The date of the directive the plan carries out (None: no directive registered)."""


def plan_reference(store: Store, plan_code: str) -> PlanReference | None:
    """The plan's units (of its province), tasks and obligations; None for an unknown plan."""
    found = store.rows("ingest_plan", code=plan_code)
    if not found:
        return None
    plan_id, code, title, issued_on, province, directive_on = found[0]
    return PlanReference(
        plan_id,
        code,
        title,
        issued_on,
        province,
        store.rows("ingest_units", province=province),
        store.rows("ingest_tasks", plan_id=plan_id),
        store.rows("ingest_obligations", plan_id=plan_id),
        store.rows("ingest_task_aliases", plan_id=plan_id),
        store.rows("ingest_unit_aliases", province=province),
        directive_on,
    )


@dataclass
class NewReport:
    """One accepted file, ready to be written."""

    file_name: str
    sha256: str
    data: bytes = field(repr=False)
    unit_id: int | None
    reported_on: date
    warnings: int
    rows: pa.Table  # at least ROW_COLUMNS
    corrections: list[dict] = field(default_factory=list)
    """Cells corrected in the preview: sheet, row, column, before, after."""


def plan_codes(store: Store) -> list[str]:
    """Every registered plan's code, archived ones too."""
    return [str(code) for (code,) in store.rows("ingest_plan_codes")]


def known_hashes(store: Store, plan_id: int) -> dict[str, tuple[int, int | None]]:
    """sha256 -> (report id, unit id) of every file already loaded for the plan."""
    return {sha: (rid, uid) for sha, rid, uid in store.rows("report_all_hashes", plan_id=plan_id)}


def blob_dir(store: Store) -> Path | None:
    """Where the original files are files (beside a DuckDB database); None otherwise."""
    return store.blob_dir


def read_blob(store: Store, sha256: str) -> bytes | None:
    """The original bytes of a loaded file, or None when not kept."""
    return store.read_blob(sha256)


@dataclass
class Written:
    """What happened to one prepared file when the batch was written."""

    report_id: int | None
    duplicate: bool
    reinstated: bool = False
    failure: str | None = None


def write_batch(
    store: Store,
    plan_id: int,
    files: Mapping[int, NewReport],
    todo: list[int],
    uploaded_by: str = "",
) -> dict[int, Written]:
    """Write the reports `files[i]` for each index in `todo` in one transaction (joining the
    caller's, if one is open); returns an outcome per index. Raises on any failure, having
    written nothing: the caller decides whether to retry file by file."""
    return _write(store, plan_id, files, todo, uploaded_by)


def _write(
    store: Store,
    plan_id: int,
    files: Mapping[int, NewReport],
    todo: list[int],
    uploaded_by: str,
) -> dict[int, Written]:
    outcome: dict[int, Written] = {}
    now = datetime.now()
    with store.write() as tx:
        shas = [files[i].sha256 for i in todo]
        known = {
            sha: (rid, withdrawn)
            for sha, rid, withdrawn in tx.run("report_known", plan_id=plan_id, shas=shas)
        }
        fresh: list[int] = []
        seen: set[str] = set()
        for index in todo:
            sha = files[index].sha256
            if sha in known:
                rid, withdrawn = known[sha]
                reinstated = bool(withdrawn) and bool(tx.run("report_reinstate", report_id=rid))
                if reinstated:
                    supersede(tx, [rid])
                outcome[index] = Written(rid, True, reinstated)
            elif sha in seen:
                outcome[index] = Written(None, True)
            else:
                seen.add(sha)
                fresh.append(index)
        if not fresh:
            return outcome
        blobs = [(files[i].sha256, files[i].data) for i in fresh]
        if store.blob_dir is None:  # PostgreSQL: rows of the same cursor, written in turn
            _write_rows(tx, plan_id, files, fresh, uploaded_by, now, outcome)
            tx.keep_blobs(blobs)
            return outcome
        # Files beside a DuckDB database: written by a thread while the rows go in (file
        # writes and DuckDB both release the GIL), all on disk before the commit.
        with ThreadPoolExecutor(1) as early:
            kept = early.submit(tx.keep_blobs, blobs)
            _write_rows(tx, plan_id, files, fresh, uploaded_by, now, outcome)
        kept.result()  # a failed blob write fails the transaction
    return outcome


def _write_rows(
    tx: Writer,
    plan_id: int,
    files: Mapping[int, NewReport],
    fresh: list[int],
    uploaded_by: str,
    now: datetime,
    outcome: dict[int, Written],
) -> None:
    """The report rows, their lines and corrections of the `fresh` files, and what they
    supersede."""
    ids = [r[0] for r in tx.run("report_next_ids", n=len(fresh))]
    reports, rows = [], []
    for index, report_id in zip(fresh, ids, strict=True):
        prepared = files[index]
        reports.append(
            {
                "report_id": report_id,
                "plan_id": plan_id,
                "unit_id": prepared.unit_id,
                "file_name": prepared.file_name[:255],
                "sha256": prepared.sha256,
                "size_bytes": len(prepared.data),
                "uploaded_at": now,
                "uploaded_by": uploaded_by,
                "reported_on": prepared.reported_on,
                "row_count": prepared.rows.num_rows,
                "warnings": prepared.warnings,
            }
        )
        rows.append(prepared.rows)
        outcome[index] = Written(report_id, False)
    tx.insert_arrow("report", pa.Table.from_pylist(reports, schema=_REPORT_SCHEMA))
    counts = [t.num_rows for t in rows]
    # One contiguous chunk: DuckDB scans 200 one-file slices much more slowly.
    table = pa.concat_tables(rows).select(list(ROW_COLUMNS)).combine_chunks()
    table = table.add_column(
        0, "report_id", pa.array(np.repeat(np.asarray(ids, dtype=np.int32), counts))
    )
    tx.insert_arrow("report_row", table)
    tx.run_many(
        "report_correction_insert",
        [
            {
                "report_id": report_id,
                "sheet": fix["sheet"],
                "row_no": fix["row"],
                "col": fix["column"],
                "before_value": fix["before"],
                "after_value": fix["after"],
                "corrected_by": uploaded_by,
                "corrected_at": now,
            }
            for index, report_id in zip(fresh, ids, strict=True)
            for fix in files[index].corrections
        ],
    )
    supersede(tx, ids)


_REPORT_SCHEMA = pa.schema(
    [
        ("report_id", pa.int32()),
        ("plan_id", pa.int32()),
        ("unit_id", pa.int32()),
        ("file_name", pa.string()),
        ("sha256", pa.string()),
        ("size_bytes", pa.int64()),
        ("uploaded_at", pa.timestamp("us")),
        ("uploaded_by", pa.string()),
        ("reported_on", pa.date32()),
        ("row_count", pa.int32()),
        ("warnings", pa.int32()),
    ]
)


def supersede(tx: Writer, report_ids: list[int]) -> None:
    """Recompute ``report_row.superseded_on`` for every obligation the reports touch.

    Must run in the transaction of every write that adds, withdraws or reinstates reports:
    the status as of a date counts only rows not yet superseded by then.
    """
    tx.run("report_rows_supersede_prepare", report_ids=list(report_ids))
    tx.run("report_rows_supersede_apply")
    tx.run("report_rows_supersede_done")


def list_reports(store: Store, plan_code: str) -> pd.DataFrame:
    """Past uploads of a plan, newest first (withdrawn ones included, marked)."""
    return store.frame("report_list", plan=plan_code)


def report_rows(store: Store, report_id: int) -> pd.DataFrame:
    """The rows one upload wrote, with the matched task and unit."""
    return store.frame("report_rows", report_id=report_id)


def latest_answers(store: Store, plan_id: int, unit_id: int) -> list[tuple]:
    """(task_id, period, progress, completed_on, result_text, note): the unit's newest
    counted answer per obligation of the plan, newest first when two rows tie. A "done"
    answer without a date carries its report's date, the completion date the status reads."""
    return store.rows("unit_latest_answers", plan_id=plan_id, unit=unit_id)


def report_corrections(store: Store, plan_code: str) -> pd.DataFrame:
    """The cells corrected in the upload preview of a plan's reports, newest report first."""
    return store.frame("report_corrections", plan=plan_code)


def report_header(store: Store, report_id: int) -> dict | None:
    """The upload's plan code, unit, file name, hash and whether it is withdrawn; None if
    unknown."""
    rows = store.rows("report_header", report_id=report_id)
    if not rows:
        return None
    rid, plan, unit_id, file_name, sha256, withdrawn, withdrawn_by = rows[0]
    return {
        "report_id": rid,
        "plan": plan,
        "unit_id": unit_id,
        "file": file_name,
        "sha256": sha256,
        "withdrawn": bool(withdrawn),
        "withdrawn_by": withdrawn_by,
    }


def withdraw_report(store: Store, report_id: int, by: str = "") -> bool:
    """Withdraw an upload (its rows stop counting; history is kept). False if already
    withdrawn or unknown."""
    with store.write() as tx:
        withdrawn = bool(tx.run("report_withdraw", report_id=report_id, by=by))
        if withdrawn:
            supersede(tx, [report_id])
        return withdrawn


def withdrawn_with(store: Store, plan_id: int, shas: list[str]) -> dict[str, int]:
    """sha256 -> report id of the plan's withdrawn uploads among these files (sending one
    again would reinstate it)."""
    return {
        sha: rid
        for sha, rid, withdrawn in store.rows("report_known", plan_id=plan_id, shas=shas)
        if withdrawn is not None
    }
