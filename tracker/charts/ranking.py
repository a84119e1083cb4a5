"""The unit ranking: one 100% bar per unit, best "% đúng hạn" at the top.

Each bar is split by status in the vocabulary's order (colours and legend labels from
:mod:`domain.status`), so the on-time share the ranking is based on is the first, green,
segment; the rank number is printed before the unit's name and the on-time rate after the
bar, so neither the order nor the figure depends on reading a colour.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from domain import labels, status
from domain.text import vn_percent
from tracker.charts import SEPARATORS

RANK = "rank"
LABEL_CHARS = 42


def ranked(table: pd.DataFrame) -> pd.DataFrame:
    """`table` (:func:`tracker.views.tables.by_unit`, already sorted) with a first column
    ``rank``: 1 for the best ``done_on_time_pct``, equal rates share a rank (1, 2, 2, 4)."""
    out = table.copy()
    rank = out["done_on_time_pct"].rank(method="min", ascending=False)
    out.insert(0, RANK, rank.astype(int))
    return out


def _short(name: str) -> str:
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1].rstrip() + "…"


def ranking_bars(table: pd.DataFrame) -> go.Figure:
    """Horizontal 100% status bars from a :func:`ranked` table, first row at the top.

    The y labels are "rank. unit" (long names shortened; the hover has the full name);
    hover gives the status label, the count and the share. The page decides how many rows
    to pass (the top or bottom of a long ranking).
    """
    names = [f"{r}. {_short(u)}" for r, u in zip(table[RANK], table["unit_name"], strict=True)]
    totals = table["total"].where(table["total"] > 0, 1).to_numpy()
    units = table["unit_name"].tolist()
    traces = []
    for s in status.STATUSES:
        counts = table[s.code].to_numpy()
        traces.append(
            dict(
                type="bar", name=s.label, y=names, x=100 * counts / totals, orientation="h",
                marker=dict(color=s.colour),
                customdata=counts, hovertext=units,
                hovertemplate=(
                    f"%{{hovertext}}<br>{s.label}: %{{customdata}} (%{{x:.1f}}%)"
                    "<extra></extra>"
                ),
            )
        )  # fmt: skip
    traces.append(
        dict(
            type="scatter", x=[100] * len(table), y=names, mode="text",
            text=[vn_percent(p) for p in table["done_on_time_pct"].tolist()],
            textposition="middle right", cliponaxis=False, showlegend=False,
            hoverinfo="skip", name=labels.header("done_on_time_pct"),
        )
    )  # fmt: skip
    layout = dict(
        separators=SEPARATORS,
        barmode="stack",
        height=130 + 26 * len(table),
        margin=dict(l=10, r=70, t=40, b=10),
        xaxis=dict(
            title=dict(text="% nghĩa vụ (số ghi bên phải: % đúng hạn)"),
            range=[0, 100],
            ticksuffix="%",
        ),
        yaxis=dict(
            autorange="reversed", automargin=True, categoryorder="array", categoryarray=names
        ),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0, traceorder="normal"),
    )
    return go.Figure(data=traces, layout=layout)
