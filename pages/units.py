"""Đơn vị: the unit registry of a province — official name, short name, other spellings,
group, level, parent — edited in a table or imported from a workbook. UI only: checks and
writes are tracker.usecases.units and loaders.plans.sheet."""

import streamlit as st

from domain.access import Action
from domain.settings import MAX_UPLOAD_MB
from tracker.usecases import plans, units
from ui import aliases as aliases_ui
from ui import data, session
from ui.contacts import contact_section
from ui.frame import page_frame
from ui.plain import md
from ui.problems import show_problems

NEW_PROVINCE = "— Tỉnh mới —"
COLUMNS = {
    "name": "Tên đơn vị",
    "short_name": "Tên viết tắt",
    "aliases": "Tên gọi khác (;)",
    "group": "Nhóm",
    "level": "Cấp",
    "parent": "Đơn vị cấp trên",
}

filters = page_frame(
    "Đơn vị",
    "Danh mục đơn vị thực hiện: tên chính thức, tên viết tắt và các cách "
    "viết khác dùng để nhận ra đơn vị trong văn bản và báo cáo.",
    show_status=False,
    needs=(Action.BROWSE, Action.UNITS),
)
if "units.flash" in st.session_state:
    st.success(st.session_state.pop("units.flash"))
store = data.get_store()
provinces = units.provinces(store)
if st.session_state.get("units.province") not in (*provinces, NEW_PROVINCE):
    # open on the office's own province: the sidebar's plan's, else the newest plan's
    # (an alphabetical first pick opened another province's list)
    registered = data.plans()
    mine = registered[registered["code"] == filters.plan] if filters.plan else registered
    mine = mine.sort_values("issued_on", ascending=False, na_position="last")
    first = next((p for p in mine["province"] if p in provinces), None)
    if first is not None:
        st.session_state["units.province"] = first
left, right = st.columns(2)
province = left.selectbox("Tỉnh", [*provinces, NEW_PROVINCE], key="units.province")
if province == NEW_PROVINCE:
    province = right.text_input("Tên tỉnh", key="units.new_province").strip()
    if not province:
        st.info("Nhập tên tỉnh để bắt đầu danh mục.")
        st.stop()

groups = list(units.groups(store).values())
levels = list(units.LEVEL_LABELS.values())
frame = units.units_frame(store, province)
aliases_ui.remembered_names(province=province, kind="unit")
ids = frame["unit_id"].tolist()


def done(message: str) -> None:
    """After a write: forget cached reads, start a fresh editor, say what happened."""
    data.changed()
    st.session_state["units.version"] = st.session_state.get("units.version", 0) + 1
    st.session_state["units.flash"] = message
    st.rerun()


st.metric("Số đơn vị", len(frame))
edited = st.data_editor(
    frame,
    key=f"units.editor.{province}.{st.session_state.get('units.version', 0)}",
    num_rows="dynamic",
    hide_index=True,
    width="stretch",
    disabled=["unit_id"],
    column_config={
        "unit_id": None,
        "name": st.column_config.TextColumn(COLUMNS["name"], required=True, width="large"),
        "short_name": st.column_config.TextColumn(COLUMNS["short_name"]),
        "aliases": st.column_config.TextColumn(
            COLUMNS["aliases"], width="large", help="Các cách viết khác, cách nhau bằng “;”"
        ),
        "group": st.column_config.SelectboxColumn(COLUMNS["group"], options=groups, required=True),
        "level": st.column_config.SelectboxColumn(COLUMNS["level"], options=levels),
        "parent": st.column_config.SelectboxColumn(
            COLUMNS["parent"], options=["", *frame["name"].tolist()]
        ),
    },
)
if st.button("Lưu danh mục", type="primary", key="units.save"):
    kept = set(edited["unit_id"].dropna().astype(int))
    removed = tuple(i for i in ids if i not in kept)
    rows = units.rows_from_editor(edited.to_dict("records"))
    outcome = units.save_unit_rows(store, session.user(), province, rows, delete=removed)
    if not outcome.ok:
        st.error("Chưa lưu: hãy sửa các lỗi dưới đây. Không có gì được ghi.")
        show_problems(outcome.errors, COLUMNS)
    else:
        done(f"Đã lưu danh mục đơn vị {md(province)}.")

st.subheader("Nhập từ Excel")
st.caption(
    "Trang «Đơn vị» của mẫu đăng ký kế hoạch (hoặc trang nào có cột «Tên đơn vị»). "
    "Đơn vị đã có được cập nhật theo tên; tệp được nhận cả hoặc không nhận gì."
)
st.download_button(
    "Tải danh mục hiện có (mẫu Excel)",
    plans.template_for(store, province),
    file_name="danh_muc_don_vi.xlsx",
    key="units.download",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
upload = st.file_uploader("Tệp danh mục (.xlsx)", type=["xlsx"], key="units.file")
if upload is not None and st.button("Nhập danh mục", key="units.import"):
    if upload.size > MAX_UPLOAD_MB * 1024 * 1024:
        st.error(f"Tệp lớn hơn {MAX_UPLOAD_MB} MB.")
        st.stop()
    count, problems = units.import_unit_sheet(
        store, session.user(), province, upload.getvalue(), upload.name
    )
    if problems:
        st.error(f"{md(upload.name)}: không nhận tệp; không có gì được ghi.")
        show_problems(problems)
    else:
        done(f"Đã nhập {count} đơn vị vào danh mục {md(province)}.")

contact_section(province)
