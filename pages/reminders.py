"""Đôn đốc: overdue and not-reported obligations by unit, and the .xlsx to send out.

UI only: tracker.views.tables.reminder_units gives one row per unit (counted in SQL, units
with most overdue obligations first), tracker.views.tables.reminders the list: here one
unit's rows, or the first rows of all read for the leading units only. The whole list
(hundreds of thousands of rows on a large database: 1.6 s and 1 GB when the page read and
grouped it on every run) is read and written to .xlsx only when the download button is
pressed.
"""

import streamlit as st

from domain import status
from domain.access import Action
from tracker.exports.workbook import reminder_workbook
from tracker.views import summary, tables
from ui import data, downloads
from ui.format import vn_date, vn_int
from ui.frame import page_frame
from ui.table import show

ALL_UNITS = 0  # selectbox value meaning every unit
ROW_CAP = 1000  # rows drawn; the download has them all
OVERDUE, NOT_REPORTED = tables.REMINDER_STATUSES
WHOLE = st.column_config.NumberColumn(format="%d")


filters = page_frame(
    "Đôn đốc",
    "Nghĩa vụ quá hạn chưa hoàn thành và nghĩa vụ chưa báo cáo, theo đơn vị: danh sách để "
    "gửi văn bản đôn đốc.",
    show_status=False,
)
chosen = dict(as_of=filters.as_of, plan=filters.plan, groups=filters.groups)
by_unit = data.call(tables.reminder_units, **chosen)
if by_unit.empty:
    st.success(
        f"Không có nghĩa vụ nào quá hạn hoặc chưa báo cáo tính đến {vn_date(filters.as_of)} "
        "với bộ lọc này: chưa cần đôn đốc."
    )
    st.stop()
if data.call(summary.latest_report_date, plan=filters.plan) is None:
    st.info(
        "Chưa có báo cáo nào — tải báo cáo lên ở trang «Tải báo cáo lên». Danh sách dưới đây "
        "là mọi nghĩa vụ của các đơn vị."
    )

listed = by_unit.set_index("unit_id")[[OVERDUE, NOT_REPORTED]].sum(axis=1)  # rows per unit
cards = st.columns(3)
cards[0].metric("Đơn vị cần đôn đốc", vn_int(len(by_unit)))
cards[1].metric(status.label(OVERDUE), vn_int(by_unit[OVERDUE].sum()))
cards[2].metric(
    status.label(NOT_REPORTED),
    vn_int(by_unit[NOT_REPORTED].sum()),
    help="Chưa nhận báo cáo, chưa đến hạn",
)

stamp = f"{filters.as_of:%d%m%Y}"
plan_part = (filters.plan or "tat-ca").replace("/", "-")
store = data.get_store()  # the download runs outside the script run: bind the store now
downloads.button(
    "Tải danh sách đôn đốc (.xlsx)",
    lambda: reminder_workbook(tables.reminders(store, **chosen), filters.as_of, filters.plan),
    file_name=f"don-doc_{plan_part}_{stamp}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
    key="reminders.download",
    needs=Action.EXPORT,
    help="Mọi dòng của danh sách, kèm ngày tính, kế hoạch và bộ lọc đang chọn.",
)

st.subheader("Theo đơn vị")
show(by_unit, most_days_late=WHOLE)

st.subheader("Danh sách nghĩa vụ")
names = dict(zip(by_unit["unit_id"], by_unit["unit_name"], strict=True))
unit_id = st.selectbox(
    "Đơn vị",
    [ALL_UNITS, *names],
    format_func=lambda uid: "Tất cả đơn vị" if uid == ALL_UNITS else names[uid],
    key="reminders.unit",
)
if unit_id == ALL_UNITS:
    units, total = tables.first_units(listed, ROW_CAP), int(listed.sum())
else:
    units, total = [int(unit_id)], int(listed.get(unit_id, 0))
shown = data.call(tables.reminders, **chosen, units=units, limit=ROW_CAP)
if total > ROW_CAP:
    st.caption(
        f"Đang hiện {vn_int(ROW_CAP)} trên {vn_int(total)} dòng; chọn một đơn vị, hoặc "
        "tải tệp .xlsx để có đủ danh sách."
    )
show(shown, days_late=WHOLE)
