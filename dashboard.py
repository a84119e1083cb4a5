"""Entry point: page config and navigation only. Each page draws its own frame."""

from pathlib import Path

import streamlit as st

HERE = Path(__file__).resolve().parent

# (file, title, icon) by menu section. A page whose file is absent is left out of the menu.
MENU = {
    "Theo dõi": [
        ("pages/overview.py", "Tổng quan", "📊"),
        ("pages/timeline.py", "Tiến độ theo thời hạn", "🗓️"),
        ("pages/heatmap.py", "Mức độ hoàn thành theo đơn vị", "🟩"),
        ("pages/ranking.py", "Xếp hạng đơn vị", "🏅"),
        ("pages/reminders.py", "Đôn đốc", "🔔"),
        ("pages/compare.py", "So sánh kế hoạch", "⚖️"),
    ],
    "Nghiệp vụ": [
        ("pages/upload.py", "Tải báo cáo lên", "📥"),
        ("pages/export.py", "Xuất báo cáo", "📤"),
        ("pages/plans.py", "Kế hoạch", "📋"),
        ("pages/units.py", "Đơn vị", "🏢"),
    ],
}

st.set_page_config(
    page_title="Theo dõi thực hiện kế hoạch",
    page_icon="📋",
    layout="wide",
    initial_sidebar_state="expanded",
)

sections = {
    section: [
        st.Page(path, title=title, icon=icon, default=(path == "pages/overview.py"))
        for path, title, icon in pages
        if (HERE / path).exists()
    ]
    for section, pages in MENU.items()
}
st.navigation(sections).run()
