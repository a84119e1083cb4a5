"""Shaping the completion heatmap: query results into the rows, columns and cells it draws.

Two views. **Units × tasks** (``heatmap_cells.sql``): one cell per (unit, task), coloured
by that obligation's status; the query ranks and pages units in SQL, so a page of 40 units
costs the same on 50 units or 5,000. **Unit groups × task groups** (``heatmap_groups.sql``):
one cell per (group, plan section), coloured by the status most of its obligations are in
(a tie goes to the later status of the vocabulary, the worse one), with the completion
rate written in.

A recurring task has one obligation per period; a cell shows the period running at the
chosen date (by default the latest period started as of the as-of date). No Streamlit
here: the page, the tests and the benchmark shape the same way.
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from domain import status
from domain.periods import bounds
from domain.periods import label as period_label
from domain.scope import Scope
from store.database import Store
from tracker.views import names
from tracker.views.timeline import vn_dates, wrap

UNITS_PER_PAGE = 40
"""Unit rows per page: ~24 px a row keeps every name readable (the brief: 100+ units)."""
UNITS_PER_PHONE_PAGE = 10
"""Unit rows per page on a phone: rows are a finger tall (44 px), so ten fill its screen."""
TASKS_PER_PHONE_PAGE = 6
"""Task columns per page on a phone: about 45 px each beside the wrapped unit names."""

SORTS: dict[str, str] = {
    "rate_asc": "Tỷ lệ hoàn thành thấp trước",
    "rate_desc": "Tỷ lệ hoàn thành cao trước",
    "name": "Tên đơn vị (A → Z)",
    "group": "Nhóm đơn vị",
}
"""Sort orders the query knows (``$sort``), with their Vietnamese names."""

VIEWS: dict[str, str] = {
    "units": "Đơn vị × nhiệm vụ",
    "groups": "Nhóm đơn vị × nhóm nhiệm vụ",
}


@dataclass(frozen=True)
class Grid:
    """What :func:`tracker.charts.heatmap.status_heatmap` draws.

    `rows` and `columns` have ``key`` and ``label`` in drawing order (top to bottom, left
    to right); `cells` has ``row``, ``col``, ``status`` (a code), ``hover`` and ``text``.
    `unit_count` is the number of rows over all pages. `tasks` lists the columns' tasks
    (:data:`TASK_COLUMNS`) for the units view, and is empty for the groups view;
    `column_count` is the number of task columns over all of a phone's pages of tasks.
    """

    rows: pd.DataFrame
    columns: pd.DataFrame
    cells: pd.DataFrame
    unit_count: int
    tasks: pd.DataFrame = field(default_factory=pd.DataFrame)
    column_count: int = 0


TASK_COLUMNS = ["plan", "task_code", "section", "task", "deadline_text"]
UNIT_SOURCE = ["unit_id", "unit", "unit_short", "province", "position", "unit_count"]
"""The columns of ``heatmap_cells.sql`` that say the same on every cell of a unit."""
CELL_SOURCE = [
    *UNIT_SOURCE, "group_label", "task_id", "task_code", "task", "deadline_text", "period",
    "due_on", "completed_on", "status", "file_name", "reported_on",
]  # fmt: skip
"""The columns of ``heatmap_cells.sql`` a cell's shaping reads."""


