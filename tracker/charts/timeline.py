"""The deadline timeline: tasks on a time axis, coloured by the status of their obligations.

Two panels share one row per task, grouped under bold section headings:

- left, the time axis: each task's window (start → due) is a bar split into one segment
  per status, each segment as long as that status's share of the obligations, so a bar
  that is still red past the as-of line reads at once; a recurring task carries one bar
  per reporting period on its row. A diamond marks every due date (labelled dd/mm/yyyy
  for one-off tasks); a task set for a single day ("ngày 11/6/2019") is the diamond alone.
  A task with only a limit ("trước ngày 30/6/2019") is drawn from the plan's date, paler.
- right, the same shares as a 100% bar per task with the counts written in, which is
  where a single-day task shows its colours.

Both panels place every segment with an explicit ``base`` and the layout overlays bars:
plotly's stacking is layout-wide and would also stack the time segments. Traces are built
as plain dicts and the figure made once (two x axes side by side, one shared y axis):
plotly's per-call bookkeeping (``make_subplots``, ``add_trace(row=, col=)``) cost more
than the data.

The as-of date is a dashed vertical line labelled at the top of the plot area; the legend
sits below the date axis, so neither covers the other nor the first bar. Hover gives the
deadline exactly as the plan words it and every status's count; the legend names each
colour. The compact form (a phone) wraps each row's code and whole title over lines.
"""

from __future__ import annotations

import html
from datetime import date

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from domain import status
from tracker.charts import SEPARATORS
from tracker.charts.breakdown import LEGEND_PX, legend_below
from tracker.charts.figure import figure
from tracker.charts.labels import TARGET_PX, row_px, wrap
from tracker.views import timeline as timeline_view
from tracker.views.timeline import Lines, hovers, task_key, vn_date, vn_dates

DEADLINE_COLOUR = "#263238"
AS_OF_COLOUR = "#37474f"
ROW_PX = 30
DAY_MS = 86_400_000


def _ms(delta: pd.Series) -> pd.Series:
    return delta.dt.total_seconds() * 1000


def compact_labels(rows: pd.DataFrame, lines: Lines, width: int = 18) -> list[str]:
    """Row labels for a narrow screen: a task's code and whole title, a section heading in
    bold, each wrapped into lines of `width` characters (:func:`tracker.charts.labels.wrap`)."""
    codes = dict(zip(rows["task_id"].map(task_key), rows["task_code"], strict=True))
    titles = dict(zip(rows["task_id"].map(task_key), rows["task"], strict=True))
    found = []
    for key, label in zip(lines.keys, lines.labels, strict=True):
        if key in lines.headers or key not in codes:
            text = html.unescape(label.replace("<b>", "").replace("</b>", ""))
            found.append("<br>".join(f"<b>{line}</b>" for line in wrap(text, width).split("<br>")))
        else:
            found.append(wrap(f"{codes[key]} · {titles[key]}", width))
    return found


