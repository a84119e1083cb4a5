"""The cold start's baseline: a Streamlit app that draws one plotly chart and nothing else.

``bench/pages.py`` starts it exactly as it starts ``dashboard.py`` (same server flags, same
working directory and ``.streamlit/config.toml``, same wait for the first chart) and reports
the dashboard's cold start as a ratio to this one. It imports none of our code: the ratio is
what the product adds to Streamlit and plotly's own start.
"""

import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="Một biểu đồ", layout="wide")
st.plotly_chart(
    go.Figure(
        go.Bar(
            x=["Đúng hạn", "Trễ hạn", "Quá hạn", "Sắp đến hạn", "Đang thực hiện", "Chưa báo cáo"],
            y=[576, 102, 275, 4, 4, 38],
        )
    )
)
