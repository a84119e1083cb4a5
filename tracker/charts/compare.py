"""Plans side by side over time: completion and on-time rates, one line per plan.

Plans are not statuses, so their lines do not borrow the status colours (a green line
would read as "on time"); each plan gets its own colour *and* dash *and* marker, and its
code is printed at the end of its line and in the legend, so nothing depends on colour.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from domain import labels
from domain.text import vn_percent
from tracker.charts import SEPARATORS
from tracker.charts.figure import figure

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

AXES = ("x", "x2")
DOMAINS = ([0.0, 0.47], [0.53, 1.0])
"""The two panels' x axes and their shares of the width (they share the y range). The
figure is built once from plain dicts: ``make_subplots`` and ``add_scatter(row=, col=)``
cost more than the lines."""


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
    plans = list(dict.fromkeys(frame["plan"])) if len(frame) else []
    traces = []
    for i, plan in enumerate(plans):
        colour, dash, symbol = PLAN_STYLES[i % len(PLAN_STYLES)]
        rows = frame[frame["plan"] == plan].sort_values("day")
        days = pd.to_datetime(rows["day"])
        if align == "elapsed":
            x = (days - pd.to_datetime(rows["issued_on"])).dt.days.to_numpy()
        else:
            x = days.dt.strftime("%Y-%m-%d").to_numpy(dtype=object)
        province = rows["province"].iloc[0]
        name = f"{plan} ({province})" if province else plan
        for axis, (pct, count, title) in zip(AXES, METRICS, strict=True):
            hover = [
                f"{name}<br>Ngày {d:%d/%m/%Y}<br>{title}: {vn_percent(p)} ({n}/{total} nghĩa vụ)"
                for d, p, n, total in zip(
                    days, rows[pct], rows[count], rows["obligations"], strict=True
                )
            ]
            ends = [""] * (len(rows) - 1) + [f"{plan} {vn_percent(rows[pct].iloc[-1])}"]
            traces.append(
                dict(
                    type="scatter", xaxis=axis, yaxis=axis.replace("x", "y"),
                    x=x, y=rows[pct].to_numpy(dtype=float), name=name, legendgroup=plan,
                    showlegend=axis == "x", mode="lines+markers+text",
                    line=dict(color=colour, dash=dash, width=2),
                    marker=dict(symbol=symbol, size=7, color=colour),
                    text=np.asarray(ends, dtype=object), textposition="top left",
                    textfont=dict(color=colour), hovertext=np.asarray(hover, dtype=object),
                    hoverinfo="text",
                )
            )  # fmt: skip
    x_title = "Số ngày kể từ ngày ban hành" if align == "elapsed" else "Tính đến ngày"
    dates = dict(tickformat="%d/%m/%Y") if align == "calendar" else {}
    layout = dict(
        separators=SEPARATORS,
        height=430,
        margin=dict(l=10, r=10, t=60, b=10),
        legend=dict(orientation="h", yanchor="bottom", y=1.08, x=0),
        hovermode="closest",
        annotations=[
            dict(
                text=title, x=sum(domain) / 2, y=1, xref="paper", yref="paper",
                xanchor="center", yanchor="bottom", showarrow=False, font=dict(size=16),
            )
            for domain, (_pct, _count, title) in zip(DOMAINS, METRICS, strict=True)
        ],
    )  # fmt: skip
    for n, (axis, domain) in enumerate(zip(AXES, DOMAINS, strict=True)):
        y = axis.replace("x", "y")
        layout[axis.replace("x", "xaxis")] = dict(
            domain=domain, anchor=y, title=dict(text=x_title), **dates
        )
        layout[y.replace("y", "yaxis")] = dict(
            anchor=axis, range=[0, 105], ticksuffix="%",
            **({"matches": "y", "showticklabels": False} if n else {}),
        )  # fmt: skip
    return figure(traces, layout)
