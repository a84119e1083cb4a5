"""Who is at the other end of this session's websocket: its address and whether its page
is the app's own.

A browser sends the ``Origin`` of the page that opened the websocket; a page of another
site (or another port of this host, or this host's IP address) opens the app's websocket
with the user's cookies just the same, and Streamlit's own check compares host names only.
:func:`origin_ok` is what lets the session cookie sign a websocket in: its ``Origin`` must
be this app's scheme, host and port (the ``Host`` it was asked for, with the scheme the
proxy reports) or one of ``$TRACKER_ALLOWED_ORIGINS`` (comma-separated, for a proxy that
rewrites ``Host``). A websocket without ``Origin`` (no browser sends one without) is not
restored either.

The address (:func:`source`) is the peer's, or, when the peer is this machine or one of
``$TRACKER_TRUSTED_PROXIES`` (a proxy in front), the ``X-Real-IP`` the proxy set (else the
last ``X-Forwarded-For`` entry, the one the proxy added).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from urllib.parse import urlsplit

import streamlit as st

LOOPBACK = "127.0.0.1"


def _listed(name: str) -> set[str]:
    return {
        item.strip().rstrip("/") for item in os.environ.get(name, "").split(",") if item.strip()
    }


def _trusted(peer: str) -> bool:
    return peer in {LOOPBACK, "::1", "localhost"} | _listed("TRACKER_TRUSTED_PROXIES")


def forwarded_for(peer: str, headers: Mapping[str, str]) -> str:
    """The client's address: `peer`, or what a trusted proxy in front says it is."""
    if not _trusted(peer):
        return peer
    real = (headers.get("X-Real-Ip") or headers.get("X-Real-IP") or "").strip()
    if real:
        return real[:64]
    chain = [part.strip() for part in (headers.get("X-Forwarded-For") or "").split(",")]
    return (chain[-1] or peer)[:64] if chain else peer


def scheme_of(peer: str, headers: Mapping[str, str], direct: str = "http") -> str:
    """``https`` when a trusted proxy says the browser came over TLS (``X-Forwarded-Proto``)
    or `direct` is https (the server's own TLS), else ``http``."""
    told = (headers.get("X-Forwarded-Proto") or "").strip().lower()
    if told in {"http", "https"} and _trusted(peer):
        return told
    return direct


def own_origins(peer: str, headers: Mapping[str, str], direct: str = "http") -> set[str]:
    """The origins whose pages are this app's: the ``Host`` asked for with this scheme,
    and ``$TRACKER_ALLOWED_ORIGINS``."""
    allowed = _listed("TRACKER_ALLOWED_ORIGINS")
    host = (headers.get("Host") or "").strip()
    if host:
        allowed.add(f"{scheme_of(peer, headers, direct)}://{host}".lower())
    return allowed


def is_own_origin(origin: str | None, peer: str, headers: Mapping[str, str], direct: str) -> bool:
    """Whether `origin` (the websocket's ``Origin``) is one of :func:`own_origins`."""
    if not origin:
        return False
    parts = urlsplit(origin.strip().lower())
    return f"{parts.scheme}://{parts.netloc}" in own_origins(peer, headers, direct)


def _direct_scheme() -> str:
    return "https" if st.get_option("server.sslCertFile") else "http"


def _peer() -> str:
    peer = st.context.ip_address
    return peer if isinstance(peer, str) and peer else LOOPBACK  # None for this machine


def _headers() -> dict[str, str]:
    """The websocket handshake's headers (none under AppTest, which has no websocket)."""
    try:
        found = dict(st.context.headers)
    except (TypeError, ValueError):
        return {}
    return {k: v for k, v in found.items() if isinstance(k, str) and isinstance(v, str)}


def origin_ok() -> bool:
    """Whether this session's websocket was opened by a page of this app (see the module)."""
    headers = _headers()
    return is_own_origin(headers.get("Origin"), _peer(), headers, _direct_scheme())


def source() -> str:
    """This session's client address (see the module)."""
    return forwarded_for(_peer(), _headers())


def browser_key() -> str:
    """A hash of the secret this browser holds (Streamlit's XSRF token, the same in every
    tab), which the cookie route can check on the request that redeems a ticket; "" when
    there is none."""
    from ui.web.headers import xsrf_key

    return xsrf_key(st.context.cookies.get("_streamlit_xsrf", ""))
