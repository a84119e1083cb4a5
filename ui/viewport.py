"""What the browser knows and the script does not: how wide the screen is, where to scroll.

Streamlit tells a script nothing about the window (``st.context`` has no width), so a tiny
``st.components.v2`` component (our own fixed JavaScript, never user text) reports once per
session whether the window is narrow (:data:`NARROW_PX`); the charts then take their phone
form by themselves. Until the browser has answered (the first run of a session, AppTest),
the screen counts as wide. The same script, on a narrow screen, closes the sidebar once a
page link in it is tapped, and a second component brings a freshly opened detail into view.

The answer lives in ``st.session_state["viewport.narrow"]`` (a plain key, which survives
page switches) and is never written to the URL: a link shared from a phone opens in the
desktop layout on a desktop. The script asks for a run only when the form drawn was wrong:
a wide window never asks (the form drawn until the browser answers is the wide one), a
phone asks once per session, on the first page it sees. On the sign-in page the component
sits inside the sign-in form, which holds the answer until the tap and sends it with it:
no run of its own before the tap, and the session that signs in goes on to its first
chart in the phone form (:func:`narrow` reads an answer a form delivered, which no
callback announces). The script also keeps the answer in a cookie of the browser
(:data:`COOKIE`, a layout hint, not a credential), so that every later session of that
browser (a reload, a page opened by its address) knows the width in its first run.
"""

from __future__ import annotations

import streamlit as st

NARROW_PX = 640
"""At or below this window width (CSS px) the app draws its phone layout."""

STATE = "viewport.narrow"
COOKIE = "tracker_viewport"
"""The browser's last answer, ``narrow`` or ``wide``, read in a session's first run."""

_REPORT_JS = """
export default function ({ data, setStateValue }) {
  const doc = window.document;
  const query = window.matchMedia('(max-width: NARROW_PXpx)');
  const said = 'COOKIE=' + (query.matches ? 'narrow' : 'wide');
  if (!doc.cookie.split('; ').includes(said)) {
    doc.cookie = said + '; path=/; max-age=31536000; SameSite=Lax';
  }
  // drawn wide until told (null): a run only when that form was the wrong one
  if ((data.narrow === true) !== query.matches) setStateValue('narrow', query.matches);
  // On a phone the sidebar covers the page: once a page chosen in it has opened, close it.
  // (The page, not the address: a menu link can leave the address as it was.)
  if (window.trackerPage !== undefined && window.trackerPage !== data.page && query.matches) {
    const close = doc.querySelector('[data-testid="stSidebarCollapseButton"] button');
    if (close) close.click();
  }
  window.trackerPage = data.page;
  if (doc.body.dataset.trackerViewport) return;
  doc.body.dataset.trackerViewport = '1';
  // A tap on a chart: plotly only clicks a point it has hovered, and a touch screen
  // hovers after the tap; a mousemove at the finger first makes one tap open the detail.
  doc.addEventListener('touchstart', (event) => {
    const drag = event.target.closest && event.target.closest('.js-plotly-plot .nsewdrag');
    if (!drag || event.touches.length !== 1) return;
    const touch = event.touches[0];
    drag.dispatchEvent(new MouseEvent('mousemove', {
      clientX: touch.clientX, clientY: touch.clientY, bubbles: true }));
  }, { capture: true, passive: true });
}
""".replace("NARROW_PX", str(NARROW_PX)).replace("COOKIE", COOKIE)

_SCROLL_JS = """
export default function ({ parentElement }) {
  let el = parentElement.closest('[class*="st-key-tracker-scroll"]') || parentElement;
  while (el && !el.nextElementSibling) el = el.parentElement;
  const target = (el && el.nextElementSibling) || parentElement;
  window.setTimeout(() => target.scrollIntoView({ block: 'start' }), 100);
}
"""

_report = st.components.v2.component("tracker_viewport", js=_REPORT_JS, isolate_styles=False)
_scroll = st.components.v2.component("tracker_scroll", js=_SCROLL_JS, isolate_styles=False)


def _store() -> None:
    answer = st.session_state.get("viewport.report")
    narrow = getattr(answer, "narrow", None) if answer is not None else None
    if narrow is None and isinstance(answer, dict):
        narrow = answer.get("narrow")
    if narrow is not None:
        st.session_state[STATE] = bool(narrow)


def narrow(page: str = "") -> bool:
    """Whether the window is a phone's; mounts the reporting script (call it once per run,
    from the page frame, with the page's title). False until the browser has answered,
    in this session or an earlier one (:data:`COOKIE`)."""
    _store()  # an answer held by a form (the sign-in page's) comes with its submit
    known = st.session_state.get(STATE)
    if known is None:  # a new session: the browser's answer to an earlier one, if any
        said = st.context.cookies.get(COOKIE)
        if said in ("narrow", "wide"):
            known = st.session_state[STATE] = said == "narrow"
    with st.container(key="viewport"):
        _report(
            key="viewport.report",
            data={"narrow": known, "page": page},
            on_narrow_change=_store,
        )
    return bool(st.session_state.get(STATE, False))


def bring_into_view(token: str) -> None:
    """Scroll what is drawn next to the top of the window, once per `token` (e.g. the cell
    just opened): a detail drawn below a tall chart is otherwise off-screen."""
    with st.container(key=f"tracker-scroll-{token}"):
        _scroll(key=f"viewport.scroll.{token}", data={"token": token})
