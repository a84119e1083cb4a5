"""Entry point: page config and navigation only. Each page draws its own frame."""

import streamlit as st

st.set_page_config(
    page_title="Theo dõi thực hiện kế hoạch",
    page_icon="📋",
    layout="wide",
    initial_sidebar_state="expanded",
)

PAGES = {
    "Theo dõi": [
        st.Page("pages/overview.py", title="Tổng quan", icon="📊", default=True),
    ],
}

st.navigation(PAGES).run()
