"""Shaping the deadline timeline: status counts per task and period into chart rows.

``timeline_tasks.sql`` returns obligation counts per (task, period, status), long format,
so that the SQL never spells the status vocabulary. This module pivots them in the order
of :mod:`domain.status`, names reporting periods with
:func:`domain.periods.label` ("6 tháng cuối năm 2019", "Quý III/2020"), orders tasks
under their plan section, and pages long task lists. No Streamlit here: the page, the
tests and the benchmark shape rows the same way.

One chart row is one *task*; a recurring task carries one bar per period on its row, so a
monthly task tracked for two years stays one line instead of twenty-four.
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass

import numpy as np
import pandas as pd

from domain import periods as period_codes
from domain import status
from domain.scope import Scope
from domain.text import vn_date
from store.database import Store

TASKS_PER_PAGE = 40
"""Task rows per chart page: about 1,200 px of chart, still readable without scrolling far."""

SEGMENT_COLUMNS = [*status.CODES]


def periods(long: pd.DataFrame) -> pd.DataFrame:
    """One row per (task, period): dates, counts per status code (vocabulary order), total.

    `long` is the result of ``timeline_tasks.sql``. Columns: plan, plan_id, plan_date,
    section, section_title, task_id, task_code, task, deadline_text, recurrence,
    task_order, period, start_on, start_inferred, due_on, period_label, single_day,
    reported, one column per status code, total. Hover texts are made later, by
    :func:`hovers`, for the rows a chart page draws only.
    """
    keys = [
        "plan", "plan_id", "plan_date", "section", "section_title", "task_id", "task_code",
        "task", "deadline_text", "recurrence", "task_order", "period", "start_on",
        "start_inferred", "due_on",
    ]  # fmt: skip
    columns = [*keys, "period_label", "single_day", "reported", *SEGMENT_COLUMNS, "total"]
    if long.empty:
        return pd.DataFrame(columns=columns)
    # Factorised, not grouped: a frame's groupby, unstack, join and column inserts cost
    # more than the counting on the few thousand rows of a scope.
    tasks, _ = pd.factorize(long["task_id"])
    codes, _ = pd.factorize(long["period"])
    group, _ = pd.factorize(tasks * (int(codes.max()) + 1) + codes)
    size = int(group.max()) + 1
    first = np.full(size, len(long), dtype=np.int64)  # the first row of each (task, period)
    np.minimum.at(first, group, np.arange(len(long)))
    which = pd.Index(SEGMENT_COLUMNS).get_indexer(long["status"])
    known = which >= 0  # a code outside the vocabulary is not drawn
    counts = np.zeros((size, len(SEGMENT_COLUMNS)), dtype=np.int64)
    np.add.at(counts, (group[known], which[known]), long["obligations"].to_numpy()[known])
    reported = np.bincount(group, weights=long["reported"].to_numpy(), minlength=size)
    # Everything but the counts is the same on each status row of a (task, period).
    taken = {k: long[k].array.take(first) for k in keys}
    for column in ("plan_date", "start_on", "due_on"):
        taken[column] = pd.to_datetime(pd.Series(taken[column])).to_numpy()
    order = np.lexsort(
        [
            pd.factorize(taken["period"], sort=True)[0],
            taken["start_on"],
            np.asarray(taken["task_order"]),
            pd.factorize(taken["plan"], sort=True)[0],
            taken["plan_date"],
        ]
    )  # plan date, plan, task order, start, period; stable
    wide = pd.DataFrame({k: v[order] for k, v in taken.items()})
    labels = {p: period_codes.label(p) for p in wide["period"].unique()}
    wide["period_label"] = wide["period"].map(labels)
    wide["single_day"] = wide["start_on"].eq(wide["due_on"]) & ~wide["start_inferred"]
    wide["reported"] = reported[order].astype(int)
    for i, code in enumerate(SEGMENT_COLUMNS):
        wide[code] = counts[order, i]
    wide["total"] = counts[order].sum(axis=1)
    return wide[columns]


def wrap(text: str, width: int = 70) -> str:
    """Escape `text` for plotly's hover HTML and break it into lines of about `width`."""
    return "<br>".join(textwrap.wrap(html.escape(" ".join(str(text).split())), width))


def vn_dates(moments: pd.Series, missing: str = "") -> list[str]:
    """:func:`domain.text.vn_date` of each moment, `missing` where there is none; each
    distinct day formatted once (a page's thousands of rows share a few dozen days)."""
    codes, days = pd.factorize(moments)  # a missing moment gets code -1: the last text
    texts = np.array([*pd.DatetimeIndex(days).strftime("%d/%m/%Y"), missing], dtype=object)
    return texts[codes].tolist()


