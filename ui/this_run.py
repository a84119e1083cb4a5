"""Values kept for the rest of one script run of a session.

The surprise: Streamlit names no script run, but gives each run of a session a new dict of
cursors (``ScriptRunContext.cursors``, replaced by ``reset``). A value kept beside that
dict is this run's; the next run finds another dict and so nothing. Outside a script run
(a download's callable, a test calling a view) nothing is kept.
"""

from __future__ import annotations

from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx


def recall(key: str) -> Any:
    """What :func:`keep` kept under `key` in this run; None otherwise."""
    ctx = get_script_run_ctx()
    found = st.session_state.get(key)
    if ctx is None or not isinstance(found, tuple) or found[0] is not ctx.cursors:
        return None
    return found[1]


def keep(key: str, value: Any) -> None:
    """Keep `value` under `key` until this run ends (nothing outside a run)."""
    ctx = get_script_run_ctx()
    if ctx is not None:
        st.session_state[key] = (ctx.cursors, value)
