"""Two-step buttons for what cannot be undone with one click, and the message after it.

:func:`two_step` draws a button; clicking it does nothing yet but opens a box that says what
will change (the caller's words, computed by a use case) with «Xác nhận» and «Huỷ». The
pending step remembers its *target* (a report id, a plan code): if the user picks another
target meanwhile, the box closes, so a confirmation always names what it acts on.
:func:`flash` / :func:`show_flash` carry the "what was done" line across the rerun that
follows a write.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

PENDING = "confirm.pending"
FLASH = "confirm.flash"


def two_step(
    key: str,
    label: str,
    target: object,
    question: str,
    details: Sequence[str] = (),
    *,
    confirm_label: str = "Xác nhận",
    disabled: bool = False,
    where=None,
) -> bool:
    """True on the run where the user confirms `question` about `target`."""
    where = where or st
    pending = st.session_state.setdefault(PENDING, {})
    clicked = where.button(label, key=key, disabled=disabled)
    if clicked:
        pending[key] = target
    if disabled or key not in pending or pending[key] != target:
        pending.pop(key, None)
        return False
    box = where.container(border=True)
    box.warning(question)
    if details:
        box.markdown("\n".join(f"- {line}" for line in details))
    yes, no = box.columns(2)
    if yes.button(confirm_label, type="primary", key=f"{key}.yes"):
        pending.pop(key, None)
        return True
    if no.button("Huỷ", key=f"{key}.no"):
        pending.pop(key, None)
        st.rerun()
    return False


def flash(message: str, kind: str = "success") -> None:
    """Keep `message` to show once after the next rerun."""
    st.session_state.setdefault(FLASH, []).append((kind, message))


def show_flash() -> None:
    """Show (and forget) the messages kept by :func:`flash`."""
    for kind, message in st.session_state.pop(FLASH, []):
        getattr(st, kind)(message)
