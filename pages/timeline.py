"""Tiến độ theo thời hạn: tasks on a time axis by plan section, and the units behind one."""

import streamlit as st

from domain import status
from tracker.charts.timeline import timeline_page
from tracker.views import timeline
from tracker.views.obligation import cell_key
from ui import data, viewport
from ui.format import vn_date
from ui.frame import chart_config, page_frame
from ui.obligation import draw as draw_cell
from ui.obligation import opened
from ui.table import show

filters = page_frame(
    "Tiến độ theo thời hạn",
    "Mỗi nhiệm vụ trên trục thời gian theo thời hạn của kế hoạch, nhóm theo mục của kế hoạch; "
    "thanh chia màu theo tỷ lệ nghĩa vụ ở từng tình trạng. Chạm hoặc bấm vào một thanh để "
    "xem từng đơn vị.",
)
rows = data.call(timeline.load, scope=filters.scope)
if rows.empty:
    st.info(
        "Chưa có nghĩa vụ nào cho bộ lọc này — hãy chọn kế hoạch khác hoặc bỏ bớt nhóm đơn vị, "
        "tình trạng ở thanh bên; nếu chưa có kế hoạch nào, đăng ký ở trang «Kế hoạch»."
    )
    st.stop()
if rows["reported"].sum() == 0:
    st.info(
        "Chưa có báo cáo nào — tải báo cáo lên ở trang «Tải báo cáo lên». "
        "Biểu đồ dưới đây mới chỉ có thời hạn của các nhiệm vụ."
    )

task_count = rows["task_id"].nunique()
pages = timeline.page_count(task_count)
page = 0
if st.session_state.get("timeline.page", 0) >= pages:  # fewer tasks since a filter changed
    st.session_state["timeline.page"] = 0
if pages > 1:
    size = timeline.TASKS_PER_PAGE
    page = st.selectbox(
        "Trang",
        range(pages),
        format_func=lambda p: (
            f"Nhiệm vụ {p * size + 1}–{min((p + 1) * size, task_count)} / {task_count}"
        ),
        key="timeline.page",
    )
shown = timeline.page(rows, page)
event = st.plotly_chart(
    data.chart(
        timeline_page, rows, page, filters.plan is None, filters.as_of, compact=filters.compact
    ),
    width="stretch",
    key="timeline.chart",
    config=chart_config(filters.compact),
    on_select="rerun",
    selection_mode="points",
)
st.caption(
    f"Đường đứt nét: ngày xem số liệu ({vn_date(filters.as_of)}). ◆ thời hạn. "
    "Thanh nhạt: nhiệm vụ chỉ ghi hạn chót («trước ngày …»), vẽ từ ngày ban hành kế hoạch. "
    "Nhiệm vụ thường xuyên, định kỳ: mỗi kỳ báo cáo một thanh; kỳ chưa bắt đầu chưa được tính. "
    "Cột bên phải: tỷ lệ nghĩa vụ theo tình trạng (mọi kỳ đang hiển thị), số là số nghĩa vụ."
)
missing = timeline.undated(shown)
if len(missing):
    st.warning(
        "Chưa xác định được thời hạn, không vẽ được trên trục thời gian: "
        + "; ".join(
            f"{c} «{t}»"
            for c, t in zip(missing["task_code"], missing["deadline_text"], strict=True)
        )
        + ". Hãy sửa thời hạn ở trang «Kế hoạch»."
    )

# -- the units behind one task and period ------------------------------------------------

choices = timeline.choices(shown)
points = event.selection.points if event and event.selection else []
clicked = timeline.clicked(points, list(choices))
if clicked and clicked != st.session_state.get("timeline.clicked"):
    # Only a new click moves the chooser; otherwise a choice made in the list would be
    # overridden on every rerun by the chart's lingering selection.
    st.session_state["timeline.clicked"] = clicked
    st.session_state["timeline.task"] = clicked
if st.session_state.get("timeline.task") not in choices:
    st.session_state["timeline.task"] = None

st.subheader("Chi tiết theo đơn vị")
chosen = st.selectbox(
    "Nhiệm vụ",
    list(choices),
    index=None,
    key="timeline.task",
    format_func=choices.get,
    placeholder="Chọn một nhiệm vụ, hoặc chạm vào thanh của nó trên biểu đồ",
)
if chosen is None:
    st.stop()

row = timeline.chosen_row(shown, chosen)
if clicked == chosen:  # opened by a tap on its bar: bring the detail into view
    viewport.bring_into_view(f"task-{chosen}")
st.markdown(f"**{row.task_code} · {row.task}**")
st.caption(
    f"Thời hạn theo kế hoạch: «{str(row.deadline_text).strip()}» — {timeline.window(row)}"
    + (f" — kỳ báo cáo {row.period_label}" if row.period else "")
)
st.markdown(
    " · ".join(
        f"{s.label}: **{getattr(row, s.code)}**" for s in status.STATUSES if getattr(row, s.code)
    )
)
units = data.call(
    timeline.task_units, scope=filters.scope, task_id=int(row.task_id), period=row.period
)
st.caption("Chọn một đơn vị trong bảng để xem nghĩa vụ, các dòng báo cáo và tệp gốc.")
picked = show(units, colour_status=True, key=f"timeline.units.{chosen}", pick=True)
key = None if picked is None else cell_key(int(units["unit_id"][picked]), int(row.task_id))
cell = opened(key, f"timeline.{chosen}")
if cell and cell[1] == int(row.task_id):  # a cell of another task stays closed here
    draw_cell(filters.as_of, filters.plan, *cell)
