"""Plans side by side over time: completion and on-time rates, one line per plan.

Plans are not statuses, so their lines do not borrow the status colours (a green line
would read as "on time"); each plan gets its own colour *and* dash *and* marker, and its
code is printed at the end of its line and in the legend, so nothing depends on colour.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from domain import labels
from domain.text import vn_percent
from tracker.charts import SEPARATORS

PLAN_STYLES = (
    ("#3949ab", "solid", "circle"),
    ("#8e24aa", "dash", "square"),
    ("#00897b", "dot", "diamond"),
    ("#6d4c41", "dashdot", "triangle-up"),
    ("#546e7a", "longdash", "x"),
)
"""(colour, dash, marker) per plan in issue order; away from the status hues."""

METRICS = (
    ("done_pct", "done", labels.header("done_pct")),
    ("done_on_time_pct", "done_on_time", labels.header("done_on_time_pct")),
)
"""(percentage column, count column, title) of the two panels, left to right."""


def rate_lines(frame: pd.DataFrame, align: str = "calendar") -> go.Figure:
    """Two panels (% hoàn thành, % đúng hạn), one line per plan, from a
    :func:`tracker.views.compare.series` frame.

    `align` is ``"calendar"`` (x = the as-of date) or ``"elapsed"`` (x = days since the
    plan's date, so plans issued at different times start together). Plans keep the
    order of the frame; hover gives the date, the rate and "n/N nghĩa vụ". Raises
    ValueError for another `align`.
    """
    if align not in ("calendar", "elapsed"):
        raise ValueError(f"align must be 'calendar' or 'elapsed', not {align!r}")
    fig = make_subplots(
        rows=1,
        cols=2,
        shared_yaxes=True,
        horizontal_spacing=0.06,
        subplot_titles=[title for _, _, title in METRICS],
    )
    plans = list(dict.fromkeys(frame["plan"])) if len(frame) else []
    for i, plan in enumerate(plans):
        colour, dash, symbol = PLAN_STYLES[i % len(PLAN_STYLES)]
        rows = frame[frame["plan"] == plan].sort_values("day")
        days = pd.to_datetime(rows["day"])
        if align == "elapsed":
            x = (days - pd.to_datetime(rows["issued_on"])).dt.days
        else:
            x = days
        province = rows["province"].iloc[0]
        name = f"{plan} ({province})" if province else plan
        for col, (pct, count, title) in enumerate(METRICS, start=1):
            hover = [
                f"{name}<br>Ngày {d:%d/%m/%Y}<br>{title}: {vn_percent(p)} ({n}/{total} nghĩa vụ)"
                for d, p, n, total in zip(
                    days, rows[pct], rows[count], rows["obligations"], strict=True
                )
            ]
            ends = [""] * (len(rows) - 1) + [f"{plan} {vn_percent(rows[pct].iloc[-1])}"]
            fig.add_scatter(
                x=x,
                y=rows[pct],
                name=name,
                legendgroup=plan,
                showlegend=col == 1,
                mode="lines+markers+text",
                line=dict(color=colour, dash=dash, width=2),
                marker=dict(symbol=symbol, size=7, color=colour),
                text=ends,
                textposition="top left",
                textfont=dict(color=colour),
                hovertext=hover,
                hoverinfo="text",
                row=1,
                col=col,
            )
    x_title = "Số ngày kể từ ngày ban hành" if align == "elapsed" else "Tính đến ngày"
    for col in (1, 2):
        fig.update_xaxes(title_text=x_title, row=1, col=col)
        if align == "calendar":
            fig.update_xaxes(tickformat="%d/%m/%Y", row=1, col=col)
    fig.update_yaxes(range=[0, 105], ticksuffix="%", row=1, col=1)
    fig.update_yaxes(range=[0, 105], ticksuffix="%", row=1, col=2)
    fig.update_layout(
        separators=SEPARATORS,
        height=430,
        margin=dict(l=10, r=10, t=60, b=10),
        legend=dict(orientation="h", yanchor="bottom", y=1.08, x=0),
        hovermode="closest",
    )
    return fig
