"""The summary tables that pages show and exports write, as DataFrames with Vietnamese headers.

Pages (ranking, reminders, export) and the exported files (.xlsx, .csv, .docx) call these
same functions, so a figure in an export is the figure on the page for the same filters and
as-of date. The counting is SQL (``tracker/store/sql/table_*.sql``); this module only pivots
the counts into one column per status, in :mod:`tracker.status` order, and computes the two
percentages the way :mod:`tracker.summary` does (0-100, one decimal, "% đúng hạn" over *all*
obligations).

On a large database every query here costs one evaluation of the status (~0.2 s on 1M
obligations) and a long list costs seconds more to bring into pandas, so pages ask for
little: both count tables come from one count query (:func:`counts`), and a page shows the
first rows of a list by reading only the units that hold them (:func:`first_units`,
:func:`detail_units`), which the database narrows at the scan.

Columns whose name is lower-case ASCII (``status``, ``unit_id``, ``task_id``) are technical:
hidden from people (see :func:`visible`) but kept for colouring rows and drilling down.
Dates are pandas datetimes (NaT when missing); pages show them with ``DD/MM/YYYY``.
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from tracker.domain import status
from tracker.store.database import Store

TOTAL = "Tổng số"
DONE_PCT = "% hoàn thành"
ON_TIME_PCT = "% đúng hạn"
PERCENT_COLUMNS = (DONE_PCT, ON_TIME_PCT)
DATE_COLUMNS = ("Hạn", "Ngày hoàn thành", "Ngày báo cáo")
HIDDEN = ("status", "unit_id", "task_id")
REMINDER_STATUSES = ("overdue", "not_reported")

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_PERIOD = re.compile(r"^(\d{4})(?:-(H[12]|Q[1-4]|\d{2}))?$")


def period_label(period: str | None) -> str:
    """How a reporting period reads in Vietnamese: ``2019-H1`` -> "6 tháng đầu năm 2019",
    ``2020-Q3`` -> "Quý III/2020", ``2019-07`` -> "Tháng 7/2019", ``2020`` -> "Năm 2020";
    the one-off period ``''`` stays empty. An unknown form is returned as it is."""
    if not period:
        return ""
    found = _PERIOD.match(period)
    if not found:
        return period
    year, part = found.groups()
    if part is None:
        return f"Năm {year}"
    if part == "H1":
        return f"6 tháng đầu năm {year}"
    if part == "H2":
        return f"6 tháng cuối năm {year}"
    if part.startswith("Q"):
        return f"Quý {_ROMAN[int(part[1])]}/{year}"
    return f"Tháng {int(part)}/{year}"


def _period_labels(periods: pd.Series) -> pd.Series:
    """:func:`period_label` of every value, computed once per distinct period (a list of
    1M obligations holds a few dozen)."""
    labels = {p: period_label(p) for p in periods.dropna().unique()}
    return periods.map(labels).where(periods.notna(), "")


def visible(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` without its technical columns (what a person should see or download)."""
    return frame.drop(columns=[c for c in HIDDEN if c in frame.columns])


def _params(as_of, plan, groups, statuses=()) -> dict:
    """A query's parameters; `statuses` left out for the queries that take none."""
    found = {"as_of": as_of, "plan": plan or None, "groups": list(groups) if groups else None}
    if statuses != ():
        found["statuses"] = list(statuses) if statuses else None
    return found


