"""Tải báo cáo lên: pick the plan (and unit), download the template, drop report files, see
what would be written with every problem highlighted, confirm, and manage past uploads.
UI only: reading and checking are loaders/, writing is tracker.usecases.ingest."""

import hashlib

import pandas as pd
import streamlit as st

from tracker.domain.access import Action
from tracker.domain.review import state_label
from tracker.domain.settings import MAX_UPLOAD_MB
from tracker.usecases import ingest, templates
from tracker.views import choices
from ui import aliases as aliases_ui
from ui import data, session
from ui.format import DATE_FORMAT, vn_date
from ui.frame import page_frame
from ui.problems import show_problems

TYPES = ["xlsx", "xlsm", "xls", "ods", "csv"]
NO_UNIT = "— Theo đơn vị ghi trong tệp —"
DATE_SOURCES = {"file": "ghi trong tệp", "form": "đã chọn", "upload_day": "ngày tải lên"}


def highlight(flagged: set) -> callable:
    """Row style: rows with a warning in yellow."""

    def style(row) -> list[str]:
        mark = (row["Trang"], row["Dòng"]) in flagged
        return ["background-color: #fff8e1" if mark else ""] * len(row)

    return style


filters = page_frame(
    "Tải báo cáo lên",
    "Nạp báo cáo của các đơn vị (Excel, ODS, CSV): kiểm tra từng ô, xem trước, rồi mới ghi.",
    show_status=False,
    needs=(Action.BROWSE, Action.UPLOAD),
)
store = data.get_store()
plans = data.plans()
codes = [c for c, archived in zip(plans["code"], plans["archived"], strict=True) if not archived]
if not codes:
    st.info("Chưa có kế hoạch nào. Hãy đăng ký kế hoạch ở trang «Kế hoạch».")
    st.stop()

left, middle, right = st.columns([2, 2, 1])
# The box follows the sidebar's plan; with every plan in the sidebar nothing is preselected
# (a preselected first plan is how reports landed in the other province's plan).
if filters.plan in codes and st.session_state.get("upload.sidebar") != filters.plan:
    st.session_state["upload.plan"] = filters.plan
st.session_state["upload.sidebar"] = filters.plan
plan = left.selectbox(
    "Kế hoạch",
    codes,
    key="upload.plan",
    index=None,
    placeholder="Chọn kế hoạch mà các tệp báo cáo thực hiện",
)
if plan is None:
    st.info(
        "Chọn kế hoạch trước khi tải tệp lên. Tệp ghi số hiệu một kế hoạch khác sẽ bị từ "
        "chối, kèm tên kế hoạch của nó."
    )
    st.stop()
province = plans.set_index("code").loc[plan, "province"]
unit_rows = data.call(choices.units, province=province)
units = dict(sorted(zip(unit_rows["name"], unit_rows["unit_id"].astype(int), strict=True)))
unit = middle.selectbox("Đơn vị báo cáo (khi tệp không ghi)", [NO_UNIT, *units], key="upload.unit")
reported_on = right.date_input(
    "Ngày báo cáo (thay ngày ghi trong tệp)", value=None, format=DATE_FORMAT, key="upload.date"
)
chosen_unit = None if unit == NO_UNIT else unit

with st.expander("Mẫu báo cáo và cách ghi tình trạng"):
    st.download_button(
        "Tải mẫu báo cáo (.xlsx)" + (f" cho {chosen_unit}" if chosen_unit else " chung"),
        # A callable: the workbook is built only when clicked (all units × tasks can be
        # hundreds of thousands of rows on a large plan).
        lambda: templates.report_template(
            store, plan, units.get(chosen_unit) if chosen_unit else None
        ),
        file_name=templates.template_file_name(plan, chosen_unit),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="upload.template",
        on_click="ignore",
    )
    st.dataframe(
        pd.DataFrame(templates.status_words(), columns=["Cách ghi", "Được hiểu là", "So khớp"]),
        hide_index=True,
    )

uploaded = st.file_uploader(
    "Chọn hoặc kéo thả một hay nhiều tệp báo cáo",
    type=TYPES,
    accept_multiple_files=True,
    max_upload_size=MAX_UPLOAD_MB,
    key="upload.files",
)

