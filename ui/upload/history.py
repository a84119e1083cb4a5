"""The plan's past uploads: who sent what when, the cells corrected on upload, and one
upload withdrawn (kept, no longer counted) after a confirmation naming it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from domain.review import state_label
from tracker.usecases import ingest, report_corrections
from ui import data, session
from ui.confirm import flash, two_step
from ui.format import vn_date


def _when(moment) -> str:
    return "" if pd.isna(moment) else moment.strftime("%d/%m/%Y %H:%M")


def report_label(row) -> str:
    """How a past upload is named in the withdraw box and its messages."""
    return (
        f"báo cáo #{row.report_id} «{row.file_name}» của {row.unit or 'nhiều đơn vị'} "
        f"(ngày báo cáo {vn_date(row.reported_on)})"
    )


def past_uploads(plan: str) -> None:
    """The uploads of `plan`, newest first, then their corrections and the withdraw box."""
    st.subheader("Các lần tải lên")
    store = data.get_store()
    history = ingest.list_reports(store, plan)
    if history.empty:
        st.caption("Chưa có báo cáo nào của kế hoạch này.")
        return
    st.dataframe(
        pd.DataFrame(
            {
                "Mã": history["report_id"],
                "Tệp": history["file_name"],
                "Đơn vị": history["unit"].fillna("nhiều đơn vị"),  # never "None"
                "Người tải": history["uploaded_by"].fillna(""),
                "Lúc": history["uploaded_at"].map(_when),
                "Ngày báo cáo": history["reported_on"].map(vn_date),
                "Số dòng": history["row_count"],
                "Mã băm": history["sha256"].str[:12],
                "Duyệt": history["review_state"].map(state_label),
                "Đã rút": history["withdrawn_at"].map(_when),
            }
        ),
        hide_index=True,
    )
    _corrections(plan)
    active = history[history["withdrawn_at"].isna()]
    if not active.empty:
        _withdraw({int(r.report_id): r for r in active.itertuples()})


def _corrections(plan: str) -> None:
    fixed = report_corrections.corrections_of_plan(data.get_store(), plan)
    if fixed.empty:
        return
    st.caption("Ô đã sửa khi tải lên (tệp gốc giữ nguyên)")
    st.dataframe(
        pd.DataFrame(
            {
                "Mã": fixed["report_id"],
                "Tệp": fixed["file_name"],
                "Ô": fixed["sheet"] + "!" + fixed["col"] + fixed["row_no"].astype(str),
                "Trong tệp": fixed["before_value"].fillna(""),
                "Sửa thành": fixed["after_value"],
                "Người sửa": fixed["corrected_by"],
            }
        ),
        hide_index=True,
        key="upload.corrections",
    )


def _withdraw(by_id: dict) -> None:
    pick = st.selectbox(
        "Rút một lần tải lên (không xoá, chỉ thôi tính)",
        list(by_id),
        format_func=lambda rid: report_label(by_id[rid]),
        index=None,
        placeholder="Chọn lần tải lên cần rút",
        key="upload.withdraw_pick",
    )
    picked = by_id.get(pick)
    confirmed = two_step(
        "upload.withdraw",
        "Rút báo cáo",
        pick,
        f"Rút {report_label(picked)}?" if picked else "",
        [
            f"{picked.row_count} dòng của báo cáo sẽ thôi được tính vào tiến độ.",
            "Tệp gốc và lịch sử tải lên vẫn được giữ.",
        ]
        if picked
        else [],
        confirm_label="Xác nhận rút báo cáo",
        disabled=picked is None,
    )
    if not confirmed or pick is None or picked is None:  # the button is off without a pick
        return
    if ingest.withdraw_report(data.get_store(), session.user(), pick):
        flash(f"Đã rút {report_label(picked)}: {picked.row_count} dòng thôi được tính.")
    else:
        flash(f"{report_label(picked)} đã được rút trước đó; không thay đổi gì.", "info")
    data.changed()
    st.rerun()
