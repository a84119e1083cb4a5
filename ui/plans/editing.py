"""The «Tạo / sửa kế hoạch» tab: a plan typed from scratch or a registered one edited,
its tasks checked as they are typed, saved whole."""

from __future__ import annotations

import streamlit as st

from tracker.usecases import plan_drafts, plans, units
from ui import data
from ui.plans.editor import plan_form, task_editor
from ui.plans.saving import save_button, version

NEW = "— Kế hoạch mới —"


def edit_plan(provinces: list[str]) -> None:
    """The chosen plan's form and task table (empty for a new one), then «Lưu kế hoạch»."""
    store = data.get_store()
    codes = data.plans()["code"].tolist()
    code = st.selectbox("Kế hoạch", [NEW, *codes], key="edit.plan")
    registered = None if code == NEW else plans.plan_fields(store, code)
    if registered is None:  # a new plan (or one deleted in another session meanwhile)
        fields, rows = plan_drafts.new_plan(provinces[0] if provinces else ""), []
    else:
        fields = registered
        rows = plans.plan_rows(store, code, units.load_registry(store, fields.province))
    key = f"edit.{code}.{version()}"
    typed = plan_form(fields, key, provinces)
    registry = units.load_registry(store, typed.province)
    st.subheader("Nhiệm vụ")
    current, problems = task_editor(rows, f"{key}.tasks", registry, typed.issued_on)
    save_button(typed, current, registry, f"{key}.save", problems)
