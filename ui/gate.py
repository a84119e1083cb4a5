"""Who is using the app, and which pages they may open.

Every run asks :func:`signed_in`: the actor kept in the session (checked again against its
account and its credential version, so a disabled account, a changed role, a new password
or a sign-out elsewhere takes effect at the next run), else one restored from the session
cookie (:mod:`ui.web`) or from ``st.login``'s identity (OpenID Connect, matched by e-mail),
but only on a websocket opened by a page of this app (:func:`ui.web.client.origin_ok`: a
page of another site or port gets the sign-in page, whatever cookies its browser sends).
While the database has no active account the app is open as before
(:data:`ui.session.OPEN`). :func:`may_open` decides what the menu offers; each page checks
its own `needs` (:func:`ui.frame.refuse_unless`), and the use cases refuse the writes
themselves whatever a page shows.
"""

from __future__ import annotations

import streamlit as st

from domain.access import Action, Actor, Role, allows
from tracker.usecases import accounts, sign_in
from ui import data, session, this_run, web
from ui.menu import page_action
from ui.web import client, cookie

REFUSED = "sign_in.oidc_refused_email"


def accounts_exist() -> bool:
    return accounts.sign_in_required(data.get_store())


ASKED = "gate.asked"
"""Kept for the run (:mod:`ui.this_run`): the session's actor after the check, the answer."""


def signed_in() -> Actor | None:
    """The actor of this session, restored from a cookie or the provider if need be; None
    when someone must sign in. A session that signed in here also gets the page's script
    that sets its cookie (:mod:`ui.web.cookie`).

    Checked against the database once per script run (the entry script and the page's
    frame both ask): a second question in the same run gets the first answer while the
    session holds the same actor; a sign-in or sign-out in between asks again."""
    asked = this_run.recall(ASKED)
    if asked is not None and asked[0] is session.current_actor():
        actor = asked[1]
    else:
        actor = _actor()
        this_run.keep(ASKED, (session.current_actor(), actor))
    if actor is not None and actor is not session.OPEN:
        cookie.send()
    return actor


def _actor() -> Actor | None:
    store = data.get_store()
    actor = session.current_actor()
    if actor is not None and actor is not session.OPEN:
        fresh = sign_in.still_valid(store, actor, session.credential_version())
        if fresh is None or fresh.actor is None:
            session.sign_out()
            return None if accounts_exist() else session.OPEN
        if fresh.actor != actor or session.credential_version() is None:
            session.sign_in_as(fresh.actor, fresh.credential_version)
        return fresh.actor
    if not accounts_exist():
        return session.OPEN
    if not client.origin_ok():
        return None  # a page elsewhere opened this websocket: no cookie, no provider
    cookie = st.context.cookies.get(sign_in.COOKIE)
    restored = sign_in.resume_session(store, cookie) if cookie else None
    if restored is not None and restored.actor is not None:
        session.sign_in_as(restored.actor, restored.credential_version)
        return restored.actor
    if not (web.oidc_configured() and st.user.is_logged_in):
        return None
    email = str(st.user.get("email") or "")
    if not email:
        st.session_state["sign_in.oidc_refused"] = (
            "Nhà cung cấp định danh không gửi địa chỉ e-mail (claim «email»), nên không tìm "
            "được tài khoản. Hãy nhờ quản trị cấu hình phạm vi «email» cho ứng dụng."
        )
        return None
    if st.session_state.get(REFUSED) != email:
        done = sign_in.sign_in_email(store, email)  # back from the provider
        if done.actor is None or done.account_id is None:
            st.session_state[REFUSED] = email  # asked (and audited) once per session
            st.session_state["sign_in.oidc_refused"] = done.message
            return None
        session.sign_in_as(done.actor, done.credential_version)
        web.hand_over(done.account_id)  # our cookie: later sessions resume, unaudited
        return done.actor
    return None


def may_open(actor: Actor, path: str) -> bool:
    """Whether `actor` may open the page `path`: its role grants the page's action, and a
    unit account opens only the pages made for unit accounts."""
    action = page_action(path)
    if actor.role is Role.DON_VI:
        return action is Action.OWN_UNIT
    return allows(actor, action)


def require_sign_in() -> Actor:
    """The actor of this session; with nobody signed in (and accounts in the database),
    the sign-in page instead, and the script stops."""
    actor = signed_in()
    if actor is None:
        from ui.sign_in_page import draw_sign_in

        draw_sign_in()
        st.stop()
    return actor


def sign_out(actor: Actor) -> None:
    """End every session of the account (cookies at once, other open pages at their next
    run), then leave: through the provider's sign-out for an OpenID Connect user, the
    cookie route's form otherwise (it clears this browser's cookie)."""
    sign_in.sign_out(data.get_store(), actor)
    session.sign_out()
    if web.oidc_configured() and st.user.is_logged_in:
        st.logout()
        st.stop()
    if web.MOUNTED["routes"]:
        web.redirect(web.sign_out_address())
        st.stop()
    st.rerun()