if uploaded:
    files = [(f.name, f.getvalue()) for f in uploaded]
    signature = (
        plan,
        chosen_unit,
        reported_on,
        tuple((n, hashlib.sha256(b).hexdigest()) for n, b in files),
    )
    if st.session_state.get("upload.signature") != signature:
        bar = st.progress(0.0, text="Đang đọc tệp…")

        def progress(done: int, total: int, name: str) -> None:
            bar.progress(
                done / max(total, 1),
                text=f"Đang đọc {name} ({done + 1}/{total})"
                if name
                else "Đang đối chiếu với kế hoạch…",
            )

        st.session_state["upload.preparation"] = ingest.prepare_files(
            store, plan, files, chosen_unit, reported_on, on_progress=progress
        )
        st.session_state["upload.signature"] = signature
        bar.empty()
    preparation = st.session_state["upload.preparation"]
    results = preparation.results()
    good = [r for r in results if r.accepted and not r.duplicate]
    st.subheader("Xem trước")
    st.write(
        f"{len(good)} tệp hợp lệ, {sum(r.duplicate for r in results)} tệp đã nạp trước "
        f"đây, {sum(not r.accepted for r in results)} tệp bị từ chối."
    )
    for result, prepared in zip(results, preparation.files, strict=True):
        icon = "🔁" if result.duplicate else ("✅" if result.accepted else "⛔")
        with st.expander(f"{icon} {result.file} — {result.summary}", expanded=not result.accepted):
            if result.problems:
                show_problems(result.problems)
                aliases_ui.offer_choices(preparation.catalog, result)
            if prepared.rows is not None and not result.duplicate:
                unit_label = result.unit or "nhiều đơn vị"
                source = DATE_SOURCES[prepared.reported_on_source]
                st.caption(
                    f"Đơn vị: {unit_label}; ngày báo cáo {vn_date(result.reported_on)} ({source})."
                )
                rows = prepared.rows.to_pandas()
                flagged = {(p.sheet, p.row) for p in result.warnings}
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
                )
                st.dataframe(shown.style.apply(highlight(flagged), axis=1), hide_index=True)
    if good and st.button(
        f"Ghi {len(good)} tệp hợp lệ vào cơ sở dữ liệu", type="primary", key="upload.confirm"
    ):
        written = ingest.commit_prepared(store, session.user(), preparation)
        data.changed()
        st.session_state.pop("upload.signature", None)
        st.session_state["upload.done"] = [f"{r.file}: {r.summary}" for r in written]
        st.rerun()

for line in st.session_state.pop("upload.done", []):
    st.success(line)

st.subheader("Các lần tải lên")
history = ingest.list_reports(store, plan)
if history.empty:
    st.caption("Chưa có báo cáo nào của kế hoạch này.")
else:
    st.dataframe(
        pd.DataFrame(
            {
                "Mã": history["report_id"],
                "Tệp": history["file_name"],
                "Đơn vị": history["unit"],
                "Người tải": history["uploaded_by"],
                "Lúc": history["uploaded_at"].dt.strftime("%d/%m/%Y %H:%M"),
                "Ngày báo cáo": history["reported_on"].map(vn_date),
                "Số dòng": history["row_count"],
                "Mã băm": history["sha256"].str[:12],
                "Duyệt": history["review_state"].map(state_label),
                "Đã rút": history["withdrawn_at"].map(
                    lambda t: "" if pd.isna(t) else t.strftime("%d/%m/%Y %H:%M")
                ),
            }
        ),
        hide_index=True,
    )
    active = history[history["withdrawn_at"].isna()]
    if not active.empty:
        labels = {
            int(r.report_id): f"#{r.report_id} {r.file_name} ({r.unit})"
            for r in active.itertuples()
        }
        pick = st.selectbox(
            "Rút một lần tải lên (không xoá, chỉ thôi tính)",
            list(labels),
            format_func=labels.get,
            key="upload.withdraw_pick",
        )
        if st.button("Rút báo cáo", key="upload.withdraw"):
            ingest.withdraw_report(store, session.user(), pick)
            data.changed()
            st.rerun()