def _window(due: str, start: str, single_day: bool, start_inferred: bool) -> str:
    if not due:
        return "Chưa xác định được thời hạn"
    if single_day:
        return f"Ngày {due}"
    if start_inferred:
        return f"Từ {start} (ngày ban hành kế hoạch) đến {due}"
    return f"Từ {start} đến {due}"


def window(row) -> str:
    """The bar's dates in words: a day, a window, or a limit counted from the plan's date."""
    return _window(
        vn_date(row.due_on), vn_date(row.start_on), bool(row.single_day), bool(row.start_inferred)
    )


HEAD_COLUMNS = ["task_id", "task_code", "task", "plan", "section", "deadline_text"]
"""What every period of a task says alike in its hover."""


def hovers(rows: pd.DataFrame) -> pd.Series:
    """Hover text of each (task, period) of `rows`: the deadline exactly as the plan words
    it, the window, and every status with its count, so that no colour is read alone.

    A plain loop over lists, the task's part made once per task: column-wise string
    arithmetic on Arrow-backed columns cost several times more (and ``itertuples`` boxes
    every date as a Timestamp).
    """
    if rows.empty:
        return pd.Series([], dtype=object)
    heads: dict[int, str] = {}  # what a task's periods share, escaped once per task
    texts = []
    counts = zip(*(rows[s.code].tolist() for s in status.STATUSES), strict=True)
    columns = zip(
        *(rows[c].tolist() for c in HEAD_COLUMNS), rows["period_label"].tolist(),
        rows["total"].tolist(), rows["reported"].tolist(), vn_dates(rows["due_on"]),
        vn_dates(rows["start_on"]), rows["single_day"].tolist(),
        rows["start_inferred"].tolist(), counts, strict=True,
    )  # fmt: skip
    for (
        task_id,
        code,
        task,
        plan,
        section,
        deadline,
        label,
        total,
        reported,
        due,
        start,
        day,
        inferred,
        n,
    ) in columns:
        head = heads.get(task_id)
        if head is None:
            section = html.escape(section) if isinstance(section, str) and section else "—"
            head = heads[task_id] = (
                f"<b>{html.escape(code)} · {wrap(task)}</b>"
                f"<br>Kế hoạch {html.escape(plan)} · mục {section}"
                f"<br>Thời hạn theo kế hoạch: «{html.escape(str(deadline).strip())}»"
            )
        period = f"<br>Kỳ báo cáo: {label}" if label else ""
        lines = "".join(
            f"<br>  • {s.label}: {k}" for s, k in zip(status.STATUSES, n, strict=True) if k > 0
        )
        texts.append(
            f"{head}{period}<br>{_window(due, start, bool(day), bool(inferred))}"
            f"<br>{total} nghĩa vụ, {reported} đã có báo cáo:{lines}"
        )
    return pd.Series(texts, index=rows.index, dtype=object)


@dataclass(frozen=True)
class Lines:
    """The y axis of the timeline: task rows under section headings, in plan order.

    `keys` and `labels` run top to bottom; `headers` is the set of keys that are section
    headings (no data); `tasks` maps a task row's key to its task_id.
    """

    keys: list[str]
    labels: list[str]
    headers: frozenset[str]
    tasks: dict[str, int]


def task_key(task_id: int) -> str:
    return f"t{int(task_id)}"


def choice_key(task_id: int, period: str) -> str:
    """The key of one (task, period): ``"t9|2019-H2"``; a one-off task's ends in ``|``."""
    return f"{task_key(task_id)}|{period}"


def choices(rows: pd.DataFrame) -> dict[str, str]:
    """What the page's chooser offers for `rows` (a page of :func:`periods`): each (task,
    period)'s :func:`choice_key` with its words, "NV01 · title — kỳ Tháng 7/2019", in
    the order of `rows`. Lists, not ``itertuples``: a page holds 800 periods."""
    return {
        choice_key(t, p): f"{code} · {task[:70]}" + (f" — kỳ {label}" if p else "")
        for t, p, code, task, label in zip(
            rows["task_id"].tolist(), rows["period"].tolist(), rows["task_code"].tolist(),
            rows["task"].tolist(), rows["period_label"].tolist(), strict=True,
        )
    }  # fmt: skip


def chosen_row(rows: pd.DataFrame, key: str):
    """The row of `rows` (a named tuple) whose :func:`choice_key` is `key`; KeyError when
    none is."""
    task, _, period = key.partition("|")
    found = rows[(rows["task_id"] == int(task.removeprefix("t"))) & (rows["period"] == period)]
    if found.empty:
        raise KeyError(key)
    return next(found.head(1).itertuples(index=False))


