"""What ``serve.py`` adds in front of Streamlit's own routes (an ASGI middleware):

- every HTTP answer says it may be framed only by this site
  (``Content-Security-Policy: frame-ancestors 'self'``, ``X-Frame-Options``) and must not be
  sniffed as another type;
- ``/_stcore/metrics`` (Streamlit's counters of sessions and memory) is closed: 404;
- an upload (``PUT /_stcore/upload_file/…``) is taken only from a browser signed in with
  the session cookie while the database has accounts, so nobody can park files on the
  server before signing in (the size per file is ``server.maxUploadSize``; how many and
  how fast is the proxy's job, deploy/nginx-tracker.conf).
"""

from __future__ import annotations

import hashlib
from typing import Any

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import PlainTextResponse

SECURITY_HEADERS = [
    (b"content-security-policy", b"frame-ancestors 'self'"),
    (b"x-frame-options", b"SAMEORIGIN"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
]
CLOSED = ("/_stcore/metrics",)
UPLOAD = "/_stcore/upload_file/"
UPLOAD_REFUSED = "Hãy đăng nhập trước khi tải tệp lên."


def xsrf_key(cookie: str) -> str:
    """The hash of the token inside Streamlit's XSRF cookie (its mask changes each time the
    cookie is set again; the token does not), or "" for no cookie."""
    from streamlit.web.server.starlette.starlette_app_utils import decode_xsrf_token_string

    token, _ = decode_xsrf_token_string(cookie or "")
    return hashlib.sha256(token).hexdigest() if token else ""


def _signed_in(request: Request) -> bool:
    from tracker.usecases import accounts, sign_in
    from ui import data

    store = data.get_store()
    if not accounts.sign_in_required(store):
        return True  # the app is open while the database has no account
    cookie = request.cookies.get(sign_in.COOKIE, "")
    return bool(cookie) and sign_in.resume(store, cookie) is not None


class Guard:
    """The ASGI middleware of the module."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        if path in CLOSED:
            await PlainTextResponse("Not found", status_code=404)(scope, receive, send)
            return
        if path.startswith(UPLOAD) and scope.get("method") == "PUT":
            from starlette.concurrency import run_in_threadpool

            if not await run_in_threadpool(_signed_in, Request(scope)):
                await PlainTextResponse(UPLOAD_REFUSED, status_code=403)(scope, receive, send)
                return

        async def with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                present = Headers(raw=message.get("headers", [])).keys()
                extra = [(k, v) for k, v in SECURITY_HEADERS if k.decode() not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, with_headers)
