"""What the files are for: the plan (following the sidebar's, never guessed), the unit and
report date to use where a file says none, and the report template to hand out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from domain.access import Action
from tracker.usecases import templates
from tracker.views import choices
from ui import data, downloads
from ui.format import DATE_FORMAT

NO_UNIT = "— Theo đơn vị ghi trong tệp —"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Choice:
    """The plan the files report on; the unit and date the user chose for files that give
    none (None: as the file says)."""

    plan: str
    unit: str | None
    unit_id: int | None
    reported_on: date | None


def choose(sidebar_plan: str | None) -> Choice | None:
    """The three boxes in a row; None (with a word on what to do) until a plan is chosen."""
    plans = data.plans()
    codes = [c for c, gone in zip(plans["code"], plans["archived"], strict=True) if not gone]
    if not codes:
        st.info("Chưa có kế hoạch nào. Hãy đăng ký kế hoạch ở trang «Kế hoạch».")
        return None
    left, middle, right = st.columns([2, 2, 1])
    # The box follows the sidebar's plan; with every plan in the sidebar nothing is
    # preselected (a preselected first plan is how reports landed in the other province's).
    if sidebar_plan in codes and st.session_state.get("upload.sidebar") != sidebar_plan:
        st.session_state["upload.plan"] = sidebar_plan
    st.session_state["upload.sidebar"] = sidebar_plan
    plan = left.selectbox(
        "Kế hoạch",
        codes,
        key="upload.plan",
        index=None,
        placeholder="Chọn kế hoạch mà các tệp báo cáo thực hiện",
    )
    if plan is None:
        st.info(
            "Chọn kế hoạch trước khi tải tệp lên. Tệp ghi số hiệu một kế hoạch khác sẽ bị từ "
            "chối, kèm tên kế hoạch của nó."
        )
        return None
    province = plans.set_index("code").loc[plan, "province"]
    unit_rows = data.call(choices.units, province=province)
    units = dict(sorted(zip(unit_rows["name"], unit_rows["unit_id"].astype(int), strict=True)))
    unit = middle.selectbox(
        "Đơn vị báo cáo (khi tệp không ghi)", [NO_UNIT, *units], key="upload.unit"
    )
    reported_on = right.date_input(
        "Ngày báo cáo (thay ngày ghi trong tệp)", value=None, format=DATE_FORMAT, key="upload.date"
    )
    chosen = None if unit == NO_UNIT else unit
    return Choice(plan, chosen, units.get(chosen) if chosen else None, reported_on)


def template_help(choice: Choice) -> None:
    """The report template (the chosen unit's, filled with its last report, or one for
    all) and how a status may be written in it."""
    with st.expander("Mẫu báo cáo và cách ghi tình trạng"):
        downloads.button(
            "Tải mẫu báo cáo (.xlsx)"
            + (f" cho {choice.unit}, điền sẵn báo cáo gần nhất" if choice.unit else " chung"),
            # A callable: the workbook is built only when clicked (all units × tasks can be
            # hundreds of thousands of rows on a large plan).
            lambda: templates.report_template(data.get_store(), choice.plan, choice.unit_id),
            file_name=templates.template_file_name(choice.plan, choice.unit),
            mime=XLSX,
            key="upload.template",
            needs=Action.UPLOAD,
        )
        st.dataframe(
            pd.DataFrame(templates.status_words(), columns=["Cách ghi", "Được hiểu là", "So khớp"]),
            hide_index=True,
        )
