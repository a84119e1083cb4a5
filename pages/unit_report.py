"""Báo cáo của đơn vị: a unit account's own obligations and their status, its pre-filled
template, the upload of its own report and its upload history. UI only: every read and
write is :mod:`tracker.usecases.unit_reports` (own units only) and its views."""

import hashlib

import streamlit as st

from domain import status
from domain.access import Action, allows
from tracker.usecases import review, unit_reports
from tracker.views import summary, unit_report
from ui import data, downloads
from ui.confirm import flash
from ui.format import DATE_FORMAT, vn_date
from ui.frame import plain_frame
from ui.menu import ROOT
from ui.problems import show_problems
from ui.report_rows import rows_preview
from ui.session import user
from ui.table import show

TYPES = ["xlsx", "xlsm", "xls", "ods", "csv"]

plain_frame(
    "Báo cáo của đơn vị",
    "Nhiệm vụ của đơn vị và tình trạng, mẫu báo cáo đã điền sẵn, nộp báo cáo, các lần đã nộp.",
)
actor = user()
if not allows(actor, Action.OWN_UNIT):
    st.info(
        "Trang này dành cho tài khoản đơn vị. Cán bộ và lãnh đạo xem mọi đơn vị ở các trang "
        "Theo dõi, và nạp báo cáo ở trang «Tải báo cáo lên»."
    )
    st.page_link(str(ROOT / "pages/overview.py"), label="Mở trang Tổng quan")
    st.stop()

store = data.get_store()
units = unit_reports.own_units(store, actor)
if units.empty:
    st.warning("Tài khoản chưa được gắn với đơn vị nào. Hãy nhờ quản trị gắn đơn vị.")
    st.stop()
names = dict(zip(units["unit_id"].astype(int), units["name"], strict=True))
left, middle, right = st.columns([2, 3, 1])
unit_id = left.selectbox("Đơn vị", list(names), format_func=names.get, key="own.unit")
plans = unit_reports.own_plans(store, actor)
if plans.empty:
    st.info("Chưa có kế hoạch nào giao nhiệm vụ cho đơn vị.")
    st.stop()
titles = dict(zip(plans["code"], plans["title"], strict=True))
plan = middle.selectbox(
    "Kế hoạch", list(titles), format_func=lambda c: f"{c} — {titles[c][:60]}", key="own.plan"
)
# the same default as every other page: the newest report's date (a date, no unit named)
as_of = right.date_input(
    "Tính đến ngày", value=summary.default_as_of(store, plan), format=DATE_FORMAT, key="own.asof"
)


def received(written, waits: bool) -> list[str]:
    """One sentence per submitted file: what was received, whether it waits, what next."""
    lines = []
    for r in written:
        if r.duplicate:
            lines.append(
                f"«{r.file}»: tệp này đã nộp trước đây (báo cáo #{r.report_id}); không ghi lại."
            )
        elif r.accepted:
            then = (
                "Báo cáo đang chờ cán bộ duyệt: khi được duyệt, số liệu được tính vào tiến độ; "
                "nếu bị trả lại, lý do hiện ở thẻ «Các lần đã nộp»."
                if waits
                else "Số liệu đã được tính vào tiến độ của đơn vị."
            )
            lines.append(f"Đã nhận «{r.file}» ({r.rows} dòng, báo cáo #{r.report_id}). {then}")
    return lines


work, send, past = st.tabs(["Nhiệm vụ và tình trạng", "Nộp báo cáo", "Các lần đã nộp"])

with work:
    frame = unit_report.obligations(store, actor, as_of, plan)
    mine = frame[frame["unit_id"] == unit_id]
    counts = unit_report.status_summary(mine)
    cards = st.columns(len(counts))
    for column, (code, n) in zip(cards, counts.items(), strict=True):
        column.metric(status.label(code), n)
    st.caption(f"Tính đến ngày {vn_date(as_of)}: {len(mine)} nghĩa vụ của {names[unit_id]}.")
    show(mine, colour_status=True, key="own.obligations")

with send:
    downloads.button(
        "Tải mẫu báo cáo của đơn vị (.xlsx)",
        lambda: unit_reports.own_template(store, actor, plan, unit_id),
        file_name=unit_reports.template_name(store, actor, plan, unit_id),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="own.template",
        needs=Action.OWN_UNIT,
    )
    st.caption(
        "Mẫu đã điền sẵn báo cáo gần nhất đã được ghi nhận của đơn vị: chỉ sửa những gì đã "
        "thay đổi và ghi Ngày báo cáo mới."
    )
    if review.required(store):
        st.info("Báo cáo nộp lên sẽ chờ cán bộ duyệt, rồi mới được tính vào tiến độ.")
    uploaded = st.file_uploader(
        "Chọn tệp báo cáo của đơn vị", type=TYPES, accept_multiple_files=True, key="own.files"
    )
    if uploaded:
        files = [(f.name, f.getvalue()) for f in uploaded]
        signature = (plan, unit_id, tuple(hashlib.sha256(b).hexdigest() for _, b in files))
        if st.session_state.get("own.signature") != signature:
            st.session_state["own.preparation"] = unit_reports.prepare_own(
                store, actor, plan, unit_id, files
            )
            st.session_state["own.signature"] = signature
        preparation = st.session_state["own.preparation"]
        results = preparation.results()
        for prepared, result in zip(preparation.files, results, strict=True):
            icon = "🔁" if result.duplicate else ("✅" if result.accepted else "⛔")
            with st.expander(f"{icon} {result.file} — {result.summary}", expanded=True):
                if result.problems:
                    show_problems(result.problems)
                if prepared.rows is not None and not result.duplicate:
                    st.caption("Các dòng sẽ được nộp (kiểm tra trước khi bấm «Nộp»):")
                    rows_preview(prepared.rows.to_pandas(), key=f"own.rows.{result.file}")
        good = [r for r in results if r.accepted and not r.duplicate]
        if good and st.button(f"Nộp {len(good)} tệp", type="primary", key="own.confirm"):
            written = unit_reports.commit_own(store, actor, unit_id, preparation)
            data.changed()
            st.session_state.pop("own.signature", None)
            lines = received(written, review.required(store))
            if len(lines) == 1:
                flash(lines[0])
            elif lines:
                flash(f"Đã nhận {len(lines)} tệp.", details=lines)
            st.rerun()

with past:
    history = unit_report.history(store, actor)
    if history.empty:
        st.caption("Đơn vị chưa nộp báo cáo nào.")
    else:
        show(history, key="own.history")
