"""Charts as pure functions: a DataFrame in, a plotly Figure out, no Streamlit.

Colours and labels come from :mod:`tracker.domain.status`; every chart carries the label in its
legend or hover text as well as the colour.
"""