def clicked(points: list[dict], choices: list[str]) -> str | None:
    """The (task, period) a click on the timeline chose, from plotly's selected points.

    Chart points carry ``[task key, period, ...]`` as customdata; a click on a task's
    share bar (no period) chooses its latest period. None when nothing usable was clicked.
    """
    for point in points:
        data = point.get("customdata")
        if not isinstance(data, list) or len(data) < 2:
            continue
        key = f"{data[0]}|{data[1]}"
        if key in choices:
            return key
        same_task = [c for c in choices if c.startswith(f"{data[0]}|")]
        if same_task:
            return same_task[-1]
    return None


def _short(text: str, width: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def lines(rows: pd.DataFrame, show_plan: bool) -> Lines:
    """Task rows of `rows` (from :func:`periods`) grouped under their section title, the
    sections in order of their first task, the tasks in the order of `rows`.

    With several plans (`show_plan`) each heading names its plan, since two plans may use
    the same section number. A task without a section sits under "(Không có mục)". Plain
    lists: a frame's groupby cost more than the rest of the chart's rows."""
    sections: dict[tuple[str, str], list[tuple[int, str, str]]] = {}
    seen: set[int] = set()
    for task_id, plan, section_title, code, task in zip(
        rows["task_id"].tolist(), rows["plan"].tolist(), rows["section_title"].tolist(),
        rows["task_code"].tolist(), rows["task"].tolist(), strict=True,
    ):  # fmt: skip
        if task_id in seen:
            continue
        seen.add(task_id)
        section = section_title if isinstance(section_title, str) else ""
        sections.setdefault((plan, section), []).append((task_id, code, task))
    keys: list[str] = []
    labels: list[str] = []
    headers: set[str] = set()
    tasks: dict[str, int] = {}
    for (plan, section_title), members in sections.items():
        key = f"s:{plan}:{section_title}"
        title = _short(section_title or "(Không có mục)", 60)
        keys.append(key)
        labels.append(f"<b>{plan} · {title}</b>" if show_plan else f"<b>{title}</b>")
        headers.add(key)
        for task_id, code, task in members:
            key = task_key(task_id)
            keys.append(key)
            labels.append(f"{code} · {_short(task, 42)}")
            tasks[key] = int(task_id)
    return Lines(keys, labels, frozenset(headers), tasks)


def page_count(n_tasks: int, size: int = TASKS_PER_PAGE) -> int:
    """Pages needed for `n_tasks` task rows; at least one."""
    return max(1, -(-n_tasks // size))


def page(rows: pd.DataFrame, number: int, size: int = TASKS_PER_PAGE) -> pd.DataFrame:
    """The period rows of the tasks on page `number` (0-based, clamped to the last page)."""
    task_ids = list(dict.fromkeys(rows["task_id"]))
    number = min(max(number, 0), page_count(len(task_ids), size) - 1)
    chosen = set(task_ids[number * size : (number + 1) * size])
    return rows[rows["task_id"].isin(chosen)].reset_index(drop=True)


def undated(rows: pd.DataFrame) -> pd.DataFrame:
    """Tasks without a due date (an unreadable deadline): they cannot sit on a time axis
    and are listed apart, so they are never silently dropped."""
    return rows[rows["due_on"].isna()].drop_duplicates("task_id")


def load(store: Store, scope: Scope) -> pd.DataFrame:
    """The timeline's rows of `scope`: ``timeline_tasks`` shaped by :func:`periods`."""
    return periods(store.frame("timeline_tasks", **scope.params()))


TASK_UNIT_COLUMNS = [
    "unit_name", "group_label", "status_label", "due_on", "completed_on", "days_late",
    "file_name", "reported_on", "result_text",
]  # fmt: skip


def task_units(store: Store, scope: Scope, *, task_id: int, period: str) -> pd.DataFrame:
    """The units behind one bar (one task and period), filtered like the timeline:
    :data:`TASK_UNIT_COLUMNS` and the hidden ``status`` and ``unit_id``, by unit group then
    name."""
    raw = store.frame("timeline_task_units", **scope.params(), task_id=int(task_id), period=period)
    out = raw.rename(columns={"unit": "unit_name"}).assign(
        status_label=raw["status"].map(status.LABELS),
        days_late=raw["days_late"].astype("Int64"),
    )
    for column in ("due_on", "completed_on", "reported_on"):
        out[column] = pd.to_datetime(out[column])
    return out[[*TASK_UNIT_COLUMNS, "status", "unit_id"]].reset_index(drop=True)
