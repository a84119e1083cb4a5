"""The «Danh sách» tab: the registered plans, and one chosen plan archived, restored or
deleted (each after a confirmation that says what it does)."""

from __future__ import annotations

import streamlit as st

from tracker.usecases import plans
from ui import aliases as aliases_ui
from ui import data, session
from ui.confirm import two_step
from ui.format import vn_date
from ui.plain import md
from ui.plans.saving import done
from ui.problems import show_problems

HEADERS = {
    "code": "Số hiệu",
    "title": "Tên kế hoạch",
    "issued_on": "Ngày",
    "issuer": "Cơ quan ban hành",
    "directive": "Thực hiện",
    "tasks": "Số nhiệm vụ",
    "archived": "Trạng thái",
}


def plan_list() -> None:
    """The plans as a table, then what may be done to one of them."""
    listed = data.plans()
    if listed.empty:
        st.info("Chưa có kế hoạch nào.")
        return
    shown = listed.assign(
        issued_on=[vn_date(d) for d in listed["issued_on"]],
        archived=["Lưu trữ" if a else "" for a in listed["archived"]],
    )[list(HEADERS)]
    st.dataframe(shown.rename(columns=HEADERS), hide_index=True, width="stretch", key="plans.list")
    chosen = st.selectbox("Kế hoạch", listed["code"].tolist(), key="plans.manage")
    archived = bool(listed.loc[listed["code"] == chosen, "archived"].item())
    aliases_ui.remembered_names(plan_code=chosen, kind="task")
    left, right = st.columns(2)
    with left:
        _archive(chosen, archived)
    with right:
        _delete(chosen)


def _archive(code: str, archived: bool) -> None:
    verb = "Bỏ lưu trữ" if archived else "Lưu trữ"
    if two_step(
        "plans.archive",
        verb,
        (code, archived),
        f"{verb} kế hoạch {md(code)}?",
        [
            "Kế hoạch hiện lại trên các trang theo dõi và trang tải báo cáo."
            if archived
            else "Kế hoạch thôi hiện trên các trang theo dõi và trang tải báo cáo; "
            "số liệu và báo cáo vẫn được giữ, có thể bỏ lưu trữ."
        ],
        confirm_label=f"Xác nhận {verb.lower()}",
    ):
        plans.set_archived(data.get_store(), session.user(), code, not archived)
        done(f"Đã {verb.lower()} kế hoạch {md(code)}.")


def _delete(code: str) -> None:
    store = data.get_store()
    removal = plans.deletion(store, code)
    if not removal.allowed:
        st.caption(removal.refusal)
    if two_step(
        "plans.delete",
        "Xoá kế hoạch",
        code,
        f"Xoá hẳn kế hoạch {md(code)}?",
        removal.lines(),
        confirm_label="Xác nhận xoá hẳn",
        disabled=not removal.allowed,
    ):
        outcome = plans.delete_plan(store, session.user(), code)
        if outcome.ok:
            done(
                f"Đã xoá kế hoạch {md(code)}: {removal.tasks} nhiệm vụ, việc giao cho "
                f"{removal.units} đơn vị."
            )
        show_problems(outcome.errors)
