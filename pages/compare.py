"""So sánh kế hoạch: the plans implementing one directive, side by side over time.

UI only: tracker.views.compare picks the plans and gives the series (one cached call),
tracker.charts.compare draws it. This page's own
choices (directive, step, axis) are kept in the session and in the URL like the filters;
page_frame mirrors only the shared filters, so they are read before it and written after.
"""

import streamlit as st

from tracker.charts.compare import rate_lines
from tracker.views import compare
from ui import data
from ui.format import vn_date
from ui.frame import chart_config, page_frame
from ui.table import show

URL = {k: st.query_params[k] for k in ("directive", "step", "align") if k in st.query_params}


def kept(name: str, options: list[str], default: str) -> str:
    """Widget key for `name`, seeded from its kept value (first visit: the URL)."""
    store = f"compare.keep.{name}"
    if st.session_state.get(store) not in options:
        st.session_state[store] = URL[name] if URL.get(name) in options else default
    st.session_state[f"compare.{name}"] = st.session_state[store]
    return f"compare.{name}"


def keep(name: str) -> None:
    st.session_state[f"compare.keep.{name}"] = st.session_state[f"compare.{name}"]


filters = page_frame(
    "So sánh kế hoạch",
    "Các kế hoạch cùng thực hiện một chỉ thị: tỷ lệ hoàn thành và hoàn thành đúng hạn theo "
    "thời gian, từ ngày ban hành đến ngày đang xem.",
    show_status=False,
)
plans = data.plans()
choices = compare.directives(plans)
if not choices:
    st.info(
        "Chưa có kế hoạch nào ghi rõ thực hiện chỉ thị nào. Hãy nhập «Thực hiện văn bản số» "
        "cho kế hoạch ở trang «Kế hoạch»."
    )
    st.stop()

left, mid, right = st.columns([2, 1, 2])
directive = left.selectbox(
    "Chỉ thị",
    choices,
    key=kept("directive", choices, compare.default_directive(plans, filters.plan)),
    on_change=keep,
    args=("directive",),
    format_func=lambda c: f"{c} ({(plans['directive'] == c).sum()} kế hoạch)",
)
step = mid.radio(
    "Mốc thời gian",
    list(compare.STEPS),
    key=kept("step", list(compare.STEPS), "week"),
    on_change=keep,
    args=("step",),
    format_func=compare.STEPS.get,
    horizontal=True,
)
align = right.radio(
    "Trục thời gian",
    list(compare.ALIGNS),
    key=kept("align", list(compare.ALIGNS), "calendar"),
    on_change=keep,
    args=("align",),
    format_func=compare.ALIGNS.get,
    horizontal=True,
)
st.query_params.update({"directive": directive, "step": step, "align": align})

chosen = compare.plans_of(plans, directive)
if len(chosen) < 2:
    st.info(
        f"Chỉ thị {directive} mới có một kế hoạch ({chosen['code'].iloc[0]}). Đăng ký kế hoạch "
        "của đơn vị khác thực hiện cùng chỉ thị ở trang «Kế hoạch» để so sánh; dưới đây là "
        "tiến độ của kế hoạch này."
    )
series = data.call(compare.series, plans=chosen["code"].tolist(), scope=filters.scope, step=step)
if series.empty:
    st.info(
        f"Chưa có nghĩa vụ nào của các kế hoạch thực hiện {directive} đến ngày "
        f"{vn_date(filters.as_of)} với bộ lọc này. Hãy chọn ngày muộn hơn hoặc bỏ bớt nhóm "
        "đơn vị ở thanh bên."
    )
    st.stop()

st.plotly_chart(
    data.chart(rate_lines, series, align),
    width="stretch",
    key="compare_lines",
    config=chart_config(filters.compact),
)
st.caption(
    f"Mỗi điểm là số liệu tính đến ngày đó ({compare.STEPS[step].lower()}; điểm cuối là "
    f"{vn_date(filters.as_of)}). % tính trên mọi nghĩa vụ đã phát sinh đến ngày đó."
)
st.subheader(f"Tính đến ngày {vn_date(filters.as_of)}")
show(compare.latest(series))
points = st.expander("Số liệu theo từng mốc", key="compare.points", on_change="rerun")
if points.open:  # a closed expander's table is neither built nor sent
    with points:
        show(compare.points(series))
