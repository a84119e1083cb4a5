"""Mức độ hoàn thành theo đơn vị: the status of every unit on every task, as a heatmap."""

import streamlit as st

from tracker.charts.heatmap import status_heatmap
from tracker.views import heatmap, summary
from ui import data
from ui.format import vn_date
from ui.frame import chart_config, from_url, page_frame, to_url
from ui.obligation import chosen_cell
from ui.obligation import draw as draw_cell
from ui.table import show

filters = page_frame(
    "Mức độ hoàn thành theo đơn vị",
    "Tình trạng của từng đơn vị với từng nhiệm vụ; chạm (hoặc di chuột) vào một ô để xem hạn, "
    "ngày hoàn thành và báo cáo ghi nhận.",
)
if data.call(summary.latest_report_date, plan=filters.plan) is None:
    st.info("Chưa có báo cáo nào — tải báo cáo lên ở trang «Tải báo cáo lên».")
    st.stop()

periods = data.call(heatmap.periods, scope=filters.scope)
LATEST = "latest"  # a sentinel: None would read as "nothing chosen" in a selectbox
if st.session_state.get("heatmap.period") not in (LATEST, *periods):
    # open on the newest period already ended: where what is overdue at the date shows
    ended = data.call(heatmap.overdue_period, scope=filters.scope)
    st.session_state["heatmap.period"] = ended if ended in periods else LATEST
from_url("view", "heatmap.view", heatmap.VIEWS)
from_url("sort", "heatmap.sort", heatmap.SORTS)
# On a phone the chart comes first under the title and the view's options fold below it.
if filters.compact:
    chart_box = st.container()
    options = st.expander("Cách xem: theo đơn vị hay nhóm, sắp xếp, kỳ báo cáo")
else:
    options = st.container()
    chart_box = st.container()
left, middle, right = options.columns([1.2, 1, 1.3])
view = left.radio(
    "Xem theo",
    list(heatmap.VIEWS),
    format_func=heatmap.VIEWS.get,
    key="heatmap.view",
    horizontal=True,
)
sort = middle.selectbox(
    "Sắp xếp", list(heatmap.SORTS), format_func=heatmap.SORTS.get, key="heatmap.sort"
)
chosen_period = right.selectbox(
    "Kỳ báo cáo (nhiệm vụ thường xuyên, định kỳ)",
    [LATEST, *periods],
    format_func=lambda d: "Kỳ gần nhất đã bắt đầu" if d == LATEST else f"Kỳ {periods[d]}",
    help="Mặc định là kỳ gần nhất đã kết thúc: nơi hiện các nghĩa vụ quá hạn tính đến ngày xem.",
    key="heatmap.period",
    disabled=not periods,
)
period_at = None if chosen_period == LATEST else chosen_period
to_url("view", view, next(iter(heatmap.VIEWS)))
to_url("sort", sort, next(iter(heatmap.SORTS)))
st.caption(
    f"Số liệu tính đến {vn_date(filters.as_of)}. Mỗi nhiệm vụ thường xuyên, định kỳ có một "
    "nghĩa vụ mỗi kỳ: ô cho thấy "
    + (
        "kỳ gần nhất đã bắt đầu tính đến ngày này"
        if period_at is None
        else f"kỳ {periods[period_at]}"
    )
    + ". Số cạnh tên (vd. 1/6) là số ô của hàng đã hoàn thành trên số ô của hàng, chỉ trong "
    "kỳ đang xem; «% hoàn thành» trên mọi kỳ ở trang «Xếp hạng đơn vị» và bản xuất."
)
no_match = (
    "Không có nghĩa vụ nào khớp bộ lọc — hãy bỏ bớt nhóm đơn vị hoặc tình trạng ở thanh bên, "
    "hoặc chọn kế hoạch khác."
)

