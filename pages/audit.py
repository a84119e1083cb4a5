"""Nhật ký: the audit trail for the quản trị: every write, who, when, from where, what and
the values before and after; filtered by who, what, object and days, exported as .xlsx.
UI only: reading is tracker.usecases.audit_trail (Action.AUDIT), the file tracker.exports."""

import streamlit as st

from domain.access import Action
from domain.audit import AuditQuery, action_label, kind_label
from tracker.exports.audit import audit_file_name, audit_workbook
from tracker.usecases import audit_trail
from tracker.views import audit
from ui import data, downloads
from ui.format import DATE_FORMAT
from ui.frame import plain_frame
from ui.session import user
from ui.table import show

plain_frame(
    "Nhật ký",
    "Mọi thao tác ghi dữ liệu, theo thứ tự mới nhất trước; nhật ký chỉ được ghi thêm, "
    "không sửa, không xoá.",
    needs=(Action.AUDIT,),
)
actor = user()
store = data.get_store()
options = audit_trail.choices(store, actor)

who, what, kind = st.columns(3)
logins = who.multiselect(
    "Tài khoản", options["login"], key="audit.logins", placeholder="Tất cả", select_all=False
)
actions = what.multiselect(
    "Thao tác",
    options["action"],
    format_func=action_label,
    key="audit.actions",
    placeholder="Tất cả",
    select_all=False,
)
kinds = kind.multiselect(
    "Đối tượng",
    options["kind"],
    format_func=kind_label,
    key="audit.kinds",
    placeholder="Tất cả",
    select_all=False,
)
key_box, since, until = st.columns(3)
key = key_box.text_input("Mã đối tượng có chứa", key="audit.key")
from_day = since.date_input("Từ ngày", value=None, format=DATE_FORMAT, key="audit.from")
to_day = until.date_input("Đến ngày", value=None, format=DATE_FORMAT, key="audit.to")
query = AuditQuery(tuple(logins), tuple(actions), tuple(kinds), key, from_day, to_day)

if from_day and to_day and from_day > to_day:
    st.warning("«Từ ngày» sau «Đến ngày»: không có dòng nào. Hãy đổi lại hai ngày.")
frame = audit.trail(store, actor, query, limit=audit_trail.SHOWN + 1)
more = len(frame) > audit_trail.SHOWN
st.caption(
    f"{'Hơn ' if more else ''}{min(len(frame), audit_trail.SHOWN)} dòng"
    + (f" (chỉ hiện {audit_trail.SHOWN} dòng mới nhất; tệp xuất có đủ)." if more else ".")
    + f" Bộ lọc: {query.describe()}."
)
shown = frame.head(audit_trail.SHOWN)
show(shown, key="audit.table")
if not shown.empty:
    rows = {
        int(r.audit_id): f"{r.happened_at} · {r.login} · {r.action_label} · {r.object_key}"
        for r in shown.itertuples()
    }
    picked = st.selectbox(
        "Xem trước và sau của một dòng",
        list(rows),
        index=None,
        format_func=rows.get,
        placeholder="Chọn một dòng nhật ký",
        key="audit.pick",
    )
    if picked is not None:
        st.table(
            audit.change_table(store, actor, picked, query, audit_trail.SHOWN + 1).set_index("Mục")
        )
downloads.button(
    "Xuất nhật ký (.xlsx)",
    lambda: audit_workbook(audit.trail(store, actor, query), query),
    file_name=audit_file_name(),
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="audit.export",
    needs=Action.AUDIT,
)
