"""Saving a plan from the page: «Lưu kế hoạch» at once for a new number, after a
confirmation naming what changes over a registered one; what every write does after it."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from domain.model import TASK_LABELS, PlanFields
from domain.problems import Problem
from tracker.usecases import plan_changes, plans
from tracker.usecases.units import Registry
from ui import data, session
from ui.confirm import flash, two_step
from ui.plain import md
from ui.problems import show_problems


def version() -> int:
    """Bumped after every write, so the editors' keys change and they start afresh."""
    return st.session_state.get("plans.version", 0)


def done(message: str, warnings: Sequence[Problem] = ()) -> None:
    """After a write: forget cached reads and editors' edits, say what happened (`message`,
    Markdown: user text in it escaped by the caller) and what the saved plan was warned
    about."""
    data.changed()
    st.session_state["plans.version"] = version() + 1
    flash(message, problems=warnings)
    st.rerun()


def save_button(
    fields: PlanFields,
    rows: list[dict],
    registry: Registry,
    key: str,
    problems: Sequence[Problem] = (),
    disabled: bool = False,
) -> None:
    """«Lưu kế hoạch»: at once for a new plan number (or rows with errors, which the save
    refuses and explains); over a registered plan only after a confirmation naming what
    changes (tracker.usecases.plan_changes)."""
    has_errors = any(p.is_error for p in problems)
    found = None if has_errors else plan_changes.changes(data.get_store(), fields, rows, registry)
    if found is None:
        if st.button("Lưu kế hoạch", type="primary", key=key, disabled=disabled):
            _save(fields, rows, registry)
        return
    lines = found.lines()
    if two_step(
        key,
        "Lưu kế hoạch",
        (found.code, tuple(lines)),
        f"Kế hoạch {md(found.code)} đã có: lưu sẽ ghi đè. Những gì sẽ thay đổi:",
        [md(line) for line in lines],
        confirm_label="Xác nhận ghi đè",
        disabled=disabled,
    ):
        _save(fields, rows, registry, lines if not found.empty else [])


def _save(
    fields: PlanFields, rows: list[dict], registry: Registry, changed: Sequence[str] = ()
) -> None:
    outcome = plans.save_rows(data.get_store(), session.user(), fields, rows, registry)
    saved = outcome.saved
    if saved:
        st.session_state.pop("doc.draft", None)
        done(
            f"Đã lưu kế hoạch {md(fields.code)}: {saved.tasks} nhiệm vụ, "
            f"{saved.assignments} lượt giao đơn vị."
            + "".join(f"\n- {md(line)}" for line in changed),
            outcome.warnings,
        )
    st.error("Chưa lưu: hãy sửa các lỗi dưới đây. Không có gì được ghi.")
    show_problems(outcome.errors, TASK_LABELS)