def deadline_timeline(
    rows: pd.DataFrame, lines: Lines, as_of: date, compact: bool = False
) -> go.Figure:
    """The timeline of `rows` (from :func:`tracker.views.timeline.periods`) on the y axis
    `lines` (from :func:`tracker.views.timeline.lines`), with a vertical line at `as_of`.

    Every bar point's ``customdata`` starts with ``[task key, period]`` so that a click on
    the chart tells the page which task and period to open. Rows without a due date are
    left out (the page lists them apart). `compact` labels rows by :func:`compact_labels`
    (rows at least 44 px tall) and gives the time panel more of the width.
    """
    dated = rows[rows["due_on"].notna()].copy()
    dated["key"] = dated["task_id"].map(task_key)
    dated["hover"] = hovers(dated)
    dated["tip"] = _tips(dated)
    when = pd.Timestamp(as_of)
    traces = [
        # Keeps every line (section headings too) on the axis, in order, even without data.
        dict(
            type="scatter", xaxis="x", yaxis="y", y=_texts(lines.keys),
            x=_texts([when.isoformat()] * len(lines.keys)),
            mode="markers", marker=dict(opacity=0), hoverinfo="skip", showlegend=False,
        ),
        *_time_bars(dated),
        _deadlines(dated),
        *_share_bars(rows, lines, 25 if compact else 9),
    ]  # fmt: skip
    start = min(dated["start_on"].min(), when) if len(dated) else when
    end = max(dated["due_on"].max(), when) if len(dated) else when
    span = max(end - start, pd.Timedelta(days=30))
    labels = compact_labels(rows, lines) if compact else lines.labels
    row = row_px(labels, TARGET_PX) if compact else ROW_PX
    plot_px = row * max(len(lines.keys), 1)
    split = 0.68 if compact else 0.77
    layout = dict(
        barmode="overlay",
        height=plot_px + 40 + 40 + LEGEND_PX,
        margin=dict(l=10, r=10, t=40, b=40 + LEGEND_PX),
        bargap=0.35,
        legend=legend_below(plot_px),
        hoverlabel=dict(align="left"),
        clickmode="event+select",
        plot_bgcolor="white",
        xaxis=dict(
            domain=[0, split], type="date", tickformat="%d/%m/%Y", hoverformat="%d/%m/%Y",
            range=[(start - span * 0.03).isoformat(), (end + span * 0.1).isoformat()],
            showgrid=True, gridcolor="#eceff1",
        ),
        xaxis2=dict(
            domain=[split + 0.015, 1], anchor="y", range=[0, 100], ticksuffix="%",
            title=dict(text="Tỷ lệ nghĩa vụ"),
        ),
        yaxis=dict(
            type="category", categoryorder="array", categoryarray=lines.keys,
            tickvals=lines.keys, autorange="reversed", automargin=True,
            ticktext=labels, **({"tickfont": dict(size=11)} if compact else {}),
        ),
        shapes=[
            dict(
                type="line", x0=when.isoformat(), x1=when.isoformat(), y0=0, y1=1, xref="x",
                yref="y domain", line=dict(color=AS_OF_COLOUR, width=2, dash="dash"),
                name="as_of",
            )
        ],
        annotations=[
            dict(
                x=when.isoformat(), y=1, xref="x", yref="y domain",
                text=f"Tính đến {vn_date(when)}", showarrow=False, yanchor="bottom",
                font=dict(color=AS_OF_COLOUR, size=12), bgcolor="rgba(255,255,255,0.85)",
            )
        ],
    )  # fmt: skip
    layout["separators"] = SEPARATORS
    return figure(traces, layout)


def timeline_page(
    rows: pd.DataFrame, page: int, show_plan: bool, as_of: date, compact: bool = False
) -> go.Figure:
    """:func:`deadline_timeline` of page `page` of `rows` (every row of a scope, from
    :func:`tracker.views.timeline.load`): a page keys its built chart by the cached rows
    and the page number (:func:`ui.data.chart`), never by a frame of the page's rows."""
    shown = timeline_view.page(rows, page)
    lines = timeline_view.lines(shown, show_plan=show_plan)
    return deadline_timeline(shown, lines, as_of, compact=compact)


def _tips(dated: pd.DataFrame) -> list[str]:
    """The short hover of a bar segment: task, period, the deadline as the plan words it
    (the code and the deadline escaped, once per task).

    The full breakdown sits on the period's diamond; repeating it on every segment would
    multiply what the browser downloads by the number of statuses.
    """
    heads: dict[tuple[str, str], tuple[str, str]] = {}
    tips = []
    for code, label, deadline in zip(
        dated["task_code"].tolist(), dated["period_label"].tolist(),
        dated["deadline_text"].tolist(), strict=True,
    ):  # fmt: skip
        head = heads.get((code, deadline))
        if head is None:
            head = heads[(code, deadline)] = (
                f"<b>{html.escape(code)}</b>",
                f"<br>Thời hạn theo kế hoạch: «{html.escape(str(deadline).strip())}»<br>",
            )
        tips.append(f"{head[0]}{f' · kỳ {label}' if label else ''}{head[1]}")
    return tips


def _columns(*series) -> np.ndarray:
    """Series side by side as one object array: plotly takes arrays without the per-item
    validation it runs on nested lists (which costs more than building the figure)."""
    return np.column_stack([np.asarray(s, dtype=object) for s in series])


def _texts(values) -> np.ndarray:
    """Text as a numpy array of a text dtype, which the Figure copies in one piece (an
    object array or a list is copied item by item: :mod:`tracker.charts.figure`)."""
    return np.asarray(values, dtype=str)


def _points(keys, periods) -> np.ndarray:
    """Each point's ``[task key, period]``: the customdata a click hands to the page
    (:func:`tracker.views.timeline.clicked`)."""
    return np.column_stack([_texts(keys), _texts(periods)])


def _iso(moments) -> np.ndarray:
    """Each moment as ``2019-07-01T00:00:00`` (to the second, cut, not rounded)."""
    moments = np.asarray(moments, dtype="datetime64[ns]")
    return np.datetime_as_string(moments, unit="s").astype(str)


