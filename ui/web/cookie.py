"""The session cookie of a sign-in, set from the page itself: the browser stays where it is.

A script cannot set a cookie, so a sign-in makes a one-time ticket that the route
:func:`ui.web.session` exchanges for the HttpOnly cookie. This component (our own fixed
JavaScript, never user text) fetches that route in the background with the browser's
cookies (its XSRF cookie is what the ticket is bound to) and ``redirect: "manual"``: the
browser keeps the route's ``Set-Cookie`` and does not load the page the route points back
to. Meanwhile the session that signed in goes on in the same page and draws the page asked
for. (Sending the browser to the route instead reloaded the whole front end: a new
session, Streamlit's and plotly's JavaScript evaluated again, 1-2 s on a phone before the
first chart.)

The ticket keeps every property it had: one use, short-lived, refused in another browser.
The component is drawn at every run of the session that signed in (a run can be cut short
by the next one before the browser has it); the browser fetches each ticket once, and a
ticket fetched twice is refused the second time and leaves the cookie as it was.
Protocol clients (``bench/streamlit_client.py``) read the address from the component's
data (:data:`COMPONENT`) and follow it themselves.
"""

from __future__ import annotations

import streamlit as st

from ui import this_run

COMPONENT = "tracker_cookie"
PENDING = "web.cookie_ticket"
_DRAWN = "web.cookie_drawn"  # kept for the run that drew it (ui.this_run)

_JS = """
export default function ({ data }) {
  if (!data.url || window.trackerCookieFetched === data.url) return;
  window.trackerCookieFetched = data.url;
  window.fetch(data.url, { credentials: 'same-origin', redirect: 'manual', cache: 'no-store' })
    .catch(() => {});
}
"""

_component = st.components.v2.component(COMPONENT, js=_JS, isolate_styles=False)


def keep(url: str) -> None:
    """Remember the cookie route's address (with its ticket) for :func:`send`."""
    st.session_state[PENDING] = url


def send() -> None:
    """Draw the component with the remembered address, once per run (hidden by
    :data:`ui.styles.APP_CSS`); nothing when this session has not signed in here."""
    url = st.session_state.get(PENDING)
    if not url or this_run.recall(_DRAWN):
        return
    this_run.keep(_DRAWN, True)
    with st.container(key="tracker-cookie"):
        _component(key="web.cookie", data={"url": url})
