"""The sign-in page the app shows instead of its menu while nobody is signed in.

A local account signs in with its password (the form clears itself; the password is never
kept); the same session then draws the page asked for, and, when :mod:`ui.web`'s routes
are mounted, the page fetches the route that sets the session cookie
(:mod:`ui.web.cookie`), so a reload keeps the user signed in. With ``[auth]``
in secrets.toml a button signs in through the OpenID Connect provider (``st.login``). On
the demo database the demo accounts are listed, one button each, while they are the only
active accounts (a database with a real account never offers them); their buttons submit
the same form as the password's, which also carries the window's width
(:mod:`ui.viewport`).
"""

from __future__ import annotations

import streamlit as st

from domain.access import ROLE_LABELS
from tracker.usecases import sign_in
from tracker.usecases.accounts import demo_offered
from ui import data, session, viewport, web
from ui.menu import APP_TITLE
from ui.styles import APP_CSS
from ui.web import client


@st.cache_data(show_spinner=False, max_entries=8)
def _demo_offered(db: tuple[str, int]) -> bool:
    """:func:`~tracker.usecases.accounts.demo_offered` once per database and data version
    (:func:`ui.data.cache_key`): every change to an account is a write that makes a new
    version. (It reads every account into a frame: 0.05-0.12 s, twice per sign-in.)"""
    return demo_offered(data.get_store())


def _signed_in(done: sign_in.SignIn) -> None:
    """Keep the actor, make the cookie's ticket (when the route is there), and run again:
    the signed-in page, in this session."""
    assert done.actor is not None and done.account_id is not None
    session.sign_in_as(done.actor, done.credential_version)
    web.hand_over(done.account_id)
    st.rerun()


def _attempt(login: str, password: str) -> None:
    done = sign_in.sign_in(data.get_store(), login, password, source=client.source())
    if done.actor is None:
        st.session_state["sign_in.message"] = done.message
        return
    _signed_in(done)


def draw_sign_in() -> None:
    st.html(APP_CSS)
    st.title(APP_TITLE)
    st.subheader("Đăng nhập")
    refused = st.session_state.pop("sign_in.oidc_refused", None)
    if refused:
        st.error(refused)
        st.button("Đăng xuất khỏi nhà cung cấp định danh", on_click=st.logout, key="sign_in.logout")
    if web.oidc_configured():
        if st.button("Đăng nhập bằng tài khoản cơ quan (SSO)", type="primary", key="sign_in.oidc"):
            st.login()
        st.caption("Hoặc đăng nhập bằng tài khoản riêng của hệ thống:")
    demo = _demo_offered(data.cache_key())
    with st.form("sign_in.form", clear_on_submit=True):
        # The window's width, held by the form and sent with the tap (a phone's answer
        # asks for no run of its own): the signed-in page's first run draws the phone form.
        viewport.narrow("Đăng nhập")
        login = st.text_input("Tên đăng nhập", key="sign_in.login", max_chars=sign_in.MAX_LOGIN)
        password = st.text_input(
            "Mật khẩu", type="password", key="sign_in.password", max_chars=sign_in.MAX_PASSWORD
        )
        submitted = st.form_submit_button("Đăng nhập")
        chosen = _demo_accounts() if demo else None
    refusal = st.empty()  # filled once every button of this run has been handled
    if chosen is not None:
        from tracker.usecases.demo import DEMO_PASSWORD

        _attempt(chosen, DEMO_PASSWORD)
    elif submitted:
        _attempt(login, password)
    message = st.session_state.pop("sign_in.message", None)
    if message:
        refusal.error(message)


def _demo_accounts() -> str | None:
    """The demo accounts' buttons (in the sign-in form, so the tap carries the width too);
    the login of the one tapped, or None."""
    from tracker.usecases.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

    st.divider()
    st.markdown("**Dữ liệu mẫu: dùng thử với một vai trò**")
    st.caption(
        f"Mỗi tài khoản thử có mật khẩu «{DEMO_PASSWORD}». "
        "Chỉ cơ sở dữ liệu mẫu có các tài khoản này."
    )
    chosen = None
    columns = st.columns(len(DEMO_ACCOUNTS))
    for column, (login, role, name) in zip(columns, DEMO_ACCOUNTS, strict=True):
        if column.form_submit_button(
            f"{ROLE_LABELS[role]}", key=f"sign_in.demo.{login}", help=f"{name} — {login}"
        ):
            chosen = login
    return chosen