def _time_bars(dated: pd.DataFrame) -> list[dict]:
    """One trace per status: each (task, period) window split by status share.

    Arrays throughout: a page holds 800 windows, and a frame's boolean selection per
    status cost more than the arithmetic."""
    windows = dated[~dated["single_day"]]
    start = windows["start_on"].to_numpy(dtype="datetime64[ns]")
    duration = np.maximum(_ms(windows["due_on"] - windows["start_on"]).to_numpy(), DAY_MS)
    counts = windows[list(status.CODES)].to_numpy()
    total = windows["total"].to_numpy()
    shares = counts / np.where(total > 0, total, 1)[:, None]
    before = shares.cumsum(axis=1) - shares
    keys = _texts(windows["key"])
    periods = _texts(windows["period"])
    tips = windows["tip"].tolist()
    paler = np.where(windows["start_inferred"].to_numpy(dtype=bool), 0.5, 1.0)
    traces = []
    for i, s in enumerate(status.STATUSES):
        have = counts[:, i] > 0
        if not have.any():
            continue
        offset = pd.to_timedelta(before[have, i] * duration[have], "ms").to_numpy()
        shown = np.flatnonzero(have)
        texts = [
            f"{tips[j]}{s.label}: {counts[j, i]} / {total[j]} nghĩa vụ" for j in shown.tolist()
        ]
        traces.append(
            dict(
                type="bar", orientation="h", xaxis="x", yaxis="y", name=s.label, legendgroup=s.code,
                showlegend=False,
                x=np.round(shares[have, i] * duration[have]),
                base=_iso(start[have] + offset), y=keys[have],
                marker=dict(color=s.colour, line=dict(width=0), opacity=paler[have]),
                customdata=_points(keys[have], periods[have]), hovertext=_texts(texts),
                hovertemplate=f"%{{hovertext}}<extra>{s.short}</extra>",
            )
        )  # fmt: skip
    return traces


def _deadlines(dated: pd.DataFrame) -> dict:
    """A diamond on every due date; one-off tasks carry the date as text beside it."""
    one_off = dated["period"].eq("")
    return dict(
        type="scatter", mode="markers+text", xaxis="x", yaxis="y", name="Thời hạn",
        x=_iso(dated["due_on"]), y=_texts(dated["key"]),
        marker=dict(
            symbol="diamond", color=DEADLINE_COLOUR, line=dict(color="white", width=1),
            size=np.where(dated["single_day"].to_numpy(dtype=bool), 13, 9),
        ),
        text=_texts(np.where(one_off, vn_dates(dated["due_on"]), "")),
        textposition="middle right", textfont=dict(size=11, color=DEADLINE_COLOUR),
        customdata=_points(dated["key"], dated["period"]), hovertext=_texts(dated["hover"]),
        hovertemplate="%{hovertext}<extra>Thời hạn</extra>", cliponaxis=False,
    )  # fmt: skip


def _share_bars(rows: pd.DataFrame, lines: Lines, least: float) -> list[dict]:
    """Right panel: each task's obligations (all periods shown) as a 100% stacked bar; a
    segment narrower than `least` % carries no count (it would run over its neighbour's).

    Summed by factorised task with numpy: a frame's groupby cost more than the sums."""
    which, task_ids = pd.factorize(rows["task_id"])  # tasks in order of appearance
    counts = np.zeros((len(task_ids), len(status.CODES)), dtype=np.int64)
    np.add.at(counts, which, rows[list(status.CODES)].to_numpy(dtype=np.int64))
    total = np.bincount(which, weights=rows["total"].to_numpy(), minlength=len(task_ids))
    keys = _texts([task_key(t) for t in task_ids])
    shown = np.isin(keys, list(lines.tasks))
    keys, counts, total = keys[shown], counts[shown], total[shown].astype(np.int64)
    shares = 100 * (counts / np.where(total > 0, total, 1)[:, None])
    before = shares.cumsum(axis=1) - shares
    no_period = np.full(len(keys), "", dtype=object)
    return [
        dict(
            type="bar", orientation="h", xaxis="x2", yaxis="y", name=s.label,
            legendgroup=s.code, x=shares[:, i],
            base=before[:, i].tolist(),  # a list, as plotly's check sends this property
            y=keys,
            marker=dict(color=s.colour, line=dict(width=0)),
            text=_texts(np.where(shares[:, i] >= least, counts[:, i].astype(str), "")),
            textposition="inside", insidetextanchor="middle", textangle=0,
            insidetextfont=dict(color=status.ink(s.colour), size=11),
            customdata=_columns(keys, no_period, counts[:, i].tolist()),
            hovertemplate=f"{s.label}: %{{customdata[2]}} nghĩa vụ (%{{x:.1f}}%)<extra></extra>",
        )
        for i, s in enumerate(status.STATUSES)
    ]  # fmt: skip