def _counts(long: pd.DataFrame, key: str, attributes: list[str]) -> pd.DataFrame:
    """Pivot `(key, attributes..., status, obligations)` rows into one row per `key`: its
    attributes, Tổng số, one column per status label in the vocabulary's order, % hoàn
    thành and % đúng hạn. Rows keep the order in which `long` first names each key."""
    first = long.drop_duplicates(key)[[key, *attributes]].set_index(key)
    counts = long.pivot_table(
        index=key, columns="status", values="obligations", aggfunc="sum", fill_value=0
    )
    counts = counts.reindex(index=first.index, columns=list(status.CODES), fill_value=0)
    counts = counts.astype(int)
    total = counts.sum(axis=1)
    done = sum(counts[s.code] for s in status.STATUSES if s.done)
    base = total.where(total > 0)
    out = first.copy()
    out[TOTAL] = total
    for s in status.STATUSES:
        out[s.label] = counts[s.code]
    out[DONE_PCT] = (100 * done / base).round(1).fillna(0.0)
    out[ON_TIME_PCT] = (100 * counts["done_on_time"] / base).round(1).fillna(0.0)
    return out.reset_index()


_COUNT_COLUMNS = [TOTAL, *(s.label for s in status.STATUSES), *PERCENT_COLUMNS]


def _empty_counts(*columns: str) -> pd.DataFrame:
    names = [*columns, *_COUNT_COLUMNS]
    return pd.DataFrame({c: [] for c in names})


def counts(
    store: Store, as_of: date, plan: str | None = None, groups: list[str] | None = None
) -> pd.DataFrame:
    """Status counts per (plan, unit, status) and per (plan, task, status) rows (``per_task``
    tells them apart) with the unit and task attributes, from one evaluation of the status
    (``table_counts.sql``). No status filter: :func:`unit_table` and :func:`task_table` apply
    it, so :func:`by_unit` and :func:`by_task` of one selection cost one query, and the
    export page can place its previews (the reminder list orders units by overdue counts
    whatever statuses are chosen)."""
    return store.frame("table_counts", **_params(as_of, plan, groups))


def _chosen(long: pd.DataFrame, per_task: bool, statuses) -> pd.DataFrame:
    """The per-task (or per-unit) rows of :func:`counts`, narrowed to `statuses`."""
    rows = long[long["per_task"] == per_task]
    return rows[rows["status"].isin(statuses)] if statuses else rows


def unit_table(long: pd.DataFrame, statuses: list[str] | None = None) -> pd.DataFrame:
    """:func:`by_unit` from :func:`counts`' rows."""
    rows = _chosen(long, False, statuses)
    if rows.empty:
        return _empty_counts("Đơn vị", "Nhóm đơn vị").assign(unit_id=[])
    rows = rows.groupby(["unit_id", "status"], as_index=False, sort=False).agg(
        unit=("unit", "first"),
        group_label=("group_label", "first"),
        name_order=("name_order", "first"),
        obligations=("obligations", "sum"),
    )
    wide = _counts(rows, "unit_id", ["unit", "group_label", "name_order"])
    wide = wide.sort_values([ON_TIME_PCT, "name_order"], ascending=[False, True])
    wide = wide.rename(columns={"unit": "Đơn vị", "group_label": "Nhóm đơn vị"})
    columns = ["Đơn vị", "Nhóm đơn vị", *_COUNT_COLUMNS, "unit_id"]
    return wide[columns].reset_index(drop=True)


def task_table(long: pd.DataFrame, statuses: list[str] | None = None) -> pd.DataFrame:
    """:func:`by_task` from :func:`counts`' rows (already in the plan's task order)."""
    head = ["Kế hoạch", "Mục", "Nhiệm vụ", "Thời hạn", "Hạn"]
    rows = _chosen(long, True, statuses)
    if rows.empty:
        return _empty_counts(*head).assign(task_id=[])
    rows = rows.assign(due_on=rows.groupby("task_id")["due_on"].transform("max"))
    source = ["plan", "section", "task", "deadline_text", "due_on"]
    wide = _counts(rows, "task_id", source)
    wide = wide.rename(columns=dict(zip(source, head, strict=True)))
    columns = [*head, *_COUNT_COLUMNS, "task_id"]
    return wide[columns].reset_index(drop=True)


