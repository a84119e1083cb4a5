"""A refused file's cells that carry a located error, editable in place (one row per cell:
narrow enough for a phone); «Kiểm tra lại» reads the file again with them. The original
bytes stay as they came; every cell changed is recorded beside them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from domain.access import Forbidden
from tracker.usecases import ingest, report_corrections
from ui import data, session
from ui.confirm import flash


def correction_grid(preparation: ingest.Preparation, index: int) -> None:
    """The grid for file `index` (nothing when no error names a cell)."""
    cells = report_corrections.problem_cells(preparation, index)
    if not cells:
        return
    prepared = preparation.files[index]
    st.markdown("**Sửa ngay tại đây** (tệp gốc giữ nguyên; mỗi ô sửa được ghi lại)")
    frame = pd.DataFrame(
        {
            "cell": [f"{c['sheet']}!{c['column']}{c['row']}" for c in cells],
            "fixed": [c["value"] for c in cells],
            "message": [c["message"] for c in cells],
        }
    )
    round_no = st.session_state.get("upload.fix_round", 0)
    edited = st.data_editor(
        frame,
        key=f"upload.fix.{prepared.sha256[:16]}.{round_no}",
        hide_index=True,
        num_rows="fixed",
        disabled=["cell", "message"],
        column_config={
            "cell": st.column_config.TextColumn("Ô", width="small"),
            "fixed": st.column_config.TextColumn("Sửa thành", width="medium"),
            "message": st.column_config.TextColumn("Lỗi", width="large"),
        },
    )
    if not st.button("Kiểm tra lại với các ô đã sửa", key=f"upload.recheck.{prepared.sha256[:16]}"):
        return
    fixes = [
        report_corrections.Correction(c["sheet"], c["row"], c["column"], str(value or ""))
        for c, value in zip(cells, edited["fixed"], strict=True)
        if str(value or "") != c["value"]
    ]
    try:
        st.session_state["upload.preparation"] = report_corrections.correct_file(
            data.get_store(), session.user(), preparation, index, fixes
        )
    except Forbidden:
        flash("Tài khoản này chỉ được sửa báo cáo của đơn vị mình; không sửa gì.", "error")
    st.session_state["upload.fix_round"] = round_no + 1
    st.rerun()
