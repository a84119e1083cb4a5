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
    "Lỗi": "background-color: #fdecea",
    "Cảnh báo": "background-color: #fff8e1",
    "Lưu ý": "background-color: #e8f0fe",
}


def problem_frame(problems: list[Problem], labels: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per problem: level, sheet, row, column, value, what to do (a whole-file
    problem has no row: its cell is empty, not "None"). An editor's problems name their
    column by id: `labels` gives the header the user sees in its place."""
    shown = labelled(problems, labels) if labels else problems
    return pd.DataFrame(
        [
            {
                "Mức": LEVELS[p.severity],
                "Trang": p.sheet or "",
                "Dòng": "" if p.row is None else str(p.row),  # never "None" in the grid
                "Cột": p.column or "",
                "Giá trị": p.value or "",
                "Cần làm": p.message,
            }
            for p in shown
        ],
        columns=["Mức", "Trang", "Dòng", "Cột", "Giá trị", "Cần làm"],
    )


WRAPPED_ROWS = 60
"""Up to this many problems are drawn as a static table whose cells wrap, so a long
message is read whole; beyond it a scrolling grid (whose cells cut long text) keeps the
page short."""


def show_problems(problems: list[Problem], labels: dict[str, str] | None = None) -> None:
    """Draw :func:`problem_frame` (nothing for no problem), each row in its level's colour."""
    if not problems:
        return
    table = problem_frame(problems, labels)
    if len(table) <= WRAPPED_ROWS:
        st.table(_coloured(table.map(md)).hide(axis="index"))
        return
    st.dataframe(_coloured(table), hide_index=True)


def _coloured(table: pd.DataFrame):
    """`table` styled: every row filled in its level's colour (the levels hold no markup)."""
    return table.style.apply(lambda row: [FILLS[row["Mức"]]] * len(row), axis=1)
