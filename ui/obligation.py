"""Drawing one opened heatmap cell (:func:`tracker.views.obligation.cell`): the obligation,
the report rows behind it and downloads of the original files."""

from __future__ import annotations

from functools import partial

import streamlit as st

from domain import status
from domain.access import Action
from tracker.views import obligation
from ui import data, downloads, viewport
from ui.format import vn_date
from ui.plain import md
from ui.table import show

URL_KEY = "cell"


def opened(key: str | None, source: str) -> tuple[int, int] | None:
    """The cell named in the URL (``cell=UNITID-TASKID``), moved to `key` when that is a
    new pick from `source` (a chart, a list): a selection that lingers over reruns does
    not undo a link or a close."""
    if key and key != st.session_state.get(f"{source}.clicked"):
        st.session_state[f"{source}.clicked"] = key
        st.query_params[URL_KEY] = key
    return obligation.parse_key(st.query_params.get(URL_KEY))


def chosen_cell(points: list[dict]) -> tuple[int, int] | None:
    """The cell in the URL, moved by a new click on the heatmap."""
    return opened(obligation.clicked(points), "heatmap")


def _close() -> None:
    if URL_KEY in st.query_params:
        del st.query_params[URL_KEY]


def _original(sha256: str) -> bytes:
    return data.call(obligation.original_file, sha256=sha256) or b""


def draw(as_of, plan: str | None, unit_id: int, task_id: int) -> None:
    """The opened cell under the chart, or a note when the link names no obligation."""
    found = data.call(obligation.cell, as_of=as_of, plan=plan, unit_id=unit_id,
                      task_id=task_id)  # fmt: skip
    viewport.bring_into_view(f"cell-{unit_id}-{task_id}")
    st.subheader("Chi tiết ô đã chọn")
    if not found.found:
        st.warning(
            f"Ô {obligation.cell_key(unit_id, task_id)} không có nghĩa vụ nào trong kế hoạch "
            "đang xem (đơn vị không được giao nhiệm vụ này, hoặc đường dẫn đã cũ). Hãy bấm "
            "vào một ô có màu trên bảng."
        )
        st.button("Đóng", on_click=_close, key="cell.close")
        return
    st.markdown(f"**{found.unit_name}** ({found.group_label}) · **{found.task_code}** · "
                f"{found.task}")  # fmt: skip
    due = vn_date(found.due_on) if found.due_on else "chưa xác định"
    st.markdown(
        f"Kế hoạch {found.plan} · Thời hạn: «{found.deadline_text}» · Hạn: **{due}** · "
        f"Tình trạng: **{status.label(found.status)}**"
    )
    if len(found.periods) > 1:
        st.caption("Các kỳ báo cáo đã bắt đầu (mới nhất trước)")
        show(found.periods, colour_status=True, key="cell.periods")
    st.caption(
        "Các dòng báo cáo về nhiệm vụ này của đơn vị, báo cáo mới nhất trước; dòng "
        "«Đã được thay thế» là dòng mà một báo cáo sau đã thay."
    )
    if found.rows.empty:
        st.info("Đơn vị chưa gửi báo cáo nào về nhiệm vụ này tính đến ngày đang xem.")
    else:
        show(found.rows, key="cell.rows")
        for report_id, (name, sha) in found.files.items():
            if data.call(obligation.original_file, sha256=sha) is None:
                st.caption(f"Không còn lưu bản gốc của tệp «{name}».")
                continue
            downloads.button(  # the signed, role-checked, audited route: never /media/
                f"Tải tệp gốc: {md(name)}",
                partial(_original, sha),
                file_name=name,
                mime="application/octet-stream",
                key=f"cell.file.{report_id}",
                needs=Action.BROWSE,
            )
    st.button("Đóng chi tiết", on_click=_close, key="cell.close")
