"""The summary tables that pages show and exports write, as DataFrames keyed by column ids.

Pages (ranking, reminders, export) and the exported files (.xlsx, .csv, .docx) call these
same functions, so a figure in an export is the figure on the page for the same filters and
as-of date. The counting is SQL (``store/sql/table_*.sql``); this module only pivots
the counts into one column per status code, in :mod:`domain.status` order, with the
two percentages of :func:`domain.status.share` (0-100, one decimal, "% đúng hạn"
over *all* obligations).

Columns are ids (``unit_name``, ``done_on_time_pct``); the Vietnamese headers come from
:mod:`domain.labels` where a page draws or an export writes. The technical columns
(``status``, ``unit_id``, ``task_id``) are dropped by :func:`domain.labels.visible`
but kept for colouring rows and drilling down. Dates are pandas datetimes (NaT when
missing).

A long list costs seconds to bring into pandas on a large database, so pages ask for
little: both count tables come from one count query (:func:`counts`), the unit table alone
from a per-unit one (:func:`unit_counts`, half the counting), and a page shows the
first rows of a list by reading only the units that hold them (:func:`first_units`,
:func:`detail_units`), which the database narrows at the scan.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from domain import periods, status
from domain.review import state_label
from domain.scope import Scope
from store.database import Store
from tracker.views import names

COUNT_COLUMNS = ["total", *status.CODES, "done_pct", "done_on_time_pct"]
"""What every count table ends with: the total, one column per status code, the two
percentages."""
REMINDER_STATUSES = ("overdue", "not_reported")


def period_labels(codes: pd.Series) -> pd.Series:
    """:func:`domain.periods.label` of every value, computed once per distinct
    period (a list of 1M obligations holds a few dozen); missing values give ``""``."""
    found = {p: periods.label(p) for p in codes.dropna().unique()}
    return codes.map(found).where(codes.notna(), "")


def count_table(long: pd.DataFrame, key: str, attributes: list[str]) -> pd.DataFrame:
    """Pivot `(key, attributes..., status, obligations)` rows into one row per `key`: its
    attributes (those of its first row), then :data:`COUNT_COLUMNS`. Rows keep the order
    in which `long` first names each key. The overview's breakdowns and the count tables
    are all made here.

    Summed with numpy into a keys × statuses matrix: pandas' ``pivot_table`` cost 10-20
    times as much on the ranking's thousand rows. A status that is not a code, and a
    missing key, count for nothing (the key's row is still there)."""
    keys, uniques = pd.factorize(long[key], sort=False, use_na_sentinel=False)
    column = {code: i for i, code in enumerate(status.CODES)}
    which = pd.Index(status.CODES).get_indexer(long["status"])  # -1: not a code
    counted = (which >= 0) & long[key].notna().to_numpy()
    matrix = np.zeros((len(uniques), len(status.CODES)), dtype="int64")
    np.add.at(
        matrix,
        (keys[counted], which[counted]),
        long["obligations"].to_numpy()[counted].astype("int64"),
    )
    first = np.unique(keys, return_index=True)[1]
    head = long[[key, *attributes]].take(first)
    total = matrix.sum(axis=1)
    done = matrix[:, [column[s.code] for s in status.STATUSES if s.done]].sum(axis=1)
    whole = pd.Series(total)
    return pd.DataFrame(
        {
            **{c: head[c].array for c in (key, *attributes)},
            "total": total,
            **{code: matrix[:, i] for code, i in column.items()},
            "done_pct": status.share(pd.Series(done), whole).to_numpy(),
            "done_on_time_pct": status.share(
                pd.Series(matrix[:, column["done_on_time"]]), whole
            ).to_numpy(),
        }
    )


def _empty_counts(*columns: str) -> pd.DataFrame:
    return pd.DataFrame({c: [] for c in [*columns, *COUNT_COLUMNS]})


def counts(store: Store, scope: Scope) -> pd.DataFrame:
    """Status counts per (plan, unit, status) and per (plan, task, status) rows (``per_task``
    tells them apart) with the unit and task attributes, from one evaluation of the status
    (``table_counts.sql``). The scope's status filter is not applied here: :func:`unit_table`
    and :func:`task_table` apply it, so :func:`by_unit` and :func:`by_task` of one selection
    cost one query, and the export page can place its previews (the reminder list orders
    units by overdue counts whatever statuses are chosen)."""
    long = store.frame("table_counts", **scope.params(statuses=False))
    return names.tell_apart(store, long, scope.plan)


def unit_counts(store: Store, scope: Scope) -> pd.DataFrame:
    """The per-unit rows of :func:`counts` alone (``table_unit_counts.sql``): what
    :func:`by_unit` needs, counted in one aggregation where :func:`counts` needs two over
    the status of every obligation."""
    long = store.frame("table_unit_counts", **scope.params(statuses=False))
    return names.tell_apart(store, long, scope.plan).assign(per_task=False)


def preview_counts(store: Store, scope: Scope) -> pd.DataFrame:
    """The per-unit rows of :func:`counts` (with ``unit_order``) and, for the per-task rows,
    only ``task_id``, ``status`` and ``obligations`` (``table_preview_counts.sql``): what
    the export page's first screen needs (:func:`unit_table`, :func:`task_count`,
    :func:`reminder_sizes`, :func:`detail_units`), in one pass lighter than :func:`counts`'."""
    long = store.frame("table_preview_counts", **scope.params(statuses=False))
    return names.tell_apart(store, long, scope.plan)


def task_count(long: pd.DataFrame, statuses: tuple[str, ...] = ()) -> int:
    """How many rows :func:`task_table` makes of `long` (:func:`counts`' or
    :func:`preview_counts`' rows): the tasks with an obligation among `statuses`."""
    return int(_chosen(long, True, statuses, ["task_id"])["task_id"].nunique())


def _chosen(long: pd.DataFrame, per_task: bool, statuses, columns: list[str]) -> pd.DataFrame:
    """`columns` of the per-task (or per-unit) rows of :func:`counts`, narrowed to
    `statuses` (the columns picked first: a row filter copies every column it keeps)."""
    keep = (long["per_task"] == per_task).to_numpy(dtype=bool)
    if statuses:
        keep = keep & long["status"].isin(statuses).to_numpy(dtype=bool)
    return long[columns][keep]


def unit_table(long: pd.DataFrame, statuses: tuple[str, ...] = ()) -> pd.DataFrame:
    """:func:`by_unit` from :func:`counts`' or :func:`unit_counts`' rows."""
    rows = _chosen(
        long,
        False,
        statuses,
        ["unit_id", "status", "obligations", "unit", "group_label", "name_order"],
    )
    if rows.empty:
        return _empty_counts("unit_name", "group_label").assign(unit_id=[])
    wide = count_table(rows, "unit_id", ["unit", "group_label", "name_order"])
    wide = wide.sort_values(["done_on_time_pct", "name_order"], ascending=[False, True])
    # unit_id nullable whichever query counted: counts() leaves it NULL on per-task rows
    wide = wide.rename(columns={"unit": "unit_name"}).astype({"unit_id": "Int32"})
    columns = ["unit_name", "group_label", *COUNT_COLUMNS, "unit_id"]
    return wide[columns].reset_index(drop=True)


def task_table(long: pd.DataFrame, statuses: tuple[str, ...] = ()) -> pd.DataFrame:
    """:func:`by_task` from :func:`counts`' rows (already in the plan's task order)."""
    head = ["plan", "section", "task", "deadline_text", "due_on"]
    rows = _chosen(long, True, statuses, ["task_id", "status", "obligations", *head])
    if rows.empty:
        return _empty_counts(*head).assign(task_id=[])
    rows = rows.assign(due_on=rows.groupby("task_id")["due_on"].transform("max"))
    wide = count_table(rows, "task_id", head)
    columns = [*head, *COUNT_COLUMNS, "task_id"]
    return wide[columns].reset_index(drop=True)


def by_unit(store: Store, scope: Scope) -> pd.DataFrame:
    """One row per unit: ``unit_name``, ``group_label``, then :data:`COUNT_COLUMNS`; best
    ``done_on_time_pct`` first, ties by name (Vietnamese collation).

    With a status filter the counts cover only those statuses (so ``total`` shrinks too).
    The hidden ``unit_id`` tells apart two units of the same name in different provinces.
    """
    return unit_table(unit_counts(store, scope), scope.statuses)


def by_task(store: Store, scope: Scope) -> pd.DataFrame:
    """One row per plan task, in the plan's order: ``plan``, ``section``, ``task``,
    ``deadline_text`` (the deadline as the plan words it), ``due_on``, then the counts and
    percentages as in :func:`by_unit`. For a recurring task ``due_on`` is the due date of its
    latest period begun by the as-of date (among the chosen statuses)."""
    return task_table(counts(store, scope), scope.statuses)


def _leading(sizes: pd.Series, rows: int) -> int:
    """How many leading entries of `sizes` (rows per entry, in a list's order) hold the
    list's first `rows` rows."""
    return int((sizes.cumsum() < rows).sum()) + 1


def first_units(sizes: pd.Series, rows: int) -> list[int]:
    """The ids of the leading units of `sizes` (rows per unit id, in a list's order) that
    together hold the list's first `rows` rows. A list query narrowed to them gives those
    rows, and the narrowing is pushed down to the obligation scan: ~0.03 s on 1M
    obligations, where a top-N over all of them costs a whole evaluation (~0.2 s)."""
    return [int(u) for u in sizes.index[: _leading(sizes, rows)]]


def detail_units(long: pd.DataFrame, statuses: tuple[str, ...], rows: int) -> list[int]:
    """The units holding :func:`detail`'s first `rows` rows, from :func:`counts`' rows. The
    list runs by plan, then ``unit_order`` (group, name), so (plan, unit_order) blocks are
    counted off in that order; units of one name share a block (their rows interleave)."""
    chosen = _chosen(long, False, statuses, ["plan", "unit_order", "unit_id", "obligations"])
    if chosen.empty:
        return []
    plans = pd.factorize(chosen["plan"], sort=True)[0].astype("int64")
    order = chosen["unit_order"].to_numpy(dtype="int64")
    block = plans * (int(order.max()) + 1) + order  # (plan, unit_order) as one sortable key
    blocks, where = np.unique(block, return_inverse=True)
    sizes = np.bincount(where, weights=chosen["obligations"].to_numpy(dtype="float64"))
    leading = blocks[: _leading(pd.Series(sizes), rows)]
    inside = np.isin(block, leading)
    return sorted({int(u) for u in chosen["unit_id"].to_numpy()[inside]})


def reminder_sizes(long: pd.DataFrame, statuses: tuple[str, ...] = ()) -> pd.Series:
    """Rows of :func:`reminders` per unit id, in the list's order (most overdue first, then
    name), from :func:`counts`' rows; `statuses` narrows the rows, not the order."""
    rows = _chosen(long, False, None, ["unit_id", "status", "obligations", "name_order"])
    wanted = [s for s in REMINDER_STATUSES if not statuses or s in statuses]
    units, where = np.unique(rows["unit_id"].to_numpy(dtype="int64"), return_inverse=True)
    counts = rows["obligations"].to_numpy(dtype="int64")
    state = rows["status"]
    overdue = np.bincount(where, weights=counts * (state == "overdue").to_numpy(dtype=bool))
    listed = np.bincount(where, weights=counts * state.isin(wanted).to_numpy(dtype=bool))
    order = np.zeros(len(units), dtype="int64")
    order[where] = rows["name_order"].to_numpy(dtype="int64")  # one name_order per unit
    kept = np.flatnonzero(listed > 0)
    kept = kept[np.lexsort((order[kept], -overdue[kept]))]  # most overdue first, then name
    return pd.Series(
        listed[kept].astype("int64"), index=pd.Index(units[kept], name="unit_id"), name="listed"
    )


DETAIL_COLUMNS = [
    "plan", "unit_name", "group_label", "section", "task", "period", "due_on", "completed_on",
    "status_label", "result_text", "note", "file_name", "reported_on",
]  # fmt: skip


def detail(
    store: Store,
    scope: Scope,
    unit: int | str | None = None,
    limit: int | None = None,
    units: list[int] | None = None,
) -> pd.DataFrame:
    """Every obligation with what its unit reported: :data:`DETAIL_COLUMNS` (``period`` as
    its label, ``status_label`` the status's), plus the hidden ``status`` code (for
    colouring) and ``unit_id``. By plan, unit group, unit name (Vietnamese collation), task
    order and period.

    `unit` is a unit id (int) or a unit's exact official name (str), `units` a list of unit
    ids (see :func:`detail_units`); `limit` caps the rows for long lists on a page (exports
    pass None: every row).
    """
    params = scope.params()
    params.update(
        unit=unit if isinstance(unit, int) else None,
        unit_name=unit if isinstance(unit, str) else None,
        units=None if units is None else [int(u) for u in units],
        row_limit=limit,
    )
    raw = names.tell_apart(store, store.frame("table_detail", **params), scope.plan)
    raw = raw.assign(
        unit_name=raw["unit"],
        period=period_labels(raw["period"]),
        status_label=raw["status"].map(status.LABELS),
        result_text=raw["result_text"].fillna(""),
        note=raw["note"].fillna(""),
        file_name=raw["file_name"].fillna(""),
    )
    return _obligation_list(raw, DETAIL_COLUMNS)


def _obligation_list(raw: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """`raw`'s `columns`, plus the hidden ``status`` (for the colours) and ``unit_id`` (two
    units may share a name)."""
    out = raw[columns].copy()
    out["status"] = raw["status"]
    out["unit_id"] = raw["unit_id"]
    return out.reset_index(drop=True)


REMINDER_COLUMNS = [
    "plan", "unit_name", "group_label", "task", "period", "due_on", "days_late", "status_label",
]  # fmt: skip


def reminders(
    store: Store,
    scope: Scope,
    units: list[int] | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """The obligations to send reminders (đôn đốc) about: overdue or not yet reported,
    grouped by unit with the units holding most overdue obligations first. Columns:
    :data:`REMINDER_COLUMNS` (``days_late`` empty when not late) and the hidden ``status``
    and ``unit_id``.

    The scope's statuses keep only those rows, each unit staying where its overdue count
    puts it; `units` (unit ids, see :func:`first_units`) and `limit` give a page its first
    rows."""
    params = scope.params()
    params.update(units=None if units is None else [int(u) for u in units], row_limit=limit)
    raw = names.tell_apart(store, store.frame("table_reminders", **params), scope.plan)
    raw = raw.assign(
        unit_name=raw["unit"],
        period=period_labels(raw["period"]),
        status_label=raw["status"].map(status.LABELS),
        days_late=raw["days_late"].astype("Int64"),
    )
    return _obligation_list(raw, REMINDER_COLUMNS)


REMINDER_UNIT_COLUMNS = ["unit_name", "group_label", "overdue", "not_reported", "most_days_late"]


def reminder_units(store: Store, scope: Scope) -> pd.DataFrame:
    """One row per unit of :func:`reminders`, in its order: :data:`REMINDER_UNIT_COLUMNS`
    (the overdue and not-reported counts under their status codes) and the hidden
    ``unit_id``. Counted in SQL: a page summarising the list needs hundreds of rows, not
    the hundreds of thousands of the list (1.6 s and 1 GB on 1M obligations)."""
    raw = store.frame("table_reminder_units", **scope.params(statuses=False))
    raw = names.tell_apart(store, raw, scope.plan)
    out = raw.rename(columns={"unit": "unit_name"})[REMINDER_UNIT_COLUMNS].copy()
    out["most_days_late"] = out["most_days_late"].astype("Int64")
    out["unit_id"] = raw["unit_id"]
    return out


UNIT_REPORT_COLUMNS = [
    "plan", "file_name", "reported_on", "uploaded_at", "uploaded_by", "unit_rows", "withdrawn",
    "review_label",
]  # fmt: skip


def unit_reports(store: Store, unit: int, as_of: date, plan: str | None = None) -> pd.DataFrame:
    """The reports received from unit id `unit` up to `as_of`, newest first: its own files
    and consolidated files holding rows for it, withdrawn ones too (marked), so "we sent
    it" can be checked against what was counted (``review_label`` says "Chờ duyệt" or "Bị
    trả lại" for one not counted yet). :data:`UNIT_REPORT_COLUMNS` and the hidden
    ``report_id``."""
    raw = store.frame("ranking_unit_reports", unit=int(unit), as_of=as_of, plan=plan)
    raw["review_label"] = raw["review_state"].map(state_label)
    out = raw[[*UNIT_REPORT_COLUMNS, "report_id"]].copy()
    out["reported_on"] = pd.to_datetime(out["reported_on"])
    return out