def page_count(n: int, size: int = UNITS_PER_PAGE) -> int:
    """Pages needed for `n` units; at least one."""
    return max(1, -(-n // size))


def percent(value: float) -> str:
    """``62%`` (whole percent: enough in a cell, and the same in hover)."""
    return f"{round(100 * value):d}%"


def _unit_labels(rows: pd.DataFrame) -> list[str]:
    """Short names where unique on the page, else the full name (and its province when
    even that repeats, as "Đảng ủy Khối các cơ quan tỉnh" does in two provinces), then
    "done/cells" of the row ("1/6": one of the row's six cells completed).

    A count of cells, not a percentage: the row shows one period of each recurring task,
    so its share is not the unit's «% hoàn thành» over every obligation (ranking, exports),
    and a second percentage beside the same name would read as a contradiction."""
    short = rows["unit_short"].where(rows["unit_short"].fillna("") != "", rows["unit"])
    label = short.where(~short.duplicated(keep=False), rows["unit"])
    repeated = label.duplicated(keep=False)
    told = [
        names.with_province(n, p, u)
        for n, p, u in zip(label, rows["province"], rows["unit_id"], strict=True)
    ]
    label = label.where(~repeated, pd.Series(told, index=label.index))
    return [
        f"{name} · {done}/{total}"
        for name, done, total in zip(label, rows["done"], rows["cells"], strict=True)
    ]


def _task_labels(columns: pd.DataFrame, show_plan: bool) -> list[str]:
    """Column headings: the task code, over its plan's number when several plans show.

    Titles stay out of the headings (they would crowd or rotate into a tangle); hover and
    the page's task list carry them.
    """
    plans = columns["plan"].map(lambda p: html.escape(p.split("/")[0]))
    codes = columns["task_code"].map(html.escape)
    return (codes + "<br>" + plans).tolist() if show_plan else codes.tolist()


def _cell_hovers(cells: pd.DataFrame) -> list[str]:
    """Hover text of each cell: unit, task, deadline as the plan words it, due date, status,
    completion date and the report file it came from.

    The unit and task parts are made once per unit and task, the rest in a plain loop: a
    page holds thousands of cells, and string arithmetic on Arrow-backed columns cost
    several times more than the loop."""
    if cells.empty:
        return []
    units = cells.loc[~cells["unit_id"].duplicated(), ["unit_id", "unit", "group_label"]]
    unit_part = {
        u: f"<b>{html.escape(n)}</b> ({html.escape(g)})<br>"
        for u, n, g in zip(units["unit_id"], units["unit"], units["group_label"], strict=True)
    }
    tasks = cells.loc[
        ~cells["task_id"].duplicated(), ["task_id", "task_code", "task", "deadline_text"]
    ]
    task_part = {
        t: f"{html.escape(c)} · {wrap(title, 60)}<br>Thời hạn theo kế hoạch: "
        f"«{html.escape(str(d).strip())}»"
        for t, c, title, d in zip(
            tasks["task_id"], tasks["task_code"], tasks["task"], tasks["deadline_text"],
            strict=True,
        )
    }  # fmt: skip
    period_codes = cells["period"].tolist()
    periods = {p: f"<br>Kỳ báo cáo: {period_label(p)}" if p else "" for p in set(period_codes)}
    columns = zip(
        cells["unit_id"].tolist(), cells["task_id"].tolist(), period_codes,
        vn_dates(cells["due_on"], "chưa xác định"), cells["status"].tolist(),
        vn_dates(cells["completed_on"]), cells["file_name"].fillna("").tolist(),
        vn_dates(cells["reported_on"]), strict=True,
    )  # fmt: skip
    files = {f: html.escape(f) for f in set(cells["file_name"].dropna().tolist())}
    states = {code: f"<br>Tình trạng: <b>{label}</b>" for code, label in status.LABELS.items()}
    return [
        f"{unit_part[u]}{task_part[t]}{periods[p]}<br>Hạn: {due}{states[code]}"
        + (f"<br>Hoàn thành ngày: {done}" if done else "")
        + (
            f"<br>Theo báo cáo: {files[file]} (ngày {reported})"
            if file
            else "<br>Chưa nhận báo cáo"
        )
        for u, t, p, due, code, done, file, reported in columns
    ]


def _texts(values: list) -> pd.Series:
    """Text kept as Python objects: a frame of thousands of cells would otherwise copy each
    text into Arrow, only for the chart to read it back out."""
    return pd.Series(values, dtype=object)


def _keys(ids: pd.Series) -> pd.Series:
    """Ids as the chart's category keys ("12")."""
    return _texts([str(int(i)) for i in ids.tolist()])


def unit_grid(result: pd.DataFrame, show_plan: bool, task_page: int | None = None) -> Grid:
    """The units × tasks grid of one page, from ``heatmap_cells.sql``.

    Columns are every task with a cell on any page (the query's ``kind = 'column'`` rows),
    so they stay put while paging; rows are the page's units in the query's order, each
    labelled with its completed cells over its cells (all its tasks). `task_page` (a
    phone) keeps only that page of :data:`TASKS_PER_PHONE_PAGE` columns and their cells;
    ``column_count`` still counts them all.
    """
    is_column = (result["kind"] == "column").to_numpy()
    columns = result.loc[is_column, [*TASK_COLUMNS, "task_id", "task_order"]]
    columns = columns.sort_values(["plan", "task_order"])
    cells = result.loc[~is_column, CELL_SOURCE]  # only what a cell reads: fewer takes
    column_count = len(columns)
    which, unit_ids = pd.factorize(cells["unit_id"])  # codes in order of first appearance
    first = np.flatnonzero(~cells["unit_id"].duplicated().to_numpy())
    units = (
        cells[UNIT_SOURCE]
        .iloc[first]
        .assign(
            cells=np.bincount(which, minlength=len(unit_ids)),
            done=np.bincount(
                which, weights=cells["completed_on"].notna().to_numpy(), minlength=len(unit_ids)
            ).astype(np.int64),
        )
    )
    units = units.sort_values("position")
    if task_page is not None:
        size = TASKS_PER_PHONE_PAGE
        columns = columns.iloc[task_page * size : (task_page + 1) * size]
        cells = cells[cells["task_id"].isin(columns["task_id"])]
    rows = pd.DataFrame({"key": _keys(units["unit_id"]), "label": _texts(_unit_labels(units))})
    cols = pd.DataFrame(
        {"key": _keys(columns["task_id"]), "label": _texts(_task_labels(columns, show_plan))}
    )
    shaped = pd.DataFrame(
        {
            "row": _keys(cells["unit_id"]),
            "col": _keys(cells["task_id"]),
            "status": cells["status"].to_numpy(dtype=object),
            "hover": _texts(_cell_hovers(cells)),
            # No words in unit cells: a status name spills over a cell narrower than itself
            # (plotly does not shrink it), and hover plus the colour bar name every colour.
            "text": _texts([""] * len(cells)),
        }
    )
    count = int(units["unit_count"].iloc[0]) if len(units) else 0
    tasks = columns[TASK_COLUMNS].reset_index(drop=True)
    return Grid(rows, cols, shaped, count, tasks, column_count)


def _plurality(counts: pd.DataFrame) -> pd.Series:
    """The status most obligations are in; a tie goes to the later (worse) code."""
    reversed_codes = list(reversed(status.CODES))
    return counts[reversed_codes].idxmax(axis=1)


def group_grid(long: pd.DataFrame, sort: str, show_plan: bool) -> Grid:
    """The unit groups × plan sections grid, from ``heatmap_groups.sql``.

    Rows follow `sort` like units do (rate, name or the groups' own order).
    """
    if long.empty:
        empty = pd.DataFrame(columns=["key", "label"])
        return Grid(
            empty, empty, pd.DataFrame(columns=["row", "col", "status", "hover", "text"]), 0
        )
    frame = long.copy()
    frame["col"] = frame["plan"] + "\x1f" + frame["section_title"]
    counts = frame.pivot_table(
        index=["group_code", "col"],
        columns="status",
        values="obligations",
        aggfunc="sum",
        fill_value=0,
    ).reindex(columns=list(status.CODES), fill_value=0)
    counts.columns.name = None
    total = counts.sum(axis=1)
    done = counts[[s.code for s in status.STATUSES if s.done]].sum(axis=1)
    cells = counts.assign(total=total, rate=done / total, status=_plurality(counts))
    cells = cells.reset_index()

    groups = frame.groupby("group_code").agg(
        label=("group_label", "first"), order=("group_order", "first")
    )
    per_group = counts.groupby(level="group_code").sum()
    done_codes = [s.code for s in status.STATUSES if s.done]
    groups["rate"] = per_group[done_codes].sum(axis=1) / per_group.sum(axis=1)
    if sort == "name":
        groups = groups.sort_values("label", key=lambda s: s.str.lower())
    else:
        by, ascending = {
            "rate_asc": (["rate", "order"], [True, True]),
            "rate_desc": (["rate", "order"], [False, True]),
            "group": (["order"], [True]),
        }[sort]
        groups = groups.sort_values(by, ascending=ascending)
    rows = pd.DataFrame(
        {
            "key": groups.index.tolist(),
            "label": [
                f"{lab} · {done}/{total}"
                for lab, done, total in zip(
                    groups["label"],
                    per_group.loc[groups.index, done_codes].sum(axis=1),
                    per_group.loc[groups.index].sum(axis=1),
                    strict=True,
                )
            ],
        }
    )
    sections = (
        frame.groupby("col")
        .agg(
            plan=("plan", "first"), title=("section_title", "first"), order=("section_order", "min")
        )
        .sort_values(["plan", "order"])
    )
    cols = pd.DataFrame(
        {
            "key": sections.index.tolist(),
            "label": [
                (f"{p.split('/')[0]}<br>" if show_plan else "") + _two_lines(t)
                for p, t in zip(sections["plan"], sections["title"], strict=True)
            ],
        }
    )
    names = dict(zip(groups.index, groups["label"], strict=True))
    hover = []
    for c in cells.itertuples(index=False):
        plan, title = c.col.split("\x1f", 1)
        lines = [
            f"<b>{html.escape(names[c.group_code])}</b>",
            f"{html.escape(plan)} · {wrap(title, 60)}",
            f"{c.total} nghĩa vụ, hoàn thành {percent(c.rate)}; nhiều nhất: "
            f"<b>{status.label(c.status)}</b>",
        ]
        lines += [
            f"  • {s.label}: {getattr(c, s.code)}" for s in status.STATUSES if getattr(c, s.code)
        ]
        hover.append("<br>".join(lines))
    shaped = pd.DataFrame(
        {
            "row": cells["group_code"],
            "col": cells["col"],
            "status": cells["status"],
            "hover": hover,
            "text": cells["rate"].map(percent),
        }
    )
    return Grid(rows, cols, shaped, len(rows))


def _short(text: str, width: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _two_lines(text: str, width: int = 24) -> str:
    """A column heading on at most two lines of about `width` characters."""
    lines = textwrap.wrap(" ".join(str(text).split()), width)
    if len(lines) > 2:
        lines = [lines[0], _short(" ".join(lines[1:]), width)]
    return "<br>".join(html.escape(line) for line in lines)


def period_choices(periods: pd.DataFrame) -> dict[date, str]:
    """The dates a user can pick a period by (``heatmap_periods.sql``), newest first, named
    by the periods that start on them ("6 tháng cuối năm 2019"); periods of different
    cycles starting the same day share one choice."""
    choices: dict[date, list[str]] = {}
    for period, start in zip(periods["period"], periods["period_start"], strict=True):
        day = pd.Timestamp(start).date()
        choices.setdefault(day, []).append(period_label(period))
    return {day: ", ".join(names) for day, names in choices.items()}


def periods(store: Store, scope: Scope) -> dict[date, str]:
    """:func:`period_choices` of the periods begun by the as-of date in the scope's plan (or
    every plan); groups and statuses do not narrow them."""
    return period_choices(store.frame("heatmap_periods", as_of=scope.as_of, plan=scope.plan))


def ended_choice(choices: dict[date, str], found: pd.DataFrame, as_of: date) -> date | None:
    """The newest choice of :func:`period_choices` whose periods have all ended before
    `as_of` (None when none has): the period where what is overdue at `as_of` shows. The
    latest period begun is mostly "in progress" a few weeks into it."""
    ended = {
        pd.Timestamp(start).date()
        for period, start in zip(found["period"], found["period_start"], strict=True)
        if (b := bounds(period)) is not None and b[1] < as_of
    }
    running = {
        pd.Timestamp(start).date()
        for period, start in zip(found["period"], found["period_start"], strict=True)
        if (b := bounds(period)) is not None and b[1] >= as_of
    }
    return next((day for day in choices if day in ended and day not in running), None)


def overdue_period(store: Store, scope: Scope) -> date | None:
    """The period choice a heatmap opens on at the as-of date (:func:`ended_choice`)."""
    found = store.frame("heatmap_periods", as_of=scope.as_of, plan=scope.plan)
    return ended_choice(period_choices(found), found, scope.as_of)


def load_units(
    store: Store,
    scope: Scope,
    *,
    period_at: date | None = None,
    sort: str = "rate_asc",
    page: int = 0,
    phone: bool = False,
    task_page: int = 0,
) -> Grid:
    """The units × tasks grid of page `page` (0-based) of `scope`, sorted by `sort` (one of
    :data:`SORTS`; ValueError otherwise); recurring tasks show the period running at
    `period_at` (default: the latest begun by the as-of date).

    `phone`: pages of :data:`UNITS_PER_PHONE_PAGE` units, and of those only the task
    columns of page `task_page` (:data:`TASKS_PER_PHONE_PAGE` a page), so that a phone
    receives what its width can show."""
    size = UNITS_PER_PHONE_PAGE if phone else UNITS_PER_PAGE
    result = store.frame("heatmap_cells", **unit_params(scope, period_at, sort, page, size))
    result = names.tell_apart(store, result, scope.plan, ("unit", "unit_short"))
    return unit_grid(result, show_plan=scope.plan is None, task_page=task_page if phone else None)


def load_groups(
    store: Store,
    scope: Scope,
    *,
    period_at: date | None = None,
    sort: str = "rate_asc",
) -> Grid:
    """The unit groups × plan sections grid of `scope` (see :func:`group_grid`)."""
    long = store.frame("heatmap_groups", **scope.params(), period_at=period_at or scope.as_of)
    return group_grid(long, sort, show_plan=scope.plan is None)


def unit_params(
    scope: Scope, period_at: date | None, sort: str, page: int, size: int = UNITS_PER_PAGE
) -> dict:
    """The named parameters of ``heatmap_cells.sql`` for page `page` (0-based) of `size`
    units."""
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}; one of {', '.join(SORTS)}")
    return dict(
        **scope.params(),
        period_at=period_at or scope.as_of,
        sort=sort,
        offset=page * size,
        limit=size,
    )
