"""Entry point: page config, the sign-in gate, navigation. Each page draws its own frame and
menu (and checks the gate again, for a page Streamlit runs on its own)."""

import streamlit as st

from ui import gate
from ui.menu import APP_ICON, APP_TITLE, DEFAULT, DEFAULT_ROOT_PATH, menu, url_path

# A local image: a ":material/…:" page icon makes the browser fetch a font from the internet.
st.set_page_config(page_title=APP_TITLE, page_icon=str(APP_ICON), layout="wide")
actor = gate.signed_in()
if actor is None:  # accounts exist and nobody is signed in: the sign-in page, no menu
    from ui.sign_in_page import draw_sign_in

    draw_sign_in()
    st.stop()
entries = [e for section in menu(lambda path: gate.may_open(actor, path)).values() for e in section]
if not entries:
    st.info(f"Tài khoản {actor.label} chưa có trang nào để mở. Hãy liên hệ quản trị.")
    if st.button("Đăng xuất", key="dashboard.sign_out"):
        gate.sign_out(actor)
    st.stop()
default = DEFAULT if any(path == DEFAULT for path, _t, _i in entries) else entries[0][0]
pages = [
    st.Page(path, title=title, icon=icon, default=True, url_path=DEFAULT_ROOT_PATH)
    if path == default
    else st.Page(path, title=title, icon=icon)
    for path, title, icon in entries
]
# Listed after the root entry, so links to the file (st.page_link) keep going to "/".
pages.append(st.Page(default, url_path=url_path(default), visibility="hidden"))
st.navigation(pages, position="hidden").run()
