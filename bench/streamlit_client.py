"""One Streamlit session driven over Streamlit's own protocol, without a browser.

A browser session is a websocket (``/_stcore/stream``) that carries protobuf messages: the
browser sends ``BackMsg.rerun_script`` (the page, the query string and the widgets' values)
and the server answers with ``ForwardMsg`` deltas (each element drawn, at its place) until
``script_finished``. Uploads are an HTTP ``PUT`` to a URL the server hands out
(``file_urls_request``), then a rerun carrying the uploader's files; a link (the app's own
download route) is a plain ``GET`` with the session's cookies. :class:`Session` speaks
exactly that, so the load bench can drive twenty sessions on two cores, where twenty
Chromium pages saturated them before the servers did.

Like the browser, it keeps the value of every widget it changed and sends them all with
each rerun (the server takes a widget missing from a rerun to be at its default), forgets
those of widgets a run no longer drew or set from the script, and sends a button's press
once. What it does not do, unlike a browser: draw anything or run plotly.js. Surprises:
the XSRF token is the ``_streamlit_xsrf`` cookie's value (set by the health check, which
the browser calls before it opens the websocket), sent as the websocket's second
subprotocol and as the upload's ``X-Xsrftoken`` header; ``st.rerun()`` in a script ends
the run with ``FINISHED_EARLY_FOR_RERUN`` and the next run follows on its own, so a run
is over at the first ``FINISHED_SUCCESSFULLY``.
"""

from __future__ import annotations

import asyncio
import json
import re
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx
from google.protobuf import text_format
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Common_pb2 import FileURLs, UploadedFileInfo
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect

XSRF_COOKIE = "_streamlit_xsrf"
SIGN_IN_FORM = ("Tên đăng nhập", "Mật khẩu", "Đăng nhập")  # the app's fields and button
COOKIE_COMPONENT = "tracker_cookie"  # ui/web/cookie.py
DONE = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR)


def _cookie_route(element: Element) -> str | None:
    """The cookie route with its ticket that a browser would fetch after a sign-in (the
    app's ``tracker_cookie`` component, ui/web/cookie.py), or None."""
    if element.WhichOneof("type") != "bidi_component":
        return None
    component = element.bidi_component
    if not component.component_name.endswith(COOKIE_COMPONENT):
        return None
    return json.loads(component.json or "{}").get("url") or None


class ProtocolError(RuntimeError):
    """The server answered something a browser could not have gone on from."""


@dataclass
class Page:
    """What one script run drew: its elements by place, and where it sent the browser (an
    ``auth_redirect``) or asks it to fetch (the cookie route after a sign-in)."""

    elements: dict[tuple[int, ...], Element] = field(default_factory=dict)
    redirect: str | None = None

    def widgets(self, kind: str) -> list:
        """The widget protos of one kind ("selectbox", "button" …), in drawing order."""
        return [
            getattr(e, kind)
            for _, e in sorted(self.elements.items())
            if e.WhichOneof("type") == kind
        ]

    def widget(self, kind: str, *, key: str | None = None, label: str | None = None):
        """The one widget of `kind` whose user key ends its id as `key` (Streamlit writes
        ``…-<key>``), or whose label starts with `label`."""
        for proto in self.widgets(kind):
            if key is not None and proto.id.endswith(f"-{key}"):
                return proto
            if label is not None and proto.label.startswith(label):
                return proto
        raise ProtocolError(f"no {kind} {key or label!r} on the page")

    def widget_ids(self) -> dict[str, object]:
        """Every widget drawn, by id."""
        found = {}
        for element in self.elements.values():
            proto = getattr(element, element.WhichOneof("type") or "empty", None)
            widget_id = getattr(proto, "id", "")
            if isinstance(widget_id, str) and widget_id.startswith("$$ID-"):
                found[widget_id] = proto
        return found

    def text(self) -> str:
        """Every element's fields as text (Vietnamese kept), for finding what it says."""
        return "\n".join(
            text_format.MessageToString(e, as_utf8=True) for _, e in sorted(self.elements.items())
        )

    def links(self, prefix: str) -> list[str]:
        """The targets of the HTML links the run drew whose address starts with `prefix`."""
        found = []
        for _, e in sorted(self.elements.items()):
            if e.HasField("markdown"):
                found += re.findall(rf'href="({re.escape(prefix)}[^"]*)"', e.markdown.body)
        return found

    def alerts(self) -> list[str]:
        """What the run said in st.info/success/warning/error boxes."""
        return [e.alert.body for _, e in sorted(self.elements.items()) if e.HasField("alert")]

    def exceptions(self) -> list[str]:
        return [e.exception.message for e in self.elements.values() if e.HasField("exception")]


