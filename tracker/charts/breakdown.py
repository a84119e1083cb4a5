"""Stacked status bars: one bar per plan or unit group, one segment per status."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from tracker.domain import status


def status_bars(table: pd.DataFrame, category: str) -> go.Figure:
    """Horizontal 100% bars from a count table (:func:`tracker.views.summary.overview`'s
    breakdowns, :func:`tracker.views.tables.by_unit`): ``total`` and one column per status
    code.

    `category` is the column id naming the bars (``"plan"``, ``"group_label"``,
    ``"unit_name"``); the first row is drawn at the top. Hover gives the label, the count
    and the share.
    """
    fig = go.Figure()
    totals = table["total"].where(table["total"] > 0, 1)
    for s in status.STATUSES:
        counts = table[s.code]
        share = 100 * counts / totals
        fig.add_bar(
            name=s.label,
            y=table[category],
            x=share,
            orientation="h",
            marker_color=s.colour,
            customdata=counts,
            text=[f"{n}" if n else "" for n in counts],
            textposition="inside",
            insidetextfont=dict(color=status.ink(s.colour)),
            hovertemplate=f"%{{y}}<br>{s.label}: %{{customdata}} (%{{x:.1f}}%)<extra></extra>",
        )
    fig.update_layout(
        barmode="stack",
        height=110 + 48 * len(table),
        margin=dict(l=10, r=10, t=30, b=10),
        xaxis=dict(title="% nghĩa vụ", range=[0, 100], ticksuffix="%"),
        yaxis=dict(autorange="reversed", automargin=True),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0, traceorder="normal"),
    )
    return fig
