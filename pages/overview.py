"""Tổng quan: KPI cards and the status breakdown per plan and per unit group."""

import streamlit as st

from domain.labels import PERCENT_NOTE
from tracker.charts.breakdown import status_bars
from tracker.views import review, summary
from ui import data
from ui.format import vn_date, vn_int, vn_percent
from ui.frame import chart_config, page_frame
from ui.menu import DEFAULT, ROOT, menu
from ui.table import show

filters = page_frame(
    "Tổng quan",
    "Tiến độ thực hiện các kế hoạch: số nghĩa vụ (nhiệm vụ × đơn vị × kỳ báo cáo) và tình trạng.",
    show_status=False,
)
waiting = data.call(review.to_review, plan=filters.plan)
if waiting:
    st.info(f"Có {vn_int(waiting)} báo cáo của đơn vị đang chờ duyệt.")
    st.page_link(str(ROOT / "pages/review.py"), label="Mở trang Duyệt báo cáo")
found = data.call(summary.overview, scope=filters.scope)
k = found.kpis

if k.obligations == 0:
    st.info(
        "Chưa có nghĩa vụ nào cho bộ lọc này. Hãy chọn kế hoạch khác, "
        "hoặc đăng ký kế hoạch ở trang «Kế hoạch»."
    )
    st.stop()


BREAKDOWNS = (
    ("plan", "Theo kế hoạch", "plan", found.by_plan),
    ("group", "Theo nhóm đơn vị", "group_label", found.by_group),
)


def _charts() -> None:
    """The two status charts; their figures as tables only once asked for (a closed
    expander's tables are neither sent nor drawn: a browser loads Streamlit's table code,
    1.2 MB of scripts, before it draws a page's first chart)."""
    for by, heading, category, table in BREAKDOWNS:
        st.subheader(heading)
        st.plotly_chart(
            data.chart(status_bars, table, category, compact=filters.compact),
            width="stretch",
            key=f"bars_{by}",
            config=chart_config(filters.compact),
        )
    with st.expander("Bảng số liệu", key="overview.tables", on_change="rerun") as tables:
        if tables.open:
            for _by, heading, _category, table in BREAKDOWNS:
                st.markdown(f"**{heading}**")
                show(table)


if filters.compact:  # a phone: the status chart first under the title, the cards after it
    _charts()

cards = st.columns(5)
cards[0].metric("Nghĩa vụ", vn_int(k.obligations), help="Nhiệm vụ × đơn vị × kỳ báo cáo")
cards[1].metric(
    "Đã hoàn thành",
    vn_percent(k.done_pct),
    f"{vn_int(k.done)} nghĩa vụ",
    delta_color="off",
    delta_arrow="off",
)
cards[2].metric(
    "Hoàn thành đúng hạn",
    vn_percent(k.on_time_pct),
    f"{vn_int(k.done_on_time)} nghĩa vụ",
    delta_color="off",
    delta_arrow="off",
)
cards[3].metric(
    "Quá hạn",
    vn_int(k.overdue),
    f"{vn_int(k.due_soon)} sắp đến hạn",
    delta_color="off",
    delta_arrow="off",
)
cards[4].metric("Chưa báo cáo", vn_int(k.not_reported), help="Chưa nhận báo cáo, chưa đến hạn")
st.caption(f"Số liệu tính đến ngày {vn_date(filters.as_of)}. {PERCENT_NOTE}")

# Links into the other views of the menu; the filters go along with them.
links = [entry for entry in menu()["Theo dõi"] if entry[0] != DEFAULT]
if links:
    for column, (path, label, icon) in zip(st.columns(len(links)), links, strict=True):
        column.page_link(str(ROOT / path), label=label, icon=icon)

if not filters.compact:
    _charts()
