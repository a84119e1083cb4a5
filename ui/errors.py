"""Errors a page can meet, shown as the Vietnamese sentence they carry; the traceback goes to
the server's log only.

The product raises a few errors on purpose whose text is written for the person at the
screen: :class:`~tracker.store.backend.StoreBusy` (the database held for longer than the
wait), :class:`~tracker.domain.access.Forbidden`, :class:`~tracker.domain.errors.Rejected`;
:class:`~tracker.domain.errors.NotFound` (a stale link) gets a sentence here. The entry
script runs every page through :func:`shown`. Anything else is a bug: it is logged the same
way and still reaches Streamlit, which draws it as the configuration says (the tests see it).
Streamlit's own st.stop and st.rerun are not exceptions of this kind and pass through.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

import streamlit as st

from tracker.domain.access import Forbidden
from tracker.domain.errors import NotFound, Rejected
from tracker.store.backend import StoreBusy

log = logging.getLogger("tracker.pages")

KNOWN = (StoreBusy, Forbidden, Rejected, NotFound)


def message(error: BaseException) -> str:
    """The sentence a person reads for `error` (one of :data:`KNOWN`)."""
    if isinstance(error, NotFound):
        return (
            f"Không tìm thấy {error.kind} «{error.key}» (có thể đường dẫn đã cũ hoặc đã bị "
            "xoá). Hãy chọn lại từ thanh bên hoặc mở trang Tổng quan."
        )
    return str(error)


def shown(run: Callable[[], None]) -> None:
    """Run the page `run`; an error of :data:`KNOWN` becomes its message on the page (with
    the time, to find the traceback in the log), anything else is logged and raised."""
    try:
        run()
    except KNOWN as error:
        log.exception("page stopped by %s", type(error).__name__)
        at = datetime.now().strftime("%H:%M:%S ngày %d/%m/%Y")
        st.error(f"{message(error)} (lúc {at})")
    except Exception:
        log.exception("page failed")
        raise