def by_unit(
    store: Store,
    as_of: date,
    plan: str | None = None,
    groups: list[str] | None = None,
    statuses: list[str] | None = None,
) -> pd.DataFrame:
    """One row per unit: Đơn vị, Nhóm đơn vị, Tổng số, one column per status label,
    % hoàn thành, % đúng hạn; best "% đúng hạn" first, ties by name (Vietnamese collation).

    With a status filter the counts cover only those statuses (so Tổng số shrinks too).
    The hidden ``unit_id`` tells apart two units of the same name in different provinces.
    """
    return unit_table(counts(store, as_of, plan, groups), statuses)


def by_task(
    store: Store,
    as_of: date,
    plan: str | None = None,
    groups: list[str] | None = None,
    statuses: list[str] | None = None,
) -> pd.DataFrame:
    """One row per plan task, in the plan's order: Kế hoạch, Mục, Nhiệm vụ, Thời hạn (the
    deadline as the plan words it), Hạn, then the counts and percentages as in
    :func:`by_unit`. For a recurring task "Hạn" is the due date of its latest period begun
    by `as_of` (among the chosen statuses)."""
    return task_table(counts(store, as_of, plan, groups), statuses)


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


def detail_units(long: pd.DataFrame, statuses: list[str] | None, rows: int) -> list[int]:
    """The units holding :func:`detail`'s first `rows` rows, from :func:`counts`' rows. The
    list runs by plan, then ``unit_order`` (group, name), so (plan, unit_order) blocks are
    counted off in that order; units of one name share a block (their rows interleave)."""
    chosen = _chosen(long, False, statuses)
    blocks = chosen.groupby(["plan", "unit_order"], sort=True)["obligations"].sum()
    leading = blocks.index[: _leading(blocks, rows)]
    inside = pd.MultiIndex.from_frame(chosen[["plan", "unit_order"]]).isin(leading)
    return sorted({int(u) for u in chosen.loc[inside, "unit_id"]})


def reminder_sizes(long: pd.DataFrame, statuses: list[str] | None = None) -> pd.Series:
    """Rows of :func:`reminders` per unit id, in the list's order (most overdue first, then
    name), from :func:`counts`' rows; `statuses` narrows the rows, not the order."""
    rows = _chosen(long, False, None)
    wanted = [s for s in REMINDER_STATUSES if not statuses or s in statuses]
    per_unit = (
        rows.assign(
            overdue=rows["obligations"].where(rows["status"] == "overdue", 0),
            listed=rows["obligations"].where(rows["status"].isin(wanted), 0),
        )
        .groupby("unit_id")
        .agg(overdue=("overdue", "sum"), listed=("listed", "sum"), order=("name_order", "first"))
    )
    per_unit = per_unit[per_unit["listed"] > 0]
    return per_unit.sort_values(["overdue", "order"], ascending=[False, True])["listed"]


DETAIL_COLUMNS = {
    "plan": "Kế hoạch",
    "unit": "Đơn vị",
    "group_label": "Nhóm",
    "section": "Mục",
    "task": "Nhiệm vụ",
    "period": "Kỳ",
    "due_on": "Hạn",
    "completed_on": "Ngày hoàn thành",
    "status_label": "Tình trạng",
    "result_text": "Kết quả",
    "note": "Ghi chú",
    "file_name": "Tệp báo cáo",
    "reported_on": "Ngày báo cáo",
}


