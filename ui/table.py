"""Drawing a view's frame: Vietnamese headers, dd/mm/yyyy dates, "26,4%" percentages.

Views hand over frames keyed by column ids; this is the edge where they get their headers
(:mod:`domain.labels`). Percentages go through a pandas Styler formatted with
:func:`domain.text.vn_percent`, so the cells read "26,4%" while the column still
sorts as numbers (Streamlit shows a Styler's text wherever the column config sets no
format of its own).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

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


def styled(frame, rows: int | None = None, colour_status: bool = False):
    """`frame`'s visible columns under their headers (its first `rows` rows), percentages
    as "26,4%", missing texts empty, and with `colour_status` the status label cells in
    the status colours."""
    part = frame if rows is None else frame.head(rows)
    moments = [c for c in (*labels.DATES, *DATETIMES) if c in part.columns]
    if moments:  # dates held as objects show None where missing: as datetimes, an empty cell
        part = part.assign(**{c: pd.to_datetime(part[c], errors="coerce") for c in moments})
    shown = labels.labelled(part)
    texts = shown.select_dtypes(include=["object", "str"]).columns
    if len(texts):  # a missing text reads "None" in a grid cell: show it empty
        shown = shown.assign(**{c: shown[c].where(shown[c].notna(), "") for c in texts})
    percents = [labels.header(c) for c in labels.PERCENTS if c in frame.columns]
    state = labels.header("status_label")
    colour = colour_status and state in shown.columns
    if not percents and not colour:
        return shown
    styler = shown.style
    if percents:
        styler = styler.format(vn_percent, subset=percents, na_rep="")
    if colour:
        styler = styler.map(status_style, subset=[state])
    return styler


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
