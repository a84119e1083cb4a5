"""The two HTTP routes Streamlit has no API for: setting and clearing the HttpOnly session
cookie of a local sign-in; and what serve.py puts in front of Streamlit (:mod:`ui.web.headers`).

A script cannot set a cookie (``st.context.cookies`` only reads), so after a sign-in the
page fetches ``/auth/local/session?ticket=…`` with a one-time ticket (:mod:`ui.web.cookie`);
this route exchanges it for a session, sets the signed cookie (HttpOnly, SameSite=Lax, the
session's lifetime, ``Secure`` when the browser came over HTTPS) and points back to the
app (followed by a client that navigates there rather than fetching). The ticket is bound
to the browser that signed in (a hash of its Streamlit XSRF token): a link with someone
else's ticket signs nobody in (no login CSRF).

Signing out ends the account's sessions in the app, then sends the browser to
``/auth/local/signout?t=…``, which answers a form that posts the token back; only a POST
whose token belongs to the browser's own session cookie clears the cookie, so a link or
an image elsewhere cannot sign anyone out. ``serve.py`` mounts these routes with
Streamlit's own ``st.App``; without them (AppTest, ``streamlit run dashboard.py``) a
sign-in lasts until the page is reloaded.
"""

from __future__ import annotations

import html
import os
from urllib.parse import urlencode, urlsplit

import streamlit as st
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse
from starlette.routing import Route
from streamlit.errors import StreamlitSecretNotFoundError

from domain.settings import session_minutes
from ui import downloads
from ui.web import client
from ui.web.headers import Guard, xsrf_key

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


def over_https(request: Request) -> bool:
    """Whether the browser reached us over TLS: directly, or as a trusted proxy in front
    says (``X-Forwarded-Proto``); ``TRACKER_SECURE_COOKIE=1`` says so whatever the request."""
    if os.environ.get("TRACKER_SECURE_COOKIE", "") in {"1", "true", "yes"}:
        return True
    peer = request.client.host if request.client else client.LOOPBACK
    return client.scheme_of(peer, request.headers, request.url.scheme) == "https"


def session(request: Request) -> RedirectResponse:
    """Exchange a ticket for the session cookie, in the browser it was made for; a bad
    ticket just goes back."""
    from tracker.usecases import sign_in

    browser = xsrf_key(request.cookies.get("_streamlit_xsrf", ""))
    ticket = request.query_params.get("ticket", "")
    cookie = sign_in.redeem_ticket(_store(), ticket, browser) if browser else None
    response = _back(request)
    if cookie:
        response.set_cookie(
            sign_in.COOKIE,
            cookie,
            max_age=session_minutes() * 60,
            path="/",
            httponly=True,
            samesite="lax",
            secure=over_https(request),
        )
    return response


_SIGN_OUT_FORM = """<!doctype html><html lang="vi"><head><meta charset="utf-8">
<title>Đăng xuất</title></head><body>
<form method="post" action="{action}"><input type="hidden" name="t" value="{token}">
<button type="submit">Đăng xuất</button></form>
<script>document.forms[0].submit()</script></body></html>"""


async def sign_out(request: Request) -> HTMLResponse | RedirectResponse:
    """GET answers the form that posts the token back; a POST whose token belongs to this
    browser's session cookie clears the cookie (the app ended the session already).
    Anything else goes back without touching the cookie."""
    from tracker.usecases import sign_in

    if request.method == "GET":
        token = request.query_params.get("t", "")
        if not token:
            return _back(request)
        action = f"{SIGN_OUT_PATH}?{urlencode({'next': request.query_params.get('next', '/')})}"
        page = _SIGN_OUT_FORM.format(action=html.escape(action), token=html.escape(token))
        return HTMLResponse(page, headers={"Cache-Control": "no-store"})
    form = await request.form()
    posted = str(form.get("t", ""))
    cookie = request.cookies.get(sign_in.COOKIE, "")
    response = _back(request)
    if cookie and sign_in.sign_out_token_ok(_store(), cookie, posted):
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
    """After a sign-in: when the routes are mounted, make a one-time ticket for
    :func:`session` and let the page fetch it (:mod:`ui.web.cookie`: the cookie is set
    while this session goes on, no reload); without them, do nothing (the sign-in lasts
    until a reload)."""
    from tracker.usecases import sign_in

    browser = client.browser_key()
    if not MOUNTED["routes"] or not browser:
        return
    from ui.web import cookie

    ticket = sign_in.ticket_for(_store(), account_id, browser)
    cookie.keep(f"{SESSION_PATH}?{urlencode({'ticket': ticket, 'next': here()})}")


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
    return [
        Route(SESSION_PATH, session),
        Route(SIGN_OUT_PATH, sign_out, methods=["GET", "POST"]),
        downloads.route(),
    ]


def middleware() -> list[Middleware]:
    """What serve.py puts in front of Streamlit's routes (:mod:`ui.web.headers`)."""
    return [Middleware(Guard)]


def sign_out_address() -> str:
    """Where the app sends the browser after ending its sessions: the route with the
    token of this browser's session cookie (see the module)."""
    from tracker.usecases import sign_in

    cookie = st.context.cookies.get(sign_in.COOKIE) or ""
    token = sign_in.sign_out_token(_store(), cookie) if cookie else ""
    return f"{SIGN_OUT_PATH}?{urlencode({'t': token})}" if token else "/"
