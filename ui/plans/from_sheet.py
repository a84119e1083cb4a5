"""The «Nhập từ Excel» tab: the register template (empty or filled with a plan) to
download, and a filled one imported whole, after a confirmation when it overwrites."""

from __future__ import annotations

import streamlit as st

from tracker.usecases import plan_changes, plans
from ui import data, session
from ui.confirm import two_step
from ui.plain import md
from ui.plans.saving import done
from ui.problems import show_problems

EMPTY = "Mẫu trống"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sheet_import(provinces: list[str]) -> None:
    """The template on the left, the filled workbook's import on the right."""
    store = data.get_store()
    codes = data.plans()["code"].tolist()
    left, right = st.columns(2)
    source = left.selectbox("Mẫu điền sẵn", [EMPTY, *codes], key="sheet.source")
    province = left.selectbox("Tỉnh", provinces or [""], key="sheet.province")
    registered = plans.plan_fields(store, source) if source != EMPTY else None
    if registered is not None:
        province = registered.province
    left.download_button(
        "Tải mẫu Excel",
        plans.template_for(store, province, None if source == EMPTY else source),
        file_name="mau_dang_ky_ke_hoach.xlsx",
        key="sheet.download",
        mime=XLSX,
    )
    upload = right.file_uploader("Tệp đăng ký đã điền (.xlsx)", type=["xlsx"], key="sheet.file")
    if upload is None:
        return
    found = plan_changes.workbook_changes(store, upload.getvalue(), upload.name)
    if found is None:
        confirmed = right.button("Nhập", type="primary", key="sheet.import")
    else:
        confirmed = two_step(
            "sheet.import",
            "Nhập",
            (upload.file_id, found.code, tuple(found.lines())),
            f"{md(upload.name)} ghi kế hoạch {md(found.code)}, đã có: nhập sẽ ghi đè. "
            "Những gì sẽ thay đổi:",
            [md(line) for line in found.lines()],
            confirm_label="Xác nhận ghi đè",
            where=right,
        )
    if not confirmed:
        return
    outcome = plans.import_workbook(store, session.user(), upload.getvalue(), upload.name)
    saved = outcome.saved
    if saved:
        done(
            f"Đã nhập {md(upload.name)}: {saved.tasks} nhiệm vụ, "
            f"{saved.assignments} lượt giao đơn vị.",
            outcome.warnings,
        )
    st.error(
        f"{md(upload.name)}: không nhận tệp. Hãy sửa các lỗi sau rồi tải lại; không có gì được ghi."
    )
    show_problems(outcome.problems)
