"""Located problems as one table, the one way pages show a list of them: errors in red,
warnings in yellow, notes (a guess a reader made) in blue, each with its sheet, row,
column, value and what to do.

Surprise: ``st.table`` reads its cells as Markdown (a value ``[x](http://…)`` from a file
would become a link), so the static table's cells go through :func:`ui.plain.md`; the
scrolling grid shows text as it is."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from domain.problems import Problem, labelled
from ui.plain import md

LEVELS = {"error": "Lỗi", "warning": "Cảnh báo", "info": "Lưu ý"}
FILLS = {
    "error": "background-color: #fdecea",
    "warning": "background-color: #fff8e1",
    "info": "background-color: #e8f0fe",
}
"""A row's fill by the problem's severity (the ids of :data:`LEVELS`)."""
COLUMNS = {
    "severity": "Mức",
    "sheet": "Trang",
    "row": "Dòng",
    "column": "Cột",
    "value": "Giá trị",
    "message": "Cần làm",
}


def problem_frame(problems: list[Problem], labels: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per problem, keyed by the ids of :data:`COLUMNS`: severity, sheet, row,
    column, value, what to do (a whole-file problem has no row: its cell is empty, not
    "None"). An editor's problems name their column by id: `labels` gives the header the
    user sees in its place."""
    shown = labelled(problems, labels) if labels else problems
    return pd.DataFrame(
        [
            {
                "severity": p.severity,
                "sheet": p.sheet or "",
                "row": "" if p.row is None else str(p.row),  # never "None" in the grid
                "column": p.column or "",
                "value": p.value or "",
                "message": p.message,
            }
            for p in shown
        ],
        columns=list(COLUMNS),
    )


WRAPPED_ROWS = 60
"""Up to this many problems are drawn as a static table whose cells wrap, so a long
message is read whole; beyond it a scrolling grid (whose cells cut long text) keeps the
page short."""


def show_problems(problems: list[Problem], labels: dict[str, str] | None = None) -> None:
    """Draw :func:`problem_frame` under its Vietnamese headers (nothing for no problem),
    each row in its level's colour."""
    if not problems:
        return
    table = problem_frame(problems, labels)
    fills = [FILLS[level] for level in table["severity"]]
    shown = table.assign(severity=table["severity"].map(LEVELS)).rename(columns=COLUMNS)
    if len(shown) <= WRAPPED_ROWS:
        st.table(_coloured(shown.map(md), fills).hide(axis="index"))
        return
    st.dataframe(_coloured(shown, fills), hide_index=True)


def _coloured(table: pd.DataFrame, fills: list[str]):
    """`table` styled: row *i* filled with ``fills[i]``."""
    return table.style.apply(lambda row: [fills[table.index.get_loc(row.name)]] * len(row), axis=1)
