"""The plan page's form and task editor: the plan's own fields, and the task table edited
in place with its live checks beside it. Drawing only; the checks are the use case's
(:func:`tracker.usecases.plan_drafts.check_editor_rows`), shown by ui.problems."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from domain.model import TASK_COLUMNS, TASK_LABELS, PlanFields
from domain.problems import Problem
from tracker.usecases import plan_drafts, plans
from tracker.usecases.units import Registry
from ui.format import DATE_FORMAT, vn_date
from ui.problems import FILLS, show_problems

CYCLE_CODES: list[str] = list(plans.CYCLE_LABELS)
RECURRENCE_LABELS = {"continuous": "Thường xuyên", **plans.CYCLE_LABELS}
SHOWN_PROBLEMS = 20
"""The editor shows its first errors and warnings only: the rest follow once those are fixed."""


def plan_form(fields: PlanFields, key: str, provinces: list[str]) -> PlanFields:
    """The plan's own fields; returns what the user typed."""
    left, right = st.columns(2)
    code = left.text_input("Số hiệu", fields.code, key=f"{key}.code", placeholder="84-KH/BTGTU")
    issued = left.date_input(
        "Ngày ban hành", fields.issued_on, key=f"{key}.date", format=DATE_FORMAT
    )
    options = provinces or [fields.province or ""]
    province = left.selectbox(
        "Tỉnh (danh mục đơn vị)",
        options,
        key=f"{key}.province",
        index=options.index(fields.province) if fields.province in options else 0,
    )
    issuer = right.text_input("Cơ quan ban hành", fields.issuer, key=f"{key}.issuer")
    cycle = right.selectbox(
        "Chu kỳ báo cáo nhiệm vụ thường xuyên",
        CYCLE_CODES,
        index=CYCLE_CODES.index(fields.report_cycle) if fields.report_cycle in CYCLE_CODES else 2,
        format_func=lambda c: plans.CYCLE_LABELS.get(c, c),
        key=f"{key}.cycle",
    )
    until = right.date_input(
        "Theo dõi đến ngày",
        fields.tracked_until,
        key=f"{key}.until",
        format=DATE_FORMAT,
        help="Mặc định: hết năm sau năm ban hành.",
    )
    title = st.text_area("Tên kế hoạch", fields.title, key=f"{key}.title", height=68)
    d1, d2, d3 = st.columns([1, 1, 2])
    directive = d1.text_input(
        "Thực hiện văn bản số", fields.directive_code, key=f"{key}.dcode", placeholder="32-CT/TW"
    )
    d_date = d2.date_input(
        "Ngày của văn bản", fields.directive_date, key=f"{key}.ddate", format=DATE_FORMAT
    )
    d_issuer = d3.text_input(
        "Cơ quan ban hành văn bản", fields.directive_issuer, key=f"{key}.dissuer"
    )
    d_title = st.text_input("Trích yếu văn bản", fields.directive_title, key=f"{key}.dtitle")
    return PlanFields(
        code,
        title,
        issued,
        issuer,
        province or "",
        directive,
        d_date,
        d_issuer,
        d_title,
        cycle or "half_yearly",
        until,
        fields.code_note,
    )


def task_editor(
    rows: list[dict], key: str, registry: Registry, issued_on: date | None
) -> tuple[list[dict], list[Problem]]:
    """The task table, edited in place, the live checks of what it holds (a row each) and
    its first errors and warnings located by the table's labels; returns the rows as edited
    and every problem found."""
    base = pd.DataFrame(
        [{c: str(r.get(c) or "") for c in TASK_COLUMNS} for r in rows],
        columns=list(TASK_COLUMNS),
        dtype=object,
    )
    edited = st.data_editor(
        base,
        key=key,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config={c: st.column_config.TextColumn(TASK_LABELS[c]) for c in TASK_COLUMNS}
        | {"title": st.column_config.TextColumn(TASK_LABELS["title"], width="large")},
    )
    st.caption(
        "Đơn vị: cách nhau bằng “;”. Viết tên, tên viết tắt, “Nhóm: <tên nhóm>” hoặc "
        "“Tất cả đơn vị”."
    )
    current = edited.astype(object).where(edited.notna(), "").to_dict("records")
    checked, problems = plan_drafts.check_editor_rows(current, registry, issued_on)
    table = pd.DataFrame(
        [
            {
                "Mã NV": c.row.get("code"),
                "Thời hạn": c.row.get("deadline_text"),
                "Bắt đầu": vn_date(c.start),
                "Hạn": vn_date(c.due),
                "Lặp lại": RECURRENCE_LABELS.get(c.recurrence or "", ""),
                "Số đơn vị": len(c.units),
                "Kiểm tra": "Không đọc được thời hạn"
                if c.unparsed
                else "Thời hạn trước ngày ban hành kế hoạch"
                if c.early
                else ("Đơn vị chưa có: " + "; ".join(c.unknown) if c.unknown else "✓"),
            }
            for c in checked
        ]
    )
    if not table.empty:
        fills = [FILLS["error"] if c.unparsed or c.early or c.unknown else "" for c in checked]
        st.dataframe(
            table.style.apply(lambda r: [fills[r.name]] * len(r), axis=1),
            hide_index=True,
            width="stretch",
            key=f"{key}.checks",
        )
    shown = [p for p in problems if p.severity != "info"][:SHOWN_PROBLEMS]
    show_problems(shown, TASK_LABELS)
    return current, problems
