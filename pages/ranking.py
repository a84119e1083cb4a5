"""Xếp hạng đơn vị: units ranked by % done on time, and one unit's detail.

UI only: tracker.views.tables (by_unit, detail, unit_reports) gives the figures,
tracker.charts.ranking draws the bars. The chosen unit is kept in the session and in the
URL (``?unit=<tên đơn vị>``), so a copied link opens the same unit; page_frame mirrors only
the shared filters, so ``unit`` is read before it and written back after.
"""

import streamlit as st

from domain.labels import PERCENT_NOTE, header
from tracker.charts.ranking import RANK, ranked, ranking_bars
from tracker.views import summary, tables
from ui import data
from ui.contacts import reminded_line
from ui.format import vn_date, vn_int, vn_percent
from ui.frame import chart_config, page_frame
from ui.plain import md
from ui.table import show

URL_UNIT = st.query_params.get("unit")
SHOWN = {"top": "Đầu bảng", "bottom": "Cuối bảng", "all": "Tất cả"}
CHART_ROWS = 20


def keep_unit() -> None:
    st.session_state["ranking.keep.unit"] = st.session_state["ranking.unit"]


filters = page_frame(
    "Xếp hạng đơn vị",
    "Đơn vị xếp theo tỷ lệ nghĩa vụ hoàn thành đúng hạn; chọn một đơn vị để xem từng nghĩa "
    "vụ, tình trạng và các báo cáo đã nhận.",
)
units = data.call(tables.by_unit, scope=filters.scope)
if units.empty:
    st.info(
        "Chưa có nghĩa vụ nào cho bộ lọc này. Hãy chọn kế hoạch, nhóm đơn vị hoặc tình trạng "
        "khác ở thanh bên, hoặc đăng ký kế hoạch ở trang «Kế hoạch»."
    )
    st.stop()
if data.call(summary.latest_report_date, plan=filters.plan) is None:
    st.info(
        "Chưa có báo cáo nào — tải báo cáo lên ở trang «Tải báo cáo lên»; đến lúc đó mọi đơn "
        "vị đều 0% đúng hạn."
    )
if filters.scope.statuses:
    st.caption(
        "Đang lọc theo tình trạng: tổng số và tỷ lệ chỉ tính trên các nghĩa vụ có tình trạng "
        "đã chọn."
    )

board = ranked(units)
shown = "all"
if len(board) > CHART_ROWS * 1.5:
    shown = st.radio(
        f"Biểu đồ ({len(board)} đơn vị)",
        list(SHOWN),
        format_func=lambda k: SHOWN[k] if k == "all" else f"{SHOWN[k]} ({CHART_ROWS} đơn vị)",
        horizontal=True,
        key="ranking.shown",
    )
rows = {"top": board.head(CHART_ROWS), "bottom": board.tail(CHART_ROWS), "all": board}[shown]
st.plotly_chart(
    data.chart(ranking_bars, rows),
    width="stretch",
    key="ranking_bars",
    config=chart_config(filters.compact),
)
show(board, rank=st.column_config.NumberColumn(header(RANK), width="small"))
st.caption(PERCENT_NOTE)

st.subheader("Chi tiết đơn vị")
names = dict(zip(board["unit_id"], board["unit_name"], strict=True))
ranks = dict(zip(board["unit_id"], board[RANK], strict=True))
kept = st.session_state.get("ranking.keep.unit")
if kept is None and URL_UNIT:  # first visit: the unit named in the link
    kept = next((uid for uid, name in names.items() if name == URL_UNIT), None)
if kept not in names:
    kept = None
st.session_state["ranking.unit"] = st.session_state["ranking.keep.unit"] = kept
unit_id = st.selectbox(
    "Đơn vị",
    list(names),
    key="ranking.unit",
    on_change=keep_unit,
    format_func=lambda uid: f"{ranks[uid]}. {names[uid]}",
    placeholder="Chọn đơn vị để xem chi tiết",
)
if unit_id is None:
    if URL_UNIT and URL_UNIT not in names.values():
        st.warning(
            f"Không thấy đơn vị «{md(URL_UNIT)}» trong bảng xếp hạng với bộ lọc hiện tại. Hãy bỏ "
            "bớt bộ lọc ở thanh bên hoặc chọn đơn vị khác."
        )
    if "unit" in st.query_params:
        del st.query_params["unit"]
    st.stop()

st.query_params["unit"] = names[unit_id]
row = board[board["unit_id"] == unit_id].iloc[0]
cards = st.columns(5)
cards[0].metric("Hạng", f"{row[RANK]}/{len(board)}")
cards[1].metric("Nghĩa vụ", vn_int(row["total"]))
cards[2].metric(header("done_pct"), vn_percent(row["done_pct"]))
cards[3].metric(header("done_on_time_pct"), vn_percent(row["done_on_time_pct"]))
cards[4].metric("Quá hạn", vn_int(row["overdue"]))
reminded_line(int(unit_id), filters.plan)

detail = data.call(tables.detail, scope=filters.scope, unit=int(unit_id))
st.markdown(f"**Nghĩa vụ của {names[unit_id]}** (tính đến {vn_date(filters.as_of)})")
show(detail.drop(columns=["unit_name", "group_label"]))

reports = data.call(tables.unit_reports, unit=int(unit_id), as_of=filters.as_of, plan=filters.plan)
st.markdown(f"**Báo cáo đã nhận** ({len(reports)})")
if reports.empty:
    st.info(
        f"Chưa nhận báo cáo nào của {names[unit_id]} đến ngày {vn_date(filters.as_of)} — tải "
        "báo cáo lên ở trang «Tải báo cáo lên», hoặc gửi đôn đốc từ trang «Đôn đốc»."
    )
else:
    show(
        reports,
        uploaded_at=st.column_config.DatetimeColumn(
            header("uploaded_at"), format="DD/MM/YYYY HH:mm"
        ),
        unit_rows=st.column_config.NumberColumn(header("unit_rows")),
        withdrawn=st.column_config.CheckboxColumn(header("withdrawn")),
    )
