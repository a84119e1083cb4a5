"""The completion heatmap: one coloured cell per (row, column), one colour per status.

Statuses are categories, not a scale, so the colourscale is *discrete*: each status owns
one flat band of the scale in its colour from :mod:`domain.status`, a cell's value is
the middle of its status's band, and the colour bar names every band, best at the top.
A cell with no obligation (a unit not assigned that task) stays blank. Hover carries the
full story of a cell and the colour bar names every colour, so colour is never read alone;
cells that carry text (the completion rate of a group) show it when they are wide enough.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from domain import status
from tracker.charts import SEPARATORS
from tracker.charts.figure import figure
from tracker.charts.labels import TARGET_PX, row_px, wrap
from tracker.views.heatmap import Grid

ROW_PX = 24
TEXT_MAX_COLUMNS = 8
"""Above this many columns a cell is too narrow for its text, which plotly would let spill
over its neighbours; hover and the colour bar stay."""


CELL_COLUMNS = ["row", "col", "status", "hover", "text"]

BANDS = tuple(reversed(status.STATUSES))
"""Statuses bottom to top of the colour bar, so that it reads in the vocabulary's order."""


def band(code: str) -> float:
    """The z value of a status: the middle of its band, never a boundary between colours."""
    return next(i for i, s in enumerate(BANDS) if s.code == code) + 0.5


def status_colourscale() -> list[list]:
    """A stepped plotly colourscale: each status a flat band of its own colour."""
    n = len(BANDS)
    scale: list[list] = []
    for i, s in enumerate(BANDS):
        scale.append([i / n, s.colour])
        scale.append([(i + 1) / n, s.colour])
    return scale


COMPACT_LABEL = 14
"""Characters per line of a row's name in the compact (phone) form; the name is wrapped
whole (:func:`tracker.charts.labels.wrap`), never cut."""


def compact_label(label: str, width: int = COMPACT_LABEL) -> str:
    """A row label wrapped to lines of `width` characters, its rate ("62%") on the last."""
    name, dot, rate = str(label).rpartition(" · ")
    if not dot:
        name, rate = str(label), ""
    wrapped = wrap(name, width)
    return f"{wrapped}<br>{html.escape(rate)}" if dot else wrapped


def status_heatmap(grid: Grid, x_title: str, y_title: str, compact: bool = False) -> go.Figure:
    """Draw `grid` (from :mod:`tracker.views.heatmap`): rows top to bottom, columns left to right.

    ``z`` holds each cell's :func:`band` (NaN where there is none); the row and
    column keys are the axis categories and the labels their tick text, so two units with
    the same short name never merge into one row. `compact` (a phone) wraps the row names
    (:func:`compact_label`), makes every cell at least :data:`TARGET_PX` tall, turns the task
    codes upright, drops the axis titles and puts the colour bar across the bottom, where a
    narrow screen does not cut it off.
    """
    rows, cols = grid.rows["key"].tolist(), grid.columns["key"].tolist()
    cells = grid.cells if len(grid.cells.columns) else pd.DataFrame(columns=CELL_COLUMNS)
    where = _positions(cells, rows, cols)
    bands = cells["status"].map({code: band(code) for code in status.CODES}).astype(float)
    z = _matrix(where, bands.to_numpy(), len(rows), len(cols), np.nan)
    text = _matrix(where, cells["text"].to_numpy(dtype=object), len(rows), len(cols), "")
    with_text = len(cols) <= TEXT_MAX_COLUMNS and cells["text"].astype(bool).any()
    n = len(status.STATUSES)
    row_labels = grid.rows["label"].tolist()
    if compact:
        row_labels = [compact_label(label) for label in row_labels]
    row = row_px(row_labels, TARGET_PX) if compact else ROW_PX
    height = 190 + row * max(len(rows), 3) + (150 if compact else 0)
    plot_px = height - 190 - (150 if compact else 0)
    colorbar = dict(
        title=dict(text="Tình trạng"),
        tickvals=[band(s.code) for s in BANDS],
        ticktext=[s.label for s in BANDS],
        thickness=14,
        lenmode="pixels",
        len=min(300, height - 120),
        yanchor="top",
        y=1,
    )
    cells_trace = dict(
        type="heatmap",
        z=z,
        x=cols,
        y=rows,
        textfont=dict(size=10),
        hoverinfo="skip",  # the cells' targets (below) carry the hover and the click
        hoverongaps=False,
        colorscale=status_colourscale(),
        zmin=0,
        zmax=n,
        xgap=2,
        ygap=2,
        colorbar=colorbar,
        showscale=not compact,  # a phone gets a wrapping legend instead (below)
    )
    if with_text:
        cells_trace.update(text=text, texttemplate="%{text}")
    legend = [  # a phone: legend entries only, as a legend wraps and a colour bar does not
        dict(
            type="scatter", x=[None], y=[None], mode="markers", name=s.label,
            hoverinfo="skip", marker=dict(symbol="square", size=12, color=s.colour),
            showlegend=True,
        )
        for s in status.STATUSES
    ] if compact else []  # fmt: skip
    x_axis = dict(
        type="category",
        tickvals=cols,
        ticktext=grid.columns["label"].tolist(),
        range=[-0.5, len(cols) - 0.5],  # the cells exactly, not padded for the targets
        side="top",
        tickangle=0 if len(cols) <= (4 if compact else 10) else -90,
        showgrid=False,
    )
    y_axis = dict(
        type="category",
        tickvals=rows,
        ticktext=row_labels,
        range=[len(rows) - 0.5, -0.5],  # top to bottom, the cells exactly
        autorange=False,
        automargin=True,
        showgrid=False,
    )
    if compact:
        y_axis["tickfont"] = dict(size=11)
    else:
        x_axis["title"] = dict(text=x_title)
        y_axis["title"] = dict(text=y_title)
    layout = dict(
        separators=SEPARATORS,
        height=height,
        margin=dict(l=4 if compact else 10, r=4 if compact else 10, t=40, b=150 if compact else 10),
        plot_bgcolor="#fafafa",
        hoverlabel=dict(align="left"),
        hovermode="closest",
        hoverdistance=-1,  # the nearest target is always the cell under the pointer
        showlegend=compact,
        legend=dict(orientation="h", yanchor="top", y=-12 / plot_px, x=0),
        xaxis=x_axis,
        yaxis=y_axis,
    )
    return figure([cells_trace, *legend, _targets(cells), _blanks(z, rows, cols)], layout)


