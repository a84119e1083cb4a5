"""A file's located problems as a table: errors in red, warnings in yellow."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from domain.problems import Problem

FILLS = {"Lỗi": "background-color: #fdecea", "Cảnh báo": "background-color: #fff8e1"}


def problem_frame(problems: list[Problem]) -> pd.DataFrame:
    """One row per problem: level, sheet, row, column, value, what to do (a whole-file
    problem has no row: its cell is empty, not "None")."""
    return pd.DataFrame(
        [
            {
                "Mức": "Lỗi" if p.is_error else "Cảnh báo",
                "Trang": p.sheet or "",
                "Dòng": "" if p.row is None else str(p.row),  # never "None" in the grid
                "Cột": p.column or "",
                "Giá trị": p.value or "",
                "Cần làm": p.message,
            }
            for p in problems
        ]
    )


WRAPPED_ROWS = 60
"""Up to this many problems are drawn as a static table whose cells wrap, so a long
message is read whole; beyond it a scrolling grid (whose cells cut long text) keeps the
page short."""


def show_problems(problems: list[Problem]) -> None:
    """Draw :func:`problem_frame`, each row in its level's colour."""
    table = problem_frame(problems)
    if len(table) <= WRAPPED_ROWS:
        st.table(
            table.style.apply(lambda row: [FILLS[row["Mức"]]] * len(row), axis=1).hide(axis="index")
        )
        return
    st.dataframe(
        table.style.apply(lambda row: [FILLS[row["Mức"]]] * len(row), axis=1),
        hide_index=True,
    )
