"""Stacked status bars: one bar per plan or unit group, one segment per status."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from domain import status
from tracker.charts import SEPARATORS
from tracker.charts.figure import figure
from tracker.charts.labels import row_px, wrap

SHORT_LABEL = 16
"""Characters per line of a bar's name in the compact (phone) form (wrapped, never cut)."""
LEGEND_PX = 64
"""Room under the plot area for the x axis title and the legend beneath it."""
PHONE_LEGEND_PX = 110
"""More room on a phone, where the six legend entries wrap onto three or four lines."""


def _short(text: str, width: int = SHORT_LABEL) -> str:
    """`text` cut to `width` characters; a trailing "(Lạng Sơn)" that tells two units
    apart is kept after the cut name."""
    text = " ".join(str(text).split())
    name, paren, rest = text.rpartition(" (")
    tail = f" ({rest}" if paren and rest.endswith(")") else ""
    head = name if tail else text
    return (head if len(head) <= width else head[: width - 1].rstrip() + "…") + tail


def legend_below(plot_px: float) -> dict:
    """A horizontal legend under the plot area (and its x axis title), `plot_px` tall:
    above it, plotly lets it overlap the first bar or cut it off on a narrow screen."""
    return dict(
        orientation="h", yanchor="top", y=-LEGEND_PX / max(plot_px, 1), x=0,
        traceorder="normal",
    )  # fmt: skip


def status_bars(table: pd.DataFrame, category: str, compact: bool = False) -> go.Figure:
    """Horizontal 100% bars from a count table (:func:`tracker.views.summary.overview`'s
    breakdowns, :func:`tracker.views.tables.by_unit`): ``total`` and one column per status
    code.

    `category` is the column id naming the bars (``"plan"``, ``"group_label"``,
    ``"unit_name"``); the first row is drawn at the top. Hover gives the label, the count
    and the share. `compact` (a phone) wraps the bar names whole into lines of
    :data:`SHORT_LABEL` characters; the legend is below the bars either way. Built once
    from plain dicts and arrays (plotly checks lists item by item, and ``add_bar`` copies
    the figure at every call).
    """
    totals = table["total"].where(table["total"] > 0, 1)
    names = table[category].astype(str)
    shown = names.map(lambda name: wrap(name, SHORT_LABEL)) if compact else names
    labels = shown.to_numpy(dtype=object)
    hover = names.to_numpy(dtype=object)
    traces = []
    for s in status.STATUSES:
        counts = table[s.code]
        traces.append(
            dict(
                type="bar", name=s.label, y=labels, x=(100 * counts / totals).to_numpy(float),
                orientation="h", marker=dict(color=s.colour), customdata=counts.to_numpy(),
                hovertext=hover, text=np.asarray([f"{n}" if n else "" for n in counts], object),
                textposition="inside", insidetextfont=dict(color=status.ink(s.colour)),
                hovertemplate=(
                    f"%{{hovertext}}<br>{s.label}: %{{customdata}} (%{{x:.1f}}%)<extra></extra>"
                ),
            )
        )  # fmt: skip
    plot_px = (row_px(shown.tolist()) if compact else 48) * max(len(table), 1)
    below = LEGEND_PX + 50 + (PHONE_LEGEND_PX if compact else 0)
    layout = dict(
        separators=SEPARATORS,
        barmode="stack",
        height=plot_px + 30 + below,
        margin=dict(l=10, r=10, t=30, b=below),
        xaxis=dict(title=dict(text="% nghĩa vụ"), range=[0, 100], ticksuffix="%"),
        yaxis=dict(autorange="reversed", automargin=True),
        legend=legend_below(plot_px),
    )
    if compact:  # a count that does not fit its segment is left out, not run over the next
        layout["uniformtext"] = dict(mode="hide", minsize=9)
    return figure(traces, layout)
