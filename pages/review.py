"""Duyệt báo cáo: the uploads of unit accounts waiting for a cán bộ's confirmation, approve
or return each (with a reason), the returned ones, and the office setting that makes unit
uploads wait. UI only: the work is tracker.usecases.review."""

import streamlit as st

from domain.access import Action, allows
from tracker.usecases import review
from tracker.views import review as review_view
from ui import data
from ui.frame import page_frame
from ui.plain import md
from ui.session import user
from ui.table import show

filters = page_frame(
    "Duyệt báo cáo",
    "Báo cáo do tài khoản đơn vị nộp: chỉ được tính khi cán bộ đã duyệt (nếu bật duyệt).",
    show_status=False,
    needs=(Action.BROWSE, Action.REVIEW),
)
actor = user()
store = data.get_store()

on = review.required(store)
if allows(actor, Action.SETTINGS):
    wanted = st.toggle(
        "Báo cáo của tài khoản đơn vị phải được cán bộ duyệt trước khi được tính",
        value=on,
        key="review.required",
    )
    if wanted != on:
        review.set_required(store, actor, wanted)
        data.changed()
        st.rerun()
else:
    st.caption("Duyệt trước khi tính: " + ("đang bật." if on else "đang tắt."))

for line in st.session_state.pop("review.done", []):
    st.success(line)


def listed(heading: str, frame, empty: str, key: str) -> bool:
    """A heading with the count, then the list (or `empty`); True when there are rows."""
    st.subheader(f"{heading} ({len(frame)})")
    if frame.empty:
        st.caption(empty)
    else:
        show(frame, key=key)
    return not frame.empty


waiting = review_view.waiting(store, actor, filters.plan)
if listed("Chờ duyệt", waiting, "Không có báo cáo nào chờ duyệt.", "review.waiting"):
    labels = {
        int(r.report_id): f"#{r.report_id} {r.file_name} ({r.unit_name}, {r.plan})"
        for r in waiting.itertuples()
    }
    pick = st.selectbox("Báo cáo", list(labels), format_func=labels.get, key="review.pick")
    reason = st.text_input("Lý do trả lại (bắt buộc khi trả lại)", key="review.reason")
    approve, give_back = st.columns(2)
    outcome, verb = None, ""
    if approve.button("Duyệt: tính báo cáo này", type="primary", key="review.approve"):
        outcome, verb = review.approve(store, actor, pick), "Đã duyệt"
    if give_back.button("Trả lại cho đơn vị", key="review.return"):
        outcome, verb = review.return_report(store, actor, pick, reason), "Đã trả lại"
    if outcome is not None:
        if outcome.ok:
            data.changed()
            st.session_state["review.done"] = [f"{verb} {md(labels[pick])}."]
            st.rerun()
        for problem in outcome.errors:
            st.error(md(problem.message))

listed(
    "Đã trả lại",
    review_view.returned(store, actor, filters.plan),
    "Chưa trả lại báo cáo nào.",
    "review.returned",
)
