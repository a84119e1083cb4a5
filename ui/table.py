"""Drawing a view's frame: Vietnamese headers, dd/mm/yyyy dates, "26,4%" percentages.

Views hand over frames keyed by column ids; this is the edge where they get their headers
(:mod:`domain.labels`). Percentages go through a pandas Styler whose texts come from
:func:`domain.text.vn_percent`, so the cells read "26,4%" while the column still
sorts as numbers (Streamlit shows a Styler's text wherever the column config sets no
format of its own).

The surprise: that Styler (:func:`light_styler`) hands Streamlit only the cells it changes, the
percentages' texts and the status cells' colours, computed a column at a time. pandas'
own Styler renders every cell of the frame through its HTML machinery first (0.35–0.8 s
for a preview of 1,000 rows of ten columns, more than the page's query); Streamlit reads
only the ids, texts and CSS of that rendering (``marshall_styler``), and shows every other
cell from the frame itself.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from domain import labels, status
from domain.text import vn_percent
from ui.format import DATE_FORMAT, DATETIME_FORMAT

DATETIMES = ("uploaded_at", "reviewed_at", "withdrawn_at")
"""Moments (upload, review) shown dd/mm/yyyy hh:mm, never as ISO timestamps."""

STATUS_STYLES = {
    s.label: f"background-color: {s.colour}; color: {status.ink(s.colour)}" for s in status.STATUSES
}
"""CSS of a cell holding a status label: its fill and the text colour that reads on it."""


def status_style(label: object) -> str:
    return STATUS_STYLES.get(label, "") if isinstance(label, str) else ""


def light_styler(frame: pd.DataFrame, texts: dict, css: dict) -> Styler:
    """A pandas Styler of `frame` that shows `texts` (column position -> one text per row),
    colours cells with `css` (column position -> one CSS declaration per row, "" for none)
    and leaves every other cell as the frame holds it.

    Streamlit takes a Styler only of pandas' own class (it compares the type's name), so
    this is one, with this instance's two rendering steps replaced (see the module)."""
    styler = frame.style
    rendered = _rendered(texts, css)
    styler._compute = lambda: styler
    styler._translate = lambda *_args, **_kwargs: rendered
    return styler


def _rendered(texts: dict, css: dict) -> dict:
    """What Streamlit reads of a Styler's rendering: each changed cell's id and text, and
    the cells of each CSS declaration."""
    body = [
        [{"id": f"row{r}_col{c}", "display_value": text} for r, text in enumerate(column)]
        for c, column in texts.items()
    ]
    cells: dict[str, list[str]] = {}
    for c, column in css.items():
        for r, declaration in enumerate(column):
            if declaration:
                cells.setdefault(declaration, []).append(f"row{r}_col{c}")
    cellstyle = [
        {"props": [tuple(p.split(": ", 1)) for p in declaration.split("; ")], "selectors": ids}
        for declaration, ids in cells.items()
    ]
    return {"body": body, "cellstyle": cellstyle, "table_styles": []}


def styled(frame, rows: int | None = None, colour_status: bool = False):
    """`frame`'s visible columns under their headers (its first `rows` rows), percentages
    as "26,4%", missing texts empty, and with `colour_status` the status label cells in
    the status colours (through :func:`light_styler`)."""
    part = frame if rows is None else frame.head(rows)
    moments = [c for c in (*labels.DATES, *DATETIMES) if c in part.columns]
    if moments:  # dates held as objects show None where missing: as datetimes, an empty cell
        part = part.assign(**{c: pd.to_datetime(part[c], errors="coerce") for c in moments})
    shown = labels.labelled(part).reset_index(drop=True)
    texts = shown.select_dtypes(include=["object", "str"]).columns
    if len(texts):  # a missing text reads "None" in a grid cell: show it empty
        shown = shown.assign(**{c: shown[c].where(shown[c].notna(), "") for c in texts})
    position = {name: i for i, name in enumerate(shown.columns)}
    percents = {
        position[labels.header(c)]: [
            "" if pd.isna(v) else vn_percent(v) for v in shown[labels.header(c)].tolist()
        ]
        for c in labels.PERCENTS
        if c in part.columns
    }
    state = labels.header("status_label")
    colours = {}
    if colour_status and state in position:
        colours = {position[state]: [status_style(v) for v in shown[state].tolist()]}
    if not percents and not colours:
        return shown
    return light_styler(shown, percents, colours)


def column_config(frame, **extra) -> dict:
    """Column config keyed by header: dates dd/mm/yyyy, then `extra` (keyed by column id)."""
    config = {
        labels.header(c): st.column_config.DateColumn(format=DATE_FORMAT)
        for c in labels.DATES
        if c in frame.columns
    }
    config.update(
        {
            labels.header(c): st.column_config.DatetimeColumn(format=DATETIME_FORMAT)
            for c in DATETIMES
            if c in frame.columns
        }
    )
    config.update({labels.header(c): value for c, value in extra.items()})
    return config


def show(
    frame,
    *,
    rows: int | None = None,
    colour_status: bool = False,
    key=None,
    pick: bool = False,
    **extra,
) -> int | None:
    """Draw `frame` (a view's, keyed by ids) as a table people read; `extra` are column
    configs by column id. With `pick` (and a `key`) a row can be chosen: returns its
    position in `frame`, or None."""
    table, config = styled(frame, rows, colour_status), column_config(frame, **extra)
    if not pick:
        st.dataframe(table, hide_index=True, width="stretch", column_config=config, key=key)
        return None
    event = st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config=config,
        key=key,
        on_select="rerun",
        selection_mode="single-row",
    )
    chosen = event.selection.rows
    return int(chosen[0]) if chosen else None
