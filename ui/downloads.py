"""Download buttons whose file is made when clicked, and the route that makes it.

Streamlit's own button for a callable (``st.download_button(data=callable)``) runs it on
the click and keeps the file in its media store without any session referring to it; the
end of every script run, any session's, sweeps such files, and the second sweep deletes
it. With several people working, that can come before the browser asks for the file, which
is then answered 404. So where ``serve.py`` has mounted :func:`route`, :func:`button` draws
a link to :data:`PATH` instead, and the route makes the file in the request that fetches
it: nothing to sweep.

A link carries a random token bound to this session and button (the same token while the
page is redrawn, the callable replaced each run, so it always downloads what the page
shows). The route answers only the account that drew it, checked from the session
cookie, and only while that account's role still allows `needs`. Without the routes
(AppTest, ``streamlit run dashboard.py``) Streamlit's button is drawn.
"""

from __future__ import annotations

import html
import logging
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import streamlit as st
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from tracker.domain.access import Action, allows
from tracker.usecases import sign_in
from ui import web
from ui.session import OPEN, current_actor

_LOG = logging.getLogger(__name__)
PATH = "/tai-xuong"
LIFE_S = 3600  # a link drawn more than an hour ago asks for a reload
MOST = 5000  # offers kept at once in a process; the oldest go first
GONE = "Liên kết tải đã hết hạn. Hãy tải lại trang rồi bấm nút tải một lần nữa."
FAILED = "Không tạo được tệp để tải. Hãy thử lại; nếu vẫn lỗi, hãy báo quản trị hệ thống."
REFUSED = "Liên kết tải này thuộc phiên đăng nhập khác. Hãy đăng nhập rồi bấm nút trên trang."


@dataclass
class Offer:
    make: Callable[[], bytes | str]
    file_name: str
    mime: str
    login: str | None  # None while the database has no account (the app is open)
    needs: Action
    drawn_at: float


_offers: dict[str, Offer] = {}
_lock = threading.Lock()


def _keep(token: str, offer: Offer) -> None:
    with _lock:
        _offers[token] = offer
        stale = [t for t, o in _offers.items() if time.monotonic() - o.drawn_at > LIFE_S]
        for t in stale:
            del _offers[t]
        while len(_offers) > MOST:
            del _offers[next(iter(_offers))]


def _taken(token: str) -> Offer | None:
    with _lock:
        offer = _offers.get(token)
    if offer is None or time.monotonic() - offer.drawn_at > LIFE_S:
        return None
    return offer


def button(
    label: str,
    make: Callable[[], bytes | str],
    *,
    file_name: str,
    mime: str,
    key: str,
    needs: Action,
    help: str | None = None,
    icon: str | None = None,
    container: Any = None,
) -> None:
    """A button that downloads what `make` returns when clicked (see the module); `icon`
    shows only on Streamlit's button."""
    where = container if container is not None else st
    if not web.MOUNTED["downloads"]:
        where.download_button(
            label,
            data=make,
            file_name=file_name,
            mime=mime,
            key=key,
            on_click="ignore",
            help=help,
            icon=icon,
        )
        return
    token = st.session_state.setdefault(f"download.{key}", secrets.token_urlsafe(24))
    actor = current_actor()
    login = None if actor is None or actor is OPEN else actor.login
    _keep(token, Offer(make, file_name, mime, login, needs, time.monotonic()))
    title = f' title="{html.escape(help)}"' if help else ""
    where.markdown(
        f'<a class="tracker-download" href="{PATH}?t={token}" download{title}>'
        f"{html.escape(label)}</a>",
        unsafe_allow_html=True,
    )


def _disposition(file_name: str) -> str:
    plain = file_name.encode("ascii", "replace").decode().replace('"', "").replace("?", "_")
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(file_name)}"


def download(request: Request) -> Response:
    """Make and send the file of a drawn button, to the account that drew it."""
    offer = _taken(request.query_params.get("t", ""))
    if offer is None:
        return PlainTextResponse(GONE, status_code=404)
    if offer.login is not None:
        cookie = request.cookies.get(sign_in.COOKIE)
        actor = sign_in.resume(web.store(), cookie) if cookie else None
        if actor is None or actor.login != offer.login or not allows(actor, offer.needs):
            return PlainTextResponse(REFUSED, status_code=403)
    try:
        made = offer.make()
    except Exception:  # noqa: BLE001 - logged with its traceback; the user gets a sentence
        _LOG.exception("making %s for a download failed", offer.file_name)
        return PlainTextResponse(FAILED, status_code=500)
    data = made.encode("utf-8") if isinstance(made, str) else made
    headers = {"Content-Disposition": _disposition(offer.file_name), "Cache-Control": "no-store"}
    return Response(data, media_type=offer.mime, headers=headers)


def route() -> Route:
    """The download route; serve.py mounts it beside :func:`ui.web.routes`."""
    web.MOUNTED["downloads"] = True
    return Route(PATH, download)
