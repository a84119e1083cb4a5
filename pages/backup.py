"""Sao lưu: the quản trị makes a backup (the database and the kept original files) into a
folder on the server. Restoring replaces the database the app has open, so it is done
from the command line with the app stopped. UI only: the work is tracker.usecases.backup."""

from datetime import datetime

import streamlit as st

from domain.access import Action
from domain.errors import Rejected
from tracker.usecases import backup
from ui import data
from ui.frame import plain_frame
from ui.plain import md
from ui.session import user

plain_frame(
    "Sao lưu",
    "Một bản sao nhất quán của cơ sở dữ liệu và mọi tệp báo cáo gốc, vào một thư mục mới.",
    needs=(Action.BACKUP,),
)
store = data.get_store()
suggested = store.path.parent / "backups" / datetime.now().strftime("%Y%m%d-%H%M")
folder = st.text_input(
    "Thư mục sao lưu (trên máy chủ; mới hoặc trống)", value=str(suggested), key="backup.folder"
)
if st.button("Sao lưu ngay", type="primary", key="backup.run"):
    try:
        made = backup.backup(store, user(), folder)
    except Rejected as refused:
        st.error(md(refused.problems[0].message))
    else:
        st.success(
            f"Đã sao lưu vào {folder}: {backup.describe_counts(made['counts'], made['blobs'])}."
        )
st.markdown(
    "**Khôi phục** thay cơ sở dữ liệu mà ứng dụng đang mở, nên làm bằng dòng lệnh khi đã "
    "dừng ứng dụng:\n\n"
    "```\npython -m tracker restore THƯ_MỤC_SAO_LƯU [--db TỆP] [--force]\n```\n"
    "Lệnh từ chối ghi đè cơ sở dữ liệu đang có nếu thiếu `--force` (bản cũ vẫn được giữ lại "
    "bên cạnh), và cho biết đã khôi phục những gì."
)
