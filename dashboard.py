"""Entry point: page config and navigation only. Each page draws its own frame and menu."""

import streamlit as st

from ui.menu import APP_TITLE, DEFAULT, menu

st.set_page_config(page_title=APP_TITLE, page_icon=":material/assignment:", layout="wide")
pages = [
    st.Page(path, title=title, icon=icon, default=(path == DEFAULT))
    for entries in menu().values()
    for path, title, icon in entries
]
st.navigation(pages, position="hidden").run()
