"""Errors a page can meet, shown as the Vietnamese sentence they carry; the traceback goes to
the server's log only.

Everything the product raises on purpose derives from :class:`domain.errors.TrackerError`
(the database held for longer than the wait, a refused role, a stale link, ...), whose
``str()`` is written for the person at the screen. The entry script runs every page through
:func:`shown`. Anything else is a bug: it is logged the same way and still reaches
Streamlit, which draws it as the configuration says (the tests see it). Streamlit's own
st.stop and st.rerun are not exceptions of this kind and pass through.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

import streamlit as st

from domain.errors import TrackerError
from ui.plain import md

log = logging.getLogger("tracker.pages")

KNOWN = (TrackerError,)


def shown(run: Callable[[], None]) -> None:
    """Run the page `run`; an error of :data:`KNOWN` becomes its message on the page (with
    the time, to find the traceback in the log), anything else is logged and raised."""
    try:
        run()
    except KNOWN as error:
        log.exception("page stopped by %s", type(error).__name__)
        at = datetime.now().strftime("%H:%M:%S ngày %d/%m/%Y")
        st.error(f"{md(error)} (lúc {at})")  # as text: it may carry a name a user typed
    except Exception:
        log.exception("page failed")
        raise
