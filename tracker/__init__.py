"""Domain and storage for the plan-implementation dashboard.

Nothing in this package imports Streamlit: the web pages, the command line and the tests
all drive the same functions.
"""
