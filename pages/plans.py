"""Kế hoạch: register plans — the list (archive, delete), a plan typed or edited with live
checks, a plan read from its document, the register workbook. Each tab is a part in
ui/plans/; the checks and writes are tracker.usecases.plans and plan_drafts."""

import streamlit as st

from domain.access import Action
from tracker.usecases import units
from ui import data
from ui.frame import page_frame
from ui.plans.editing import edit_plan
from ui.plans.from_document import document_import
from ui.plans.from_sheet import sheet_import
from ui.plans.register import plan_list

page_frame(
    "Kế hoạch",
    "Đăng ký kế hoạch, nhiệm vụ và đơn vị thực hiện: nhập tay, từ Excel "
    "hoặc từ chính văn bản kế hoạch.",
    show_status=False,
    needs=(Action.BROWSE, Action.PLANS),
)
provinces = units.provinces(data.get_store())
listed, edited, from_document, from_sheet = st.tabs(
    ["Danh sách", "Tạo / sửa kế hoạch", "Nhập từ văn bản", "Nhập từ Excel"]
)
with listed:
    plan_list()
with edited:
    edit_plan(provinces)
with from_document:
    document_import(provinces)
with from_sheet:
    sheet_import(provinces)