class Session:
    """A browser's session with one app (through `base`, the front's URL), pinned to a
    server by `cookies`; ``async with`` opens the page and closes the websocket."""

    def __init__(
        self,
        base: str,
        cookies: dict[str, str] | None = None,
        timeout: float = 120,
        *,
        origin: str | None = None,
        headers: dict[str, str] | None = None,
    ):
        self.base = base.rstrip("/")
        self.timeout = timeout
        self.origin = origin or self.base  # another site's page when told (security tests)
        self.headers = headers or {}  # added to the websocket's handshake (a proxy's)
        # No kept-alive connections: the server closes an idle one after 5 s, and a request
        # sent on it just then fails where a browser would silently retry.
        self.http = httpx.AsyncClient(
            base_url=self.base,
            cookies=cookies or {},
            timeout=timeout,
            limits=httpx.Limits(max_keepalive_connections=0),
        )
        self.session_id = ""
        self.page_name = ""
        self.query = ""
        self._socket = None
        self._reader: asyncio.Task | None = None
        self._inbox: asyncio.Queue[ForwardMsg] = asyncio.Queue()
        self._cache: dict[str, ForwardMsg] = {}
        self._values: dict[str, WidgetState] = {}  # what the user set, sent with each rerun

    async def __aenter__(self) -> Session:
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()

    async def open(self, page_name: str = "", query: str = "") -> Page:
        """Load the page as a browser does: the HTML, the health check (which sets the
        XSRF cookie), the websocket, then the first run."""
        await self.close_socket()
        (await self.http.get(f"/{page_name}", params=query or None)).raise_for_status()
        (await self.http.get("/_stcore/health")).raise_for_status()
        xsrf = self.http.cookies.get(XSRF_COOKIE, "")
        url = urlsplit(self.base)
        cookie = "; ".join(f"{c.name}={c.value}" for c in self.http.cookies.jar)
        self._socket = await connect(
            f"ws://{url.netloc}/_stcore/stream",
            subprotocols=["streamlit", xsrf] if xsrf else ["streamlit"],
            additional_headers={"Cookie": cookie, **self.headers},
            origin=self.origin,
            max_size=None,
            compression=None,
            open_timeout=self.timeout,
            ping_interval=None,
        )
        self._inbox = asyncio.Queue()
        self._reader = asyncio.create_task(self._read())
        return await self.goto(page_name, query)

    async def goto(self, page_name: str, query: str = "") -> Page:
        """Switch to another page (its url path, "" for the default one)."""
        self.page_name, self.query = page_name, query
        return await self.rerun()

    async def rerun(self, *changed: WidgetState) -> Page:
        """One run of the current page with `changed` widget values; returns what it drew."""
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query
        state.page_name = self.page_name
        for widget in changed:
            if widget.WhichOneof("value") != "trigger_value":
                self._values[widget.id] = widget
        pressed = [w for w in changed if w.WhichOneof("value") == "trigger_value"]
        state.widget_states.widgets.extend([*self._values.values(), *pressed])
        await self._send(message)
        page = await self._collect()
        drawn = page.widget_ids()
        for widget_id in list(self._values):
            proto = drawn.get(widget_id)
            if proto is None or getattr(proto, "set_value", False):
                del self._values[widget_id]
        return page

    async def select(self, page: Page, key: str, starts_with: str) -> Page:
        """Choose, in the selectbox with user key `key`, the option starting `starts_with`."""
        box = page.widget("selectbox", key=key)
        option = next((o for o in box.options if o.startswith(starts_with)), None)
        if option is None:
            raise ProtocolError(f"{key}: no option {starts_with!r} in {list(box.options)[:5]}")
        return await self.rerun(WidgetState(id=box.id, string_value=option))

    async def click(self, button) -> Page:
        return await self.rerun(WidgetState(id=button.id, trigger_value=True))

    async def submit(self, page: Page, values: dict[str, str], button_label: str) -> Page:
        """Fill a form's text inputs (by label) and press its submit button."""
        states = [
            WidgetState(id=page.widget("text_input", label=label).id, string_value=value)
            for label, value in values.items()
        ]
        button = page.widget("button", label=button_label)
        return await self.rerun(*states, WidgetState(id=button.id, trigger_value=True))

    async def sign_in(self, form: Page, login: str, password: str) -> Page:
        """Submit the app's sign-in form drawn on `form`; the run's ``redirect`` is the
        cookie route with its ticket when the sign-in took (:meth:`follow` it)."""
        name_field, password_field, button = SIGN_IN_FORM
        return await self.submit(form, {name_field: login, password_field: password}, button)

    async def upload(self, uploader, name: str, data: bytes, mime: str) -> Page:
        """Put one file into `uploader` as the browser does, then rerun with it chosen."""
        request_id = uuid.uuid4().hex
        message = BackMsg()
        message.file_urls_request.request_id = request_id
        message.file_urls_request.file_names.append(name)
        message.file_urls_request.session_id = self.session_id
        await self._send(message)
        answer = await self._expect("file_urls_response", request_id)
        if answer.file_urls_response.error_msg:
            raise ProtocolError(answer.file_urls_response.error_msg)
        urls: FileURLs = answer.file_urls_response.file_urls[0]
        sent = await self.http.put(
            urls.upload_url,
            files={"file": (name, data, mime)},
            headers={"X-Xsrftoken": self.http.cookies.get(XSRF_COOKIE, "")},
        )
        sent.raise_for_status()
        state = WidgetState(id=uploader.id)
        state.file_uploader_state_value.uploaded_file_info.append(
            UploadedFileInfo(name=name, size=len(data), file_id=urls.file_id, file_urls=urls)
        )
        return await self.rerun(state)

    async def fetch(self, url: str) -> bytes:
        """GET a path of this site with the session's cookies (a link's target)."""
        got = await self.http.get(url)
        got.raise_for_status()
        return got.content

    async def follow(self, url: str) -> None:
        """Follow an ``auth_redirect`` or the cookie route (a path of this site) as a
        browser would, keeping the cookies it sets; the page is opened again by the caller."""
        (await self.http.get(url, follow_redirects=True)).raise_for_status()

    async def close_socket(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            self._reader = None
        if self._socket is not None:
            await self._socket.close()
            self._socket = None

    async def close(self) -> None:
        await self.close_socket()
        await self.http.aclose()

    async def _send(self, message: BackMsg) -> None:
        if self._socket is None:
            raise ProtocolError("the page is not open")
        await self._socket.send(message.SerializeToString())

    async def _read(self) -> None:
        assert self._socket is not None
        async for frame in self._socket:
            message = ForwardMsg()
            message.ParseFromString(frame)
            if message.WhichOneof("type") == "ref_hash":
                message = self._cache[message.ref_hash]
            elif message.metadata.cacheable and message.hash:
                self._cache[message.hash] = message
            await self._inbox.put(message)
        await self._inbox.put(ForwardMsg())  # closed: wakes whoever waits

    async def _next(self) -> ForwardMsg:
        message = await asyncio.wait_for(self._inbox.get(), self.timeout)
        if message.WhichOneof("type") is None:
            raise ProtocolError("the server closed the websocket")
        return message

    async def _expect(self, kind: str, request_id: str) -> ForwardMsg:
        while True:
            message = await self._next()
            if message.WhichOneof("type") != kind:
                continue
            if getattr(message, kind).response_id == request_id:
                return message

    async def _collect(self) -> Page:
        page = Page()
        while True:
            message = await self._next()
            kind = message.WhichOneof("type")
            if kind == "new_session":
                page = Page()  # a run (re)starts: what the last one drew is replaced
                if message.new_session.HasField("initialize"):
                    self.session_id = message.new_session.initialize.session_id
            elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element
                page.elements[tuple(message.metadata.delta_path)] = element
                page.redirect = _cookie_route(element) or page.redirect
            elif kind == "auth_redirect":
                page.redirect = message.auth_redirect.url
            elif kind == "page_info_changed":
                self.query = message.page_info_changed.query_string
            elif kind == "page_not_found":
                raise ProtocolError(f"page not found: {self.page_name!r}")
            elif kind == "script_finished" and message.script_finished in DONE:
                if message.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise ProtocolError("the script did not compile")
                return page
