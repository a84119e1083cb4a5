"""Entry point: page config and navigation only. Each page draws its own frame and menu."""

import streamlit as st

from ui.menu import APP_ICON, APP_TITLE, DEFAULT, DEFAULT_ROOT_PATH, menu, url_path

# A local image: a ":material/…:" page icon makes the browser fetch a font from the internet.
st.set_page_config(page_title=APP_TITLE, page_icon=str(APP_ICON), layout="wide")
pages = [
    st.Page(path, title=title, icon=icon, default=True, url_path=DEFAULT_ROOT_PATH)
    if path == DEFAULT
    else st.Page(path, title=title, icon=icon)
    for entries in menu().values()
    for path, title, icon in entries
]
# Listed after the root entry, so links to the file (st.page_link) keep going to "/".
pages.append(st.Page(DEFAULT, url_path=url_path(DEFAULT), visibility="hidden"))
st.navigation(pages, position="hidden").run()