def _targets(cells: pd.DataFrame) -> dict:
    """One invisible marker at the centre of every cell that holds an obligation, carrying
    the cell's hover text (the heatmap itself carries none: one copy of it, not two).

    A heatmap's cells cannot be selected in plotly, so a click on one sends Streamlit no
    selection and the page never learns which cell it was. A scatter's points can: with
    ``hoverdistance=-1`` the marker nearest the pointer is the one of the cell under it
    (in a grid of equal cells the own centre is always the closest), so hovering shows the
    cell's text and clicking selects the cell, whose point's ``x`` / ``y`` are the column
    and row keys (:func:`tracker.views.obligation.clicked`). Arrays, not lists: plotly
    checks a list item by item.
    """
    return dict(
        type="scatter",
        x=cells["col"].to_numpy(dtype=object),
        y=cells["row"].to_numpy(dtype=object),
        customdata=cells["hover"].to_numpy(dtype=object),
        mode="markers",
        marker=dict(size=12, opacity=0),
        selected=dict(marker=dict(opacity=0)),
        unselected=dict(marker=dict(opacity=0)),
        hovertemplate="%{customdata}<extra></extra>",
        showlegend=False,
        name="cells",
    )


def _blanks(z: np.ndarray, rows: list[str], cols: list[str]) -> dict:
    """Invisible markers where a cell holds no obligation, without a hover label: without
    them the pointer over an empty cell would find the neighbour's target and show its text."""
    empty_rows, empty_cols = np.nonzero(np.isnan(z))
    return dict(
        type="scatter",
        x=np.asarray(cols, dtype=object)[empty_cols],
        y=np.asarray(rows, dtype=object)[empty_rows],
        mode="markers",
        marker=dict(size=12, opacity=0),
        selected=dict(marker=dict(opacity=0)),
        unselected=dict(marker=dict(opacity=0)),
        hoverinfo="none",
        showlegend=False,
        name="blanks",
    )


def _positions(cells: pd.DataFrame, rows: list[str], cols: list[str]) -> tuple:
    """Each cell's (row, column) position in the grid; cells outside it are dropped."""
    r = pd.Index(rows).get_indexer(cells["row"])
    c = pd.Index(cols).get_indexer(cells["col"])
    inside = (r >= 0) & (c >= 0)
    return r[inside], c[inside], inside


def _matrix(where: tuple, values: np.ndarray, n_rows: int, n_cols: int, fill) -> np.ndarray:
    """`values` (one per cell) placed at their :func:`_positions` in a rows × columns
    array, `fill` where no cell."""
    r, c, inside = where
    matrix = np.full((n_rows, n_cols), fill, dtype=values.dtype)
    matrix[r, c] = values[inside]
    return matrix
