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
    index = ["task_id", "period"]
    counts = (
        long.set_index([*index, "status"])["obligations"]
        .unstack("status", fill_value=0)
        .reindex(columns=SEGMENT_COLUMNS, fill_value=0)
        .astype(int)
    )
    counts.columns.name = None
    # Everything but the counts is the same on each status row of a (task, period).
    wide = long.drop_duplicates(index).set_index(index)[[k for k in keys if k not in index]]
    wide = wide.join(long.groupby(index)["reported"].sum().astype(int)).join(counts)
    wide = wide.reset_index()
    for column in ("plan_date", "start_on", "due_on"):
        wide[column] = pd.to_datetime(wide[column])
    wide["total"] = wide[SEGMENT_COLUMNS].sum(axis=1)
    wide["period_label"] = wide["period"].map(period_codes.label)
    wide["single_day"] = wide["start_on"].eq(wide["due_on"]) & ~wide["start_inferred"]
    wide = wide.sort_values(
        ["plan_date", "plan", "task_order", "start_on", "period"], kind="stable"
    ).reset_index(drop=True)
    return wide[columns]


def wrap(text: str, width: int = 70) -> str:
    """Escape `text` for plotly's hover HTML and break it into lines of about `width`."""
    return "<br>".join(textwrap.wrap(html.escape(" ".join(str(text).split())), width))


def window(row) -> str:
    """The bar's dates in words: a day, a window, or a limit counted from the plan's date."""
    if pd.isna(row.due_on):
        return "Chưa xác định được thời hạn"
    if row.single_day:
        return f"Ngày {vn_date(row.due_on)}"
    if row.start_inferred:
        return f"Từ {vn_date(row.start_on)} (ngày ban hành kế hoạch) đến {vn_date(row.due_on)}"
    return f"Từ {vn_date(row.start_on)} đến {vn_date(row.due_on)}"


def hovers(rows: pd.DataFrame) -> pd.Series:
    """Hover text of each (task, period) of `rows`: the deadline exactly as the plan words
    it, the window, and every status with its count, so that no colour is read alone.

    A plain loop over records: on a page of 800 periods it takes a few milliseconds, where
    column-wise string arithmetic on Arrow-backed columns took 80 ms.
    """
    if rows.empty:
        return pd.Series([], dtype=object)
    titles = {t: wrap(t) for t in rows["task"].unique()}
    columns = [
        "task_code",
        "task",
        "plan",
        "section",
        "deadline_text",
        "period_label",
        "total",
        "reported",
        "due_on",
        "start_on",
        "single_day",
        "start_inferred",
        *status.CODES,
    ]
    texts = []
    for r in rows[columns].itertuples(index=False):
        section = html.escape(r.section) if isinstance(r.section, str) and r.section else "—"
        period = f"<br>Kỳ báo cáo: {r.period_label}" if r.period_label else ""
        counts = "".join(
            f"<br>  • {s.label}: {getattr(r, s.code)}"
            for s in status.STATUSES
            if getattr(r, s.code) > 0
        )
        texts.append(
            f"<b>{html.escape(r.task_code)} · {titles[r.task]}</b>"
            f"<br>Kế hoạch {html.escape(r.plan)} · mục {section}"
            f"<br>Thời hạn theo kế hoạch: «{html.escape(str(r.deadline_text).strip())}»"
            f"{period}<br>{window(r)}<br>{r.total} nghĩa vụ, {r.reported} đã có báo cáo:"
            f"{counts}"
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
    """Task rows of `rows` (from :func:`periods`) grouped under their section title.

    With several plans (`show_plan`) each heading names its plan, since two plans may use
    the same section number.
    """
    keys: list[str] = []
    labels: list[str] = []
    headers: set[str] = set()
    tasks: dict[str, int] = {}
    first = rows.drop_duplicates("task_id")
    for (plan, section_title), group in first.groupby(["plan", "section_title"], sort=False):
        key = f"s:{plan}:{section_title}"
        title = _short(section_title or "(Không có mục)", 60)
        keys.append(key)
        labels.append(f"<b>{plan} · {title}</b>" if show_plan else f"<b>{title}</b>")
        headers.add(key)
        for task_id, code, task in zip(
            group["task_id"], group["task_code"], group["task"], strict=True
        ):
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
