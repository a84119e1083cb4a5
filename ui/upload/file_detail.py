"""One prepared file, opened: its problems (with the names it could remember), the grid to
fix a refused file's cells, the rows it will write (ui.report_rows: those warned about in
yellow) and the cells corrected here."""

from __future__ import annotations

import streamlit as st

from tracker.usecases import file_results, ingest
from ui import aliases as aliases_ui
from ui.format import vn_date
from ui.plain import md
from ui.problems import show_problems
from ui.report_rows import rows_preview
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
        rows_preview(
            prepared.rows.to_pandas(),
            key=f"upload.rows.{index}",
            flagged={(p.sheet, p.row) for p in result.warnings},
            with_unit=True,
        )
        _corrections_caption(prepared)


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
