"""Duyệt báo cáo: the uploads of unit accounts waiting for a cán bộ's confirmation, approve
or return each (with a reason), the returned ones, and the office setting that makes unit
uploads wait. UI only: the work is tracker.usecases.review."""

import streamlit as st

from domain.access import Action, allows
from tracker.usecases import review
from tracker.views import review as review_view
from ui import data, downloads
from ui.confirm import flash
from ui.format import vn_date, vn_datetime
from ui.frame import page_frame
from ui.plain import md
from ui.problems import show_problems
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


def listed(heading: str, frame, empty: str, key: str) -> bool:
    """A heading with the count, then the list (or `empty`); True when there are rows."""
    st.subheader(f"{heading} ({len(frame)})")
    if frame.empty:
        st.caption(empty)
    else:
        show(frame, key=key)
    return not frame.empty


waiting = review_view.waiting(store, actor, filters.plan)
st.subheader(f"Chờ duyệt ({len(waiting)})")
if waiting.empty:
    st.caption("Không có báo cáo nào chờ duyệt.")
else:
    st.caption(
        "Mở từng báo cáo: các dòng sẽ được tính khi duyệt, các cảnh báo khi đọc tệp, và tệp "
        "gốc đơn vị đã gửi. Duyệt hoặc trả lại từng báo cáo."
    )


def decide(report_id: int, name: str, approving: bool) -> None:
    """Approve or return one report; its outcome is kept for the top of the next run."""
    reason = st.session_state.get(f"review.reason.{report_id}", "")
    if approving:
        outcome, verb = review.approve(store, actor, report_id), "Đã duyệt"
    else:
        outcome, verb = review.return_report(store, actor, report_id, reason), "Đã trả lại"
    if outcome.ok:
        data.changed()
        flash(f"{verb} {name}.")
        st.rerun()
    show_problems(outcome.errors)


for n, r in enumerate(waiting.itertuples()):
    report_id = int(r.report_id)
    name = f"báo cáo #{report_id} «{md(r.file_name)}» của {md(r.unit_name)} ({md(r.plan)})"
    title = (
        f"#{report_id} {md(r.file_name)} — {md(r.unit_name)} · {md(r.plan)} · {r.row_count} dòng · "
        f"ngày báo cáo {vn_date(r.reported_on)} · nộp lúc {vn_datetime(r.uploaded_at)}"
    )
    with st.expander(title, expanded=n == 0):
        found = review.reading(store, actor, report_id, r.reported_on.date())
        st.markdown("**Các dòng sẽ được tính khi duyệt**")
        show(review_view.report_rows(found), key=f"review.rows.{report_id}")
        if found.problems:
            st.markdown(f"**Cảnh báo khi đọc tệp ({len(found.problems)})**")
            show_problems(found.problems)
        else:
            st.caption("Đọc tệp không có cảnh báo nào.")
        if found.original is not None:
            original = found.original
            downloads.button(  # the signed, role-checked, audited route: never /media/
                f"Tải tệp gốc: {md(r.file_name)}",
                lambda original=original: original,
                file_name=str(r.file_name),
                mime="application/octet-stream",
                key=f"review.file.{report_id}",
                needs=Action.REVIEW,
            )
        else:
            st.caption("Không còn lưu bản gốc của tệp này.")
        st.text_input("Lý do trả lại (bắt buộc khi trả lại)", key=f"review.reason.{report_id}")
        approve, give_back = st.columns(2)
        if approve.button(
            "Duyệt: tính báo cáo này", type="primary", key=f"review.approve.{report_id}"
        ):
            decide(report_id, name, True)
        if give_back.button("Trả lại cho đơn vị", key=f"review.return.{report_id}"):
            decide(report_id, name, False)

listed(
    "Đã trả lại",
    review_view.returned(store, actor, filters.plan),
    "Chưa trả lại báo cáo nào.",
    "review.returned",
)
