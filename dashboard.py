"""Entry point: page config and navigation only. Each page draws its own frame and menu."""

import streamlit as st

from ui.menu import APP_ICON, APP_TITLE, DEFAULT, menu

# A local image: a ":material/…:" page icon makes the browser fetch a font from the internet.
st.set_page_config(page_title=APP_TITLE, page_icon=str(APP_ICON), layout="wide")
pages = [
    st.Page(path, title=title, icon=icon, default=(path == DEFAULT))
    for entries in menu().values()
    for path, title, icon in entries
]
st.navigation(pages, position="hidden").run()
