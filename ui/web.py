"""The two HTTP routes Streamlit has no API for: setting and clearing the HttpOnly session
cookie of a local sign-in.

A script cannot set a cookie (``st.context.cookies`` only reads), so the sign-in page sends
the browser, once, to ``/auth/local/session?ticket=…`` with a one-time ticket; this route
exchanges it for a session, sets the signed cookie (HttpOnly, SameSite=Lax, the session's
lifetime) and sends the browser back to the app. ``serve.py`` mounts these routes with
Streamlit's own ``st.App``; without them (AppTest, ``streamlit run dashboard.py``) a
sign-in lasts until the page is reloaded.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import streamlit as st
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route
from streamlit.errors import StreamlitSecretNotFoundError

from domain.settings import session_minutes
from tracker.usecases import sign_in
from ui import downloads

SESSION_PATH = "/auth/local/session"
SIGN_OUT_PATH = "/auth/local/signout"
MOUNTED = {"routes": False}  # set once serve.py has mounted the routes in this process


def _store():
    from ui import data

    return data.get_store()


def _back(request: Request) -> RedirectResponse:
    """Back to the app's page the user came from (a path of this site only)."""
    target = request.query_params.get("next", "/")
    if not target.startswith("/") or target.startswith("//"):
        target = "/"
    response = RedirectResponse(target, status_code=303)
    response.headers["Referrer-Policy"] = "no-referrer"  # the ticket stays out of logs
    response.headers["Cache-Control"] = "no-store"
    return response


def session(request: Request) -> RedirectResponse:
    """Exchange a ticket for the session cookie; a bad ticket just goes back."""
    cookie = sign_in.redeem_ticket(_store(), request.query_params.get("ticket", ""))
    response = _back(request)
    if cookie:
        response.set_cookie(
            sign_in.COOKIE,
            cookie,
            max_age=session_minutes() * 60,
            path="/",
            httponly=True,
            samesite="lax",
        )
    return response


def sign_out(request: Request) -> RedirectResponse:
    """Clear the cookie (the session itself was ended by the app's sign-out)."""
    response = _back(request)
    response.delete_cookie(sign_in.COOKIE, path="/")
    return response


def redirect(url: str) -> None:
    """Send the browser to `url` (a path of this site), the way ``st.login`` does (an
    ``auth_redirect`` message, which the page follows with ``window.location``)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is not None:
        message = ForwardMsg()
        message.auth_redirect.url = url
        ctx.enqueue(message)


def here() -> str:
    """The page and query the browser shows, to come back to after a detour."""
    try:
        path = urlsplit(st.context.url or "/").path or "/"
    except (AttributeError, ValueError):
        path = "/"
    query = urlencode(st.query_params.to_dict())
    return path + (f"?{query}" if query else "")


def hand_over(account_id: int) -> None:
    """After a sign-in: when the routes are mounted, send the browser once through
    :func:`session` with a one-time ticket (it sets the cookie and comes back here), and
    stop this run; without them, do nothing (the sign-in lasts until a reload)."""
    if not MOUNTED["routes"]:
        return
    ticket = sign_in.ticket_for(_store(), account_id)
    redirect(f"{SESSION_PATH}?{urlencode({'ticket': ticket, 'next': here()})}")
    st.stop()


def oidc_configured() -> bool:
    """True when ``.streamlit/secrets.toml`` has an ``[auth]`` section for ``st.login``."""
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, StreamlitSecretNotFoundError):
        return False


def routes() -> list[Route]:
    """Every route of ours serve.py mounts: the cookie's two and the downloads'
    (:mod:`ui.downloads`)."""
    MOUNTED["routes"] = True
    return [Route(SESSION_PATH, session), Route(SIGN_OUT_PATH, sign_out), downloads.route()]