if view == "groups":
    grid = data.call(heatmap.load_groups, scope=filters.scope, period_at=period_at, sort=sort)
    if grid.cells.empty:
        st.info(no_match)
        st.stop()
    chart_box.plotly_chart(
        data.chart(
            status_heatmap,
            grid,
            "Nhóm nhiệm vụ (mục của kế hoạch)",
            "Nhóm đơn vị",
            compact=filters.compact,
        ),
        width="stretch",
        key="heatmap.chart",
        config=chart_config(filters.compact),
    )
    st.caption(
        "Mỗi ô tô màu theo tình trạng có nhiều nghĩa vụ nhất; số trong ô là % nghĩa vụ của ô "
        "đã hoàn thành (kỳ đang xem); số cạnh tên nhóm là số nghĩa vụ đã hoàn thành trên tổng "
        "số nghĩa vụ của nhóm."
    )
    st.stop()


phone = filters.compact  # a phone gets pages of fewer units and of a few tasks (its width)


def _grid(page: int, task_page: int) -> heatmap.Grid:
    return data.call(
        heatmap.load_units,
        scope=filters.scope,
        period_at=period_at,
        sort=sort,
        page=page,
        phone=phone,
        task_page=task_page if phone else 0,
    )


# "page=2" in the URL is the second page of 40 units (people count from 1), on a phone too,
# so that a link shared from a phone opens on a desktop at the units it showed
per_desk = heatmap.UNITS_PER_PAGE // heatmap.UNITS_PER_PHONE_PAGE if phone else 1
from_url("page", "heatmap.page", range(10_000), lambda text: (int(text) - 1) * per_desk)
page = st.session_state.get("heatmap.page", 0)
task_page = st.session_state.get("heatmap.task_page", 0)
grid = _grid(page, task_page)
size = heatmap.UNITS_PER_PHONE_PAGE if phone else heatmap.UNITS_PER_PAGE
pages = heatmap.page_count(grid.unit_count, size)
task_pages = heatmap.page_count(grid.column_count, heatmap.TASKS_PER_PHONE_PAGE) if phone else 1
if page >= pages or task_page >= task_pages:  # fewer since the filters changed: the last
    page, task_page = min(page, pages - 1), min(task_page, task_pages - 1)
    st.session_state["heatmap.page"], st.session_state["heatmap.task_page"] = page, task_page
    grid = _grid(page, task_page)
if grid.unit_count == 0:
    st.info(no_match)
    st.stop()
if pages > 1:
    n = grid.unit_count
    st.selectbox(
        "Trang",
        range(pages),
        format_func=lambda p: f"Đơn vị {p * size + 1}–{min((p + 1) * size, n)} / {n}",
        key="heatmap.page",
    )
if task_pages > 1:
    per, m = heatmap.TASKS_PER_PHONE_PAGE, grid.column_count
    st.selectbox(
        "Nhiệm vụ",
        range(task_pages),
        format_func=lambda p: f"Nhiệm vụ {p * per + 1}–{min((p + 1) * per, m)} / {m}",
        key="heatmap.task_page",
        help="Màn hình điện thoại hẹp: mỗi lần vài nhiệm vụ; chọn để xem các nhiệm vụ khác.",
    )
to_url("page", page // per_desk if pages > 1 else 0, 0, lambda p: str(p + 1))
event = chart_box.plotly_chart(
    data.chart(status_heatmap, grid, "Nhiệm vụ", "Đơn vị", compact=filters.compact),
    width="stretch",
    key="heatmap.chart",
    config=chart_config(filters.compact),
    on_select="rerun",
    selection_mode="points",
)
tasks = st.expander("Các nhiệm vụ trong bảng", key="heatmap.tasks", on_change="rerun")
if tasks.open:  # a closed expander's table is neither built nor sent
    with tasks:
        show(grid.tasks)
opened = chosen_cell(event.selection.points if event and event.selection else [])
if opened:
    draw_cell(filters.as_of, filters.plan, *opened)
else:
    st.caption("Chạm hoặc bấm vào một ô để xem chi tiết nghĩa vụ, các dòng báo cáo và tệp gốc.")
