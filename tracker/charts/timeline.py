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
plotly's stacking is layout-wide and would also stack the time segments.

The as-of date is a dashed vertical line. Hover gives the deadline exactly as the plan
words it and every status's count; the legend names each colour.
"""

from __future__ import annotations

import html
from datetime import date

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from tracker import status
from tracker.timeline import Lines, hovers, task_key, vn_date

DEADLINE_COLOUR = "#263238"
AS_OF_COLOUR = "#37474f"
ROW_PX = 30
DAY_MS = 86_400_000


def _ms(delta: pd.Series) -> pd.Series:
    return delta.dt.total_seconds() * 1000


def deadline_timeline(rows: pd.DataFrame, lines: Lines, as_of: date) -> go.Figure:
    """The timeline of `rows` (from :func:`tracker.timeline.periods`) on the y axis `lines`
    (from :func:`tracker.timeline.lines`), with a vertical line at `as_of`.

    Every bar point's ``customdata`` starts with ``[task key, period]`` so that a click on
    the chart tells the page which task and period to open. Rows without a due date are
    left out (the page lists them apart).
    """
    fig = make_subplots(
        rows=1, cols=2, shared_yaxes=True, column_widths=[0.78, 0.22], horizontal_spacing=0.015
    )
    dated = rows[rows["due_on"].notna()].copy()
    dated["key"] = dated["task_id"].map(task_key)
    dated["hover"] = hovers(dated)
    dated["tip"] = _tips(dated)
    # Keep every line (section headings too) on the axis, in order, even without data.
    fig.add_scatter(
        x=[pd.Timestamp(as_of)] * len(lines.keys),
        y=lines.keys,
        mode="markers",
        marker=dict(opacity=0),
        hoverinfo="skip",
        showlegend=False,
        row=1,
        col=1,
    )
    _time_bars(fig, dated)
    _deadlines(fig, dated)
    _share_bars(fig, rows, lines)
    _as_of_line(fig, as_of)
    start = min([dated["start_on"].min(), pd.Timestamp(as_of)]) if len(dated) else as_of
    end = max([dated["due_on"].max(), pd.Timestamp(as_of)]) if len(dated) else as_of
    span = max(pd.Timestamp(end) - pd.Timestamp(start), pd.Timedelta(days=30))
    fig.update_xaxes(
        type="date",
        range=[pd.Timestamp(start) - span * 0.03, pd.Timestamp(end) + span * 0.1],
        tickformat="%d/%m/%Y",
        hoverformat="%d/%m/%Y",
        showgrid=True,
        gridcolor="#eceff1",
        row=1,
        col=1,
    )
    fig.update_xaxes(range=[0, 100], ticksuffix="%", title_text="Tỷ lệ nghĩa vụ", row=1, col=2)
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=lines.keys,
        tickvals=lines.keys,
        ticktext=lines.labels,
        autorange="reversed",
        automargin=True,
        row=1,
        col=1,
    )
    fig.update_layout(
        barmode="overlay",
        height=150 + ROW_PX * len(lines.keys),
        margin=dict(l=10, r=10, t=70, b=40),
        bargap=0.35,
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, traceorder="normal"),
        hoverlabel=dict(align="left"),
        clickmode="event+select",
        plot_bgcolor="white",
    )
    return fig


def _tips(dated: pd.DataFrame) -> pd.Series:
    """The short hover of a bar segment: task, period, the deadline as the plan words it.

    The full breakdown sits on the period's diamond; repeating it on every segment would
    multiply what the browser downloads by the number of statuses.
    """
    period = dated["period_label"].map(lambda p: f" · kỳ {p}" if p else "")
    deadline = dated["deadline_text"].map(lambda d: html.escape(str(d).strip()))
    return (
        "<b>" + dated["task_code"] + "</b>" + period + "<br>Thời hạn theo kế hoạch: «"
        + deadline + "»<br>"
    )  # fmt: skip


def _columns(*series) -> np.ndarray:
    """Series side by side as one object array: plotly takes arrays without the per-item
    validation it runs on nested lists (which costs more than building the figure)."""
    return np.column_stack([np.asarray(s, dtype=object) for s in series])


def _iso(moments: pd.Series) -> np.ndarray:
    return moments.dt.strftime("%Y-%m-%dT%H:%M:%S").to_numpy(dtype=object)


def _time_bars(fig: go.Figure, dated: pd.DataFrame) -> None:
    """One trace per status: each (task, period) window split by status share."""
    windows = dated[~dated["single_day"]]
    duration = _ms(windows["due_on"] - windows["start_on"]).clip(lower=DAY_MS)
    totals = windows["total"].where(windows["total"] > 0, 1)
    before = pd.Series(0.0, index=windows.index)
    for s in status.STATUSES:
        share = windows[s.code] / totals
        have = windows[s.code] > 0
        part = windows[have]
        if len(part):
            base = part["start_on"] + pd.to_timedelta(before[have] * duration[have], unit="ms")
            tips = (
                part["tip"] + f"{s.label}: " + part[s.code].astype(str) + " / "
                + part["total"].astype(str) + " nghĩa vụ"
            )  # fmt: skip
            fig.add_bar(
                x=(share[have] * duration[have]).round().to_numpy(),
                base=_iso(base),
                y=part["key"].to_numpy(dtype=object),
                orientation="h",
                name=s.label,
                legendgroup=s.code,
                showlegend=False,
                marker=dict(
                    color=s.colour,
                    opacity=np.where(part["start_inferred"].to_numpy(dtype=bool), 0.5, 1.0),
                    line=dict(width=0),
                ),
                customdata=_columns(part["key"], part["period"], tips),
                hovertemplate=f"%{{customdata[2]}}<extra>{s.short}</extra>",
                row=1,
                col=1,
            )
        before = before + share


def _deadlines(fig: go.Figure, dated: pd.DataFrame) -> None:
    """A diamond on every due date; one-off tasks carry the date as text beside it."""
    one_off = dated["period"].eq("")
    fig.add_scatter(
        x=_iso(dated["due_on"]),
        y=dated["key"].to_numpy(dtype=object),
        mode="markers+text",
        name="Thời hạn",
        marker=dict(
            symbol="diamond",
            size=np.where(dated["single_day"].to_numpy(dtype=bool), 13, 9),
            color=DEADLINE_COLOUR,
            line=dict(color="white", width=1),
        ),
        text=dated["due_on"].dt.strftime("%d/%m/%Y").where(one_off, "").to_numpy(dtype=object),
        textposition="middle right",
        textfont=dict(size=11, color=DEADLINE_COLOUR),
        customdata=_columns(dated["key"], dated["period"], dated["hover"]),
        hovertemplate="%{customdata[2]}<extra>Thời hạn</extra>",
        cliponaxis=False,
        row=1,
        col=1,
    )


def _share_bars(fig: go.Figure, rows: pd.DataFrame, lines: Lines) -> None:
    """Right panel: each task's obligations (all periods shown) as a 100% stacked bar."""
    per_task = rows.groupby("task_id", sort=False)[[*status.CODES, "total"]].sum()
    per_task = per_task[per_task.index.map(task_key).isin(list(lines.tasks))]
    keys = [task_key(t) for t in per_task.index]
    totals = per_task["total"].where(per_task["total"] > 0, 1)
    before = pd.Series(0.0, index=per_task.index)
    for s in status.STATUSES:
        counts = per_task[s.code]
        share = 100 * counts / totals
        fig.add_bar(
            x=share.to_numpy(),
            base=before.to_numpy(),
            y=keys,
            orientation="h",
            name=s.label,
            legendgroup=s.code,
            marker=dict(color=s.colour, line=dict(width=0)),
            text=counts.astype(str).where(share >= 9, "").to_numpy(dtype=object),
            textposition="inside",
            insidetextanchor="middle",
            textangle=0,
            insidetextfont=dict(color="white", size=11),
            customdata=_columns(pd.Series(keys), pd.Series([""] * len(keys)), counts),
            hovertemplate=(f"{s.label}: %{{customdata[2]}} nghĩa vụ (%{{x:.1f}}%)<extra></extra>"),
            row=1,
            col=2,
        )
        before = before + share


def _as_of_line(fig: go.Figure, as_of: date) -> None:
    """The dashed line of the as-of date across the time panel, labelled at the top."""
    when = pd.Timestamp(as_of)
    fig.add_shape(
        type="line",
        x0=when,
        x1=when,
        y0=0,
        y1=1,
        xref="x",
        yref="y domain",
        line=dict(color=AS_OF_COLOUR, width=2, dash="dash"),
        name="as_of",
    )
    fig.add_annotation(
        x=when,
        y=1,
        xref="x",
        yref="y domain",
        text=f"Tính đến {vn_date(when)}",
        showarrow=False,
        yanchor="bottom",
        font=dict(color=AS_OF_COLOUR, size=12),
        bgcolor="rgba(255,255,255,0.85)",
    )