def detail(
    store: Store,
    as_of: date,
    plan: str | None = None,
    groups: list[str] | None = None,
    statuses: list[str] | None = None,
    unit: int | str | None = None,
    limit: int | None = None,
    units: list[int] | None = None,
) -> pd.DataFrame:
    """Every obligation with what its unit reported: Kế hoạch, Đơn vị, Nhóm, Mục, Nhiệm vụ,
    Kỳ, Hạn, Ngày hoàn thành, Tình trạng (label), Kết quả, Ghi chú, Tệp báo cáo, Ngày báo
    cáo, plus the hidden ``status`` code (for colouring) and ``unit_id``. By plan, unit
    group, unit name (Vietnamese collation), task order and period.

    `unit` is a unit id (int) or a unit's exact official name (str), `units` a list of unit
    ids (see :func:`detail_units`); `limit` caps the rows for long lists on a page (exports
    pass None: every row).
    """
    params = _params(as_of, plan, groups, statuses)
    params.update(
        unit=unit if isinstance(unit, int) else None,
        unit_name=unit if isinstance(unit, str) else None,
        units=None if units is None else [int(u) for u in units],
        row_limit=limit,
    )
    raw = store.frame("table_detail", **params)
    raw = raw.assign(
        period=_period_labels(raw["period"]),
        status_label=raw["status"].map(status.LABELS),
        result_text=raw["result_text"].fillna(""),
        note=raw["note"].fillna(""),
        file_name=raw["file_name"].fillna(""),
    )
    return _obligation_list(raw, DETAIL_COLUMNS)


def _obligation_list(raw: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """`raw`'s `columns` under their Vietnamese headers, plus the hidden ``status`` (for the
    colours) and ``unit_id`` (two units may share a name) that :func:`visible` drops."""
    out = raw[list(columns)].rename(columns=columns)
    out["status"] = raw["status"]
    out["unit_id"] = raw["unit_id"]
    return out.reset_index(drop=True)


REMINDER_COLUMNS = {
    "plan": "Kế hoạch",
    "unit": "Đơn vị",
    "group_label": "Nhóm",
    "task": "Nhiệm vụ",
    "period": "Kỳ",
    "due_on": "Hạn",
    "days_late": "Số ngày quá hạn",
    "status_label": "Tình trạng",
}


def reminders(
    store: Store,
    as_of: date,
    plan: str | None = None,
    groups: list[str] | None = None,
    statuses: list[str] | None = None,
    units: list[int] | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """The obligations to send reminders (đôn đốc) about: overdue or not yet reported,
    grouped by unit with the units holding most overdue obligations first. Columns:
    Kế hoạch, Đơn vị, Nhóm, Nhiệm vụ, Kỳ, Hạn, Số ngày quá hạn (empty when not late),
    Tình trạng, and the hidden ``status`` and ``unit_id``.

    `statuses` keeps only those rows, each unit staying where its overdue count puts it;
    `units` (unit ids, see :func:`first_units`) and `limit` give a page its first rows."""
    params = _params(as_of, plan, groups, statuses)
    params.update(units=None if units is None else [int(u) for u in units], row_limit=limit)
    raw = store.frame("table_reminders", **params)
    raw = raw.assign(
        period=_period_labels(raw["period"]),
        status_label=raw["status"].map(status.LABELS),
        days_late=raw["days_late"].astype("Int64"),
    )
    return _obligation_list(raw, REMINDER_COLUMNS)


REMINDER_UNIT_COLUMNS = {
    "unit": "Đơn vị",
    "group_label": "Nhóm",
    "overdue": status.label("overdue"),
    "not_reported": status.label("not_reported"),
    "most_days_late": "Quá hạn lâu nhất (ngày)",
}


def reminder_units(
    store: Store, as_of: date, plan: str | None = None, groups: list[str] | None = None
) -> pd.DataFrame:
    """One row per unit of :func:`reminders`, in its order: Đơn vị, Nhóm, the overdue and
    not-reported counts (status labels), Quá hạn lâu nhất (ngày), and the hidden
    ``unit_id``. Counted in SQL: a page summarising the list needs hundreds of rows, not
    the hundreds of thousands of the list (1.6 s and 1 GB on 1M obligations)."""
    raw = store.frame("table_reminder_units", **_params(as_of, plan, groups))
    out = raw[list(REMINDER_UNIT_COLUMNS)].rename(columns=REMINDER_UNIT_COLUMNS)
    out["Quá hạn lâu nhất (ngày)"] = out["Quá hạn lâu nhất (ngày)"].astype("Int64")
    out["unit_id"] = raw["unit_id"]
    return out
