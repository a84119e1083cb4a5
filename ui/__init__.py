"""The Streamlit side: the shared frame every page draws, cached data access, formatting.

Only this package and ``pages/`` import Streamlit.
"""
