"""Two-step buttons for what cannot be undone with one click, and the message after it.

:func:`two_step` draws a button; clicking it does nothing yet but opens a box that says what
will change (the caller's words, computed by a use case) with «Xác nhận» and «Huỷ». The
pending step remembers its *target* (a report id, a plan code): if the user picks another
target meanwhile, the box closes, so a confirmation always names what it acts on.
:func:`flash` / :func:`show_flash` carry the "what was done" line (and the warnings of what
was saved, as ui.problems draws them) across the rerun that follows a write; the page frame
shows it right under the title and scrolls it into view
(after a click far down the page the top is out of sight), one summary line with the
per-file details folded under it. Files refused in a batch (:func:`keep_refused`) stay
listed at the top of the page until someone dismisses the list: staff must get them again.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from domain.problems import Problem
from ui import viewport
from ui.plain import md
from ui.problems import show_problems

PENDING = "confirm.pending"
FLASH = "confirm.flash"
REFUSED = "confirm.refused"
SHOWN = "confirm.shown"


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


def flash(
    message: str,
    kind: str = "success",
    details: Sequence[str] = (),
    problems: Sequence[Problem] = (),
) -> None:
    """Keep `message` (and its `details`, shown folded, and the `problems` of what was
    written, as their table) to show once after the next rerun."""
    st.session_state.setdefault(FLASH, []).append((kind, message, list(details), list(problems)))


def keep_refused(lines: Sequence[str]) -> None:
    """Add refused files (one line each: file and why) to the list kept until dismissed."""
    if lines:
        st.session_state.setdefault(REFUSED, []).extend(lines)


def _dismiss() -> None:
    st.session_state.pop(REFUSED, None)


def show_flash() -> None:
    """Show (and forget) the messages kept by :func:`flash`, brought into view, then the
    refused files still to get again. Drawn by the page frame under the title."""
    messages = st.session_state.pop(FLASH, [])
    if messages:
        st.session_state[SHOWN] = st.session_state.get(SHOWN, 0) + 1
        viewport.bring_into_view(f"flash-{st.session_state[SHOWN]}")
    for kind, message, details, problems in messages:
        getattr(st, kind)(message)
        if details:
            with st.expander(f"Chi tiết từng tệp ({len(details)})"):
                st.markdown("\n".join(f"- {md(line)}" for line in details))
        show_problems(problems)
    refused = st.session_state.get(REFUSED)
    if refused:
        box = st.container(border=True)
        box.warning(
            f"{len(refused)} tệp bị từ chối, chưa được ghi: hãy liên hệ đơn vị để nhận tệp đã "
            "sửa rồi tải lên lại."
        )
        box.markdown("\n".join(f"- {md(line)}" for line in refused))
        box.button(
            "Đã ghi nhận, ẩn danh sách này", key="confirm.refused.dismiss", on_click=_dismiss
        )
