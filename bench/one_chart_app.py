"""The cold-start baseline: a one-chart Streamlit app, started the way bench/pages.py starts
the product, so the product's cold start is read as a ratio to what Streamlit and plotly.js
cost on this machine at this moment."""

import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="baseline", layout="wide")
st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[1, 3, 2])))
