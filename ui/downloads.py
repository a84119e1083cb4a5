"""Download buttons whose file is made when clicked, and the route that makes it.

Streamlit's own button for a callable (``st.download_button(data=callable)``) runs it on
the click and keeps the file in its media store without any session referring to it; the
end of every script run, any session's, sweeps such files, and the second sweep deletes
it. With several people working, that can come before the browser asks for the file, which
is then answered 404. So where ``serve.py`` has mounted :func:`route` (through
:func:`ui.web.routes`), :func:`button` draws a link to :data:`PATH` instead, and the route
makes the file in the request that fetches it: nothing to sweep.

Every file made this way leaves an audit row (``download``: who, which file, its size),
whichever way it was drawn; original report files go through here too, never through
Streamlit's ``/media/`` (which answers anyone holding the address).

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

from domain.access import Action, allows
from ui.session import OPEN, current_actor

_LOG = logging.getLogger(__name__)
MOUNTED = {"route": False}  # set once serve.py has mounted the route in this process
PATH = "/tai-xuong"
LIFE_S = 3600  # a link drawn more than an hour ago asks for a reload
MOST = 5000  # offers kept at once in a process; the oldest go first
GONE = "Liên kết tải đã hết hạn. Hãy tải lại trang rồi bấm nút tải một lần nữa."
FAILED = "Không tạo được tệp để tải. Hãy thử lại; nếu vẫn lỗi, hãy báo quản trị hệ thống."
SIGNED_OUT = (
    "Liên kết tải này thuộc một phiên đăng nhập khác, hoặc phiên đã hết. Hãy đăng nhập lại "
    "rồi bấm nút tải trên trang."
)
NOT_ALLOWED = "Vai trò của tài khoản không còn được tải tệp này. Hãy liên hệ quản trị."


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
    """Keep `offer` under `token`, as the newest; forget the oldest ones past their life or
    past :data:`MOST` (the dict is in drawing order, so only its front is looked at)."""
    with _lock:
        _offers.pop(token, None)
        _offers[token] = offer
        while len(_offers) > 1:
            oldest = next(iter(_offers))
            if len(_offers) <= MOST and time.monotonic() - _offers[oldest].drawn_at <= LIFE_S:
                break
            del _offers[oldest]


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
    shows only on Streamlit's button. `label` is read as Markdown: a name from a file or a
    user in it goes through :func:`ui.plain.md`."""
    where = container if container is not None else st
    make = _audited(make, file_name, needs)
    if not MOUNTED["route"]:
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


def _audited(make: Callable[[], bytes | str], file_name: str, needs: Action):
    """`make`, then the download's audit row, for the actor of this session (the route has
    checked it is the cookie's); a role that no longer allows `needs` raises Forbidden."""
    from tracker.usecases.audit_trail import record_download
    from ui import data
    from ui.session import user

    actor = user()

    def made() -> bytes | str:
        body = make()
        size = len(body.encode("utf-8") if isinstance(body, str) else body)
        record_download(data.get_store(), actor, needs, file_name, size)
        return body

    return made


def _disposition(file_name: str) -> str:
    plain = file_name.encode("ascii", "replace").decode().replace('"', "").replace("?", "_")
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(file_name)}"


def download(request: Request) -> Response:
    """Make and send the file of a drawn button, to the account that drew it."""
    offer = _taken(request.query_params.get("t", ""))
    if offer is None:
        return PlainTextResponse(GONE, status_code=404)
    if offer.login is not None:
        from tracker.usecases import sign_in  # here: serve.py starts without pandas
        from ui import data

        cookie = request.cookies.get(sign_in.COOKIE)
        actor = sign_in.resume(data.get_store(), cookie) if cookie else None
        if actor is None or actor.login != offer.login:
            return PlainTextResponse(SIGNED_OUT, status_code=403)
        if not allows(actor, offer.needs):
            return PlainTextResponse(NOT_ALLOWED, status_code=403)
    try:
        made = offer.make()
    except Exception:  # noqa: BLE001 - logged with its traceback; the user gets a sentence
        _LOG.exception("making %s for a download failed", offer.file_name)
        return PlainTextResponse(FAILED, status_code=500)
    body = made.encode("utf-8") if isinstance(made, str) else made
    headers = {"Content-Disposition": _disposition(offer.file_name), "Cache-Control": "no-store"}
    return Response(body, media_type=offer.mime, headers=headers)


def route() -> Route:
    """The download route, one of :func:`ui.web.routes`."""
    MOUNTED["route"] = True
    return Route(PATH, download)
