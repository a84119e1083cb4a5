"""Entry point: page config, the sign-in gate, navigation. Each page draws its own frame and
menu (and checks the gate again, for a page Streamlit runs on its own)."""

from collections.abc import Callable

import streamlit as st

from ui import errors, gate, preload
from ui.menu import APP_ICON, APP_TITLE, DEFAULT, DEFAULT_ROOT_PATH, menu, url_path

# A local image: a ":material/…:" page icon makes the browser fetch a font from the internet.
st.set_page_config(page_title=APP_TITLE, page_icon=str(APP_ICON), layout="wide")


def everywhere(draw: Callable[[], None]) -> None:
    """Run `draw` as the page at every address of the menu, through st.navigation like every
    other run: a run that skips st.navigation runs under Streamlit's legacy ``pages/``
    wrapper until any session of the process calls it, and that switch changes every
    widget's id between two runs of one page, dropping the click that was on its way (the
    sign-in form's, when someone else signed in meanwhile). A deep link keeps its address."""
    paths = [path for section in menu().values() for path, _title, _icon in section]
    root = st.Page(draw, title=APP_TITLE, default=True, url_path=DEFAULT_ROOT_PATH)
    others = [st.Page(draw, title=APP_TITLE, url_path=url_path(path)) for path in paths]
    st.navigation([root, *others], position="hidden").run()
    st.stop()


def main() -> None:
    preload.plotly_early()  # the browser loads plotly while this run works (ui.preload)
    actor = gate.signed_in()
    preload.plotly_early(signed_in=actor is not None)  # if the gate had to decide
    if actor is None:  # accounts exist and nobody is signed in: the sign-in page, no menu
        from ui.sign_in_page import draw_sign_in

        everywhere(draw_sign_in)
    entries = [
        e for section in menu(lambda path: gate.may_open(actor, path)).values() for e in section
    ]
    if not entries:

        def nothing_to_open() -> None:
            st.info(f"Tài khoản {actor.label} chưa có trang nào để mở. Hãy liên hệ quản trị.")
            if st.button("Đăng xuất", key="dashboard.sign_out"):
                gate.sign_out(actor)

        everywhere(nothing_to_open)
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


# An error the product raises for people (the database busy, a refused action) is shown as
# its Vietnamese sentence, the traceback in the log (ui.errors).
errors.shown(main)
