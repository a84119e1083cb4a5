"""One prepared file, opened: its problems (with the names it could remember), the grid to
fix a refused file's cells, the rows it will write (those warned about in yellow) and the
cells corrected here."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tracker.usecases import file_results, ingest, templates
from ui import aliases as aliases_ui
from ui.format import vn_date
from ui.plain import md
from ui.problems import FILLS, show_problems
from ui.upload.fixing import correction_grid

DATE_SOURCES = {"file": "ghi trong tệp", "form": "đã chọn", "upload_day": "ngày tải lên"}


def unit_of(result: file_results.FileResult) -> str:
    """The unit a file is from, as the preview names it."""
    if result.unit:
        return result.unit
    return "nhiều đơn vị" if result.accepted else "chưa xác định đơn vị"


def file_detail(
    preparation: ingest.Preparation, index: int, result: file_results.FileResult
) -> None:
    """Everything the preview knows of file `index` (whose `result` the preview holds)."""
    prepared = preparation.files[index]
    if result.problems:
        show_problems(result.problems)
        aliases_ui.offer_choices(preparation.catalog, result)
    if not result.accepted:
        correction_grid(preparation, index)
    if prepared.rows is not None and not result.duplicate:
        source = DATE_SOURCES[prepared.reported_on_source]
        st.caption(f"Ngày báo cáo {vn_date(result.reported_on)} ({source}).")
        _rows_table(prepared.rows.to_pandas(), result.warnings)
        _corrections_caption(prepared)


def _rows_table(rows: pd.DataFrame, warnings) -> None:
    """The rows a file will write, those with a warning in the warnings' yellow."""
    flagged = {(p.sheet, p.row) for p in warnings}
    shown = pd.DataFrame(
        {
            "Trang": rows["sheet"],
            "Dòng": rows["row_no"],
            "Nhiệm vụ": rows["task_code"],
            "Đơn vị": rows["unit_name"],
            "Kỳ": rows["period"],
            "Tình trạng": rows["progress"].map(templates.progress_label),
            "Ngày hoàn thành": rows["completed_on"].map(vn_date),
            "Kết quả": rows["result_text"],
        }
    ).fillna("")

    def style(row) -> list[str]:
        mark = (row["Trang"], row["Dòng"]) in flagged
        return [FILLS["Cảnh báo"] if mark else ""] * len(row)

    st.dataframe(shown.style.apply(style, axis=1), hide_index=True)


def _corrections_caption(prepared) -> None:
    """The cells a file is read with instead of its own, under its rows."""
    if prepared.corrections:
        st.caption(
            "Ô đã sửa tại đây: "
            + "; ".join(
                f"{md(c.sheet)}!{c.column}{c.row}: «{md(c.before or '')}» → «{md(c.after)}»"
                for c in prepared.corrections
            )
        )
