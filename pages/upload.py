"""Tải báo cáo lên: pick the plan (and unit), download the template, drop report files, see
what would be written with every problem highlighted, confirm, and manage past uploads.
Each step is a part in ui/upload/; reading and checking are tracker.usecases.ingest's."""

import streamlit as st

from domain.access import Action
from ui.frame import page_frame
from ui.upload.choosing import choose, template_help
from ui.upload.history import past_uploads
from ui.upload.preview import drop_and_preview

filters = page_frame(
    "Tải báo cáo lên",
    "Nạp báo cáo của các đơn vị (Excel, ODS, CSV): kiểm tra từng ô, xem trước, rồi mới ghi.",
    show_status=False,
    needs=(Action.BROWSE, Action.UPLOAD),
)
choice = choose(filters.plan)
if choice is None:
    st.stop()
template_help(choice)
drop_and_preview(choice)
past_uploads(choice.plan)
